#include "permutation_order.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace bench {

namespace {

struct Engines4 {
  std::array<int, 4> v{};
};

Engines4 media(const migcalc::Engines& e) {
  return {{e.dec.value_or(0), e.enc.value_or(0), e.jpeg.value_or(0), e.ofa.value_or(0)}};
}

// One creation order with first-free placement: succeeds when every instance finds a free allowed start.
bool createInOrder(const migcalc::GpuModel& g, const std::vector<int>& order, const Engines4& totals,
                   const std::array<bool, 4>& known) {
  uint32_t used = 0;
  std::vector<int> count(g.profiles.size(), 0);
  Engines4 eng;
  for (int p : order) {
    const auto& prof = g.profiles[static_cast<size_t>(p)];
    if (count[static_cast<size_t>(p)] >= prof.instances) return false;
    Engines4 need = media(prof.engines);
    for (size_t k = 0; k < 4; ++k)
      if (known[k] && eng.v[k] + need.v[k] > totals.v[k]) return false;
    bool placed = false;
    for (int s : prof.starts) {
      uint32_t w = ((1u << prof.size) - 1u) << s;
      if (w & used) continue;
      used |= w;
      placed = true;
      break;
    }
    if (!placed) return false;  // "Insufficient Resources": mig-parted clears and tries the next order
    count[static_cast<size_t>(p)]++;
    for (size_t k = 0; k < 4; ++k) eng.v[k] += need.v[k];
  }
  return true;
}

}  // namespace

PermutationAnswer tryCreationOrders(const migcalc::GpuModel& g, std::vector<int> flat) {
  Engines4 totals = media(g.engine_totals);
  std::array<bool, 4> known = {g.engine_totals.dec.has_value(), g.engine_totals.enc.has_value(),
                               g.engine_totals.jpeg.has_value(), g.engine_totals.ofa.has_value()};
  PermutationAnswer a;
  // std::next_permutation walks distinct orders in lexicographic order, so start from the smallest
  std::vector<int> order = flat;
  std::sort(order.begin(), order.end());
  // mig-parted starts with the flattened (largest-first) order, then permutes
  ++a.orders_tried;
  if (createInOrder(g, flat, totals, known)) {
    a.feasible = true;
    return a;
  }
  do {
    ++a.orders_tried;
    if (createInOrder(g, order, totals, known)) {
      a.feasible = true;
      return a;
    }
  } while (std::next_permutation(order.begin(), order.end()));
  return a;
}

}  // namespace bench
