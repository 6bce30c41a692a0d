// What every stage reports: a finding with the physical file, the JSON pointer in it and the
// line and column, plus the places that explain it (the other duplicate key, the $ref chain).
#pragma once

#include <string>
#include <vector>

#include "tree/node.h"

namespace apiref {

enum class Severity { Error, Warning, Info };

struct Location {
  std::string file;     // as given to the user: relative to the working folder when possible
  std::string pointer;  // JSON pointer inside that file ("" is the whole document)
  SourcePos pos;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // stable identifier, e.g. "yaml-duplicate-key", "ref-not-found"
  std::string message;
  Location where;
  std::vector<Location> related;  // other places involved, in a meaningful order
};

using Diagnostics = std::vector<Diagnostic>;

const char* severity_name(Severity s);
bool has_errors(const Diagnostics& d);
// "file:line:col: error: message [code] (at #/pointer)" plus one indented line per related place.
std::string format_diagnostic(const Diagnostic& d);
// A path shown to the user: relative to the current folder when it lies below it.
std::string display_path(const std::string& absolute_path);

}  // namespace apiref
