// check(): the front door of the single-GPU engine. It refuses malformed requests, then hands a request with
// compute-instance sub-profiles to checkComputeInstances() and any other to checkGpuInstances().
#include "migcalc/engine/check.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "check_compute_instances.hpp"
#include "check_gpu_instances.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/model/profile_names.hpp"

namespace migcalc {

const char* verdictName(Verdict v) {
  switch (v) {
    case Verdict::Feasible:
      return "feasible";
    case Verdict::NotFeasible:
      return "not feasible";
    default:
      return "unknown";
  }
}

namespace {

constexpr size_t kMaxFixed = 64;

std::string profileList(const GpuModel& gpu) {
  std::vector<std::string> names;
  for (const auto& p : gpu.profiles) names.push_back(p.name);
  return join(names, ", ");
}

/// Input errors, not infeasibility: names that are not profile names, counts out of range, too many pins.
std::optional<Error> requestError(const GpuModel& gpu, const CheckRequest& req) {
  if (req.fixed.size() > kMaxFixed)
    return Error{Code::TOO_MANY_FIXED, std::to_string(req.fixed.size()) +
                                           " fixed instances given; a GPU holds at most " + std::to_string(kMaxFixed) +
                                           "."};
  std::vector<std::pair<std::string, long long>> merged;  // request order, repeated names added up
  for (const auto& pc : req.request) {
    if (!isValidProfileName(pc.profile))
      return Error{Code::BAD_PROFILE_NAME,
                   "'" + pc.profile +
                       "' is not a profile name (like 3g.40gb, 1g.10gb+me, or 1c.3g.40gb for compute instances). " +
                       gpu.key + " has: " + profileList(gpu) + "."};
    if (pc.count < 1)
      return Error{Code::BAD_COUNT, "Count " + std::to_string(pc.count) + " for " + pc.profile +
                                        " must be at least 1. To pin an instance at a start, use --fixed " +
                                        pc.profile + "@START."};
    if (pc.count > kMaxCount)
      return Error{Code::BAD_COUNT,
                   "Count " + std::to_string(pc.count) + " for " + pc.profile +
                       " is too large: one GPU takes at most " + std::to_string(kMaxCount) +
                       " of a profile in a request (and far fewer fit). For many GPUs, use `migcalc plan`."};
    auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == pc.profile; });
    if (it == merged.end())
      merged.emplace_back(pc.profile, pc.count);
    else if ((it->second += pc.count) > kMaxCount)
      return Error{Code::BAD_COUNT,
                   "Counts for " + pc.profile + " add up to more than " + std::to_string(kMaxCount) + "."};
  }
  for (const auto& f : req.fixed)
    if (!isValidProfileName(f.profile))
      return Error{Code::BAD_PROFILE_NAME, "Fixed instance '" + f.profile + "' is not a profile name. " + gpu.key +
                                               " has: " + profileList(gpu) + "."};
  return std::nullopt;
}

}  // namespace

CheckRequest withModelProfileNames(const GpuModel& gpu, const CheckRequest& req, std::vector<std::string>& notes) {
  CheckRequest out = req;
  auto resolve = [&](std::string& name) {
    if (name.size() > kMaxProfileNameLength + 8 || gpu.findProfile(name) >= 0) return;
    size_t digits = 0;  // a CI sub-profile's "<c>c." prefix, in any case
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
    bool ci = digits > 0 && digits + 1 < name.size() && (name[digits] == 'c' || name[digits] == 'C') &&
              name[digits + 1] == '.';
    std::string prefix = ci ? lower(name.substr(0, digits + 2)) : "";
    ProfileMatch match = resolveProfile(gpu, name.substr(prefix.size()), ProfileNames::MemoryRoundings);
    if (match.index < 0) return;
    name = prefix + gpu.profiles[static_cast<size_t>(match.index)].name;
    if (!match.note.empty() && std::find(notes.begin(), notes.end(), match.note) == notes.end())
      notes.push_back(match.note);
  };
  for (auto& pc : out.request) resolve(pc.profile);
  for (auto& f : out.fixed) resolve(f.profile);
  return out;
}

std::string driverVariantNote(const GpuModel& variant, int driver) {
  std::string note = "Under driver " + driverName(driver) + ", " + variant.key +
                     " answers with its earlier layout (drivers up to R" + std::to_string(variant.max_driver) + ")";
  return note + (variant.notes.empty() ? "." : ": " + variant.notes.front());
}

Result<CheckResult> check(const GpuModel& asCatalogued, const CheckRequest& asGiven) {
  const GpuModel& gpu = asCatalogued.underDriver(asGiven.driver);
  std::vector<std::string> notes;
  if (&gpu != &asCatalogued) notes.push_back(driverVariantNote(gpu, asGiven.driver));
  CheckRequest req = withModelProfileNames(gpu, asGiven, notes);
  if (auto error = requestError(gpu, req)) return *error;
  auto result = hasComputeInstanceProfiles(req.request) ? checkComputeInstances(gpu, req) : checkGpuInstances(gpu, req);
  if (result && !notes.empty()) result->notes.insert(result->notes.begin(), notes.begin(), notes.end());
  return result;
}

}  // namespace migcalc
