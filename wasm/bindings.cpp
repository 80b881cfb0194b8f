// The browser's door into the core: JSON text in, JSON text out, through one function. No C++ handle reaches the
// page. wasm/api.js (linked in with --post-js) turns it into the module's functions, so the page and Node call
//
//   gpus()                                   -> {catalog_version, gpus: [...]}
//   profiles(gpu)                            -> the model's summary and profiles
//   check({gpu | gpu_model, request, fixed, driver})
//                                            -> the verdict; request [{profile, count}] or ["3g.40gb:2"],
//                                               fixed [{profile, start}] or ["1g.10gb@0"], driver "R525"/525/"newest"
//   layouts(gpu, {base, profiles, driver})   -> every maximal layout
//   seed(input)                              -> the exercise's custom-capacity answer
//   catalogVersion()                         -> "2026-11-25"
//   exportLayout({gpu, request, fixed, driver, format, device, name})
//                                            -> {format, gpu, text} (nvidia-smi | mig-parted | k8s), with
//                                               resource_slices and notes for dra (no request: every placement), or
//                                               {format: "json", gpu, layout}: what `migcalc export` prints
//   generateConfig({gpus, driver, format})  -> {format, gpus, driver, text, config, notes}: NVIDIA's named configs
//                                               (what `migcalc generate-config --json` prints); gpus [] = all
//   validateConfig(yamlText, {gpu})          -> `migcalc validate --json` of a mig-parted config or ConfigMap
//   importGpu(smiText, {index})              -> the GPU of pasted `nvidia-smi mig -lgip`/`-lgipp` output
//   importState(smiText)                     -> the instances of pasted `nvidia-smi mig -lgi` output
//   plan(input)                              -> `migcalc plan --json` of a plan (object or its JSON text)
//   exportPlan(plan, {format, gpus_per_node})
//                                            -> what `migcalc export --plan F --format X --gpus-per-node N` prints
//
// Every function answers with the same JSON shape as `migcalc <command> --json`. Any bad input, of any type, answers
// {error: {code, message}}; nothing throws, and a fault inside the core (an exception) is caught here and answered
// as the error INTERNAL. The module keeps answering afterwards.
//
// Built twice (wasm/CMakeLists.txt): the full module has every function; the core module (MIGCALC_CORE_ONLY, what
// the page needs for its first verdict) only gpus, catalogVersion, profiles and check.
#include <emscripten/bind.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/io/input_reader.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"
#ifndef MIGCALC_CORE_ONLY
#include "migcalc/api/export_request.hpp"
#include "migcalc/api/generate_request.hpp"
#include "migcalc/api/plan_request.hpp"
#include "migcalc/engine/layouts.hpp"
#include "migcalc/engine/seed.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/io/plan_json.hpp"
#endif

