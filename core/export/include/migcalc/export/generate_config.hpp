// NVIDIA's named mig-parted configs, generated offline from the catalog: all-disabled, all-enabled, all-<profile>
// for every profile and all-balanced, for every model (or a chosen set), with device filters where one name means
// different things on different GPUs. What `nvidia-mig-parted generate-config` writes on the hardware, and what the
// GPU Operator's default config holds (reference mig-parted-format.md §4 and §5).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "migcalc/base/json.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// "all-" + the profile name as NVIDIA's builder.go spells it in config names: '+' becomes '.', '-me' stays
/// ("1g.24gb+me.all" -> "all-1g.24gb.me.all", "1g.24gb-me" -> "all-1g.24gb-me").
std::string allProfileConfigName(const std::string& profile);

/// Is the profile available under `driver` (kNewestDriver: all are)? The model's and the profile's minimum driver.
bool profileSupported(const GpuModel& gpu, const Profile& profile, int driver);

/// The named configs one model gets by NVIDIA's rules under `driver`, in this order: all-<profile> for every profile
/// the driver supports (catalog order, at its Instances Total), then all-balanced: 2 x 1g + 1 x 2g + 1 x 3g on
/// 7-slice GPUs, 2 x 1g + 1 x 2g on 4-slice GPUs, from profiles without attributes, for each size the one with the
/// most instances (balanced.go); none on other GPUs, or when the driver lacks one of the profiles or a driver rule
/// of the model forbids the combination. Empty when the driver is older than the model's minimum.
std::vector<NamedConfig> namedConfigsByRule(const GpuModel& gpu, int driver);

/// One entry of a generated config: the models it is meant for, its device filter ("0x233010DE"; empty = any GPU)
/// and what it creates.
struct GeneratedEntry {
  std::vector<std::string> models;         // catalog keys
  std::vector<std::string> device_filter;  // mig-parted spelling; empty = any GPU
  bool mig_enabled = true;
  std::vector<std::pair<std::string, int>> devices;  // profile -> count
};

struct GeneratedConfig {
  std::string name;
  std::vector<GeneratedEntry> entries;
};

struct GeneratedConfigFile {
  std::vector<std::string> models;  // the models it was generated for, catalog keys in the given order
  int driver = 0;                   // kNewestDriver or a branch
  std::vector<GeneratedConfig> configs;
  std::vector<std::string> notes;  // models left out for the driver, PCI IDs two models share, ...
};

/// The config file for `gpus` (empty: the whole catalog) under `driver`. A name that means the same on every model
/// that has it gets one entry without a device filter (as NVIDIA's file does); a name that differs gets one entry
/// per meaning, each with the device filter of its models. Where two models share a PCI ID and the name differs
/// between them (GB200's two board revisions), the first model in the list keeps the ID and a note says which
/// config the other one lacks.
GeneratedConfigFile generateConfigs(const std::vector<const GpuModel*>& gpus, int driver);

/// The file as mig-parted v1 YAML: a header comment (migcalc and catalog version, models, driver, notes), then
/// version and mig-configs, each entry with a comment naming its models.
std::string generatedConfigYaml(const GeneratedConfigFile& file);

/// The file as mig-parted v1 JSON ({"version": "v1", "mig-configs": {...}}, what `nvidia-mig-parted
/// generate-config -o json` writes): no comments, so notes are left to the caller.
Json generatedConfigJson(const GeneratedConfigFile& file);

}  // namespace migcalc
