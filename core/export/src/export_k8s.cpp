// The Kubernetes exporter.
#include "migcalc/export/export_k8s.hpp"

#include <algorithm>
#include <sstream>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

std::string mixedResourceName(const std::string& profile) {
  std::string name = "nvidia.com/mig-" + profile;
  std::replace(name.begin(), name.end(), '+', '.');
  return name;
}

Json k8sResourcesJson(const ExportLayout& layout) {
  Json resources = Json::object();
  Json hidden = Json::array();
  std::vector<std::string> kinds;
  size_t devices = 0;
  for (const auto* list : {&layout.fixed, &layout.created})
    for (const auto& g : *list) {
      if (!g.cis.empty()) {
        hidden.push_back(
            {{"gpu_instance", g.instance.profile}, {"start", g.instance.start}, {"compute_instances", g.cis}});
        for (const auto& ci : g.cis)
          if (std::find(kinds.begin(), kinds.end(), ci) == kinds.end()) kinds.push_back(ci);
        devices += g.cis.size();
        continue;
      }
      std::string name = mixedResourceName(g.instance.profile);
      resources[name] = resources.contains(name) ? resources[name].get<int>() + 1 : 1;
      if (std::find(kinds.begin(), kinds.end(), g.instance.profile) == kinds.end()) kinds.push_back(g.instance.profile);
      ++devices;
    }
  Json single;
  single["resource"] = "nvidia.com/gpu";
  if (devices == 0) {
    single["possible"] = false;
    single["reason"] = "the layout has no MIG devices";
  } else if (kinds.size() == 1 && hidden.empty()) {
    single["possible"] = true;
    single["count"] = devices;
    single["product_suffix"] = "-MIG-" + kinds[0];
    single["reason"] = "every MIG device is " + kinds[0];
  } else if (!hidden.empty()) {
    single["possible"] = false;
    single["reason"] = "GPU instances split into compute instances are not advertised by the device plugin";
  } else {
    single["possible"] = false;
    single["reason"] = "the node would hold different MIG devices (" + joinAnd(kinds) +
                       "); the single strategy needs them all identical, else the device plugin reports "
                       "'more than one MIG device type present on node'";
  }
  return {{"mixed", {{"resources", resources}, {"not_advertised", hidden}}}, {"single", single}};
}

std::string exportK8s(const ExportLayout& layout) {
  Json k = k8sResourcesJson(layout);
  std::ostringstream s;
  s << "# Kubernetes resources of this " << layout.gpu.key << " layout (NVIDIA k8s-device-plugin / GPU Operator),\n"
    << "# written by migcalc " MIGCALC_VERSION ". One GPU per node assumed.\n#\n"
    << "# Mixed strategy (mig.strategy=mixed): each GPU instance is a resource of its own.\n";
  for (auto it = k["mixed"]["resources"].begin(); it != k["mixed"]["resources"].end(); ++it)
    s << "#   " << it.key() << ": " << it.value().dump() << "\n";
  for (const auto& h : k["mixed"]["not_advertised"]) {
    std::vector<std::string> cis;
    for (const auto& c : h["compute_instances"]) cis.push_back(c.get<std::string>());
    s << "#   (" << h["gpu_instance"].get<std::string>() << " at " << h["start"].dump() << ", split into "
      << join(cis, " + ")
      << ": not advertised; the device plugin offers only whole GPU instances, and a compute instance is not a "
         "resource of its own)\n";
  }
  const Json& single = k["single"];
  s << "#\n# Single strategy (mig.strategy=single): ";
  if (single["possible"].get<bool>())
    s << "possible, " << single["reason"].get<std::string>() << ": request nvidia.com/gpu (" << single["count"].dump()
      << " on this node);\n#   GPU feature discovery sets nvidia.com/gpu.product to the product name + \""
      << single["product_suffix"].get<std::string>() << "\".\n";
  else
    s << "not possible: " << single["reason"].get<std::string>() << ".\n";
  std::string example;
  if (!k["mixed"]["resources"].empty()) example = k["mixed"]["resources"].begin().key();
  if (!example.empty()) {
    s << "#\n# Example: a Pod that gets one " << example.substr(std::string("nvidia.com/mig-").size())
      << " instance (mixed strategy).\n"
      << "apiVersion: v1\nkind: Pod\nmetadata:\n  name: mig-example\nspec:\n  restartPolicy: Never\n  containers:\n"
      << "    - name: cuda\n      image: nvidia/cuda:12.4.1-base-ubuntu22.04\n      command: [\"nvidia-smi\", \"-L\"]\n"
      << "      resources:\n        limits:\n          " << example << ": 1\n";
  }
  return s.str();
}

}  // namespace migcalc
