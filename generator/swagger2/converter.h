// Inside the Swagger 2.0 stage: the conversion's state, shared by the document-level part
// (converter.cpp: files, $refs, sections, the root) and the object-level part (objects.cpp:
// schemas, parameters, request bodies, responses, operations, security schemes).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "swagger2/swagger2.h"

namespace apiref::swagger2_internal {

// What a $ref's target is, as the place of the $ref says.
enum class Role { Schema, Parameter, Response, PathItem, Header, Other };

struct File {
  std::shared_ptr<Swagger2File> owned;  // null for the root, which the caller owns
  Document* doc = nullptr;
  Node raw;  // the file as read, for looking things up while the tree is being rewritten
};

// A parameter as 2.0 wrote it, found through its $refs: where it lives and its object.
struct RawParam {
  const File* file = nullptr;
  std::string pointer;
  const Node* node = nullptr;
  std::string in;
};

class Converter {
 public:
  Converter(Document& root, const Swagger2Loader& load, Diagnostics& out);
  void run();
  std::vector<std::shared_ptr<Swagger2File>> others();
  void mark_rewritten();

  // ---- used by objects.cpp ----
  void error(const File& f, const std::string& pointer, SourcePos pos, const char* code, const std::string& msg);
  // A finding that does not stop the conversion (the converted document is still sound).
  void warn(const File& f, const std::string& pointer, SourcePos pos, const char* code, const std::string& msg);
  // Rewrites a $ref string written in `f` (whose target has role `role`) to where the
  // conversion moves its target; queues a target outside the moved sections for conversion.
  // A response converted in place takes the media types of the operation that first uses it.
  void rewrite_ref(File& f, Node& ref_value, Role role, const std::vector<std::string>* produces = nullptr);
  // Follows a parameter's $refs through the raw files (null node when it cannot be found).
  RawParam raw_param(const File& f, const Node& param, const std::string& pointer);
  // The root's `consumes` / `produces` as written (empty when absent).
  const std::vector<std::string>& root_consumes() const { return consumes_; }
  const std::vector<std::string>& root_produces() const { return produces_; }

  // The servers of `schemes` over the root's host and basePath (one per scheme, or one without
  // a scheme); empty when the root has neither.
  Node servers_for(const std::vector<std::string>& schemes, SourcePos pos) const;
  const std::vector<std::string>& root_schemes() const { return schemes_; }
  void convert_schema(File& f, Node& schema, const std::string& pointer);
  void convert_parameter(File& f, Node& param, const std::string& pointer);
  void convert_header(File& f, Node& header, const std::string& pointer);
  void convert_response(File& f, Node& response, const std::string& pointer,
                        const std::vector<std::string>& produces);
  // A body parameter as a Request Body Object, its content one entry per media type.
  Node body_to_request_body(File& f, const Node& param, const std::string& pointer,
                            const std::vector<std::string>& consumes);
  void convert_path_item(File& f, Node& item, const std::string& pointer);
  void convert_security_scheme(File& f, Node& scheme, const std::string& pointer);

 private:
  File* file_at(const std::string& absolute_path);
  void relocate_sections(File& f);
  void convert_root(File& f);
  void convert_operation(File& f, Node& op, const std::string& pointer,
                         const std::vector<RawParam>& path_body_params);
  void drain_queue();
  std::string target_path(const File& f, const std::string& uri, bool& usable);

  Document& root_doc_;
  const Swagger2Loader& load_;
  Diagnostics& out_;
  std::map<std::string, std::unique_ptr<File>> files_;  // by absolute path; the root too
  std::vector<std::string> order_;                      // other files, in the order first read
  std::set<std::string> refused_;                       // paths the loader gave nothing for
  struct Pending {
    std::string path;
    std::string pointer;
    Role role;
    std::vector<std::string> produces;  // a response's, when its operation says
  };
  std::vector<Pending> queue_;
  std::map<std::string, std::set<std::string>> converted_;  // in-place targets done, by file
  std::vector<std::string> consumes_, produces_, schemes_;
  std::string host_, base_path_;  // the root's, as written ("" when absent)
};

// The Swagger 2.0 keywords that describe a non-body parameter's, a header's or an items
// object's value; in 3.0 they belong in its schema.
bool is_value_keyword(const std::string& key);
std::vector<std::string> string_list(const Node* list);
bool is_extension(const std::string& key);

}  // namespace apiref::swagger2_internal
