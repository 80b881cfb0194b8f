// Checking a mig-parted config against the catalog: each entry on each GPU model it applies to.
#include <algorithm>
#include <set>

#include "migcalc/base/text_util.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

namespace {

std::string entrySummary(const MigPartedEntry& e) {
  if (!e.mig_enabled) return "MIG disabled";
  std::vector<std::string> parts;
  for (const auto& [p, n] : e.mig_devices)
    if (n > 0) parts.push_back(p + " x" + std::to_string(n));
  return parts.empty() ? "MIG enabled, no instances" : join(parts, ", ");
}

EntryOnGpu onGpu(const MigPartedEntry& e, const GpuModel& gpu, bool named) {
  EntryOnGpu r;
  r.gpu = gpu.key;
  std::vector<std::string> missing;
  std::vector<ProfileCount> request;
  for (const auto& [p, n] : e.mig_devices) {
    if (n <= 0) continue;
    auto split = splitCiProfile(p);
    if (!split || gpu.findProfile(split->gi) < 0) missing.push_back(p);
    request.push_back({p, n});
  }
  if (!missing.empty()) {
    r.status = "not applicable";
    r.reason = gpu.key + " has no " + joinAnd(missing) + ".";
    return r;
  }
  if (!gpu.placementsKnown() && !named) {
    r.status = "not validated";
    r.reason = "placements of " + gpu.key + " are not known; name it with --gpu to see it as unknown.";
    return r;
  }
  auto expanded = expandComputeInstances(gpu, request);
  if (!expanded) {
    r.status = "not applicable";
    r.reason = expanded.error().message;
    return r;
  }
  r.gis = expanded->gis;
  CheckRequest req;
  req.request = expanded->gi_request;
  auto result = check(gpu, req);
  if (!result) {
    r.status = "not feasible";
    r.reason = result.error().message;
    return r;
  }
  if (result->verdict == Verdict::Feasible) {
    r.status = "feasible";
    r.instances = result->instances;
  } else {
    r.status = result->verdict == Verdict::NotFeasible ? "not feasible" : "unknown";
    std::vector<std::string> why;
    for (const auto& reason : result->reasons) why.push_back(reason.message);
    r.reason = join(why, " ");
  }
  return r;
}

}  // namespace

