#include "migcalc/io/json_io.hpp"

#include <cctype>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/engine/usage.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

namespace {

Json opt(const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); }
Json optD(const std::optional<double>& v) {
  if (!v) return nullptr;
  double d = *v;
  if (d == static_cast<double>(static_cast<long long>(d))) return static_cast<long long>(d);
  return d;
}
Json measure(const Measure& m) { return {{"used", optD(m.used)}, {"total", optD(m.total)}}; }
Json engines(const Engines& e) {
  return {{"dec", opt(e.dec)}, {"enc", opt(e.enc)}, {"jpeg", opt(e.jpeg)}, {"ofa", opt(e.ofa)}, {"ce", opt(e.ce)}};
}
Json strMap(const std::map<std::string, std::string>& m) {
  Json j = Json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

Json profileJson(const GpuModel& gpu, const Profile& p) {
  Json j = {{"name", p.name},
            {"id", opt(p.id)},
            {"compute_slices", p.compute_slices},
            {"instances", p.instances},
            {"memory_mib", opt(p.memory_mib)},
            {"memory_gib", p.memory_gib ? Json(*p.memory_gib) : Json(nullptr)},
            {"sm", opt(p.sm)}};
  Json e = engines(p.engines);
  for (auto it = e.begin(); it != e.end(); ++it) j[it.key()] = it.value();
  j["placements"] = p.hasPlacements() ? Json(p.placementsText()) : Json(nullptr);
  j["min_driver"] = opt(p.min_driver);
  j["confidence"] = strMap(p.confidence);
  j["sources"] = p.sources;
  if (!p.notes.empty()) j["notes"] = p.notes;
  (void)gpu;
  return j;
}

Json namedConfigsJson(const GpuModel& g) {
  Json configs = Json::object();
  for (const auto& c : g.named_configs) {
    Json d = Json::object();
    for (const auto& [name, count] : c.devices) d[name] = count;
    configs[c.name] = d;
  }
  return configs;
}

}  // namespace

Json errorJson(const Error& e) { return {{"error", {{"code", e.codeName()}, {"message", e.message}}}}; }

Json instanceJson(const Instance& i) {
  Json j = {{"profile", i.profile},
            {"start", i.start},
            {"size", i.size},
            {"compute_slices", i.compute_slices},
            {"fixed", i.fixed}};
  if (!i.compute_instances.empty()) {
    Json cis = Json::array();
    for (const auto& ci : i.compute_instances)
      cis.push_back({{"profile", ci.profile}, {"compute_slices", ci.compute_slices}});
    j["compute_instances"] = cis;
  }
  return j;
}

Json gpuSummaryJson(const GpuModel& g) {
  return {{"key", g.key},
          {"family", g.family},
          {"names", g.names},
          {"pci_ids", g.pci_ids},
          {"total_memory_mib", opt(g.total_memory_mib)},
          {"sms", opt(g.fullSm())},
          {"compute_slices", g.compute_slices},
          {"memory_slices", g.memory_slices},
          {"placement_units", opt(g.placement_units)},
          {"min_driver", g.min_driver},
          {"placements_known", g.placementsKnown()},
          {"placements_inferred", g.placementsInferred()},
          {"confidence", strMap(g.confidence)},
          {"custom", g.custom}};
}

Json gpusJson() {
  Json list = Json::array();
  for (const auto& g : catalog()) list.push_back(gpuSummaryJson(g));
  return {{"catalog_version", catalogVersion()}, {"gpus", list}};
}

