// Compute-instance sub-profiles: names, what the catalog says about them, and mig-parted's way of filling GIs.
#include "migcalc/engine/compute_instances.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "migcalc/base/text_util.hpp"
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
  struct Item {
    std::string gi;
    int g = 0;
    CiProfileInfo ci;
    bool whole = true;
    long long count = 0;
  };
  std::vector<Item> items;
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
    int pi = gpu.findProfile(split->gi);
    Item it{split->gi, gpu.profiles[static_cast<size_t>(pi)].compute_slices, *info,
            info->c == gpu.profiles[static_cast<size_t>(pi)].compute_slices, pc.count};
    bool merged = false;
    for (auto& existing : items)
      if (existing.ci.name == it.ci.name) existing.count += it.count, merged = true;
    if (!merged) items.push_back(it);
  }
  // mig-parted's order: larger GIs first, then larger CIs first (stable for equal sizes).
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.g != b.g) return a.g > b.g;
    return a.ci.c > b.ci.c;
  });
  struct OpenGi {
    int freeSlices = 0;
    std::map<std::string, int> counts;
  };
  OpenGi open;
  for (const auto& it : items) {
    for (long long k = 0; k < it.count; ++k) {
      if (out.gis.size() >= 10000) return Error{Code::BAD_COUNT, "Too many instances requested for one GPU."};
      if (it.whole) {
        out.gis.push_back({it.gi, {}});
        open = OpenGi{};
        continue;
      }
      bool fits = !out.gis.empty() && out.gis.back().profile == it.gi && !out.gis.back().cis.empty() &&
                  open.freeSlices >= it.ci.c && open.counts[it.ci.name] < it.ci.per_gi;
      if (!fits) {
        out.gis.push_back({it.gi, {}});
        open = OpenGi{it.g, {}};
      }
      out.gis.back().cis.push_back(it.ci.name);
      open.freeSlices -= it.ci.c;
      ++open.counts[it.ci.name];
    }
    if (!it.whole && !it.ci.per_gi_from_catalog)
      out.notes.push_back(it.ci.name + ": up to " + std::to_string(it.ci.per_gi) + " per " + it.gi +
                          " GPU instance, from its compute slices (" + std::to_string(it.g) + " / " +
                          std::to_string(it.ci.c) + "); the catalog does not list this count.");
  }
  for (const auto& gi : out.gis) {
    auto found = std::find_if(out.gi_request.begin(), out.gi_request.end(),
                              [&](const ProfileCount& pc) { return pc.profile == gi.profile; });
    if (found == out.gi_request.end())
      out.gi_request.push_back({gi.profile, 1});
    else
      ++found->count;
  }
  return out;
}

}  // namespace migcalc
