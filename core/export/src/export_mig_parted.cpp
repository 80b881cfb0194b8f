// The mig-parted exporter.
#include "migcalc/export/export_mig_parted.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

std::vector<std::pair<std::string, int>> migPartedDevices(const ExportLayout& layout) {
  std::vector<std::pair<std::string, int>> out;
  auto add = [&](const std::string& name) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
    if (it == out.end())
      out.emplace_back(name, 1);
    else
      ++it->second;
  };
  for (const auto* list : {&layout.fixed, &layout.created})
    for (const auto& g : *list) {
      if (g.cis.empty())
        add(g.instance.profile);
      else
        for (const auto& ci : g.cis) add(ci);
    }
  return out;
}

const std::vector<std::string>& migPartedExportConfigs() {
  static const std::vector<std::string> names = {"all-disabled"};
  return names;
}

std::optional<Error> configNameError(const std::string& name, const std::vector<std::string>& otherConfigs) {
  auto alnum = [](unsigned char c) { return std::isalnum(c) != 0; };
  bool ok = !name.empty() && name.size() <= 63 && alnum(name.front()) && alnum(name.back()) &&
            std::all_of(name.begin(), name.end(),
                        [&](unsigned char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
  if (!ok)
    return Error{Code::BAD_EXPORT_REQUEST,
                 "The config name " + quote(name, 70) +
                     " cannot be used: the GPU Operator selects a config by the node label "
                     "nvidia.com/mig.config=NAME, so a name is 1 to 63 letters, digits, '-', '_' or "
                     "'.', starting and ending with a letter or digit, e.g. \"inference-7x1g\"."};
  if (std::find(otherConfigs.begin(), otherConfigs.end(), name) != otherConfigs.end())
    return Error{Code::BAD_EXPORT_REQUEST,
                 "The config name " + quote(name, 70) +
                     " cannot be used: the file already has a config of that name (" + join(otherConfigs, ", ") +
                     "), and mig-parted would keep only the last of the two. Choose another name, e.g. \"" + name +
                     "-custom\"."};
  return std::nullopt;
}

bool yamlPlainSafe(const std::string& text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text.front()))) return false;
  for (unsigned char c : text)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  // YAML 1.1's booleans and null (go-yaml v2 resolve.go); compared without case, to be safe with any reader.
  static const char* const kWords[] = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"};
  std::string l = lower(text);
  return std::none_of(std::begin(kWords), std::end(kWords), [&](const char* w) { return l == w; });
}

