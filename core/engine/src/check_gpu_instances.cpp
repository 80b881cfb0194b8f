#include "check_gpu_instances.hpp"

#include <algorithm>
#include <optional>
#include <set>

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
  long long total(size_t i) const { return requested[i] + fixed[i]; }
};

/// The reasons of one check, by rule, in the order they are reported: the most fundamental first. Every rule is
/// checked; a later rule is never skipped because an earlier one failed.
struct ReasonsByRule {
  std::vector<Reason> names;      // (a) profiles the model does not have, requested then fixed
  std::vector<Reason> totals;     // (b) slice totals
  std::vector<Reason> caps;       // (c) instance caps
  std::vector<Reason> placement;  // (d) fixed starts, fixed overlaps, no placement window
  std::vector<Reason> media;      // (e) media engines
  std::vector<Reason> driver;     // (f) the model, each profile, forbidden combinations

  bool empty() const {
    return names.empty() && totals.empty() && caps.empty() && placement.empty() && media.empty() && driver.empty();
  }
  std::vector<Reason> all() const {
    std::vector<Reason> out;
    for (const auto* list : {&names, &totals, &caps, &placement, &media, &driver})
      out.insert(out.end(), list->begin(), list->end());
    return out;
  }
};

/// The units [start, start + size) that exist on the grid, ascending.
std::vector<int> unitsOf(int start, int size, int gridUnits) {
  std::vector<int> out;
  for (int u = std::max(0, start); u < start + size && u < gridUnits; ++u) out.push_back(u);
  return out;
}

/// The units of the fixed instances placed of the profiles `names` (of all of them when `names` is empty),
/// ascending and without repeats.
std::vector<int> fixedUnits(const std::vector<Instance>& fixedPlaced, const std::vector<std::string>& names = {}) {
  std::set<int> units;
  for (const auto& f : fixedPlaced)
    if (names.empty() || std::find(names.begin(), names.end(), f.profile) != names.end())
      for (int u = f.start; u < f.start + f.size; ++u) units.insert(u);
  return {units.begin(), units.end()};
}

/// "3 × 1g.10gb" or "1g.10gb".
std::string countText(long long n, const std::string& name) {
  return (n > 1 ? std::to_string(n) + " \u00d7 " : std::string()) + name;
}

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

