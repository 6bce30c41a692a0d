// Mustache: compile a template into a tree once, render it many times (see mustache.h).
#include "render/mustache.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "text/escape.h"
#include "text/file.h"

namespace apiref {

namespace mustache_detail {

enum class PartKind : uint8_t { Text, Escaped, Raw, Section, Inverted, Partial };

// A part of a dotted name, with its TemplateData::key_bit worked out when compiling: a render
// looks each name up in several objects (the context stack), for every row of a schema tree.
struct Name {
  std::string text;
  uint32_t bit = 0;
};

struct Part {
  PartKind kind = PartKind::Text;
  bool standalone = false;        // Partial: the tag was alone on its line
  std::string text;               // Text: the text; Partial: the partial's name
  std::string indent;             // Partial (standalone): the whitespace before the tag
  std::vector<Name> path;         // variables and sections: the dotted name's parts ("." = {})
  std::vector<Part> children;     // Section, Inverted
};

struct Compiled {
  std::string name;
  std::vector<Part> nodes;
  size_t source_size = 0;  // a first guess at the output's size
};

struct Access {
  static const Compiled& get(const MustacheTemplate& t) { return *t.compiled_; }
};

}  // namespace mustache_detail

using mustache_detail::Access;
using mustache_detail::Compiled;
using mustache_detail::PartKind;
using mustache_detail::Name;
using mustache_detail::Part;
using json = nlohmann::json;

namespace {

constexpr size_t kMaxSectionNesting = 100;
constexpr int kMaxPartialDepth = 100;
constexpr size_t kMaxPartialExpansions = 1000000;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Compiling

class Compiler {
 public:
  Compiler(std::string_view src, const std::string& name, MustacheError* error)
      : src_(src), name_(name), error_(error) {}

  bool run(std::vector<Part>& result) {
    frames_.emplace_back();
    const size_t n = src_.size();
    size_t pos = 0;         // where to look for the next tag
    size_t text_start = 0;  // start of the text not yet added
    while (true) {
      size_t at = src_.find(open_, pos);
      if (at == std::string_view::npos) {
        add_text(src_.substr(text_start));
        break;
      }
      size_t p = at + open_.size();
      char sigil = p < n ? src_[p] : '\0';
      size_t content_begin = p, content_end = 0, tag_end = 0;
      if (sigil == '{' || sigil == '=') {
        std::string closer = (sigil == '{' ? "}" : "=") + close_;
        size_t e = src_.find(closer, p + 1);
        if (e == std::string_view::npos)
          return fail(at, "unclosed tag: '" + open_ + sigil + "' has no matching '" + closer + "'");
        content_begin = p + 1;
        content_end = e;
        tag_end = e + closer.size();
      } else {
        size_t e = src_.find(close_, p);
        if (e == std::string_view::npos)
          return fail(at, "unclosed tag: '" + open_ + "' has no matching '" + close_ + "'");
        content_end = e;
        tag_end = e + close_.size();
        if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '>' ||
            sigil == '&' || sigil == '<' || sigil == '$')
          content_begin = p + 1;
        else
          sigil = '\0';
      }
      std::string_view content = src_.substr(content_begin, content_end - content_begin);
      std::string_view tag_text = src_.substr(at, tag_end - at);

      // A tag other than a variable, alone on its line apart from spaces and tabs, takes the
      // whole line with it (its indentation and its line ending).
      bool standalone = false;
      size_t line_start = at, line_end = tag_end;
      if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '>' ||
          sigil == '=') {
        while (line_start > 0 && is_blank(src_[line_start - 1])) --line_start;
        if (line_start == 0 || src_[line_start - 1] == '\n') {
          while (line_end < n && is_blank(src_[line_end])) ++line_end;
          if (line_end == n) {
            standalone = true;
          } else if (src_[line_end] == '\n') {
            standalone = true;
            line_end += 1;
          } else if (src_[line_end] == '\r' && line_end + 1 < n && src_[line_end + 1] == '\n') {
            standalone = true;
            line_end += 2;
          }
        }
      }
      std::string_view indent;
      if (standalone) {
        add_text(src_.substr(text_start, line_start - text_start));
        indent = src_.substr(line_start, at - line_start);
        pos = text_start = line_end;
      } else {
        add_text(src_.substr(text_start, at - text_start));
        pos = text_start = tag_end;
      }

