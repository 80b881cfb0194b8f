#include "migcalc/model/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "catalog_data.hpp"
#include "migcalc/base/json.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/model/model_reader.hpp"

namespace migcalc {

namespace {

/// The embedded catalog, parsed once (a parse is most of the first call's time in the browser).
struct LoadedCatalog {
  std::vector<GpuModel> models;
  std::string version;
  bool sources_omitted = false;
};

/// Reads the embedded catalog with the reader of every GPU file. A model it refuses is a defect of the build (the
/// tests read every model), so it stops the program rather than leave a model out.
LoadedCatalog loadCatalog() {
  LoadedCatalog out;
  Json doc = Json::parse(detail::kCatalogJson);
  const Json& gpus = doc.at("gpus");
  for (size_t i = 0; i < gpus.size(); ++i) {
    auto model = readGpuModel(gpus[i], "gpus[" + std::to_string(i) + "]");
    if (!model) throw std::logic_error("The embedded catalog is broken: " + model.error().message);
    out.models.push_back(std::move(model.value()));
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
  if (query.size() > kMaxNameLength) return {};  // nothing is close to it, and the edit distance would be slow
  std::string q = lower(query);
  auto qWords = tokens(query);
  const size_t limit = std::max<size_t>(3, q.size() / 2);
  struct Scored {
    size_t distance, index;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < candidates.size(); ++i) {
    std::string lc = lower(candidates[i]);
    size_t d = 0;
    if (!wordsMatch(qWords, tokens(candidates[i]))) {
      bool contains = !q.empty() && lc.find(q) != std::string::npos;
      // The edit distance is at least the difference in length: past the limit it need not be computed.
      size_t gap = q.size() > lc.size() ? q.size() - lc.size() : lc.size() - q.size();
      // A candidate that contains the query is at most 1 away (its edit distance is exactly the gap).
      d = contains ? std::min<size_t>(gap, 1) : gap > limit ? limit + 1 : editDistance(q, lc);
    }
    if (d <= limit) scored.push_back({d, i});
  }
  // Closest first; ties in the candidates' order (std::sort on (distance, index): a stable order without stable_sort).
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
  });
  std::vector<std::string> out;
  for (const auto& s : scored)
    if (out.size() < max) out.push_back(candidates[s.index]);
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

}  // namespace migcalc
