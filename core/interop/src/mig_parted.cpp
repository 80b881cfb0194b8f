// Reading mig-parted v1 configs: the schema rules of mig-parted's parser (api/spec/v1/spec.go), restated in our own
// words with line numbers, and unwrapping the Kubernetes ConfigMap the GPU Operator keeps the file in.
#include "migcalc/interop/mig_parted.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "migcalc/base/text_util.hpp"
#include "migcalc/interop/yaml.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

bool deviceFilterMatches(const std::string& filter, const GpuModel& gpu) {
  std::string f = filter.substr(0, filter.find(':'));
  std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const auto& id : gpu.pci_ids) {
    std::string want = migPartedDeviceId(id);
    std::transform(want.begin(), want.end(), want.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (f == want) return true;
  }
  return false;
}

namespace {

std::string kindOf(const Json& v) {
  if (v.is_object()) return "a mapping";
  if (v.is_array()) return "a list";
  if (v.is_string()) return "the text '" + v.get<std::string>() + "'";
  if (v.is_null()) return "empty";
  return jsonText(v);
}

struct SchemaReader {
  const YamlDocument& doc;
  MigPartedFile& out;

  void problem(const std::string& ptr, const std::string& message) {
    out.problems.push_back({doc.lineOf(ptr), message});
  }
  void warning(const std::string& ptr, const std::string& message) {
    out.warnings.push_back({doc.lineOf(ptr), message});
  }

