// Compute-instance (CI) sub-profiles: "1c.3g.40gb" is one compute instance of 1 compute slice inside a 3g.40gb
// GPU instance. A request may mix GI profiles and CI sub-profiles; counts follow mig-parted's meaning.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// "1c.3g.40gb" -> {1, "3g.40gb"}; "3g.40gb" -> {0, "3g.40gb"} (0 = the GI's default, whole-GI compute instance).
struct CiProfileName {
  int c = 0;
  std::string gi;
};
std::optional<CiProfileName> splitCiProfile(const std::string& name);

/// What is known about compute-instance profile `c` inside one GI profile of a model.
struct CiProfileInfo {
  std::string name;                  // "1c.3g.40gb"; the GI's own name for its default CI
  int c = 0;                         // compute slices of the CI (the GI's compute slices for the default CI)
  std::optional<int> id;             // the `nvidia-smi mig -lcip` profile ID, when the catalog knows it
  int per_gi = 1;                    // how many fit in one GI
  bool per_gi_from_catalog = false;  // false: the GI's compute slices / c
};

/// Errors: UNKNOWN_PROFILE (the GI profile is not on this model), BAD_CI_PROFILE (no such CI size in that GI).
Result<CiProfileInfo> ciProfileInfo(const GpuModel& gpu, const std::string& giProfile, int c);

/// The CI sub-profiles of one GI profile, smallest first (1c, 2c, ...), without the GI's default whole-GI CI.
/// Empty for a 1-slice GI and for a profile the model has not.
std::vector<CiProfileInfo> ciProfilesOf(const GpuModel& gpu, const std::string& giProfile);

/// The compute instances of one GPU instance by size, for people (as the page writes them): three 1c.3g.40gb ->
/// "3×1c", {2c.3g.40gb, 1c.3g.40gb} -> "2c+1c".
std::string ciSizesText(const std::vector<std::string>& cis);

/// One GPU instance to create, with its compute instances (empty = one default CI spanning the GI).
struct PlannedGi {
  std::string profile;
  std::vector<std::string> cis;
};

struct CiExpansion {
  std::vector<ProfileCount> gi_request;  // GI profile -> count, in order of first appearance
  std::vector<PlannedGi> gis;            // every GI, in creation order (larger GIs first)
  std::vector<std::string> notes;
};

/// Largest number of instances (GPU instances and compute instances) of one GPU-instance profile expanded at once.
constexpr long long kMaxExpandedInstances = 10000;

/// Expand a request that may hold CI sub-profiles into GPU instances: per GI profile, the compute instances go into
/// the fewest GPU instances (exact packing over compute slices and each CI profile's per-GI count, see
/// ci_packing.hpp), the way the driver accepts them when created in a good order. Larger GIs come first, then
/// larger CIs within a GI. "1c.3g.40gb": 6 -> two 3g.40gb GIs of three 1c CIs each; 1c.3g.20gb: 2 + 2c.3g.20gb: 2 ->
/// two 3g.20gb GIs of 2c+1c. Errors as ciProfileInfo, BAD_PROFILE_NAME for text that is no profile name, and
/// BAD_COUNT past kMaxExpandedInstances.
Result<CiExpansion> expandComputeInstances(const GpuModel& gpu, const std::vector<ProfileCount>& request);

}  // namespace migcalc
