#include "migcalc/model/gpu_model.hpp"

#include <algorithm>
#include <cctype>

#include "migcalc/model/driver.hpp"

namespace migcalc {

std::string Profile::placementsText() const {
  if (!hasPlacements()) return "unknown";
  std::string out = "{";
  for (size_t i = 0; i < starts.size(); ++i) {
    if (i) out += ",";
    out += std::to_string(starts[i]);
  }
  return out + "}:" + std::to_string(size);
}

std::string Profile::attribute() const {
  auto plus = name.find('+');
  if (plus != std::string::npos) return name.substr(plus);
  auto minus = name.find('-');
  if (minus != std::string::npos) return name.substr(minus);
  return "";
}

bool GpuModel::offeredUnder(int driver) const {
  if (driver == kNewestDriver) return max_driver == 0;
  return driver >= min_driver && (max_driver == 0 || driver <= max_driver);
}

const GpuModel& GpuModel::underDriver(int driver) const {
  const GpuModel* best = this;
  if (driver == kNewestDriver) return *best;
  for (const auto& v : driver_variants)
    if (v.offeredUnder(driver) && (best == this || v.max_driver < best->max_driver)) best = &v;
  return *best;
}

bool GpuModel::placementsKnown() const {
  if (!placement_units || profiles.empty()) return false;
  return std::all_of(profiles.begin(), profiles.end(), [](const Profile& p) { return p.hasPlacements(); });
}

bool GpuModel::placementsInferred() const {
  auto it = confidence.find("placements");
  return it != confidence.end() && it->second == "inferred";
}

int GpuModel::findProfile(const std::string& name) const {
  for (size_t i = 0; i < profiles.size(); ++i)
    if (profiles[i].name == name) return static_cast<int>(i);
  return -1;
}

const Profile* GpuModel::fullProfile() const {
  const Profile* best = nullptr;
  for (const auto& p : profiles) {
    if (p.hasAttribute()) continue;
    if (!best || p.compute_slices > best->compute_slices) best = &p;
  }
  return best;
}

std::optional<int> GpuModel::fullSm() const {
  const Profile* full = fullProfile();
  return full ? full->sm : std::nullopt;
}

std::optional<int> GpuModel::fullMemoryMib() const {
  const Profile* full = fullProfile();
  return full ? full->memory_mib : std::nullopt;
}

bool GpuModel::isBaseProfile(int index) const {
  const Profile& p = profiles[static_cast<size_t>(index)];
  if (p.hasAttribute()) return false;
  for (const auto& q : profiles)
    if (!q.hasAttribute() && q.compute_slices == p.compute_slices && q.size < p.size) return false;
  return true;
}

bool parsePlacements(const std::string& text, std::vector<int>& starts, int& size) {
  starts.clear();
  size = 0;
  size_t i = 0;
  auto skipSpace = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  auto number = [&](int& out) {
    skipSpace();
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    long v = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      v = v * 10 + (text[i++] - '0');
      if (v > 4096) return false;
    }
    out = static_cast<int>(v);
    return true;
  };
  skipSpace();
  if (i >= text.size() || text[i] != '{') return false;
  ++i;
  for (;;) {
    int s = 0;
    if (!number(s)) return false;
    starts.push_back(s);
    skipSpace();
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == '}') {
      ++i;
      break;
    }
    return false;
  }
  skipSpace();
  if (i >= text.size() || text[i] != ':') return false;
  ++i;
  if (!number(size) || size <= 0) return false;
  skipSpace();
  return i == text.size();
}

bool isValidProfileName(const std::string& name) {
  if (name.size() > kMaxProfileNameLength) return false;
  size_t i = 0;
  auto digits = [&] {  // a slice count: 1 to 3 digits, no leading zero
    size_t from = i;
    while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
    return i > from && i - from <= 3 && name[from] != '0';
  };
  // optional "<c>c."
  size_t save = i;
  if (digits() && i < name.size() && name[i] == 'c') {
    ++i;
    if (i >= name.size() || name[i] != '.') return false;
    ++i;
  } else {
    i = save;
  }
  if (!digits() || i >= name.size() || name[i] != 'g') return false;
  ++i;
  if (i >= name.size() || name[i] != '.') return false;
  ++i;
  size_t gbFrom = i;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  if (i == gbFrom || i - gbFrom > 4) return false;  // memory: 1 to 4 digits
  if (name.compare(i, 2, "gb") != 0) return false;
  i += 2;
  if (i == name.size()) return true;
  char sign = name[i++];
  if (sign != '+' && sign != '-') return false;
  // attributes: alphanumeric plus dots, not starting with a digit or dot; '+' allows a comma list
  for (;;) {
    if (i >= name.size() || !std::isalpha(static_cast<unsigned char>(name[i]))) return false;
    while (i < name.size() && (std::isalnum(static_cast<unsigned char>(name[i])) || name[i] == '.')) ++i;
    if (i == name.size()) return name.back() != '.';
    if (name[i] == ',' && sign == '+') {
      ++i;
      continue;
    }
    return false;
  }
}

std::string migPartedDeviceId(const std::string& catalogPciId) {
  std::string hex = catalogPciId;
  if (hex.size() > 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex = hex.substr(2);
  std::transform(hex.begin(), hex.end(), hex.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return "0x" + hex + "10DE";
}

}  // namespace migcalc
