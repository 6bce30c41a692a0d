#include "diag/diagnostic.h"

#include <filesystem>

namespace apiref {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "?";
}

bool has_errors(const Diagnostics& d) {
  for (const Diagnostic& x : d)
    if (x.severity == Severity::Error) return true;
  return false;
}

static std::string format_location(const Location& l) {
  std::string s = l.file;
  if (l.pos.line) s += ":" + std::to_string(l.pos.line) + ":" + std::to_string(l.pos.col);
  return s;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string s = format_location(d.where) + ": " + severity_name(d.severity) + ": " + d.message;
  if (!d.code.empty()) s += " [" + d.code + "]";
  s += " (at #" + d.where.pointer + ")";
  for (const Location& r : d.related) s += "\n    " + format_location(r) + " (#" + r.pointer + ")";
  return s;
}

std::string display_path(const std::string& absolute_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return absolute_path;
  fs::path rel = fs::path(absolute_path).lexically_relative(cwd);
  if (rel.empty() || *rel.begin() == "..") return absolute_path;
  return rel.generic_string();
}

}  // namespace apiref