std::string yamlScalar(const std::string& text) {
  if (yamlPlainSafe(text)) return text;
  static const char* const kHex = "0123456789ABCDEF";
  auto hex = [](unsigned v, int digits) {
    std::string out;
    for (int d = digits - 1; d >= 0; --d) out += kHex[(v >> (4 * d)) & 0xF];
    return out;
  };
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\0':
          out += "\\0";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          if (c < 0x20 || c == 0x7F)
            out += "\\x" + hex(c, 2);
          else
            out += static_cast<char>(c);
      }
      continue;
    }
    // One UTF-8 sequence: its code point, or U+FFFD for bytes that are not UTF-8.
    size_t len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (c >= 0xF5) len = 0;
    unsigned cp = len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
    bool valid = len > 0 && i + len <= text.size();
    for (size_t k = 1; valid && k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      valid = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (valid) {
      const unsigned minimum = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      valid = cp >= minimum && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (!valid) {
      out += "\\uFFFD";
      ++i;
      continue;
    }
    if (cp == 0x85)
      out += "\\N";
    else if (cp == 0x2028)
      out += "\\L";
    else if (cp == 0x2029)
      out += "\\P";
    else if (cp < 0xA0 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
      out += "\\u" + hex(cp, 4);
    else
      out.append(text, i, len);
    i += len;
  }
  return out + "\"";
}

std::string defaultMigPartedName(const ExportLayout& layout) {
  std::string name = "migcalc";
  for (const auto& [p, n] : migPartedDevices(layout)) name += "-" + std::to_string(n) + "x" + p;
  std::replace(name.begin(), name.end(), '+', '.');
  if (name.size() > 63) name = "migcalc-custom";
  return name;
}

namespace {

std::string configBody(const ExportLayout& layout, const MigPartedExportOptions& o, const std::string& indent) {
  std::string name = o.config_name.empty() ? defaultMigPartedName(layout) : o.config_name;
  std::ostringstream s;
  s << indent << "version: v1\n"
    << indent << "mig-configs:\n"
    << indent << "  all-disabled:\n"
    << indent << "    - devices: all\n"
    << indent << "      mig-enabled: false\n\n"
    << indent << "  " << yamlScalar(name) << ":\n";
  std::vector<std::string> ids;
  for (const auto& id : layout.gpu.pci_ids) ids.push_back("\"" + migPartedDeviceId(id) + "\"");
  std::string item = indent + "    - ";
  if (!ids.empty()) {
    s << item << "device-filter: [" << join(ids, ", ") << "]\n";
    item = indent + "      ";
  }
  s << item << "devices: " << (o.device ? "[" + std::to_string(*o.device) + "]" : std::string("all")) << "\n";
  item = indent + "      ";
  s << item << "mig-enabled: true\n" << item << "mig-devices:";
  auto devices = migPartedDevices(layout);
  if (devices.empty())
    s << " {}\n";
  else {
    s << "\n";
    for (const auto& [p, n] : devices) s << item << "  \"" << p << "\": " << n << "\n";
  }
  return s.str();
}

}  // namespace

std::string exportMigParted(const ExportLayout& layout, const MigPartedExportOptions& o) {
  const GpuModel& gpu = layout.gpu;
  std::string name = o.config_name.empty() ? defaultMigPartedName(layout) : o.config_name;
  // The doors refuse names that are not label values (configNameError); should one get here, the comments show it
  // escaped, so that it cannot end a comment line.
  if (configNameError(name, {})) name = yamlScalar(name);
  std::vector<PlacedGi> all = layout.fixed;
  all.insert(all.end(), layout.created.begin(), layout.created.end());
  std::ostringstream s;
  s << "# mig-parted config for " << gpu.key << ", written by migcalc " MIGCALC_VERSION ".\n"
    << "# Layout checked feasible: " << layoutText(all) << "\n"
    << "# mig-parted cannot express placements: it creates the instances itself and, when a creation fails, retries\n"
    << "# other creation orders until one works. Use migcalc's nvidia-smi export to pin the placements above.\n";
  if (gpu.pci_ids.empty())
    s << "# The model has no known PCI ID, so the entry has no device-filter and applies to any GPU.\n";
  if (!layout.fixed.empty())
    s << "# mig-parted is declarative: applying this config destroys and recreates every instance on the GPU, "
         "including\n"
      << "# the ones already there (" << layoutText(layout.fixed) << "). Stop their workloads first.\n";
  s << configBody(layout, o, "");
  s << "\n# Apply on the host:\n"
    << "#   sudo nvidia-mig-parted apply -f config.yaml -c " << name << "\n"
    << "#   sudo nvidia-mig-parted assert -f config.yaml -c " << name << "   # exit code 0 once applied\n"
    << "# With the GPU Operator (its MIG manager applies the config named by the node label nvidia.com/mig.config;\n"
    << "# a custom ConfigMap replaces NVIDIA's default configs, which is why all-disabled is included above):\n"
    << "#   kubectl create configmap " << o.configmap_name << " -n gpu-operator --from-file=config.yaml=config.yaml\n"
    << "#   kubectl patch clusterpolicies.nvidia.com/cluster-policy --type=merge \\\n"
    << "#     -p '{\"spec\":{\"migManager\":{\"config\":{\"name\":\"" << o.configmap_name << "\"}}}}'\n"
    << "#   kubectl label node " << o.node << " nvidia.com/mig.config=" << name << " --overwrite\n"
    << "#   kubectl get node " << o.node
    << " -o jsonpath='{.metadata.labels.nvidia\\.com/mig\\.config\\.state}'   # expect: success\n";
  return s.str();
}

std::string exportMigPartedConfigMap(const ExportLayout& layout, const MigPartedExportOptions& o) {
  std::ostringstream s;
  s << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " << o.configmap_name
    << "\n  namespace: gpu-operator\ndata:\n  config.yaml: |\n"
    << configBody(layout, o, "    ");
  return s.str();
}

}  // namespace migcalc