      switch (sigil) {
        case '!':
          break;
        case '=':
          if (!set_delimiters(content, at)) return false;
          break;
        case '#':
        case '^': {
          if (frames_.size() > kMaxSectionNesting)
            return fail(at, "sections are nested more than " + std::to_string(kMaxSectionNesting) +
                                " deep");
          Frame f;
          if (!parse_name(content, at, f.path)) return false;
          f.kind = sigil == '#' ? PartKind::Section : PartKind::Inverted;
          f.name = std::string(trim(content));
          f.tag = std::string(tag_text);
          f.offset = at;
          frames_.push_back(std::move(f));
          break;
        }
        case '/': {
          std::string_view name = trim(content);
          if (frames_.size() == 1)
            return fail(at, "closing tag '" + std::string(tag_text) + "' has no open section");
          Frame& top = frames_.back();
          if (name != top.name) {
            auto [line, col] = position(top.offset);
            return fail(at, "closing tag '" + std::string(tag_text) + "' does not match '" +
                                top.tag + "' opened at " + std::to_string(line) + ":" +
                                std::to_string(col));
          }
          Part node;
          node.kind = top.kind;
          node.path = std::move(top.path);
          node.children = std::move(top.nodes);
          frames_.pop_back();
          frames_.back().nodes.push_back(std::move(node));
          break;
        }
        case '>': {
          std::string_view name = trim(content);
          if (name.empty()) return fail(at, "empty partial name in '" + std::string(tag_text) + "'");
          Part node;
          node.kind = PartKind::Partial;
          node.text = std::string(name);
          node.standalone = standalone;
          node.indent = std::string(indent);
          frames_.back().nodes.push_back(std::move(node));
          break;
        }
        case '<':
        case '$':
          return fail(at, "template inheritance ('" + std::string(tag_text) +
                              "') is not supported");
        default: {  // '\0' (escaped), '&' and '{' (unescaped)
          Part node;
          node.kind = sigil == '\0' ? PartKind::Escaped : PartKind::Raw;
          if (!parse_name(content, at, node.path)) return false;
          frames_.back().nodes.push_back(std::move(node));
          break;
        }
      }
    }
    if (frames_.size() > 1) {
      const Frame& top = frames_.back();
      return fail(top.offset, "section '" + top.tag + "' is never closed");
    }
    result = std::move(frames_.back().nodes);
    return true;
  }

 private:
  struct Frame {  // a section being read (the first one is the template itself)
    PartKind kind = PartKind::Section;
    std::vector<Name> path;
    std::string name, tag;
    size_t offset = 0;
    std::vector<Part> nodes;
  };

  void add_text(std::string_view text) {
    if (text.empty()) return;
    std::vector<Part>& nodes = frames_.back().nodes;
    if (!nodes.empty() && nodes.back().kind == PartKind::Text) {
      nodes.back().text.append(text);  // e.g. both sides of an inline comment
      return;
    }
    Part node;
    node.text = std::string(text);
    nodes.push_back(std::move(node));
  }

