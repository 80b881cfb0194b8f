// The JSON facade over the exporters.
#include "migcalc/api/export_request.hpp"

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/export/export_dra.hpp"
#include "migcalc/export/export_fleet.hpp"
#include "migcalc/export/export_json.hpp"
#include "migcalc/export/export_k8s.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/export/export_nvidia_smi.hpp"
#include "migcalc/io/input_reader.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

namespace {

Error bad(const std::string& what) { return Error{Code::BAD_EXPORT_REQUEST, what}; }

constexpr int kMaxGpusPerNode = 1000;

}  // namespace

Result<FleetLayout> fleetFromPlanText(const std::string& text) {
  auto doc = parseJson(text, Code::BAD_PLAN_FILE);
  if (!doc) return doc.error();
  const Json& j = doc->contains("plan") && (*doc)["plan"].is_object() ? (*doc)["plan"] : *doc;
  if (!j.is_object())
    return Error{Code::BAD_PLAN_FILE,
                 "A plan file is a JSON object: a plan input (demand, gpus) or `migcalc plan --json` output."};
  if (!j.contains("groups")) {
    auto input = parsePlanInput(j);
    if (!input) return input.error();
    auto plan = planFleet(*input);
    if (!plan) return plan.error();
    if (!plan->unmet.empty())
      return Error{Code::NOT_FEASIBLE, "The plan leaves demand unmet (" + plan->unmet.front().demand + ": " +
                                           plan->unmet.front().reason + "); nothing to export."};
    return fleetFromPlan(*plan);
  }
  if (!j["groups"].is_array())
    return Error{Code::BAD_PLAN_FILE, "'groups' must be a list of {model, count, instances}."};
  std::vector<PlannedGroup> raw;
  for (size_t i = 0; i < j["groups"].size(); ++i) {
    const Json& g = j["groups"][i];
    std::string where = "groups[" + std::to_string(i) + "]";
    if (!g.is_object() || !g.contains("model") || !g["model"].is_string() || !g.contains("instances") ||
        !g["instances"].is_array())
      return Error{Code::BAD_PLAN_FILE, where + " needs 'model' (text) and 'instances' (a list)."};
    PlannedGroup r;
    r.count = 1;
    auto model = readText(g["model"], where + ".model", kMaxNameLength, Code::BAD_PLAN_FILE);
    if (!model) return model.error();
    r.model = *model;
    if (given(g, "count")) {
      auto count = readWhole(g["count"], where + ".count", 1, kMaxGpusPerLayout, Code::BAD_PLAN_FILE);
      if (!count) return count.error();
      r.count = *count;
    }
    if (given(g, "existing")) {
      auto existing = readFlag(g["existing"], where + ".existing", Code::BAD_PLAN_FILE);
      if (!existing) return existing.error();
      r.existing = *existing;
    }
    if (g["instances"].size() > kMaxListItems)
      return Error{Code::TOO_LARGE, where + ".instances has " + std::to_string(g["instances"].size()) +
                                        " items; the limit is " + std::to_string(kMaxListItems) + "."};
    for (size_t k = 0; k < g["instances"].size(); ++k) {
      const Json& inst = g["instances"][k];
      std::string at = where + ".instances[" + std::to_string(k) + "]";
      if (!inst.is_object() || !inst.contains("profile") || !inst.contains("start"))
        return Error{Code::BAD_PLAN_FILE, at + " needs 'profile' and 'start'."};
      Instance x;
      auto profile = readText(inst["profile"], at + ".profile", kMaxProfileNameLength, Code::BAD_PLAN_FILE);
      if (!profile) return profile.error();
      x.profile = *profile;
      auto startAt = readWhole(inst["start"], at + ".start", 0, kMaxStart, Code::BAD_PLAN_FILE);
      if (!startAt) return startAt.error();
      x.start = static_cast<int>(*startAt);
      for (auto [key, field] : {std::pair<const char*, int*>{"size", &x.size}, {"compute_slices", &x.compute_slices}}) {
        if (!given(inst, key)) continue;
        auto n = readWhole(inst[key], at + "." + key, 0, 64, Code::BAD_PLAN_FILE);
        if (!n) return n.error();
        *field = static_cast<int>(*n);
      }
      if (given(inst, "fixed")) {
        auto f = readFlag(inst["fixed"], at + ".fixed", Code::BAD_PLAN_FILE);
        if (!f) return f.error();
        x.fixed = *f;
      }
      auto cis = readList(inst, "compute_instances", at + ".compute_instances", Code::BAD_PLAN_FILE);
      if (!cis) return cis.error();
      for (size_t c = 0; c < (*cis)->size(); ++c) {  // as `plan --json` writes them: {profile, compute_slices}
        const Json& ci = (**cis)[c];
        std::string ciAt = at + ".compute_instances[" + std::to_string(c) + "]";
        if (!ci.is_object() || !ci.contains("profile"))
          return Error{Code::BAD_PLAN_FILE,
                       ciAt + " needs 'profile' (a compute-instance profile such as 1c." + x.profile + ")."};
        auto name = readText(ci["profile"], ciAt + ".profile", kMaxProfileNameLength, Code::BAD_PLAN_FILE);
        if (!name) return name.error();
        auto split = splitCiProfile(*name);
        if (!split || split->c < 1 || split->gi != x.profile)
          return Error{Code::BAD_PLAN_FILE,
                       ciAt + ".profile is " + quote(*name, 70) +
                           "; it must be a compute-instance profile of its GPU instance, such as 1c." + x.profile +
                           "."};
        x.compute_instances.push_back({*name, split->c});
      }
      r.instances.push_back(x);
    }
    raw.push_back(std::move(r));
  }
  return fleetFromGroups(raw);
}

