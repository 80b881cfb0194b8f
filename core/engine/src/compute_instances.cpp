// Compute-instance sub-profiles: names, what the catalog says about them, and mig-parted's way of filling GIs.
#include "migcalc/engine/compute_instances.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/ci_packing.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

std::optional<CiProfileName> splitCiProfile(const std::string& name) {
  if (!isValidProfileName(name)) return std::nullopt;
  size_t i = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  if (i < name.size() && name[i] == 'c') {
    auto slices = smallNumber(name.substr(0, i));
    if (!slices) return std::nullopt;
    return CiProfileName{*slices, name.substr(i + 2)};
  }
  return CiProfileName{0, name};
}

namespace {

/// The parenthesised facts after `name` in the text ("1c.3g.20gb (CI id 0, 3 inst, 14 SM)" -> "CI id 0, 3 inst, 14
/// SM").
std::optional<std::string> factsAbout(const std::string& text, const std::string& name) {
  size_t from = 0;
  while ((from = text.find(name, from)) != std::string::npos) {
    bool startOk = from == 0 || (!std::isalnum(static_cast<unsigned char>(text[from - 1])) && text[from - 1] != '.');
    size_t end = from + name.size();
    if (startOk && text.compare(end, 2, " (") == 0) {
      size_t close = text.find(')', end);
      if (close != std::string::npos) return text.substr(end + 2, close - end - 2);
    }
    from = end;
  }
  return std::nullopt;
}

/// The number right after `word` ("id 0" -> 0) or right before it ("3 inst" -> 3) in the facts.
std::optional<int> numberAfter(const std::string& facts, const std::string& word) {
  auto pos = facts.find(word);
  if (pos == std::string::npos) return std::nullopt;
  size_t i = pos + word.size();
  while (i < facts.size() && facts[i] == ' ') ++i;
  size_t from = i;
  while (i < facts.size() && std::isdigit(static_cast<unsigned char>(facts[i]))) ++i;
  return smallNumber(facts.substr(from, i - from));
}
std::optional<int> numberBefore(const std::string& facts, const std::string& word) {
  auto pos = facts.find(word);
  if (pos == std::string::npos || pos < 2) return std::nullopt;
  size_t end = pos;
  while (end > 0 && facts[end - 1] == ' ') --end;
  size_t i = end;
  while (i > 0 && std::isdigit(static_cast<unsigned char>(facts[i - 1]))) --i;
  return smallNumber(facts.substr(i, end - i));
}

/// CI sizes a GI of g compute slices offers on the GPUs the MIG User Guide lists (7g: 1c,2c,3c,4c,7c; 4g: 1c,2c,4c
/// ...).
bool ciSizeExists(int c, int g) {
  if (c < 1 || c > g) return false;
  if (g == 4) return c != 3;
  if (g == 7) return c <= 4 || c == 7;
  return true;
}

}  // namespace

Result<CiProfileInfo> ciProfileInfo(const GpuModel& gpu, const std::string& giProfile, int c) {
  int pi = gpu.findProfile(giProfile);
  if (pi < 0) return Error{Code::UNKNOWN_PROFILE, gpu.key + " has no GPU-instance profile '" + giProfile + "'."};
  const Profile& p = gpu.profiles[static_cast<size_t>(pi)];
  int g = p.compute_slices;
  CiProfileInfo info;
  bool whole = c == 0 || c == g;
  info.c = whole ? g : c;
  info.name = whole ? giProfile : std::to_string(c) + "c." + giProfile;
  if (!whole && !ciSizeExists(c, g)) {
    std::vector<std::string> valid;
    for (int k = 1; k < g; ++k)
      if (ciSizeExists(k, g)) valid.push_back(std::to_string(k) + "c." + giProfile);
    valid.push_back(giProfile + " (one compute instance spanning it)");
    return Error{Code::BAD_CI_PROFILE, "'" + info.name + "': a " + giProfile + " GPU instance has " +
                                           std::to_string(g) + " compute slices and offers no " + std::to_string(c) +
                                           "-slice compute instance. Its compute instances: " + join(valid, ", ") +
                                           "."};
  }
  info.per_gi = whole ? 1 : g / c;
  if (!gpu.compute_instance_profiles.empty()) {
    if (auto facts = factsAbout(gpu.compute_instance_profiles, info.name)) {
      if (auto id = numberAfter(*facts, "CI profile id"))
        info.id = id;
      else if (auto id2 = numberAfter(*facts, "CI id"))
        info.id = id2;
      auto n = numberBefore(*facts, "inst");
      if (n && *n > 0 && !whole) {
        info.per_gi = *n;
        info.per_gi_from_catalog = true;
      }
    }
  }
  return info;
}

