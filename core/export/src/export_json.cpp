// The JSON exporter.
#include "migcalc/export/export_json.hpp"

#include "migcalc/export/export_k8s.hpp"
#include "migcalc/export/export_mig_parted.hpp"

namespace migcalc {

Json exportJson(const ExportLayout& layout, int device) {
  Json j;
  j["format"] = "migcalc-layout";
  j["version"] = 1;
  j["gpu"] = layout.gpu.key;
  j["device"] = device;
  Json filter = Json::array();
  for (const auto& id : layout.gpu.pci_ids) filter.push_back(migPartedDeviceId(id));
  j["device_filter"] = filter;
  Json instances = Json::array();
  for (const auto* list : {&layout.fixed, &layout.created})
    for (const auto& g : *list)
      instances.push_back({{"profile", g.instance.profile},
                           {"profile_id", g.profile_id ? Json(*g.profile_id) : Json(nullptr)},
                           {"start", g.instance.start},
                           {"size", g.instance.size},
                           {"fixed", g.instance.fixed},
                           {"compute_instances", g.cis}});
  j["instances"] = instances;
  Json devices = Json::object();
  for (const auto& [p, n] : migPartedDevices(layout)) devices[p] = n;
  j["mig_parted_devices"] = devices;
  j["kubernetes"] = k8sResourcesJson(layout);
  j["notes"] = layout.notes;
  j["check"] = checkJson(layout.gpu, layout.request, layout.result);
  return j;
}

}  // namespace migcalc