Result<Json> exportFleetFromJson(const std::string& planText, const std::string& format, int gpus_per_node) {
  if (format != "nvidia-smi" && format != "mig-parted" && format != "k8s" && format != "dra" && format != "json")
    return bad("A fleet plan exports as nvidia-smi, mig-parted, k8s, dra or json" +
               (format.empty() ? std::string(".") : ", not '" + format + "'."));
  if (gpus_per_node < 1 || gpus_per_node > kMaxGpusPerNode)
    return bad("GPUs per node is a whole number from 1 to " + std::to_string(kMaxGpusPerNode) + ", not " +
               std::to_string(gpus_per_node) + ".");
  auto fleet = fleetFromPlanText(planText);
  if (!fleet) return fleet.error();
  Json out = {{"format", format}, {"fleet", true}};
  if (format == "nvidia-smi")
    out["text"] = exportFleetNvidiaSmi(*fleet);
  else if (format == "mig-parted")
    out["text"] = exportFleetMigParted(*fleet);
  else if (format == "k8s")
    out["text"] = exportFleetK8s(*fleet, gpus_per_node);
  else if (format == "dra") {
    auto dra = draForFleet(*fleet);
    if (!dra) return dra.error();
    out["text"] = draYaml(*dra, "The MIG devices of this fleet plan as DRA ResourceSlices, one pool per group.");
    out["resource_slices"] = draList(*dra);
    out["notes"] = dra->notes;
  } else
    out["layout"] = exportFleetJson(*fleet, gpus_per_node);
  return out;
}

Result<Json> exportFromJson(const Json& args) {
  if (!args.is_object()) return bad("The export request must be a JSON object with format, gpu and request.");
  std::string format = args.contains("format") && args["format"].is_string() ? args["format"].get<std::string>() : "";
  if (args.contains("plan")) {
    if (!args["plan"].is_object())
      return bad("'plan' must be a plan input object or the answer of `migcalc plan --json`.");
    int perNode = 1;
    if (args.contains("gpus_per_node") && !args["gpus_per_node"].is_null()) {
      auto n = readWhole(args["gpus_per_node"], "gpus_per_node", 1, kMaxGpusPerNode, Code::BAD_EXPORT_REQUEST);
      if (!n) return n.error();
      perNode = static_cast<int>(*n);
    }
    return exportFleetFromJson(jsonText(args["plan"]), format, perNode);
  }
  if (format != "nvidia-smi" && format != "mig-parted" && format != "mig-parted-configmap" && format != "k8s" &&
      format != "dra" && format != "json")
    return bad("'format' must be nvidia-smi, mig-parted, mig-parted-configmap, k8s, dra or json" +
               (format.empty() ? std::string(".") : ", not '" + format + "'."));
  if (format == "dra" && (!given(args, "request") || (args["request"].is_array() && args["request"].empty())) &&
      (!given(args, "fixed") || (args["fixed"].is_array() && args["fixed"].empty()))) {
    // No layout: every placement of the model, as the DRA driver publishes an idle GPU.
    auto read = readGpuRequest(args, "The export request");
    if (!read) return read.error();
    auto dra = draForModel(read->gpu(), read->request.driver);
    if (!dra) return dra.error();
    return Json{{"format", format},
                {"gpu", read->gpu().key},
                {"text", draYaml(*dra, "Every MIG placement of " + read->gpu().key + " as DRA devices.")},
                {"resource_slices", draList(*dra)},
                {"notes", dra->notes}};
  }
  if (!given(args, "request") || !args["request"].is_array() || args["request"].empty())
    return bad(
        "'request' must be a non-empty list such as [\"3g.40gb:2\"] or [{\"profile\": \"3g.40gb\", \"count\": 2}].");
  auto read = readGpuRequest(args, "The export request");
  if (!read) return read.error();
  const GpuModel& gpu = read->gpu();
  int device = 0;
  std::optional<int> explicitDevice;
  if (given(args, "device")) {
    auto d = readWhole(args["device"], "device", 0, 999, Code::BAD_EXPORT_REQUEST);
    if (!d) return d.error();
    device = static_cast<int>(*d);
    explicitDevice = device;
  }
  MigPartedExportOptions o;
  if (given(args, "name")) {
    auto name = readText(args["name"], "name", 63, Code::BAD_EXPORT_REQUEST);
    if (!name) return name.error();
    if (auto e = configNameError(*name)) return *e;
    o.config_name = *name;
  }
  o.device = explicitDevice;
  auto layout = prepareExport(gpu, read->request.request, read->request.fixed, read->request.driver);
  if (!layout) return layout.error();
  Json out = {{"format", format}, {"gpu", gpu.key}};
  if (format == "nvidia-smi")
    out["text"] = exportNvidiaSmi(*layout, device);
  else if (format == "mig-parted")
    out["text"] = exportMigParted(*layout, o);
  else if (format == "mig-parted-configmap")
    out["text"] = exportMigPartedConfigMap(*layout, o);
  else if (format == "k8s")
    out["text"] = exportK8s(*layout);
  else if (format == "dra") {
    auto dra = draForLayout(*layout);
    if (!dra) return dra.error();
    out["text"] = draYaml(*dra, "The MIG devices of this " + gpu.key + " layout as DRA devices.");
    out["resource_slices"] = draList(*dra);
    out["notes"] = dra->notes;
  } else
    out["layout"] = exportJson(*layout, device);
  return out;
}

}  // namespace migcalc
