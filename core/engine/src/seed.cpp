#include "migcalc/engine/seed.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace migcalc {

using json = nlohmann::ordered_json;

namespace {

constexpr long long kMaxSeedInstances = 100000;
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53

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
  if (v.is_number_integer()) {
    if (std::fabs(static_cast<double>(v.get<long long>())) > kMaxExactInt)
      return bad(where, "\"" + std::string(field) + "\" is too large (at most 2^53)");
    return PyNum{true, v.get<long long>(), 0};
  }
  if (v.is_number_float() && !intOnly) {
    double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > 1e300) return bad(where, "\"" + std::string(field) + "\" must be a finite number");
    return PyNum{false, 0, d};
  }
  return bad(where, "\"" + std::string(field) + "\" must be " + (intOnly ? "a whole number" : "a number") + ", got " + v.dump());
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
    if (count->i < 0) return bad(where, "\"count\" must be 0 or more, got " + std::to_string(count->i));
    if ((made += count->i) > kMaxSeedInstances)
      return bad(where, "more than " + std::to_string(kMaxSeedInstances) + " instances in total; the exercise lists every instance");
    smsReq = addNum(smsReq, mul(*sms, *count));
    memReq = addNum(memReq, mul(*mem, *count));
    std::string name = p.at("name").get<std::string>();
    for (long long i = 0; i < count->i; ++i)
      instances.push_back({{"name", name + "-" + std::to_string(i)}, {"sms", sms->toJson()}, {"memory_gb", mem->toJson()}});
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
