// A GPU model and its GPU-instance (GI) profiles: plain data, as the catalog describes them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace migcalc {

/// Media and copy engines of one profile or of the whole GPU; nullopt = unknown.
struct Engines {
  std::optional<int> dec, enc, jpeg, ofa, ce;
};

/// One GI profile of one GPU model (names are per model: "1g.10gb" differs between A100-40GB and H100).
struct Profile {
  std::string name;               // "3g.40gb", "1g.24gb+me.all"
  std::optional<int> id;          // the ID column of `nvidia-smi mig -lgip`
  int compute_slices = 0;         // the <g> of the name
  int instances = 0;              // "Instances Total" on an empty GPU (the per-profile cap)
  std::optional<int> memory_mib;  // informational: drifts with the driver
  std::optional<double> memory_gib;
  std::optional<int> sm;
  Engines engines;
  std::vector<int> starts;        // allowed starts (`-lgipp`); empty = placements unknown
  int size = 0;                   // placement units covered
  std::optional<int> min_driver;  // driver branch that introduced the profile, if newer than the model's
  std::map<std::string, std::string> confidence;  // field -> confidence word
  std::vector<int> sources;                       // indices into GpuModel::sources
  std::vector<std::string> notes;

  bool hasPlacements() const { return size > 0 && !starts.empty(); }
  /// "{0,4}:4" exactly as `nvidia-smi mig -lgipp` prints it, or "unknown".
  std::string placementsText() const;
  /// "+me", "+me.all", "+gfx", "-me" or "" for a plain profile.
  std::string attribute() const;
  bool hasAttribute() const { return name.find_first_of("+-") != std::string::npos; }
};

/// A driver rule for a combination of profiles: all of `together` at once need `min_driver`.
struct DriverRule {
  std::vector<std::string> together;
  int min_driver = 0;
  std::string source;
  std::string confidence;
};

struct NamedConfig {
  std::string name;                                  // "all-balanced"
  std::vector<std::pair<std::string, int>> devices;  // profile -> count
};

struct GpuModel {
  std::string key;  // "H100-SXM5-80GB"
  std::string family;
  std::string architecture;
  std::vector<std::string> names;    // product names as nvidia-smi prints them
  std::vector<std::string> pci_ids;  // "0x2330"
  std::optional<int> total_memory_mib;
  std::optional<int> die_sm;
  int compute_slices = 0;
  int memory_slices = 0;
  std::optional<int> placement_units;
  std::optional<int> max_instances;
  int min_driver = 0;
  /// The newest driver branch this table applies to; 0 = every driver from min_driver on. Set on a driver variant.
  int max_driver = 0;
  std::string min_driver_note;
  Engines engine_totals;
  std::map<std::string, std::string> confidence;
  std::vector<DriverRule> driver_rules;
  std::vector<NamedConfig> named_configs;
  std::vector<Profile> profiles;
  std::vector<std::string> notes;
  std::vector<std::string> sources;
  /// The catalog's free text on compute-instance profiles ("1c.3g.40gb (CI id 0, 3 inst, 14 SM), …"); may be empty.
  std::string compute_instance_profiles;
  /// The layouts this GPU has under older drivers ("driver_variants" in the catalog), each a whole model with the same
  /// key, names and IDs and its own slices, profiles and max_driver, in any order.
  std::vector<GpuModel> driver_variants;
  bool custom = false;  // supplied by the user, not from the catalog

  /// Does driver branch `driver` offer this table: at least min_driver and, on a variant, at most max_driver? The
  /// newest driver (kNewestDriver, 0) is newer than every max_driver.
  bool offeredUnder(int driver) const;
  /// The table the GPU has under `driver`: the driver variant with the lowest max_driver not below it, else this one.
  const GpuModel& underDriver(int driver) const;
  /// True when every profile has placements and the grid size is known.
  bool placementsKnown() const;
  /// True when any placement is inferred rather than seen on hardware.
  bool placementsInferred() const;
  int units() const { return placement_units.value_or(0); }
  /// Index of the profile with this exact name, or -1.
  int findProfile(const std::string& name) const;
  /// The full-GPU profile: the plain profile with the most compute slices (7g, 4g on RTX PRO 6000).
  const Profile* fullProfile() const;
  /// SMs of the full-GPU profile (98 on A100, not the die's 108); nullopt if unknown.
  std::optional<int> fullSm() const;
  std::optional<int> fullMemoryMib() const;
  /// "base" profiles: no attribute and, per compute-slice count, the smallest placement (not the double-memory 1g).
  bool isBaseProfile(int index) const;
};

/// Parse "{0,2,4,6}:2" into starts and size. Returns false on malformed text.
bool parsePlacements(const std::string& text, std::vector<int>& starts, int& size);

/// Does `name` follow the profile grammar `[<c>c.]<g>g.<gb>gb[+attr[,attr]|-attr]`?
/// Limits: at most kMaxProfileNameLength characters; slice counts of 1 to 3 digits, memory of 1 to 4.
bool isValidProfileName(const std::string& name);
constexpr size_t kMaxProfileNameLength = 64;

/// "0x2330" (catalog) -> "0x233010DE" (mig-parted's device-filter spelling: device then vendor).
std::string migPartedDeviceId(const std::string& catalogPciId);

}  // namespace migcalc
