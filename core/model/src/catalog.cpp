#include "migcalc/model/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "catalog_data.hpp"
#include "migcalc/base/json.hpp"
#include "migcalc/base/text_util.hpp"

namespace migcalc {

using json = nlohmann::ordered_json;

namespace {

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

// Reads one model; throws std::runtime_error with "field: what is wrong" (caught in parseGpuModel).
struct ModelReader {
  std::string where;

  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw std::runtime_error(where + field + ": " + what);
  }
  std::optional<int> optInt(const json& j, const char* field, int lo, int hi) const {
    if (!j.contains(field) || j.at(field).is_null()) return std::nullopt;
    const json& v = j.at(field);
    if (!v.is_number_integer()) fail(field, "expected a whole number or null, got " + v.dump());
    long long x = v.get<long long>();
    if (x < lo || x > hi)
      fail(field, std::to_string(x) + " is out of range (" + std::to_string(lo) + " to " + std::to_string(hi) + ")");
    return static_cast<int>(x);
  }
  int reqInt(const json& j, const char* field, int lo, int hi) const {
    if (!j.contains(field) || j.at(field).is_null())
      fail(field, "is required (a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ")");
    return *optInt(j, field, lo, hi);
  }
  std::string optStr(const json& j, const char* field) const {
    if (!j.contains(field) || j.at(field).is_null()) return "";
    if (!j.at(field).is_string()) fail(field, "expected a string, got " + j.at(field).dump());
    return j.at(field).get<std::string>();
  }
  std::vector<std::string> strList(const json& j, const char* field) const {
    std::vector<std::string> out;
    if (!j.contains(field) || j.at(field).is_null()) return out;
    if (!j.at(field).is_array()) fail(field, "expected a list of strings");
    for (const auto& v : j.at(field)) {
      if (!v.is_string()) fail(field, "expected a list of strings, found " + v.dump());
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  std::map<std::string, std::string> strMap(const json& j, const char* field) const {
    std::map<std::string, std::string> out;
    if (!j.contains(field) || j.at(field).is_null()) return out;
    if (!j.at(field).is_object()) fail(field, "expected an object of strings");
    for (auto it = j.at(field).begin(); it != j.at(field).end(); ++it)
      if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
    return out;
  }
  Engines engines(const json& j) const {
    Engines e;
    e.dec = optInt(j, "dec", 0, 1000);
    e.enc = optInt(j, "enc", 0, 1000);
    e.jpeg = optInt(j, "jpeg", 0, 1000);
    e.ofa = optInt(j, "ofa", 0, 1000);
    e.ce = optInt(j, "ce", 0, 1000);
    return e;
  }

  Profile profile(const json& j, const GpuModel& m) const {
    if (!j.is_object()) fail("", "each profile must be an object");
    Profile p;
    p.name = optStr(j, "name");
    if (p.name.empty()) fail("name", "is required, e.g. \"3g.40gb\"");
    if (!isValidProfileName(p.name))
      fail("name",
           "'" + p.name + "' is not a profile name (expected <g>g.<GB>gb with an optional +me, +me.all, +gfx or -me)");
    p.id = optInt(j, "id", 0, 1000);
    p.compute_slices = reqInt(j, "compute_slices", 1, 64);
    p.instances = reqInt(j, "instances", 1, 64);
    p.memory_mib = optInt(j, "memory_mib", 0, 1 << 30);
    if (j.contains("memory_gib") && j.at("memory_gib").is_number()) p.memory_gib = j.at("memory_gib").get<double>();
    p.sm = optInt(j, "sm", 0, 100000);
    p.engines = engines(j);
    p.min_driver = optInt(j, "min_driver", 0, 10000);
    p.confidence = strMap(j, "confidence");
    p.notes = strList(j, "notes");
    if (j.contains("sources") && j.at("sources").is_array())
      for (const auto& s : j.at("sources"))
        if (s.is_number_integer()) p.sources.push_back(s.get<int>());
    std::string placements = optStr(j, "placements");
    if (!placements.empty()) {
      if (!parsePlacements(placements, p.starts, p.size))
        fail("placements", "'" + placements + "' is not of the form {start,start,...}:size, e.g. {0,4}:4");
      int units = m.units();
      if (units == 0) fail("placements", "given, but the model's placement_units is unknown");
      for (int s : p.starts)
        if (s < 0 || s + p.size > units)
          fail("placements", "'" + placements + "': start " + std::to_string(s) + " with size " +
                                 std::to_string(p.size) + " runs past the " + std::to_string(units) +
                                 " placement units");
      if (static_cast<int>(p.starts.size()) < 1) fail("placements", "needs at least one start");
    }
    return p;
  }

  GpuModel model(const json& j) {
    if (!j.is_object()) fail("", "a GPU model must be a JSON object");
    GpuModel m;
    m.key = optStr(j, "key");
    if (m.key.empty()) fail("key", "is required, e.g. \"MY-GPU-80GB\"");
    if (!isModelKey(m.key))
      fail("key", quote(m.key, 40) +
                      " is not a model key: 1 to 64 letters, digits, '.', '_', '+' or '-', starting with a "
                      "letter or digit (it is written into shell scripts and YAML), e.g. \"MY-GPU-80GB\"");
    where = "GPU '" + m.key + "': ";
    m.family = optStr(j, "family");
    m.architecture = optStr(j, "architecture");
    m.names = strList(j, "names");
    for (const auto& n : m.names)
      if (n.empty() || n.size() > kMaxNameLength ||
          std::any_of(n.begin(), n.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
        fail("names", quote(n, 40) + " is not a GPU name: 1 to " + std::to_string(kMaxNameLength) +
                          " characters, no control characters");
    m.pci_ids = strList(j, "pci_ids");
    for (const auto& id : m.pci_ids)
      if (!isPciId(id))
        fail("pci_ids",
             quote(id, 40) + " is not a PCI device ID such as \"0x2330\" (4 hex digits, or 8 with the vendor)");
    m.total_memory_mib = optInt(j, "total_memory_mib", 0, 1 << 30);
    m.die_sm = optInt(j, "die_sm", 0, 100000);
    m.compute_slices = reqInt(j, "compute_slices", 1, 64);
    m.memory_slices = reqInt(j, "memory_slices", 1, 64);
    m.placement_units = optInt(j, "placement_units", 1, 32);
    m.max_instances = optInt(j, "max_instances", 1, 64);
    m.min_driver = optInt(j, "min_driver", 0, 10000).value_or(0);
    m.min_driver_note = optStr(j, "min_driver_note");
    if (j.contains("engine_totals") && j.at("engine_totals").is_object())
      m.engine_totals = engines(j.at("engine_totals"));
    m.confidence = strMap(j, "confidence");
    m.notes = strList(j, "notes");
    m.sources = strList(j, "sources");
    if (j.contains("compute_instance_profiles")) {
      const json& ci = j.at("compute_instance_profiles");
      if (ci.is_string())
        m.compute_instance_profiles = ci.get<std::string>();
      else if (ci.is_object() && ci.contains("value") && ci.at("value").is_string())
        m.compute_instance_profiles = ci.at("value").get<std::string>();
    }
    if (j.contains("driver_rules") && j.at("driver_rules").is_array()) {
      for (const auto& r : j.at("driver_rules")) {
        DriverRule rule;
        rule.together = strList(r, "together");
        rule.min_driver = reqInt(r, "min_driver", 0, 10000);
        rule.source = optStr(r, "source");
        rule.confidence = optStr(r, "confidence");
        m.driver_rules.push_back(rule);
      }
    }
    if (j.contains("named_configs") && j.at("named_configs").is_object()) {
      for (auto it = j.at("named_configs").begin(); it != j.at("named_configs").end(); ++it) {
        NamedConfig c;
        c.name = it.key();
        if (!it.value().is_object()) fail("named_configs." + c.name, "expected an object of profile -> count");
        for (auto d = it.value().begin(); d != it.value().end(); ++d) {
          if (!d.value().is_number_integer() || d.value().get<long long>() < 0 || d.value().get<long long>() > 64)
            fail("named_configs." + c.name + "." + d.key(), "expected a count from 0 to 64");
          c.devices.emplace_back(d.key(), d.value().get<int>());
        }
        m.named_configs.push_back(c);
      }
    }
    readProfiles(j, m);
    if (j.contains("driver_variants") && !j.at("driver_variants").is_null()) {
      if (!j.at("driver_variants").is_array()) fail("driver_variants", "expected a list of driver variants");
      size_t k = 0;
      for (const auto& vj : j.at("driver_variants")) {
        std::string saved = where;
        where += "driver_variants[" + std::to_string(k++) + "].";
        m.driver_variants.push_back(variant(vj, m));
        where = saved;
      }
    }
    return m;
  }

  void readProfiles(const json& j, GpuModel& m) {
    if (!j.contains("profiles") || !j.at("profiles").is_array()) fail("profiles", "is required: a list of GI profiles");
    size_t i = 0;
    for (const auto& pj : j.at("profiles")) {
      std::string saved = where;
      where += "profiles[" + std::to_string(i++) + "].";
      Profile p = profile(pj, m);
      where = saved;
      if (m.findProfile(p.name) >= 0) fail("profiles", "'" + p.name + "' is listed twice");
      m.profiles.push_back(std::move(p));
    }
    if (m.placement_units && m.placementsKnown() == false) {
      // A grid without any placements is allowed (unknown), a partial one is not.
      bool any = std::any_of(m.profiles.begin(), m.profiles.end(), [](const Profile& p) { return p.hasPlacements(); });
      if (any) fail("profiles", "some profiles have placements and some do not; give all or none");
    }
  }

  /// A driver variant: the same GPU (key, names, IDs, memory, sources) with the slices, engines and profiles it has
  /// under the drivers up to max_driver. Its named configs and driver rules are its own (none unless given).
  GpuModel variant(const json& j, const GpuModel& base) {
    if (!j.is_object()) fail("", "a driver variant must be a JSON object");
    GpuModel v;
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
    v.max_driver = reqInt(j, "max_driver", std::max(base.min_driver, 1), 10000);
    v.compute_slices = reqInt(j, "compute_slices", 1, 64);
    v.memory_slices = reqInt(j, "memory_slices", 1, 64);
    v.placement_units = optInt(j, "placement_units", 1, 32);
    v.max_instances = optInt(j, "max_instances", 1, 64);
    if (j.contains("engine_totals") && j.at("engine_totals").is_object())
      v.engine_totals = engines(j.at("engine_totals"));
    v.confidence = strMap(j, "confidence");
    std::string note = optStr(j, "note");
    if (!note.empty()) v.notes.insert(v.notes.begin(), note);
    if (j.contains("driver_variants")) fail("driver_variants", "a driver variant has none of its own");
    readProfiles(j, v);
    return v;
  }
};

/// The embedded catalog, parsed once (a parse is most of the first call's time in the browser).
struct LoadedCatalog {
  std::vector<GpuModel> models;
  std::string version;
  bool sources_omitted = false;
};

LoadedCatalog loadCatalog() {
  LoadedCatalog out;
  json doc = json::parse(detail::kCatalogJson);
  for (const auto& g : doc.at("gpus")) {
    ModelReader reader;
    out.models.push_back(reader.model(g));
  }
  out.version = doc.value("catalog_version", "unknown");
  out.sources_omitted = doc.value("sources_omitted", false);
  return out;
}

const LoadedCatalog& loaded() {
  static const LoadedCatalog c = loadCatalog();
  return c;
}

bool hexEqualsId(const std::string& query, const std::string& id) {
  // id "0x2330"; query "0x2330", "2330", "0x233010DE" (device + vendor, as mig-parted writes it)
  std::string q = lower(query), want = lower(id);
  if (q.rfind("0x", 0) != 0) q = "0x" + q;
  if (q == want) return true;
  return q.size() == 10 && q.substr(6) == "10de" && q.substr(0, 6) == want;
}

}  // namespace

const std::vector<GpuModel>& catalog() { return loaded().models; }

const std::string& catalogJson() {
  static const std::string text(detail::kCatalogJson);
  return text;
}

bool isCatalogModel(const GpuModel& gpu) {
  const auto& models = catalog();
  return !models.empty() && &gpu >= &models.front() && &gpu <= &models.back();
}

std::string catalogVersion() { return loaded().version; }

bool catalogOmitsSources() { return loaded().sources_omitted; }

namespace {

std::vector<std::string> tokens(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : lower(s)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Every word of the query is a word of the candidate (or of one of its other names): "H100 80GB" -> H100-SXM5-80GB.
bool wordsMatch(const std::vector<std::string>& query, const std::vector<std::string>& candidate) {
  if (query.empty()) return false;
  for (const auto& q : query)
    if (std::find(candidate.begin(), candidate.end(), q) == candidate.end()) return false;
  return true;
}

}  // namespace

std::vector<std::string> closeNames(const std::string& query, const std::vector<std::string>& candidates, size_t max) {
  std::vector<std::pair<size_t, std::string>> scored;
  if (query.size() > kMaxNameLength) return {};  // nothing is close to it, and the edit distance would be slow
  std::string q = lower(query);
  auto qWords = tokens(query);
  for (const auto& c : candidates) {
    std::string lc = lower(c);
    size_t d = editDistance(q, lc);
    if (!q.empty() && lc.find(q) != std::string::npos) d = std::min<size_t>(d, 1);
    if (wordsMatch(qWords, tokens(c))) d = 0;
    scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  size_t limit = std::max<size_t>(3, q.size() / 2);
  for (const auto& s : scored)
    if (out.size() < max && s.first <= limit) out.push_back(s.second);
  return out;
}

std::vector<std::string> closeGpuKeys(const std::string& query, size_t max) {
  std::vector<std::string> keys, byName;
  if (query.size() > kMaxNameLength) return {};
  auto qWords = tokens(query);
  for (const auto& m : catalog()) {
    keys.push_back(m.key);
    for (const auto& n : m.names)
      if (wordsMatch(qWords, tokens(n)) && std::find(byName.begin(), byName.end(), m.key) == byName.end())
        byName.push_back(m.key);
  }
  std::vector<std::string> out = byName;
  for (const auto& k : closeNames(query, keys, max))
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  if (out.size() > max) out.resize(max);
  return out;
}

/// The Kubernetes label nvidia.com/gpu.product that GPU Feature Discovery writes: the NVML name with '-' for spaces
/// ("NVIDIA-H100-80GB-HBM3"; drivers before R470 print it without "NVIDIA"), with "-MIG-<profile>" (single strategy,
/// or "-MIG-INVALID") and "-SHARED" (time-slicing) after it (reference/k8s-cluster-format.md 1.3-1.5).
static std::vector<const GpuModel*> modelsByProductLabel(const std::string& label) {
  std::string base = lower(label);
  const std::string shared = "-shared";
  if (base.size() > shared.size() && base.compare(base.size() - shared.size(), shared.size(), shared) == 0)
    base.resize(base.size() - shared.size());
  auto mig = base.rfind("-mig-");
  if (mig != std::string::npos && mig > 0) base.resize(mig);
  auto noVendor = [](const std::string& s) { return s.rfind("nvidia-", 0) == 0 ? s.substr(7) : s; };
  std::vector<const GpuModel*> hits;
  for (const auto& m : catalog())
    for (const auto& n : m.names) {
      std::string asLabel = lower(n);
      std::replace(asLabel.begin(), asLabel.end(), ' ', '-');
      if ((asLabel == base || noVendor(asLabel) == noVendor(base)) &&
          std::find(hits.begin(), hits.end(), &m) == hits.end())
        hits.push_back(&m);
    }
  return hits;
}

Result<const GpuModel*> findGpu(const std::string& rawQuery) {
  std::string query = trim(rawQuery);
  if (query.empty()) return Error{Code::UNKNOWN_GPU, "No GPU model given. Run `migcalc gpus` for the list."};
  if (query.size() > kMaxNameLength)
    return Error{Code::TOO_LARGE, "The GPU name " + quote(query) + " is longer than any GPU's: a name is at most " +
                                      std::to_string(kMaxNameLength) + " characters. Run `migcalc gpus` for the list."};
  std::vector<const GpuModel*> hits;
  for (const auto& m : catalog())
    if (lower(m.key) == lower(query)) return &m;
  std::string lq = lower(query);
  std::string lqNoVendor = lq.rfind("nvidia ", 0) == 0 ? lq.substr(7) : lq;
  for (const auto& m : catalog()) {
    bool hit = false;
    for (const auto& n : m.names) {
      std::string ln = lower(n);
      std::string lnNoVendor = ln.rfind("nvidia ", 0) == 0 ? ln.substr(7) : ln;
      if (ln == lq || lnNoVendor == lqNoVendor) hit = true;
    }
    for (const auto& id : m.pci_ids)
      if (hexEqualsId(query, id)) hit = true;
    if (hit) hits.push_back(&m);
  }
  if (hits.empty()) hits = modelsByProductLabel(query);
  if (hits.size() == 1) return hits.front();
  if (hits.size() > 1) {
    std::string msg = "'" + query + "' matches " + std::to_string(hits.size()) + " models: ";
    for (size_t i = 0; i < hits.size(); ++i) {
      if (i) msg += "; ";
      msg +=
          hits[i]->key + " (total memory " +
          (hits[i]->total_memory_mib ? std::to_string(*hits[i]->total_memory_mib) + " MiB" : std::string("unknown")) +
          ")";
    }
    msg += ". Name the model by its key.";
    return Error{Code::AMBIGUOUS_GPU, msg};
  }
  std::string msg = "Unknown GPU '" + query + "'.";
  auto close = closeGpuKeys(query);
  if (!close.empty()) msg += " Did you mean " + joinOr(close) + "?";
  msg +=
      " Run `migcalc gpus` for every model; a model is found by key, by the name nvidia-smi prints, by the Kubernetes "
      "label "
      "nvidia.com/gpu.product (NVIDIA-H100-80GB-HBM3, with or without -MIG-… or -SHARED) or by PCI ID (0x2330 or "
      "0x233010DE).";
  return Error{Code::UNKNOWN_GPU, msg};
}

Result<GpuModel> parseGpuModel(const std::string& text) {
  auto checked = parseJson(text, Code::BAD_GPU_FILE);  // the size and depth limits, a number beyond a double
  if (!checked) {
    Error e = checked.error();
    if (e.code == Code::BAD_GPU_FILE)
      e.message = "The GPU file is not valid JSON: " + e.message.substr(e.message.find(':') + 2);
    return e;
  }
  json doc = std::move(checked.value());
  try {
    const json* model = &doc;
    if (doc.is_object() && doc.contains("gpus")) {
      if (!doc.at("gpus").is_array() || doc.at("gpus").size() != 1)
        return Error{Code::BAD_GPU_FILE, "A GPU file holds one model: either the model object or {\"gpus\": [model]}."};
      model = &doc.at("gpus").at(0);
    }
    ModelReader reader;
    GpuModel m = reader.model(*model);
    m.custom = true;
    return m;
  } catch (const std::exception& e) {
    return Error{Code::BAD_GPU_FILE, e.what()};
  }
}

}  // namespace migcalc
