#include "migcalc/engine/seed.hpp"

#include "migcalc/base/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace migcalc {

using json = nlohmann::ordered_json;

namespace {

constexpr long long kMaxSeedInstances = 100000;
// Every number of the custom-capacity input lies from 0 to 1e9: no capacity or size is negative, and with at most
// kMaxSeedInstances instances the sums (at most 1e14) stay exact in a 64-bit integer and in a double.
constexpr double kMaxSeedNumber = 1e9;

// A Python number: int or float, with Python's promotion rules for + - * and comparisons.
struct PyNum {
  bool isInt = true;
  long long i = 0;
  double f = 0;
  double asDouble() const { return isInt ? static_cast<double>(i) : f; }
  json toJson() const { return isInt ? json(i) : json(f); }
};

PyNum mul(const PyNum& a, const PyNum& b) {
  if (a.isInt && b.isInt) return {true, a.i * b.i, 0};
  return {false, 0, a.asDouble() * b.asDouble()};
}
PyNum addNum(const PyNum& a, const PyNum& b) {
  if (a.isInt && b.isInt) return {true, a.i + b.i, 0};
  return {false, 0, a.asDouble() + b.asDouble()};
}
PyNum sub(const PyNum& a, const PyNum& b) {
  if (a.isInt && b.isInt) return {true, a.i - b.i, 0};
  return {false, 0, a.asDouble() - b.asDouble()};
}
bool lessEq(const PyNum& a, const PyNum& b) {
  if (a.isInt && b.isInt) return a.i <= b.i;
  return a.asDouble() <= b.asDouble();
}
PyNum round2(const PyNum& x) { return x.isInt ? x : PyNum{false, 0, pythonRound2(x.f)}; }

Error bad(const std::string& where, const std::string& what) { return {Code::BAD_SEED_INPUT, where + ": " + what}; }

// Reads a number field; ints stay ints (like Python's json), bools and strings are refused.
Result<PyNum> number(const json& obj, const char* field, const std::string& where, bool intOnly) {
  if (!obj.contains(field)) return bad(where, "missing \"" + std::string(field) + "\" (a number)");
  const json& v = obj.at(field);
  std::string range = " from 0 to 1e9, got " + jsonText(v);
  if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(kMaxSeedNumber))
    return bad(where, "\"" + std::string(field) + "\" must be a number" + range);
  if (v.is_number_integer()) {
    long long n = v.get<long long>();
    if (n < 0 || static_cast<double>(n) > kMaxSeedNumber)
      return bad(where, "\"" + std::string(field) + "\" must be a number" + range);
    return PyNum{true, n, 0};
  }
  if (v.is_number_float() && !intOnly) {
    double d = v.get<double>();
    if (!std::isfinite(d) || d < 0 || d > kMaxSeedNumber)
      return bad(where, "\"" + std::string(field) + "\" must be a number" + range);
    return PyNum{false, 0, d};
  }
  return bad(where, "\"" + std::string(field) + "\" must be " + (intOnly ? "a whole number" : "a number") + ", got " +
                        jsonText(v));
}

}  // namespace

double pythonRound2(double x) {
  if (!std::isfinite(x)) return x;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return std::strtod(buf, nullptr);
}

Result<json> seedAllocation(const json& in) {
  if (!in.is_object()) return bad("input", "expected a JSON object with total_sms, total_memory_gb and profiles");
  auto totalSms = number(in, "total_sms", "input", false);
  if (!totalSms) return totalSms.error();
  auto totalMem = number(in, "total_memory_gb", "input", false);
  if (!totalMem) return totalMem.error();
  if (!in.contains("profiles") || !in.at("profiles").is_array())
    return bad("input", "\"profiles\" must be a list of {name, sms, memory_gb, count}");

  PyNum smsReq, memReq;  // sum() starts from int 0
  json instances = json::array();
  long long made = 0;
  size_t k = 0;
  for (const auto& p : in.at("profiles")) {
    std::string where = "profiles[" + std::to_string(k++) + "]";
    if (!p.is_object()) return bad(where, "expected an object {name, sms, memory_gb, count}");
    if (!p.contains("name") || !p.at("name").is_string()) return bad(where, "\"name\" must be a string");
    auto sms = number(p, "sms", where, false);
    if (!sms) return sms.error();
    auto mem = number(p, "memory_gb", where, false);
    if (!mem) return mem.error();
    auto count = number(p, "count", where, true);
    if (!count) return count.error();
    if ((made += count->i) > kMaxSeedInstances)
      return bad(where, "more than " + std::to_string(kMaxSeedInstances) +
                            " instances in total; the exercise lists every instance");
    smsReq = addNum(smsReq, mul(*sms, *count));
    memReq = addNum(memReq, mul(*mem, *count));
    std::string name = p.at("name").get<std::string>();
    for (long long i = 0; i < count->i; ++i)
      instances.push_back(
          {{"name", name + "-" + std::to_string(i)}, {"sms", sms->toJson()}, {"memory_gb", mem->toJson()}});
  }
  bool feasible = lessEq(smsReq, *totalSms) && lessEq(memReq, *totalMem);
  PyNum zero;
  PyNum smUtil = totalSms->asDouble() > 0 ? PyNum{false, 0, smsReq.asDouble() / totalSms->asDouble() * 100} : zero;
  PyNum memUtil = totalMem->asDouble() > 0 ? PyNum{false, 0, memReq.asDouble() / totalMem->asDouble() * 100} : zero;
  json out;
  out["feasible"] = feasible;
  out["instances"] = instances;
  out["total_instances"] = static_cast<long long>(instances.size());
  out["sm_utilization_pct"] = round2(smUtil).toJson();
  out["memory_utilization_pct"] = round2(memUtil).toJson();
  out["sms_remaining"] = sub(*totalSms, smsReq).toJson();
  out["memory_remaining_gb"] = round2(sub(*totalMem, memReq)).toJson();
  return out;
}

}  // namespace migcalc
