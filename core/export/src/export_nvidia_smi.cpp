// The nvidia-smi script exporter.
#include "migcalc/export/export_nvidia_smi.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

namespace {

/// "5:0" with the profile ID, or "3g.93gb:0" when the ID is unknown.
std::string tuple(const PlacedGi& g) {
  std::string what = g.profile_id ? std::to_string(*g.profile_id) : g.instance.profile;
  return what + ":" + std::to_string(g.instance.start);
}

}  // namespace

std::string exportNvidiaSmi(const ExportLayout& layout, int device) {
  const GpuModel& gpu = layout.gpu;
  std::string i = std::to_string(device);
  std::ostringstream s;
  std::string product = gpu.names.empty() ? gpu.key : gpu.names.front();
  s << "#!/bin/sh\n"
    << "# MIG layout for GPU " << i << " (" << gpu.key << ", " << product
    << "), written by migcalc " MIGCALC_VERSION ".\n"
    << "# GPU instances (profile@start:size in placement units): " << layoutText(layout.created) << "\n";
  if (!layout.fixed.empty()) s << "# Kept as they are (fixed): " << layoutText(layout.fixed) << "\n";
  s << "# Every GPU instance is created at an explicit placement, so the order of creation does not matter.\n"
    << "# Run as root on the host. Check the GPU index first: nvidia-smi -L\n"
    << "set -e\n\n"
    << exportNvidiaSmiSteps(layout, i);
  return s.str();
}

std::string exportNvidiaSmiSteps(const ExportLayout& layout, const std::string& i) {
  const GpuModel& gpu = layout.gpu;
  std::ostringstream s;

  if (layout.fixed.empty()) {
    s << "# 1. Enable MIG mode on GPU " << i << ".\n"
      << "sudo nvidia-smi -i " << i << " -mig 1\n";
    std::string family = gpu.family.empty() ? gpu.architecture : gpu.family;
    if (family.rfind("Ampere", 0) == 0)
      s << "# " << gpu.key
        << " is an Ampere GPU: the new mode takes effect only after a GPU reset. Stop every process on\n"
        << "# the GPU, then run:  sudo nvidia-smi -i " << i << " -r   (reboot if the reset is refused). Until then\n"
        << "# nvidia-smi -i " << i << " -q shows MIG mode 'Pending: Enabled'.\n";
    else if (family.empty())
      s << "# On Ampere GPUs (A100, A30) the new mode takes effect only after a GPU reset (sudo nvidia-smi -i " << i
        << " -r).\n";
    else
      s << "# " << family << " GPUs switch MIG mode without a reset; stop every process on the GPU first.\n";
    s << "\n# 2. Remove every instance now on GPU " << i << ": compute instances first, then GPU instances.\n"
      << "#    This layout replaces the whole GPU. Each command fails harmlessly when there is nothing to remove.\n"
      << "sudo nvidia-smi mig -i " << i << " -dci || true\n"
      << "sudo nvidia-smi mig -i " << i << " -dgi || true\n\n";
  } else {
    s << "# 1. MIG mode is already enabled: GPU " << i << " holds instances that this layout keeps.\n"
      << "# 2. Nothing is torn down. The instances already on the GPU (" << layoutText(layout.fixed)
      << ") stay as they\n"
      << "#    are; only the new ones below are created.\n\n";
  }

  std::vector<const PlacedGi*> plain, split;
  for (const auto& g : layout.created) (g.cis.empty() ? plain : split).push_back(&g);
  std::vector<std::string> unknownIds;
  for (const auto& g : layout.created)
    if (!g.profile_id) unknownIds.push_back(g.instance.profile);
  int step = 3;
  if (!plain.empty()) {
    std::map<std::string, std::string> legend;
    std::vector<std::string> tuples;
    for (const auto* g : plain) {
      tuples.push_back(tuple(*g));
      if (g->profile_id) legend[std::to_string(*g->profile_id)] = g->instance.profile;
    }
    std::vector<std::string> leg;
    for (const auto& g : plain)
      if (g->profile_id && legend.count(std::to_string(*g->profile_id))) {
        leg.push_back(std::to_string(*g->profile_id) + " = " + g->instance.profile);
        legend.erase(std::to_string(*g->profile_id));
      }
    s << "# " << step++
      << ". Create the GPU instances as profile-ID:start, each with its default compute instance (-C).\n";
    if (!leg.empty()) s << "#    Profile IDs on " << gpu.key << ": " << join(leg, ", ") << ".\n";
    s << "sudo nvidia-smi mig -i " << i << " -cgi " << join(tuples, ",") << " -C\n\n";
  }
  if (!split.empty()) {
    s << "# " << step++ << ". GPU instances split into compute instances: create each GPU instance, read its ID from\n"
      << "#    nvidia-smi's answer, then create its compute instances with -cci.\n";
    for (const auto* g : split) {
      // CI arguments: the CI profile ID where the catalog knows it, else the name (nvidia-smi accepts both).
      std::vector<std::string> args, unknownCi;
      std::map<std::string, int> counts;
      for (const auto& ci : g->cis) {
        ++counts[ci];
        auto parts = splitCiProfile(ci);
        std::optional<int> id;
        if (parts) {
          auto info = ciProfileInfo(gpu, parts->gi, parts->c);
          if (info) id = info->id;
        }
        args.push_back(id ? std::to_string(*id) : ci);
        if (!id && std::find(unknownCi.begin(), unknownCi.end(), ci) == unknownCi.end()) unknownCi.push_back(ci);
      }
      std::vector<std::string> what;
      for (const auto& [ci, n] : counts) what.push_back(std::to_string(n) + " x " + ci);
      s << "gi=$(sudo nvidia-smi mig -i " << i << " -cgi " << tuple(*g)
        << " | sed -n 's/.*GPU instance ID *\\([0-9][0-9]*\\).*/\\1/p')\n"
        << "[ -n \"$gi\" ] || { echo \"could not create " << g->instance.profile << " at " << g->instance.start
        << "\" >&2; exit 1; }\n"
        << "sudo nvidia-smi mig -i " << i << " -gi \"$gi\" -cci " << join(args, ",") << "   # " << join(what, ", ")
        << "\n";
      if (!unknownCi.empty())
        s << "#    The catalog does not know the compute-instance profile ID of " << joinAnd(unknownCi)
          << ";\n#    the name is given instead (nvidia-smi mig -i " << i << " -gi \"$gi\" -lcip lists the IDs).\n";
    }
    s << "\n";
  }
  if (!unknownIds.empty())
    s << "# The catalog does not know the -lgip profile ID of " << joinAnd(unknownIds)
      << "; the profile name is used instead (nvidia-smi accepts both; see nvidia-smi mig -i " << i << " -lgip).\n\n";
  std::vector<std::string> expect;
  for (const auto& g : layout.fixed)
    expect.push_back(g.instance.profile + " " + std::to_string(g.instance.start) + ":" +
                     std::to_string(g.instance.size));
  for (const auto& g : layout.created)
    expect.push_back(g.instance.profile + " " + std::to_string(g.instance.start) + ":" +
                     std::to_string(g.instance.size));
  s << "# " << step << ". Check: the Placement column must read " << join(expect, ", ") << ".\n"
    << "nvidia-smi mig -i " << i << " -lgi\n"
    << "nvidia-smi mig -i " << i << " -lci\n";
  return s.str();
}

}  // namespace migcalc
