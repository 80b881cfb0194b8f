#include "migcalc/engine/seed.hpp"

#include "migcalc/base/json_read.hpp"

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

constexpr Code kBad = Code::BAD_SEED_INPUT;

/// A number of the input, from 0 to 1e9: a whole JSON number stays an int and a fraction a float, as Python's json
/// reads them.
Result<PyNum> readSeedNumber(const json& object, const char* field, const std::string& path) {
  const json& v = member(object, field);
  auto n = readNumber(v, pathTo(path, field), 0, kMaxSeedNumber, kBad);
  if (!n) return n.error();
  return v.is_number_integer() ? PyNum{true, v.get<long long>(), 0} : PyNum{false, 0, *n};
}

/// A profile's count: a whole number from 0 to 1e9.
Result<PyNum> readSeedCount(const json& object, const std::string& path) {
  auto n = readWhole(member(object, "count"), pathTo(path, "count"), 0, static_cast<long long>(kMaxSeedNumber), kBad);
  if (!n) return n.error();
  return PyNum{true, *n, 0};
}

/// profiles[i]: {name, sms, memory_gb, count}; the name is any text, as the exercise takes it.
struct SeedProfile {
  std::string name;
  PyNum sms, memory_gb, count;
};

Result<SeedProfile> readSeedProfile(const json& p, const std::string& path) {
  if (!p.is_object()) return invalid(path, p, "an object {name, sms, memory_gb, count}", kBad);
  const json& name = member(p, "name");
  if (!name.is_string()) return invalid(path + ".name", name, "text", kBad);
  auto sms = readSeedNumber(p, "sms", path);
  if (!sms) return sms.error();
  auto mem = readSeedNumber(p, "memory_gb", path);
  if (!mem) return mem.error();
  auto count = readSeedCount(p, path);
  if (!count) return count.error();
  return SeedProfile{name.get<std::string>(), *sms, *mem, *count};
}

}  // namespace

double pythonRound2(double x) {
  if (!std::isfinite(x)) return x;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return std::strtod(buf, nullptr);
}

Result<json> seedAllocation(const json& in) {
  if (!in.is_object())
    return invalid("The seed input", in, "an object with total_sms, total_memory_gb and profiles", kBad);
  auto totalSms = readSeedNumber(in, "total_sms", "");
  if (!totalSms) return totalSms.error();
  auto totalMem = readSeedNumber(in, "total_memory_gb", "");
  if (!totalMem) return totalMem.error();
  const json& profiles = member(in, "profiles");
  if (!profiles.is_array()) return invalid("profiles", profiles, "a list of {name, sms, memory_gb, count}", kBad);

  PyNum smsReq, memReq;  // sum() starts from int 0
  json instances = json::array();
  long long made = 0;
  for (size_t k = 0; k < profiles.size(); ++k) {
    std::string path = itemPath("profiles", k);
    auto p = readSeedProfile(profiles[k], path);
    if (!p) return p.error();
    if ((made += p->count.i) > kMaxSeedInstances)
      return Error{kBad, path + ".count brings the instances to more than " + std::to_string(kMaxSeedInstances) +
                             " in total; it must keep them within that (the exercise lists every instance)."};
    smsReq = addNum(smsReq, mul(p->sms, p->count));
    memReq = addNum(memReq, mul(p->memory_gb, p->count));
    for (long long i = 0; i < p->count.i; ++i)
      instances.push_back({{"name", p->name + "-" + std::to_string(i)},
                           {"sms", p->sms.toJson()},
                           {"memory_gb", p->memory_gb.toJson()}});
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
