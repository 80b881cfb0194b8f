#include "migcalc/io/input_reader.hpp"

#include "migcalc/base/text_util.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/model/model_reader.hpp"

namespace migcalc {

namespace {

/// A reading of text that names no path (the CLI's arguments share it), with the JSON path put first.
template <class T>
Result<T> at(const std::string& path, Result<T> read) {
  if (read) return read;
  return Error{read.error().code, path + ": " + read.error().message};
}

}  // namespace

Result<int> readDriver(const Json& v, const std::string& path) {
  if (v.is_null()) return kNewestDriver;
  if (v.is_number_integer()) {
    auto branch = readWhole(v, path, 1, 9999, Code::BAD_DRIVER);
    auto d = branch ? parseDriver(std::to_string(*branch)) : branch.error();
    if (d) return d;
  } else if (v.is_string() && v.get_ref<const std::string&>().size() <= 32) {
    auto d = parseDriver(v.get<std::string>());
    if (d) return d;
  }
  return invalid(path, v,
                 "a driver: a branch such as \"R525\" or 525, a full version such as \"525.85.12\", or \"newest\"",
                 Code::BAD_DRIVER);
}

Result<ProfileCount> readRequestItem(const Json& v, const std::string& path) {
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().size() > kMaxNameLength)
      return Error{Code::TOO_LARGE,
                   path + " is longer than " + std::to_string(kMaxNameLength) + " bytes; write PROFILE[:COUNT]."};
    return at(path, parseProfileCount(v.get<std::string>()));
  }
  if (!v.is_object())
    return invalid(path, v, "a request item: \"3g.40gb:2\" or {profile: \"3g.40gb\", count: 2}", Code::BAD_REQUEST);
  if (auto e = onlyKeys(v, path, {"profile", "count"}, Code::BAD_REQUEST)) return *e;
  auto profile = readText(member(v, "profile"), path + ".profile", kMaxNameLength, Code::BAD_REQUEST);
  if (!profile) return profile.error();
  ProfileCount pc{*profile, 1};
  if (given(v, "count")) {
    auto count = readWhole(v["count"], path + ".count", 1, kMaxCount, Code::BAD_COUNT);
    if (!count) return count.error();
    pc.count = *count;
  }
  return pc;
}

Result<FixedInstance> readFixedItem(const Json& v, const std::string& path) {
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().size() > kMaxNameLength)
      return Error{Code::TOO_LARGE,
                   path + " is longer than " + std::to_string(kMaxNameLength) + " bytes; write PROFILE@START."};
    return at(path, parseFixed(v.get<std::string>()));
  }
  if (!v.is_object())
    return invalid(path, v, "a fixed instance: \"1g.10gb@0\" or {profile: \"1g.10gb\", start: 0}", Code::BAD_FIXED);
  if (auto e = onlyKeys(v, path, {"profile", "start"}, Code::BAD_FIXED)) return *e;
  auto profile = readText(member(v, "profile"), path + ".profile", kMaxNameLength, Code::BAD_FIXED);
  if (!profile) return profile.error();
  auto start = readWhole(member(v, "start"), path + ".start", 0, kMaxStart, Code::BAD_FIXED);
  if (!start) return start.error();
  return FixedInstance{*profile, static_cast<int>(*start)};
}

Result<GpuRequest> readGpuRequest(const Json& in, const std::string& what) {
  GpuRequest out;
  if (given(in, "gpu_model")) {
    auto m = readGpuModel(in["gpu_model"], "gpu_model");
    if (!m) return m.error();
    out.custom_gpu = std::move(m.value());
    out.custom_gpu->custom = true;
  } else if (given(in, "gpu")) {
    auto name = readText(in["gpu"], "gpu", kMaxNameLength, Code::UNKNOWN_GPU);
    if (!name) return name.error();
    auto g = findGpu(*name);
    if (!g) return g.error();
    out.catalog_gpu = *g;
  } else {
    return Error{Code::BAD_INPUT,
                 what +
                     " needs gpu, a model such as \"H100-SXM5-80GB\" (gpus() or `migcalc gpus` lists them), "
                     "or gpu_model, a model in the catalog's format."};
  }
  auto driver = readDriver(given(in, "driver") ? in["driver"] : Json(nullptr), "driver");
  if (!driver) return driver.error();
  out.request.driver = *driver;
  auto request = readList(in, "request", "request", Code::BAD_REQUEST);
  if (!request) return request.error();
  for (size_t i = 0; i < (*request)->size(); ++i) {
    auto pc = readRequestItem((**request)[i], "request[" + std::to_string(i) + "]");
    if (!pc) return pc.error();
    out.request.request.push_back(*pc);
  }
  auto fixed = readList(in, "fixed", "fixed", Code::BAD_FIXED);
  if (!fixed) return fixed.error();
  for (size_t i = 0; i < (*fixed)->size(); ++i) {
    auto f = readFixedItem((**fixed)[i], "fixed[" + std::to_string(i) + "]");
    if (!f) return f.error();
    out.request.fixed.push_back(*f);
  }
  return out;
}

}  // namespace migcalc
