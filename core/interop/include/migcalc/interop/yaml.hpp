// A YAML reader for the subset that mig-parted configs and Kubernetes ConfigMaps use: block and flow
// collections, plain/single/double-quoted scalars, comments, literal (|) and folded (>) block scalars.
// Anchors, aliases, tags and multi-document streams are refused with a clear message.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "migcalc/base/json.hpp"
#include "migcalc/base/result.hpp"

namespace migcalc {

/// Largest YAML text accepted (bytes) and deepest nesting; beyond them the reader refuses (bounded time/memory).
constexpr size_t kMaxYamlBytes = 4u << 20;
constexpr int kMaxYamlDepth = 64;
constexpr size_t kMaxYamlDocuments = 100;

struct YamlDocument {
  /// The document as JSON, scalars resolved as YAML 1.2's core schema does (null, true/false, ints, floats).
  Json value;
  /// JSON pointer of every node ("/mig-configs/all-1g.5gb/0/devices") -> 1-based line where it starts.
  std::map<std::string, int> lines;
  /// The line where the document starts (its '---', or its first line).
  int start_line = 1;
  /// The line of `pointer`, or of its nearest ancestor that has one; 0 when unknown.
  int lineOf(const std::string& pointer) const;
};

/// Parse YAML text. `firstLine` is the number given to the text's first line (for text cut out of a bigger file).
/// Errors: BAD_YAML ("line N: what is wrong"), YAML_TOO_LARGE, YAML_TOO_DEEP, YAML_UNSUPPORTED.
Result<YamlDocument> parseYaml(const std::string& text, int firstLine = 1);

/// Every document of a multi-document stream ('---' between documents, as kubectl files have them).
/// Errors as parseYaml; YAML_TOO_LARGE beyond kMaxYamlDocuments documents.
Result<std::vector<YamlDocument>> parseYamlDocuments(const std::string& text, int firstLine = 1);

/// "~1"/"~0"-escape a key for use in a JSON pointer.
std::string jsonPointerToken(const std::string& key);

}  // namespace migcalc
