// The profile name resolver: what a user, a cluster label or an older tool calls a profile, to the profile of a model.
#pragma once
#include <string>

#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

struct ProfileMatch {
  int index = -1;    // the profile in gpu.profiles, or -1: no profile goes by this name
  std::string note;  // set when the name is not the canonical one: "'3g.21gb' is 3g.20gb on A100-40GB (...)"
};

/// How far resolveProfile may go from the name it is given.
enum class ProfileNames {
  Spellings,        // the same name written another way: case, a "mig-" prefix, ".me" for "+me"
  MemoryRoundings,  // also another rounding of the memory digits (labels, older drivers, a sister board)
};

/// Resolves, in order: the exact name; the name in another case ("3G.20GB"); the Kubernetes resource spelling
/// ("mig-1g.10gb.me": a "mig-" prefix, '.' for '+'); and, with MemoryRoundings, a name whose memory digits are
/// rounded differently from this model's (old GPU Feature Discovery labelled "3g.21gb" for 3g.20gb; "7g.79gb" for
/// 7g.80gb; GB200's "1g.24gb" became "1g.23gb"): the one profile with the same compute slices and attributes whose
/// memory differs by at most 1 GB. Every match but the exact one carries a note.
/// check() takes spellings only: the driver refuses another board's rounding (GB200 186 GB has no 1g.24gb), so a
/// check says so, and its message suggests the close name. Readers of cluster labels take MemoryRoundings.
ProfileMatch resolveProfile(const GpuModel& gpu, const std::string& name, ProfileNames how = ProfileNames::Spellings);

}  // namespace migcalc