Json gpuModelJson(const GpuModel& g) {
  Json j = {{"key", g.key},
            {"family", g.family},
            {"architecture", g.architecture},
            {"names", g.names},
            {"pci_ids", g.pci_ids},
            {"total_memory_mib", opt(g.total_memory_mib)},
            {"die_sm", opt(g.die_sm)},
            {"compute_slices", g.compute_slices},
            {"memory_slices", g.memory_slices},
            {"placement_units", opt(g.placement_units)},
            {"max_instances", opt(g.max_instances)},
            {"min_driver", g.min_driver},
            {"min_driver_note", g.min_driver_note},
            {"engine_totals", engines(g.engine_totals)},
            {"confidence", strMap(g.confidence)}};
  Json rules = Json::array();
  for (const auto& r : g.driver_rules)
    rules.push_back(
        {{"together", r.together}, {"min_driver", r.min_driver}, {"source", r.source}, {"confidence", r.confidence}});
  j["driver_rules"] = rules;
  j["named_configs"] = namedConfigsJson(g);
  Json profiles = Json::array();
  for (const auto& p : g.profiles) profiles.push_back(profileJson(g, p));
  j["profiles"] = profiles;
  j["notes"] = g.notes;
  j["sources"] = g.sources;
  return j;
}

Json profilesJson(const GpuModel& g) {
  Json j = gpuSummaryJson(g);
  j["engine_totals"] = engines(g.engine_totals);
  j["min_driver_note"] = g.min_driver_note;
  Json profiles = Json::array();
  for (size_t i = 0; i < g.profiles.size(); ++i) {
    Json p = profileJson(g, g.profiles[i]);
    p["base"] = g.isBaseProfile(static_cast<int>(i));
    Json cis = Json::array();
    for (const auto& ci : ciProfilesOf(g, g.profiles[i].name))
      cis.push_back({{"name", ci.name}, {"compute_slices", ci.c}, {"id", opt(ci.id)}, {"per_gi", ci.per_gi}});
    p["ci_profiles"] = cis;
    profiles.push_back(p);
  }
  j["profiles"] = profiles;
  Json rules = Json::array();
  for (const auto& r : g.driver_rules) rules.push_back({{"together", r.together}, {"min_driver", r.min_driver}});
  j["driver_rules"] = rules;
  j["named_configs"] = namedConfigsJson(g);
  j["notes"] = g.notes;
  j["sources"] = g.sources;
  if (catalogOmitsSources() && !g.custom) j["sources_omitted"] = true;  // not empty: not embedded in this build
  return j;
}

Json checkJson(const GpuModel& gpu, const CheckRequest& req, const CheckResult& r) {
  Json j;
  j["gpu"] = gpu.key;
  j["verdict"] = verdictName(r.verdict);
  j["feasible"] = r.verdict == Verdict::Unknown ? Json(nullptr) : Json(r.verdict == Verdict::Feasible);
  j["driver"] = req.driver == kNewestDriver ? Json("newest") : Json(driverName(req.driver));
  Json request = Json::array();
  for (const auto& pc : req.request) request.push_back({{"profile", pc.profile}, {"count", pc.count}});
  j["request"] = request;
  Json instances = Json::array();
  for (const auto& i : r.instances) {
    Json ij = instanceJson(i);
    ij["compute_slice_indices"] = computeSlicesOf(gpu, i.start, i.compute_slices);
    instances.push_back(ij);
  }
  j["instances"] = instances;
  Json reasons = Json::array();
  for (const auto& x : r.reasons)
    reasons.push_back(
        {{"code", codeName(x.code)}, {"message", x.message}, {"units", x.units}, {"profiles", x.profiles}});
  j["reasons"] = reasons;
  Json subset = Json::array();
  int subsetCs = 0;
  for (const auto& i : r.largest_subset) {
    subset.push_back(instanceJson(i));
    subsetCs += i.compute_slices;
  }
  j["largest_subset"] =
      r.verdict == Verdict::NotFeasible && gpu.placementsKnown()  // without placements no part is known to fit
          ? Json{{"instances", subset}, {"count", r.largest_subset.size()}, {"compute_slices", subsetCs}}
          : Json(nullptr);
  Json remaining = Json::object();
  for (const auto& x : r.remaining) remaining[x.profile] = opt(x.count);
  j["remaining"] = remaining;
  const Utilization& u = r.utilization;
  j["utilization"] = {{"compute_slices", measure(u.compute_slices)},
                      {"placement_units", measure(u.placement_units)},
                      {"memory_slices", measure(u.memory_slices)},
                      {"sms", measure(u.sms)},
                      {"memory_mib", measure(u.memory_mib)},
                      {"dec", measure(u.dec)},
                      {"enc", measure(u.enc)},
                      {"jpeg", measure(u.jpeg)},
                      {"ofa", measure(u.ofa)}};
  j["stranded"] = r.verdict == Verdict::Unknown ? Json(nullptr)
                                                : Json{{"placement_units", r.stranded.units.size()},
                                                       {"units", r.stranded.units},
                                                       {"compute_slices", r.stranded.compute_slices}};
  j["notes"] = r.notes;
  return j;
}

