#include "migcalc/io/input_reader.hpp"

#include "migcalc/base/text_util.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

std::string shown(const Json& value) {
  std::string text = jsonText(value);
  return text.size() <= 60 ? text : utf8Prefix(text, 60) + "…";
}

static std::string typeName(const Json& v) {
  if (v.is_string()) return "the text " + shown(v);
  if (v.is_boolean()) return shown(v);
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return shown(v);
}

Result<long long> readWhole(const Json& v, const std::string& path, long long min, long long max, Code code) {
  std::string valid = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(max))
    return Error{code, path + " is " + shown(v) + "; it must be " + valid + "."};
  if (!v.is_number_integer()) return Error{code, path + " is " + typeName(v) + "; it must be " + valid + "."};
  long long n = v.get<long long>();
  if (n < min || n > max) return Error{code, path + " is " + std::to_string(n) + "; it must be " + valid + "."};
  return n;
}

Result<std::string> readText(const Json& v, const std::string& path, size_t maxLength, Code code) {
  if (!v.is_string()) return Error{code, path + " is " + typeName(v) + "; it must be text."};
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty())
    return Error{code, path + " is empty; it must be text of 1 to " + std::to_string(maxLength) + " bytes."};
  if (s.size() > maxLength)
    return Error{Code::TOO_LARGE, path + " is " + std::to_string(s.size()) + " bytes long; the limit is " +
                                      std::to_string(maxLength) + "."};
  return s;
}

Result<bool> readFlag(const Json& v, const std::string& path, Code code) {
  if (!v.is_boolean()) return Error{code, path + " is " + typeName(v) + "; it must be true or false."};
  return v.get<bool>();
}

bool given(const Json& object, const std::string& key) {
  return object.is_object() && object.contains(key) && !object[key].is_null();
}

Result<const Json*> readList(const Json& object, const std::string& key, const std::string& path, Code code) {
  static const Json kEmpty = Json::array();
  if (!given(object, key)) return &kEmpty;
  const Json& v = object[key];
  if (!v.is_array()) return Error{code, path + " is " + typeName(v) + "; it must be a list."};
  if (v.size() > kMaxListItems)
    return Error{Code::TOO_LARGE, path + " has " + std::to_string(v.size()) + " items; the limit is " +
                                      std::to_string(kMaxListItems) + "."};
  return &v;
}

Result<int> readDriver(const Json& v, const std::string& path) {
  if (v.is_null()) return kNewestDriver;
  if (v.is_number_integer()) {
    auto n = readWhole(v, path, 1, 9999, Code::BAD_DRIVER);
    if (!n) return n.error();
    return parseDriver(std::to_string(*n));
  }
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().size() > 32)
      return Error{Code::BAD_DRIVER,
                   path + " " + shown(v) + " is not a driver; write \"R525\", \"525.85.12\" or \"newest\"."};
    return parseDriver(v.get<std::string>());
  }
  return Error{Code::BAD_DRIVER,
               path + " is " + typeName(v) + "; a driver is \"R525\", \"525.85.12\", 525 or \"newest\"."};
}

static std::optional<Error> onlyKeys(const Json& object, const std::string& path,
                                     std::initializer_list<const char*> keys, Code code) {
  for (const auto& item : object.items()) {
    bool known = false;
    for (const char* k : keys) known = known || item.key() == k;
    if (!known) {
      std::vector<std::string> valid(keys.begin(), keys.end());
      return Error{code, path + " has the unknown field " + quote(item.key(), 40) + "; valid: " + joinAnd(valid) + "."};
    }
  }
  return std::nullopt;
}

Result<ProfileCount> readRequestItem(const Json& v, const std::string& path) {
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().size() > kMaxNameLength)
      return Error{Code::TOO_LARGE,
                   path + " is longer than " + std::to_string(kMaxNameLength) + " bytes; write PROFILE[:COUNT]."};
    return parseProfileCount(v.get<std::string>());
  }
  if (!v.is_object())
    return Error{Code::BAD_REQUEST, path + " is " + typeName(v) +
                                        "; a request item is \"3g.40gb:2\" or {profile: \"3g.40gb\", count: 2}."};
  if (auto e = onlyKeys(v, path, {"profile", "count"}, Code::BAD_REQUEST)) return *e;
  if (!v.contains("profile"))
    return Error{Code::BAD_REQUEST, path + " has no profile; a request item is {profile: \"3g.40gb\", count: 2}."};
  auto profile = readText(v["profile"], path + ".profile", kMaxNameLength, Code::BAD_REQUEST);
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
    return parseFixed(v.get<std::string>());
  }
  if (!v.is_object())
    return Error{Code::BAD_FIXED, path + " is " + typeName(v) +
                                      "; a fixed instance is \"1g.10gb@0\" or {profile: \"1g.10gb\", start: 0}."};
  if (auto e = onlyKeys(v, path, {"profile", "start"}, Code::BAD_FIXED)) return *e;
  if (!v.contains("profile") || !v.contains("start"))
    return Error{Code::BAD_FIXED, path + " needs profile and start, e.g. {profile: \"1g.10gb\", start: 0}."};
  auto profile = readText(v["profile"], path + ".profile", kMaxNameLength, Code::BAD_FIXED);
  if (!profile) return profile.error();
  auto start = readWhole(v["start"], path + ".start", 0, kMaxStart, Code::BAD_FIXED);
  if (!start) return start.error();
  return FixedInstance{*profile, static_cast<int>(*start)};
}

Result<GpuRequest> readGpuRequest(const Json& in, const std::string& what) {
  GpuRequest out;
  if (given(in, "gpu_model")) {
    if (!in["gpu_model"].is_object())
      return Error{Code::BAD_GPU_FILE,
                   "gpu_model is " + typeName(in["gpu_model"]) + "; it must be a GPU model in the catalog's format."};
    auto m = parseGpuModel(jsonText(in["gpu_model"]));
    if (!m) return m.error();
    out.custom_gpu = std::move(*m);
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
  auto driver = readDriver(in.value("driver", Json(nullptr)), "driver");
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