/// (a) Requested counts per profile; a profile the model does not have is a reason.
void tallyRequested(const GpuModel& gpu, const std::vector<std::pair<std::string, long long>>& merged, Tally& tally,
                    std::vector<Reason>& out) {
  for (const auto& [name, count] : merged) {
    int idx = gpu.findProfile(name);
    if (idx < 0) {
      out.push_back({Code::UNKNOWN_PROFILE, unknownProfileMessage(gpu, name, false), {}, {name}});
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

/// A fixed instance whose window is taken: one reason per fixed instance already placed that it overlaps, with the
/// units they share.
void checkFixedInstancesOverlap(const FixedInstance& f, const GridProfile& gp, const std::vector<Instance>& fixedPlaced,
                                std::vector<Reason>& out) {
  for (const auto& other : fixedPlaced) {
    int lo = std::max(other.start, f.start), hi = std::min(other.start + other.size, f.start + gp.size);
    if (lo >= hi) continue;
    std::vector<std::string> names = {f.profile};
    if (other.profile != f.profile) names.push_back(other.profile);
    out.push_back({Code::FIXED_OVERLAP,
                   "Fixed " + f.profile + " at " + std::to_string(f.start) + " (" + unitRange(f.start, gp.size) +
                       ") overlaps fixed " + other.profile + " at " + std::to_string(other.start) + " (" +
                       unitRange(other.start, other.size) + ").",
                   unitsOf(lo, hi - lo, hi), names});
  }
}

/// The fixed instances, in order: counted per profile and, when placements are known, placed into `base` unless
/// the profile is unknown (a reason of kind (a)), the start is not allowed or the window overlaps an earlier one
/// (reasons of kind (d)). Returns those placed.
std::vector<Instance> placeFixedInstances(const GpuModel& gpu, const Grid& grid,
                                          const std::vector<FixedInstance>& fixed, bool known, Tally& tally,
                                          LayoutState& base, ReasonsByRule& why) {
  std::vector<Instance> fixedPlaced;
  for (const auto& f : fixed) {
    int idx = gpu.findProfile(f.profile);
    if (idx < 0) {
      why.names.push_back({Code::UNKNOWN_PROFILE, unknownProfileMessage(gpu, f.profile, true), {}, {f.profile}});
      continue;
    }
    tally.fixed[static_cast<size_t>(idx)]++;
    if (!known) continue;
    const GridProfile& gp = grid.profiles[static_cast<size_t>(idx)];
    auto at = std::find(gp.starts.begin(), gp.starts.end(), f.start);
    if (at == gp.starts.end()) {
      why.placement.push_back({Code::FIXED_BAD_START,
                               fixedBadStartMessage(gpu, f, idx, gp),
                               unitsOf(f.start, gp.size, grid.units),
                               {f.profile}});
      continue;
    }
    int pl = static_cast<int>(at - gp.starts.begin());
    if (gp.masks[static_cast<size_t>(pl)] & base.occupied) {
      checkFixedInstancesOverlap(f, gp, fixedPlaced, why.placement);
      continue;
    }
    add(grid, base, idx, pl);
    fixedPlaced.push_back({f.profile, f.start, gp.size, gp.compute_slices, true});
  }
  return fixedPlaced;
}

/// (b) Slice totals: the instances, requested and fixed, need no more memory slices (placement units) and no more
/// compute slices than the GPU has. Placement units count only where the placements are known.
void checkSliceTotals(const GpuModel& gpu, const Tally& tally, const std::vector<Instance>& fixedPlaced, bool known,
                      std::vector<Reason>& out) {
  std::vector<std::string> users, names;
  long long computeSlices = 0, units = 0;
  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    long long n = tally.total(i);
    if (!n) continue;
    const Profile& p = gpu.profiles[i];
    users.push_back(countText(n, p.name));
    names.push_back(p.name);
    computeSlices += n * p.compute_slices;
    units += n * p.size;
  }
  const long long gridUnits = gpu.units(), memorySlices = gpu.memory_slices;
  if (known && gridUnits > 0 && units > gridUnits) {
    std::string need;
    if (memorySlices == gridUnits) {
      need = std::to_string(units) + " memory slices > " + std::to_string(gridUnits);
    } else {
      need = std::to_string(units) + " placement units > " + std::to_string(gridUnits);
      if (memorySlices > 0 && (units * memorySlices) % gridUnits == 0)
        need += " (" + std::to_string(units * memorySlices / gridUnits) + " memory slices > " +
                std::to_string(memorySlices) + ")";
    }
    out.push_back(
        {Code::SLICE_TOTAL, joinAnd(users) + " need " + need + " on " + gpu.key + ".", fixedUnits(fixedPlaced), names});
  }
  if (gpu.compute_slices > 0 && computeSlices > gpu.compute_slices)
    out.push_back({Code::SLICE_TOTAL,
                   joinAnd(users) + " need " + std::to_string(computeSlices) + " compute slices > " +
                       std::to_string(gpu.compute_slices) + " on " + gpu.key + ".",
                   fixedUnits(fixedPlaced), names});
}

/// "N × profile (F fixed, R requested) exceeds its instance cap: ...".
std::string instanceCapMessage(const GpuModel& gpu, const Profile& p, long long want, int have) {
  std::string msg = std::to_string(want + have) + " \u00d7 " + p.name;
  if (have) msg += " (" + std::to_string(have) + " fixed, " + std::to_string(want) + " requested)";
  msg += " exceeds its instance cap: " + gpu.key + " allows at most " + std::to_string(p.instances) + ".";
  return msg;
}

/// (c) Per profile in catalog order, requested and fixed together: its instance cap.
void checkInstanceCaps(const GpuModel& gpu, const Tally& tally, const std::vector<Instance>& fixedPlaced,
                       std::vector<Reason>& out) {
  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    const Profile& p = gpu.profiles[i];
    if (tally.total(i) > p.instances)
      out.push_back({Code::INSTANCE_CAP,
                     instanceCapMessage(gpu, p, tally.requested[i], tally.fixed[i]),
                     fixedUnits(fixedPlaced, {p.name}),
                     {p.name}});
  }
}

/// A media engine kind in words ("dec" -> "video decoders (NVDEC)").
std::string engineLabel(const std::string& kind) {
  return kind == "dec"    ? "video decoders (NVDEC)"
         : kind == "enc"  ? "video encoders (NVENC)"
         : kind == "jpeg" ? "JPEG decoders"
                          : "optical-flow accelerators (OFA)";
}

/// The full-GPU profile's count of media engine kind e, if the catalog knows it.
std::optional<int> fullProfileEngines(const GpuModel& gpu, size_t e) {
  const Profile* full = gpu.fullProfile();
  if (!full) return std::nullopt;
  const std::optional<int> counts[kEngineKinds] = {full->engines.dec, full->engines.enc, full->engines.jpeg,
                                                   full->engines.ofa};
  return counts[e];
}

/// (e) The engine-sum rule: per media engine kind, requested and fixed instances together need no more engines
/// than the GPU has. Where the GPU's total is unknown on a model without known placements, the full-GPU profile's
/// count stands for it (the profile that holds the whole GPU has every engine), so the rule still proves what it can.
void checkMediaEngines(const GpuModel& gpu, const Grid& grid, const Tally& tally,
                       const std::vector<Instance>& fixedPlaced, bool known, std::vector<Reason>& out) {
  for (size_t e = 0; e < kEngineKinds; ++e) {
    std::optional<int> total;
    std::string whose;
    if (grid.engine_known[e]) {
      total = grid.engine_totals[e];
    } else if (!known && (total = fullProfileEngines(gpu, e))) {
      whose =
          " (the count of its full-GPU profile " + gpu.fullProfile()->name + "; the catalog has no total for the GPU)";
    }
    if (!total) continue;
    long long need = 0;
    std::vector<std::string> users, names;
    for (size_t i = 0; i < gpu.profiles.size(); ++i) {
      long long n = tally.total(i);
      int per = grid.profiles[i].engines[e];
      if (n && per) {
        need += n * per;
        users.push_back(countText(n, gpu.profiles[i].name));
        names.push_back(gpu.profiles[i].name);
      }
    }
    if (need > *total)
      out.push_back({Code::MEDIA_ENGINES,
                     joinAnd(users) + " need " + std::to_string(need) + " " + engineLabel(kEngineNames[e]) +
                         " together; " + gpu.key + " has " + std::to_string(*total) + whose + ".",
                     fixedUnits(fixedPlaced, names), names});
  }
}

/// (f) MIG on the model needs its minimum driver.
void checkModelDriver(const GpuModel& gpu, const Grid& grid, int driver, std::vector<Reason>& out) {
  if (!grid.model_supported)
    out.push_back({Code::DRIVER_TOO_OLD, "MIG on " + gpu.key + " needs driver R" + std::to_string(gpu.min_driver) +
                                             " or newer; " + driverName(driver) + " was chosen."});
}

/// (f) Per profile in catalog order, requested or fixed: its minimum driver.
void checkProfileDrivers(const GpuModel& gpu, const Grid& grid, int driver, const Tally& tally,
                         const std::vector<Instance>& fixedPlaced, std::vector<Reason>& out) {
  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    const Profile& p = gpu.profiles[i];
    if (tally.total(i) == 0) continue;
    if (grid.model_supported && p.min_driver && !driverAtLeast(driver, *p.min_driver))
      out.push_back({Code::DRIVER_TOO_OLD,
                     p.name + " on " + gpu.key + " needs driver R" + std::to_string(*p.min_driver) + " or newer; " +
                         driverName(driver) + " was chosen.",
                     fixedUnits(fixedPlaced, {p.name}),
                     {p.name}});
  }
}