namespace {

using migcalc::Code;
using migcalc::Error;
using migcalc::Json;

Json fail(Code code, const std::string& message) { return migcalc::errorJson(Error{code, message}); }
Json fail(const Error& e) { return migcalc::errorJson(e); }

/// Argument i of a call (null when it was left out or undefined).
const Json& arg(const Json& args, size_t i) {
  static const Json none;
  return i < args.size() ? args[i] : none;
}

/// An options argument: null (left out) or an object.
std::optional<Error> optionsError(const Json& opts, const std::string& fn, const std::string& shape) {
  if (opts.is_null() || opts.is_object()) return std::nullopt;
  return Error{Code::BAD_INPUT, fn + "() options are " + shape + ", not " + migcalc::shown(opts) + "."};
}

Json gpus(const Json&) { return migcalc::gpusJson(); }

Json catalogVersion(const Json&) { return migcalc::catalogVersion(); }

Json profiles(const Json& args) {
  auto name = migcalc::readText(arg(args, 0), "profiles(gpu): gpu", migcalc::kMaxNameLength, Code::BAD_INPUT);
  if (!name)
    return fail(name.error().code,
                name.error().message + " Name a GPU such as \"H100-SXM5-80GB\" (gpus() lists them).");
  auto g = migcalc::findGpu(*name);
  if (!g) return fail(g.error());
  return migcalc::profilesJson(**g);
}

Json check(const Json& args) {
  const Json& in = arg(args, 0);
  if (!in.is_object())
    return fail(Code::BAD_INPUT,
                "check() takes {gpu, request, fixed, driver}, e.g. {gpu: \"H100-SXM5-80GB\", request: [{profile: "
                "\"3g.40gb\", count: 1}]}.");
  auto read = migcalc::readGpuRequest(in, "check()");
  if (!read) return fail(read.error());
  auto result = migcalc::check(read->gpu(), read->request);
  if (!result) return fail(result.error());
  return migcalc::checkJson(read->gpu(), read->request, *result);
}

#ifndef MIGCALC_CORE_ONLY
Json layouts(const Json& args) {
  auto name = migcalc::readText(arg(args, 0), "layouts(gpu, options): gpu", migcalc::kMaxNameLength, Code::BAD_INPUT);
  if (!name) return fail(name.error());
  auto g = migcalc::findGpu(*name);
  if (!g) return fail(g.error());
  const Json& opts = arg(args, 1);
  if (auto e = optionsError(opts, "layouts", "{base, profiles, driver}")) return fail(*e);
  std::vector<std::string> names;
  if (migcalc::given(opts, "base")) {
    auto base = migcalc::readFlag(opts["base"], "base", Code::BAD_INPUT);
    if (!base) return fail(base.error());
    if (*base) names = migcalc::profileSet(**g, migcalc::ProfileSet::Base);
  }
  auto list = migcalc::readList(opts, "profiles", "profiles", Code::BAD_INPUT);
  if (!list) return fail(list.error());
  for (size_t i = 0; i < (*list)->size(); ++i) {
    auto p = migcalc::readText((**list)[i], "profiles[" + std::to_string(i) + "]", migcalc::kMaxProfileNameLength,
                               Code::BAD_INPUT);
    if (!p) return fail(p.error());
    names.push_back(*p);
  }
  auto driver = migcalc::readDriver(opts.is_object() ? opts.value("driver", Json(nullptr)) : Json(nullptr), "driver");
  if (!driver) return fail(driver.error());
  auto all = migcalc::enumerateLayouts(**g, names, *driver);
  if (!all) return fail(all.error());
  if (names.empty()) names = migcalc::profileSet(**g, migcalc::ProfileSet::All);
  return migcalc::layoutsJson(**g, names, *all);
}

Json seed(const Json& args) {
  auto out = migcalc::seedAllocation(arg(args, 0));
  if (!out) return fail(out.error());
  return *out;
}

Json exportLayout(const Json& args) {
  const Json& in = arg(args, 0);
  if (!in.is_object())
    return fail(
        Code::BAD_INPUT,
        "exportLayout() takes {gpu, request, fixed, driver, format, device, name}, e.g. {gpu: \"H100-SXM5-80GB\", "
        "request: [\"3g.40gb:2\"], format: \"nvidia-smi\"}.");
  auto out = migcalc::exportFromJson(in);
  if (!out) return fail(out.error());
  return *out;
}

Json generateConfig(const Json& args) {
  const Json& opts = arg(args, 0);
  if (auto e = optionsError(opts, "generateConfig", "{gpus, driver, format}")) return fail(*e);
  auto out = migcalc::generateConfigFromJson(opts);
  if (!out) return fail(out.error());
  return *out;
}

Json validateConfig(const Json& args) {
  if (!arg(args, 0).is_string())
    return fail(Code::BAD_INPUT, "validateConfig() takes the config's YAML text as a string.");
  const Json& opts = arg(args, 1);
  if (auto e = optionsError(opts, "validateConfig", "{gpu}")) return fail(*e);
  const migcalc::GpuModel* gpu = nullptr;
  if (migcalc::given(opts, "gpu")) {
    auto name = migcalc::readText(opts["gpu"], "gpu", migcalc::kMaxNameLength, Code::BAD_INPUT);
    if (!name) return fail(name.error());
    auto g = migcalc::findGpu(*name);
    if (!g) return fail(g.error());
    gpu = *g;
  }
  auto report = migcalc::validateMigParted(arg(args, 0).get<std::string>(), gpu);
  if (!report) return fail(report.error());
  return migcalc::validationJson(*report);
}

Json importGpu(const Json& args) {
  if (!arg(args, 0).is_string())
    return fail(Code::BAD_INPUT,
                "importGpu() takes the text printed by `nvidia-smi mig -lgip` (and -lgipp) as a string.");
  const Json& opts = arg(args, 1);
  if (auto e = optionsError(opts, "importGpu", "{index}")) return fail(*e);
  std::optional<int> index;
  if (migcalc::given(opts, "index")) {
    auto i = migcalc::readWhole(opts["index"], "index", 0, 999, Code::BAD_INPUT);
    if (!i) return fail(i.error());
    index = static_cast<int>(*i);
  }
  auto imported = migcalc::importGpuFromSmi(arg(args, 0).get<std::string>(), index);
  if (!imported) return fail(imported.error());
  return migcalc::importedGpuJson(*imported);
}

Json importState(const Json& args) {
  if (!arg(args, 0).is_string())
    return fail(Code::BAD_INPUT, "importState() takes the text printed by `nvidia-smi mig -lgi` as a string.");
  auto state = migcalc::parseSmiInstances(arg(args, 0).get<std::string>());
  if (!state) return fail(state.error());
  return migcalc::smiStateJson(*state);
}

Json plan(const Json& args) {
  const Json& in = arg(args, 0);
  if (in.is_string()) return migcalc::planFromJsonText(in.get<std::string>());
  if (in.is_object()) return migcalc::planFromJsonText(migcalc::jsonText(in));
  return fail(Code::BAD_INPUT,
              "plan() takes a plan: {demand: [{profile, count}], workloads: [{name, memory_gib, count}], "
              "gpus: [{model, available, cost}]} or its JSON text.");
}

Json exportPlan(const Json& args) {
  Json planJson = arg(args, 0);
  if (planJson.is_string()) {
    auto parsed = migcalc::parseJson(planJson.get<std::string>(), Code::BAD_PLAN_FILE);
    if (!parsed) return fail(parsed.error());
    planJson = std::move(*parsed);
  }
  if (!planJson.is_object())
    return fail(Code::BAD_INPUT,
                "exportPlan() takes a plan: the answer of plan() (or `migcalc plan --json`) or a plan input, as an "
                "object or its "
                "JSON text, then {format, gpus_per_node}, e.g. exportPlan(answer, {format: \"nvidia-smi\"}).");
  const Json& opts = arg(args, 1);
  if (!opts.is_object() || !opts.contains("format") || !opts["format"].is_string())
    return fail(Code::BAD_INPUT,
                "exportPlan() options are {format, gpus_per_node}: format is nvidia-smi, mig-parted, k8s, dra or json, "
                "gpus_per_node a whole number from 1 (default 1); not " +
                    migcalc::shown(opts) + ".");
  Json request = {{"format", opts["format"]}, {"plan", std::move(planJson)}};
  if (opts.contains("gpus_per_node")) request["gpus_per_node"] = opts["gpus_per_node"];
  auto out = migcalc::exportFromJson(request);
  if (!out) return fail(out.error());
  return *out;
}
#endif  // MIGCALC_CORE_ONLY

/// Not a function of the module's JS face: call("_guardSelfTest", "[]") throws inside a binding, so the tests can
/// prove that the guard turns a C++ exception into INTERNAL under this build's exception model (-fwasm-exceptions)
/// and that the module keeps answering.
Json guardSelfTest(const Json&) { throw std::runtime_error("the guard's self-test"); }

struct Binding {
  const char* name;
  Json (*run)(const Json& args);
};

constexpr Binding kBindings[] = {
    {"gpus", gpus},
    {"catalogVersion", catalogVersion},
    {"profiles", profiles},
    {"check", check},
    {"_guardSelfTest", guardSelfTest},
#ifndef MIGCALC_CORE_ONLY
    {"layouts", layouts},
    {"seed", seed},
    {"exportLayout", exportLayout},
    {"generateConfig", generateConfig},
    {"validateConfig", validateConfig},
    {"importGpu", importGpu},
    {"importState", importState},
    {"plan", plan},
    {"exportPlan", exportPlan},
#endif
};

/// The one entry: `name` with its arguments as a JSON array; the answer as JSON text. The guard: whatever escapes a
/// function (a fault in migcalc, memory exhausted) becomes {error: {code: "INTERNAL"}}.
std::string call(const std::string& name, const std::string& argsText) {
  Json answer;
  try {
    const Binding* binding = nullptr;
    for (const auto& b : kBindings)
      if (name == b.name) binding = &b;
    auto args = migcalc::parseJson(argsText, Code::BAD_INPUT);
    if (!binding)
      answer = fail(Code::BAD_INPUT, "migcalc has no function " + migcalc::quote(name, 40) + ".");
    else if (!args)
      answer = fail(args.error());
    else if (!args->is_array())
      answer = fail(Code::BAD_INPUT, "The arguments must be a JSON array.");
    else
      answer = binding->run(*args);
  } catch (const std::bad_alloc&) {
    answer = fail(Code::INTERNAL, name + "() ran out of memory; the input was not at fault. Please report it.");
  } catch (const std::exception& e) {
    answer = fail(Code::INTERNAL,
                  name + "() failed inside migcalc (" + e.what() + "); the input was not at fault. Please report it.");
  } catch (...) {
    answer = fail(Code::INTERNAL, name + "() failed inside migcalc; the input was not at fault. Please report it.");
  }
  return migcalc::jsonText(answer);
}

/// The names call() answers to, for wasm/api.js.
std::string functions() {
  std::string out;
  for (const auto& b : kBindings)
    if (b.name[0] != '_') out += std::string(out.empty() ? "" : ",") + b.name;
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(migcalc) {
  emscripten::function("call", &call);
  emscripten::function("functions", &functions);
}
