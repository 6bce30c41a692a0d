// How the bundle stage names the components it creates (internal to the bundle stage).
#pragma once

#include <functional>
#include <string>

#include "bundle/bundler.h"

namespace apiref {

// The name a referenced object would have on its own: its key when it is a component
// ("#/components/schemas/uuid" -> "uuid"), the file's stem for a whole file
// ("./device.yaml" -> "device"), else stem and last pointer token.
std::string local_component_name(const RefTarget& target);

// Registers every component `doc` defines as already present in the output, under
// rename(name).
void register_own_components(Bundler& bundler, const Document& doc,
                             const std::function<std::string(const std::string&)>& rename);

}  // namespace apiref
