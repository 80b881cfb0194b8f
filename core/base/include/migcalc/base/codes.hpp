// Every code migcalc answers with: errors (the input could not be answered) and reasons (why a request does not
// fit, or why demand stays unmet). The names are stable: they appear in --json output, in the module's
// {error: {code, message}} and in the README's table; tests compare codes, never message text.
#pragma once
#include <iosfwd>
#include <optional>
#include <string_view>

namespace migcalc {

// X(NAME, kind, meaning): kind is "error" (Result's Error), "reason" (a check's Reason) or "unmet" (a plan's
// unmet demand). Add a code here, never as a string literal elsewhere.
#define MIGCALC_CODES(X)                                                                                            \
  X(USAGE, "error", "The command line is malformed: an unknown option, a missing value or argument.")               \
  X(BAD_INPUT, "error", "An input has the wrong type or shape (a number where text is expected, a missing field).") \
  X(BAD_FILE, "error", "A file cannot be read, or is larger than allowed.")                                         \
  X(TOO_LARGE, "error", "An input is beyond a documented limit (size, depth, count, digits, name length).")         \
  X(BAD_REQUEST, "error", "A request item is not PROFILE[:COUNT].")                                                 \
  X(BAD_COUNT, "error", "A count is not a whole number in its range.")                                              \
  X(BAD_FIXED, "error", "A fixed (pinned) instance is not PROFILE@START with START in the GPU's range.")            \
  X(TOO_MANY_FIXED, "error", "More fixed instances than any GPU holds.")                                            \
  X(BAD_PROFILE_NAME, "error", "Text that is not a profile name (like 3g.40gb, 1g.10gb+me or 1c.3g.40gb).")         \
  X(BAD_CI_PROFILE, "error", "A compute-instance profile that its GPU instance does not offer.")                    \
  X(BAD_DRIVER, "error", "A driver that is not \"newest\" or a branch such as R535.")                               \
  X(UNKNOWN_GPU, "error", "No catalog model has this name; the message lists the closest.")                         \
  X(AMBIGUOUS_GPU, "error", "Several catalog models match this name; the message lists them.")                      \
  X(UNKNOWN_GPU_INDEX, "error", "The pasted nvidia-smi output has no GPU with this index.")                         \
  X(BAD_GPU_FILE, "error", "A custom GPU model file is not a valid model.")                                         \
  X(PLACEMENTS_UNKNOWN, "error", "The model's placement table is unknown, so no layout can be written.")            \
  X(NOT_FEASIBLE, "error", "Nothing to export: the request does not fit, or the plan leaves demand unmet.")         \
  X(SEARCH_LIMIT, "error", "The placement search stopped at its budget (only for large custom GPUs).")              \
  X(BAD_SEED_INPUT, "error", "The custom-capacity (seed) input is malformed.")                                      \
  X(BAD_PLAN_FILE, "error", "A plan file or plan answer is malformed.")                                             \
  X(BAD_DEMAND, "error", "A demand or workload entry of a plan is malformed.")                                      \
  X(BAD_EXISTING, "error", "An existing GPU of a plan is malformed or its instances do not fit.")                   \
  X(BAD_PLAN, "error", "A plan's group has placements the engine does not accept.")                                 \
  X(BAD_EXPORT_REQUEST, "error", "An export request names a format or option that does not exist.")                 \
  X(BAD_YAML, "error", "The text is not valid YAML; the message gives the line.")                                   \
  X(YAML_TOO_LARGE, "error", "The YAML text is larger than the reader accepts, or has too many documents.")         \
  X(YAML_TOO_DEEP, "error", "The YAML text nests deeper than the reader accepts.")                                  \
  X(YAML_UNSUPPORTED, "error", "The YAML uses a feature mig-parted files never need (anchors, aliases, tags).")     \
  X(NOT_MIG_PARTED, "error", "The file is not a mig-parted config nor a ConfigMap holding one.")                    \
  X(BAD_SMI_OUTPUT, "error", "The text is not nvidia-smi mig -lgip, -lgipp or -lgi output.")                        \
  X(SMI_TOO_LARGE, "error", "The nvidia-smi text is larger than the reader accepts.")                               \
  X(INTERNAL, "error", "A fault in migcalc itself; the input was not at fault. Please report it.")                  \
  X(UNKNOWN_PROFILE, "reason", "The GPU has no profile of this name under the chosen driver.")                      \
  X(DRIVER_TOO_OLD, "reason", "The chosen driver is too old for the GPU or for this profile.")                      \
  X(INSTANCE_CAP, "reason", "More instances of a profile than the GPU allows.")                                     \
  X(MEDIA_ENGINES, "reason", "The request needs more decoders, JPEG or OFA engines than the GPU has.")              \
  X(NO_PLACEMENT, "reason", "No arrangement of the placement windows holds every instance.")                        \
  X(FIXED_BAD_START, "reason", "A fixed instance sits at a start its profile does not allow.")                      \
  X(FIXED_OVERLAP, "reason", "Two fixed instances overlap.")                                                        \
  X(SLICE_TOTAL, "reason",                                                                                          \
    "The instances need more memory slices (placement units) or compute slices than the GPU has.")                  \
  X(NO_PROFILE, "unmet", "No GPU model in the inventory offers this profile.")                                      \
  X(INVENTORY_TOO_SMALL, "unmet", "The available GPUs are too few for the demand.")

enum class Code {
#define MIGCALC_CODE_ENUM(name, kind, meaning) name,
  MIGCALC_CODES(MIGCALC_CODE_ENUM)
#undef MIGCALC_CODE_ENUM
};

/// The stable name: Code::BAD_COUNT -> "BAD_COUNT".
const char* codeName(Code code);
/// "error", "reason" or "unmet".
const char* codeKind(Code code);
/// One sentence for people (the README's table).
const char* codeMeaning(Code code);
/// The code of a stable name, if there is one.
std::optional<Code> codeFromName(std::string_view name);
/// Prints the stable name (for test messages and logs).
std::ostream& operator<<(std::ostream& out, Code code);
/// How many codes there are (Code values run from 0 to codeCount() - 1).
int codeCount();

}  // namespace migcalc
