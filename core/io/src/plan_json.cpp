#include "migcalc/io/plan_json.hpp"

#include <cmath>
#include <set>

#include "migcalc/io/input_reader.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

namespace {

Error bad(const std::string& where, const std::string& what) { return Error{Code::BAD_PLAN_FILE, where + ": " + what}; }

std::optional<Error> onlyKeys(const Json& obj, const std::string& where, const std::set<std::string>& allowed) {
  if (!obj.is_object()) return bad(where, "must be an object.");
  for (const auto& [k, v] : obj.items()) {
    if (allowed.count(k)) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return bad(where, "unknown field '" + k + "' (valid: " + list + ").");
  }
  return std::nullopt;
}

Result<std::string> text(const Json& obj, const std::string& key, const std::string& where, bool required) {
  if (!obj.contains(key)) {
    if (required) return bad(where, "'" + key + "' is missing.");
    return std::string();
  }
  if (!obj[key].is_string()) return bad(where, "'" + key + "' must be a string, not " + shown(obj[key]) + ".");
  return obj[key].get<std::string>();
}

Result<long long> whole(const Json& obj, const std::string& key, const std::string& where, long long fallback,
                        bool required) {
  if (!obj.contains(key)) {
    if (required) return Error{Code::BAD_COUNT, where + ": '" + key + "' is missing."};
    return fallback;
  }
  const Json& v = obj[key];
  if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<unsigned long long>() > 1000000000000000ULL))
    return v.get<long long>();  // a whole JSON number; 2.0 and "2" are refused, as every reader does
  return Error{Code::BAD_COUNT, where + ": '" + key + "' must be a whole number, not " + shown(v) + "."};
}

Result<double> number(const Json& obj, const std::string& key, const std::string& where) {
  const Json& v = obj[key];
  if (!v.is_number()) return bad(where, "'" + key + "' must be a number, not " + shown(v) + ".");
  return v.get<double>();
}

Result<std::vector<Json>> list(const Json& doc, const std::string& key) {
  if (!doc.contains(key) || doc[key].is_null()) return std::vector<Json>{};
  if (!doc[key].is_array()) return bad(key, "must be an array.");
  return doc[key].get<std::vector<Json>>();
}

/// demand[i]: {profile, count, model?}.
Result<ProfileDemand> readDemandItem(const Json& d, size_t i) {
  std::string where = "demand[" + std::to_string(i) + "]";
  if (auto e = onlyKeys(d, where, {"profile", "count", "model"})) return *e;
  auto profile = text(d, "profile", where, true);
  if (!profile) return profile.error();
  where += " (" + *profile + ")";
  auto count = whole(d, "count", where, 1, true);
  if (!count) return count.error();
  auto model = text(d, "model", where, false);
  if (!model) return model.error();
  return ProfileDemand{*profile, *count, *model};
}

/// "demand": profile counts, in file order.
std::optional<Error> readDemand(const Json& doc, PlanInput& in) {
  auto demand = list(doc, "demand");
  if (!demand) return demand.error();
  for (size_t i = 0; i < demand->size(); ++i) {
    auto item = readDemandItem((*demand)[i], i);
    if (!item) return item.error();
    in.demand.push_back(*item);
  }
  return std::nullopt;
}

/// A workload's optional minimums (min_compute_slices up to 1000, min_sms up to 100000) and its media flag.
std::optional<Error> readWorkloadNeeds(const Json& w, const std::string& where, WorkloadDemand& wd) {
  if (w.contains("min_compute_slices")) {
    auto v = whole(w, "min_compute_slices", where, 0, true);
    if (!v) return v.error();
    if (*v < 0 || *v > 1000) return bad(where, "'min_compute_slices' must be from 0 to 1000.");
    wd.min_compute_slices = static_cast<int>(*v);
  }
  if (w.contains("min_sms")) {
    auto v = whole(w, "min_sms", where, 0, true);
    if (!v) return v.error();
    if (*v < 0 || *v > 100000) return bad(where, "'min_sms' must be from 0 to 100000.");
    wd.min_sms = static_cast<int>(*v);
  }
  if (w.contains("media")) {
    if (!w["media"].is_boolean()) return bad(where, "'media' must be true or false.");
    wd.media = w["media"].get<bool>();
  }
  return std::nullopt;
}

/// workloads[i]: {name?, memory_gib, count, min_compute_slices?, min_sms?, media?}; a workload without a name is
/// "workload <i+1>".
Result<WorkloadDemand> readWorkload(const Json& w, size_t i) {
  std::string where = "workloads[" + std::to_string(i) + "]";
  if (auto e = onlyKeys(w, where, {"name", "memory_gib", "count", "min_compute_slices", "min_sms", "media"})) return *e;
  WorkloadDemand wd;
  auto name = text(w, "name", where, false);
  if (!name) return name.error();
  wd.name = name->empty() ? "workload " + std::to_string(i + 1) : *name;
  where += " (" + wd.name + ")";
  if (!w.contains("memory_gib")) return bad(where, "'memory_gib' is missing.");
  auto mem = number(w, "memory_gib", where);
  if (!mem) return mem.error();
  wd.memory_gib = *mem;
  auto count = whole(w, "count", where, 1, true);
  if (!count) return count.error();
  wd.count = *count;
  if (auto e = readWorkloadNeeds(w, where, wd)) return *e;
  return wd;
}