  bool parse_name(std::string_view content, size_t at, std::vector<Name>& path) {
    std::string_view name = trim(content);
    if (name.empty()) return fail(at, "empty name in tag '" + tag_at(at) + "'");
    if (name == ".") return true;
    size_t start = 0;
    while (true) {
      size_t dot = name.find('.', start);
      std::string_view part = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
      if (part.empty())
        return fail(at, "invalid name '" + std::string(name) + "': empty part between dots");
      path.push_back(Name{std::string(part), TemplateData::key_bit(part)});
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return true;
  }

  // "{{=<% %>=}}": two delimiters without whitespace or '=' in them.
  bool set_delimiters(std::string_view content, size_t at) {
    std::string_view s = trim(content);
    size_t split = 0;
    while (split < s.size() && !is_space(s[split])) ++split;
    std::string_view a = s.substr(0, split);
    std::string_view b = trim(s.substr(split));
    auto bad = [](std::string_view d) {
      if (d.empty()) return true;
      for (char c : d)
        if (is_space(c) || c == '=') return true;
      return false;
    };
    if (bad(a) || bad(b))
      return fail(at, "bad delimiter change '" + tag_at(at) +
                          "': expected two delimiters without spaces or '=', like {{=<% %>=}}");
    open_ = std::string(a);
    close_ = std::string(b);
    return true;
  }

  std::string tag_at(size_t at) const {
    size_t end = src_.find(close_, at + open_.size());
    std::string_view t = src_.substr(at, end == std::string_view::npos ? 40 : end + close_.size() - at);
    return std::string(t.substr(0, 60));
  }

  std::pair<size_t, size_t> position(size_t offset) const {
    size_t line = 1, line_start = 0;
    for (size_t i = 0; i < offset && i < src_.size(); ++i)
      if (src_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    return {line, offset - line_start + 1};
  }

  bool fail(size_t offset, std::string message) {
    if (error_) {
      auto [line, col] = position(offset);
      error_->template_name = name_;
      error_->line = line;
      error_->col = col;
      error_->message = std::move(message);
    }
    return false;
  }

  std::string_view src_;
  const std::string& name_;
  MustacheError* error_;
  std::string open_ = "{{", close_ = "}}";
  std::vector<Frame> frames_;
};

// ---------------------------------------------------------------------------------------------
// Rendering

template <typename Int>
std::string_view format_int(Int v, char (&buf)[32]) {
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string_view(buf, static_cast<size_t>(r.ptr - buf));
}

bool is_index(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The item of a list at a decimal index.
const TemplateData* member_of_list(const TemplateData& d, const std::string& key) {
  if (is_index(key)) {
    size_t i = std::stoull(key);
    return i < d.size() ? &d.item(i) : nullptr;
  }
  return nullptr;
}

// The member `key` of an object, or the item at a decimal index of a list.
inline const TemplateData* member(const TemplateData& d, const Name& key) {
  if (d.is_object()) return d.find(key.text, key.bit);
  return d.is_list() ? member_of_list(d, key.text) : nullptr;
}

bool falsey(const TemplateData* v) {
  if (!v) return true;
  switch (v->kind()) {
    case TemplateData::Kind::Null: return true;
    case TemplateData::Kind::Bool: return !v->boolean();
    case TemplateData::Kind::String: return v->text().empty();
    case TemplateData::Kind::List: return v->empty();
    default: return false;
  }
}

// What a render needs besides its output, kept by each thread between renders: a schema tree
// renders one small partial per row (~200,000 on GitHub), and new vectors each time were
// allocations each. Renders nest (a writer renders its rows while its parent's render is under
// way), so each takes its own from a pool.
struct Scratch {
  std::vector<const TemplateData*> stack;
  // Writers shown so far in this render: the first raw one is written in place and read back
  // from `out` if shown again; any other use reads it as the string it writes (`texts`).
  struct WriterUse {
    const TemplateData* value;
    size_t begin, end;                 // in out, when written there
    const TemplateData* as_string;     // or the string it wrote
  };
  std::vector<WriterUse> writers;
  std::deque<std::pair<std::string, TemplateData>> texts;
};

thread_local std::vector<std::unique_ptr<Scratch>> spare_scratch;

struct Renderer {
  std::string& out;
  const PartialLookup& partials;
  std::unique_ptr<Scratch> scratch;
  std::vector<const TemplateData*>& stack;  // the context stack, innermost last
  std::string indent;     // what each line gets inside standalone partials
  bool pending = false;   // at the start of a line that has not been indented yet
  int depth = 0;          // partials being rendered
  size_t expansions = 0;  // partials rendered so far

  Renderer(std::string& o, const PartialLookup& p)
      : out(o), partials(p), scratch(take_scratch()), stack(scratch->stack) {}
  ~Renderer() {
    stack.clear();
    scratch->writers.clear();
    scratch->texts.clear();
    spare_scratch.push_back(std::move(scratch));
  }

  static std::unique_ptr<Scratch> take_scratch() {
    if (spare_scratch.empty()) return std::make_unique<Scratch>();
    std::unique_ptr<Scratch> s = std::move(spare_scratch.back());
    spare_scratch.pop_back();
    return s;
  }

  const TemplateData* lookup(const std::vector<Name>& path) const {
    if (path.empty()) return stack.back();
    const TemplateData* v = nullptr;
    const Name& first = path[0];
    for (size_t i = stack.size(); i > 0 && !v; --i) v = member(*stack[i - 1], first);
    for (size_t i = 1; v && i < path.size(); ++i) v = member(*v, path[i]);
    return v;
  }

  Scratch::WriterUse* writer_use(const TemplateData* v) {
    for (Scratch::WriterUse& u : scratch->writers)
      if (u.value == v) return &u;
    return nullptr;
  }

  // A writer shown unescaped: written in place the first time.
  void write_raw(const TemplateData* v) {
    if (writer_use(v)) {
      value(*as_string(v), false);
      return;
    }
    size_t begin = out.size();
    if (pending) out += indent;
    size_t start = out.size();
    v->writer().write(out);
    if (out.size() == start) {
      out.resize(begin);  // nothing written: no indentation either
    } else {
      pending = false;
    }
    scratch->writers.push_back({v, start, out.size(), nullptr});
  }

  // A writer read as a value (a section, an escaped variable): the string it writes.
  const TemplateData* as_string(const TemplateData* v) {
    if (!v || v->kind() != TemplateData::Kind::Writer) return v;
    Scratch::WriterUse* u = writer_use(v);
    if (u && u->as_string) return u->as_string;
    auto& [text, data] = scratch->texts.emplace_back();
    if (u) {
      text.assign(out, u->begin, u->end - u->begin);
    } else {
      v->writer().write(text);
      scratch->writers.push_back({v, 0, 0, nullptr});
      u = &scratch->writers.back();
    }
    data = TemplateData::borrow(text);
    u->as_string = &data;
    return &data;
  }

  // Template text: inside an indented partial, every line that has something on it other
  // than its line ending starts with the indentation.
  void text(const std::string& s) {
    if (indent.empty()) {
      out += s;
      return;
    }
    size_t i = 0, n = s.size();
    while (i < n) {
      size_t nl = s.find('\n', i);
      size_t end = nl == std::string::npos ? n : nl + 1;
      if (pending && !(nl == i || (nl == i + 1 && s[i] == '\r'))) out += indent;
      out.append(s, i, end - i);
      pending = nl != std::string::npos;
      i = end;
    }
  }

  // Text from the data: indented where it starts a line, never inside.
  void emit(std::string_view s, bool escape) {
    if (s.empty()) return;
    if (pending) {
      out += indent;
      pending = false;
    }
    if (escape)
      text::append_html_escaped(out, s);
    else
      out.append(s);
  }

  void value(const TemplateData& v, bool escape) {
    char buf[32];
    switch (v.kind()) {
      case TemplateData::Kind::String:
        emit(v.text(), escape);
        break;
      case TemplateData::Kind::Int:
        emit(format_int(v.int_value(), buf), false);
        break;
      case TemplateData::Kind::UInt:
        emit(format_int(v.uint_value(), buf), false);
        break;
      case TemplateData::Kind::Float: {
        double d = v.float_value();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
          emit(format_int(static_cast<int64_t>(d), buf), false);
        else
          emit(json(d).dump(), false);
        break;
      }
      case TemplateData::Kind::Bool:
        emit(v.boolean() ? "true" : "false", false);
        break;
      case TemplateData::Kind::Object:
      case TemplateData::Kind::List:
        emit(v.to_json().dump(-1, ' ', false, json::error_handler_t::replace), escape);
        break;
      case TemplateData::Kind::Null:
      case TemplateData::Kind::Writer:  // read through as_string()
        break;
    }
  }

  void render(const std::vector<Part>& nodes) {
    for (const Part& n : nodes) {
      switch (n.kind) {
        case PartKind::Text:
          text(n.text);
          break;
        case PartKind::Escaped:
        case PartKind::Raw:
          if (const TemplateData* v = lookup(n.path)) {
            if (v->kind() == TemplateData::Kind::Writer && n.kind == PartKind::Raw)
              write_raw(v);
            else
              value(*as_string(v), n.kind == PartKind::Escaped);
          }
          break;
        case PartKind::Section: {
          const TemplateData* v = as_string(lookup(n.path));
          if (falsey(v)) break;
          if (v->is_list()) {
            for (const TemplateData::Member& item : v->members()) {
              stack.push_back(&item.value);
              render(n.children);
              stack.pop_back();
            }
          } else {
            stack.push_back(v);
            render(n.children);
            stack.pop_back();
          }
          break;
        }
        case PartKind::Inverted:
          if (falsey(as_string(lookup(n.path)))) render(n.children);
          break;
        case PartKind::Partial: {
          if (!partials || depth >= kMaxPartialDepth || expansions >= kMaxPartialExpansions) break;
          const MustacheTemplate* t = partials(n.text);
          if (!t) break;
          ++expansions;
          size_t saved = indent.size();
          if (n.standalone) {
            indent += n.indent;
            pending = true;
          }
          ++depth;
          render(Access::get(*t).nodes);
          --depth;
          indent.resize(saved);
          break;
        }
      }
    }
  }
};

}  // namespace

// -----------------------------------------------------------------------------------------------

std::string format_mustache_error(const MustacheError& e) {
  std::string s = e.template_name;
  if (e.line) s += ":" + std::to_string(e.line) + ":" + std::to_string(e.col);
  return s + ": " + e.message;
}

const std::string& MustacheTemplate::name() const { return compiled_->name; }
size_t MustacheTemplate::source_size() const { return compiled_->source_size; }

std::optional<MustacheTemplate> compile_mustache(std::string_view source, std::string name,
                                                 MustacheError* error) {
  auto c = std::make_shared<Compiled>();
  c->name = std::move(name);
  c->source_size = source.size();
  Compiler compiler(source, c->name, error);
  if (!compiler.run(c->nodes)) return std::nullopt;
  return MustacheTemplate(std::move(c));
}

std::string render_mustache(const MustacheTemplate& t, const json& data,
                            const PartialLookup& partials) {
  std::string out;
  size_t guess = Access::get(t).source_size;
  out.reserve(guess + guess / 2);
  TemplateData converted = TemplateData::from_json(data);
  render_mustache_to(out, t, {&converted}, partials);
  return out;
}

namespace {
void render_with_stack(std::string& out, const MustacheTemplate& t, const TemplateData* const* contexts,
                       size_t count, const PartialLookup& partials) {
  static const TemplateData null_data;
  Renderer r(out, partials);
  for (size_t i = 0; i < count; ++i)
    if (contexts[i]) r.stack.push_back(contexts[i]);
  if (r.stack.empty()) r.stack.push_back(&null_data);
  r.render(Access::get(t).nodes);
}
}  // namespace

void render_mustache_to(std::string& out, const MustacheTemplate& t,
                        const std::vector<const TemplateData*>& contexts, const PartialLookup& partials) {
  render_with_stack(out, t, contexts.data(), contexts.size(), partials);
}

void render_mustache_one_to(std::string& out, const MustacheTemplate& t, const TemplateData& data,
                            const PartialLookup& partials) {
  const TemplateData* context = &data;
  render_with_stack(out, t, &context, 1, partials);
}

// -----------------------------------------------------------------------------------------------

bool TemplateSet::load(const std::string& builtin_dir, const std::string& override_dir,
                       std::vector<MustacheError>& errors) {
  namespace fs = std::filesystem;
  templates_.clear();
  bool ok = true;
  auto problem = [&](const std::string& where, std::string message) {
    errors.push_back(MustacheError{where, 0, 0, std::move(message)});
    ok = false;
  };

  // Name -> file; a file in the override folder replaces the built-in one of the same name.
  std::map<std::string, fs::path> files;
  auto scan = [&](const std::string& dir, const char* what) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      problem(dir, std::string(what) + " template folder does not exist or is not a folder");
      return;
    }
    fs::recursive_directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.extension() != ".mustache") continue;
      std::error_code ec2;
      if (!it->is_regular_file(ec2)) continue;
      fs::path rel = p.lexically_relative(dir);
      rel.replace_extension();
      files[rel.generic_string()] = p;
    }
    if (ec) problem(dir, "cannot list " + std::string(what) + " template folder: " + ec.message());
  };
  scan(builtin_dir, "built-in");
  if (!override_dir.empty()) scan(override_dir, "override");

  for (const auto& [name, path] : files) {
    std::string text;
    std::string shown = path.generic_string();
    if (!text::read_file(path.string(), text)) {
      problem(shown, "cannot read template");
      continue;
    }
    MustacheError err;
    std::optional<MustacheTemplate> t = compile_mustache(text, name, &err);
    if (!t) {
      err.template_name = shown;
      errors.push_back(std::move(err));
      ok = false;
      continue;
    }
    templates_.insert_or_assign(name, Entry{std::move(*t), shown});
  }
  return ok;
}