  void unknownFields(const Json& obj, const std::string& ptr, const std::vector<std::string>& allowed,
                     const std::string& where) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
      auto close = closeNames(it.key(), allowed, 1);
      problem(ptr + "/" + jsonPointerToken(it.key()), "unknown field '" + it.key() + "' " + where +
                                                          (close.empty() ? "" : " (did you mean '" + close[0] + "'?)") +
                                                          "; allowed: " + joinAnd(allowed) + ".");
    }
  }

  void read() {
    for (const auto& w : doc.warnings) out.warnings.push_back({w.line, w.message});
    const Json& top = doc.value;
    if (top.is_null()) {
      // mig-parted reads an empty file (or one with only comments, '---' or '~') as a config without named configs.
      warning("", "the file is empty; mig-parted accepts it, but it has no named configs to apply.");
      return;
    }
    if (!top.is_object()) {
      problem("", "the file must be a mapping with 'version: v1' and 'mig-configs', but it is " + kindOf(top) + ".");
      return;
    }
    unknownFields(top, "", {"version", "mig-configs"}, "at the top level");
    if (!top.contains("version")) {
      problem("", "'version' is missing; mig-parted needs 'version: v1' at the top.");
    } else if (!top["version"].is_string() || top["version"].get<std::string>() != "v1") {
      problem("/version", "unknown version " + kindOf(top["version"]) + "; mig-parted reads only version v1.");
    }
    if (!top.contains("mig-configs")) {
      // mig-parted accepts a file with only 'version: v1'; there is nothing in it to apply.
      if (out.problems.empty())
        warning("", "'mig-configs' is missing; mig-parted accepts the file, but it has no named configs to apply.");
      else
        problem("", "'mig-configs' is missing: a mapping from config names to lists of entries.");
      return;
    }
    const Json& configs = top["mig-configs"];
    if (!configs.is_object()) {
      problem("/mig-configs", "'mig-configs' must be a mapping from config names to lists of entries, but it is " +
                                  kindOf(configs) + ".");
      return;
    }
    if (configs.empty()) problem("/mig-configs", "'mig-configs' has no named configs; add at least one.");
    for (auto it = configs.begin(); it != configs.end(); ++it) {
      std::string ptr = "/mig-configs/" + jsonPointerToken(it.key());
      MigPartedConfig cfg;
      cfg.name = it.key();
      cfg.line = doc.lineOf(ptr);
      const Json& list = it.value();
      if (!list.is_array()) {
        problem(ptr, "config '" + cfg.name + "' must be a list of entries ('- devices: all ...'), but it is " +
                         kindOf(list) + ".");
        continue;
      }
      if (list.empty()) problem(ptr, "config '" + cfg.name + "' has no entries; it needs at least one.");
      for (size_t i = 0; i < list.size(); ++i) {
        MigPartedEntry e;
        if (readEntry(list[i], ptr + "/" + std::to_string(i), cfg.name, e)) cfg.entries.push_back(std::move(e));
      }
      out.configs.push_back(std::move(cfg));
    }
  }

  bool readEntry(const Json& entry, const std::string& ptr, const std::string& config, MigPartedEntry& e) {
    e.line = doc.lineOf(ptr);
    std::string where = "in an entry of '" + config + "'";
    if (!entry.is_object()) {
      problem(ptr, "each entry of '" + config +
                       "' must be a mapping with devices, mig-enabled and mig-devices, but it is " + kindOf(entry) +
                       ".");
      return false;
    }
    size_t before = out.problems.size();
    unknownFields(entry, ptr, {"device-filter", "devices", "mig-enabled", "mig-devices"}, where);
    if (entry.contains("device-filter")) {
      const Json& f = entry["device-filter"];
      std::string fp = ptr + "/device-filter";
      auto one = [&](const Json& v, const std::string& p) {
        if (v.is_string()) {
          e.device_filter.push_back(v.get<std::string>());
        } else if (v.is_number_integer()) {
          problem(p, "device-filter " + jsonText(v) +
                         " was read as a number; write the PCI ID in quotes, e.g. \"0x233010DE\".");
        } else {
          problem(p, "device-filter must be a PCI ID such as \"0x233010DE\" or a list of them, not " + kindOf(v) + ".");
        }
      };
      // An empty or null device-filter (null, "", []) is no filter: mig-parted applies the entry to every GPU.
      if (f.is_array()) {
        for (size_t i = 0; i < f.size(); ++i) one(f[i], fp + "/" + std::to_string(i));
      } else if (!f.is_null() && !(f.is_string() && f.get<std::string>().empty())) {
        one(f, fp);
      }
    }
    if (!entry.contains("devices")) {
      problem(ptr, "'devices' is missing " + where + "; write 'devices: all' or a list of GPU indices such as [0, 1].");
    } else {
      const Json& d = entry["devices"];
      if (d.is_string()) {
        if (d.get<std::string>() != "all")
          problem(ptr + "/devices",
                  "devices '" + d.get<std::string>() + "' is not valid; as text it must be exactly 'all'.");
      } else if (d.is_array()) {
        e.all_devices = false;
        for (size_t i = 0; i < d.size(); ++i) {
          if (d[i].is_number_integer() && d[i].get<long long>() >= 0)
            e.devices.push_back(d[i].get<long long>());
          else
            problem(ptr + "/devices/" + std::to_string(i),
                    "device index " + kindOf(d[i]) + " is not a GPU index (a whole number from 0).");
        }
      } else if (d.is_number_integer()) {
        problem(ptr + "/devices", "devices must be 'all' or a list; write [" + jsonText(d) + "] for one GPU.");
      } else {
        problem(ptr + "/devices", "devices must be 'all' or a list of GPU indices, not " + kindOf(d) + ".");
      }
    }
    bool enabledKnown = false;
    if (!entry.contains("mig-enabled")) {
      problem(ptr, "'mig-enabled' is missing " + where + "; write 'mig-enabled: true' or 'mig-enabled: false'.");
    } else {
      // yes/on/y and no/off/n are already booleans (YAML 1.1); a quoted "true" is text, which mig-parted refuses.
      const Json& m = entry["mig-enabled"];
      if (m.is_boolean()) {
        e.mig_enabled = m.get<bool>(), enabledKnown = true;
      } else if (m.is_null()) {
        e.mig_enabled = false, enabledKnown = true;
        warning(ptr + "/mig-enabled", "mig-enabled is empty; mig-parted reads it as false (MIG disabled).");
      } else {
        problem(ptr + "/mig-enabled", "mig-enabled must be true or false, not " + kindOf(m) + ".");
      }
    }
    std::string mp = ptr + "/mig-devices";
    bool hasDevices = entry.contains("mig-devices") && !entry["mig-devices"].is_null();
    if (hasDevices) {
      const Json& md = entry["mig-devices"];
      if (!md.is_object()) {
        problem(mp, "mig-devices must be a mapping of profile to count, e.g. \"1g.10gb\": 7, not " + kindOf(md) + ".");
      } else {
        bool anyPositive = false;
        for (auto it = md.begin(); it != md.end(); ++it) {
          std::string kp = mp + "/" + jsonPointerToken(it.key());
          if (!isValidProfileName(it.key()))
            problem(
                kp,
                "'" + it.key() +
                    "' is not a MIG profile name; mig-parted expects <g>g.<GB>gb or <c>c.<g>g.<GB>gb, optionally with "
                    "+attribute (e.g. +me, +me.all, +gfx) or -attribute (e.g. -me), such as \"1g.10gb\", "
                    "\"1c.3g.40gb\", \"1g.24gb+me.all\".");
          Json v = it.value();
          if (v.is_null()) {
            warning(kp, "the count of '" + it.key() + "' is empty; mig-parted reads it as 0.");
            v = 0;
          }
          if (!v.is_number_integer()) {
            problem(kp, "the count of '" + it.key() + "' must be a whole number, not " + kindOf(v) + ".");
            continue;
          }
          long long n = v.get<long long>();
          if (n < 0)
            problem(kp, "the count of '" + it.key() + "' is negative (" + std::to_string(n) +
                            "); counts must be 0 or more.");
          if (n > 0) anyPositive = true;
          e.mig_devices.emplace_back(it.key(), n);
          e.mig_device_lines.push_back(doc.lineOf(kp));
        }
        if (!md.empty() && !anyPositive)
          problem(mp,
                  "every count in mig-devices is 0; give at least one count above 0, or write {} for MIG enabled "
                  "without instances.");
      }
    }
    if (enabledKnown && e.mig_enabled && !hasDevices)
      problem(entry.contains("mig-devices") ? mp : ptr,
              "'mig-enabled: true' needs 'mig-devices' (write {} for MIG enabled without instances).");
    if (enabledKnown && !e.mig_enabled && hasDevices && entry["mig-devices"].is_object() &&
        !entry["mig-devices"].empty())
      problem(mp, "'mig-enabled: false' with instances in mig-devices; remove mig-devices or set mig-enabled: true.");
    return out.problems.size() == before;
  }
};

