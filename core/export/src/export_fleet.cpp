// Fleet exports: the single-GPU exporters applied per group of identical GPUs.
#include "migcalc/export/export_fleet.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/export/export_k8s.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/export/export_nvidia_smi.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

namespace {

constexpr long long kListedNodes = 1000;  // nodes written out in the Kubernetes JSON; all are counted

/// A planned GPU instance's compute instances must exist on the model and fit it (compute slices, per-GI counts).
std::optional<std::string> computeInstancesError(const GpuModel& gpu, const Instance& inst) {
  int slices = 0;
  std::map<std::string, int> perGi;
  for (const auto& ci : inst.compute_instances) {
    auto split = splitCiProfile(ci.profile);
    if (!split || split->gi != inst.profile) return ci.profile + " is no compute instance of " + inst.profile + ".";
    auto info = ciProfileInfo(gpu, split->gi, split->c);
    if (!info) return info.error().message;
    slices += info->c;
    if (++perGi[ci.profile] > info->per_gi)
      return "a " + inst.profile + " holds at most " + std::to_string(info->per_gi) + " \u00d7 " + ci.profile + ".";
  }
  int pi = gpu.findProfile(inst.profile);
  if (pi >= 0 && slices > gpu.profiles[static_cast<size_t>(pi)].compute_slices)
    return "the compute instances of " + inst.profile + " at " + std::to_string(inst.start) + " need " +
           std::to_string(slices) + " compute slices; it has " +
           std::to_string(gpu.profiles[static_cast<size_t>(pi)].compute_slices) + ".";
  return std::nullopt;
}

}  // namespace

Result<FleetLayout> fleetFromGroups(const std::vector<PlannedGroup>& raw) {
  FleetLayout fleet;
  std::map<std::string, std::string> names;  // model + mig-parted devices -> config name
  for (size_t gi = 0; gi < raw.size(); ++gi) {
    const PlannedGroup& r = raw[gi];
    auto model = findGpu(r.model);
    if (!model) return model.error();
    FleetGroup g;
    g.count = r.count;
    g.existing = r.existing;
    ExportLayout& l = g.layout;
    l.gpu = **model;
    CheckRequest all;
    for (const auto& inst : r.instances) {
      PlacedGi p;
      p.instance = inst;
      int pi = l.gpu.findProfile(inst.profile);
      if (pi >= 0) p.profile_id = l.gpu.profiles[static_cast<size_t>(pi)].id;
      if (auto bad = computeInstancesError(l.gpu, inst))
        return Error{Code::BAD_PLAN, "Group " + std::to_string(gi + 1) + ": " + *bad};
      for (const auto& ci : inst.compute_instances) p.cis.push_back(ci.profile);
      (inst.fixed ? l.fixed : l.created).push_back(p);
      all.fixed.push_back({inst.profile, inst.start});
    }
    auto checked = check(l.gpu, all);
    if (!checked) return checked.error();
    if (checked->verdict != Verdict::Feasible) {
      std::vector<std::string> why;
      for (const auto& x : checked->reasons) why.push_back(x.message);
      return Error{Code::BAD_PLAN,
                   "Group " + std::to_string(gi + 1) + " (" + r.model + ") is not a valid layout: " + join(why, " ")};
    }
    l.request = all;
    l.result = *checked;
    std::string key = l.gpu.key;
    for (const auto& [p, n] : migPartedDevices(l)) key += " " + p + "=" + std::to_string(n);
    auto it = names.find(key);
    if (it == names.end()) {
      std::string name = defaultMigPartedName(l);
      bool clash = std::any_of(names.begin(), names.end(), [&](const auto& kv) { return kv.second == name; });
      if (clash) name = name.substr(0, 55) + "-" + std::to_string(gi + 1);
      it = names.emplace(key, name).first;
    }
    g.config_name = it->second;
    fleet.groups.push_back(std::move(g));
  }
  return fleet;
}

namespace {}  // namespace

Result<FleetLayout> fleetFromPlan(const PlanResult& plan) {
  std::vector<PlannedGroup> raw;
  for (const auto& g : plan.groups) raw.push_back({g.model, g.count, g.existing, g.instances});
  return fleetFromGroups(raw);
}

