// From parsed `nvidia-smi mig -lgip`/`-lgipp` rows to a GPU model, and how it compares with the catalog.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

namespace {

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
std::string opt(const std::optional<int>& v) { return v ? std::to_string(*v) : "unknown"; }

/// Differences between an imported model and a catalog model, in words.
std::vector<std::string> compare(const GpuModel& got, const GpuModel& cat) {
  std::vector<std::string> out;
  for (const auto& p : got.profiles) {
    int ci = cat.findProfile(p.name);
    if (ci < 0) {
      out.push_back(p.name + ": not in the catalog's " + cat.key);
      continue;
    }
    const Profile& c = cat.profiles[static_cast<size_t>(ci)];
    std::string pre = p.name + ": ";
    if (p.id != c.id) out.push_back(pre + "ID " + opt(p.id) + " here, " + opt(c.id) + " in the catalog");
    if (p.instances != c.instances)
      out.push_back(pre + std::to_string(p.instances) + " instances here, " + std::to_string(c.instances) +
                    " in the catalog");
    if (p.memory_gib && c.memory_gib && std::fabs(*p.memory_gib - *c.memory_gib) > 0.005)
      out.push_back(pre + "memory " + num(*p.memory_gib) + " GiB here, " + num(*c.memory_gib) +
                    " GiB in the catalog (drivers shift memory sizes)");
    else if (p.memory_gib && !c.memory_gib)
      out.push_back(pre + "memory " + num(*p.memory_gib) + " GiB here, unknown in the catalog");
    auto field = [&](const char* what, const std::optional<int>& a, const std::optional<int>& b) {
      if (a && a != b) out.push_back(pre + what + " " + std::to_string(*a) + " here, " + opt(b) + " in the catalog");
    };
    field("SMs", p.sm, c.sm);
    field("DEC", p.engines.dec, c.engines.dec);
    field("ENC", p.engines.enc, c.engines.enc);
    field("JPEG", p.engines.jpeg, c.engines.jpeg);
    field("OFA", p.engines.ofa, c.engines.ofa);
    field("CE", p.engines.ce, c.engines.ce);
    if (p.hasPlacements() && c.hasPlacements() && p.placementsText() != c.placementsText())
      out.push_back(pre + "placements " + p.placementsText() + " here, " + c.placementsText() + " in the catalog");
  }
  for (const auto& c : cat.profiles)
    if (got.findProfile(c.name) < 0)
      out.push_back(c.name + ": in the catalog's " + cat.key + " but not in this output");
  return out;
}

/// The GPU indices that have a profile table (-lgip rows).
std::set<int> gpuIndices(const SmiProfileListing& listing) {
  std::set<int> indices;
  for (const auto& r : listing.profiles) indices.insert(r.gpu);
  return indices;
}

/// The GPU to import: the one asked for, else the lowest index; refused when the output has no profile table or
/// no profiles for that GPU.
Result<int> chooseGpuIndex(const std::set<int>& indices, std::optional<int> gpuIndex) {
  if (indices.empty())
    return Error{Code::BAD_SMI_OUTPUT,
                 "Only placement lines (-lgipp) were found; a GPU model also needs the profile table of "
                 "`nvidia-smi mig -lgip` (names, IDs, counts, memory, SMs)."};
  int index = gpuIndex.value_or(*indices.begin());
  if (!indices.count(index)) {
    std::vector<std::string> have;
    for (int i : indices) have.push_back(std::to_string(i));
    return Error{Code::UNKNOWN_GPU_INDEX,
                 "The output has no profiles for GPU " + std::to_string(index) + "; it has GPU " + joinOr(have) + "."};
  }
  return index;
}

/// One -lgip row as a profile, with its -lgipp placements (the row's profile ID on the same GPU) when given.
Profile profileFromRow(const SmiProfileRow& r, const SmiProfileListing& listing, int index) {
  Profile p;
  p.name = r.name;
  p.id = r.id;
  auto split = splitCiProfile(r.name);
  p.compute_slices = smallNumber(split->gi.substr(0, split->gi.find('g'))).value_or(0);
  p.instances = r.total;
  p.memory_gib = r.memory_gib;
  if (r.memory_gib) {
    p.memory_mib = static_cast<int>(std::lround(*r.memory_gib * 1024.0));
    p.confidence["memory_mib"] = "derived from the GiB that nvidia-smi printed";
  }
  p.sm = r.sm;
  p.engines = {r.dec, r.enc, r.jpeg, r.ofa, r.ce};
  p.confidence["row"] = "real-hardware-output (imported from nvidia-smi mig -lgip)";
  for (const auto& pl : listing.placements)
    if (pl.gpu == index && pl.id == r.id) p.starts = pl.starts, p.size = pl.size;
  return p;
}

/// The chosen GPU's profiles, in output order; a profile listed twice is refused.
std::optional<Error> readProfiles(const SmiProfileListing& listing, int index, GpuModel& m) {
  for (const auto& r : listing.profiles) {
    if (r.gpu != index) continue;
    if (m.findProfile(r.name) >= 0)
      return Error{Code::BAD_SMI_OUTPUT, "line " + std::to_string(r.line) + ": profile " + r.name +
                                             " appears twice for GPU " + std::to_string(index) + "."};
    m.profiles.push_back(profileFromRow(r, listing, index));
  }
  return std::nullopt;
}

/// Notes on what the import leaves out: the other GPUs of the output, and placements that match no profile.
void noteWhatIsLeftOut(const SmiProfileListing& listing, const std::set<int>& indices, int index, ImportedGpu& out) {
  if (indices.size() > 1)
    out.notes.push_back("The output lists " + std::to_string(indices.size()) + " GPUs; this model is GPU " +
                        std::to_string(index) + ".");
  for (const auto& pl : listing.placements) {
    if (pl.gpu != index) continue;
    bool used = std::any_of(listing.profiles.begin(), listing.profiles.end(),
                            [&](const SmiProfileRow& r) { return r.gpu == index && r.id == pl.id; });
    if (!used)
      out.notes.push_back("line " + std::to_string(pl.line) + ": placements for profile ID " + std::to_string(pl.id) +
                          " match no profile in the -lgip table; ignored.");
  }
}

/// How many of the imported profile names a catalog model has.
size_t sharedProfiles(const GpuModel& m, const GpuModel& c) {
  size_t shared = 0;
  for (const auto& p : m.profiles) shared += c.findProfile(p.name) >= 0;
  return shared;
}

/// The share of profile names two models have in common (shared names over all names).
double similarity(const GpuModel& m, const GpuModel& c, size_t shared) {
  return static_cast<double>(shared) / static_cast<double>(m.profiles.size() + c.profiles.size() - shared);
}

struct CatalogMatch {
  const GpuModel* best = nullptr;
  double score = -1;
  size_t diffs = 0;
};

/// Closest catalog model: most shared profile names, then fewest differences (the first in catalog order on a tie).
CatalogMatch closestCatalogModel(const GpuModel& m) {
  CatalogMatch match;
  for (const auto& c : catalog()) {
    size_t shared = sharedProfiles(m, c);
    if (!shared) continue;
    double score = similarity(m, c, shared);
    size_t diffs = compare(m, c).size();
    if (score > match.score + 1e-9 || (std::fabs(score - match.score) < 1e-9 && diffs < match.diffs)) {
      match.best = &c, match.score = score, match.diffs = diffs;
    }
  }
  return match;
}

/// Other catalog models that fit exactly as well as the closest one (the output cannot tell them apart).
void noteEquallyCloseModels(const GpuModel& m, const CatalogMatch& match, ImportedGpu& out) {
  if (match.best)
    for (const auto& c : catalog()) {
      if (&c == match.best) continue;
      double score = similarity(m, c, sharedProfiles(m, c));
      if (std::fabs(score - match.score) < 1e-9 && compare(m, c).size() == match.diffs)
        out.also_matching.push_back(c.key);
    }
  if (!out.also_matching.empty())
    out.notes.push_back("The output fits " + joinAnd(out.also_matching) + " just as well as " + match.best->key +
                        " (same profile names; the values that would tell them apart are not known). Check the product "
                        "name with nvidia-smi -L.");
}

/// Without -lgipp output, an exact match lends its placements (marked inferred).
void copyCatalogPlacements(const GpuModel& best, ImportedGpu& out) {
  GpuModel& m = out.model;
  for (auto& p : m.profiles) {
    const Profile& c = best.profiles[static_cast<size_t>(best.findProfile(p.name))];
    p.starts = c.starts, p.size = c.size;
    p.confidence["placements"] = "inferred: copied from catalog " + best.key + " (no -lgipp output given)";
  }
  m.placement_units = best.placement_units;
  out.notes.push_back("No `nvidia-smi mig -lgipp` output: placements copied from the catalog's " + best.key +
                      " (marked inferred). Add the -lgipp output to use the GPU's own.");
}

/// The closest catalog model names the import, lists the differences and lends the facts nvidia-smi does not print
/// (family, names, PCI IDs, memory); an exact match without -lgipp output also lends its placements.
void adoptCatalogMatch(const GpuModel& best, double score, ImportedGpu& out, bool& havePlacements,
                       bool& somePlacements) {
  GpuModel& m = out.model;
  out.catalog_match = best.key;
  out.exact_match = score > 1 - 1e-9;
  out.differences = compare(m, best);
  m.family = best.family;
  m.architecture = best.architecture;
  m.names = best.names;
  m.pci_ids = best.pci_ids;
  m.total_memory_mib = best.total_memory_mib;
  m.memory_slices = best.memory_slices;
  m.confidence["memory_slices"] = "from catalog " + best.key;
  m.confidence["pci_ids"] = "from catalog " + best.key;
  if (!havePlacements && out.exact_match && best.placementsKnown()) {
    copyCatalogPlacements(best, out);
    havePlacements = true;
    somePlacements = false;
  }
}

/// Placements for only some profiles are no placements: all are dropped, and the missing ones named.
void dropPartialPlacements(ImportedGpu& out) {
  GpuModel& m = out.model;
  std::vector<std::string> missing;
  for (auto& p : m.profiles)
    if (!p.hasPlacements()) missing.push_back(p.name + " (ID " + opt(p.id) + ")");
  for (auto& p : m.profiles) p.starts.clear(), p.size = 0;
  out.notes.push_back("The -lgipp output has no placements for " + joinAnd(missing) +
                      "; placements are left unknown. Give the complete output.");
}

/// The placement units: the end of the farthest placement.
void derivePlacementUnits(GpuModel& m) {
  int units = 0;
  for (const auto& p : m.profiles)
    for (int s : p.starts) units = std::max(units, s + p.size);
  m.placement_units = units;
  m.confidence["placement_units"] = "derived from the -lgipp placements";
}

/// The whole GPU from its profiles: compute slices (the largest profile), memory slices when no catalog model gave
/// them, the engine totals of the full-GPU profile (the largest without an attribute), the instance cap.
void deriveWholeGpu(GpuModel& m) {
  const Profile* full = nullptr;
  for (const auto& p : m.profiles)
    if (p.attribute().empty() && (!full || p.compute_slices > full->compute_slices)) full = &p;
  m.compute_slices = full ? full->compute_slices : 1;
  for (const auto& p : m.profiles) m.compute_slices = std::max(m.compute_slices, p.compute_slices);
  if (m.memory_slices == 0) {
    m.memory_slices = m.placement_units && *m.placement_units <= 8 ? *m.placement_units : m.compute_slices;
    m.confidence["memory_slices"] = "inferred (no catalog match)";
  }
  if (full) {
    m.engine_totals = full->engines;
    m.confidence["engine_totals"] = "the full-GPU profile " + full->name + " as nvidia-smi printed it";
  }
  int maxInst = 0;
  for (const auto& p : m.profiles) maxInst = std::max(maxInst, p.instances);
  m.max_instances = maxInst;
}

}  // namespace

