// The catalog JSON, embedded at build time from core/catalog/gpus.json (see core/CMakeLists.txt).
#pragma once

namespace migcalc::detail {
extern const char* const kCatalogJson;
}
