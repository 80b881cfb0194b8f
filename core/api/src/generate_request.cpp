// The JSON facade over the named-config generator.
#include "migcalc/api/generate_request.hpp"

#include "migcalc/base/text_util.hpp"
#include "migcalc/export/generate_config.hpp"
#include "migcalc/io/input_reader.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

Result<Json> generateConfigFromJson(const Json& args) {
  if (!args.is_null() && !args.is_object())
    return Error{Code::BAD_EXPORT_REQUEST,
                 "The generate-config request is an object {gpus, driver, format}, not " + shown(args) + "."};
  std::string format = "yaml";
  if (given(args, "format")) {
    auto f = readText(args["format"], "format", 16, Code::BAD_EXPORT_REQUEST);
    if (!f) return f.error();
    if (*f != "yaml" && *f != "json")
      return Error{Code::BAD_EXPORT_REQUEST, "'format' must be yaml or json, not " + shown(args["format"]) + "."};
    format = *f;
  }
  int driver = kNewestDriver;
  if (args.is_object()) {
    auto d = readDriver(args.value("driver", Json(nullptr)), "driver");
    if (!d) return d.error();
    driver = *d;
  }
  std::vector<const GpuModel*> gpus;
  static const Json kNone = Json::object();
  auto list = readList(args.is_object() ? args : kNone, "gpus", "gpus", Code::BAD_EXPORT_REQUEST);
  if (!list) return list.error();
  for (size_t i = 0; i < (*list)->size(); ++i) {
    auto name = readText((**list)[i], "gpus[" + std::to_string(i) + "]", kMaxNameLength, Code::BAD_EXPORT_REQUEST);
    if (!name) return name.error();
    auto g = findGpu(*name);
    if (!g) return g.error();
    gpus.push_back(*g);
  }
  auto file = generateConfigs(gpus, driver);
  Json config = generatedConfigJson(file);
  Json out = {{"format", format},
              {"gpus", file.models},
              {"driver", driver == kNewestDriver ? std::string("newest") : driverName(driver)},
              {"text", format == "json" ? jsonText(config, 2) + "\n" : generatedConfigYaml(file)},
              {"config", config},
              {"notes", file.notes}};
  return out;
}

}  // namespace migcalc
