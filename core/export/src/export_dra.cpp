// The DRA ResourceSlice exporter (issue 11 item 7). Sources, quoted in the header and the README:
//   github.com/NVIDIA/k8s-dra-driver-gpu @ 22407113785e78c7763b4637689a201eb39c6199, cmd/gpu-kubelet-plugin/
//   partitions.go, mig.go, nvlib.go, driver.go; github.com/kubernetes/api @ 426b1b9979354bee48c10e727c46eb9b5a7bbc95,
//   resource/v1/types.go.
// Every number comes from the catalog: a counter some profile does not know is left out for the whole GPU (and named
// in the notes), never guessed.
#include "migcalc/export/export_dra.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>

#include "migcalc/base/text_util.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

namespace {

constexpr size_t kMaxDevicesPerSlice = 64;  // resource/v1: ResourceSliceMaxDevicesWithTaintsOrConsumesCounters

/// One capacity dimension: the driver's capacity name (mig.go CommonCapacitiesMig) and counter name
/// (partitions.go capacitiesToCounters: camelToDNSName of the capacity name).
struct Dim {
  const char* capacity;
  const char* counter;
  std::optional<long long> (*get)(const Profile&);
};

std::optional<long long> opt(const std::optional<int>& v) { return v ? std::optional<long long>(*v) : std::nullopt; }

const Dim kDims[] = {
    {"copyEngines", "copy-engines", [](const Profile& p) { return opt(p.engines.ce); }},
    {"decoders", "decoders", [](const Profile& p) { return opt(p.engines.dec); }},
    {"encoders", "encoders", [](const Profile& p) { return opt(p.engines.enc); }},
    {"jpegEngines", "jpeg-engines", [](const Profile& p) { return opt(p.engines.jpeg); }},
    {"memory", "memory",
     [](const Profile& p) {
       return p.memory_mib ? std::optional<long long>(static_cast<long long>(*p.memory_mib) * 1024 * 1024)
                           : std::nullopt;
     }},
    {"multiprocessors", "multiprocessors", [](const Profile& p) { return opt(p.sm); }},
    {"ofaEngines", "ofa-engines", [](const Profile& p) { return opt(p.engines.ofa); }},
};

Json quantity(long long v) { return {{"value", draQuantity(v)}}; }

/// The GPU as the driver sees it: its profiles with placements and IDs, and the counter set they consume from.
struct GpuCounters {
  const GpuModel* gpu = nullptr;
  std::vector<const Profile*> profiles;
  std::vector<bool> known;  // per kDims entry: known for every profile
  std::map<std::string, long long> totals;
  int slices = 0;
  std::vector<std::string> notes;
};

std::string memorySlice(int i) { return "memory-slice-" + std::to_string(i); }

Result<GpuCounters> countersOf(const GpuModel& model, int driver) {
  const GpuModel& gpu = model.underDriver(driver);
  if (!gpu.placementsKnown())
    return Error{Code::PLACEMENTS_UNKNOWN,
                 "No DRA ResourceSlice for " + gpu.key +
                     ": its placement table is not known, and the DRA driver names each MIG device by its placement "
                     "and consumes one memory-slice counter per placement unit it covers."};
  GpuCounters c;
  c.gpu = &gpu;
  std::vector<std::string> noId;
  for (const auto& p : gpu.profiles) {
    if (!p.hasPlacements() || !driverAtLeast(driver, p.min_driver.value_or(0))) continue;
    if (!p.id) {
      noId.push_back(p.name);
      continue;
    }
    c.profiles.push_back(&p);
  }
  if (!noId.empty())
    c.notes.push_back("Devices of " + joinAnd(noId) +
                      " left out: the catalog does not know their profile ID, which the driver puts in the device "
                      "name.");
  for (const auto& d : kDims) {
    std::vector<std::string> missing;
    long long best = 0;
    for (const auto* p : c.profiles) {
      auto v = d.get(*p);
      if (!v)
        missing.push_back(p->name);
      else
        best = std::max(best, *v);
    }
    c.known.push_back(missing.empty());
    if (missing.empty())
      c.totals[d.counter] = best;
    else
      c.notes.push_back("Counter " + std::string(d.counter) + " (capacity " + d.capacity +
                        ") left out for every device: the catalog does not know it for " + joinAnd(missing) + ".");
  }
  int longest = 0;
  for (const auto* p : c.profiles) longest = std::max(longest, p->size);
  c.slices = gpu.units();
  if (longest != c.slices)
    c.notes.push_back("The driver counts as many memory slices as the longest placement (" + std::to_string(longest) +
                      "); migcalc writes the model's " + std::to_string(c.slices) + " placement units.");
  return c;
}

std::string setName(int minor) { return "gpu-" + std::to_string(minor) + "-counter-set"; }

Json counterSet(const GpuCounters& c, int minor) {
  std::map<std::string, long long> all = c.totals;
  for (int i = 0; i < c.slices; ++i) all[memorySlice(i)] = 1;
  Json counters = Json::object();
  for (const auto& [k, v] : all) counters[k] = quantity(v);
  return {{"name", setName(minor)}, {"counters", counters}};
}

/// "Hopper" and "9.0.0" from the catalog's "Hopper GH100, CC 9.0" (the driver's go-nvlib names and semver).
std::optional<std::string> architectureName(const GpuModel& gpu) {
  static const char* const kNames[] = {"Ampere", "Hopper", "Blackwell"};
  std::string first = gpu.architecture.substr(0, gpu.architecture.find_first_of(" ,"));
  for (const char* n : kNames)
    if (first == n) return first;
  return std::nullopt;
}

std::optional<std::string> computeCapability(const GpuModel& gpu) {
  auto at = gpu.architecture.find("CC ");
  if (at == std::string::npos) return std::nullopt;
  std::string v;
  for (size_t i = at + 3; i < gpu.architecture.size(); ++i) {
    char ch = gpu.architecture[i];
    if (!std::isdigit(static_cast<unsigned char>(ch)) && ch != '.') break;
    v += ch;
  }
  auto dot = v.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == v.size() || v.find('.', dot + 1) != std::string::npos)
    return std::nullopt;
  return v + ".0";
}