/// (f) Profiles that the chosen driver does not allow together, all of them present.
void checkForbiddenCombinations(const GpuModel& gpu, const Grid& grid, int driver, const Tally& tally,
                                const std::vector<Instance>& fixedPlaced, std::vector<Reason>& out) {
  for (const auto& f : grid.forbidden) {
    bool all = true;
    for (int p : f.profiles) all = all && tally.total(static_cast<size_t>(p));
    if (!all) continue;
    std::vector<std::string> names;
    for (int p : f.profiles) names.push_back(gpu.profiles[static_cast<size_t>(p)].name);
    out.push_back({Code::DRIVER_TOO_OLD,
                   joinAnd(names) + " together on " + gpu.key + " need driver R" + std::to_string(f.min_driver) +
                       " or newer; " + driverName(driver) + " was chosen.",
                   fixedUnits(fixedPlaced, names), names});
  }
}

/// The requested profiles as search groups, largest first (at most 64 of one profile).
std::vector<SearchGroup> searchGroups(const Grid& grid, const Tally& tally) {
  std::vector<SearchGroup> groups;
  for (int p : grid.order)
    if (tally.requested[static_cast<size_t>(p)])
      groups.push_back({p, static_cast<int>(std::min<long long>(tally.requested[static_cast<size_t>(p)], 64))});
  return groups;
}

