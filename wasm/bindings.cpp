// The browser's door into the core: data in, plain JS objects out. No C++ handle reaches the page.
// Every function answers with the same JSON shape as `migcalc <command> --json`; a bad input answers
// {error: {code, message}} instead of throwing.
//
//   gpus()                                   -> {catalog_version, gpus: [...]}
//   profiles(gpu)                            -> the model's summary and profiles
//   check({gpu, request, fixed, driver})     -> the verdict; request [{profile, count}] or ["3g.40gb:2"],
//                                               fixed [{profile, start}] or ["1g.10gb@0"], driver "R525"/"newest"
//   layouts(gpu, {base, profiles, driver})   -> every maximal layout
//   seed(input)                              -> the exercise's custom-capacity answer
//   catalogVersion()                         -> "2026-11-25"
//   exportLayout({gpu, request, fixed, driver, format, device})
//                                            -> {format, gpu, text} (nvidia-smi | mig-parted | k8s) or
//                                               {format: "json", gpu, layout}: what `migcalc export` prints
//   validateConfig(yamlText, {gpu})          -> `migcalc validate --json` of a mig-parted config or ConfigMap
//   importGpu(smiText, {index})              -> the GPU of pasted `nvidia-smi mig -lgip`/`-lgipp` output:
//                                               {gpu_index, catalog_match, exact_match, differences, model, ...}
//   importState(smiText)                     -> the instances of pasted `nvidia-smi mig -lgi` output
//   plan(input)                              -> `migcalc plan --json` of a plan file (object or its JSON text):
//                                               {plan: {...}} plus {compare: [...]} when input.compare is true
//   exportPlan(plan, {format, gpus_per_node})
//                                            -> what `migcalc export --plan F --format X --gpus-per-node N` prints:
//                                               {format, fleet: true, text} (nvidia-smi | mig-parted | k8s) or
//                                               {format: "json", fleet: true, layout}. plan is plan()'s answer
//                                               (or its .plan, or `migcalc plan --json`) or a plan input (solved
//                                               first; unmet demand is then an error), as an object or JSON text;
//                                               an answer exports what it placed, unmet demand or not.
//                                               gpus_per_node (1-1000, default 1) groups GPUs into nodes (k8s, json)
//
// Built twice (wasm/CMakeLists.txt): the full module has every function; the core module (MIGCALC_CORE_ONLY,
// what the page needs for its first verdict) has only gpus, catalogVersion, profiles and check.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "migcalc/model/catalog.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/api/export_request.hpp"
#include "migcalc/engine/layouts.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/api/plan_request.hpp"
#include "migcalc/engine/seed.hpp"
#include "migcalc/interop/smi_import.hpp"

using emscripten::val;
using migcalc::Error;
using migcalc::Json;

namespace {

/// Json -> plain JS value, recursively.
val toJs(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return val::null();
    case Json::value_t::boolean: return val(j.get<bool>());
    case Json::value_t::number_integer: return val(static_cast<double>(j.get<long long>()));
    case Json::value_t::number_unsigned: return val(static_cast<double>(j.get<unsigned long long>()));
    case Json::value_t::number_float: return val(j.get<double>());
    case Json::value_t::string: return val(j.get<std::string>());
    case Json::value_t::array: {
      val a = val::array();
      unsigned i = 0;
      for (const auto& e : j) a.set(i++, toJs(e));
      return a;
    }
    case Json::value_t::object: {
      val o = val::object();
      for (auto it = j.begin(); it != j.end(); ++it) o.set(it.key(), toJs(it.value()));
      return o;
    }
    default: return val::undefined();
  }
}

val fail(migcalc::Code code, const std::string& message) { return toJs(migcalc::errorJson(Error{code, message})); }
val fail(const Error& e) { return toJs(migcalc::errorJson(e)); }

/// Plain JS value -> Json (through JSON.stringify, so only data crosses). Undefined becomes null.
Json fromJs(const val& v) {
  if (v.isUndefined() || v.isNull()) return nullptr;
  std::string text = val::global("JSON").call<std::string>("stringify", v);
  auto parsed = migcalc::parseJson(text, migcalc::Code::BAD_INPUT);
  return parsed ? *parsed : Json(nullptr);
}

bool isString(const val& v) { return v.typeOf().as<std::string>() == "string"; }

migcalc::Result<const migcalc::GpuModel*> gpuOf(const val& gpu) {
  if (!isString(gpu)) return Error{migcalc::Code::BAD_INPUT, "Name a GPU as a string, e.g. \"H100-SXM5-80GB\" (gpus() lists them)."};
  return migcalc::findGpu(gpu.as<std::string>());
}

