// The apiref command line: the commands and their flags. Each command is in its own file
// (cli/<command>.cpp): it calls the pipeline, prints what came of it and returns the
// documented exit code (0 ok, 1 input has errors, 2 usage/config/IO).
#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "snippets/snippets.h"
#include "write/interrupt.h"

using namespace apiref;
using namespace apiref::cli;

int main(int argc, char** argv) {
  CLI::App app{"apiref: OpenAPI bundles, checks and static API references"};
  app.set_version_flag("--version", std::string("apiref 0.1.0"));
  app.require_subcommand(1);

  BundleArgs bundle;
  CLI::App* cmd = app.add_subcommand(
      "bundle",
      "Resolve $refs across files and write one self-contained document per bundle.\n"
      "INPUT is an OpenAPI file, or a project (apiref.yaml, or a folder holding one;\n"
      "the default is ./apiref.yaml).");
  cmd->add_option("input", bundle.input, "OpenAPI file, apiref.yaml or project folder");
  cmd->add_option("-o,--output", bundle.output,
                  "output file (single document; default: standard output) or folder "
                  "(project; default: _bundles)");
  cmd->add_option("--format", bundle.format, "yaml or json (default: from -o, else yaml)")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->add_option("--bundle", bundle.only, "only this bundle of the project (repeatable)");
  cmd->add_option("--to", bundle.to,
                  "OpenAPI version to write: 3.0 (a Swagger 2.0 input is always converted to 3.0; "
                  "this refuses an input that would stay 3.1)")
      ->check(CLI::IsMember({"3.0"}));
  cmd->add_flag("--dereference", bundle.dereference,
                "inline every $ref (recursive schemas stay references to components)");
  cmd->add_option("--root", bundle.root,
                  "project root that $refs may not leave (default: the input's folder)");
  cmd->add_flag("--allow-outside-root", bundle.allow_outside_root,
                "allow $refs to files outside the project root");
  cmd->add_flag("-q,--quiet", bundle.quiet, "print errors only, no warnings");
  cmd->add_flag("--timings", bundle.timings, "print how long each stage took");

  BuildArgs build;
  CLI::App* build_cmd = app.add_subcommand(
      "build",
      "Build the static API reference site: a page per operation, tag and schema, search,\n"
      "the bundled descriptions. INPUT as for bundle.");
  build_cmd->add_option("input", build.input, "OpenAPI file, apiref.yaml or project folder");
  build_cmd->add_option("-o,--output", build.output,
                        "output folder (default: _site); replaced atomically. With --format hugo or jekyll: the host\n"
                        "site's root, where only the reference's own folders are written");
  build_cmd->add_option("--format", build.format,
                        "html: a site of its own (default); hugo, jekyll: pages of an existing Hugo or Jekyll site")
      ->check(CLI::IsMember({"html", "hugo", "jekyll"}));
  build_cmd->add_option("--section", build.section,
                        "hugo, jekyll: the reference's folder and URL in the host site (default: site.section, else api)");
  build_cmd->add_option("--content-dir", build.content_dir,
                        "hugo: the host's content folder (default: site.content_dir, else content; content/en for a language)");
  build_cmd->add_option("--templates", build.templates,
                        "folder whose templates (and assets/) replace the built-in ones, file by file");
  build_cmd->add_option("--bundle", build.only, "only this bundle of the project (repeatable)");
  build_cmd->add_option("--root", build.root, "project root that $refs may not leave");
  build_cmd->add_flag("--allow-outside-root", build.allow_outside_root, "allow $refs outside the project root");
  build_cmd->add_flag("-q,--quiet", build.quiet, "print only errors and the summary line");
  build_cmd->add_flag("-v,--verbose", build.verbose, "list every finding, not the first 20");
  build_cmd->add_flag("--strict", build.strict,
                      "refuse input with errors (spec profile, at the project's severities); for CI");
  build_cmd->add_flag("--timings", build.timings, "print how long each stage took");
  build_cmd->add_option("--changes-since", build.changes_since,
                        "git revision (branch, tag, commit): add a \"What changed\" page per bundle and badges on the "
                        "operations that changed since it, as `apiref diff --base REV` finds them (default: "
                        "apiref.yaml's changes.since)");
  // Before builds rendered what they could read, this flag was needed to build past spec
  // errors; it is now what every build does, and kept so that scripts using it still run.
  build_cmd->add_flag("--ignore-spec-errors")->group("");
  build_cmd->add_option("--snippets", build.snippet_languages,
                        "snippet languages, comma-separated (curl,httpie,python,javascript,go) or none");

  ServeArgs serve_args;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve",
      "Build the site in memory and serve it on 127.0.0.1; rebuild on every save and reload open\n"
      "pages. INPUT as for build.");
  serve_cmd->add_option("input", serve_args.build.input, "OpenAPI file, apiref.yaml or project folder");
  serve_cmd->add_option("--port", serve_args.port, "port to listen on (default: 8080)")->check(CLI::Range(1, 65535));
  serve_cmd->add_option("--host", serve_args.host,
                        "address to listen on (default: 127.0.0.1; anything else exposes the site, with a warning)");
  serve_cmd->add_flag("--proxy", serve_args.proxy,
                      "forward the playground's requests to the description's servers through /_apiref/proxy");
  serve_cmd->add_option("--open-allow", serve_args.open_allow,
                        "a further URL prefix the proxy may forward to (repeatable)");
  serve_cmd->add_option("--templates", serve_args.build.templates,
                        "folder whose templates (and assets/) replace the built-in ones, file by file");
  serve_cmd->add_option("--bundle", serve_args.build.only, "only this bundle of the project (repeatable)");
  serve_cmd->add_option("--root", serve_args.build.root, "project root that $refs may not leave");
  serve_cmd->add_flag("--allow-outside-root", serve_args.build.allow_outside_root, "allow $refs outside the project root");
  serve_cmd->add_flag("-q,--quiet", serve_args.build.quiet, "print only errors and the summary line");
  serve_cmd->add_flag("--strict", serve_args.build.strict, "serve nothing new from input with errors");
  serve_cmd->add_option("--snippets", serve_args.build.snippet_languages,
                        "snippet languages, comma-separated (curl,httpie,python,javascript,go) or none");

  SnippetsArgs snippets;
  CLI::App* snippets_cmd = app.add_subcommand(
      "snippets", "Print every operation's request snippets as JSON lines (bundle, operationId, language, code).");
  snippets_cmd->add_option("input", snippets.input, "OpenAPI file, apiref.yaml or project folder");
  snippets_cmd->add_option("--bundle", snippets.only, "only this bundle of the project (repeatable)");
  snippets_cmd->add_option("--language", snippets.languages, "curl, httpie, python, javascript, go (repeatable)")
      ->check(CLI::IsMember(all_snippet_languages()));
  snippets_cmd->add_option("--server", snippets.server, "send requests here instead of the description's server");
  snippets_cmd->add_flag("--optional-parameters", snippets.optional_parameters, "include optional parameters");
  snippets_cmd->add_flag("--description-auth", snippets.description_auth,
                         "send credentials as the description declares them, ignoring apiref.yaml's auth");

  CheckArgs check;
  CLI::App* check_cmd = app.add_subcommand(
      "check",
      "Check OpenAPI descriptions: structure against the OpenAPI 3.0/3.1/3.2 object model, and\n"
      "correctness rules. INPUTS are files, or a project (apiref.yaml or a folder holding one;\n"
      "the default is ./apiref.yaml). Exit 0: nothing at or above --fail-on; 1: findings at or\n"
      "above it (or stale baseline entries with --baseline-strict); 2: could not run.");
  check_cmd->add_option("inputs", check.inputs, "OpenAPI files, or one apiref.yaml or project folder");
  check_cmd->add_option("--config", check.config, "apiref.yaml with the check: settings (for file inputs)");
  check_cmd->add_option("--profile", check.profile, "spec, recommended or strict (default: the config's, else recommended)");
  check_cmd->add_option("--format", check.formats,
                        "stylish (default), json, sarif, github, junit, gitlab, markdown; F=path writes to a "
                        "file (repeatable)");
  check_cmd->add_option("--fail-on", check.fail_on, "lowest severity that fails the run (default: error)")
      ->check(CLI::IsMember({"error", "warning", "info", "hint", "none"}));
  check_cmd->add_option("--baseline", check.baseline, "JSON file of accepted findings to suppress");
  check_cmd->add_flag("--update-baseline", check.update_baseline, "write this run's findings to --baseline");
  check_cmd->add_flag("--baseline-strict", check.baseline_strict, "fail when baseline entries are stale");
  check_cmd->add_flag("--allow-outside-root", check.allow_outside_root, "allow $refs outside the project root");
  check_cmd->add_flag("-q,--quiet", check.quiet, "only findings at or above --fail-on, in every format");
  check_cmd->add_flag("--timings", check.timings, "print how long each stage took, on standard error");

  DiffArgs diff;
  CLI::App* diff_cmd = app.add_subcommand(
      "diff",
      "Compare two versions of an API and grade each change for its clients (breaking, warning,\n"
      "info). OLD and NEW are files or projects (each bundle compared with its namesake); with\n"
      "--base REV, one INPUT (default ./apiref.yaml) against itself as it was at REV, read with\n"
      "git show. Exit 0: no change at or above --fail-on; 1: such changes; 2: could not run.");
  diff_cmd->add_option("inputs", diff.inputs, "OLD NEW, or with --base the input now");
  diff_cmd->add_option("--base", diff.base, "git revision of the old version (a branch, tag or commit)");
  diff_cmd->add_option("--bundle", diff.only, "only this bundle of the project (repeatable)");
  diff_cmd->add_option("--format", diff.formats,
                       "stylish (default), json, sarif, github, junit, gitlab, markdown (a pull-request comment); "
                       "F=path writes to a file (repeatable)");
  diff_cmd->add_option("--fail-on", diff.fail_on, "lowest level that fails the run (default: breaking)")
      ->check(CLI::IsMember({"breaking", "warning", "info", "none"}));
  diff_cmd->add_flag("--allow-outside-root", diff.allow_outside_root, "allow $refs outside the project root");
  diff_cmd->add_flag("-q,--quiet", diff.quiet, "only changes at or above --fail-on, in every format");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  // Every command but serve (which takes its signals itself) removes what it was writing when
  // interrupted; installed before the commands start their threads.
  if (!serve_cmd->parsed()) clean_up_on_interrupt();
  if (cmd->parsed()) return run_bundle(bundle);
  if (build_cmd->parsed()) return run_build(build);
  if (serve_cmd->parsed()) return run_serve_command(serve_args, argv);
  if (snippets_cmd->parsed()) return run_snippets(snippets);
  if (check_cmd->parsed()) return run_check_command(check);
  if (diff_cmd->parsed()) return run_diff(diff);
  return kUsage;
}