/// The grid with only the placement windows and the instance caps: every profile available, no media engine
/// limit, no forbidden combination. NO_PLACEMENT is decided on it, so that it is reported whether or not the media
/// engines or the driver also fail.
Grid windowsOnly(const Grid& grid) {
  Grid g = grid;
  g.model_supported = true;
  for (auto& p : g.profiles) p.available = true;
  g.engine_known.fill(false);
  g.forbidden.clear();
  return g;
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

/// The largest part of the request that fits on top of the fixed instances under the grid's rules (only what the
/// rules allow at all is searched).
Result<std::vector<Instance>> largestPart(const GpuModel& gpu, const Grid& grid, const LayoutState& base,
                                          const std::vector<SearchGroup>& groups) {
  std::vector<SearchGroup> partialGroups;
  for (const auto& g : groups) {
    const GridProfile& gp = grid.profiles[static_cast<size_t>(g.profile)];
    int room = gp.available ? std::max(0, gp.cap - base.count[static_cast<size_t>(g.profile)]) : 0;
    if (std::min(room, g.count) > 0) partialGroups.push_back({g.profile, std::min(room, g.count)});
  }
  auto part = searchBest(grid, base, partialGroups, true, kSearchBudget);
  if (!part) return part.error();
  std::vector<Instance> out;
  for (const auto& [p, pl] : part->chosen) {
    const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
    out.push_back({gpu.profiles[static_cast<size_t>(p)].name, gp.starts[static_cast<size_t>(pl)], gp.size,
                   gp.compute_slices, false});
  }
  return out;
}

/// NO_PLACEMENT: what blocks the windows (explainNoPlacement), the profiles that found no window and the units that
/// block their windows (fixed instances and the largest part placed).
Reason noPlacementReason(const GpuModel& gpu, const Grid& grid, const std::vector<SearchGroup>& groups,
                         const std::vector<Instance>& fixedPlaced, const std::vector<Instance>& subset) {
  Reason r{Code::NO_PLACEMENT, explainNoPlacement(gpu, grid, groups, fixedPlaced, subset)};
  std::vector<Instance> layout = fixedPlaced;
  layout.insert(layout.end(), subset.begin(), subset.end());
  std::set<int> units;
  for (const auto& g : groups) {
    const std::string& name = gpu.profiles[static_cast<size_t>(g.profile)].name;
    long long placed =
        std::count_if(subset.begin(), subset.end(), [&](const Instance& i) { return i.profile == name; });
    if (placed >= g.count) continue;
    r.profiles.push_back(name);
    const GridProfile& gp = grid.profiles[static_cast<size_t>(g.profile)];
    for (int s : gp.starts)
      for (const auto& inst : layout)
        for (int u = std::max(s, inst.start); u < std::min(s + gp.size, inst.start + inst.size); ++u) units.insert(u);
  }
  r.units.assign(units.begin(), units.end());
  return r;
}

/// Utilization of `counts` instances per profile on a model whose placements are unknown: only what follows from
/// the known per-profile numbers (compute slices, SMs, memory, engines); units and memory slices stay unknown unless
/// nothing is counted.
Utilization utilizationFromCounts(const GpuModel& gpu, const std::vector<long long>& counts) {
  Utilization u = unknownUtilization(gpu);
  bool any = false;
  auto sum = [&](auto field) -> std::optional<double> {
    double total = 0;
    for (size_t i = 0; i < gpu.profiles.size(); ++i) {
      if (!counts[i]) continue;
      std::optional<int> v = field(gpu.profiles[i]);
      if (!v) return std::nullopt;
      total += static_cast<double>(counts[i]) * *v;
    }
    return total;
  };
  for (long long n : counts) any = any || n > 0;
  u.compute_slices.used = sum([](const Profile& p) { return std::optional<int>(p.compute_slices); });
  if (any) u.placement_units.used = u.memory_slices.used = std::nullopt;
  u.sms.used = sum([](const Profile& p) { return p.sm; });
  u.memory_mib.used = sum([](const Profile& p) { return p.memory_mib; });
  u.dec.used = sum([](const Profile& p) { return p.engines.dec; });
  u.enc.used = sum([](const Profile& p) { return p.engines.enc; });
  u.jpeg.used = sum([](const Profile& p) { return p.engines.jpeg; });
  u.ofa.used = sum([](const Profile& p) { return p.engines.ofa; });
  return u;
}

/// What still fits when placements are unknown: on an empty GPU each available profile's instance cap (the
/// driver's own "Instances Total"); a profile whose cap is reached, or that needs more compute slices than are left,
/// none; more of the only profile in use, up to its cap; the rest unknown.
std::vector<Remaining> remainingFromCounts(const GpuModel& gpu, const Grid& grid,
                                           const std::vector<long long>& counts) {
  bool empty = std::all_of(counts.begin(), counts.end(), [](long long n) { return n == 0; });
  long long freeSlices = gpu.compute_slices;
  for (size_t i = 0; i < gpu.profiles.size(); ++i) freeSlices -= counts[i] * gpu.profiles[i].compute_slices;
  const bool oneProfile = std::count_if(counts.begin(), counts.end(), [](long long c) { return c > 0; }) == 1;
  std::vector<Remaining> out;
  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    const Profile& p = gpu.profiles[i];
    std::optional<int> n;
    if (!grid.profiles[i].available)
      n = 0;
    else if (empty)
      n = p.instances;
    else if (counts[i] >= p.instances || (gpu.compute_slices > 0 && p.compute_slices > freeSlices))
      n = 0;
    else if (counts[i] > 0 && oneProfile)
      n = p.instances - static_cast<int>(counts[i]);  // more of the only profile in use: up to its cap, as above
    out.push_back({p.name, n});
  }
  return out;
}