/// "workloads": needs that any qualifying profile may host, in file order.
std::optional<Error> readWorkloads(const Json& doc, PlanInput& in) {
  auto workloads = list(doc, "workloads");
  if (!workloads) return workloads.error();
  for (size_t i = 0; i < workloads->size(); ++i) {
    auto wd = readWorkload((*workloads)[i], i);
    if (!wd) return wd.error();
    in.workloads.push_back(*wd);
  }
  return std::nullopt;
}

/// gpus[i]: a model name alone, or {model, available?, cost?} (null means not given; a bad cost is BAD_COUNT).
Result<InventoryItem> readInventoryItem(const Json& g, size_t i) {
  std::string where = "gpus[" + std::to_string(i) + "]";
  if (g.is_string()) return InventoryItem{g.get<std::string>(), std::nullopt, std::nullopt};
  if (auto e = onlyKeys(g, where, {"model", "available", "cost"})) return *e;
  InventoryItem item;
  auto model = text(g, "model", where, true);
  if (!model) return model.error();
  item.model = *model;
  where += " (" + *model + ")";
  if (g.contains("available") && !g["available"].is_null()) {
    auto v = whole(g, "available", where, 0, true);
    if (!v) return v.error();
    item.available = *v;
  }
  if (g.contains("cost") && !g["cost"].is_null()) {
    auto v = number(g, "cost", where);
    if (!v) return Error{Code::BAD_COUNT, v.error().message};
    item.cost = *v;
  }
  return item;
}

/// "gpus": the inventory, in file order.
std::optional<Error> readInventory(const Json& doc, PlanInput& in) {
  auto gpus = list(doc, "gpus");
  if (!gpus) return gpus.error();
  for (size_t i = 0; i < gpus->size(); ++i) {
    auto item = readInventoryItem((*gpus)[i], i);
    if (!item) return item.error();
    in.gpus.push_back(*item);
  }
  return std::nullopt;
}

/// An existing GPU's fixed instance: "PROFILE@START", or {profile, start} with a start from 0 to 64.
Result<FixedInstance> readFixedInstance(const Json& f, const std::string& where) {
  if (f.is_string()) {
    auto fx = parseFixed(f.get<std::string>());
    if (!fx) return bad(where, fx.error().message);
    return *fx;
  }
  if (auto err = onlyKeys(f, where, {"profile", "start"})) return *err;
  auto profile = text(f, "profile", where, true);
  if (!profile) return profile.error();
  auto start = whole(f, "start", where, 0, true);
  if (!start) return start.error();
  if (*start < 0 || *start > 64) return bad(where, "'start' must be a placement unit from 0 to 64.");
  return FixedInstance{*profile, static_cast<int>(*start)};
}

/// existing[i]: {model, count? (1 when missing), instances?}.
Result<ExistingGpus> readExistingEntry(const Json& e, size_t i) {
  std::string where = "existing[" + std::to_string(i) + "]";
  if (auto err = onlyKeys(e, where, {"model", "count", "instances"})) return *err;
  ExistingGpus ex;
  auto model = text(e, "model", where, true);
  if (!model) return model.error();
  ex.model = *model;
  auto count = whole(e, "count", where, 1, false);
  if (!count) return count.error();
  ex.count = *count;
  auto inst = list(e, "instances");
  if (!inst) return bad(where, "'instances' must be an array of {profile, start}.");
  for (size_t k = 0; k < inst->size(); ++k) {
    auto fx = readFixedInstance((*inst)[k], where + ".instances[" + std::to_string(k) + "]");
    if (!fx) return fx.error();
    ex.instances.push_back(*fx);
  }
  return ex;
}

/// "existing": GPUs already running, with the instances they keep, in file order.
std::optional<Error> readExisting(const Json& doc, PlanInput& in) {
  auto existing = list(doc, "existing");
  if (!existing) return existing.error();
  for (size_t i = 0; i < existing->size(); ++i) {
    auto ex = readExistingEntry((*existing)[i], i);
    if (!ex) return ex.error();
    in.existing.push_back(*ex);
  }
  return std::nullopt;
}

/// The file-wide settings: time_limit_s (over 0, at most 3600), driver (a string such as "R535"), compare (a boolean).
std::optional<Error> readSettings(const Json& doc, PlanInput& in) {
  if (doc.contains("time_limit_s")) {
    auto v = number(doc, "time_limit_s", "plan file");
    if (!v) return v.error();
    if (!(*v > 0 && *v <= 3600)) return bad("plan file", "'time_limit_s' must be from 0 to 3600 seconds.");
    in.time_limit_s = *v;
  }
  if (doc.contains("driver")) {
    if (!doc["driver"].is_string()) return bad("plan file", "'driver' must be a string such as \"R535\".");
    auto d = parseDriver(doc["driver"].get<std::string>());
    if (!d) return d.error();
    in.driver = *d;
  }
  if (doc.contains("compare") && !doc["compare"].is_boolean())
    return bad("plan file", "'compare' must be true or false.");
  return std::nullopt;
}