std::string exportFleetNvidiaSmi(const FleetLayout& fleet) {
  std::ostringstream s;
  long long total = 0;
  for (const auto& g : fleet.groups) total += g.count;
  s << "#!/bin/sh\n# Fleet plan: " << total << " GPU" << (total == 1 ? "" : "s") << " in " << fleet.groups.size()
    << " layout" << (fleet.groups.size() == 1 ? "" : "s") << ", written by migcalc " MIGCALC_VERSION ".\n"
    << "# Each layout is a function taking the GPU index on its host; the calls at the end say which to run.\n"
    << "# Run as root on each host (check the indices with nvidia-smi -L).\nset -e\n";
  for (size_t k = 0; k < fleet.groups.size(); ++k) {
    const FleetGroup& g = fleet.groups[k];
    std::string fn = "migcalc_layout_" + std::to_string(k + 1);
    s << "\n# Layout " << k + 1 << ": " << g.count << " x " << g.layout.gpu.key
      << (g.existing ? " (GPUs already partitioned)" : "") << ": " << layoutText(g.layout.created) << "\n";
    if (!g.layout.fixed.empty()) s << "# Kept as they are: " << layoutText(g.layout.fixed) << "\n";
    s << fn << "() {\n  gpu=\"$1\"\n";
    std::istringstream body(exportNvidiaSmiSteps(g.layout, "\"$gpu\""));
    std::string line;
    while (std::getline(body, line)) s << (line.empty() ? "" : "  " + line) << "\n";
    s << "}\n";
  }
  s << "\n# Which layout goes on which GPU is your choice. For example, one host per line:\n";
  for (size_t k = 0; k < fleet.groups.size(); ++k) {
    const FleetGroup& g = fleet.groups[k];
    s << "# " << g.count << " GPU" << (g.count == 1 ? "" : "s") << " (" << g.layout.gpu.key << "): ";
    for (long long n = 0; n < std::min<long long>(g.count, 8); ++n)
      s << (n ? "; " : "") << "migcalc_layout_" << k + 1 << " " << n;
    if (g.count > 8) s << "; ...";
    s << "\n";
  }
  s << "# Run one, e.g.:  sh this-file.sh migcalc_layout_1 0\nif [ $# -ge 2 ]; then \"$1\" \"$2\"; fi\n";
  return s.str();
}

std::string exportFleetMigParted(const FleetLayout& fleet) {
  std::ostringstream s;
  s << "# mig-parted config for a fleet plan, written by migcalc " MIGCALC_VERSION
       ": one named config per distinct layout.\n"
    << "# mig-parted cannot express placements (it retries creation orders until one works); every layout below is\n"
    << "# feasible. Use migcalc's nvidia-smi export to pin the planned placements.\n"
    << "version: v1\nmig-configs:\n  all-disabled:\n    - devices: all\n      mig-enabled: false\n";
  std::vector<std::string> written;
  for (const auto& g : fleet.groups) {
    if (std::find(written.begin(), written.end(), g.config_name) != written.end()) continue;
    written.push_back(g.config_name);
    s << "\n  " << g.config_name << ":\n";
    std::vector<std::string> ids;
    for (const auto& id : g.layout.gpu.pci_ids) ids.push_back("\"" + migPartedDeviceId(id) + "\"");
    std::string item = "    - ";
    if (!ids.empty()) {
      s << item << "device-filter: [" << join(ids, ", ") << "]\n";
      item = "      ";
    }
    s << item << "devices: all\n      mig-enabled: true\n      mig-devices:";
    auto devices = migPartedDevices(g.layout);
    if (devices.empty())
      s << " {}\n";
    else {
      s << "\n";
      for (const auto& [p, n] : devices) s << "        \"" << p << "\": " << n << "\n";
    }
  }
  s << "\n# A node's GPUs all get the config its label names. Label the nodes by the GPUs they hold:\n";
  for (size_t k = 0; k < fleet.groups.size(); ++k) {
    const FleetGroup& g = fleet.groups[k];
    s << "#   " << g.count << " x " << g.layout.gpu.key << " (layout " << k + 1
      << "): kubectl label node <node> nvidia.com/mig.config=" << g.config_name << " --overwrite\n";
  }
  s << "# A node whose GPUs need different layouts needs its own config with one entry per GPU index (devices: [0, "
       "1]).\n"
    << "# With the GPU Operator: kubectl create configmap custom-mig-config -n gpu-operator "
       "--from-file=config.yaml=config.yaml\n"
    << "#   and set spec.migManager.config.name=custom-mig-config in the ClusterPolicy.\n";
  return s.str();
}

