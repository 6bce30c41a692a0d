// Swagger 2.0 stage: a Swagger 2.0 document, as loaded, rewritten in place into the OpenAPI 3.0
// model, so that resolve, bundle, check, build and everything after them read one vocabulary.
// It runs on the parsed trees, between load and resolve: every node it moves keeps its source
// position, and the nodes it makes take the position of the 2.0 node they come from, so a
// finding about the converted document names the 2.0 file, line and column.
//
// A multi-file document converts as one: the files its $refs reach (transitively) are loaded
// through the caller's loader and converted too, each node by the role the reference gives it
// (schema, parameter, response, path item). In every file, the top-level 2.0 sections move to
// their 3.0 places (definitions -> components/schemas, parameters -> components/parameters or,
// body ones, components/requestBodies, responses -> components/responses, securityDefinitions
// -> components/securitySchemes) and every $ref into them is rewritten to match.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "load/load.h"

namespace apiref {

// True when a document's top level names a Swagger version (`swagger: "2.0"`).
bool is_swagger2(const Node& root);

// A file the conversion read: the document (converted in place) and what parsing it reported.
struct Swagger2File {
  std::shared_ptr<Document> doc;
  Diagnostics diagnostics;
};

// The caller's way to read another file of the document (absolute, normalised path): null when
// it may not or cannot be read (outside the project root, missing). Such a $ref is left as it
// is, for the resolver to report.
using Swagger2Loader = std::function<std::shared_ptr<Swagger2File>(const std::string& absolute_path)>;

// Converts `root` (a Swagger 2.0 document) in place, reporting what 2.0 forbids to `out`
// (errors with the 2.0 file, pointer and line:col). Returns the other files it read and
// converted; the caller must use these instead of reading the files again.
std::vector<std::shared_ptr<Swagger2File>> convert_swagger2(Document& root, const Swagger2Loader& load,
                                                            Diagnostics& out);

// The JSON pointer, in the file as written, of what `pointer` names in the converted tree of
// `doc` (a node or key that starts at `pos`): "/components/schemas/Pet/properties/id" becomes
// "/definitions/Pet/properties/id", a request body the body parameter it was made from. The
// conversion keeps every node's position and gives each node it makes the position of the
// 2.0 node it comes from, so the written node at `pos` is the one meant; where several start
// there (a YAML mapping and its first key), the one whose last tokens match `pointer`'s best,
// else the outermost. `pointer` unchanged for a document that was not converted.
std::string as_written(const Document& doc, const std::string& pointer, SourcePos pos);
// A Location in such a document, its pointer as written (as is for any other file).
Location as_written(const Document& doc, Location where);
// The string the file wrote at `pos` (a $ref before the conversion rewrote it), or "".
std::string written_string(const Document& doc, SourcePos pos);

}  // namespace apiref
