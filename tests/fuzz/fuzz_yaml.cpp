// The YAML reader: one document and multi-document streams, with the line map of every node.
#include "fuzz_common.hpp"
#include "migcalc/interop/yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  const std::string s = fuzz::text(data, size);
  auto doc = parseYaml(s);
  if (doc) {
    fuzz::print(doc->value);
    for (const auto& [pointer, line] : doc->lines) (void)doc->lineOf(pointer + "/x");
  }
  auto docs = parseYamlDocuments(s, 10);
  if (docs)
    for (const auto& d : *docs) fuzz::print(d.value);
  (void)jsonPointerToken(s);
  return 0;
}
