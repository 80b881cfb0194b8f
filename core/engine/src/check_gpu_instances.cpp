#include "check_gpu_instances.hpp"

#include <algorithm>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/engine/grid.hpp"
#include "migcalc/engine/usage.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/model/profile_names.hpp"
#include "search.hpp"

namespace migcalc {

namespace {

constexpr long long kSearchBudget = 4'000'000;

std::string profileList(const GpuModel& gpu) {
  std::vector<std::string> names;
  for (const auto& p : gpu.profiles) names.push_back(p.name);
  return join(names, ", ");
}

std::string unknownProfileMessage(const GpuModel& gpu, const std::string& name, bool fixed) {
  std::vector<std::string> names;
  for (const auto& p : gpu.profiles) names.push_back(p.name);
  std::string msg = gpu.key + " has no profile " + quote(name, 70) + (fixed ? " (in --fixed)" : "") + ".";
  ProfileMatch rounded = resolveProfile(gpu, name, ProfileNames::MemoryRoundings);
  if (rounded.index >= 0)
    msg +=
        " Its profile with the same slices is " + gpu.profiles[static_cast<size_t>(rounded.index)].name +
        ": the driver names profiles by this board's memory, and another board or an older tool rounds it differently.";
  auto close = closeNames(name, names, 3);
  if (rounded.index < 0 && !close.empty()) msg += " Did you mean " + joinOr(close) + "?";
  msg += " Its profiles: " + profileList(gpu) + ".";
  auto ci = splitCiProfile(name);
  if (fixed && ci && ci->c > 0) msg += " A pinned instance is a GPU instance: pin the " + ci->gi + " itself.";
  return msg;
}

std::string startsText(const std::vector<int>& starts) {
  std::vector<std::string> s;
  for (int x : starts) s.push_back(std::to_string(x));
  return joinOr(s);
}

// Per profile index: how many are requested and how many are fixed.
struct Tally {
  explicit Tally(size_t n) : requested(n, 0), fixed(n, 0) {}
  std::vector<long long> requested;
  std::vector<int> fixed;
};

/// The request in its order, repeated names added up.
std::vector<std::pair<std::string, long long>> mergeRequest(const CheckRequest& req) {
  std::vector<std::pair<std::string, long long>> merged;
  for (const auto& pc : req.request) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == pc.profile; });
    if (it == merged.end())
      merged.emplace_back(pc.profile, pc.count);
    else
      it->second += pc.count;
  }
  return merged;
}

/// Placements that were inferred, not seen on hardware, are said so.
void noteInferredPlacements(const GpuModel& gpu, CheckResult& out) {
  if (gpu.placementsInferred())
    out.notes.push_back("Placements for " + gpu.key + " are inferred from the common " + std::to_string(gpu.units()) +
                        "-unit pattern; no nvidia-smi mig -lgipp output was seen for this model.");
}

/// MIG on the model needs its minimum driver.
void checkModelDriver(const GpuModel& gpu, const Grid& grid, int driver, CheckResult& out) {
  if (!grid.model_supported)
    out.reasons.push_back({Code::DRIVER_TOO_OLD, "MIG on " + gpu.key + " needs driver R" +
                                                     std::to_string(gpu.min_driver) + " or newer; " +
                                                     driverName(driver) + " was chosen."});
}

/// Requested counts per profile; a profile the model does not have is a reason.
void tallyRequested(const GpuModel& gpu, const std::vector<std::pair<std::string, long long>>& merged, Tally& tally,
                    CheckResult& out) {
  for (const auto& [name, count] : merged) {
    int idx = gpu.findProfile(name);
    if (idx < 0) {
      out.reasons.push_back({Code::UNKNOWN_PROFILE, unknownProfileMessage(gpu, name, false)});
      continue;
    }
    tally.requested[static_cast<size_t>(idx)] += count;
  }
}

