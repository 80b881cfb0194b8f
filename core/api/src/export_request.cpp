// The JSON facade over the exporters.
#include "migcalc/api/export_request.hpp"

#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/export/export_fleet.hpp"
#include "migcalc/export/export_json.hpp"
#include "migcalc/export/export_k8s.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/export/export_nvidia_smi.hpp"
#include "migcalc/io/plan_json.hpp"

namespace migcalc {

namespace {

Error bad(const std::string& what) { return Error{Code::BAD_EXPORT_REQUEST, what}; }

constexpr int kMaxGpusPerNode = 1000;

}  // namespace

Result<FleetLayout> fleetFromPlanText(const std::string& text) {
  auto doc = parseJson(text, Code::BAD_PLAN_FILE);
  if (!doc) return doc.error();
  const Json& j = doc->contains("plan") && (*doc)["plan"].is_object() ? (*doc)["plan"] : *doc;
  if (!j.is_object()) return Error{Code::BAD_PLAN_FILE, "A plan file is a JSON object: a plan input (demand, gpus) or `migcalc plan --json` output."};
  if (!j.contains("groups")) {
    auto input = parsePlanInput(j);
    if (!input) return input.error();
    auto plan = planFleet(*input);
    if (!plan) return plan.error();
    if (!plan->unmet.empty())
      return Error{Code::NOT_FEASIBLE, "The plan leaves demand unmet (" + plan->unmet.front().demand + ": " + plan->unmet.front().reason + "); nothing to export."};
    return fleetFromPlan(*plan);
  }
  if (!j["groups"].is_array()) return Error{Code::BAD_PLAN_FILE, "'groups' must be a list of {model, count, instances}."};
  std::vector<PlannedGroup> raw;
  for (size_t i = 0; i < j["groups"].size(); ++i) {
    const Json& g = j["groups"][i];
    std::string where = "groups[" + std::to_string(i) + "]";
    if (!g.is_object() || !g.contains("model") || !g["model"].is_string() || !g.contains("instances") || !g["instances"].is_array())
      return Error{Code::BAD_PLAN_FILE, where + " needs 'model' (text) and 'instances' (a list)."};
    PlannedGroup r;
    r.model = g["model"].get<std::string>();
    r.count = g.contains("count") && g["count"].is_number_integer() ? g["count"].get<long long>() : 1;
    if (r.count < 1 || r.count > kMaxGpusPerLayout)
      return Error{Code::BAD_PLAN_FILE, where + ".count is " + std::to_string(r.count) + " GPUs; a fleet export takes 1 to " +
                                        std::to_string(kMaxGpusPerLayout) + " GPUs per layout."};
    r.existing = g.value("existing", false);
    for (const auto& inst : g["instances"]) {
      if (!inst.is_object() || !inst.contains("profile") || !inst["profile"].is_string() || !inst.contains("start") || !inst["start"].is_number_integer())
        return Error{Code::BAD_PLAN_FILE, where + ".instances: each needs 'profile' and 'start'."};
      Instance x;
      x.profile = inst["profile"].get<std::string>();
      x.start = inst["start"].get<int>();
      x.size = inst.value("size", 0);
      x.compute_slices = inst.value("compute_slices", 0);
      x.fixed = inst.value("fixed", false);
      r.instances.push_back(x);
    }
    raw.push_back(std::move(r));
  }
  return fleetFromGroups(raw);
}

Result<Json> exportFleetFromJson(const std::string& planText, const std::string& format, int gpus_per_node) {
  if (format != "nvidia-smi" && format != "mig-parted" && format != "k8s" && format != "json")
    return bad("A fleet plan exports as nvidia-smi, mig-parted, k8s or json" + (format.empty() ? std::string(".") : ", not '" + format + "'."));
  if (gpus_per_node < 1 || gpus_per_node > kMaxGpusPerNode)
    return bad("GPUs per node is a whole number from 1 to " + std::to_string(kMaxGpusPerNode) + ", not " + std::to_string(gpus_per_node) + ".");
  auto fleet = fleetFromPlanText(planText);
  if (!fleet) return fleet.error();
  Json out = {{"format", format}, {"fleet", true}};
  if (format == "nvidia-smi") out["text"] = exportFleetNvidiaSmi(*fleet);
  else if (format == "mig-parted") out["text"] = exportFleetMigParted(*fleet);
  else if (format == "k8s") out["text"] = exportFleetK8s(*fleet, gpus_per_node);
  else out["layout"] = exportFleetJson(*fleet, gpus_per_node);
  return out;
}

Result<Json> exportFromJson(const Json& args) {
  if (!args.is_object()) return bad("The export request must be a JSON object with format, gpu and request.");
  std::string format = args.contains("format") && args["format"].is_string() ? args["format"].get<std::string>() : "";
  if (args.contains("plan")) {
    if (!args["plan"].is_object()) return bad("'plan' must be a plan input object or the answer of `migcalc plan --json`.");
    int perNode = 1;
    if (args.contains("gpus_per_node") && !args["gpus_per_node"].is_null()) {
      if (!args["gpus_per_node"].is_number_integer() || args["gpus_per_node"].get<long long>() < 1 || args["gpus_per_node"].get<long long>() > kMaxGpusPerNode)
        return bad("'gpus_per_node' is a whole number from 1 to " + std::to_string(kMaxGpusPerNode) + ", not " + args["gpus_per_node"].dump() + ".");
      perNode = args["gpus_per_node"].get<int>();
    }
    return exportFleetFromJson(args["plan"].dump(), format, perNode);
  }
  if (format != "nvidia-smi" && format != "mig-parted" && format != "mig-parted-configmap" && format != "k8s" && format != "json")
    return bad("'format' must be nvidia-smi, mig-parted, mig-parted-configmap, k8s or json" + (format.empty() ? std::string(".") : ", not '" + format + "'."));
  GpuModel gpu;
  if (args.contains("gpu_model") && args["gpu_model"].is_object()) {
    auto m = parseGpuModel(args["gpu_model"].dump());
    if (!m) return m.error();
    gpu = *m;
    gpu.custom = true;
  } else if (args.contains("gpu") && args["gpu"].is_string()) {
    auto g = findGpu(args["gpu"].get<std::string>());
    if (!g) return g.error();
    gpu = **g;
  } else {
    return bad("Give 'gpu' (a catalog key such as \"A100-80GB\") or 'gpu_model' (a model in the catalog's format).");
  }
  std::vector<ProfileCount> request;
  if (!args.contains("request") || !args["request"].is_array() || args["request"].empty())
    return bad("'request' must be a non-empty list such as [\"3g.40gb:2\"] or [{\"profile\": \"3g.40gb\", \"count\": 2}].");
  for (const auto& r : args["request"]) {
    if (r.is_string()) {
      auto pc = parseProfileCount(r.get<std::string>());
      if (!pc) return pc.error();
      request.push_back(*pc);
    } else if (r.is_object() && r.contains("profile") && r["profile"].is_string()) {
      long long count = r.contains("count") && r["count"].is_number_integer() ? r["count"].get<long long>() : 1;
      auto pc = parseProfileCount(r["profile"].get<std::string>() + ":" + std::to_string(count));
      if (!pc) return pc.error();
      request.push_back(*pc);
    } else {
      return bad("Each request item is \"PROFILE[:COUNT]\" or {\"profile\", \"count\"}, not " + r.dump() + ".");
    }
  }
  std::vector<FixedInstance> fixed;
  if (args.contains("fixed") && !args["fixed"].is_null()) {
    if (!args["fixed"].is_array()) return bad("'fixed' must be a list such as [\"1g.10gb@0\"].");
    for (const auto& f : args["fixed"]) {
      if (f.is_string()) {
        auto one = parseFixed(f.get<std::string>());
        if (!one) return one.error();
        fixed.push_back(*one);
      } else if (f.is_object() && f.contains("profile") && f["profile"].is_string() && f.contains("start") && f["start"].is_number_integer()) {
        fixed.push_back({f["profile"].get<std::string>(), f["start"].get<int>()});
      } else {
        return bad("Each fixed item is \"PROFILE@START\" or {\"profile\", \"start\"}, not " + f.dump() + ".");
      }
    }
  }
  auto driver = parseDriver(args.contains("driver") && args["driver"].is_string() ? args["driver"].get<std::string>() : "");
  if (!driver) return driver.error();
  int device = 0;
  std::optional<int> explicitDevice;
  if (args.contains("device") && !args["device"].is_null()) {
    if (!args["device"].is_number_integer() || args["device"].get<long long>() < 0 || args["device"].get<long long>() > 999)
      return bad("'device' is a GPU index from 0 to 999.");
    device = args["device"].get<int>();
    explicitDevice = device;
  }
  auto layout = prepareExport(gpu, request, fixed, *driver);
  if (!layout) return layout.error();
  Json out = {{"format", format}, {"gpu", gpu.key}};
  MigPartedExportOptions o;
  o.config_name = args.contains("name") && args["name"].is_string() ? args["name"].get<std::string>() : "";
  o.device = explicitDevice;
  if (format == "nvidia-smi") out["text"] = exportNvidiaSmi(*layout, device);
  else if (format == "mig-parted") out["text"] = exportMigParted(*layout, o);
  else if (format == "mig-parted-configmap") out["text"] = exportMigPartedConfigMap(*layout, o);
  else if (format == "k8s") out["text"] = exportK8s(*layout);
  else out["layout"] = exportJson(*layout, device);
  return out;
}

}  // namespace migcalc