Json device(const GpuCounters& c, const Profile& p, int start, int minor) {
  const GpuModel& gpu = *c.gpu;
  std::map<std::string, Json> attrs;
  if (auto a = architectureName(gpu)) attrs["architecture"] = {{"string", *a}};
  if (auto v = computeCapability(gpu)) attrs["cudaComputeCapability"] = {{"version", *v}};
  std::string ours = kDraMigcalcDomain;
  attrs[ours + "/placementSize"] = {{"int", p.size}};
  attrs[ours + "/placementStart"] = {{"int", start}};
  if (!gpu.names.empty()) attrs["productName"] = {{"string", gpu.names.front()}};
  attrs["profile"] = {{"string", p.name}};
  attrs["type"] = {{"string", "mig"}};
  Json attributes = Json::object();
  for (auto& [k, v] : attrs) attributes[k] = v;

  Json capacity = Json::object();
  std::map<std::string, long long> consumed;
  for (size_t d = 0; d < std::size(kDims); ++d) {
    if (!c.known[d]) continue;
    long long v = *kDims[d].get(p);
    capacity[kDims[d].capacity] = quantity(v);
    consumed[kDims[d].counter] = v;
  }
  for (int i = start; i < start + p.size; ++i) consumed[memorySlice(i)] = 1;
  Json counters = Json::object();
  for (const auto& [k, v] : consumed) counters[k] = quantity(v);
  return {{"name", draDeviceName(minor, p.name, *p.id, start)},
          {"attributes", attributes},
          {"capacity", capacity},
          {"consumesCounters", Json::array({{{"counterSet", setName(minor)}, {"counters", counters}}})}};
}

Json slice(const std::string& node, size_t index, size_t count) {
  return {{"apiVersion", "resource.k8s.io/v1"},
          {"kind", "ResourceSlice"},
          {"metadata", {{"name", node + "-" + kDraDriverName + "-" + std::to_string(index)}}},
          {"spec",
           {{"driver", kDraDriverName},
            {"pool", {{"name", node}, {"generation", 1}, {"resourceSliceCount", count}}},
            {"nodeName", node}}}};
}

/// One node's pool: the counter-set slice first, then the devices in slices of at most 64 (sorted by name, as the
/// driver sorts them).
void addPool(DraExport& out, const std::string& node, const GpuCounters& c, std::vector<Json> devices) {
  std::sort(devices.begin(), devices.end(),
            [](const Json& a, const Json& b) { return a["name"].get<std::string>() < b["name"].get<std::string>(); });
  size_t deviceSlices = (devices.size() + kMaxDevicesPerSlice - 1) / kMaxDevicesPerSlice;
  size_t count = 1 + deviceSlices;
  Json counters = slice(node, 0, count);
  counters["spec"]["sharedCounters"] = Json::array({counterSet(c, 0)});
  out.slices.push_back(counters);
  for (size_t s = 0; s < deviceSlices; ++s) {
    Json d = slice(node, s + 1, count);
    Json list = Json::array();
    for (size_t k = s * kMaxDevicesPerSlice; k < std::min(devices.size(), (s + 1) * kMaxDevicesPerSlice); ++k)
      list.push_back(devices[k]);
    d["spec"]["devices"] = list;
    out.slices.push_back(d);
  }
}