/// A model without a known placement table. Slice totals, caps, media engines and the driver do not depend on
/// placements: when any of them fails the verdict is Not feasible. A single profile up to its instance cap (the
/// number the driver creates on an empty GPU), or nothing, is Feasible under every placement table, with no starts
/// given. Anything else is Unknown, naming the missing fact: the placement table (nvidia-smi mig -lgipp).
void answerWithoutPlacements(const GpuModel& gpu, const Grid& grid, const CheckRequest& req, const Tally& tally,
                             const ReasonsByRule& why, CheckResult& out) {
  const std::string missing = "no placement table (nvidia-smi mig -lgipp) is known for this model";
  if (!why.empty()) {
    out.verdict = Verdict::NotFeasible;
    out.reasons = why.all();
    std::vector<long long> fixed(tally.fixed.begin(), tally.fixed.end());
    out.remaining = remainingFromCounts(gpu, grid, fixed);
    out.utilization = utilizationFromCounts(gpu, fixed);
    out.notes.push_back("Exact placement on " + gpu.key + " is unknown: " + missing +
                        ". The reasons above do not depend on it; no starts and no largest fitting part are given.");
    return;
  }
  std::vector<std::string> users, names;
  for (size_t i = 0; i < gpu.profiles.size(); ++i)
    if (tally.total(i)) {
      users.push_back(countText(tally.total(i), gpu.profiles[i].name));
      names.push_back(gpu.profiles[i].name);
    }
  if (req.fixed.empty() && names.size() <= 1) {
    out.verdict = Verdict::Feasible;
    out.remaining = remainingFromCounts(gpu, grid, tally.requested);
    out.utilization = utilizationFromCounts(gpu, tally.requested);
    if (!names.empty()) {
      const Profile& p = gpu.profiles[static_cast<size_t>(gpu.findProfile(names[0]))];
      bool one = users[0] == names[0];
      out.notes.push_back(users[0] + (one ? " fits" : " fit") + ": the driver creates up to " +
                          std::to_string(p.instances) + " \u00d7 " + p.name + " on an empty " + gpu.key +
                          " (the profile's instance cap). " + (one ? "Its start is" : "Their starts are") +
                          " not given: " + missing + ". Create " + (one ? "it" : "them") +
                          " without an explicit start and the driver places " + (one ? "it." : "them."));
    }
    return;
  }
  out.verdict = Verdict::Unknown;
  std::string whether = req.fixed.empty() ? "whether they fit together"
                                          : "whether the pinned instances may sit at their starts, and what fits "
                                            "beside them,";
  out.reasons.push_back({Code::PLACEMENTS_UNKNOWN,
                         "Exact placement on " + gpu.key + " is unknown: " + missing +
                             ". Its slice totals, instance caps, media engines and driver allow " + joinAnd(users) +
                             ", but " + whether +
                             " depends on the placement windows. Without that table only one profile, up to its "
                             "instance cap, is known to fit.",
                         {},
                         names});
  for (const auto& p : gpu.profiles) out.remaining.push_back({p.name, std::nullopt});
  out.utilization = unknownUtilization(gpu);
}

}  // namespace

