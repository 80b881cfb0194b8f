#include "migcalc/model/model_reader.hpp"

#include <algorithm>
#include <cctype>

#include "migcalc/base/json_read.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

namespace {

constexpr Code kBad = Code::BAD_GPU_FILE;
/// Texts and lists a model may hold at any length: the JSON text's own limit (16 MiB) bounds them.
constexpr size_t kUnbounded = kMaxJsonBytes;

/// What a model key may be: it reaches shell scripts, YAML and Kubernetes label values.
bool isModelKey(const std::string& key) {
  if (key.empty() || key.size() > 64 || !std::isalnum(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '+' || c == '-'; });
}

bool isPciId(const std::string& id) {
  if ((id.size() != 6 && id.size() != 10) || id[0] != '0' || (id[1] != 'x' && id[1] != 'X')) return false;
  return std::all_of(id.begin() + 2, id.end(), [](unsigned char c) { return std::isxdigit(c); });
}

bool isGpuName(const std::string& name) {
  return !name.empty() && name.size() <= kMaxNameLength &&
         std::none_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

/// Reads one model field by field with the typed reads of json_read.hpp. The first error is kept; what is read after
/// it is thrown away with the model.
class ModelReader {
 public:
  std::optional<Error> error;

  GpuModel model(const Json& j, const std::string& path) {
    GpuModel m;
    if (!j.is_object()) {
      fail(path.empty() ? "The GPU model" : path, j,
           "an object in the catalog's format (`migcalc profiles --gpu G --json` writes one)");
      return m;
    }
    readIdentity(j, path, m);
    readSizes(j, path, m);
    m.confidence = textMap(j, "confidence", path);
    m.notes = textList(j, "notes", path);
    m.sources = textList(j, "sources", path);
    readComputeInstanceText(j, m);
    readDriverRules(j, path, m);
    readNamedConfigs(j, path, m);
    readProfiles(j, path, m);
    readDriverVariants(j, path, m);
    return m;
  }

 private:
  void fail(Error e) {
    if (!error) error = std::move(e);
  }
  void fail(const std::string& path, const Json& found, const std::string& valid) {
    fail(invalid(path, found, valid, kBad));
  }

  /// An optional whole number: absent or null is unknown.
  std::optional<int> optWhole(const Json& j, const char* field, const std::string& path, int lo, int hi) {
    if (!given(j, field)) return std::nullopt;
    auto n = readWhole(member(j, field), pathTo(path, field), lo, hi, kBad);
    if (!n) fail(n.error());
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
  }
  int reqWhole(const Json& j, const char* field, const std::string& path, int lo, int hi) {
    auto n = readWhole(member(j, field), pathTo(path, field), lo, hi, kBad);
    if (!n) fail(n.error());
    return n ? static_cast<int>(*n) : lo;
  }
  /// An optional text: absent, null or empty is "".
  std::string optText(const Json& j, const char* field, const std::string& path) {
    const Json& v = member(j, field);
    if (v.is_discarded() || v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty())) return "";
    auto text = readText(v, pathTo(path, field), kUnbounded, kBad);
    if (!text) fail(text.error());
    return text ? *text : "";
  }
  /// A list of texts (empty ones too); absent or null is empty.
  std::vector<std::string> textList(const Json& j, const char* field, const std::string& path) {
    std::vector<std::string> out;
    std::string at = pathTo(path, field);
    auto list = readList(j, field, at, kBad, kUnbounded);
    if (!list) fail(list.error());
    for (size_t i = 0; list && i < (*list)->size(); ++i) {
      const Json& v = (**list)[i];
      if (!v.is_string()) {
        fail(itemPath(at, i), v, "text");
        break;
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  /// field -> text (a value that is not text is left out, as the catalog's readers always did).
  std::map<std::string, std::string> textMap(const Json& j, const char* field, const std::string& path) {
    std::map<std::string, std::string> out;
    if (!given(j, field)) return out;
    const Json& v = member(j, field);
    if (!v.is_object()) {
      fail(pathTo(path, field), v, "an object of texts");
      return out;
    }
    for (auto it = v.begin(); it != v.end(); ++it)
      if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
    return out;
  }
  Engines engines(const Json& j, const std::string& path) {
    Engines e;
    e.dec = optWhole(j, "dec", path, 0, 1000);
    e.enc = optWhole(j, "enc", path, 0, 1000);
    e.jpeg = optWhole(j, "jpeg", path, 0, 1000);
    e.ofa = optWhole(j, "ofa", path, 0, 1000);
    e.ce = optWhole(j, "ce", path, 0, 1000);
    return e;
  }

  /// key, family, architecture, names and PCI IDs: what finds the model, checked because it reaches shell scripts.
  void readIdentity(const Json& j, const std::string& path, GpuModel& m) {
    std::string keyAt = pathTo(path, "key");
    m.key = optText(j, "key", path);
    if (m.key.empty())
      fail(keyAt, member(j, "key"), "a model key such as \"MY-GPU-80GB\"");
    else if (!isModelKey(m.key))
      fail(keyAt, member(j, "key"),
           "a model key: 1 to 64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit (it is written "
           "into shell scripts and YAML), e.g. \"MY-GPU-80GB\"");
    m.family = optText(j, "family", path);
    m.architecture = optText(j, "architecture", path);
    m.names = textList(j, "names", path);
    for (size_t i = 0; i < m.names.size(); ++i)
      if (!isGpuName(m.names[i]))
        fail(itemPath(pathTo(path, "names"), i), Json(m.names[i]),
             "a GPU name: 1 to " + std::to_string(kMaxNameLength) + " characters, no control characters");
    m.pci_ids = textList(j, "pci_ids", path);
    for (size_t i = 0; i < m.pci_ids.size(); ++i)
      if (!isPciId(m.pci_ids[i]))
        fail(itemPath(pathTo(path, "pci_ids"), i), Json(m.pci_ids[i]),
             "a PCI device ID such as \"0x2330\" (4 hex digits, or 8 with the vendor)");
  }

  /// Memory, SMs, slices, placement units, the instance cap, the driver and the engine totals.
  void readSizes(const Json& j, const std::string& path, GpuModel& m) {
    m.total_memory_mib = optWhole(j, "total_memory_mib", path, 0, 1 << 30);
    m.die_sm = optWhole(j, "die_sm", path, 0, 100000);
    m.compute_slices = reqWhole(j, "compute_slices", path, 1, 64);
    m.memory_slices = reqWhole(j, "memory_slices", path, 1, 64);
    m.placement_units = optWhole(j, "placement_units", path, 1, 32);
    m.max_instances = optWhole(j, "max_instances", path, 1, 64);
    m.min_driver = optWhole(j, "min_driver", path, 0, 10000).value_or(0);
    m.min_driver_note = optText(j, "min_driver_note", path);
    if (member(j, "engine_totals").is_object())
      m.engine_totals = engines(j["engine_totals"], pathTo(path, "engine_totals"));
  }

  /// The catalog's free text on compute-instance profiles: a text, or {"value": text}.
  static void readComputeInstanceText(const Json& j, GpuModel& m) {
    const Json& ci = member(j, "compute_instance_profiles");
    if (ci.is_string())
      m.compute_instance_profiles = ci.get<std::string>();
    else if (member(ci, "value").is_string())
      m.compute_instance_profiles = ci["value"].get<std::string>();
  }

  void readDriverRules(const Json& j, const std::string& path, GpuModel& m) {
    const Json& rules = member(j, "driver_rules");
    if (!rules.is_array()) return;
    for (size_t i = 0; i < rules.size(); ++i) {
      std::string at = itemPath(pathTo(path, "driver_rules"), i);
      DriverRule rule;
      rule.together = textList(rules[i], "together", at);
      rule.min_driver = reqWhole(rules[i], "min_driver", at, 0, 10000);
      rule.source = optText(rules[i], "source", at);
      rule.confidence = optText(rules[i], "confidence", at);
      m.driver_rules.push_back(rule);
    }
  }

  void readNamedConfigs(const Json& j, const std::string& path, GpuModel& m) {
    const Json& configs = member(j, "named_configs");
    if (!configs.is_object()) return;
    for (auto it = configs.begin(); it != configs.end(); ++it) {
      NamedConfig c;
      c.name = it.key();
      std::string at = pathTo(pathTo(path, "named_configs"), c.name);
      if (!it.value().is_object()) return fail(at, it.value(), "an object of profile -> count");
      for (auto d = it.value().begin(); d != it.value().end(); ++d) {
        auto count = readWhole(d.value(), at + "." + d.key(), 0, 64, kBad);
        if (!count) return fail(count.error());
        c.devices.emplace_back(d.key(), static_cast<int>(*count));
      }
      m.named_configs.push_back(c);
    }
  }

  Profile profile(const Json& j, const std::string& path, const GpuModel& m) {
    Profile p;
    if (!j.is_object()) {
      fail(path, j, "a profile object such as {\"name\": \"1g.10gb\", \"compute_slices\": 1, \"instances\": 7}");
      return p;
    }
    p.name = optText(j, "name", path);
    if (p.name.empty())
      fail(pathTo(path, "name"), member(j, "name"), "a profile name such as \"3g.40gb\"");
    else if (!isValidProfileName(p.name))
      fail(pathTo(path, "name"), member(j, "name"),
           "a profile name: <g>g.<GB>gb with an optional +me, +me.all, +gfx or -me");
    p.id = optWhole(j, "id", path, 0, 1000);
    p.compute_slices = reqWhole(j, "compute_slices", path, 1, 64);
    p.instances = reqWhole(j, "instances", path, 1, 64);
    p.memory_mib = optWhole(j, "memory_mib", path, 0, 1 << 30);
    if (member(j, "memory_gib").is_number()) p.memory_gib = j["memory_gib"].get<double>();
    p.sm = optWhole(j, "sm", path, 0, 100000);
    p.engines = engines(j, path);
    p.min_driver = optWhole(j, "min_driver", path, 0, 10000);
    p.confidence = textMap(j, "confidence", path);
    p.notes = textList(j, "notes", path);
    if (member(j, "sources").is_array())
      for (const auto& s : j["sources"])
        if (s.is_number_integer()) p.sources.push_back(s.get<int>());
    if (!optText(j, "placements", path).empty()) readPlacements(j["placements"], pathTo(path, "placements"), m, p);
    return p;
  }

  /// "{0,4}:4": starts within the model's placement units.
  void readPlacements(const Json& v, const std::string& at, const GpuModel& m, Profile& p) {
    if (!parsePlacements(v.get<std::string>(), p.starts, p.size))
      return fail(at, v, "placements of the form {start,start,...}:size, e.g. {0,4}:4");
    int units = m.units();
    if (units == 0) return fail(at, v, "absent while the model's placement_units is unknown");
    for (int s : p.starts)
      if (s < 0 || s + p.size > units)
        return fail(at, v,
                    "within the model's " + std::to_string(units) + " placement units; start " + std::to_string(s) +
                        " with size " + std::to_string(p.size) + " runs past them");
    if (p.starts.empty()) fail(at, v, "placements with at least one start");
  }

  void readProfiles(const Json& j, const std::string& path, GpuModel& m) {
    std::string at = pathTo(path, "profiles");
    const Json& list = member(j, "profiles");
    if (!list.is_array()) return fail(at, list, "a list of GI profiles");
    for (size_t i = 0; i < list.size() && !error; ++i) {
      Profile p = profile(list[i], itemPath(at, i), m);
      if (m.findProfile(p.name) >= 0)
        return fail(pathTo(itemPath(at, i), "name"), Json(p.name), "a profile not listed before; it is listed twice");
      m.profiles.push_back(std::move(p));
    }
    // A grid without any placements is allowed (unknown), a partial one is not.
    bool any = std::any_of(m.profiles.begin(), m.profiles.end(), [](const Profile& p) { return p.hasPlacements(); });
    if (m.placement_units && !m.placementsKnown() && any)
      fail(at, list, "a list that gives placements for all profiles or for none (here some have them and some do not)");
  }

  void readDriverVariants(const Json& j, const std::string& path, GpuModel& m) {
    if (!given(j, "driver_variants")) return;
    std::string at = pathTo(path, "driver_variants");
    const Json& variants = j["driver_variants"];
    if (!variants.is_array()) return fail(at, variants, "a list of driver variants");
    for (size_t i = 0; i < variants.size() && !error; ++i)
      m.driver_variants.push_back(variant(variants[i], itemPath(at, i), m));
  }

  /// A driver variant: the same GPU (key, names, IDs, memory, sources) with the slices, engines and profiles it has
  /// under the drivers up to max_driver. Its named configs and driver rules are its own (none unless given).
  GpuModel variant(const Json& j, const std::string& path, const GpuModel& base) {
    GpuModel v;
    if (!j.is_object()) {
      fail(path, j, "a driver variant object");
      return v;
    }
    v.key = base.key;
    v.family = base.family;
    v.architecture = base.architecture;
    v.names = base.names;
    v.pci_ids = base.pci_ids;
    v.total_memory_mib = base.total_memory_mib;
    v.die_sm = base.die_sm;
    v.min_driver = base.min_driver;
    v.min_driver_note = base.min_driver_note;
    v.sources = base.sources;  // the variant's source indices point into the model's list
    v.notes = base.notes;
    v.max_driver = reqWhole(j, "max_driver", path, std::max(base.min_driver, 1), 10000);
    v.compute_slices = reqWhole(j, "compute_slices", path, 1, 64);
    v.memory_slices = reqWhole(j, "memory_slices", path, 1, 64);
    v.placement_units = optWhole(j, "placement_units", path, 1, 32);
    v.max_instances = optWhole(j, "max_instances", path, 1, 64);
    if (member(j, "engine_totals").is_object())
      v.engine_totals = engines(j["engine_totals"], pathTo(path, "engine_totals"));
    v.confidence = textMap(j, "confidence", path);
    std::string note = optText(j, "note", path);
    if (!note.empty()) v.notes.insert(v.notes.begin(), note);
    if (j.contains("driver_variants"))
      fail(pathTo(path, "driver_variants"), j["driver_variants"], "absent: a driver variant has none of its own");
    readProfiles(j, path, v);
    return v;
  }
};

}  // namespace

Result<GpuModel> readGpuModel(const Json& value, const std::string& path) {
  const Json* model = &value;
  std::string at = path;
  if (value.is_object() && value.contains("gpus")) {
    at = pathTo(path, "gpus");
    const Json& gpus = value["gpus"];
    const std::string valid =
        "a list of one model (a GPU file holds one model: the model object or {\"gpus\": [model]})";
    if (!gpus.is_array()) return invalid(at, gpus, valid, kBad);
    if (gpus.size() != 1)
      return Error{kBad, at + " has " + std::to_string(gpus.size()) + " items; it must be " + valid + "."};
    model = &gpus[0];
    at = itemPath(at, 0);
  }
  ModelReader reader;
  GpuModel m = reader.model(*model, at);
  if (reader.error) return *reader.error;
  return m;
}

Result<GpuModel> parseGpuModel(const std::string& text) {
  auto doc = parseJson(text, kBad);  // the size and depth limits, a number beyond a double
  if (!doc) {
    Error e = doc.error();
    if (e.code == kBad) e.message = "The GPU file is not valid JSON: " + e.message.substr(e.message.find(':') + 2);
    return e;
  }
  auto m = readGpuModel(*doc, "");
  if (m) m.value().custom = true;
  return m;
}

}  // namespace migcalc