bool TemplateSet::add(const std::string& name, std::string_view source, MustacheError* error) {
  std::optional<MustacheTemplate> t = compile_mustache(source, name, error);
  if (!t) return false;
  templates_.insert_or_assign(name, Entry{std::move(*t), std::string()});
  return true;
}

const MustacheTemplate* TemplateSet::find(const std::string& name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : &it->second.tmpl;
}

std::string TemplateSet::render(const std::string& name, const json& data) const {
  TemplateData converted = TemplateData::from_json(data);
  return render(name, {&converted});
}

std::string TemplateSet::render(const std::string& name, const std::vector<const TemplateData*>& contexts) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::out_of_range("no template named '" + name + "'");
  std::string out;
  out.reserve(std::max(it->second.last_size->load(std::memory_order_relaxed) + 4096,
                       it->second.tmpl.source_size() * 3 / 2));
  render_mustache_to(out, it->second.tmpl, contexts, [this](const std::string& n) { return find(n); });
  it->second.last_size->store(out.size(), std::memory_order_relaxed);
  return out;
}

void TemplateSet::render_to(std::string& out, const std::string& name,
                            const std::vector<const TemplateData*>& contexts) const {
  const MustacheTemplate* t = find(name);
  if (!t) throw std::out_of_range("no template named '" + name + "'");
  render_mustache_to(out, *t, contexts, [this](const std::string& n) { return find(n); });
}

std::vector<std::string> TemplateSet::names() const {
  std::vector<std::string> v;
  v.reserve(templates_.size());
  for (const auto& entry : templates_) v.push_back(entry.first);
  return v;
}

std::string TemplateSet::source_path(const std::string& name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? std::string() : it->second.path;
}

}  // namespace apiref
