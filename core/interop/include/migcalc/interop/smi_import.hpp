// Reading what `nvidia-smi mig` prints: -lgip (profiles) and -lgipp (placements) become a GPU model usable like a
// catalog GPU; -lgi (GPU instances) becomes the instances already on each GPU. Tolerates table borders, prompts and
// other lines, CRLF and any column widths; a broken row is an error naming its line; input size is bounded.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// Largest transcript accepted (bytes).
constexpr size_t kMaxSmiBytes = 8u << 20;

/// One profile row of `nvidia-smi mig -lgip` (two table lines: SM/DEC/ENC, then CE/JPEG/OFA).
struct SmiProfileRow {
  int line = 0;
  int gpu = 0;
  std::string name;  // "1g.10gb+me" (without nvidia-smi's "MIG " prefix)
  int id = 0;
  int free = 0, total = 0;
  std::optional<double> memory_gib;
  std::optional<int> sm, dec, enc, ce, jpeg, ofa;
};

/// One line of `nvidia-smi mig -lgipp`: "GPU  0 Profile ID 19 Placements: {0,1,2,3,4,5,6}:1".
struct SmiPlacementRow {
  int line = 0;
  int gpu = 0;
  int id = 0;
  std::vector<int> starts;
  int size = 0;
};

struct SmiProfileListing {
  std::vector<SmiProfileRow> profiles;
  std::vector<SmiPlacementRow> placements;
};

/// Parse -lgip and/or -lgipp output (one paste may hold both). Errors: BAD_SMI_OUTPUT ("line N: ..."), SMI_TOO_LARGE.
Result<SmiProfileListing> parseSmiProfiles(const std::string& text);

struct ImportedGpu {
  int gpu_index = 0;
  GpuModel model;                            // a custom model (valid for `migcalc check --gpu-file`)
  std::optional<std::string> catalog_match;  // closest catalog model, when any profile names match
  bool exact_match = false;                  // same profile names as that model
  std::vector<std::string> also_matching;    // other catalog models that fit the output just as well
  std::vector<std::string> differences;      // against the match: IDs, counts, memory, SMs, engines, placements
  std::vector<std::string> notes;
};

/// Build a GPU model from -lgip (+ -lgipp) output for one GPU index (default: the lowest in the text).
Result<ImportedGpu> importGpuFromSmi(const std::string& text, std::optional<int> gpuIndex = std::nullopt);
/// {"gpu_index", "catalog_match", "exact_match", "also_matching", "differences", "notes", "model": <catalog-format
/// model>}
Json importedGpuJson(const ImportedGpu& imported);

/// One row of `nvidia-smi mig -lgi`.
struct SmiGpuInstance {
  int line = 0;
  int gpu = 0;
  std::string profile;  // "3g.40gb"
  int profile_id = 0;
  int instance_id = 0;
  int start = 0;
  int size = 0;
};

struct SmiState {
  std::map<int, std::vector<SmiGpuInstance>> gpus;  // GPU index -> instances, in table order
};

/// Parse -lgi output. "No GPU instances found" gives an empty state. Errors: BAD_SMI_OUTPUT, SMI_TOO_LARGE.
Result<SmiState> parseSmiInstances(const std::string& text);
/// The fixed instances of one GPU index, as `migcalc check --fixed` takes them.
std::vector<FixedInstance> fixedInstances(const SmiState& state, int gpu);
/// Where the -lgi rows of one GPU disagree with a model (unknown profile, other profile ID, other placement size):
/// a sign that the state comes from a different GPU or driver than the model. Empty when they agree.
std::vector<std::string> stateMismatches(const SmiState& state, int gpu, const GpuModel& model);
/// {"gpus": [{"index", "instances": [{profile, profile_id, instance_id, start, size}], "fixed": ["3g.40gb@4"]}]}
Json smiStateJson(const SmiState& state);

}  // namespace migcalc
