// migcalc_bench: check() per GPU (typical, worst case, many fixed), layout enumeration, and the creation-order
// permutation approach of mig-parted for comparison.
#include <benchmark/benchmark.h>

#include "registry.hpp"

int main(int argc, char** argv) {
  bench::registerCheckBenchmarks();
  bench::registerLayoutBenchmarks();
  bench::registerPermutationBenchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