/// Pick the mig-parted file out of a ConfigMap's data, or say why not.
Result<std::pair<std::string, int>> configMapPayload(const YamlDocument& doc, const std::string& text,
                                                     std::string& from) {
  const Json& top = doc.value;
  std::string name = top.contains("metadata") && top["metadata"].is_object() && top["metadata"].contains("name") &&
                             top["metadata"]["name"].is_string()
                         ? top["metadata"]["name"].get<std::string>()
                         : std::string("(unnamed)");
  if (!top.contains("data") || !top["data"].is_object() || top["data"].empty())
    return Error{Code::NOT_MIG_PARTED, "This is a Kubernetes ConfigMap ('" + name +
                                           "') without a 'data' mapping; the GPU Operator keeps the "
                                           "mig-parted file under data: config.yaml: |"};
  const Json& data = top["data"];
  std::vector<std::string> keys;
  std::string chosen;
  for (auto it = data.begin(); it != data.end(); ++it) {
    keys.push_back(it.key());
    if (!it.value().is_string()) continue;
    if (it.key() == "config.yaml") {
      chosen = it.key();
      break;
    }
    if (chosen.empty() && it.value().get<std::string>().find("mig-configs") != std::string::npos) chosen = it.key();
  }
  if (chosen.empty())
    return Error{Code::NOT_MIG_PARTED, "This is a Kubernetes ConfigMap ('" + name + "') whose data keys (" +
                                           joinAnd(keys) +
                                           ") hold no mig-parted config; the GPU Operator expects data: config.yaml: | "
                                           "with 'version: v1' and 'mig-configs'."};
  from = "ConfigMap '" + name + "', key '" + chosen + "'";
  int keyLine = doc.lineOf("/data/" + jsonPointerToken(chosen));
  // A block scalar ("config.yaml: |") starts its text on the next line.
  int first = keyLine;
  size_t lineStart = 0;
  for (int l = 1; l < keyLine && lineStart != std::string::npos; ++l) {
    lineStart = text.find('\n', lineStart);
    if (lineStart != std::string::npos) ++lineStart;
  }
  if (lineStart != std::string::npos) {
    std::string line = text.substr(lineStart, text.find('\n', lineStart) - lineStart);
    auto colon = line.find(':');
    std::string after = colon == std::string::npos ? "" : trim(line.substr(colon + 1));
    if (!after.empty() && (after[0] == '|' || after[0] == '>')) first = keyLine + 1;
  }
  return std::make_pair(data[chosen].get<std::string>(), first);
}

}  // namespace

