#include "migcalc/io/plan_json.hpp"

#include <cmath>
#include <tuple>

#include "migcalc/base/text_util.hpp"
#include "migcalc/io/input_reader.hpp"
#include "migcalc/io/json_io.hpp"

namespace migcalc {

namespace {

constexpr Code kBadFile = Code::BAD_PLAN_FILE;

/// A GPU model's name: text of at most kMaxNameLength bytes. An empty one is UNKNOWN_GPU, as the resolver answers it.
Result<std::string> readModelName(const Json& v, const std::string& path) {
  return readText(v, path, kMaxNameLength, v.is_string() ? Code::UNKNOWN_GPU : kBadFile);
}

/// An optional name (a demand's model, a workload's name): absent, null or empty is "".
Result<std::string> readOptionalName(const Json& object, const std::string& key, const std::string& path) {
  const Json& v = member(object, key);
  if (!given(object, key) || (v.is_string() && v.get_ref<const std::string&>().empty())) return std::string();
  return readText(v, pathTo(path, key), kMaxNameLength, kBadFile);
}

/// Each item of the list `key` of `doc`, read by `readItem(item, its path, its index)`, appended to `out`.
template <class T, class ReadItem>
std::optional<Error> readItems(const Json& doc, const std::string& key, size_t maxItems, ReadItem readItem,
                               std::vector<T>& out) {
  auto list = readList(doc, key, key, kBadFile, maxItems);
  if (!list) return list.error();
  for (size_t i = 0; i < (*list)->size(); ++i) {
    auto item = readItem((**list)[i], itemPath(key, i), i);
    if (!item) return item.error();
    out.push_back(std::move(item.value()));
  }
  return std::nullopt;
}

/// demand[i]: {profile, count, model?}. An empty profile is UNKNOWN_PROFILE, as the planner answers it.
Result<ProfileDemand> readDemandItem(const Json& d, const std::string& path, size_t) {
  if (auto e = onlyKeys(d, path, {"profile", "count", "model"}, kBadFile)) return *e;
  const Json& name = member(d, "profile");
  auto profile = readText(name, path + ".profile", kMaxNameLength, name.is_string() ? Code::UNKNOWN_PROFILE : kBadFile);
  if (!profile) return profile.error();
  auto count = readWhole(member(d, "count"), path + ".count", 0, kMaxPlanCount, Code::BAD_COUNT);
  if (!count) return count.error();
  auto model = readOptionalName(d, "model", path);
  if (!model) return model.error();
  return ProfileDemand{*profile, *count, *model};
}

/// A workload's optional minimums (min_compute_slices up to 1000, min_sms up to 100000) and its media flag. A minimum
/// of the wrong type is BAD_COUNT, one out of range BAD_PLAN_FILE, as the plan reader has always answered.
std::optional<Error> readWorkloadNeeds(const Json& w, const std::string& path, WorkloadDemand& wd) {
  for (auto [key, max, field] : {std::make_tuple("min_compute_slices", 1000, &wd.min_compute_slices),
                                 std::make_tuple("min_sms", 100000, &wd.min_sms)}) {
    if (!given(w, key)) continue;
    const Json& v = w[key];
    auto n = readWhole(v, pathTo(path, key), 0, max, v.is_number_integer() ? kBadFile : Code::BAD_COUNT);
    if (!n) return n.error();
    *field = static_cast<int>(*n);
  }
  if (given(w, "media")) {
    auto media = readFlag(w["media"], path + ".media", kBadFile);
    if (!media) return media.error();
    wd.media = *media;
  }
  return std::nullopt;
}

/// workloads[i]: {name?, memory_gib, count, min_compute_slices?, min_sms?, media?}; a workload without a name is
/// "workload <i+1>". memory_gib of the wrong type is BAD_PLAN_FILE, out of range BAD_DEMAND.
Result<WorkloadDemand> readWorkload(const Json& w, const std::string& path, size_t i) {
  if (auto e = onlyKeys(w, path, {"name", "memory_gib", "count", "min_compute_slices", "min_sms", "media"}, kBadFile))
    return *e;
  WorkloadDemand wd;
  auto name = readOptionalName(w, "name", path);
  if (!name) return name.error();
  wd.name = name->empty() ? "workload " + std::to_string(i + 1) : *name;
  const Json& memory = member(w, "memory_gib");
  auto gib = readNumber(memory, path + ".memory_gib", 0, 1e6, memory.is_number() ? Code::BAD_DEMAND : kBadFile);
  if (!gib) return gib.error();
  wd.memory_gib = *gib;
  auto count = readWhole(member(w, "count"), path + ".count", 0, kMaxPlanCount, Code::BAD_COUNT);
  if (!count) return count.error();
  wd.count = *count;
  if (auto e = readWorkloadNeeds(w, path, wd)) return *e;
  return wd;
}

/// gpus[i]: a model name alone, or {model, available?, cost?} (null means not given).
Result<InventoryItem> readInventoryItem(const Json& g, const std::string& path, size_t) {
  if (g.is_string()) {
    auto model = readModelName(g, path);
    if (!model) return model.error();
    return InventoryItem{*model, std::nullopt, std::nullopt};
  }
  if (auto e = onlyKeys(g, path, {"model", "available", "cost"}, kBadFile)) return *e;
  InventoryItem item;
  auto model = readModelName(member(g, "model"), path + ".model");
  if (!model) return model.error();
  item.model = *model;
  if (given(g, "available")) {
    auto available = readWhole(g["available"], path + ".available", 0, kMaxPlanCount, Code::BAD_COUNT);
    if (!available) return available.error();
    item.available = *available;
  }
  if (given(g, "cost")) {
    auto cost = readPositive(g["cost"], path + ".cost", 1e9, Code::BAD_COUNT);
    if (!cost) return cost.error();
    item.cost = *cost;
  }
  return item;
}

/// existing[i]: {model, count? (1 when missing), instances?}; each instance is read as a request's fixed instance.
Result<ExistingGpus> readExistingEntry(const Json& e, const std::string& path, size_t) {
  if (auto err = onlyKeys(e, path, {"model", "count", "instances"}, kBadFile)) return *err;
  ExistingGpus ex;
  auto model = readModelName(member(e, "model"), path + ".model");
  if (!model) return model.error();
  ex.model = *model;
  if (given(e, "count")) {
    auto count = readWhole(e["count"], path + ".count", 1, kMaxExistingCount, Code::BAD_COUNT);
    if (!count) return count.error();
    ex.count = *count;
  }
  auto instances = readList(e, "instances", path + ".instances", kBadFile);
  if (!instances) return instances.error();
  for (size_t k = 0; k < (*instances)->size(); ++k) {
    auto fixed = readFixedItem((**instances)[k], itemPath(path + ".instances", k));
    if (!fixed) return fixed.error();
    ex.instances.push_back(*fixed);
  }
  return ex;
}

/// The file-wide settings: time_limit_s (over 0, at most 3600), driver (as a request's), compare (true or false).
std::optional<Error> readSettings(const Json& doc, PlanInput& in) {
  if (given(doc, "time_limit_s")) {
    auto limit = readPositive(doc["time_limit_s"], "time_limit_s", 3600, kBadFile);
    if (!limit) return limit.error();
    in.time_limit_s = *limit;
  }
  if (given(doc, "driver")) {
    auto driver = readDriver(doc["driver"], "driver");
    if (!driver) return driver.error();
    in.driver = *driver;
  }
  if (given(doc, "compare")) {
    auto compare = readFlag(doc["compare"], "compare", kBadFile);
    if (!compare) return compare.error();
  }
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
  if (auto e = onlyKeys(doc, "The plan file",
                        {"demand", "workloads", "gpus", "existing", "time_limit_s", "driver", "compare"}, kBadFile))
    return *e;
  PlanInput in;
  if (auto e = readItems(doc, "demand", kMaxPlanItems, readDemandItem, in.demand)) return *e;
  if (auto e = readItems(doc, "workloads", kMaxPlanItems, readWorkload, in.workloads)) return *e;
  if (auto e = readItems(doc, "gpus", kMaxPlanItems, readInventoryItem, in.gpus)) return *e;
  if (auto e = readItems(doc, "existing", kMaxPlanItems, readExistingEntry, in.existing)) return *e;
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
