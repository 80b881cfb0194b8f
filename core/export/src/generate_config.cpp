// NVIDIA's named configs generated from the catalog's rules (reference mig-parted-format.md §4).
#include "migcalc/export/generate_config.hpp"

#include <algorithm>
#include <sstream>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

std::string allProfileConfigName(const std::string& profile) {
  std::string name = "all-" + profile;
  std::replace(name.begin(), name.end(), '+', '.');
  return name;
}

bool profileSupported(const GpuModel& gpu, const Profile& profile, int driver) {
  return driverAtLeast(driver, gpu.min_driver) && driverAtLeast(driver, profile.min_driver.value_or(0));
}

namespace {

/// balanced.go: per compute-slice size, the plain profile with the most instances (for 1g the small-memory one).
const Profile* balancedProfile(const GpuModel& gpu, int slices, int driver) {
  const Profile* best = nullptr;
  for (const auto& p : gpu.profiles)
    if (!p.hasAttribute() && p.compute_slices == slices && profileSupported(gpu, p, driver) &&
        (best == nullptr || p.instances > best->instances))
      best = &p;
  return best;
}

std::optional<NamedConfig> balancedConfig(const GpuModel& gpu, int driver) {
  std::vector<std::pair<int, int>> shape;  // compute slices -> count
  if (gpu.compute_slices == 7)
    shape = {{1, 2}, {2, 1}, {3, 1}};
  else if (gpu.compute_slices == 4)
    shape = {{1, 2}, {2, 1}};
  else
    return std::nullopt;
  NamedConfig c{"all-balanced", {}};
  for (const auto& [slices, count] : shape) {
    const Profile* p = balancedProfile(gpu, slices, driver);
    if (p == nullptr) return std::nullopt;
    c.devices.emplace_back(p->name, count);
  }
  for (const auto& rule : gpu.driver_rules) {
    if (driverAtLeast(driver, rule.min_driver)) continue;
    bool all = std::all_of(rule.together.begin(), rule.together.end(), [&](const std::string& name) {
      return std::any_of(c.devices.begin(), c.devices.end(), [&](const auto& d) { return d.first == name; });
    });
    if (all) return std::nullopt;
  }
  return c;
}

std::vector<std::string> deviceFilter(const std::vector<const GpuModel*>& models) {
  std::vector<std::string> ids;
  for (const auto* m : models)
    for (const auto& id : m->pci_ids) {
      std::string spelled = migPartedDeviceId(id);
      if (std::find(ids.begin(), ids.end(), spelled) == ids.end()) ids.push_back(spelled);
    }
  return ids;
}

/// One meaning of a config name: what it creates, and the models for which it means that.
struct Meaning {
  std::vector<std::pair<std::string, int>> devices;
  std::vector<const GpuModel*> models;
};

/// Would an entry without a device filter reach `gpu` (mig-parted applies it to any GPU that has the profiles)?
bool reaches(const GpuModel& gpu, const std::vector<std::pair<std::string, int>>& devices) {
  return std::all_of(devices.begin(), devices.end(), [&](const auto& d) { return gpu.findProfile(d.first) >= 0; });
}

/// The entries of one config. Without a device filter only when the name means the same on every model it would
/// reach: every chosen model that has its profiles (also one the driver leaves out: after a driver update it
/// would apply there).
void addEntries(GeneratedConfig& config, std::vector<Meaning>& meanings, const std::vector<const GpuModel*>& chosen,
                std::vector<std::string>& notes) {
  const bool anyGpu =
      meanings.size() == 1 && std::all_of(chosen.begin(), chosen.end(), [&](const GpuModel* m) {
        const auto& members = meanings.front().models;
        return !reaches(*m, meanings.front().devices) || std::find(members.begin(), members.end(), m) != members.end();
      });
  if (anyGpu) {
    GeneratedEntry e;
    for (const auto* m : meanings.front().models) e.models.push_back(m->key);
    e.devices = meanings.front().devices;
    config.entries.push_back(std::move(e));
    return;
  }
  std::vector<std::pair<std::string, std::string>> claimed;  // device ID -> the model that has it here
  for (auto& meaning : meanings) {
    GeneratedEntry e;
    e.devices = meaning.devices;
    for (const auto* m : meaning.models) {
      std::vector<std::string> mine, lost;
      for (const auto& id : deviceFilter({m})) {
        auto owner = std::find_if(claimed.begin(), claimed.end(), [&](const auto& c) { return c.first == id; });
        if (owner == claimed.end() || owner->second == m->key)
          mine.push_back(id);
        else
          lost.push_back(id + " (" + owner->second + ")");
      }
      if (!lost.empty())
        notes.push_back(config.name + ": " + m->key + " shares PCI ID " + join(lost, ", ") +
                        ", which gets a different " + config.name + " here" +
                        (mine.empty()
                             ? "; " + m->key + " is left out of it (generate with --gpu " + m->key + " for its own)."
                             : "; its other IDs keep it."));
      if (m->pci_ids.empty())
        notes.push_back(config.name + ": " + m->key +
                        " has no known PCI ID, so it cannot have an entry of its own; left out of it.");
      if (mine.empty()) continue;
      e.models.push_back(m->key);
      for (const auto& id : mine) {
        if (std::find(e.device_filter.begin(), e.device_filter.end(), id) == e.device_filter.end())
          e.device_filter.push_back(id);
        claimed.emplace_back(id, m->key);
      }
    }
    if (!e.models.empty()) config.entries.push_back(std::move(e));
  }
}

std::vector<std::string> splitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

std::vector<NamedConfig> namedConfigsByRule(const GpuModel& gpu, int driver) {
  std::vector<NamedConfig> out;
  if (!driverAtLeast(driver, gpu.min_driver)) return out;
  for (const auto& p : gpu.profiles)
    if (profileSupported(gpu, p, driver) && p.instances > 0)
      out.push_back({allProfileConfigName(p.name), {{p.name, p.instances}}});
  if (auto b = balancedConfig(gpu, driver)) out.push_back(*b);
  return out;
}

GeneratedConfigFile generateConfigs(const std::vector<const GpuModel*>& chosen, int driver) {
  GeneratedConfigFile file;
  file.driver = driver;
  std::vector<const GpuModel*> models = chosen;
  if (models.empty())
    for (const auto& g : catalog()) models.push_back(&g);
  std::vector<const GpuModel*> kept, chosenOnce;
  for (const auto* asCatalogued : models) {
    if (std::find(chosenOnce.begin(), chosenOnce.end(), asCatalogued) != chosenOnce.end()) continue;
    chosenOnce.push_back(asCatalogued);
    const GpuModel* m = &asCatalogued->underDriver(driver);  // a driver variant's own table, where it has one
    if (m != asCatalogued) file.notes.push_back(driverVariantNote(*m, driver));
    file.models.push_back(m->key);
    if (!driverAtLeast(driver, m->min_driver)) {
      file.notes.push_back(m->key + " is left out: it needs driver " + driverName(m->min_driver) + " or newer, not " +
                           driverName(driver) + ".");
      continue;
    }
    kept.push_back(m);
    std::vector<std::string> missing;
    for (const auto& p : m->profiles)
      if (!profileSupported(*m, p, driver)) missing.push_back(p.name + " (" + driverName(*p.min_driver) + ")");
    if (!missing.empty())
      file.notes.push_back(
          m->key + ": " + driverName(driver) + " lacks " + joinAnd(missing) +
          (missing.size() == 1 ? ", so its config is left out" : ", so their configs are left out") +
          (balancedConfig(*m, kNewestDriver) && !balancedConfig(*m, driver) ? ", and all-balanced." : "."));
    else if (!balancedConfig(*m, driver) && m->compute_slices != 7 && m->compute_slices != 4)
      file.notes.push_back(m->key + " has " + std::to_string(m->compute_slices) +
                           " compute slices: NVIDIA defines all-balanced only for 7- and 4-slice GPUs.");
  }

  file.configs.push_back({"all-disabled", {GeneratedEntry{{}, {}, false, {}}}});
  file.configs.push_back({"all-enabled", {GeneratedEntry{{}, {}, true, {}}}});
  for (const auto* m : kept) file.configs.front().entries.front().models.push_back(m->key);
  for (const auto* m : kept) file.configs.back().entries.front().models.push_back(m->key);

  // Every name, in the order the models first give it; all-balanced last.
  std::vector<std::string> names;
  std::vector<std::vector<NamedConfig>> perModel;
  for (const auto* m : kept) perModel.push_back(namedConfigsByRule(*m, driver));
  for (const auto& configs : perModel)
    for (const auto& c : configs)
      if (c.name != "all-balanced" && std::find(names.begin(), names.end(), c.name) == names.end())
        names.push_back(c.name);
  names.push_back("all-balanced");
  for (const auto& name : names) {
    std::vector<Meaning> meanings;
    for (size_t k = 0; k < kept.size(); ++k)
      for (const auto& c : perModel[k]) {
        if (c.name != name) continue;
        auto same = std::find_if(meanings.begin(), meanings.end(), [&](const Meaning& x) {
          auto a = x.devices, b = c.devices;
          std::sort(a.begin(), a.end());
          std::sort(b.begin(), b.end());
          return a == b;
        });
        if (same == meanings.end())
          meanings.push_back({c.devices, {kept[k]}});
        else
          same->models.push_back(kept[k]);
      }
    if (meanings.empty()) continue;
    GeneratedConfig config{name, {}};
    addEntries(config, meanings, chosenOnce, file.notes);
    if (!config.entries.empty()) file.configs.push_back(std::move(config));
  }
  return file;
}

std::string generatedConfigYaml(const GeneratedConfigFile& file) {
  std::ostringstream s;
  s << "# NVIDIA's named mig-parted configs (all-disabled, all-enabled, all-<profile>, all-balanced), generated\n"
    << "# offline by migcalc " MIGCALC_VERSION " from its catalog (" << catalogVersion() << ") for "
    << (file.driver == kNewestDriver ? std::string("the newest driver") : "driver " + driverName(file.driver)) << ".\n";
  std::string line = "# Models:";
  for (const auto& m : file.models) {
    if (line.size() + m.size() + 2 > 118) {
      s << line << "\n";
      line = "#  ";
    }
    line += " " + m;
  }
  s << line << "\n";
  s << "# An entry without device-filter applies to any GPU (mig-parted fails where the profile does not exist);\n"
    << "# where one name means different counts on different GPUs, each entry has its device-filter.\n";
  for (const auto& n : file.notes) {
    std::string text = "# Note: ";
    for (const auto& word : splitWords(n)) {
      if (text.size() + word.size() + 1 > 118) {
        s << text << "\n";
        text = "#  ";
      }
      text += (text.back() == ' ' ? "" : " ") + word;
    }
    s << text << "\n";
  }
  s << "version: v1\nmig-configs:\n";
  for (const auto& c : file.configs) {
    s << "\n  " << yamlScalar(c.name) << ":\n";
    for (const auto& e : c.entries) {
      if (!e.models.empty() && (c.name != "all-disabled" && c.name != "all-enabled"))
        s << "    # " << join(e.models, ", ") << "\n";
      std::string item = "    - ";
      if (!e.device_filter.empty()) {
        std::vector<std::string> ids;
        for (const auto& id : e.device_filter) ids.push_back("\"" + id + "\"");
        s << item << "device-filter: [" << join(ids, ", ") << "]\n";
        item = "      ";
      }
      s << item << "devices: all\n";
      item = "      ";
      s << item << "mig-enabled: " << (e.mig_enabled ? "true" : "false") << "\n";
      if (!e.mig_enabled) continue;
      if (e.devices.empty()) {
        s << item << "mig-devices: {}\n";
        continue;
      }
      s << item << "mig-devices:\n";
      for (const auto& [p, n] : e.devices) s << item << "  " << yamlScalar(p) << ": " << n << "\n";
    }
  }
  return s.str();
}

Json generatedConfigJson(const GeneratedConfigFile& file) {
  Json configs = Json::object();
  for (const auto& c : file.configs) {
    Json entries = Json::array();
    for (const auto& e : c.entries) {
      Json j = Json::object();
      if (!e.device_filter.empty()) j["device-filter"] = e.device_filter;
      j["devices"] = "all";
      j["mig-enabled"] = e.mig_enabled;
      if (e.mig_enabled) {
        Json d = Json::object();
        for (const auto& [p, n] : e.devices) d[p] = n;
        j["mig-devices"] = d;
      }
      entries.push_back(j);
    }
    configs[c.name] = entries;
  }
  return Json{{"version", "v1"}, {"mig-configs", configs}};
}

}  // namespace migcalc
