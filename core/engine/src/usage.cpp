#include "migcalc/engine/usage.hpp"

namespace migcalc {

std::vector<Remaining> remainingAll(const GpuModel& gpu, const Grid& grid, const LayoutState& state) {
  std::vector<Remaining> out;
  for (size_t i = 0; i < gpu.profiles.size(); ++i)
    out.push_back({gpu.profiles[i].name, remainingFor(grid, state, static_cast<int>(i))});
  return out;
}

namespace {

struct Sum {
  double value = 0;
  bool known = true;
  void add(const std::optional<int>& v) {
    if (v)
      value += *v;
    else
      known = false;
  }
  std::optional<double> get() const { return known ? std::optional<double>(value) : std::nullopt; }
};

std::optional<double> opt(const std::optional<int>& v) { return v ? std::optional<double>(*v) : std::nullopt; }

}  // namespace

Utilization unknownUtilization(const GpuModel& gpu) {
  Utilization u;
  const Profile* full = gpu.fullProfile();
  u.compute_slices = {0.0, static_cast<double>(gpu.compute_slices)};
  u.placement_units = {0.0, gpu.placement_units ? opt(gpu.placement_units) : std::nullopt};
  u.memory_slices = {0.0, static_cast<double>(gpu.memory_slices)};
  u.sms = {0.0, full ? opt(full->sm) : std::nullopt};
  u.memory_mib = {0.0, full ? opt(full->memory_mib) : std::nullopt};
  u.dec = {0.0, opt(gpu.engine_totals.dec)};
  u.enc = {0.0, opt(gpu.engine_totals.enc)};
  u.jpeg = {0.0, opt(gpu.engine_totals.jpeg)};
  u.ofa = {0.0, opt(gpu.engine_totals.ofa)};
  return u;
}

Utilization utilizationOf(const GpuModel& gpu, const std::vector<Instance>& instances) {
  Utilization u = unknownUtilization(gpu);
  Sum cs, units, sm, mem, dec, enc, jpeg, ofa;
  for (const auto& inst : instances) {
    const Profile& p = gpu.profiles[static_cast<size_t>(gpu.findProfile(inst.profile))];
    cs.add(p.compute_slices);
    units.add(p.size);
    sm.add(p.sm);
    mem.add(p.memory_mib);
    dec.add(p.engines.dec);
    enc.add(p.engines.enc);
    jpeg.add(p.engines.jpeg);
    ofa.add(p.engines.ofa);
  }
  u.compute_slices.used = cs.get();
  u.placement_units.used = units.get();
  int unitsTotal = gpu.units();
  if (unitsTotal > 0) u.memory_slices.used = units.value * gpu.memory_slices / unitsTotal;
  u.sms.used = sm.get();
  u.memory_mib.used = mem.get();
  u.dec.used = dec.get();
  u.enc.used = enc.get();
  u.jpeg.used = jpeg.get();
  u.ofa.used = ofa.get();
  return u;
}

std::vector<int> computeSlicesOf(const GpuModel& gpu, int start, int computeSlices) {
  std::vector<int> out;
  int units = gpu.units(), cs = gpu.compute_slices;
  int first = (units > 0 && cs > 0 && units % cs == 0) ? start / (units / cs) : start;
  for (int k = 0; k < computeSlices; ++k) out.push_back(first + k);
  return out;
}

Stranded strandedOf(const GpuModel& gpu, const Grid& grid, const LayoutState& state) {
  Stranded s;
  uint32_t freeMask = grid.full & ~state.occupied;
  uint32_t usable = 0;
  for (size_t p = 0; p < grid.profiles.size(); ++p) {
    if (!rulesAllow(grid, state, static_cast<int>(p))) continue;
    for (uint32_t m : grid.profiles[p].masks)
      if ((m & freeMask) == m) usable |= m;
  }
  for (int u = 0; u < grid.units; ++u)
    if ((freeMask >> u & 1u) && !(usable >> u & 1u)) s.units.push_back(u);
  // compute slices: total - used - those whose units are free and still usable
  int used = 0;
  for (size_t p = 0; p < grid.profiles.size(); ++p) used += state.count[p] * grid.profiles[p].compute_slices;
  int cs = gpu.compute_slices, units = gpu.units();
  int usableSlices = 0;
  for (int c = 0; c < cs; ++c) {
    int from = (units % cs == 0) ? c * (units / cs) : c;
    int to = (units % cs == 0) ? from + units / cs : c + 1;
    bool ok = true;
    for (int u = from; u < to; ++u) ok = ok && u < units && (usable >> u & 1u);  // a slice past the units has none
    if (ok) ++usableSlices;
  }
  s.compute_slices = std::max(0, cs - used - usableSlices);
  return s;
}

}  // namespace migcalc
