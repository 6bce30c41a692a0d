// The data a page template reads: a small tree of null, booleans, numbers, strings, lists and
// objects, built for one page, rendered, and thrown away.
//
// Why not nlohmann::json, which the site's pages were built from before: there every object is
// a std::map (a node allocation and a key copy per member), every string is copied in, and a
// template's lookups walk the map comparing keys. Building and reading those trees was a fifth
// of the CPU time of a build of GitHub's description. Here
//   - an object is a vector of members in insertion order, looked up by a short scan (a page's
//     objects have a few to twenty members), and its keys are not copied: they must outlive the
//     data (string literals, in the site builder);
//   - a string may borrow its bytes instead of owning a copy, when they outlive every render of
//     the data: the model's names and paths, or a schema tree of 40 KB that the description
//     cache made once and a hundred pages show.
// Objects keep their members in insertion order; when a template interpolates a whole object
// or list (rare; mustache.h), it prints as compact JSON with nlohmann's key order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace apiref {

// Text that the program writes itself, straight into the page, when a template shows it: a
// schema tree's rows, shown inside their parent's row, are written where the parent's partial
// says {{{children}}} instead of being rendered apart and copied in, level by level.
class TemplateWriter {
 public:
  virtual void write(std::string& out) const = 0;

 protected:
  ~TemplateWriter() = default;
};

class TemplateData {
 public:
  enum class Kind : uint8_t { Null, Bool, Int, UInt, Float, String, List, Object, Writer };
  struct Member;

  TemplateData() = default;
  TemplateData(std::nullptr_t) {}
  TemplateData(bool b) : kind_(Kind::Bool) { number_.boolean = b; }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_signed_v<T>, int> = 0>
  TemplateData(T v) : kind_(Kind::Int) { number_.int_value = v; }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_unsigned_v<T>, int> = 0>
  TemplateData(T v) : kind_(Kind::UInt) { number_.uint_value = v; }
  TemplateData(double d) : kind_(Kind::Float) { number_.float_value = d; }
  // Strings given by value are owned (copied or moved in).
  TemplateData(std::string s) : kind_(Kind::String), owned_(std::move(s)) {}
  TemplateData(const char* s) : kind_(Kind::String), owned_(s) {}

  // A string that points at `s` instead of copying it: `s` must stay valid and unchanged for
  // as long as this data is rendered.
  static TemplateData borrow(std::string_view s);
  // Text written by `w` when shown (mustache.h: written at most once per render, where a
  // template shows it unescaped; anywhere else it reads as the string it writes). `w` must
  // outlive every render of the data. In a whole object printed as JSON it is null.
  static TemplateData writer(const TemplateWriter& w);
  static TemplateData list();
  static TemplateData object();
  // A deep copy of `j`. Object keys point into `j`, which must outlive the result (as in
  // render_mustache(template, json), which converts, renders and drops the copy).
  static TemplateData from_json(const nlohmann::json& j);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_list() const { return kind_ == Kind::List; }
  bool is_object() const { return kind_ == Kind::Object; }

  bool boolean() const { return number_.boolean; }            // Bool
  int64_t int_value() const { return number_.int_value; }     // Int
  uint64_t uint_value() const { return number_.uint_value; }  // UInt
  double float_value() const { return number_.float_value; }  // Float
  std::string_view text() const { return borrowed_ ? view_ : std::string_view(owned_); }  // String
  const TemplateWriter& writer() const { return *number_.writer; }  // Writer

  // Lists and objects: the number of items or members (0 for anything else).
  size_t size() const;
  bool empty() const;

  // Lists. push() turns null into an empty list first, like nlohmann's push_back.
  TemplateData& push(TemplateData v);
  const TemplateData& item(size_t i) const;
  TemplateData& item(size_t i);

