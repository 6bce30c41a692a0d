#include "resolve/resolve.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "swagger2/swagger2.h"
#include "text/percent.h"
#include "tree/json_pointer.h"

namespace apiref {

namespace fs = std::filesystem;

std::string normalise_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(path), ec);
  return p.lexically_normal().generic_string();
}

bool path_is_within(const std::string& path, const std::string& dir) {
  if (dir.empty()) return true;
  fs::path rel = fs::path(path).lexically_relative(fs::path(dir));
  return !rel.empty() && *rel.begin() != "..";
}

std::string RefTarget::key() const { return (doc ? doc->path : std::string()) + "#" + pointer; }

DocumentSet::DocumentSet(ResolveOptions options) : options_(std::move(options)) {}

bool DocumentCache::find(const std::string& absolute_path, Entry& out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(absolute_path);
  if (it == entries_.end()) return false;
  out = it->second;
  return true;
}

void DocumentCache::store(const std::string& absolute_path, Entry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_[absolute_path] = std::move(entry);
}

void DocumentCache::forget(const std::string& absolute_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(absolute_path);
}

size_t DocumentCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

// A file read, and the files read with it: a Swagger 2.0 document converts as one with the
// files its $refs reach (generator/swagger2), which must then be used as converted.
struct LoadedFile {
  std::shared_ptr<const Document> doc;
  std::vector<std::pair<std::string, DocumentCache::Entry>> with;
};

namespace {

void convert_if_swagger2(Document& doc, DocumentCache::Entry& entry, const ResolveOptions& options,
                         LoadedFile& loaded) {
  if (!doc.ok || !is_swagger2(doc.root)) return;
  Swagger2Loader read = [&](const std::string& path) -> std::shared_ptr<Swagger2File> {
    if (!options.allow_outside_root && !path_is_within(path, options.root_dir)) return nullptr;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return nullptr;
    auto file = std::make_shared<Swagger2File>();
    file->doc = std::make_shared<Document>(load_document(path, file->diagnostics, options.limits));
    return file;
  };
  for (const std::shared_ptr<Swagger2File>& f : convert_swagger2(doc, read, entry.diagnostics)) {
    DocumentCache::Entry other{f->doc, std::move(f->diagnostics), {}};
    entry.converted_with.push_back(f->doc->path);
    loaded.with.emplace_back(f->doc->path, std::move(other));
  }
}

// One file, from the shared cache when an earlier build parsed it, else from disk.
LoadedFile load_cached(const std::string& path, const ResolveOptions& options, Diagnostics& out) {
  DocumentCache* cache = options.cache;
  DocumentCache::Entry entry;
  LoadedFile loaded;
  if (cache && cache->find(path, entry)) {
    bool whole = true;
    for (const std::string& other : entry.converted_with) {
      DocumentCache::Entry e;
      whole = whole && cache->find(other, e);
      if (whole) loaded.with.emplace_back(other, std::move(e));
    }
    if (whole) {
      out.insert(out.end(), entry.diagnostics.begin(), entry.diagnostics.end());
      loaded.doc = entry.doc;
      return loaded;
    }
    loaded.with.clear();
    entry = {};
  }
  // Not created const: take_root() may move the tree out of a document no one else holds.
  auto doc = std::make_shared<Document>(load_document(path, entry.diagnostics, options.limits));
  convert_if_swagger2(*doc, entry, options, loaded);
  entry.doc = doc;
  out.insert(out.end(), entry.diagnostics.begin(), entry.diagnostics.end());
  if (cache) {
    cache->store(path, entry);
    for (const auto& [other, e] : loaded.with) cache->store(other, e);
  }
  loaded.doc = entry.doc;
  return loaded;
}

}  // namespace

void DocumentSet::publish(const std::string& absolute_path, LoadedFile&& loaded, Diagnostics& found) {
  cache_.emplace(absolute_path, std::move(loaded.doc));
  diagnostics_.insert(diagnostics_.end(), found.begin(), found.end());
  for (auto& [path, entry] : loaded.with) {
    // Converted with a 2.0 root: replaces a copy read as it is (and what was resolved in it).
    if (cache_.count(path)) targets_.clear();
    cache_[path] = std::move(entry.doc);
    diagnostics_.insert(diagnostics_.end(), entry.diagnostics.begin(), entry.diagnostics.end());
  }
}

const Document* DocumentSet::load(const std::string& absolute_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(absolute_path);
  if (it == cache_.end()) {
    Diagnostics found;
    publish(absolute_path, load_cached(absolute_path, options_, found), found);
    it = cache_.find(absolute_path);
  }
  if (listed_.insert(absolute_path).second) order_.push_back(absolute_path);
  return it->second->ok ? it->second.get() : nullptr;
}

void DocumentSet::preload(const std::vector<std::string>& absolute_paths) {
  // Parse in parallel into private results, then publish in the given order so that the
  // diagnostics come out in the same order on every run.
  std::vector<LoadedFile> docs(absolute_paths.size());
  std::vector<Diagnostics> found(absolute_paths.size());
  size_t workers = std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, absolute_paths.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < absolute_paths.size(); i = next++)
        docs[i] = load_cached(absolute_paths[i], options_, found[i]);
    });
  }
  for (std::thread& t : pool) t.join();
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < absolute_paths.size(); ++i) {
    if (cache_.count(absolute_paths[i])) continue;
    publish(absolute_paths[i], std::move(docs[i]), found[i]);
  }
}

Node DocumentSet::take_root(const std::string& absolute_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(absolute_path);
  if (it == cache_.end() || !it->second) return Node();
  if (options_.cache || it->second.use_count() != 1) return it->second->root;
  // Sole owner, and the Document was created non-const (load_cached): moving is allowed.
  targets_.clear();  // they may point into the tree
  Document& doc = const_cast<Document&>(*it->second);
  Node root = std::move(doc.root);
  doc.root = Node();
  return root;
}