migcalc::Result<int> driverOf(const Json& d) {
  if (d.is_null()) return migcalc::kNewestDriver;
  if (d.is_number_integer()) return migcalc::parseDriver(std::to_string(d.get<long long>()));
  if (d.is_string()) return migcalc::parseDriver(d.get<std::string>());
  return Error{migcalc::Code::BAD_DRIVER, "driver must be a string such as \"R525\" or \"newest\", not " + d.dump() + "."};
}

migcalc::Result<migcalc::ProfileCount> requestItem(const Json& item) {
  if (item.is_string()) return migcalc::parseProfileCount(item.get<std::string>());
  if (!item.is_object() || !item.contains("profile") || !item["profile"].is_string())
    return Error{migcalc::Code::BAD_REQUEST, "Each request item is {profile: \"3g.40gb\", count: 2} or \"3g.40gb:2\", not " + item.dump() + "."};
  migcalc::ProfileCount pc{item["profile"].get<std::string>(), 1};
  if (item.contains("count")) {
    const Json& c = item["count"];
    double n = c.is_number() ? c.get<double>() : -1.0;
    if (!c.is_number() || n != std::floor(n) || n < 1 || n > static_cast<double>(migcalc::kMaxCount))
      return Error{migcalc::Code::BAD_COUNT, "The count of " + pc.profile + " is " + c.dump() + "; a count is a whole number from 1 to " +
                                    std::to_string(migcalc::kMaxCount) + "."};
    pc.count = static_cast<long long>(n);
  }
  return pc;
}

migcalc::Result<migcalc::FixedInstance> fixedItem(const Json& item) {
  if (item.is_string()) return migcalc::parseFixed(item.get<std::string>());
  if (!item.is_object() || !item.contains("profile") || !item["profile"].is_string() || !item.contains("start") ||
      !item["start"].is_number_integer() || item["start"].get<long long>() < 0 || item["start"].get<long long>() > 9999)
    return Error{migcalc::Code::BAD_FIXED, "Each fixed instance is {profile: \"1g.10gb\", start: 0} or \"1g.10gb@0\", not " + item.dump() + "."};
  return migcalc::FixedInstance{item["profile"].get<std::string>(), static_cast<int>(item["start"].get<long long>())};
}

val gpus() { return toJs(migcalc::gpusJson()); }

std::string catalogVersion() { return migcalc::catalogVersion(); }

val profiles(val gpu) {
  auto g = gpuOf(gpu);
  if (!g) return fail(g.error());
  return toJs(migcalc::profilesJson(**g));
}

val check(val input) {
  Json in = fromJs(input);
  if (!in.is_object()) return fail(migcalc::Code::BAD_INPUT, "check() takes {gpu, request, fixed, driver}, e.g. {gpu: \"H100-SXM5-80GB\", request: [{profile: \"3g.40gb\", count: 1}]}.");
  if (!in.contains("gpu") || !in["gpu"].is_string())
    return fail(migcalc::Code::BAD_INPUT, "check() needs gpu, a model key such as \"H100-SXM5-80GB\" (gpus() lists them).");
  auto g = migcalc::findGpu(in["gpu"].get<std::string>());
  if (!g) return fail(g.error());
  migcalc::CheckRequest req;
  auto driver = driverOf(in.value("driver", Json(nullptr)));
  if (!driver) return fail(driver.error());
  req.driver = *driver;
  for (const char* key : {"request", "fixed"}) {
    if (in.contains(key) && !in[key].is_null() && !in[key].is_array())
      return fail(migcalc::Code::BAD_INPUT, std::string(key) + " must be a list, not " + in[key].dump() + ".");
  }
  for (const auto& item : in.value("request", Json::array())) {
    auto pc = requestItem(item);
    if (!pc) return fail(pc.error());
    req.request.push_back(*pc);
  }
  for (const auto& item : in.value("fixed", Json::array())) {
    auto f = fixedItem(item);
    if (!f) return fail(f.error());
    req.fixed.push_back(*f);
  }
  auto result = migcalc::check(**g, req);
  if (!result) return fail(result.error());
  return toJs(migcalc::checkJson(**g, req, *result));
}

// Embind checks the argument count; these overloads turn a call without arguments into an error value too.
val checkNothing() { return check(val::undefined()); }
val profilesOfNothing() { return profiles(val::undefined()); }