Result<CheckResult> checkGpuInstances(const GpuModel& gpu, const CheckRequest& req) {
  CheckResult out;
  noteInferredPlacements(gpu, out);
  Grid scratch;
  const Grid& grid = gridFor(gpu, req.driver, scratch);
  Tally tally(gpu.profiles.size());
  ReasonsByRule why;

  // --- rules that need no search, each checked whatever the others say ---
  tallyRequested(gpu, mergeRequest(req), tally, why.names);
  bool known = gpu.placementsKnown();
  LayoutState base = emptyState(grid);
  std::vector<Instance> fixedPlaced = placeFixedInstances(gpu, grid, req.fixed, known, tally, base, why);
  checkSliceTotals(gpu, tally, fixedPlaced, known, why.totals);
  checkInstanceCaps(gpu, tally, fixedPlaced, why.caps);
  checkMediaEngines(gpu, grid, tally, fixedPlaced, known, why.media);
  checkModelDriver(gpu, grid, req.driver, why.driver);
  checkProfileDrivers(gpu, grid, req.driver, tally, fixedPlaced, why.driver);
  checkForbiddenCombinations(gpu, grid, req.driver, tally, fixedPlaced, why.driver);

  // --- models without known placements: what the facts prove, never a guess ---
  if (!known) {
    answerWithoutPlacements(gpu, grid, req, tally, why, out);
    return out;
  }

  // --- the search ---
  std::vector<SearchGroup> groups = searchGroups(grid, tally);
  LayoutState finalState = base;
  if (why.empty()) {
    if (auto e = placeWholeRequest(gpu, grid, base, groups, fixedPlaced, finalState, out)) return *e;
  } else if (why.totals.empty() && why.caps.empty()) {
    // Other rules fail; the windows are still asked, on their own (totals or caps would already prove them full).
    Grid windows = windowsOnly(grid);
    auto found = searchBest(windows, base, groups, false, kSearchBudget);
    if (!found) return found.error();
    if (!found->found) {
      auto part = largestPart(gpu, windows, base, groups);
      if (!part) return part.error();
      why.placement.push_back(noPlacementReason(gpu, windows, groups, fixedPlaced, *part));
    }
  }
  if (out.verdict != Verdict::Feasible) {
    // Not feasible: the layout is the fixed instances alone, with the largest part of the request that fits.
    out.verdict = Verdict::NotFeasible;
    out.instances = fixedPlaced;
    auto part = largestPart(gpu, grid, base, groups);
    if (!part) return part.error();
    out.largest_subset = *part;
    if (why.empty()) why.placement.push_back(noPlacementReason(gpu, grid, groups, fixedPlaced, out.largest_subset));
  }
  out.reasons = why.all();

  out.remaining = remainingAll(gpu, grid, finalState);
  out.utilization = utilizationOf(gpu, out.instances);
  out.stranded = strandedOf(gpu, grid, finalState);
  return out;
}

}  // namespace migcalc