void commonNotes(DraExport& out, const GpuCounters& c) {
  for (const auto& n : c.notes)
    if (std::find(out.notes.begin(), out.notes.end(), n) == out.notes.end()) out.notes.push_back(n);
}

void finishNotes(DraExport& out, const std::vector<const GpuModel*>& gpus) {
  for (const auto* g : gpus) {
    if (g->names.size() > 1)
      out.notes.push_back("productName is the first of " + g->key +
                          "'s nvidia-smi names; the driver writes the "
                          "board's own (" +
                          joinOr(g->names) + ").");
    if (!architectureName(*g) || !computeCapability(*g))
      out.notes.push_back("architecture or cudaComputeCapability of " + g->key +
                          " left out: the catalog's architecture text does not give it.");
  }
  out.notes.push_back(
      "Left out, known only on the node: the attributes parentUUID, brand, driverVersion, cudaDriverVersion, "
      "addressingMode, resource.kubernetes.io/pciBusID and pcieRoot; the GPU minor (gpu-0 here) and the node name (" +
      std::string(kDraExampleNode) +
      "); the full-GPU device gpu-<minor> that the driver also publishes when MIG "
      "mode can change at run time.");
  out.notes.push_back(std::string("Added by migcalc (not the driver's): the attributes ") + kDraMigcalcDomain +
                      "/placementStart and " + kDraMigcalcDomain +
                      "/placementSize; the driver gives the placement only in the device name and the memory-slice "
                      "counters.");
  out.notes.push_back(
      "Counter totals as the driver sets them: per counter the largest value of any profile (the full-GPU profile's "
      "SMs, not the die's), and one memory-slice-N counter of 1 per placement unit.");
}

std::string yamlValue(const Json& v) {
  if (v.is_string()) return yamlScalar(v.get<std::string>());
  return v.dump();
}

void yamlEmit(std::ostringstream& s, const Json& v, int indent);

void yamlItem(std::ostringstream& s, const Json& item, int indent) {
  if (item.is_object() && !item.empty()) {
    std::ostringstream inner;
    yamlEmit(inner, item, indent + 2);
    std::string text = inner.str();
    s << std::string(static_cast<size_t>(indent), ' ') << "- " << text.substr(static_cast<size_t>(indent) + 2);
  } else {
    s << std::string(static_cast<size_t>(indent), ' ') << "- " << yamlValue(item) << "\n";
  }
}

void yamlEmit(std::ostringstream& s, const Json& v, int indent) {
  std::string pad(static_cast<size_t>(indent), ' ');
  for (auto it = v.begin(); it != v.end(); ++it) {
    const Json& x = it.value();
    s << pad << yamlScalar(it.key()) << ":";
    if (x.is_object() && !x.empty()) {
      s << "\n";
      yamlEmit(s, x, indent + 2);
    } else if (x.is_array() && !x.empty()) {
      s << "\n";
      for (const auto& item : x) yamlItem(s, item, indent + 2);
    } else if (x.is_object()) {
      s << " {}\n";
    } else if (x.is_array()) {
      s << " []\n";
    } else {
      s << " " << yamlValue(x) << "\n";
    }
  }
}

}  // namespace