std::shared_ptr<const Document> DocumentSet::shared(const std::string& absolute_path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(absolute_path);
  return it == cache_.end() ? nullptr : it->second;
}

std::vector<std::string> DocumentSet::files() const { return order_; }

const DocumentSet::FileRef& DocumentSet::file_ref(const std::string& base_dir, const std::string& decoded_uri) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = base_dir + '\n' + decoded_uri;
  auto it = file_refs_.find(key);
  if (it != file_refs_.end()) return it->second;
  FileRef r;
  r.path = fs::path(decoded_uri).is_absolute() ? normalise_path(decoded_uri)
                                              : normalise_path((fs::path(base_dir) / decoded_uri).generic_string());
  r.within_root = path_is_within(r.path, options_.root_dir);
  std::error_code ec;
  r.is_file = fs::is_regular_file(r.path, ec);
  return file_refs_.emplace(std::move(key), std::move(r)).first->second;
}

bool DocumentSet::known_target(const std::string& from_path, const std::string& ref, RefTarget& out) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = targets_.find(from_path + '\n' + ref);
  if (it == targets_.end()) return false;
  out = it->second;
  return true;
}

void DocumentSet::remember_target(const std::string& from_path, const std::string& ref, const RefTarget& target) {
  std::lock_guard<std::mutex> lock(mutex_);
  targets_.emplace(from_path + '\n' + ref, target);
}

static bool has_uri_scheme(const std::string& s) {
  // RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" — but not a Windows drive.
  size_t colon = s.find(':');
  if (colon == std::string::npos || colon < 2) return false;
  if (!isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

RefTarget resolve_ref(DocumentSet& docs, const Document& from, const std::string& ref,
                      const std::string& site_pointer, const Node& ref_node) {
  RefTarget known;
  if (docs.known_target(from.path, ref, known)) return known;
  auto report = [&](const char* code, std::string msg) {
    // A converted Swagger 2.0 file: its place, and the $ref, as the file wrote them.
    Location site = as_written(from, {from.display, site_pointer, ref_node.pos});
    std::string written = written_string(from, ref_node.pos);
    if (!written.empty() && written != ref && msg.compare(0, 7 + ref.size(), "$ref '" + ref + "'") == 0)
      msg = "$ref '" + written + "'" + msg.substr(7 + ref.size());
    docs.diagnostics().push_back({Severity::Error, code, std::move(msg), site, {}});
    return RefTarget{};
  };

  size_t hash = ref.find('#');
  std::string uri = ref.substr(0, hash);
  std::string fragment = hash == std::string::npos ? "" : ref.substr(hash + 1);

  // 3.2's $self is the URI the document says it has: a $ref by absolute URI to it, or to a
  // file beside it, names this document or a file beside this one, read locally.
  if (!uri.empty() && from.root.is_object()) {
    std::string_view self = from.root.string_at("$self");
    size_t slash = self.rfind('/');
    if (!self.empty() && uri == self) {
      uri.clear();
    } else if (slash != std::string_view::npos && has_uri_scheme(std::string(self)) &&
               uri.compare(0, slash + 1, self.substr(0, slash + 1)) == 0) {
      uri = uri.substr(slash + 1);
    }
  }
  const Document* target_doc = &from;
  if (!uri.empty()) {
    // "https://host/x" and the network-path form "//host/x" both name another host.
    if (has_uri_scheme(uri) || uri.rfind("//", 0) == 0) {
      return report("ref-remote",
                    "$ref '" + ref +
                        "' points to another host; apiref reads no network at build time. "
                        "Save the file into the project and refer to it by a relative path");
    }
    auto decoded = text::percent_decode(uri);
    if (!decoded) return report("ref-malformed", "$ref '" + ref + "' has a malformed %-escape");
    const DocumentSet::FileRef& file = docs.file_ref(fs::path(from.path).parent_path().generic_string(), *decoded);
    const std::string& path = file.path;
    if (!docs.options().allow_outside_root && !file.within_root) {
      return report("ref-outside-root",
                    "$ref '" + ref + "' leaves the project root " +
                        display_path(docs.options().root_dir) +
                        " (pass --allow-outside-root to permit it)");
    }
    if (!file.is_file) {
      return report("ref-file-not-found",
                    "$ref '" + ref + "': file " + display_path(path) + " does not exist");
    }
    target_doc = docs.load(path);
    if (!target_doc) {
      return report("ref-file-invalid",
                    "$ref '" + ref + "': file " + display_path(path) + " could not be parsed");
    }
  }

  auto decoded = text::percent_decode(fragment);
  if (!decoded) return report("ref-malformed", "$ref '" + ref + "' has a malformed %-escape");
  auto tokens = parse_pointer(*decoded);
  if (!tokens) {
    return report("ref-malformed", "$ref '" + ref +
                                       "': the fragment is not a JSON pointer (it must be empty "
                                       "or start with '/')");
  }
  std::string found;
  const Node* node = resolve_pointer(target_doc->root, *tokens, &found);
  if (!node) {
    return report("ref-not-found", "$ref '" + ref + "': " + target_doc->display + " has no #" +
                                       as_written(*target_doc, *decoded, {}) +
                                       " (the deepest part that exists is #" +
                                       as_written(*target_doc, found, {}) + ")");
  }
  RefTarget t;
  t.doc = target_doc;
  t.node = node;
  for (const std::string& tok : *tokens) {
    t.pointer += '/';
    t.pointer += pointer_escape(tok);
  }
  docs.remember_target(from.path, ref, t);
  return t;
}

}  // namespace apiref
