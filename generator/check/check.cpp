// `apiref check`: the roots to check (inputs, or the project plan's bases and constructs), the
// walk over them (walk.cpp, calling the rule families in rules/), then the severities:
// built-in profile, then apiref.yaml, then overrides; x-lint-ignore removes what an object
// asks to ignore; each place reported once, sorted.
#include "check/check.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bundle/project_plan.h"
#include "check/rule.h"
#include "config/config.h"
#include "swagger2/swagger2.h"
#include "text/utf8.h"

namespace apiref {

namespace fs = std::filesystem;
using namespace check_internal;

const char* finding_severity_name(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::Hint: return "hint";
    case FindingSeverity::Info: return "info";
    case FindingSeverity::Warning: return "warning";
    case FindingSeverity::Error: return "error";
  }
  return "error";
}

std::string finding_fingerprint(const std::string& rule, const std::string& file,
                                const std::string& pointer, const std::string& discriminator) {
  uint64_t h = 1469598103934665603ull;
  auto add = [&](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // separator: ("ab","c") and ("a","bc") differ
    h *= 1099511628211ull;
  };
  add(rule);
  add(file);
  add(pointer);
  add(discriminator);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace check_internal {

const std::vector<const RuleFamily*>& rule_families() {
  static const std::vector<const RuleFamily*> families = {
      &input_family(),    &structure_family(),     &paths_family(),      &operations_family(),
      &schemas_family(),  &examples_family(),      &security_family(),   &servers_family(),
      &documentation_family(), &components_family(), &naming_family(), &oas32_family(),
  };
  return families;
}

}  // namespace check_internal

const std::vector<RuleInfo>& check_rules() {
  static const std::vector<RuleInfo> rules = [] {
    std::vector<RuleInfo> all;
    for (const check_internal::RuleFamily* f : check_internal::rule_families())
      all.insert(all.end(), f->rules.begin(), f->rules.end());
    return all;
  }();
  return rules;
}

namespace {

// ---- profiles ---------------------------------------------------------------------------

const CheckProfileConfig* find_profile(const CheckConfig& c, const std::string& name) {
  for (const CheckProfileConfig& p : c.profiles)
    if (p.name == name) return &p;
  return nullptr;
}

struct Effective {
  int builtin = 1;  // 0 spec, 1 recommended, 2 strict
  std::map<std::string, int> rules;
  std::vector<const CheckOverride*> overrides;
};

bool resolve_profile(const CheckConfig& c, const std::string& name, Effective& e, Settings& s,
                     std::string& error) {
  std::vector<const CheckProfileConfig*> chain;
  std::string cur = name.empty() ? "recommended" : name;
  for (int guard = 0;; ++guard) {
    if (cur == "spec") { e.builtin = 0; break; }
    if (cur == "recommended") { e.builtin = 1; break; }
    if (cur == "strict") { e.builtin = 2; break; }
    const CheckProfileConfig* p = find_profile(c, cur);
    if (!p) {
      error = "unknown check profile '" + cur + "' (spec, recommended, strict" +
              std::string(c.profiles.empty() ? "" : ", or one under check.profiles") + ")";
      return false;
    }
    if (guard > 16) {
      error = "check profile '" + name + "' extends itself";
      return false;
    }
    chain.push_back(p);
    cur = p->extends.empty() ? "recommended" : p->extends;
  }
  std::reverse(chain.begin(), chain.end());
  chain.insert(chain.begin(), &c.common);
  for (const CheckProfileConfig* p : chain) {
    for (const auto& [rule, sev] : p->rules) e.rules[rule] = sev;
    for (const CheckOverride& o : p->overrides) e.overrides.push_back(&o);
    for (const ExtensionPolicy& x : p->extensions) s.extensions.push_back(x);
    for (const auto& [what, style] : p->naming) s.naming[what] = style;
  }
  // strict without a naming section: operationIds in camelCase, the common convention.
  if (s.naming.empty() && e.builtin == 2) s.naming["operationId"] = "camelCase";
  // Configured naming conventions turn their rule on unless the profile says otherwise.
  if (!s.naming.empty() && !e.rules.count("naming-convention")) e.rules["naming-convention"] = WARN;
  return true;
}

bool pointer_has_prefix(const std::string& p, const std::string& prefix) {
  if (prefix.empty() || prefix == "/") return true;
  if (p.compare(0, prefix.size(), prefix) != 0) return false;
  return p.size() == prefix.size() || p[prefix.size()] == '/' || prefix.back() == '/';
}

}  // namespace

bool run_check(const CheckOptions& options, CheckResult& result, std::string& fatal_error) {
  result = CheckResult{};
  ProjectConfig config;
  bool have_config = false;
  std::string config_path = options.config_path;
  if (config_path.empty() && options.inputs.empty()) {
    std::error_code ec;
    if (fs::is_regular_file("apiref.yaml", ec)) config_path = "apiref.yaml";
  }
  if (!config_path.empty()) {
    Diagnostics d;
    bool ok = load_project_config(config_path, config, d);
    // A check-only apiref.yaml (no bundles) is fine when the inputs are given.
    bool only_bundles = !d.empty();
    for (const Diagnostic& x : d)
      if (x.severity == Severity::Error && x.where.pointer.rfind("/bundles", 0) != 0) only_bundles = false;
    if (!ok && !(only_bundles && !options.inputs.empty())) {
      fatal_error = "cannot use " + config_path;
      for (const Diagnostic& x : d)
        if (x.severity == Severity::Error) fatal_error += "\n" + format_diagnostic(x);
      return false;
    }
    have_config = true;
  }
  Settings settings;
  Effective eff;
  std::string profile = options.profile;
  if ((profile.empty() || options.spec_rules_project_severities) && have_config) profile = config.check.profile;
  if (options.spec_rules_project_severities && profile.empty()) profile = "spec";
  if (!resolve_profile(config.check, profile, eff, settings, fatal_error)) return false;
  if (options.spec_rules_project_severities) {
    eff.builtin = 0;
    settings.extensions.clear();
    settings.naming.clear();
  }

  std::vector<std::string> roots;
  std::string base_dir;
  if (!options.inputs.empty()) {
    for (const std::string& i : options.inputs) {
      std::error_code ec;
      if (!fs::is_regular_file(i, ec)) {
        fatal_error = "input " + i + " is not a readable file";
        return false;
      }
      roots.push_back(normalise_path(i));
    }
    base_dir = have_config ? config.dir : normalise_path(".");
  } else if (have_config) {
    settings.project_mode = config.description.empty();  // a project around one file checks it as a file
    ProjectPlan own_plan;
    if (!options.plan) own_plan = plan_project(config);
    const ProjectPlan& plan = options.plan ? *options.plan : own_plan;
    std::set<std::string> seen;
    for (const std::string& b : plan.bases) {
      seen.insert(b);
      roots.push_back(b);
      settings.bases.insert(b);
    }
    if (!config.description.empty()) roots.push_back(config.description);
    else
      for (const PlannedConstruct& c : plan.constructs)
        if (seen.insert(c.file).second) roots.push_back(c.file);
    base_dir = config.dir;
  }
  if (roots.empty()) {
    fatal_error = "nothing to check: give input files or an apiref.yaml with bundles";
    return false;
  }
  ResolveOptions ro;
  ro.allow_outside_root = options.allow_outside_root;
  ro.cache = options.documents;
  if (have_config) {
    ro.root_dir = config.dir;
  } else {
    // The deepest folder holding every input.
    fs::path common = fs::path(roots[0]).parent_path();
    for (const std::string& r : roots)
      while (!path_is_within(r, common.generic_string()) && common.has_parent_path() && common != common.root_path())
        common = common.parent_path();
    ro.root_dir = common.generic_string();
  }
  std::map<std::string, int> builtin;
  for (const RuleInfo& r : check_rules())
    builtin[r.id] = eff.builtin == 0 ? r.spec : eff.builtin == 1 ? r.recommended : r.strict;
  if (options.spec_rules_project_severities) {
    // Only the project's severities of rules the spec profile runs; the others stay off.
    for (auto it = eff.rules.begin(); it != eff.rules.end();)
      it = builtin[it->first] < 0 ? eff.rules.erase(it) : std::next(it);
    for (const RuleInfo& r : check_rules())
      if (r.spec < 0) eff.rules[r.id] = OFF;
  }
  for (const RuleInfo& r : check_rules()) {
    int sev = builtin[r.id];
    if (auto it = eff.rules.find(r.id); it != eff.rules.end()) sev = it->second;
    bool maybe_on = sev >= 0;
    for (const CheckOverride* o : eff.overrides)
      for (const auto& [rule, s] : o->rules)
        if ((rule == r.id || rule == "*") && s >= 0 && !(options.spec_rules_project_severities && r.spec < 0))
          maybe_on = true;
    if (!maybe_on) settings.rules_off.insert(r.id);
  }
  DocumentSet docs(ro);
  Walk checker(docs, settings);
  checker.run(roots);

  auto rel = [&](const std::string& abs) {
    if (abs.empty()) return abs;
    if (!base_dir.empty() && path_is_within(abs, base_dir))
      return fs::path(abs).lexically_relative(base_dir).generic_string();
    return abs;
  };
  // A converted Swagger 2.0 file's places are named as the file wrote them (generator/swagger2).
  auto written = [&](const std::string& abs, const std::string& pointer, SourcePos pos) {
    std::shared_ptr<const Document> doc = abs.empty() ? nullptr : docs.shared(abs);
    return doc ? as_written(*doc, pointer, pos) : pointer;
  };
  auto hop = [&](RefHop h) {
    h.pointer = written(h.file, h.pointer, h.pos);
    h.file = rel(h.file);
    return h;
  };
  std::map<std::string, size_t> seen;  // place -> index in result.findings
  for (RawFinding& f : checker.raw()) {
    Finding out;
    out.rule = f.rule;
    out.file = rel(f.abs_file);
    out.pointer = written(f.abs_file, f.pointer, f.start);
    // Severity: built-in profile (or the fixed one), then the project's rules, then overrides.
    int sev = f.severity != -2 ? f.severity : builtin.count(f.rule) ? builtin[f.rule] : ERR;
    if (f.severity != -2 && builtin.count(f.rule) && f.rule != "extension-policy") sev = builtin[f.rule];
    if (auto it = eff.rules.find(f.rule); it != eff.rules.end()) sev = it->second;
    for (const CheckOverride* o : eff.overrides) {
      bool file_ok = o->files.empty();
      for (const std::string& g : o->files)
        if (glob_match(g, out.file)) file_ok = true;
      bool ptr_ok = o->pointers.empty();
      for (const std::string& p : o->pointers)
        if (pointer_has_prefix(out.pointer, p)) ptr_ok = true;
      if (!file_ok || !ptr_ok) continue;
      for (const auto& [rule, s] : o->rules)
        if (rule == f.rule || rule == "*") sev = s;
    }
    if (options.spec_rules_project_severities && builtin.count(f.rule) && builtin[f.rule] < 0) sev = OFF;
    if (sev < 0) continue;
    bool ignored = false;
    for (const IgnoreEntry& ig : checker.ignores()) {
      if (ig.file != f.abs_file || !pointer_has_prefix(f.pointer, ig.pointer)) continue;
      for (const std::string& r : ig.rules)
        if (r == f.rule || r == "*" || r == "all") ignored = true;
    }
    if (ignored) continue;
    std::string place = f.rule + "\n" + out.file + "\n" + out.pointer + "\n" + f.discriminator + "\n" +
                        std::to_string(f.start.line) + ":" + std::to_string(f.start.col);
    if (auto it = seen.find(place); it != seen.end()) {
      // The same place met twice (a look-up before the walk): keep the $ref chain if one has it.
      Finding& first = result.findings[it->second];
      if (first.ref_chain.empty() && f.chain >= 0)
        for (const RefHop& h : checker.chains()[static_cast<size_t>(f.chain)]) first.ref_chain.push_back(hop(h));
      continue;
    }
    seen.emplace(place, result.findings.size());
    out.severity = static_cast<FindingSeverity>(sev);
    // Messages may quote the input (a parser's "unknown escape character: \xff"); reports are
    // JSON, SARIF and XML, so invalid UTF-8 becomes U+FFFD.
    out.message = text::valid_utf8(f.message, text::Utf8Controls::ReplaceExceptTabNewline);
    // A finding always names a line: problems of a whole (e.g. empty) file sit at 1:1.
    out.start = f.start.line ? f.start : SourcePos{1, 1};
    out.end = f.end.line ? f.end : out.start;
    if (f.chain >= 0)
      for (const RefHop& h : checker.chains()[static_cast<size_t>(f.chain)]) out.ref_chain.push_back(hop(h));
    out.fingerprint = finding_fingerprint(out.rule, out.file, out.pointer, f.discriminator);
    result.findings.push_back(std::move(out));
  }
  std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.start.line != b.start.line) return a.start.line < b.start.line;
    if (a.start.col != b.start.col) return a.start.col < b.start.col;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.pointer < b.pointer;
  });
  for (const std::string& f : docs.files()) result.files.push_back(rel(f));
  for (const std::string& r : roots) result.roots.push_back(rel(r));
  return true;
}

}  // namespace apiref
