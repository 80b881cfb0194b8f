#include "migcalc/model/profile_names.hpp"

#include <cstdlib>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

namespace {

struct NameParts {
  std::string head;  // "[<c>c.]<g>g."
  int gb = -1;       // the memory digits
  std::string tail;  // "+me", "-me", ...
};

/// "1c.3g.20gb+me" -> {"1c.3g.", 20, "+me"}; gb stays -1 when the name is not of that form.
NameParts split(const std::string& name) {
  NameParts p;
  auto gbAt = name.find("gb");
  auto dot = name.rfind('.', gbAt);
  if (gbAt == std::string::npos || dot == std::string::npos || dot + 1 >= gbAt) return p;
  auto digits = smallNumber(name.substr(dot + 1, gbAt - dot - 1));
  if (!digits) return p;
  p.head = name.substr(0, dot + 1);
  p.gb = *digits;
  p.tail = name.substr(gbAt + 2);
  return p;
}

}  // namespace

ProfileMatch resolveProfile(const GpuModel& gpu, const std::string& raw, ProfileNames how) {
  int exact = gpu.findProfile(raw);
  if (exact >= 0) return {exact, ""};
  std::string name = lower(trim(raw));
  if (name.rfind("mig-", 0) == 0) name = name.substr(4);
  auto gbAt = name.find("gb.");
  if (gbAt != std::string::npos) name[gbAt + 2] = '+';  // the resource spelling of "+me": "1g.10gb.me"
  for (size_t i = 0; i < gpu.profiles.size(); ++i)
    if (lower(gpu.profiles[i].name) == name)
      return {static_cast<int>(i), quote(raw, 40) + " is " + gpu.profiles[i].name + " on " + gpu.key + "."};
  NameParts want = split(name);
  if (how != ProfileNames::MemoryRoundings || want.gb < 0) return {};
  int found = -1;
  for (size_t i = 0; i < gpu.profiles.size(); ++i) {
    NameParts have = split(lower(gpu.profiles[i].name));
    if (have.head == want.head && have.tail == want.tail && have.gb >= 0 && std::abs(have.gb - want.gb) <= 1) {
      if (found >= 0) return {};  // two candidates: no guess
      found = static_cast<int>(i);
    }
  }
  if (found < 0) return {};
  return {found,
          quote(raw, 40) + " is " + gpu.profiles[found].name + " on " + gpu.key +
              ": the same slices, with the memory rounded differently (older drivers, GPU Feature Discovery labels "
              "and other GPUs name profiles by their own rounding)."};
}

}  // namespace migcalc