Json measure(const Measure& m) {
  Json j = {{"used", nullptr}, {"total", nullptr}, {"percent", nullptr}};
  if (m.used) j["used"] = *m.used;
  if (m.total) j["total"] = *m.total;
  if (m.used && m.total && *m.total > 0) j["percent"] = std::round(*m.used * 1000.0 / *m.total) / 10.0;
  return j;
}

}  // namespace

bool planFileWantsCompare(const Json& doc) {
  return doc.is_object() && doc.contains("compare") && doc["compare"] == true;
}

Result<PlanInput> parsePlanInput(const Json& doc) {
  if (auto e =
          onlyKeys(doc, "plan file", {"demand", "workloads", "gpus", "existing", "time_limit_s", "driver", "compare"}))
    return *e;
  PlanInput in;
  if (auto e = readDemand(doc, in)) return *e;
  if (auto e = readWorkloads(doc, in)) return *e;
  if (auto e = readInventory(doc, in)) return *e;
  if (auto e = readExisting(doc, in)) return *e;
  if (auto e = readSettings(doc, in)) return *e;
  return in;
}

Result<PlanInput> parsePlanInputText(const std::string& text) {
  auto doc = parseJson(text, Code::BAD_PLAN_FILE);
  if (!doc) return doc.error();
  return parsePlanInput(*doc);
}

Json planJson(const PlanResult& p) {
  Json models = Json::array();
  for (const auto& m : p.models)
    models.push_back(
        {{"model", m.model}, {"new_gpus", m.new_gpus}, {"existing_gpus", m.existing_gpus}, {"cost", m.cost}});
  Json groups = Json::array();
  for (const auto& g : p.groups) {
    Json inst = Json::array();
    for (const auto& i : g.instances) inst.push_back(instanceJson(i));
    groups.push_back({{"model", g.model}, {"count", g.count}, {"existing", g.existing}, {"instances", inst}});
  }
  Json assignments = Json::array();
  for (const auto& a : p.assignments)
    assignments.push_back({{"demand", a.demand}, {"model", a.model}, {"profile", a.profile}, {"count", a.count}});
  Json unmet = Json::array();
  for (const auto& u : p.unmet)
    unmet.push_back({{"demand", u.demand}, {"count", u.count}, {"code", codeName(u.code)}, {"reason", u.reason}});
  return {{"objective", p.costs_given ? "cost" : "gpus"},
          {"total_gpus", p.totals.gpus},
          {"cost", p.totals.cost},
          {"lower_bound", p.lower_bound},
          {"gap", p.gap},
          {"optimal", p.optimal},
          {"time_limit_hit", p.time_limit_hit},
          {"solve_ms", std::round(p.solve_ms * 1000.0) / 1000.0},
          {"models", models},
          {"groups", groups},
          {"assignments", assignments},
          {"totals",
           {{"gpus", p.totals.gpus},
            {"cost", p.totals.cost},
            {"utilization",
             {{"compute_slices", measure(p.totals.compute_slices)},
              {"memory_mib", measure(p.totals.memory_mib)},
              {"sms", measure(p.totals.sms)}}},
            {"stranded", {{"compute_slices", p.totals.stranded_compute_slices}, {"units", p.totals.stranded_units}}}}},
          {"unmet", unmet},
          {"notes", p.notes},
          {"search", {{"patterns", p.patterns}, {"lp_solves", p.nodes}}}};
}

Json compareJson(const std::vector<CompareRow>& rows) {
  Json out = Json::array();
  for (const auto& r : rows) {
    if (!r.plan) {
      out.push_back({{"model", r.model}, {"error", errorJson(r.plan.error())["error"]}});
      continue;
    }
    const PlanResult& p = *r.plan;
    long long unmet = 0;
    for (const auto& u : p.unmet) unmet += u.count;
    out.push_back(
        {{"model", r.model},
         {"total_gpus", p.totals.gpus},
         {"cost", p.totals.cost},
         {"lower_bound", p.lower_bound},
         {"optimal", p.optimal},
         {"utilization",
          {{"compute_slices", measure(p.totals.compute_slices)},
           {"memory_mib", measure(p.totals.memory_mib)},
           {"sms", measure(p.totals.sms)}}},
         {"stranded", {{"compute_slices", p.totals.stranded_compute_slices}, {"units", p.totals.stranded_units}}},
         {"unmet_instances", unmet},
         {"solve_ms", std::round(p.solve_ms * 1000.0) / 1000.0}});
  }
  return out;
}

}  // namespace migcalc
