// A YAML reader for what mig-parted configs and Kubernetes ConfigMaps use: block and flow collections,
// plain/single/double-quoted scalars, comments, literal (|) and folded (>) block scalars, anchors, aliases and merge
// keys ('<<'). It reads as mig-parted does (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1): yes/no/on/off/y/n are
// booleans, 010 is 8, 0x10 is 16, 1_000 is 1000, keys become text as JSON needs ("on" -> "true"), a key given twice
// keeps its last value (with a warning), and .inf/.nan values or null keys are errors (JSON cannot hold them).
// Tags and complex keys are refused with a clear message. tests/fixtures/yaml-probes holds mig-parted's readings.
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

struct YamlWarning {
  int line = 0;
  std::string message;
};

struct YamlDocument {
  /// The document as JSON, exactly as mig-parted's reader turns it into JSON (YAML 1.1 scalars, see above).
  Json value;
  /// Things mig-parted accepts silently that are likely mistakes (a key given twice).
  std::vector<YamlWarning> warnings;
  /// JSON pointer of every node ("/mig-configs/all-1g.5gb/0/devices") -> 1-based line where it starts.
  std::map<std::string, int> lines;
  /// The line where the document starts (its '---', or its first line).
  int start_line = 1;
  /// The line of `pointer`, or of its nearest ancestor that has one; 0 when unknown.
  int lineOf(const std::string& pointer) const;
};

/// Parse YAML text: its first document only, as mig-parted does (what follows a '---' or '...' is not read). An empty
/// file is a null value. `firstLine` is the number given to the text's first line (for text cut out of a bigger
/// file). Errors: BAD_YAML ("line N: what is wrong"), YAML_TOO_LARGE, YAML_TOO_DEEP, YAML_UNSUPPORTED.
Result<YamlDocument> parseYaml(const std::string& text, int firstLine = 1);

/// Every document of a multi-document stream ('---' between documents, as kubectl files have them).
/// Errors as parseYaml; YAML_TOO_LARGE beyond kMaxYamlDocuments documents.
Result<std::vector<YamlDocument>> parseYamlDocuments(const std::string& text, int firstLine = 1);

/// "~1"/"~0"-escape a key for use in a JSON pointer.
std::string jsonPointerToken(const std::string& key);

}  // namespace migcalc