#ifndef MIGCALC_CORE_ONLY
val layouts(val gpu, val options) {
  auto g = gpuOf(gpu);
  if (!g) return fail(g.error());
  Json opts = fromJs(options);
  if (!opts.is_null() && !opts.is_object()) return fail(migcalc::Code::BAD_INPUT, "layouts() options are {base, profiles, driver}, not " + opts.dump() + ".");
  if (opts.is_null()) opts = Json::object();
  std::vector<std::string> names;
  if (opts.value("base", false)) names = migcalc::profileSet(**g, migcalc::ProfileSet::Base);
  if (opts.contains("profiles")) {
    if (!opts["profiles"].is_array()) return fail(migcalc::Code::BAD_INPUT, "profiles must be a list of profile names.");
    for (const auto& p : opts["profiles"]) {
      if (!p.is_string()) return fail(migcalc::Code::BAD_INPUT, "profiles must be a list of profile names, not " + p.dump() + ".");
      names.push_back(p.get<std::string>());
    }
  }
  auto driver = driverOf(opts.value("driver", Json(nullptr)));
  if (!driver) return fail(driver.error());
  auto list = migcalc::enumerateLayouts(**g, names, *driver);
  if (!list) return fail(list.error());
  if (names.empty()) names = migcalc::profileSet(**g, migcalc::ProfileSet::All);
  return toJs(migcalc::layoutsJson(**g, names, *list));
}

val layoutsOfGpu(val gpu) { return layouts(gpu, val::undefined()); }
val layoutsOfNothing() { return layouts(val::undefined(), val::undefined()); }

val seed(val input) {
  Json in = fromJs(input);
  auto out = migcalc::seedAllocation(in);
  if (!out) return fail(out.error());
  return toJs(*out);
}

val seedNothing() { return seed(val::undefined()); }

val exportLayout(val input) {
  Json in = fromJs(input);
  if (!in.is_object())
    return fail(migcalc::Code::BAD_INPUT, "exportLayout() takes {gpu, request, fixed, driver, format, device}, e.g. {gpu: \"H100-SXM5-80GB\", "
                             "request: [\"3g.40gb:2\"], format: \"nvidia-smi\"}.");
  if (in.contains("device") && in["device"].is_null()) in.erase("device");
  if (in.contains("driver") && in["driver"].is_null()) in.erase("driver");
  auto out = migcalc::exportFromJson(in);
  if (!out) return fail(out.error());
  return toJs(*out);
}

val exportNothing() { return exportLayout(val::undefined()); }

val validateConfig(val text, val options) {
  if (!isString(text)) return fail(migcalc::Code::BAD_INPUT, "validateConfig() takes the config's YAML text as a string.");
  Json opts = fromJs(options);
  if (!opts.is_null() && !opts.is_object()) return fail(migcalc::Code::BAD_INPUT, "validateConfig() options are {gpu}, not " + opts.dump() + ".");
  const migcalc::GpuModel* gpu = nullptr;
  if (opts.is_object() && opts.contains("gpu") && !opts["gpu"].is_null()) {
    if (!opts["gpu"].is_string()) return fail(migcalc::Code::BAD_INPUT, "gpu must be a model key such as \"A100-SXM4-40GB\", not " + opts["gpu"].dump() + ".");
    auto g = migcalc::findGpu(opts["gpu"].get<std::string>());
    if (!g) return fail(g.error());
    gpu = *g;
  }
  auto report = migcalc::validateMigParted(text.as<std::string>(), gpu);
  if (!report) return fail(report.error());
  return toJs(migcalc::validationJson(*report));
}

val validateConfigText(val text) { return validateConfig(text, val::undefined()); }
val validateNothing() { return validateConfig(val::undefined(), val::undefined()); }

val importGpu(val text, val options) {
  if (!isString(text)) return fail(migcalc::Code::BAD_INPUT, "importGpu() takes the text printed by `nvidia-smi mig -lgip` (and -lgipp) as a string.");
  Json opts = fromJs(options);
  std::optional<int> index;
  if (opts.is_object() && opts.contains("index") && !opts["index"].is_null()) {
    const Json& i = opts["index"];
    if (!i.is_number_integer() || i.get<long long>() < 0 || i.get<long long>() > 999)
      return fail(migcalc::Code::BAD_INPUT, "index is a GPU index from 0 to 999, not " + i.dump() + ".");
    index = static_cast<int>(i.get<long long>());
  }
  auto imported = migcalc::importGpuFromSmi(text.as<std::string>(), index);
  if (!imported) return fail(imported.error());
  return toJs(migcalc::importedGpuJson(*imported));
}

