// apiref snippets: every operation's request snippets as JSON lines, for scripts and for
// tests that run them.
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "snippets/snippets.h"

namespace apiref::cli {

int run_snippets(const SnippetsArgs& a) {
  LoadedInput in = load_input(a.input, {}, a.only);
  if (!in.usable) {
    if (!in.failure.empty()) std::cerr << in.failure << "\n";
    else print_diagnostics(in.result.diagnostics, false);
    return kUsage;
  }
  print_diagnostics(in.result.diagnostics, true);
  if (!in.result.ok()) return kInputErrors;
  // --description-auth: credentials exactly as the description declares them (what a mock
  // server such as Prism enforces), not as the project says its real server reads them.
  std::vector<std::string> languages = a.languages.empty() ? all_snippet_languages() : a.languages;
  for (const BundleOutput& b : in.result.bundles) {
    AuthConfig auth = a.description_auth ? AuthConfig{} : auth_of(in.config, b.name);
    SnippetOptions options = snippet_options(auth);
    options.server = a.server;
    options.optional_parameters = a.optional_parameters;
    ApiModel m = build_bundle_model(in.config, b, auth);
    for (const Operation& o : m.operations) {
      if (o.is_webhook) continue;
      Request r = build_request(b.document, m, o, options);
      for (const Snippet& s : snippets_for(r, languages)) {
        nlohmann::json line = {{"bundle", b.name}, {"operationId", o.id}, {"method", o.method},
                               {"path", o.path}, {"language", s.language}, {"code", s.code}};
        std::cout << line.dump() << "\n";
      }
    }
  }
  return kOk;
}

}  // namespace apiref::cli
