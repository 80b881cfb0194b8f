// A shell script of `nvidia-smi` commands that creates a layout with explicit placements.
#pragma once
#include <string>

#include "migcalc/export/export_layout.hpp"

namespace migcalc {

/// The script for GPU index `device`: enable MIG mode (with the reset Ampere needs), tear down the old layout
/// (compute instances, then GPU instances) only when nothing is kept, create each GPU instance at its start
/// (`-cgi ID:start`, the GPU's own profile IDs; the name where the ID is unknown, said so), create the default
/// compute instances (-C) or the requested ones (-cci), and list the result.
std::string exportNvidiaSmi(const ExportLayout& layout, int device = 0);

/// The numbered steps of that script without its header, for the GPU written as `device` (a number, or a shell
/// expression such as "$gpu" for a script that applies one layout to several GPUs).
std::string exportNvidiaSmiSteps(const ExportLayout& layout, const std::string& device);

}  // namespace migcalc