Json fleetK8sJson(const FleetLayout& fleet, int gpus_per_node) {
  if (gpus_per_node < 1) gpus_per_node = 1;
  Json resources = Json::object();
  for (const auto& g : fleet.groups) {
    Json one = k8sResourcesJson(g.layout)["mixed"]["resources"];
    for (auto it = one.begin(); it != one.end(); ++it)
      resources[it.key()] = (resources.contains(it.key()) ? resources[it.key()].get<long long>() : 0) +
                            it.value().get<long long>() * g.count;
  }
  // Nodes: GPUs in plan order, gpus_per_node at a time. A node inside one group is like every other node there, so
  // the work per node is per group it touches, and only the first kListedNodes nodes are written out.
  struct GroupFacts {
    std::vector<std::string> kinds;
    bool split = false;
    size_t devices = 0;
    long long count = 0;
  };
  std::vector<GroupFacts> facts;
  long long total = 0;
  for (const auto& g : fleet.groups) {
    if (g.count < 1) continue;
    GroupFacts f;
    f.count = g.count;
    for (const auto* list : {&g.layout.fixed, &g.layout.created})
      for (const auto& gi : *list) {
        if (!gi.cis.empty()) f.split = true;
        std::string kind = g.layout.gpu.key + " " + gi.instance.profile;
        if (std::find(f.kinds.begin(), f.kinds.end(), kind) == f.kinds.end()) f.kinds.push_back(kind);
        ++f.devices;
      }
    total += g.count;
    facts.push_back(std::move(f));
  }
  const long long perNode = gpus_per_node;
  const long long nodeCount = (total + perNode - 1) / perNode;
  Json nodes = Json::array();
  long long singleOk = 0;
  size_t group = 0;
  long long usedOfGroup = 0;
  for (long long node = 0; node < nodeCount; ++node) {
    long long need = std::min(perNode, total - node * perNode);
    const long long gpusHere = need;
    std::vector<std::string> kinds;
    bool split = false;
    long long devices = 0;
    while (need > 0) {
      const GroupFacts& f = facts[group];
      long long take = std::min(need, f.count - usedOfGroup);
      for (const auto& k : f.kinds)
        if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
      split = split || f.split;
      devices += static_cast<long long>(f.devices) * take;
      need -= take;
      usedOfGroup += take;
      if (usedOfGroup == f.count) {
        ++group;
        usedOfGroup = 0;
      }
    }
    bool possible = !split && kinds.size() == 1;
    singleOk += possible;
    if (node < kListedNodes)
      nodes.push_back({{"node", node + 1},
                       {"gpus", gpusHere},
                       {"mig_devices", devices},
                       {"single_possible", possible},
                       {"kinds", kinds}});
  }
  Json out = {{"gpus_per_node", gpus_per_node},
              {"mixed", {{"resources", resources}}},
              {"single",
               {{"possible_on_every_node", singleOk == nodeCount && nodeCount > 0},
                {"nodes_possible", singleOk},
                {"nodes", nodeCount}}},
              {"nodes", nodes}};
  if (nodeCount > kListedNodes) out["nodes_listed"] = kListedNodes;  // the first ones; "single" counts them all
  return out;
}

std::string exportFleetK8s(const FleetLayout& fleet, int gpus_per_node) {
  Json k = fleetK8sJson(fleet, gpus_per_node);
  std::ostringstream s;
  s << "# Kubernetes resources of this fleet plan (NVIDIA k8s-device-plugin), written by migcalc " MIGCALC_VERSION ".\n"
    << "# Mixed strategy (mig.strategy=mixed), whole fleet:\n";
  for (auto it = k["mixed"]["resources"].begin(); it != k["mixed"]["resources"].end(); ++it)
    s << "#   " << it.key() << ": " << it.value().dump() << "\n";
  s << "# Single strategy (mig.strategy=single), with " << k["gpus_per_node"].dump() << " GPU"
    << (k["gpus_per_node"] == 1 ? "" : "s") << " per node in plan order: possible on "
    << k["single"]["nodes_possible"].dump() << " of " << k["single"]["nodes"].dump() << " nodes"
    << " (every MIG device of a node must be identical).\n";
  size_t shown = 0;
  for (const auto& n : k["nodes"]) {
    if (++shown > 50) {
      s << "#   ...\n";
      break;
    }
    std::vector<std::string> kinds;
    for (const auto& x : n["kinds"]) kinds.push_back(x.get<std::string>());
    s << "#   node " << n["node"].dump() << " (" << n["gpus"].dump()
      << (n["gpus"].get<long long>() == 1 ? " GPU): " : " GPUs): ")
      << (n["single_possible"].get<bool>() ? "single possible" : "mixed only") << " - " << join(kinds, ", ") << "\n";
  }
  return s.str();
}

Json exportFleetJson(const FleetLayout& fleet, int gpus_per_node) {
  Json groups = Json::array();
  for (const auto& g : fleet.groups) {
    Json inst = Json::array();
    for (const auto* list : {&g.layout.fixed, &g.layout.created})
      for (const auto& p : *list)
        inst.push_back({{"profile", p.instance.profile},
                        {"profile_id", p.profile_id ? Json(*p.profile_id) : Json(nullptr)},
                        {"start", p.instance.start},
                        {"size", p.instance.size},
                        {"fixed", p.instance.fixed}});
    Json devices = Json::object();
    for (const auto& [p, n] : migPartedDevices(g.layout)) devices[p] = n;
    Json filter = Json::array();
    for (const auto& id : g.layout.gpu.pci_ids) filter.push_back(migPartedDeviceId(id));
    groups.push_back({{"model", g.layout.gpu.key},
                      {"count", g.count},
                      {"existing", g.existing},
                      {"device_filter", filter},
                      {"mig_parted_config", g.config_name},
                      {"mig_parted_devices", devices},
                      {"instances", inst}});
  }
  return {{"format", "migcalc-fleet"},
          {"version", 1},
          {"groups", groups},
          {"kubernetes", fleetK8sJson(fleet, gpus_per_node)}};
}

}  // namespace migcalc