Result<ValidationReport> validateMigParted(const std::string& text, const GpuModel* gpu) {
  auto file = parseMigPartedConfig(text);
  if (!file) return file.error();
  ValidationReport report;
  report.unwrapped_from = file->unwrapped_from;
  report.schema_errors = file->problems;
  report.warnings = file->warnings;
  if (!report.schema_errors.empty()) {
    report.exit_code = 2;
    return report;
  }
  std::vector<const GpuModel*> models;
  if (gpu)
    models.push_back(gpu);
  else
    for (const auto& m : catalog()) models.push_back(&m);
  for (const auto& cfg : file->configs) {
    for (size_t i = 0; i < cfg.entries.size(); ++i) {
      const MigPartedEntry& e = cfg.entries[i];
      EntryReport er;
      er.config = cfg.name;
      er.index = i;
      er.line = e.line;
      er.summary = entrySummary(e);
      bool needsCheck = e.mig_enabled && std::any_of(e.mig_devices.begin(), e.mig_devices.end(),
                                                     [](const auto& d) { return d.second > 0; });
      std::vector<const GpuModel*> targets;
      for (const GpuModel* m : models) {
        bool match =
            e.device_filter.empty() || std::any_of(e.device_filter.begin(), e.device_filter.end(),
                                                   [&](const std::string& f) { return deviceFilterMatches(f, *m); });
        if (match)
          targets.push_back(m);
        else if (gpu)
          er.results.push_back({m->key,
                                "not applicable",
                                "its device-filter (" + joinAnd(e.device_filter) + ") does not name " + m->key + ".",
                                {},
                                {}});
      }
      if (!needsCheck) {
        for (const GpuModel* m : targets) er.results.push_back({m->key, "feasible", "", {}, {}});
        report.entries.push_back(std::move(er));
        continue;
      }
      if (targets.empty()) {
        if (!gpu)
          er.results.push_back({"",
                                "not validated",
                                "no catalog GPU has a PCI ID in its device-filter (" + joinAnd(e.device_filter) + ").",
                                {},
                                {}});
        report.entries.push_back(std::move(er));
        continue;
      }
      for (const GpuModel* m : targets) er.results.push_back(onGpu(e, *m, gpu != nullptr));
      size_t applicable = 0, skipped = 0;
      std::vector<std::string> infeasible;
      for (const auto& r : er.results) {
        if (r.status == "feasible" || r.status == "not feasible" || r.status == "unknown") ++applicable;
        if (r.status == "not validated") ++skipped;
        if (r.status == "not feasible") infeasible.push_back(r.gpu);
      }
      if (!infeasible.empty()) {
        er.error = "not feasible on " + joinAnd(infeasible) + ": mig-parted would fail to apply it there.";
      } else if (applicable == 0 && skipped == 0) {
        // Applicable nowhere: most likely a typo in a profile name.
        std::vector<std::string> names;
        for (const GpuModel* m : targets)
          for (const auto& p : m->profiles) names.push_back(p.name);
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        std::vector<std::string> hints;
        for (const auto& [p, n] : e.mig_devices) {
          if (n <= 0) continue;
          auto split = splitCiProfile(p);
          std::string gi = split ? split->gi : p;
          bool known = std::find(names.begin(), names.end(), gi) != names.end();
          if (known) continue;
          auto close = closeNames(gi, names, 2);
          hints.push_back("'" + p + "'" + (close.empty() ? "" : " (did you mean " + joinOr(close) + "?)"));
        }
        er.error = "applicable to no GPU model" + std::string(gpu ? " given" : " in the catalog") +
                   (hints.empty() ? ": no model offers all of its profiles together."
                                  : ": no model has " + joinAnd(hints) + ".");
      }
      if (er.error) report.exit_code = 1;
      report.entries.push_back(std::move(er));
    }
  }
  return report;
}

Json validationJson(const ValidationReport& report) {
  Json j;
  j["valid"] = report.exit_code == 0;
  j["exit_code"] = report.exit_code;
  j["unwrapped_from"] = report.unwrapped_from.empty() ? Json(nullptr) : Json(report.unwrapped_from);
  Json errors = Json::array();
  for (const auto& p : report.schema_errors) errors.push_back({{"line", p.line}, {"message", p.message}});
  j["schema_errors"] = errors;
  Json warnings = Json::array();
  for (const auto& w : report.warnings) warnings.push_back({{"line", w.line}, {"message", w.message}});
  j["warnings"] = warnings;
  Json entries = Json::array();
  for (const auto& e : report.entries) {
    Json ej = {{"config", e.config},
               {"entry", e.index},
               {"line", e.line},
               {"summary", e.summary},
               {"error", e.error ? Json(*e.error) : Json(nullptr)}};
    Json results = Json::array();
    for (const auto& r : e.results) {
      Json rj = {{"gpu", r.gpu.empty() ? Json(nullptr) : Json(r.gpu)}, {"status", r.status}};
      if (!r.reason.empty()) rj["reason"] = r.reason;
      if (!r.instances.empty()) {
        Json inst = Json::array();
        for (const auto& i : r.instances) inst.push_back(instanceJson(i));
        rj["instances"] = inst;
      }
      bool split = std::any_of(r.gis.begin(), r.gis.end(), [](const PlannedGi& g) { return !g.cis.empty(); });
      if (split) {
        Json gis = Json::array();
        for (const auto& g : r.gis) gis.push_back({{"profile", g.profile}, {"compute_instances", g.cis}});
        rj["gpu_instances"] = gis;
      }
      results.push_back(rj);
    }
    ej["results"] = results;
    entries.push_back(ej);
  }
  j["entries"] = entries;
  return j;
}

}  // namespace migcalc