/// A fixed instance must sit at one of its profile's allowed starts.
std::string fixedBadStartMessage(const GpuModel& gpu, const FixedInstance& f, int idx, const GridProfile& gp) {
  return "Fixed " + f.profile + " cannot sit at start " + std::to_string(f.start) + ": its allowed starts are " +
         startsText(gp.starts) + " (placements " + gpu.profiles[static_cast<size_t>(idx)].placementsText() + ").";
}

/// A fixed instance whose window is taken: one reason per fixed instance already placed that it overlaps.
void checkFixedInstancesOverlap(const FixedInstance& f, const GridProfile& gp, const std::vector<Instance>& fixedPlaced,
                                CheckResult& out) {
  for (const auto& other : fixedPlaced) {
    int lo = std::max(other.start, f.start), hi = std::min(other.start + other.size, f.start + gp.size);
    if (lo < hi)
      out.reasons.push_back({Code::FIXED_OVERLAP, "Fixed " + f.profile + " at " + std::to_string(f.start) + " (" +
                                                      unitRange(f.start, gp.size) + ") overlaps fixed " +
                                                      other.profile + " at " + std::to_string(other.start) + " (" +
                                                      unitRange(other.start, other.size) + ")."});
  }
}

/// The fixed instances, in order: counted per profile and, when placements are known, placed into `base` unless
/// the profile is unknown, the start is not allowed or the window overlaps an earlier one. Returns those placed.
std::vector<Instance> placeFixedInstances(const GpuModel& gpu, const Grid& grid,
                                          const std::vector<FixedInstance>& fixed, bool known, Tally& tally,
                                          LayoutState& base, CheckResult& out) {
  std::vector<Instance> fixedPlaced;
  for (const auto& f : fixed) {
    int idx = gpu.findProfile(f.profile);
    if (idx < 0) {
      out.reasons.push_back({Code::UNKNOWN_PROFILE, unknownProfileMessage(gpu, f.profile, true)});
      continue;
    }
    tally.fixed[static_cast<size_t>(idx)]++;
    if (!known) continue;
    const GridProfile& gp = grid.profiles[static_cast<size_t>(idx)];
    auto at = std::find(gp.starts.begin(), gp.starts.end(), f.start);
    if (at == gp.starts.end()) {
      out.reasons.push_back({Code::FIXED_BAD_START, fixedBadStartMessage(gpu, f, idx, gp)});
      continue;
    }
    int pl = static_cast<int>(at - gp.starts.begin());
    if (gp.masks[static_cast<size_t>(pl)] & base.occupied) {
      checkFixedInstancesOverlap(f, gp, fixedPlaced, out);
      continue;
    }
    add(grid, base, idx, pl);
    fixedPlaced.push_back({f.profile, f.start, gp.size, gp.compute_slices, true});
  }
  return fixedPlaced;
}

/// "N × profile (F fixed, R requested) exceeds its instance cap: ...".
std::string instanceCapMessage(const GpuModel& gpu, const Profile& p, long long want, int have) {
  std::string msg = std::to_string(want + have) + " \u00d7 " + p.name;
  if (have) msg += " (" + std::to_string(have) + " fixed, " + std::to_string(want) + " requested)";
  msg += " exceeds its instance cap: " + gpu.key + " allows at most " + std::to_string(p.instances) + ".";
  return msg;
}

/// Per profile in catalog order, requested and fixed together: its minimum driver, then its instance cap.
void checkProfileDriversAndCaps(const GpuModel& gpu, const Grid& grid, int driver, const Tally& tally,
                                CheckResult& out) {
  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    const Profile& p = gpu.profiles[i];
    long long want = tally.requested[i];
    int have = tally.fixed[i];
    if (want + have == 0) continue;
    if (grid.model_supported && p.min_driver && !driverAtLeast(driver, *p.min_driver))
      out.reasons.push_back({Code::DRIVER_TOO_OLD, p.name + " on " + gpu.key + " needs driver R" +
                                                       std::to_string(*p.min_driver) + " or newer; " +
                                                       driverName(driver) + " was chosen."});
    if (want + have > p.instances) out.reasons.push_back({Code::INSTANCE_CAP, instanceCapMessage(gpu, p, want, have)});
  }
}

