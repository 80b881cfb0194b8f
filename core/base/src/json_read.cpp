#include "migcalc/base/json_read.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

namespace {

/// What `member` answers for a field that is not there.
const Json& missingValue() {
  static const Json value(Json::value_t::discarded);
  return value;
}

/// A bound as a message writes it: 1000000000, 0.5, 3600.
std::string boundText(double x) {
  if (std::fabs(x) < 1e15 && x == std::floor(x)) return std::to_string(static_cast<long long>(x));
  std::ostringstream s;
  s.precision(15);
  s << x;
  return s.str();
}

}  // namespace

std::string shown(const Json& value) {
  std::string text = jsonText(value);
  return text.size() <= 60 ? text : utf8Prefix(text, 60) + "…";
}

std::string described(const Json& v) {
  if (v.is_discarded()) return "missing";
  if (v.is_string()) return "the text " + shown(v);
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return shown(v);  // a number or a boolean
}

Error invalid(const std::string& path, const Json& found, const std::string& valid, Code code) {
  return Error{code, path + " is " + described(found) + "; it must be " + valid + "."};
}

std::string pathTo(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string itemPath(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }

const Json& member(const Json& object, const std::string& key) {
  if (!object.is_object()) return missingValue();
  auto it = object.find(key);
  return it == object.end() ? missingValue() : *it;
}

bool given(const Json& object, const std::string& key) {
  const Json& v = member(object, key);
  return !v.is_discarded() && !v.is_null();
}

Result<long long> readWhole(const Json& v, const std::string& path, long long min, long long max, Code code) {
  std::string valid = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  bool beyond = v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(max);
  if (beyond || !v.is_number_integer()) return invalid(path, v, valid, code);
  long long n = v.get<long long>();
  if (n < min || n > max) return invalid(path, v, valid, code);
  return n;
}

Result<double> readNumber(const Json& v, const std::string& path, double min, double max, Code code) {
  if (v.is_number() && std::isfinite(v.get<double>()) && v.get<double>() >= min && v.get<double>() <= max)
    return v.get<double>();
  return invalid(path, v, "a number from " + boundText(min) + " to " + boundText(max), code);
}

Result<double> readPositive(const Json& v, const std::string& path, double max, Code code) {
  if (v.is_number() && std::isfinite(v.get<double>()) && v.get<double>() > 0 && v.get<double>() <= max)
    return v.get<double>();
  return invalid(path, v, "a number over 0 and at most " + boundText(max), code);
}

Result<std::string> readText(const Json& v, const std::string& path, size_t maxLength, Code code) {
  if (!v.is_string()) return invalid(path, v, "text", code);
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty())
    return Error{code, path + " is empty; it must be text of 1 to " + std::to_string(maxLength) + " bytes."};
  if (s.size() > maxLength)
    return Error{Code::TOO_LARGE, path + " is " + std::to_string(s.size()) + " bytes long; the limit is " +
                                      std::to_string(maxLength) + "."};
  return s;
}

Result<bool> readFlag(const Json& v, const std::string& path, Code code) {
  if (!v.is_boolean()) return invalid(path, v, "true or false", code);
  return v.get<bool>();
}

Result<const Json*> readList(const Json& object, const std::string& key, const std::string& path, Code code,
                             size_t maxItems) {
  static const Json kEmpty = Json::array();
  if (!given(object, key)) return &kEmpty;
  const Json& v = member(object, key);
  if (!v.is_array()) return invalid(path, v, "a list", code);
  if (v.size() > maxItems)
    return Error{Code::TOO_LARGE,
                 path + " has " + std::to_string(v.size()) + " items; the limit is " + std::to_string(maxItems) + "."};
  return &v;
}

std::optional<Error> onlyKeys(const Json& value, const std::string& path, std::initializer_list<const char*> keys,
                              Code code) {
  std::vector<std::string> valid(keys.begin(), keys.end());
  if (!value.is_object()) return invalid(path, value, "an object with the fields " + joinAnd(valid), code);
  for (const auto& item : value.items()) {
    bool known = false;
    for (const char* k : keys) known = known || item.key() == k;
    if (!known)
      return Error{code, path + " has the unknown field " + quote(item.key(), 40) + "; valid: " + joinAnd(valid) + "."};
  }
  return std::nullopt;
}

}  // namespace migcalc