Result<ImportedGpu> importGpuFromSmi(const std::string& text, std::optional<int> gpuIndex) {
  auto listing = parseSmiProfiles(text);
  if (!listing) return listing.error();
  std::set<int> indices = gpuIndices(*listing);
  auto index = chooseGpuIndex(indices, gpuIndex);
  if (!index) return index.error();
  ImportedGpu out;
  out.gpu_index = *index;
  GpuModel& m = out.model;
  m.custom = true;
  if (auto e = readProfiles(*listing, *index, m)) return *e;
  noteWhatIsLeftOut(*listing, indices, *index, out);

  CatalogMatch match = closestCatalogModel(m);
  noteEquallyCloseModels(m, match, out);
  bool havePlacements =
      std::all_of(m.profiles.begin(), m.profiles.end(), [](const Profile& p) { return p.hasPlacements(); });
  bool somePlacements =
      std::any_of(m.profiles.begin(), m.profiles.end(), [](const Profile& p) { return p.hasPlacements(); });
  if (match.best) adoptCatalogMatch(*match.best, match.score, out, havePlacements, somePlacements);
  if (somePlacements && !havePlacements) dropPartialPlacements(out);
  if (havePlacements && !m.placement_units) derivePlacementUnits(m);
  if (!havePlacements && !match.best)
    out.notes.push_back("No placements: add `nvidia-smi mig -lgipp` output to check layouts on this GPU.");
  deriveWholeGpu(m);
  m.key = (match.best && out.exact_match ? match.best->key : std::string("GPU")) + "-imported";
  // The result must be a valid custom-GPU file; say what is inconsistent if it is not.
  auto valid = parseGpuModel(gpuModelJson(m).dump());
  if (!valid)
    return Error{Code::BAD_SMI_OUTPUT, "The output does not describe a consistent GPU: " + valid.error().message};
  m.notes.push_back("Imported from nvidia-smi mig -lgip" + std::string(havePlacements ? " / -lgipp" : "") +
                    " output (GPU " + std::to_string(*index) + ").");
  return out;
}

Json importedGpuJson(const ImportedGpu& imported) {
  return {{"gpu_index", imported.gpu_index},
          {"catalog_match", imported.catalog_match ? Json(*imported.catalog_match) : Json(nullptr)},
          {"exact_match", imported.exact_match},
          {"also_matching", imported.also_matching},
          {"differences", imported.differences},
          {"notes", imported.notes},
          {"model", gpuModelJson(imported.model)}};
}

}  // namespace migcalc