std::string draQuantity(long long value) {
  if (value > -1024 && value < 1024) return std::to_string(value);
  static const char* const kSuffix[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  int k = 0;
  while (k < 6 && value % 1024 == 0) {
    value /= 1024;
    ++k;
  }
  return std::to_string(value) + kSuffix[k];
}

std::string draDeviceName(int minor, const std::string& profile, int profileId, int start) {
  // mig.go ToCanonicalName: toRFC1123Compliant(profile without '.'): lower case, other characters to '-', trimmed.
  std::string p;
  for (char ch : profile) {
    if (ch == '.') continue;
    auto u = static_cast<unsigned char>(ch);
    char l = static_cast<char>(std::tolower(u));
    p += (std::isdigit(u) || (l >= 'a' && l <= 'z') || ch == '-') ? l : '-';
  }
  size_t b = p.find_first_not_of('-'), e = p.find_last_not_of('-');
  p = b == std::string::npos ? "" : p.substr(b, e - b + 1);
  return "gpu-" + std::to_string(minor) + "-mig-" + p + "-" + std::to_string(profileId) + "-" + std::to_string(start);
}

Result<DraExport> draForModel(const GpuModel& model, int driver) {
  auto c = countersOf(model, driver);
  if (!c) return c.error();
  DraExport out;
  std::vector<Json> devices;
  for (const auto* p : c->profiles)
    for (int start : p->starts) devices.push_back(device(*c, *p, start, 0));
  out.lines.push_back("gpu-0: " + c->gpu->key + " (" + driverName(driver) +
                      "), every MIG placement: " + std::to_string(devices.size()) + " devices");
  addPool(out, kDraExampleNode, *c, std::move(devices));
  commonNotes(out, *c);
  finishNotes(out, {c->gpu});
  return out;
}

namespace {

Result<std::vector<Json>> layoutDevices(const GpuCounters& c, const ExportLayout& layout) {
  std::vector<Json> devices;
  for (const auto* list : {&layout.fixed, &layout.created})
    for (const auto& g : *list) {
      auto it = std::find_if(c.profiles.begin(), c.profiles.end(),
                             [&](const Profile* p) { return p->name == g.instance.profile; });
      if (it == c.profiles.end())
        return Error{Code::PLACEMENTS_UNKNOWN, "No DRA device for " + g.instance.profile + " on " + c.gpu->key +
                                                   ": the catalog has no placements or profile ID for it."};
      devices.push_back(device(c, **it, g.instance.start, 0));
    }
  return devices;
}

}  // namespace

Result<DraExport> draForLayout(const ExportLayout& layout) {
  auto c = countersOf(layout.gpu, layout.request.driver);
  if (!c) return c.error();
  auto devices = layoutDevices(*c, layout);
  if (!devices) return devices.error();
  DraExport out;
  std::vector<PlacedGi> all = layout.fixed;
  all.insert(all.end(), layout.created.begin(), layout.created.end());
  out.lines.push_back("gpu-0: " + c->gpu->key + ", the layout's " + std::to_string(devices->size()) +
                      " devices: " + layoutText(all));
  addPool(out, kDraExampleNode, *c, std::move(*devices));
  commonNotes(out, *c);
  finishNotes(out, {c->gpu});
  return out;
}

Result<DraExport> draForFleet(const FleetLayout& fleet) {
  DraExport out;
  std::vector<const GpuModel*> gpus;
  for (size_t i = 0; i < fleet.groups.size(); ++i) {
    const FleetGroup& g = fleet.groups[i];
    auto c = countersOf(g.layout.gpu, g.layout.request.driver);
    if (!c) return c.error();
    auto devices = layoutDevices(*c, g.layout);
    if (!devices) return devices.error();
    std::string node = std::string(kDraExampleNode) + "-" + std::to_string(i + 1);
    std::vector<PlacedGi> all = g.layout.fixed;
    all.insert(all.end(), g.layout.created.begin(), g.layout.created.end());
    out.lines.push_back("group " + std::to_string(i + 1) + " (pool " + node + "): " + std::to_string(g.count) + " x " +
                        c->gpu->key + (g.existing ? " (existing)" : "") + ", " + std::to_string(devices->size()) +
                        " devices per GPU: " + layoutText(all));
    addPool(out, node, *c, std::move(*devices));
    commonNotes(out, *c);
    if (std::find(gpus.begin(), gpus.end(), c->gpu) == gpus.end()) gpus.push_back(c->gpu);
  }
  out.notes.push_back(
      "One GPU is shown per group of the plan; every GPU of a group publishes the same slices in its "
      "node's pool, under its own minor (gpu-<minor>-...).");
  finishNotes(out, gpus);
  return out;
}

std::string draYaml(const DraExport& e, const std::string& title) {
  std::ostringstream s;
  s << "# " << title << "\n# Kubernetes DRA ResourceSlices (resource.k8s.io/v1, partitionable devices, KEP-4815) in "
    << "the form NVIDIA's DRA driver\n# (" << kDraDriverName
    << ", DynamicMIG, Kubernetes 1.35+: counters and devices in separate slices) publishes, written by\n# "
       "migcalc " MIGCALC_VERSION
       " from its catalog. Sources: github.com/NVIDIA/k8s-dra-driver-gpu cmd/gpu-kubelet-plugin/{partitions,mig,\n"
       "# nvlib,driver}.go @ 22407113785e; github.com/kubernetes/api resource/v1/types.go @ 426b1b997935.\n";
  for (const auto& l : e.lines) s << "#   " << l << "\n";
  s << "# Notes:\n";
  for (const auto& n : e.notes) s << "#   - " << n << "\n";
  for (const auto& sl : e.slices) {
    s << "---\n";
    yamlEmit(s, sl, 0);
  }
  return s.str();
}

Json draList(const DraExport& e) { return {{"apiVersion", "v1"}, {"kind", "List"}, {"items", e.slices}}; }

}  // namespace migcalc
