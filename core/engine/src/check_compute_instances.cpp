// check() for requests with compute-instance sub-profiles: the exact packing into GPU instances, the usual
// check of those, and each placed GPU instance annotated with its compute instances.
#include "check_compute_instances.hpp"
#include "check_gpu_instances.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"

namespace migcalc {

namespace {

std::string countedName(long long count, const std::string& name) {
  return count > 1 ? std::to_string(count) + " \u00d7 " + name : name;
}

/// Does `message` name `profile` on its own (not as the tail of "1c.3g.40gb" or the head of "3g.40gb+me")?
bool mentions(const std::string& message, const std::string& profile) {
  for (size_t at = message.find(profile); at != std::string::npos; at = message.find(profile, at + 1)) {
    bool before = at == 0 || (!std::isalnum(static_cast<unsigned char>(message[at - 1])) && message[at - 1] != '.');
    size_t end = at + profile.size();
    bool after = end >= message.size() || (!std::isalnum(static_cast<unsigned char>(message[end])) &&
                                           message[end] != '+' && message[end] != '-' &&
                                           !(message[end] == '.' && end + 1 < message.size() &&
                                             std::isalnum(static_cast<unsigned char>(message[end + 1]))));
    if (before && after) return true;
  }
  return false;
}

/// Give each created GPU instance of `list` the compute instances of the next planned GI of its profile.
void annotate(std::vector<Instance>& list, const std::vector<PlannedGi>& gis) {
  std::vector<bool> used(gis.size(), false);
  for (auto& inst : list) {
    if (inst.fixed) continue;
    for (size_t k = 0; k < gis.size(); ++k) {
      if (used[k] || gis[k].profile != inst.profile) continue;
      used[k] = true;
      for (const auto& name : gis[k].cis) {
        auto split = splitCiProfile(name);
        inst.compute_instances.push_back({name, split ? split->c : 0});
      }
      break;
    }
  }
}

/// Per GI profile that has a CI split: "6 × 1c.3g.40gb make 2 × 3g.40gb GPU instances (the fewest that hold
/// them: 3×1c; 3×1c)".
std::map<std::string, std::string> explanations(const std::vector<ProfileCount>& request, const CiExpansion& ex) {
  std::map<std::string, std::string> out;
  for (const auto& gi : ex.gi_request) {
    std::vector<std::string> shapes;
    bool split = false;
    for (const auto& planned : ex.gis)
      if (planned.profile == gi.profile) {
        shapes.push_back(planned.cis.empty() ? "undivided" : ciSizesText(planned.cis));
        split = split || !planned.cis.empty();
      }
    if (!split) continue;
    std::vector<std::pair<std::string, long long>> asked;  // request order, repeated names added up
    for (const auto& pc : request) {
      auto name = splitCiProfile(pc.profile);
      if (!name || name->gi != gi.profile) continue;
      auto it = std::find_if(asked.begin(), asked.end(), [&](const auto& a) { return a.first == pc.profile; });
      if (it == asked.end())
        asked.emplace_back(pc.profile, pc.count);
      else
        it->second += pc.count;
    }
    std::vector<std::string> names;
    for (const auto& [name, count] : asked) names.push_back(countedName(count, name));
    out[gi.profile] = joinAnd(names) + " make " + std::to_string(gi.count) + " \u00d7 " + gi.profile + " GPU instance" +
                      (gi.count == 1 ? "" : "s") + " (the fewest that hold them: " + join(shapes, "; ") + ")";
  }
  return out;
}

}  // namespace

bool hasComputeInstanceProfiles(const std::vector<ProfileCount>& request) {
  return std::any_of(request.begin(), request.end(), [](const ProfileCount& pc) {
    auto split = splitCiProfile(pc.profile);
    return split && split->c > 0;
  });
}

Result<CheckResult> checkComputeInstances(const GpuModel& gpu, const CheckRequest& req) {
  // Profiles the model has not (as GI or as the GI of a CI name) go on to check(), which reports them as for any
  // request (UNKNOWN_PROFILE, with the model's profiles); the rest is expanded.
  std::vector<ProfileCount> known, unknown;
  std::map<std::string, std::string> unknownFrom;  // GI name -> the CI name that asked for it
  for (const auto& pc : req.request) {
    auto split = splitCiProfile(pc.profile);
    if (split && gpu.findProfile(split->gi) >= 0) {
      known.push_back(pc);
      continue;
    }
    std::string gi = split ? split->gi : pc.profile;
    unknown.push_back({gi, pc.count});
    if (gi != pc.profile) unknownFrom.emplace(gi, pc.profile);
  }
  auto expanded = expandComputeInstances(gpu, known);
  if (!expanded) return expanded.error();

  CheckRequest giReq = req;
  giReq.request = expanded->gi_request;
  giReq.request.insert(giReq.request.end(), unknown.begin(), unknown.end());
  auto result = checkGpuInstances(gpu, giReq);
  if (!result) return result;
  CheckResult out = *result;
  annotate(out.instances, expanded->gis);
  annotate(out.largest_subset, expanded->gis);

  for (auto& r : out.reasons) {
    if (r.code != Code::UNKNOWN_PROFILE) continue;
    for (const auto& [gi, ciName] : unknownFrom) {
      auto at = r.message.find("'" + gi + "'");
      if (at != std::string::npos) r.message.insert(at + gi.size() + 2, " (the GPU instance of " + ciName + ")");
    }
  }
  for (const auto& explained : explanations(req.request, *expanded)) {
    // Said once: after the first reason about that GPU instance profile, else as a note.
    const std::string& gi = explained.first;
    const std::string& text = explained.second;
    auto first = std::find_if(out.reasons.begin(), out.reasons.end(),
                              [&gi](const Reason& r) { return mentions(r.message, gi); });
    if (first != out.reasons.end())
      first->message += " " + text + ".";
    else
      out.notes.push_back("Compute instances: " + text + ".");
  }
  out.notes.insert(out.notes.end(), expanded->notes.begin(), expanded->notes.end());
  return out;
}

}  // namespace migcalc