val importGpuText(val text) { return importGpu(text, val::undefined()); }
val importGpuNothing() { return importGpu(val::undefined(), val::undefined()); }

val importState(val text) {
  if (!isString(text)) return fail(migcalc::Code::BAD_INPUT, "importState() takes the text printed by `nvidia-smi mig -lgi` as a string.");
  auto state = migcalc::parseSmiInstances(text.as<std::string>());
  if (!state) return fail(state.error());
  return toJs(migcalc::smiStateJson(*state));
}

val importStateNothing() { return importState(val::undefined()); }

val plan(val input) {
  std::string text;
  if (isString(input)) text = input.as<std::string>();
  else if (input.typeOf().as<std::string>() == "object" && !input.isNull()) text = val::global("JSON").call<std::string>("stringify", input);
  else
    return fail(migcalc::Code::BAD_INPUT, "plan() takes a plan: {demand: [{profile, count}], workloads: [{name, memory_gib, count}], "
                             "gpus: [{model, available, cost}]} or its JSON text.");
  return toJs(migcalc::planFromJsonText(text));
}

val planNothing() { return plan(val::undefined()); }

val exportPlan(val planIn, val options) {
  Json planJson;
  if (isString(planIn)) {
    auto parsed = migcalc::parseJson(planIn.as<std::string>(), migcalc::Code::BAD_PLAN_FILE);
    if (!parsed) return fail(parsed.error());
    planJson = *parsed;
  } else {
    planJson = fromJs(planIn);
  }
  if (!planJson.is_object())
    return fail(migcalc::Code::BAD_INPUT, "exportPlan() takes a plan: the answer of plan() (or `migcalc plan --json`) or a plan input, as an object or its "
                             "JSON text, then {format, gpus_per_node}, e.g. exportPlan(answer, {format: \"nvidia-smi\"}).");
  Json opts = fromJs(options);
  if (!opts.is_object() || !opts.contains("format") || !opts["format"].is_string())
    return fail(migcalc::Code::BAD_INPUT, "exportPlan() options are {format, gpus_per_node}: format is nvidia-smi, mig-parted, k8s or json, "
                             "gpus_per_node a whole number from 1 (default 1); not " + opts.dump() + ".");
  Json args = {{"format", opts["format"]}, {"plan", planJson}};
  if (opts.contains("gpus_per_node")) args["gpus_per_node"] = opts["gpus_per_node"];
  auto out = migcalc::exportFromJson(args);
  if (!out) return fail(out.error());
  return toJs(*out);
}

val exportPlanOfPlan(val planIn) { return exportPlan(planIn, val::undefined()); }
val exportPlanNothing() { return exportPlan(val::undefined(), val::undefined()); }
#endif  // MIGCALC_CORE_ONLY

}  // namespace

EMSCRIPTEN_BINDINGS(migcalc) {
  emscripten::function("gpus", &gpus);
  emscripten::function("catalogVersion", &catalogVersion);
  emscripten::function("profiles", &profiles);
  emscripten::function("profiles", &profilesOfNothing);
  emscripten::function("check", &check);
  emscripten::function("check", &checkNothing);
#ifndef MIGCALC_CORE_ONLY
  emscripten::function("layouts", &layouts);
  emscripten::function("layouts", &layoutsOfGpu);  // Embind overloads by argument count: layouts(gpu)
  emscripten::function("layouts", &layoutsOfNothing);
  emscripten::function("seed", &seed);
  emscripten::function("seed", &seedNothing);
  emscripten::function("exportLayout", &exportLayout);
  emscripten::function("exportLayout", &exportNothing);
  emscripten::function("validateConfig", &validateConfig);
  emscripten::function("validateConfig", &validateConfigText);
  emscripten::function("validateConfig", &validateNothing);
  emscripten::function("importGpu", &importGpu);
  emscripten::function("importGpu", &importGpuText);
  emscripten::function("importGpu", &importGpuNothing);
  emscripten::function("importState", &importState);
  emscripten::function("importState", &importStateNothing);
  emscripten::function("plan", &plan);
  emscripten::function("plan", &planNothing);
  emscripten::function("exportPlan", &exportPlan);
  emscripten::function("exportPlan", &exportPlanOfPlan);
  emscripten::function("exportPlan", &exportPlanNothing);
#endif
}