std::string ciSizesText(const std::vector<std::string>& cis) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < cis.size();) {
    size_t j = i;
    while (j < cis.size() && cis[j] == cis[i]) ++j;
    auto split = splitCiProfile(cis[i]);
    std::string size = split && split->c > 0 ? std::to_string(split->c) + "c" : cis[i];
    parts.push_back(j - i > 1 ? std::to_string(j - i) + "\u00d7" + size : size);
    i = j;
  }
  return join(parts, "+");
}

std::vector<CiProfileInfo> ciProfilesOf(const GpuModel& gpu, const std::string& giProfile) {
  std::vector<CiProfileInfo> out;
  int pi = gpu.findProfile(giProfile);
  if (pi < 0) return out;
  for (int c = 1; c < gpu.profiles[static_cast<size_t>(pi)].compute_slices; ++c)
    if (auto info = ciProfileInfo(gpu, giProfile, c)) out.push_back(*info);
  return out;
}

Result<CiExpansion> expandComputeInstances(const GpuModel& gpu, const std::vector<ProfileCount>& request) {
  struct Group {  // one GI profile: whole GIs asked for, and the compute-instance kinds to pack
    std::string gi;
    int g = 0;
    long long whole = 0;
    std::vector<CiProfileInfo> cis;
    std::vector<CiKind> kinds;
  };
  std::vector<Group> groups;
  CiExpansion out;
  for (const auto& pc : request) {
    auto split = splitCiProfile(pc.profile);
    if (!split)
      return Error{Code::BAD_PROFILE_NAME,
                   "'" + pc.profile +
                       "' is not a profile name. Write <g>g.<GB>gb (e.g. 3g.40gb) or a compute-instance "
                       "sub-profile <c>c.<g>g.<GB>gb (e.g. 1c.3g.40gb)."};
    auto info = ciProfileInfo(gpu, split->gi, split->c);
    if (!info) return info.error();
    int g = gpu.profiles[static_cast<size_t>(gpu.findProfile(split->gi))].compute_slices;
    auto group = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.gi == split->gi; });
    if (group == groups.end()) group = groups.insert(groups.end(), Group{split->gi, g, 0, {}, {}});
    if (info->c == g) {
      group->whole += pc.count;
      continue;
    }
    auto known = std::find_if(group->cis.begin(), group->cis.end(),
                              [&](const CiProfileInfo& x) { return x.name == info->name; });
    if (known != group->cis.end()) {
      group->kinds[static_cast<size_t>(known - group->cis.begin())].count += pc.count;
      continue;
    }
    group->cis.push_back(*info);
    group->kinds.push_back({info->c, info->per_gi, pc.count});
    if (!info->per_gi_from_catalog)
      out.notes.push_back(info->name + ": up to " + std::to_string(info->per_gi) + " per " + split->gi +
                          " GPU instance, from its compute slices (" + std::to_string(g) + " / " +
                          std::to_string(info->c) + "); the catalog does not list this count.");
  }
  // The creation order: larger GPU instances first; within a profile, undivided ones, then the packed ones.
  // (std::sort on indices, ties in request order: the same order as a stable sort, without its code in the wasm.)
  std::vector<size_t> order(groups.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return groups[a].g != groups[b].g ? groups[a].g > groups[b].g : a < b; });
  for (size_t index : order) {
    const Group& group = groups[index];
    long long asked = group.whole;
    for (const auto& kind : group.kinds) asked += kind.count;
    if (asked > kMaxExpandedInstances)
      return Error{Code::BAD_COUNT, "Too many instances of " + group.gi + " requested for one GPU (" +
                                        std::to_string(asked) + "; at most " + std::to_string(kMaxExpandedInstances) +
                                        " are read)."};
    CiPacking packing = packComputeInstances(group.g, group.kinds);
    long long total = group.whole + static_cast<long long>(packing.gis.size());
    for (long long k = 0; k < group.whole; ++k) out.gis.push_back({group.gi, {}});
    for (const auto& gi : packing.gis) {
      PlannedGi planned{group.gi, {}};
      for (int kind : gi) planned.cis.push_back(group.cis[static_cast<size_t>(kind)].name);
      out.gis.push_back(std::move(planned));
    }
    if (!packing.exact)
      out.notes.push_back("The compute instances of " + group.gi + " were packed first-fit into " +
                          std::to_string(packing.gis.size()) + " GPU instances; at least " +
                          std::to_string(packing.lower_bound) + " are needed (too many to pack exactly).");
    out.gi_request.push_back({group.gi, total});
  }
  return out;
}

}  // namespace migcalc
