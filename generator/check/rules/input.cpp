// Parse and reference problems. The load and resolve stages report them as diagnostics,
// which the walk turns into findings (the rule is the diagnostic's code), and the walk's
// $ref following adds the wrong kinds, cycles and ignored siblings. No hooks: this family
// only gives these rules their severities.
#include "check/rule.h"

namespace apiref {
namespace check_internal {

const RuleFamily& input_family() {
  static const RuleFamily family{
      "input",
      {
          {"yaml-syntax", "the file is not valid YAML", ERR, ERR, ERR},
          {"json-syntax", "the file is not valid JSON", ERR, ERR, ERR},
          {"duplicate-key", "a mapping (YAML or JSON) has the same key twice", ERR, ERR, ERR},
          {"yaml-non-string-key", "a mapping key is a number or boolean, not a string", ERR, ERR, ERR},
          {"yaml-complex-key", "a mapping key is a collection", ERR, ERR, ERR},
          {"yaml-too-deep", "nesting beyond the parser's limit", ERR, ERR, ERR},
          {"yaml-alias-limit", "alias expansion beyond the limit", ERR, ERR, ERR},
          {"yaml-multiple-documents", "more than one YAML document in a file", ERR, ERR, ERR},
          {"yaml-ambiguous-boolean", "a YAML 1.1 boolean-looking word read as a string", OFF, WARN, WARN},
          {"yaml-not-a-number", ".nan / .inf have no JSON form", ERR, ERR, ERR},
          {"file-unreadable", "a file cannot be read", ERR, ERR, ERR},
          {"invalid-utf8", "the file is not valid UTF-8", ERR, ERR, ERR},
          {"ref-not-found", "a $ref points at nothing", ERR, ERR, ERR},
          {"ref-file-not-found", "a $ref names a missing file", ERR, ERR, ERR},
          {"ref-file-invalid", "a $ref names a file that does not parse", ERR, ERR, ERR},
          {"ref-malformed", "a $ref is not a valid URI reference / JSON pointer", ERR, ERR, ERR},
          {"ref-remote", "a $ref to a remote URL (not fetched)", ERR, ERR, ERR},
          {"ref-outside-root", "a $ref leaves the project folder", ERR, ERR, ERR},
          {"ref-wrong-kind", "a $ref points at the wrong kind of object", ERR, ERR, ERR},
          {"ref-cycle", "a $ref chain that only leads to itself", ERR, ERR, ERR},
          {"ref-siblings", "fields beside $ref that OpenAPI 3.0 ignores", OFF, WARN, WARN},
      },
      nullptr};
  return family;
}

}  // namespace check_internal
}  // namespace apiref