Json layoutsJson(const GpuModel& gpu, const std::vector<std::string>& profiles, const std::vector<Layout>& layouts) {
  Json list = Json::array();
  for (const auto& l : layouts) {
    Json inst = Json::array();
    for (const auto& i : l.instances) inst.push_back(instanceJson(i));
    list.push_back({{"instances", inst}});
  }
  return {{"gpu", gpu.key}, {"profiles", profiles}, {"count", layouts.size()}, {"layouts", list}};
}

Result<ProfileCount> parseProfileCount(const std::string& raw) {
  std::string text = trim(raw);
  auto colon = text.rfind(':');
  ProfileCount pc;
  pc.profile = text.substr(0, colon);
  if (pc.profile.empty())
    return Error{Code::BAD_REQUEST, "Empty profile in '" + raw + "'. Write PROFILE[:COUNT], e.g. 3g.40gb:2."};
  if (colon == std::string::npos) return pc;
  std::string count = text.substr(colon + 1);
  bool digits = !count.empty() && count.size() <= 18;
  for (size_t i = 0; i < count.size(); ++i)
    digits = digits && (std::isdigit(static_cast<unsigned char>(count[i])) || (i == 0 && count[i] == '-'));
  if (!digits || count == "-")
    return Error{Code::BAD_COUNT, "'" + count + "' in '" + raw +
                                      "' is not a count. Write PROFILE[:COUNT] with a whole number from 1 to " +
                                      std::to_string(kMaxCount) + "."};
  pc.count = std::stoll(count);
  if (pc.count == 0)
    return Error{Code::BAD_COUNT, "'" + raw +
                                      "' asks for zero instances. A count must be at least 1. If you meant "
                                      "nvidia-smi's name:start (an instance at start 0), use --fixed " +
                                      pc.profile + "@0."};
  if (pc.count < 0)
    return Error{Code::BAD_COUNT, "'" + raw + "' has a negative count. A count is a whole number from 1 to " +
                                      std::to_string(kMaxCount) + "."};
  if (pc.count > kMaxCount)
    return Error{Code::BAD_COUNT, "'" + raw + "': " + count + " is too many for one GPU (at most " +
                                      std::to_string(kMaxCount) + "). For many GPUs, use `migcalc plan`."};
  return pc;
}

Result<FixedInstance> parseFixed(const std::string& raw) {
  std::string text = trim(raw);
  auto at = text.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size())
    return Error{Code::BAD_FIXED, "'" + raw +
                                      "' is not a fixed instance. Write PROFILE@START, e.g. 1g.10gb@0 (the start as "
                                      "nvidia-smi mig -lgi shows it)."};
  std::string start = text.substr(at + 1);
  for (char c : start)
    if (!std::isdigit(static_cast<unsigned char>(c)) || start.size() > 4)
      return Error{Code::BAD_FIXED,
                   "'" + start + "' in '" + raw +
                       "' is not a start. A start is a whole number from 0 to 31 (a placement unit), e.g. 1g.10gb@0."};
  return FixedInstance{text.substr(0, at), std::stoi(start)};
}

}  // namespace migcalc
