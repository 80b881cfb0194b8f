#include "check_gpu_instances.hpp"

#include <algorithm>

#include "migcalc/engine/grid.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/model/driver.hpp"
#include "search.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/usage.hpp"

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
  std::string msg = gpu.key + " has no profile '" + name + "'" + (fixed ? " (in --fixed)" : "") + ".";
  auto close = closeNames(name, names, 2);
  if (!close.empty()) msg += " Did you mean " + joinOr(close) + "?";
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

}  // namespace

Result<CheckResult> checkGpuInstances(const GpuModel& gpu, const CheckRequest& req) {
  std::vector<std::pair<std::string, long long>> merged;  // request order, repeated names added up
  for (const auto& pc : req.request) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == pc.profile; });
    if (it == merged.end()) merged.emplace_back(pc.profile, pc.count);
    else it->second += pc.count;
  }

  CheckResult out;
  if (gpu.placementsInferred())
    out.notes.push_back("Placements for " + gpu.key + " are inferred from the common " + std::to_string(gpu.units()) +
                        "-unit pattern; no nvidia-smi mig -lgipp output was seen for this model.");

  Grid scratch;
  const Grid& grid = gridFor(gpu, req.driver, scratch);
  Tally tally(gpu.profiles.size());

  // --- rules that need no search ---
  if (!grid.model_supported)
    out.reasons.push_back({Code::DRIVER_TOO_OLD, "MIG on " + gpu.key + " needs driver R" + std::to_string(gpu.min_driver) + " or newer; " + driverName(req.driver) + " was chosen."});
  for (const auto& [name, count] : merged) {
    int idx = gpu.findProfile(name);
    if (idx < 0) {
      out.reasons.push_back({Code::UNKNOWN_PROFILE, unknownProfileMessage(gpu, name, false)});
      continue;
    }
    tally.requested[static_cast<size_t>(idx)] += count;
  }

  bool known = gpu.placementsKnown();
  LayoutState base = emptyState(grid);
  std::vector<Instance> fixedPlaced;
  for (const auto& f : req.fixed) {
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
      out.reasons.push_back({Code::FIXED_BAD_START, "Fixed " + f.profile + " cannot sit at start " + std::to_string(f.start) + ": its allowed starts are " +
                                                    startsText(gp.starts) + " (placements " + gpu.profiles[static_cast<size_t>(idx)].placementsText() + ")."});
      continue;
    }
    int pl = static_cast<int>(at - gp.starts.begin());
    uint32_t mask = gp.masks[static_cast<size_t>(pl)];
    if (mask & base.occupied) {
      for (const auto& other : fixedPlaced) {
        int lo = std::max(other.start, f.start), hi = std::min(other.start + other.size, f.start + gp.size);
        if (lo < hi)
          out.reasons.push_back({Code::FIXED_OVERLAP, "Fixed " + f.profile + " at " + std::to_string(f.start) + " (" + unitRange(f.start, gp.size) + ") overlaps fixed " +
                                                      other.profile + " at " + std::to_string(other.start) + " (" + unitRange(other.start, other.size) + ")."});
      }
      continue;
    }
    add(grid, base, idx, pl);
    fixedPlaced.push_back({f.profile, f.start, gp.size, gp.compute_slices, true});
  }

  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    const Profile& p = gpu.profiles[i];
    long long want = tally.requested[i];
    int have = tally.fixed[i];
    if (want + have == 0) continue;
    if (grid.model_supported && p.min_driver && !driverAtLeast(req.driver, *p.min_driver))
      out.reasons.push_back({Code::DRIVER_TOO_OLD, p.name + " on " + gpu.key + " needs driver R" + std::to_string(*p.min_driver) + " or newer; " + driverName(req.driver) + " was chosen."});
    if (want + have > p.instances) {
      std::string msg = std::to_string(want + have) + " \u00d7 " + p.name;
      if (have) msg += " (" + std::to_string(have) + " fixed, " + std::to_string(want) + " requested)";
      msg += " exceeds its instance cap: " + gpu.key + " allows at most " + std::to_string(p.instances) + ".";
      out.reasons.push_back({Code::INSTANCE_CAP, msg});
    }
  }
  for (const auto& f : grid.forbidden) {
    bool all = true;
    for (int p : f.profiles)
      all = all && (tally.requested[static_cast<size_t>(p)] || tally.fixed[static_cast<size_t>(p)]);
    if (!all) continue;
    std::vector<std::string> names;
    for (int p : f.profiles) names.push_back(gpu.profiles[static_cast<size_t>(p)].name);
    out.reasons.push_back({Code::DRIVER_TOO_OLD, joinAnd(names) + " together on " + gpu.key + " need driver R" + std::to_string(f.min_driver) + " or newer; " + driverName(req.driver) + " was chosen."});
  }
  // media engines (the engine-sum rule): totals of the full-GPU profile
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
    if (need > grid.engine_totals[e]) {
      std::string kind = kEngineNames[e];
      std::string label = kind == "dec" ? "video decoders (NVDEC)" : kind == "enc" ? "video encoders (NVENC)" : kind == "jpeg" ? "JPEG decoders" : "optical-flow accelerators (OFA)";
      out.reasons.push_back({Code::MEDIA_ENGINES, joinAnd(users) + " need " + std::to_string(need) + " " + label + " together; " + gpu.key + " has " +
                                                  std::to_string(grid.engine_totals[e]) + "."});
    }
  }

  // --- models without known placements: never a guess ---
  if (!known) {
    out.verdict = Verdict::Unknown;
    out.reasons.insert(out.reasons.begin(), {Code::PLACEMENTS_UNKNOWN, "Exact placement on " + gpu.key + " is unknown: no placement table (nvidia-smi mig -lgipp) is known for this model, so migcalc cannot say whether the request fits."});
    for (const auto& p : gpu.profiles) out.remaining.push_back({p.name, std::nullopt});
    out.utilization = unknownUtilization(gpu);
    return out;
  }

  // --- the search ---
  std::vector<SearchGroup> groups;
  for (int p : grid.order)
    if (tally.requested[static_cast<size_t>(p)])
      groups.push_back({p, static_cast<int>(std::min<long long>(tally.requested[static_cast<size_t>(p)], 64))});

  LayoutState finalState = base;
  if (out.reasons.empty()) {
    auto found = searchBest(grid, base, groups, false, kSearchBudget);
    if (!found) return found.error();
    if (found->found) {
      out.verdict = Verdict::Feasible;
      out.instances = fixedPlaced;
      for (const auto& [p, pl] : found->chosen) {
        const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
        out.instances.push_back({gpu.profiles[static_cast<size_t>(p)].name, gp.starts[static_cast<size_t>(pl)], gp.size, gp.compute_slices, false});
        add(grid, finalState, p, pl);
      }
    }
  }
  if (out.verdict != Verdict::Feasible) {
    out.verdict = Verdict::NotFeasible;
    out.instances = fixedPlaced;
    // The largest part that fits: only what the rules allow at all.
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
      out.largest_subset.push_back({gpu.profiles[static_cast<size_t>(p)].name, gp.starts[static_cast<size_t>(pl)], gp.size, gp.compute_slices, false});
      add(grid, partState, p, pl);
    }
    if (out.reasons.empty()) out.reasons.push_back({Code::NO_PLACEMENT, explainNoPlacement(gpu, grid, groups, fixedPlaced, out.largest_subset)});
  }

  out.remaining = remainingAll(gpu, grid, finalState);
  out.utilization = utilizationOf(gpu, out.instances);
  out.stranded = strandedOf(gpu, grid, finalState);
  return out;
}

}  // namespace migcalc