  // Objects. set() replaces the member `key` in place, or appends it; null becomes an empty
  // object first. `key` is not copied: it must outlive this data (use string literals).
  TemplateData& set(std::string_view key, TemplateData v);
  // add() appends the member without looking for one of that key first: for data built in one
  // go with keys given once (schema trees build one object per row shown, ~200,000 on GitHub).
  TemplateData& add(std::string_view key, TemplateData v);
  void reserve(size_t members) { children_.reserve(members); }
  const TemplateData* find(std::string_view key) const {  // nullptr when absent or not an object
    return find(key, key_bit(key));
  }
  // The same with key_bit(key) given: a compiled template works out its names' bits once.
  const TemplateData* find(std::string_view key, uint32_t bit) const {
    // Templates look most names up in objects that lack them (every object of the context
    // stack, innermost first; a schema row's partials ask for twenty optional fields): the
    // key bits answer most of those misses without a scan.
    if (kind_ != Kind::Object || !(key_bits_ & bit)) return nullptr;
    return find_member(key);
  }
  TemplateData* find(std::string_view key) {
    return const_cast<TemplateData*>(static_cast<const TemplateData&>(*this).find(key));
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  const std::vector<Member>& members() const { return children_; }

  // The same value as nlohmann::json (objects then sort their keys): for printing a whole
  // object or list, and for tests.
  nlohmann::json to_json() const;

  // One of 32 bits for a key, from its length and outer bytes: keys that differ there differ.
  static uint32_t key_bit(std::string_view k) {
    if (k.empty()) return 1u;
    return 1u << ((k.size() * 7 + static_cast<unsigned char>(k.front()) +
                   static_cast<unsigned char>(k.back()) * 3) & 31u);
  }

 private:
  const TemplateData* find_member(std::string_view key) const;

  Kind kind_ = Kind::Null;
  bool borrowed_ = false;  // String: the bytes are view_'s, not owned_'s
  uint32_t key_bits_ = 0;  // Object: the key_bit() of every member's key, or-ed
  union {
    bool boolean;
    int64_t int_value;
    uint64_t uint_value;
    double float_value;
    const TemplateWriter* writer;
  } number_{};
  std::string owned_;
  std::string_view view_;
  std::vector<Member> children_;  // List: items (empty keys); Object: members in order
};

struct TemplateData::Member {
  // Made in place in the vector (emplace_back), moving the value once.
  Member(std::string_view k, TemplateData&& v) : key(k), value(std::move(v)) {}
  std::string_view key;
  TemplateData value;
};

inline const TemplateData* TemplateData::find_member(std::string_view key) const {
  // Keys of one object mostly differ in length or first letter: look at those before calling
  // memcmp (templates look names up through every object of the context stack).
  const size_t n = key.size();
  for (const Member& m : children_)
    if (m.key.size() == n && (n == 0 || (m.key[0] == key[0] && m.key == key))) return &m.value;
  return nullptr;
}

inline size_t TemplateData::size() const { return children_.size(); }
inline bool TemplateData::empty() const { return children_.empty(); }

// An object from key/value pairs: template_fields("name", TemplateData::borrow(t.name),
// "count", 3). Keys are string literals, each given once (TemplateData keeps no copy of them).
inline void add_template_fields(TemplateData&) {}
template <class V, class... Rest>
void add_template_fields(TemplateData& o, std::string_view key, V&& value, Rest&&... rest) {
  o.add(key, TemplateData(std::forward<V>(value)));
  add_template_fields(o, std::forward<Rest>(rest)...);
}
template <class... Args>
TemplateData template_fields(Args&&... args) {
  static_assert(sizeof...(Args) % 2 == 0, "template_fields() takes key/value pairs");
  TemplateData o = TemplateData::object();
  o.reserve(sizeof...(Args) / 2);
  add_template_fields(o, std::forward<Args>(args)...);
  return o;
}

// The shorthands every page builder of render/ uses: fields() for template_fields(), and ref()
// for a string the page data borrows instead of copying (the model's names and paths, the
// description cache's HTML): those outlive the site's rendering, a temporary would not.
template <class... Args>
TemplateData fields(Args&&... args) {
  return template_fields(std::forward<Args>(args)...);
}
inline TemplateData ref(const std::string& s) { return TemplateData::borrow(s); }
TemplateData ref(std::string&&) = delete;

}  // namespace apiref
