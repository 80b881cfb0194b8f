// NVIDIA mig-parted configuration files (version v1): reading, schema rules, ConfigMap unwrapping, and checking each
// named config against the catalog GPUs it applies to.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// One item of a named config: which GPUs it applies to and what to create on them.
struct MigPartedEntry {
  int line = 0;
  std::vector<std::string> device_filter;  // as written, e.g. "0x233010DE"; empty = any GPU
  bool all_devices = true;
  std::vector<long long> devices;  // GPU indices when not "all"
  bool mig_enabled = false;
  std::vector<std::pair<std::string, long long>> mig_devices;  // profile -> count, in file order
  std::vector<int> mig_device_lines;
};

struct MigPartedConfig {
  std::string name;
  int line = 0;
  std::vector<MigPartedEntry> entries;
};

/// A schema problem, in our own words, at a line of the original file.
struct SchemaProblem {
  int line = 0;
  std::string message;
};

struct MigPartedFile {
  std::vector<MigPartedConfig> configs;
  std::vector<SchemaProblem> problems;  // non-empty = the file breaks mig-parted's rules
  std::vector<SchemaProblem> warnings;  // accepted by mig-parted but likely a mistake (a key given twice, ...)
  std::string unwrapped_from;           // "ConfigMap default-mig-parted-config, key config.yaml" when unwrapped
};

/// Read a mig-parted config, or a Kubernetes ConfigMap wrapping one (data: config.yaml: |). YAML errors are errors
/// (BAD_YAML, YAML_*); a different Kubernetes object or a file that is not a mig-parted config is NOT_MIG_PARTED;
/// rule violations come back in `problems` with line numbers.
Result<MigPartedFile> parseMigPartedConfig(const std::string& text);

/// Does the filter text ("0x233010DE", "0x233010de:0x16A110DE") name one of the model's PCI IDs?
bool deviceFilterMatches(const std::string& filter, const GpuModel& gpu);

/// The answer for one entry on one GPU model.
struct EntryOnGpu {
  std::string gpu;                  // catalog key
  std::string status;               // "feasible", "not feasible", "not applicable", "unknown", "not validated"
  std::string reason;               // why, for every status but feasible
  std::vector<Instance> instances;  // feasible: where each GI goes (creation order)
  std::vector<PlannedGi> gis;       // the GIs with their compute instances
};

struct EntryReport {
  std::string config;
  size_t index = 0;  // position in the config's list
  int line = 0;
  std::string summary;  // "MIG disabled", "1g.10gb x7"
  std::vector<EntryOnGpu> results;
  std::optional<std::string> error;  // applicable nowhere (with a suggestion) or infeasible somewhere
};

struct ValidationReport {
  std::string unwrapped_from;
  std::vector<SchemaProblem> schema_errors;
  std::vector<SchemaProblem> warnings;  // what mig-parted accepts silently but is likely a mistake
  std::vector<EntryReport> entries;
  int exit_code = 0;  // 0 clean, 1 an applicable entry infeasible or an entry applicable nowhere, 2 schema errors
};

/// Validate every named config against the catalog models it applies to (only `gpu` when given: a model named
/// with --gpu is validated even without known placements, with the result "unknown").
/// Errors: the YAML/NOT_MIG_PARTED errors of parseMigPartedConfig (exit code 2 for the caller).
Result<ValidationReport> validateMigParted(const std::string& text, const GpuModel* gpu = nullptr);

/// {"valid": bool, "exit_code", "unwrapped_from", "schema_errors": [{line, message}], "warnings": [{line, message}],
/// "entries": [...]}
Json validationJson(const ValidationReport& report);

}  // namespace migcalc
