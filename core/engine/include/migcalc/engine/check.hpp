// The allocation engine: can these GPU instances be created on this GPU, where, and what is left?
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// Largest count accepted for one profile in a single-GPU request (more is a typo, not a question).
constexpr long long kMaxCount = 1000;

struct ProfileCount {
  std::string profile;
  long long count = 1;
};

/// An instance already on the GPU (a profile at a start); the engine never moves it.
struct FixedInstance {
  std::string profile;
  int start = 0;
};

struct CheckRequest {
  std::vector<ProfileCount> request;  // repeated profiles add up; may hold CI sub-profiles ("1c.3g.40gb")
  std::vector<FixedInstance> fixed;
  int driver = 0;  // driver branch; 0 = the newest
};

enum class Verdict { Feasible, NotFeasible, Unknown };

/// One compute instance inside a GPU instance: a CI sub-profile ("1c.3g.40gb") and its compute slices.
struct ComputeInstance {
  std::string profile;
  int compute_slices = 0;
};

struct Instance {
  std::string profile;
  int start = 0;
  int size = 0;
  int compute_slices = 0;
  bool fixed = false;
  /// The compute instances the request split this GPU instance into (empty: no split asked for).
  std::vector<ComputeInstance> compute_instances = {};
};

/// Why a request is not feasible: a code (UNKNOWN_PROFILE, SLICE_TOTAL, INSTANCE_CAP, FIXED_BAD_START,
/// FIXED_OVERLAP, NO_PLACEMENT, MEDIA_ENGINES, DRIVER_TOO_OLD, PLACEMENTS_UNKNOWN), a plain-English message and the
/// slots it involves. A check reports every rule that fails, most fundamental first: unknown profiles, slice totals,
/// instance caps, placement windows, media engines, driver.
struct Reason {
  Code code = Code::NO_PLACEMENT;
  std::string message;
  /// Placement units involved, ascending (a fixed instance's units, the units that block a window); empty when no
  /// unit is involved or the model's placements are unknown.
  std::vector<int> units = {};
  /// Profile names involved (as the model names them, or as given when the model has no such profile).
  std::vector<std::string> profiles = {};
};

/// A used/total pair; nullopt where the catalog does not know the number.
struct Measure {
  std::optional<double> used;
  std::optional<double> total;
};

struct Utilization {
  Measure compute_slices, placement_units, memory_slices, sms, memory_mib, dec, enc, jpeg, ofa;
};

/// Free capacity that no profile can use any more.
struct Stranded {
  std::vector<int> units;  // free placement units no creatable profile covers
  int compute_slices = 0;  // compute slices that can no longer be used by any instance
};

struct Remaining {
  std::string profile;
  std::optional<int> count;  // nullopt = unknown (no placements known)
};

struct CheckResult {
  Verdict verdict = Verdict::Unknown;
  /// The layout: fixed instances, then the placed request in creation order (largest first).
  /// When not feasible: the fixed instances only.
  std::vector<Instance> instances;
  std::vector<Reason> reasons;           // non-empty exactly when not feasible (or unknown)
  std::vector<Instance> largest_subset;  // when not feasible: the most requested instances that fit
  std::vector<Remaining> remaining;      // per profile, catalog order, after this allocation
  Utilization utilization;
  Stranded stranded;
  std::vector<std::string> notes;  // e.g. "placements are inferred"
};

/// Check a request against a GPU model exactly as the driver's placement rules allow.
/// CI sub-profiles in the request go into the fewest GPU instances that hold them (see compute_instances.hpp); the
/// placed instances then carry their compute_instances.
/// Errors (bad input, not infeasibility): BAD_COUNT, BAD_PROFILE_NAME, BAD_CI_PROFILE, TOO_MANY_FIXED, SEARCH_LIMIT.
Result<CheckResult> check(const GpuModel& gpu, const CheckRequest& request);

/// The request with each profile named as this model names it: another case, the Kubernetes spelling (mig-1g.10gb,
/// 1g.10gb.me) or the memory rounded by another board or driver (7g.79gb for 7g.80gb, 1g.24gb for GB200's 1g.23gb:
/// the same slices, at most 1 GB off, one candidate only). A note for each name that was not the model's own, naming
/// the profile taken. Names it cannot place are left as they are (check() then reports them). check() calls it.
CheckRequest withModelProfileNames(const GpuModel& gpu, const CheckRequest& request, std::vector<std::string>& notes);

/// "Under driver R575, RTX-PRO-5000-48GB answers with its earlier layout (drivers up to R580): ...": said
/// wherever a driver variant of the catalog answers instead of the model's current table.
std::string driverVariantNote(const GpuModel& variant, int driver);

const char* verdictName(Verdict v);  // "feasible", "not feasible", "unknown"

}  // namespace migcalc
