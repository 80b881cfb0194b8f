// The placement grid of one GPU model under one driver, compiled for fast search (internal header).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

constexpr int kEngineKinds = 4;  // dec, enc, jpeg, ofa: the media engines the engine-sum rule counts
extern const char* const kEngineNames[kEngineKinds];

struct GridProfile {
  int size = 0;
  int compute_slices = 0;
  int cap = 0;
  std::vector<int> starts;
  std::vector<uint32_t> masks;
  std::array<int, kEngineKinds> engines{};  // unknown counts as 0 (not checked)
  bool available = true;                    // the chosen driver supports it
  bool disjoint = true;                     // no two placements overlap
};

/// Profiles that may not all be present at once under the chosen driver.
struct ForbiddenCombination {
  std::vector<int> profiles;
  int min_driver = 0;
};

struct Grid {
  int units = 0;
  uint32_t full = 0;
  std::vector<GridProfile> profiles;
  std::vector<int> order;  // profile indices, largest first (more units, then more compute slices)
  std::array<int, kEngineKinds> engine_totals{};
  std::array<bool, kEngineKinds> engine_known{};
  std::vector<ForbiddenCombination> forbidden;
  bool model_supported = true;  // the chosen driver is new enough for the model at all
};

/// One layout under construction: what is occupied and how much of each cap and engine is used.
struct LayoutState {
  uint32_t occupied = 0;
  std::vector<int> count;
  std::array<int, kEngineKinds> engines_used{};
};

Grid compileGrid(const GpuModel& gpu, int driver);
/// The compiled grid of a catalog model is built once per driver and kept (catalog models never change, and a
/// kept grid is never moved or freed); any other model, or any grid past the first 256, is compiled into
/// `scratch`. The reference stays valid while `scratch` lives.
const Grid& gridFor(const GpuModel& gpu, int driver, Grid& scratch);
LayoutState emptyState(const Grid& grid);

/// Could one more instance of profile p go at placement index pl (window free, cap, engines, driver)?
bool canAdd(const Grid& grid, const LayoutState& state, int p, int pl);
/// Rules other than the window: cap, engines, driver, forbidden combinations.
bool rulesAllow(const Grid& grid, const LayoutState& state, int p);
void add(const Grid& grid, LayoutState& state, int p, int pl);
void remove(const Grid& grid, LayoutState& state, int p, int pl);

/// How many more instances of p can be created in this state (nvidia-smi mig -lgip "Free").
int remainingFor(const Grid& grid, const LayoutState& state, int p);

}  // namespace migcalc
