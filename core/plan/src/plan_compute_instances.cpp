// Compute-instance demand in the fleet planner: packed into GPU instances before planning, handed to the planned
// GPU instances after.
#include "plan_compute_instances.hpp"

#include <algorithm>
#include <map>

#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/model/catalog.hpp"

namespace migcalc {

namespace {

/// The GPU-instance profile a demand entry asks for, and whether it names compute instances.
std::pair<std::string, bool> giOf(const std::string& profile) {
  auto split = splitCiProfile(profile);
  if (!split) return {profile, false};
  return {split->gi, split->c > 0};
}

/// The inventory and existing models that offer the GPU-instance profile `gi`.
std::vector<const GpuModel*> modelsOffering(const PlanInput& in, const std::string& gi) {
  std::vector<const GpuModel*> out;
  auto add = [&](const std::string& name) {
    auto g = findGpu(name);
    const GpuModel* table = g ? &(*g)->underDriver(in.driver) : nullptr;
    if (table && table->findProfile(gi) >= 0 && std::find(out.begin(), out.end(), table) == out.end())
      out.push_back(table);
  };
  for (const auto& item : in.gpus) add(item.model);
  if (in.gpus.empty())
    for (const auto& e : in.existing) add(e.model);
  return out;
}

std::string layoutKey(const PlanGroup& g) {
  std::string key = g.model;
  for (const auto& i : g.instances) {
    key += "|" + i.profile + "@" + std::to_string(i.start);
    for (const auto& ci : i.compute_instances) key += "," + ci.profile;
  }
  return key;
}

/// "6 × 1c.3g.40gb make 2 × 3g.40gb GPU instances (the fewest that hold them: 3×1c; 3×1c)".
std::string packingNote(const std::vector<ProfileCount>& asked, const CiDemandSplit::Packed& p) {
  std::vector<std::string> names, shapes;
  for (const auto& pc : asked)
    names.push_back(pc.count > 1 ? std::to_string(pc.count) + " \u00d7 " + pc.profile : pc.profile);
  for (const auto& cis : p.cis) shapes.push_back(cis.empty() ? "undivided" : ciSizesText(cis));
  if (shapes.size() > 8) shapes.resize(8), shapes.push_back("...");
  return "Compute instances: " + joinAnd(names) + (p.model.empty() ? "" : " on " + p.model) + " make " +
         std::to_string(p.cis.size()) + " \u00d7 " + p.gi + " GPU instance" + (p.cis.size() == 1 ? "" : "s") +
         " (the fewest that hold them: " + join(shapes, "; ") + ").";
}

}  // namespace

Result<CiDemandSplit> splitComputeInstanceDemand(const PlanInput& in) {
  CiDemandSplit out;
  out.input = in;
  std::vector<std::pair<std::string, std::string>> keys;  // (GI profile, model) with compute-instance entries
  for (const auto& d : in.demand) {
    auto [gi, ci] = giOf(d.profile);
    if (ci && std::find(keys.begin(), keys.end(), std::make_pair(gi, d.model)) == keys.end())
      keys.emplace_back(gi, d.model);
  }
  if (keys.empty()) return out;
  out.input.demand.clear();
  for (const auto& d : in.demand)
    if (std::find(keys.begin(), keys.end(), std::make_pair(giOf(d.profile).first, d.model)) == keys.end())
      out.input.demand.push_back(d);
  for (const auto& [gi, model] : keys) {
    std::string where = "demand (" + gi + (model.empty() ? "" : " on " + model) + ")";
    std::vector<ProfileCount> asked;
    long long total = 0;
    for (const auto& d : in.demand) {
      if (giOf(d.profile).first != gi || d.model != model) continue;
      if (d.count < 0 || d.count > kMaxExpandedInstances)
        return Error{Code::BAD_COUNT, where + ": a count of " + d.profile + " must be a whole number from 0 to " +
                                          std::to_string(kMaxExpandedInstances) +
                                          " when compute instances are asked for."};
      total += d.count;
      if (d.count > 0) asked.push_back({d.profile, d.count});
    }
    if (total > kMaxExpandedInstances)
      return Error{Code::BAD_COUNT, where + ": at most " + std::to_string(kMaxExpandedInstances) +
                                        " compute and GPU instances of one GPU-instance profile can be planned when "
                                        "compute instances are asked for; " +
                                        std::to_string(total) + " were."};
    std::vector<const GpuModel*> models;
    std::string modelKey;
    if (!model.empty()) {
      auto g = findGpu(model);
      if (!g) return Error{g.error().code, where + ": " + g.error().message};
      const GpuModel* table = &(*g)->underDriver(in.driver);
      if (table->findProfile(gi) >= 0) models.push_back(table);
      modelKey = (*g)->key;
    } else {
      models = modelsOffering(in, gi);
    }
    if (models.empty() || asked.empty()) {  // the planner says what is wrong with the names, or there is nothing
      for (const auto& d : in.demand)
        if (giOf(d.profile).first == gi && d.model == model) out.input.demand.push_back(d);
      continue;
    }
    CiDemandSplit::Packed packed{gi, modelKey, {}};
    for (size_t m = 0; m < models.size(); ++m) {
      auto expanded = expandComputeInstances(*models[m], asked);
      if (!expanded) return Error{expanded.error().code, where + ": " + expanded.error().message};
      std::vector<std::vector<std::string>> cis;
      for (const auto& planned : expanded->gis) cis.push_back(planned.cis);
      if (m == 0) {
        packed.cis = cis;
        out.notes.insert(out.notes.end(), expanded->notes.begin(), expanded->notes.end());
      } else if (cis != packed.cis) {
        return Error{Code::BAD_DEMAND, where + ": the compute instances pack into " + gi +
                                           " GPU instances differently on " + models[0]->key + " and " +
                                           models[m]->key + "; name the model in the demand (\"model\")."};
      }
    }
    out.input.demand.push_back({gi, static_cast<long long>(packed.cis.size()), model});
    out.notes.push_back(packingNote(asked, packed));
    out.packed.push_back(std::move(packed));
  }
  return out;
}

void giveComputeInstances(PlanResult& plan, const CiDemandSplit& split) {
  for (const auto& p : split.packed) {
    size_t next = 0;
    std::vector<PlanGroup> groups;
    for (const auto& g : plan.groups) {
      std::vector<size_t> slots;
      for (size_t i = 0; i < g.instances.size(); ++i)
        if (!g.instances[i].fixed && g.instances[i].profile == p.gi) slots.push_back(i);
      if (slots.empty() || next >= p.cis.size() || (!p.model.empty() && g.model != p.model)) {
        groups.push_back(g);
        continue;
      }
      std::map<std::string, size_t> byLayout;  // GPUs of this group that now differ, by layout
      long long left = g.count;
      for (; left > 0 && next < p.cis.size(); --left) {
        PlanGroup one = g;
        one.count = 1;
        for (size_t s : slots) {
          if (next >= p.cis.size()) break;
          for (const auto& name : p.cis[next]) {
            auto ci = splitCiProfile(name);
            one.instances[s].compute_instances.push_back({name, ci ? ci->c : 0});
          }
          ++next;
        }
        auto [at, added] = byLayout.emplace(layoutKey(one), groups.size());
        if (added)
          groups.push_back(std::move(one));
        else
          ++groups[at->second].count;
      }
      if (left > 0) {
        groups.push_back(g);
        groups.back().count = left;
      }
    }
    plan.groups = std::move(groups);
    if (next < p.cis.size())
      plan.notes.push_back(std::to_string(p.cis.size() - next) + " of the " + std::to_string(p.cis.size()) + " " +
                           p.gi + " GPU instances that hold the compute instances are not in the plan (unmet demand).");
  }
  plan.notes.insert(plan.notes.end(), split.notes.begin(), split.notes.end());
}

}  // namespace migcalc
