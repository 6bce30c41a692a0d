#pragma once
// The shared corpus beside the checkout (../shared/corpus), for the corpus tier only:
// apiref_tests is given no APIREF_CORPUS_DIR, so a unit case that includes this does not compile.
#include <string>

inline const std::string kCorpus = APIREF_CORPUS_DIR;
