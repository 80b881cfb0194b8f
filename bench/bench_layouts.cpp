// Layout enumeration: every maximal layout over all profiles, for all GPUs with known placements at once.
#include <benchmark/benchmark.h>

#include "bench_requests.hpp"
#include "migcalc/engine/layouts.hpp"
#include "registry.hpp"

namespace bench {

namespace {

void allGpus(benchmark::State& state, migcalc::ProfileSet set) {
  auto gpus = knownGpus();
  size_t layouts = 0;
  for (auto _ : state) {
    layouts = 0;
    for (const auto* g : gpus) {
      auto r = migcalc::enumerateLayouts(
          *g, set == migcalc::ProfileSet::All ? std::vector<std::string>{} : migcalc::profileSet(*g, set));
      layouts += r.ok() ? r->size() : 0;
      benchmark::DoNotOptimize(r);
    }
  }
  state.counters["layouts"] = static_cast<double>(layouts);
}

void oneGpu(benchmark::State& state, const migcalc::GpuModel* g) {
  for (auto _ : state) {
    auto r = migcalc::enumerateLayouts(*g, {});
    benchmark::DoNotOptimize(r);
  }
}

}  // namespace

void registerLayoutBenchmarks() {
  benchmark::RegisterBenchmark("layouts/all_gpus/all_profiles", allGpus, migcalc::ProfileSet::All)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("layouts/all_gpus/base_profiles", allGpus, migcalc::ProfileSet::Base)
      ->Unit(benchmark::kMicrosecond);
  for (const auto* g : knownGpus())
    benchmark::RegisterBenchmark(("layouts/one_gpu/" + g->key).c_str(), oneGpu, g)->Unit(benchmark::kMicrosecond);
}

}  // namespace bench
