#pragma once
// docs/openapi.yaml as one JSON document, its shared schemas bundled in. Generated at build
// time by scripts/bundle-openapi.py (src/http/CMakeLists.txt).

#include <string_view>

namespace decklist::http {

std::string_view openapi_document_json();

}  // namespace decklist::http
