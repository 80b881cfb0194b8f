// Benchmarks are registered per catalog GPU at start-up (bench/ only).
#pragma once

namespace bench {
void registerCheckBenchmarks();
void registerLayoutBenchmarks();
void registerPermutationBenchmarks();
}  // namespace bench
