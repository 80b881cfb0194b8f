// check() on every catalog GPU with known placements: a typical request, a worst case and many fixed instances.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "bench_requests.hpp"
#include "registry.hpp"

namespace bench {

namespace {

void timeCheck(benchmark::State& state, const migcalc::GpuModel* g, migcalc::CheckRequest req, const char* expect) {
  auto first = migcalc::check(*g, req);
  if (!first.ok() || std::string(migcalc::verdictName(first->verdict)) != expect)
    throw std::runtime_error(g->key + ": the benchmark request does not give '" + expect + "'");
  for (auto _ : state) {
    auto r = migcalc::check(*g, req);
    benchmark::DoNotOptimize(r);
  }
}

}  // namespace

void registerCheckBenchmarks() {
  for (const migcalc::GpuModel* g : knownGpus()) {
    benchmark::RegisterBenchmark(("check/typical/" + g->key).c_str(), timeCheck, g, typical(*g), "feasible");
    benchmark::RegisterBenchmark(("check/balanced_plus_2g/" + g->key).c_str(), timeCheck, g, balancedPlusOne(*g),
                                 "not feasible");
    benchmark::RegisterBenchmark(("check/worst_infeasible/" + g->key).c_str(), timeCheck, g, worstInfeasible(*g),
                                 "not feasible");
    benchmark::RegisterBenchmark(("check/many_fixed/" + g->key).c_str(), timeCheck, g, manyFixed(*g), "feasible");
  }
}

}  // namespace bench