namespace {

bool holdsMigParted(const Json& v) {
  if (!v.is_object()) return false;
  if (v.contains("mig-configs")) return true;
  if (v.contains("kind") && v["kind"] == "ConfigMap" && v.contains("data") && v["data"].is_object())
    for (auto it = v["data"].begin(); it != v["data"].end(); ++it)
      if (it.value().is_string() && it.value().get<std::string>().find("mig-configs") != std::string::npos) return true;
  return false;
}

std::string describeDocument(const Json& v) {
  if (v.is_object() && v.contains("kind") && v["kind"].is_string()) return v["kind"].get<std::string>();
  if (v.is_null()) return "empty";
  return v.is_object() ? "mapping" : v.is_array() ? "list" : "scalar";
}

Result<MigPartedFile> fromDocument(const YamlDocument& doc, const std::string& text, std::string prefix) {
  MigPartedFile out;
  YamlDocument inner;
  const YamlDocument* use = &doc;
  const Json& top = doc.value;
  if (top.is_object() && top.contains("kind") && top["kind"].is_string()) {
    std::string kind = top["kind"].get<std::string>();
    if (kind != "ConfigMap") {
      std::string name = top.contains("metadata") && top["metadata"].is_object() && top["metadata"].contains("name") &&
                                 top["metadata"]["name"].is_string()
                             ? " '" + top["metadata"]["name"].get<std::string>() + "'"
                             : "";
      return Error{Code::NOT_MIG_PARTED, "This is a Kubernetes " + kind + name +
                                             ", not a mig-parted config. Give the mig-parted file "
                                             "itself (version: v1, mig-configs: ...) or the ConfigMap that holds it."};
    }
    auto payload = configMapPayload(doc, text, out.unwrapped_from);
    if (!payload) return payload.error();
    out.unwrapped_from = prefix + out.unwrapped_from;
    auto parsed = parseYaml(payload->first, payload->second);
    if (!parsed) return Error{parsed.error().code, "In " + out.unwrapped_from + ": " + parsed.error().message};
    inner = std::move(*parsed);
    use = &inner;
  } else if (top.is_object() && !top.contains("version") && !top.contains("mig-configs") && !top.empty()) {
    std::vector<std::string> keys;
    for (auto it = top.begin(); it != top.end() && keys.size() < 5; ++it) keys.push_back("'" + it.key() + "'");
    return Error{Code::NOT_MIG_PARTED,
                 "This is not a mig-parted config: it has no 'version' or 'mig-configs' at the top (it has " +
                     joinAnd(keys) + "). A mig-parted config starts with 'version: v1' and 'mig-configs:'."};
  } else if (!prefix.empty()) {
    out.unwrapped_from = prefix.substr(0, prefix.size() - 2);
  }
  SchemaReader reader{*use, out};
  reader.read();
  return out;
}

}  // namespace

Result<MigPartedFile> parseMigPartedConfig(const std::string& text) {
  // A plain mig-parted file is read as mig-parted reads it: its first document only.
  auto first = parseYaml(text);
  if (!first) return first.error();
  if (!(first->value.is_object() && first->value.contains("kind"))) return fromDocument(*first, text, "");
  auto docs = parseYamlDocuments(text);
  if (!docs) return docs.error();
  if (docs->size() == 1) return fromDocument(docs->front(), text, "");
  // A kubectl-style stream: use the document that is (or wraps) the mig-parted config.
  std::vector<std::string> kinds;
  for (size_t i = 0; i < docs->size(); ++i) {
    const YamlDocument& d = (*docs)[i];
    if (holdsMigParted(d.value))
      return fromDocument(d, text,
                          "document " + std::to_string(i + 1) + " of " + std::to_string(docs->size()) + " (line " +
                              std::to_string(d.start_line) + "), ");
    kinds.push_back(describeDocument(d.value));
  }
  return Error{Code::NOT_MIG_PARTED, "This file holds " + std::to_string(docs->size()) + " YAML documents (" +
                                         joinAnd(kinds) +
                                         ") and none is a mig-parted config or a ConfigMap holding one."};
}

}  // namespace migcalc
