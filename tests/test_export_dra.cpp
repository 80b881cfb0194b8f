// The DRA ResourceSlice export (issue 11 item 7): counters and devices checked against the catalog, for every model,
// every placement and every maximal layout.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "migcalc/api/export_request.hpp"
#include "migcalc/engine/layouts.hpp"
#include "migcalc/export/export_dra.hpp"
#include "migcalc/model/catalog.hpp"

using namespace migcalc;

namespace {

const GpuModel& gpu(const std::string& key) {
  auto g = findGpu(key);
  REQUIRE_MESSAGE(g.ok(), g.error().message);
  return **g;
}

/// "9856Mi" -> 9856 * 2^20; "7" -> 7. Fails the test on anything else.
long long quantityValue(const Json& q) {
  REQUIRE(q.is_object());
  REQUIRE(q["value"].is_string());
  std::string s = q["value"].get<std::string>();
  size_t digits = s.find_first_not_of("0123456789");
  REQUIRE(digits != 0);
  long long v = std::stoll(s.substr(0, digits));
  std::string suffix = digits == std::string::npos ? "" : s.substr(digits);
  static const std::map<std::string, int> kShift = {{"", 0}, {"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}};
  REQUIRE_MESSAGE(kShift.count(suffix), "quantity " << s);
  return v << kShift.at(suffix);
}

bool dnsLabel(const std::string& s) {
  if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

struct Parsed {
  std::map<std::string, long long> totals;  // the counter set
  std::vector<Json> devices;
};

/// Checks the slice structure (one counter-set slice, then device slices of at most 64, one pool) and returns the
/// counter set and all devices.
Parsed parse(const DraExport& e) {
  Parsed p;
  REQUIRE(e.slices.size() >= 2);
  std::set<std::string> names;
  for (size_t i = 0; i < e.slices.size(); ++i) {
    const Json& s = e.slices[i];
    CHECK(s["apiVersion"] == "resource.k8s.io/v1");
    CHECK(s["kind"] == "ResourceSlice");
    CHECK(s["spec"]["driver"] == "gpu.nvidia.com");
    CHECK(s["spec"]["pool"]["resourceSliceCount"] == e.slices.size());
    CHECK(s["spec"]["pool"]["name"] == e.slices[0]["spec"]["pool"]["name"]);
    CHECK(s["spec"]["nodeName"] == s["spec"]["pool"]["name"]);
    CHECK(names.insert(s["metadata"]["name"].get<std::string>()).second);
    bool counters = s["spec"].contains("sharedCounters"), devices = s["spec"].contains("devices");
    CHECK(counters != devices);  // resource/v1: only one of devices and sharedCounters per slice
    CHECK(counters == (i == 0));
    if (counters) {
      REQUIRE(s["spec"]["sharedCounters"].size() == 1);
      const Json& set = s["spec"]["sharedCounters"][0];
      CHECK(set["name"] == "gpu-0-counter-set");
      CHECK(set["counters"].size() <= 32);
      for (auto it = set["counters"].begin(); it != set["counters"].end(); ++it)
        p.totals[it.key()] = quantityValue(it.value());
    } else {
      CHECK(s["spec"]["devices"].size() <= 64);
      for (const auto& d : s["spec"]["devices"]) p.devices.push_back(d);
    }
  }
  return p;
}

/// The device's consumed counters; checks it against the catalog profile it names.
std::map<std::string, long long> checkDevice(const GpuModel& g, const Parsed& p, const Json& d) {
  std::string name = d["name"].get<std::string>();
  CHECK_MESSAGE(dnsLabel(name), name);
  const Json& a = d["attributes"];
  REQUIRE(a.contains("profile"));
  std::string profile = a["profile"]["string"].get<std::string>();
  int pi = g.findProfile(profile);
  REQUIRE_MESSAGE(pi >= 0, profile);
  const Profile& prof = g.profiles[static_cast<size_t>(pi)];
  int start = a["migcalc/placementStart"]["int"].get<int>();
  int size = a["migcalc/placementSize"]["int"].get<int>();
  CHECK(size == prof.size);
  CHECK(std::find(prof.starts.begin(), prof.starts.end(), start) != prof.starts.end());
  CHECK(name == draDeviceName(0, profile, *prof.id, start));
  CHECK(a["type"]["string"] == "mig");
  CHECK(a["productName"]["string"] == g.names.front());
  CHECK(a.size() + d["capacity"].size() <= 32);
  REQUIRE(d["consumesCounters"].size() == 1);
  CHECK(d["consumesCounters"][0]["counterSet"] == "gpu-0-counter-set");
  std::map<std::string, long long> used;
  const Json& c = d["consumesCounters"][0]["counters"];
  for (auto it = c.begin(); it != c.end(); ++it) {
    used[it.key()] = quantityValue(it.value());
    CHECK_MESSAGE(p.totals.count(it.key()), name << " consumes " << it.key() << ", which the counter set lacks");
  }
  // Memory slices: exactly the placement's units.
  std::set<int> slices;
  for (const auto& [k, v] : used)
    if (k.rfind("memory-slice-", 0) == 0) {
      CHECK(v == 1);
      slices.insert(std::stoi(k.substr(13)));
    }
  std::set<int> want;
  for (int i = start; i < start + prof.size; ++i) want.insert(i);
  CHECK_MESSAGE(slices == want, name);
  // The other counters: the catalog's numbers for the profile, and the capacity says the same.
  auto same = [&](const char* counter, const char* capacity, std::optional<long long> v) {
    if (!p.totals.count(counter)) return;
    REQUIRE_MESSAGE(v.has_value(), counter << " published though the catalog does not know it for " << profile);
    CHECK_MESSAGE(used[counter] == *v, name << " " << counter);
    CHECK(quantityValue(d["capacity"][capacity]) == *v);
  };
  auto o = [](std::optional<int> v) { return v ? std::optional<long long>(*v) : std::nullopt; };
  same("multiprocessors", "multiprocessors", o(prof.sm));
  same("copy-engines", "copyEngines", o(prof.engines.ce));
  same("decoders", "decoders", o(prof.engines.dec));
  same("encoders", "encoders", o(prof.engines.enc));
  same("jpeg-engines", "jpegEngines", o(prof.engines.jpeg));
  same("ofa-engines", "ofaEngines", o(prof.engines.ofa));
  same("memory", "memory", prof.memory_mib ? std::optional<long long>(*prof.memory_mib * 1048576LL) : std::nullopt);
  return used;
}

std::string key(const std::string& profile, int start) { return profile + "@" + std::to_string(start); }

}  // namespace

TEST_CASE("DRA quantities are written as Kubernetes writes BinarySI quantities") {
  CHECK(draQuantity(0) == "0");
  CHECK(draQuantity(7) == "7");
  CHECK(draQuantity(1023) == "1023");
  CHECK(draQuantity(1024) == "1Ki");
  CHECK(draQuantity(1025) == "1025");
  CHECK(draQuantity(9856LL << 20) == "9856Mi");
  CHECK(draQuantity(40LL << 30) == "40Gi");
}

TEST_CASE("DRA device names follow the driver's gpu-MINOR-mig-PROFILE-ID-START") {
  CHECK(draDeviceName(0, "1g.10gb", 19, 6) == "gpu-0-mig-1g10gb-19-6");
  CHECK(draDeviceName(0, "1g.10gb+me", 20, 0) == "gpu-0-mig-1g10gb-me-20-0");
  CHECK(draDeviceName(3, "1g.24gb+me.all", 21, 2) == "gpu-3-mig-1g24gb-meall-21-2");
  CHECK(draDeviceName(0, "1g.24gb-me", 22, 2) == "gpu-0-mig-1g24gb-me-22-2");
}

TEST_CASE("DRA export of every model: counters, devices and every maximal layout against the catalog") {
  int models = 0;
  for (const auto& g : catalog()) {
    if (!g.placementsKnown()) {
      auto e = draForModel(g);
      REQUIRE_FALSE(e.ok());
      CHECK(e.error().code == Code::PLACEMENTS_UNKNOWN);
      continue;
    }
    ++models;
    CAPTURE(g.key);
    auto e = draForModel(g);
    REQUIRE_MESSAGE(e.ok(), e.error().message);
    Parsed p = parse(*e);
    // The counter set: one memory slice per placement unit, and per counter the largest value of any profile.
    for (int i = 0; i < g.units(); ++i) CHECK(p.totals["memory-slice-" + std::to_string(i)] == 1);
    CHECK_FALSE(p.totals.count("memory-slice-" + std::to_string(g.units())));
    size_t placements = 0;
    for (const auto& prof : g.profiles) placements += prof.starts.size();
    CHECK(p.devices.size() == placements);
    if (p.totals.count("multiprocessors") && g.fullSm()) CHECK(p.totals["multiprocessors"] == *g.fullSm());
    if (p.totals.count("memory") && g.fullMemoryMib()) CHECK(p.totals["memory"] == *g.fullMemoryMib() * 1048576LL);
    // Unknown numbers are left out and said so.
    for (const char* c : {"multiprocessors", "memory", "copy-engines", "decoders"}) {
      bool unknown = std::any_of(g.profiles.begin(), g.profiles.end(), [&](const Profile& prof) {
        return std::string(c) == "multiprocessors" ? !prof.sm
               : std::string(c) == "memory"        ? !prof.memory_mib
               : std::string(c) == "decoders"      ? !prof.engines.dec
                                                   : !prof.engines.ce;
      });
      CHECK(p.totals.count(c) == (unknown ? 0u : 1u));
      if (unknown)
        CHECK(std::any_of(e->notes.begin(), e->notes.end(),
                          [&](const std::string& n) { return n.rfind("Counter " + std::string(c) + " ", 0) == 0; }));
    }
    std::map<std::string, std::map<std::string, long long>> byPlacement;
    std::set<std::string> names;
    for (const auto& d : p.devices) {
      auto used = checkDevice(g, p, d);
      CHECK(names.insert(d["name"].get<std::string>()).second);
      const Json& a = d["attributes"];
      byPlacement[key(a["profile"]["string"].get<std::string>(), a["migcalc/placementStart"]["int"].get<int>())] = used;
      for (const auto& kv : used) CHECK_MESSAGE(kv.second <= p.totals[kv.first], kv.first);  // no bindings: clang 14
    }
    // Every layout the hardware allows fits in the counters: no memory slice twice, no counter over its total.
    auto layouts = enumerateLayouts(g, {});
    REQUIRE_MESSAGE(layouts.ok(), layouts.error().message);
    CHECK_FALSE(layouts->empty());
    for (const auto& l : *layouts) {
      std::map<std::string, long long> sum;
      for (const auto& inst : l.instances) {
        auto it = byPlacement.find(key(inst.profile, inst.start));
        REQUIRE_MESSAGE(it != byPlacement.end(), key(inst.profile, inst.start));
        for (const auto& [k, v] : it->second) sum[k] += v;
      }
      for (const auto& kv : sum)
        CHECK_MESSAGE(kv.second <= p.totals[kv.first],
                      g.key << ": a maximal layout needs " << kv.second << " " << kv.first);
    }
  }
  CHECK(models >= 15);
}

TEST_CASE("DRA export of a layout: only its devices, no memory slice twice, within the totals") {
  const GpuModel& g = gpu("H100-SXM5-80GB");
  auto l = prepareExport(g, {{"3g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 2}}, {});
  REQUIRE_MESSAGE(l.ok(), l.error().message);
  auto e = draForLayout(*l);
  REQUIRE_MESSAGE(e.ok(), e.error().message);
  Parsed p = parse(*e);
  REQUIRE(p.devices.size() == 4);
  std::map<std::string, long long> sum;
  std::multiset<std::string> profiles;
  for (const auto& d : p.devices) {
    for (const auto& [k, v] : checkDevice(g, p, d)) sum[k] += v;
    profiles.insert(d["attributes"]["profile"]["string"].get<std::string>());
  }
  CHECK(profiles == std::multiset<std::string>{"1g.10gb", "1g.10gb", "2g.20gb", "3g.40gb"});
  for (int i = 0; i < 8; ++i) CHECK(sum["memory-slice-" + std::to_string(i)] == 1);  // all 8, each once
  CHECK(sum["multiprocessors"] == 124);  // the README's worked example: 124 / 132 SMs
  CHECK(p.totals["multiprocessors"] == 132);
  for (const auto& [k, v] : sum) CHECK(v <= p.totals[k]);
}

TEST_CASE("DRA export through the JSON facade: model, layout, plan and errors") {
  auto model = exportFromJson({{"format", "dra"}, {"gpu", "A100-40GB"}});
  REQUIRE_MESSAGE(model.ok(), model.error().message);
  CHECK((*model)["resource_slices"]["kind"] == "List");
  CHECK((*model)["resource_slices"]["items"][1]["spec"]["devices"].size() == 25);  // A100-40GB: 25 placements
  CHECK((*model)["text"].get<std::string>().find("kind: ResourceSlice") != std::string::npos);

  auto layout = exportFromJson({{"format", "dra"}, {"gpu", "A100-40GB"}, {"request", {"3g.20gb:2"}}});
  REQUIRE_MESSAGE(layout.ok(), layout.error().message);
  CHECK((*layout)["resource_slices"]["items"][1]["spec"]["devices"].size() == 2);

  auto unknown = exportFromJson({{"format", "dra"}, {"gpu", "RTX-PRO-4500-32GB"}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == Code::PLACEMENTS_UNKNOWN);

  Json plan = {{"groups",
                {{{"model", "A100-80GB"}, {"count", 3}, {"instances", {{{"profile", "3g.40gb"}, {"start", 4}}}}},
                 {{"model", "H100-SXM5-80GB"},
                  {"count", 1},
                  {"instances", {{{"profile", "1g.10gb"}, {"start", 0}}, {{"profile", "1g.10gb"}, {"start", 1}}}}}}}};
  auto fleet = exportFromJson({{"format", "dra"}, {"plan", plan}});
  REQUIRE_MESSAGE(fleet.ok(), fleet.error().message);
  const Json& items = (*fleet)["resource_slices"]["items"];
  REQUIRE(items.size() == 4);  // two pools of a counter slice and a device slice
  CHECK(items[0]["spec"]["pool"]["name"] != items[2]["spec"]["pool"]["name"]);
  CHECK(items[1]["spec"]["devices"].size() == 1);
  CHECK(items[3]["spec"]["devices"].size() == 2);
  CHECK(items[3]["spec"]["devices"][0]["name"] == "gpu-0-mig-1g10gb-19-0");
}
