// For comparison: mig-parted's approach, one creation order at a time with first-free placement.
#include <benchmark/benchmark.h>

#include "bench_requests.hpp"
#include "permutation_order.hpp"
#include "registry.hpp"

namespace bench {

namespace {

void timeOrders(benchmark::State& state, const migcalc::GpuModel* g, migcalc::CheckRequest req) {
  std::vector<int> flat = flatten(*g, req);
  PermutationAnswer a;
  for (auto _ : state) {
    a = tryCreationOrders(*g, flat);
    benchmark::DoNotOptimize(a);
  }
  state.counters["orders"] = static_cast<double>(a.orders_tried);
  state.counters["feasible"] = a.feasible ? 1 : 0;
}

}  // namespace

void registerPermutationBenchmarks() {
  for (const auto* g : knownGpus()) {
    benchmark::RegisterBenchmark(("permutations/typical/" + g->key).c_str(), timeOrders, g, typical(*g));
    benchmark::RegisterBenchmark(("permutations/balanced_plus_2g/" + g->key).c_str(), timeOrders, g,
                                 balancedPlusOne(*g));
  }
}

}  // namespace bench
