// A mig-parted v1 config for a layout, and how to use it with the GPU Operator.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/export/export_layout.hpp"

namespace migcalc {

struct MigPartedExportOptions {
  std::string config_name;    // empty = a name made from the layout, e.g. "migcalc-1x4g.40gb-1x2g.20gb"
  std::optional<int> device;  // GPU index for `devices: [N]`; none = `devices: all`
  std::string configmap_name = "custom-mig-config";
  std::string node = "<node-name>";
};

/// mig-devices of the whole layout (fixed and new: mig-parted always recreates everything), GPU-instance profiles by
/// count, or compute-instance sub-profiles ("1c.3g.40gb": 3) where a GI is split.
std::vector<std::pair<std::string, int>> migPartedDevices(const ExportLayout& layout);
/// The config name used when none is given: "migcalc-" + counts, kept to a valid Kubernetes label value.
std::string defaultMigPartedName(const ExportLayout& layout);

/// The configs every single-GPU mig-parted export writes besides the chosen one: {"all-disabled"}.
const std::vector<std::string>& migPartedExportConfigs();

/// Why `name` cannot be a mig-parted config name, or nullopt when it can. The GPU Operator selects a config by the
/// node label nvidia.com/mig.config=NAME, so a name is a Kubernetes label value: 1 to 63 letters, digits, '-', '_'
/// or '.', starting and ending with a letter or digit (it also reaches shell commands). A name equal to one of
/// `otherConfigs` (the other configs of the same file) is refused: the later key would silently replace the earlier
/// one when mig-parted reads the file (go-yaml v2 keeps the last of duplicate keys). Code BAD_EXPORT_REQUEST.
std::optional<Error> configNameError(const std::string& name,
                                     const std::vector<std::string>& otherConfigs = migPartedExportConfigs());

/// Does `text` read back as the same string when written as a plain (unquoted) YAML scalar, under YAML 1.1 (go-yaml
/// v2, what mig-parted reads with) and 1.2 alike? Deliberately conservative: only letters, digits, '.', '_' and '-',
/// starting with a letter, and not a word YAML 1.1 reads as a boolean or null (yes, No, ON, off, y, null, ...).
bool yamlPlainSafe(const std::string& text);

/// `text` as a YAML scalar: plain when yamlPlainSafe, otherwise double-quoted with escapes (\", \\, \n, \t, \xNN,
/// \N, \L, \P, \uFEFF; bytes that are not UTF-8 become U+FFFD). Never spans lines.
std::string yamlScalar(const std::string& text);

/// The YAML file (version v1, all-disabled plus the named config with the model's PCI IDs as device-filter),
/// followed by comments on applying it with nvidia-mig-parted and with the GPU Operator (ConfigMap, ClusterPolicy,
/// node label nvidia.com/mig.config).
std::string exportMigParted(const ExportLayout& layout, const MigPartedExportOptions& options = {});

/// The same config wrapped in a Kubernetes ConfigMap (data: config.yaml: |) for the GPU Operator.
std::string exportMigPartedConfigMap(const ExportLayout& layout, const MigPartedExportOptions& options = {});

}  // namespace migcalc