/// Profiles that the chosen driver does not allow together, all of them present.
void checkForbiddenCombinations(const GpuModel& gpu, const Grid& grid, int driver, const Tally& tally,
                                CheckResult& out) {
  for (const auto& f : grid.forbidden) {
    bool all = true;
    for (int p : f.profiles)
      all = all && (tally.requested[static_cast<size_t>(p)] || tally.fixed[static_cast<size_t>(p)]);
    if (!all) continue;
    std::vector<std::string> names;
    for (int p : f.profiles) names.push_back(gpu.profiles[static_cast<size_t>(p)].name);
    out.reasons.push_back({Code::DRIVER_TOO_OLD, joinAnd(names) + " together on " + gpu.key + " need driver R" +
                                                     std::to_string(f.min_driver) + " or newer; " + driverName(driver) +
                                                     " was chosen."});
  }
}

/// A media engine kind in words ("dec" -> "video decoders (NVDEC)").
std::string engineLabel(const std::string& kind) {
  return kind == "dec"    ? "video decoders (NVDEC)"
         : kind == "enc"  ? "video encoders (NVENC)"
         : kind == "jpeg" ? "JPEG decoders"
                          : "optical-flow accelerators (OFA)";
}

/// The engine-sum rule: per known media engine kind, requested and fixed instances together need no more engines
/// than the full-GPU profile has.
void checkMediaEngines(const GpuModel& gpu, const Grid& grid, const Tally& tally, CheckResult& out) {
  for (size_t e = 0; e < kEngineKinds; ++e) {
    if (!grid.engine_known[e]) continue;
    long long need = 0;
    std::vector<std::string> users;
    for (size_t i = 0; i < gpu.profiles.size(); ++i) {
      long long n = tally.requested[i] + tally.fixed[i];
      int per = grid.profiles[i].engines[e];
      if (n && per) {
        need += n * per;
        users.push_back((n > 1 ? std::to_string(n) + " \u00d7 " : std::string()) + gpu.profiles[i].name);
      }
    }
    if (need > grid.engine_totals[e])
      out.reasons.push_back({Code::MEDIA_ENGINES, joinAnd(users) + " need " + std::to_string(need) + " " +
                                                      engineLabel(kEngineNames[e]) + " together; " + gpu.key + " has " +
                                                      std::to_string(grid.engine_totals[e]) + "."});
  }
}

/// A model without known placements is never a guess: the verdict is Unknown, PLACEMENTS_UNKNOWN comes first and
/// nothing is counted as remaining.
void answerPlacementsUnknown(const GpuModel& gpu, CheckResult& out) {
  out.verdict = Verdict::Unknown;
  out.reasons.insert(out.reasons.begin(),
                     {Code::PLACEMENTS_UNKNOWN, "Exact placement on " + gpu.key +
                                                    " is unknown: no placement table (nvidia-smi mig -lgipp) is known "
                                                    "for this model, so migcalc cannot say whether the request fits."});
  for (const auto& p : gpu.profiles) out.remaining.push_back({p.name, std::nullopt});
  out.utilization = unknownUtilization(gpu);
}

/// The requested profiles as search groups, largest first (at most 64 of one profile).
std::vector<SearchGroup> searchGroups(const Grid& grid, const Tally& tally) {
  std::vector<SearchGroup> groups;
  for (int p : grid.order)
    if (tally.requested[static_cast<size_t>(p)])
      groups.push_back({p, static_cast<int>(std::min<long long>(tally.requested[static_cast<size_t>(p)], 64))});
  return groups;
}

