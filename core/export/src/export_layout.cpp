// Turning a request into a feasible layout for the exporters.
#include "migcalc/export/export_layout.hpp"

#include "migcalc/base/text_util.hpp"

namespace migcalc {

Result<ExportLayout> prepareExport(const GpuModel& asCatalogued, const std::vector<ProfileCount>& request,
                                   const std::vector<FixedInstance>& fixed, int driver) {
  const GpuModel& gpu = asCatalogued.underDriver(driver);  // a driver variant's own table, where it has one
  std::vector<std::string> renamed;
  CheckRequest asModelNamesThem = withModelProfileNames(gpu, {request, fixed, driver}, renamed);
  auto expanded = expandComputeInstances(gpu, asModelNamesThem.request);
  if (!expanded) return expanded.error();
  ExportLayout out;
  out.gpu = gpu;
  out.request.request = expanded->gi_request;
  out.request.fixed = asModelNamesThem.fixed;
  out.request.driver = driver;
  out.notes = renamed;
  out.notes.insert(out.notes.end(), expanded->notes.begin(), expanded->notes.end());
  auto result = check(gpu, out.request);
  if (!result) return result.error();
  out.result = *result;
  if (result->verdict != Verdict::Feasible) {
    std::vector<std::string> why;
    for (const auto& r : result->reasons) why.push_back(r.message);
    if (result->verdict == Verdict::Unknown)
      return Error{Code::PLACEMENTS_UNKNOWN, "Nothing to export: " + gpu.key +
                                                 "'s placements are not known, so the layout cannot be checked. " +
                                                 join(why, " ")};
    return Error{Code::NOT_FEASIBLE,
                 "Nothing to export: the request is not feasible on " + gpu.key + ". " + join(why, " ")};
  }
  if (!gpu.placementsKnown()) {
    // Feasible without starts: one profile up to its cap. An export writes explicit starts, which are not known.
    std::string names;
    for (const auto& pc : out.request.request) names += (names.empty() ? "" : ", ") + pc.profile;
    return Error{
        Code::PLACEMENTS_UNKNOWN,
        "Nothing to export: the request fits on " + gpu.key +
            ", but no placement table is known for this model, so migcalc cannot write the starts an "
            "export gives. Let the driver place each instance: nvidia-smi mig -cgi PROFILE -C, once per instance (" +
            names + ")."};
  }
  // Pair the placed GIs of each profile, in creation order, with the expansion's GIs of that profile.
  std::vector<bool> used(expanded->gis.size(), false);
  for (const auto& inst : result->instances) {
    PlacedGi p;
    p.instance = inst;
    int pi = gpu.findProfile(inst.profile);
    if (pi >= 0) p.profile_id = gpu.profiles[static_cast<size_t>(pi)].id;
    if (inst.fixed) {
      out.fixed.push_back(p);
      continue;
    }
    for (size_t k = 0; k < expanded->gis.size(); ++k) {
      if (used[k] || expanded->gis[k].profile != inst.profile) continue;
      used[k] = true;
      p.cis = expanded->gis[k].cis;
      break;
    }
    out.created.push_back(p);
  }
  return out;
}

std::string layoutText(const std::vector<PlacedGi>& gis) {
  std::vector<std::string> parts;
  for (const auto& g : gis) {
    std::string s = g.instance.profile + "@" + std::to_string(g.instance.start) + ":" + std::to_string(g.instance.size);
    if (!g.cis.empty()) s += " (" + join(g.cis, " + ") + ")";
    parts.push_back(s);
  }
  return parts.empty() ? "(none)" : join(parts, ", ");
}

}  // namespace migcalc