/// The search for the whole request on top of the fixed instances; when found, the verdict is Feasible and the
/// layout is the fixed instances, then the placed ones (also added to `finalState`).
std::optional<Error> placeWholeRequest(const GpuModel& gpu, const Grid& grid, const LayoutState& base,
                                       const std::vector<SearchGroup>& groups, const std::vector<Instance>& fixedPlaced,
                                       LayoutState& finalState, CheckResult& out) {
  auto found = searchBest(grid, base, groups, false, kSearchBudget);
  if (!found) return found.error();
  if (!found->found) return std::nullopt;
  out.verdict = Verdict::Feasible;
  out.instances = fixedPlaced;
  for (const auto& [p, pl] : found->chosen) {
    const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
    out.instances.push_back({gpu.profiles[static_cast<size_t>(p)].name, gp.starts[static_cast<size_t>(pl)], gp.size,
                             gp.compute_slices, false});
    add(grid, finalState, p, pl);
  }
  return std::nullopt;
}

/// Not feasible: the layout is the fixed instances alone, and the largest part of the request that fits (only what
/// the rules allow at all) is searched; without another reason, NO_PLACEMENT explains what blocks the windows.
std::optional<Error> placeLargestPart(const GpuModel& gpu, const Grid& grid, const LayoutState& base,
                                      const std::vector<SearchGroup>& groups, const std::vector<Instance>& fixedPlaced,
                                      CheckResult& out) {
  out.verdict = Verdict::NotFeasible;
  out.instances = fixedPlaced;
  std::vector<SearchGroup> partialGroups;
  for (const auto& g : groups) {
    const GridProfile& gp = grid.profiles[static_cast<size_t>(g.profile)];
    int room = gp.available ? std::max(0, gp.cap - base.count[static_cast<size_t>(g.profile)]) : 0;
    if (std::min(room, g.count) > 0) partialGroups.push_back({g.profile, std::min(room, g.count)});
  }
  auto part = searchBest(grid, base, partialGroups, true, kSearchBudget);
  if (!part) return part.error();
  LayoutState partState = base;
  for (const auto& [p, pl] : part->chosen) {
    const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
    out.largest_subset.push_back({gpu.profiles[static_cast<size_t>(p)].name, gp.starts[static_cast<size_t>(pl)],
                                  gp.size, gp.compute_slices, false});
    add(grid, partState, p, pl);
  }
  if (out.reasons.empty())
    out.reasons.push_back({Code::NO_PLACEMENT, explainNoPlacement(gpu, grid, groups, fixedPlaced, out.largest_subset)});
  return std::nullopt;
}

}  // namespace

Result<CheckResult> checkGpuInstances(const GpuModel& gpu, const CheckRequest& req) {
  CheckResult out;
  noteInferredPlacements(gpu, out);
  Grid scratch;
  const Grid& grid = gridFor(gpu, req.driver, scratch);
  Tally tally(gpu.profiles.size());

  // --- rules that need no search ---
  checkModelDriver(gpu, grid, req.driver, out);
  tallyRequested(gpu, mergeRequest(req), tally, out);
  bool known = gpu.placementsKnown();
  LayoutState base = emptyState(grid);
  std::vector<Instance> fixedPlaced = placeFixedInstances(gpu, grid, req.fixed, known, tally, base, out);
  checkProfileDriversAndCaps(gpu, grid, req.driver, tally, out);
  checkForbiddenCombinations(gpu, grid, req.driver, tally, out);
  checkMediaEngines(gpu, grid, tally, out);

  // --- models without known placements: never a guess ---
  if (!known) {
    answerPlacementsUnknown(gpu, out);
    return out;
  }

  // --- the search ---
  std::vector<SearchGroup> groups = searchGroups(grid, tally);
  LayoutState finalState = base;
  if (out.reasons.empty()) {
    if (auto e = placeWholeRequest(gpu, grid, base, groups, fixedPlaced, finalState, out)) return *e;
  }
  if (out.verdict != Verdict::Feasible) {
    if (auto e = placeLargestPart(gpu, grid, base, groups, fixedPlaced, out)) return *e;
  }

  out.remaining = remainingAll(gpu, grid, finalState);
  out.utilization = utilizationOf(gpu, out.instances);
  out.stranded = strandedOf(gpu, grid, finalState);
  return out;
}

}  // namespace migcalc
