#include "migcalc/plan/plan.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <tuple>

#include "migcalc/engine/grid.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"
#include "plan_compute_instances.hpp"
#include "plan_patterns.hpp"
#include "plan_solve.hpp"

namespace migcalc {

namespace {

struct ModelEntry {
  const GpuModel* gpu = nullptr;
  std::optional<long long> available;
  double cost = 1;
  bool in_inventory = true;
  std::shared_ptr<const Grid> grid;
  std::vector<int> relevant;  // model profile indices some demand may use, in catalog order
};

struct Option {
  int model = 0;
  int profile = 0;
  bool operator<(const Option& o) const { return std::tie(model, profile) < std::tie(o.model, o.profile); }
  bool operator==(const Option& o) const { return model == o.model && profile == o.profile; }
};

struct DemandClass {
  std::string name;
  long long count = 0;
  std::vector<Option> options;
};

struct Kind {
  int model = 0;
  bool existing = false;
  std::optional<long long> limit;
  double cost = 0;
  std::vector<FixedInstance> fixed;
  std::shared_ptr<const std::vector<PlanPattern>> patterns;
  const std::vector<PlanPattern>& pats() const { return *patterns; }
  int first_column = 0;
};

std::string gib(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string countText(long long n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

bool qualifies(const Profile& p, const WorkloadDemand& w) {
  if (!p.memory_mib || *p.memory_mib < w.memory_gib * 1024.0) return false;
  if (w.min_compute_slices && p.compute_slices < *w.min_compute_slices) return false;
  if (w.min_sms && (!p.sm || *p.sm < *w.min_sms)) return false;
  if (w.media && (!p.engines.dec || *p.engines.dec <= 0)) return false;
  return true;
}

std::string needText(const WorkloadDemand& w) {
  std::string s = "an instance with at least " + gib(w.memory_gib) + " GiB";
  if (w.min_compute_slices) s += ", " + countText(*w.min_compute_slices, "compute slice");
  if (w.min_sms) s += ", " + countText(*w.min_sms, "SM");
  if (w.media) s += " and media engines";
  return s;
}

void addMeasure(Measure& into, const Measure& m, long long times, bool& unknown) {
  if (!m.used || !m.total) {
    unknown = true;
    return;
  }
  into.used = into.used.value_or(0) + *m.used * static_cast<double>(times);
  into.total = into.total.value_or(0) + *m.total * static_cast<double>(times);
}

class Planner {
 public:
  Planner(const PlanInput& in, bool lenient) : in_(in), lenient_(lenient) {}

  Result<PlanResult> run() {
    auto start = std::chrono::steady_clock::now();
    if (auto e = readInventory()) return *e;
    if (auto e = readDemand()) return *e;
    if (auto e = buildKinds()) return *e;
    buildProgram();
    double limit = std::isfinite(in_.time_limit_s) && in_.time_limit_s > 0 ? std::min(in_.time_limit_s, 3600.0) : 2.0;
    auto deadline = start + std::chrono::microseconds(static_cast<long long>(limit * 1e6));
    IntSolution sol =
        program_.lp.columns == 0 ? IntSolution{true, {}, 0, 0, false, 0} : solveIntProgram(program_, deadline);
    if (!sol.found)
      return Error{Code::INTERNAL, "The planner found no plan (the LP solver failed); please report this input."};
    auto r = assemble(sol);
    if (!r) return r;
    r->solve_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return r;
  }

 private:
  const PlanInput& in_;
  bool lenient_;
  std::vector<ModelEntry> models_;
  std::vector<DemandClass> classes_;
  std::vector<PlanUnmet> unmet_;
  std::vector<Kind> kinds_;
  bool costs_given_ = false;
  long long total_demand_ = 0;
  // LP layout
  IntProgram program_;
  std::map<Option, int> supply_row_;
  std::map<Option, long long> single_demand_;
  std::map<Option, int> single_unmet_col_;
  std::vector<std::vector<int>> class_y_col_;  // per class: y column per option (multi-option classes)
  std::vector<int> class_unmet_col_;           // per class: u column (multi-option classes), else -1
  double penalty_ = 1;

  int findModel(const std::string& key) const {
    for (size_t i = 0; i < models_.size(); ++i)
      if (models_[i].gpu->key == key) return static_cast<int>(i);
    return -1;
  }

  Result<const GpuModel*> resolve(const std::string& name, const std::string& where) {
    auto g = findGpu(name);
    if (!g) return Error{g.error().code, where + ": " + g.error().message};
    const GpuModel* table = &(*g)->underDriver(in_.driver);  // a driver variant's own table, where it has one
    if (!table->placementsKnown())
      return Error{Code::PLACEMENTS_UNKNOWN,
                   where + ": exact placement on " + table->key + " is unknown, so it cannot be planned."};
    return table;
  }

  std::optional<Error> readInventory() {
    if (in_.gpus.empty() && in_.existing.empty())
      return Error{Code::BAD_DEMAND, "The inventory (\"gpus\") lists no GPU model."};
    if (in_.gpus.size() > kMaxPlanModels)
      return Error{Code::TOO_LARGE,
                   "At most " + std::to_string(kMaxPlanModels) + " GPU models can be planned at once."};
    for (const auto& c : in_.gpus) costs_given_ = costs_given_ || c.cost.has_value();
    for (size_t i = 0; i < in_.gpus.size(); ++i) {
      const auto& item = in_.gpus[i];
      std::string where = "gpus[" + std::to_string(i) + "] (" + item.model + ")";
      auto g = resolve(item.model, where);
      if (!g) return g.error();
      if (findModel((*g)->key) >= 0) return Error{Code::BAD_DEMAND, where + ": " + (*g)->key + " is listed twice."};
      if (item.available && (*item.available < 0 || *item.available > kMaxPlanCount))
        return Error{Code::BAD_COUNT,
                     where + ": available must be a whole number from 0 to " + std::to_string(kMaxPlanCount) + "."};
      if (item.cost && !(std::isfinite(*item.cost) && *item.cost > 0 && *item.cost < 1e9))
        return Error{Code::BAD_COUNT, where + ": cost must be a positive number."};
      ModelEntry m;
      m.gpu = *g;
      m.available = item.available;
      m.cost = item.cost.value_or(1.0);
      m.grid = planGrid(**g, in_.driver);
      models_.push_back(std::move(m));
    }
    if (in_.existing.size() > kMaxPlanItems)
      return Error{Code::TOO_LARGE, "At most " + std::to_string(kMaxPlanItems) + " existing entries."};
    for (size_t i = 0; i < in_.existing.size(); ++i) {
      const auto& e = in_.existing[i];
      std::string where = "existing[" + std::to_string(i) + "] (" + e.model + ")";
      auto g = resolve(e.model, where);
      if (!g) return g.error();
      if (e.count < 1 || e.count > kMaxExistingCount)
        return Error{Code::BAD_COUNT,
                     where + ": count must be a whole number from 1 to " + std::to_string(kMaxExistingCount) + "."};
      if (findModel((*g)->key) < 0) {
        ModelEntry m;
        m.gpu = *g;
        m.available = 0;
        m.in_inventory = false;
        m.grid = planGrid(**g, in_.driver);
        models_.push_back(std::move(m));
      }
    }
    return std::nullopt;
  }

  /// The demand: each profile item and each workload becomes a class of instances with the options (model,
  /// profile) that may host it; then the totals and the profiles each model needs patterns for.
  std::optional<Error> readDemand() {
    if (in_.demand.size() + in_.workloads.size() > kMaxPlanItems)
      return Error{Code::TOO_LARGE, "At most " + std::to_string(kMaxPlanItems) + " demand items."};
    const std::vector<int> inventory = inventoryModels();
    for (size_t i = 0; i < in_.demand.size(); ++i)
      if (auto e = readProfileDemand(i, inventory)) return *e;
    for (size_t i = 0; i < in_.workloads.size(); ++i)
      if (auto e = readWorkloadDemand(i, inventory)) return *e;
    return tallyDemand();
  }

  /// The models a demand without a model may use: the inventory's (every model when only existing GPUs are given).
  std::vector<int> inventoryModels() const {
    std::vector<int> inventory;
    for (size_t i = 0; i < models_.size(); ++i)
      if (models_[i].in_inventory || in_.gpus.empty()) inventory.push_back(static_cast<int>(i));
    return inventory;
  }

  /// demand[i]: a profile on its model, or on every inventory model that offers it. A profile no candidate offers
  /// is an error (unmet demand when lenient, as in a comparison).
  std::optional<Error> readProfileDemand(size_t i, const std::vector<int>& inventory) {
    const auto& d = in_.demand[i];
    std::string where = "demand[" + std::to_string(i) + "] (" + d.profile + ")";
    if (d.count < 0 || d.count > kMaxPlanCount)
      return Error{Code::BAD_COUNT,
                   where + ": count must be a whole number from 0 to " + std::to_string(kMaxPlanCount) + "."};
    DemandClass c{d.profile, d.count, {}};
    std::vector<int> candidates = inventory;
    if (!d.model.empty() && !lenient_) {
      auto g = findGpu(d.model);
      if (!g) return Error{g.error().code, where + ": " + g.error().message};
      int m = findModel((*g)->key);
      if (m < 0) return Error{Code::UNKNOWN_GPU, where + ": " + (*g)->key + " is not in the inventory (\"gpus\")."};
      candidates = {m};
      c.name = d.profile + " (" + (*g)->key + ")";
    }
    for (int m : candidates) {
      int p = models_[static_cast<size_t>(m)].gpu->findProfile(d.profile);
      if (p >= 0 && models_[static_cast<size_t>(m)].grid->profiles[static_cast<size_t>(p)].available)
        c.options.push_back({m, p});
    }
    if (c.options.empty()) return profileNotOffered(d, where, c.name, candidates);
    if (d.count > 0) classes_.push_back(std::move(c));
    return std::nullopt;
  }

  /// No candidate model offers the profile under the plan's driver: say which driver it needs, or which names are
  /// close. When lenient, the demand stays unmet instead.
  std::optional<Error> profileNotOffered(const ProfileDemand& d, const std::string& where, const std::string& name,
                                         const std::vector<int>& candidates) {
    std::string models;
    for (int m : candidates) models += (models.empty() ? "" : ", ") + models_[static_cast<size_t>(m)].gpu->key;
    if (lenient_) {
      if (d.count > 0)
        unmet_.push_back({name, d.count, Code::NO_PROFILE, models + " has no profile " + d.profile + "."});
      return std::nullopt;
    }
    std::string tooOld = driverNeeds(d.profile, candidates);
    if (!tooOld.empty())
      return Error{Code::DRIVER_TOO_OLD,
                   where + ": " + tooOld + "; the plan's driver is " + driverName(in_.driver) + "."};
    std::vector<std::string> offered;
    for (int m : candidates)
      for (const auto& pr : models_[static_cast<size_t>(m)].gpu->profiles) offered.push_back(pr.name);
    std::string hint;
    for (const auto& s : closeNames(d.profile, offered, 3)) hint += (hint.empty() ? "" : ", ") + s;
    return Error{Code::UNKNOWN_PROFILE, where + ": no profile '" + d.profile + "' on " + models +
                                            " (driver permitting)." + (hint.empty() ? "" : " Close: " + hint + ".")};
  }

  /// "P on MODEL needs driver RNNN or newer" for each candidate that has the profile under a newer driver only.
  std::string driverNeeds(const std::string& profile, const std::vector<int>& candidates) const {
    std::string tooOld;
    for (int m : candidates) {
      const GpuModel& gpu = *models_[static_cast<size_t>(m)].gpu;
      int p = gpu.findProfile(profile);
      if (p < 0) continue;
      int need = std::max(gpu.min_driver, gpu.profiles[static_cast<size_t>(p)].min_driver.value_or(0));
      if (need > in_.driver)
        tooOld += std::string(tooOld.empty() ? "" : "; ") + profile + " on " + gpu.key + " needs driver R" +
                  std::to_string(need) + " or newer";
    }
    return tooOld;
  }

  /// workloads[i]: every available profile of an inventory model that meets the need may host it.
  std::optional<Error> readWorkloadDemand(size_t i, const std::vector<int>& inventory) {
    const auto& w = in_.workloads[i];
    std::string name = w.name.empty() ? "workload " + std::to_string(i + 1) : w.name;
    std::string where = "workloads[" + std::to_string(i) + "] (" + name + ")";
    if (w.count < 0 || w.count > kMaxPlanCount)
      return Error{Code::BAD_COUNT,
                   where + ": count must be a whole number from 0 to " + std::to_string(kMaxPlanCount) + "."};
    if (!std::isfinite(w.memory_gib) || w.memory_gib < 0 || w.memory_gib > 1e6)
      return Error{Code::BAD_DEMAND, where + ": memory_gib must be a number of GiB from 0 to 1000000."};
    if ((w.min_compute_slices && *w.min_compute_slices < 0) || (w.min_sms && *w.min_sms < 0))
      return Error{Code::BAD_DEMAND, where + ": min_compute_slices and min_sms must not be negative."};
    if (w.count == 0) return std::nullopt;
    DemandClass c{name, w.count, {}};
    for (int m : inventory) {
      const ModelEntry& me = models_[static_cast<size_t>(m)];
      for (size_t p = 0; p < me.gpu->profiles.size(); ++p)
        if (me.grid->profiles[p].available && qualifies(me.gpu->profiles[p], w))
          c.options.push_back({m, static_cast<int>(p)});
    }
    if (c.options.empty()) {
      unmet_.push_back({name, w.count, Code::NO_PROFILE,
                        "No inventory model offers " + needText(w) +
                            " (memory as the catalog gives it in MiB; unknown values do not qualify)."});
      return std::nullopt;
    }
    classes_.push_back(std::move(c));
    return std::nullopt;
  }

  /// The whole demand within its limit, and each model's relevant profiles (sorted, once each).
  std::optional<Error> tallyDemand() {
    for (const auto& c : classes_) {
      total_demand_ += c.count;
      if (total_demand_ > kMaxPlanCount)
        return Error{Code::TOO_LARGE,
                     "The whole demand is limited to " + std::to_string(kMaxPlanCount) + " instances."};
      for (const auto& o : c.options) models_[static_cast<size_t>(o.model)].relevant.push_back(o.profile);
    }
    for (auto& m : models_) {
      std::sort(m.relevant.begin(), m.relevant.end());
      m.relevant.erase(std::unique(m.relevant.begin(), m.relevant.end()), m.relevant.end());
    }
    return std::nullopt;
  }

  std::optional<Error> buildKinds() {
    for (size_t m = 0; m < models_.size(); ++m) {
      const ModelEntry& me = models_[m];
      if (me.relevant.empty() || !me.in_inventory || (me.available && *me.available == 0)) continue;
      Kind k;
      k.model = static_cast<int>(m);
      k.limit = me.available;
      k.cost = me.cost;
      kinds_.push_back(std::move(k));
    }
    for (const auto& e : in_.existing) {
      auto g = findGpu(e.model);
      int m = findModel((*g)->key);
      Kind k;
      k.model = m;
      k.existing = true;
      k.limit = e.count;
      k.fixed = e.instances;
      if (models_[static_cast<size_t>(m)].relevant.empty()) {
        // Still validate the existing layout.
        auto check =
            planPatterns(*models_[static_cast<size_t>(m)].gpu, *models_[static_cast<size_t>(m)].grid, {}, e.instances);
        if (!check) return check.error();
        continue;
      }
      kinds_.push_back(std::move(k));
    }
    for (auto& k : kinds_) {
      const ModelEntry& me = models_[static_cast<size_t>(k.model)];
      auto pats = cachedPlanPatterns(*me.gpu, in_.driver, *me.grid, me.relevant, k.fixed);
      if (!pats) return pats.error();
      k.patterns = std::move(*pats);
    }
    return std::nullopt;
  }

  /// A one-option class folds into its profile's supply row, unless a many-option class draws on that row
  /// too (then the row's unmet variable could cover the other class's draw).
  bool folded(const DemandClass& dc) const {
    if (dc.options.size() != 1) return false;
    for (const auto& other : classes_)
      if (other.options.size() > 1 &&
          std::find(other.options.begin(), other.options.end(), dc.options[0]) != other.options.end())
        return false;
    return true;
  }

  int addColumn(double cost, bool integer) {
    program_.lp.cost.push_back(cost);
    program_.integer.push_back(integer ? 1 : 0);
    program_.priority.push_back(0);
    return program_.lp.columns++;
  }

  int supplyRow(const Option& o) {
    auto it = supply_row_.find(o);
    if (it != supply_row_.end()) return it->second;
    int r = static_cast<int>(program_.lp.rows.size());
    program_.lp.rows.emplace_back();
    program_.lp.rhs.push_back(0.0);
    supply_row_[o] = r;
    return r;
  }

  /// The integer program: the objective's unit, a column per pattern of each kind, and the demand rows.
  void buildProgram() {
    chooseObjectiveUnit();
    for (auto& k : kinds_) addKindColumns(k);
    addManyOptionDemandRows();
    addFoldedDemandRows();
  }

  /// The objective's unit: costs in thousandths, their greatest common divisor (0 when a cost is finer). The unmet
  /// penalty exceeds any spend, rounded up to the unit.
  void chooseObjectiveUnit() {
    long long g = 0;
    bool integral = true;
    double maxSpend = 1;
    for (const auto& k : kinds_) {
      if (k.existing) continue;
      double scaled = k.cost * 1000.0;
      if (std::fabs(scaled - std::round(scaled)) > 1e-6)
        integral = false;
      else
        g = std::gcd(g, static_cast<long long>(std::llround(scaled)));
      maxSpend += k.cost * static_cast<double>(k.limit.value_or(total_demand_));
    }
    program_.unit = integral && g > 0 ? static_cast<double>(g) / 1000.0 : 0.0;
    penalty_ = program_.unit > 0 ? std::ceil(maxSpend / program_.unit) * program_.unit : maxSpend;
  }

  /// A kind's pattern columns, each supplying its relevant profiles; new GPUs also get a count column, and a limited
  /// kind a row that caps its GPUs.
  void addKindColumns(Kind& k) {
    k.first_column = program_.lp.columns;
    const ModelEntry& me = models_[static_cast<size_t>(k.model)];
    const bool counted = !k.existing;  // existing GPUs cost nothing; a new GPU's cost sits on its count column
    for (size_t p = 0; p < k.pats().size(); ++p) {
      int col = addColumn(counted ? 0.0 : k.cost, true);
      for (size_t r = 0; r < me.relevant.size(); ++r)
        if (k.pats()[p].counts[r] > 0)
          program_.lp.rows[static_cast<size_t>(supplyRow({k.model, me.relevant[r]}))].emplace_back(
              col, k.pats()[p].counts[r]);
    }
    std::vector<std::pair<int, double>> sumRow;  // -Σ x over the kind's patterns
    for (size_t p = 0; p < k.pats().size(); ++p) sumRow.emplace_back(k.first_column + static_cast<int>(p), -1.0);
    if (counted) sumRow = addCountColumn(k, sumRow);
    if (k.limit) {
      program_.lp.rows.push_back(std::move(sumRow));
      program_.lp.rhs.push_back(-static_cast<double>(*k.limit));
    }
  }

  /// New GPUs get a count column N = Σ x that carries the cost (branching on N first closes gaps fast). Returns the
  /// row -N, to cap the kind's GPUs.
  std::vector<std::pair<int, double>> addCountColumn(const Kind& k, const std::vector<std::pair<int, double>>& sumRow) {
    int n = addColumn(k.cost, true);
    program_.priority[static_cast<size_t>(n)] = 1;
    std::vector<std::pair<int, double>> up = sumRow, down;
    up.emplace_back(n, 1.0);  // N - Σx >= 0
    for (const auto& entry : sumRow) down.emplace_back(entry.first, -entry.second);
    down.emplace_back(n, -1.0);  // Σx - N >= 0
    program_.lp.rows.push_back(std::move(up));
    program_.lp.rhs.push_back(0.0);
    program_.lp.rows.push_back(std::move(down));
    program_.lp.rhs.push_back(0.0);
    return {{n, -1.0}};
  }

  /// A class with several options: a y column per option draws on that option's supply row, and Σ y + u = count
  /// with an unmet column u at the penalty. One-option classes are only summed here (folded into supply rows).
  void addManyOptionDemandRows() {
    class_y_col_.assign(classes_.size(), {});
    class_unmet_col_.assign(classes_.size(), -1);
    for (size_t c = 0; c < classes_.size(); ++c) {
      const DemandClass& dc = classes_[c];
      if (folded(dc)) {
        single_demand_[dc.options[0]] += dc.count;
        continue;
      }
      std::vector<std::pair<int, double>> row;
      for (const auto& o : dc.options) {
        int col = addColumn(0.0, false);
        class_y_col_[c].push_back(col);
        program_.lp.rows[static_cast<size_t>(supplyRow(o))].emplace_back(col, -1.0);
        row.emplace_back(col, 1.0);
      }
      int u = addColumn(penalty_, false);
      class_unmet_col_[c] = u;
      row.emplace_back(u, 1.0);
      program_.lp.rows.push_back(std::move(row));
      program_.lp.rhs.push_back(static_cast<double>(dc.count));
    }
  }

  /// Folded one-option demand: the supply row of its option must reach the summed count, or its unmet column
  /// (at the penalty) makes up the rest.
  void addFoldedDemandRows() {
    for (const auto& [o, d] : single_demand_) {
      int r = supplyRow(o);
      program_.lp.rhs[static_cast<size_t>(r)] = static_cast<double>(d);
      int u = addColumn(penalty_, false);
      single_unmet_col_[o] = u;
      program_.lp.rows[static_cast<size_t>(r)].emplace_back(u, 1.0);
    }
  }

  struct GpuGroup {
    int kind = 0;
    long long count = 0;
    std::vector<std::pair<int, int>> placed;  // (profile, start)
  };
  using LayoutKey = std::tuple<int, std::vector<std::pair<int, int>>>;  // (kind, placed)

  /// Measures some GPU of the plan does not know (then the plan's total is unknown too).
  struct UnknownMeasures {
    bool compute = false, memory = false, sms = false;
  };

  /// The flow for the chosen GPUs: fix the pattern counts and solve the (totally unimodular) rest. Every column's
  /// value, rounded.
  Result<std::vector<double>> solveFlow(const IntSolution& sol) const {
    std::vector<double> value(static_cast<size_t>(program_.lp.columns), 0.0);
    if (program_.lp.columns > 0) {
      std::vector<double> lb(value.size(), 0.0), ub(value.size(), kLpInfinity);
      for (size_t j = 0; j < value.size(); ++j)
        if (program_.integer[j]) lb[j] = ub[j] = sol.x[j];
      LpSolution flow = solveLp(program_.lp, lb, ub);
      if (flow.status != LpStatus::Optimal)
        return Error{Code::INTERNAL, "The planner could not assign instances to its GPUs; please report this input."};
      for (size_t j = 0; j < value.size(); ++j) value[j] = std::round(flow.x[j]);
    }
    return value;
  }

  /// The GPUs the solution buys or fills, one group per kind and pattern, and the instances they supply per option.
  std::vector<GpuGroup> chosenGroups(const std::vector<double>& value, std::map<Option, long long>& supply) const {
    std::vector<GpuGroup> groups;
    for (size_t ki = 0; ki < kinds_.size(); ++ki) {
      const Kind& k = kinds_[ki];
      const ModelEntry& me = models_[static_cast<size_t>(k.model)];
      for (size_t p = 0; p < k.pats().size(); ++p) {
        long long n = std::llround(value[static_cast<size_t>(k.first_column) + p]);
        if (n <= 0) continue;
        groups.push_back({static_cast<int>(ki), n, k.pats()[p].placed});
        for (size_t r = 0; r < me.relevant.size(); ++r) supply[{k.model, me.relevant[r]}] += n * k.pats()[p].counts[r];
      }
    }
    return groups;
  }

  /// Many-option classes take what their y columns say, option by option; their u column is unmet. Returns the
  /// unmet count.
  long long assignManyOptionDemand(const std::vector<double>& value, std::map<Option, long long>& used,
                                   PlanResult& out) {
    long long unmetTotal = 0;
    for (size_t c = 0; c < classes_.size(); ++c) {
      const DemandClass& dc = classes_[c];
      if (folded(dc)) continue;
      for (size_t o = 0; o < dc.options.size(); ++o) {
        long long n = std::llround(value[static_cast<size_t>(class_y_col_[c][o])]);
        if (n <= 0) continue;
        used[dc.options[o]] += n;
        out.assignments.push_back({dc.name, models_[static_cast<size_t>(dc.options[o].model)].gpu->key,
                                   models_[static_cast<size_t>(dc.options[o].model)]
                                       .gpu->profiles[static_cast<size_t>(dc.options[o].profile)]
                                       .name,
                                   n});
      }
      long long u = std::llround(value[static_cast<size_t>(class_unmet_col_[c])]);
      if (u > 0) unmetTotal += u, unmet_.push_back({dc.name, u, Code::INVENTORY_TOO_SMALL, ""});
    }
    return unmetTotal;
  }

  /// Folded one-option classes share their supply row: the met and unmet instances go to the demand items of the
  /// profile in order. Returns the unmet count.
  long long assignFoldedDemand(const std::vector<double>& value, std::map<Option, long long>& used, PlanResult& out) {
    long long unmetTotal = 0;
    for (const auto& [o, d] : single_demand_) {
      long long u = std::llround(value[static_cast<size_t>(single_unmet_col_[o])]);
      long long met = d - u;
      used[o] += met;
      unmetTotal += u;
      for (const auto& dc : classes_) {
        if (!folded(dc) || !(dc.options[0] == o)) continue;
        long long take = std::min(met, dc.count);
        met -= take;
        if (take > 0)
          out.assignments.push_back(
              {dc.name, models_[static_cast<size_t>(o.model)].gpu->key,
               models_[static_cast<size_t>(o.model)].gpu->profiles[static_cast<size_t>(o.profile)].name, take});
        if (dc.count - take > 0) unmet_.push_back({dc.name, dc.count - take, Code::INVENTORY_TOO_SMALL, ""});
      }
    }
    return unmetTotal;
  }

  /// A group's layout with its last `drop` instances of `profile` taken out.
  static GpuGroup withoutInstances(GpuGroup g, int profile, long long drop) {
    for (auto it = g.placed.end(); it != g.placed.begin() && drop > 0;) {
      --it;
      if (it->first == profile) it = g.placed.erase(it), --drop;
    }
    return g;
  }

  /// Remove `surplus` instances of option `o` from as few GPUs as possible: whole groups lose all their instances of
  /// it; a group that has more splits into GPUs without any, one GPU without the remainder, and the rest unchanged.
  void removeSurplusOf(const Option& o, long long surplus, std::vector<GpuGroup>& groups) const {
    size_t initial = groups.size();
    for (size_t gi = 0; gi < initial && surplus > 0; ++gi) {
      if (kinds_[static_cast<size_t>(groups[gi].kind)].model != o.model) continue;
      long long a = 0;
      for (const auto& pl : groups[gi].placed) a += pl.first == o.profile ? 1 : 0;
      if (a == 0) continue;
      if (surplus >= groups[gi].count * a) {
        groups[gi] = withoutInstances(groups[gi], o.profile, a);
        surplus -= groups[gi].count * a;
        continue;
      }
      long long q = surplus / a, rem = surplus % a;
      if (q > 0) {
        GpuGroup g = withoutInstances(groups[gi], o.profile, a);
        g.count = q;
        groups[gi].count -= q;
        groups.push_back(g);
      }
      if (rem > 0) {
        GpuGroup g = withoutInstances(groups[gi], o.profile, rem);
        g.count = 1;
        groups[gi].count -= 1;
        groups.push_back(g);
      }
      surplus = 0;
    }
  }

  /// Remove the instances nothing uses, option by option.
  void removeSurplus(const std::map<Option, long long>& supply, std::map<Option, long long>& used,
                     std::vector<GpuGroup>& groups) const {
    for (const auto& entry : supply) {
      const Option o = entry.first;
      removeSurplusOf(o, entry.second - used[o], groups);
    }
  }

  /// Merge identical layouts; drop GPUs that received nothing. Layouts sorted by start.
  static std::map<LayoutKey, long long> mergeIdenticalLayouts(std::vector<GpuGroup>& groups) {
    std::map<LayoutKey, long long> merged;
    for (auto& g : groups) {
      if (g.count <= 0 || g.placed.empty()) continue;
      std::sort(g.placed.begin(), g.placed.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
      merged[{g.kind, g.placed}] += g.count;
    }
    return merged;
  }

  /// A group of the plan: the kind's fixed instances and the placed ones, by start.
  static PlanGroup planGroup(const Kind& k, const GpuModel& gpu, const std::vector<std::pair<int, int>>& placed,
                             long long count) {
    PlanGroup pg;
    pg.model = gpu.key;
    pg.count = count;
    pg.existing = k.existing;
    for (const auto& f : k.fixed) {
      int p = gpu.findProfile(f.profile);
      const Profile& pr = gpu.profiles[static_cast<size_t>(p)];
      pg.instances.push_back({pr.name, f.start, pr.size, pr.compute_slices, true});
    }
    for (const auto& [p, s] : placed) {
      const Profile& pr = gpu.profiles[static_cast<size_t>(p)];
      pg.instances.push_back({pr.name, s, pr.size, pr.compute_slices, false});
    }
    std::stable_sort(pg.instances.begin(), pg.instances.end(),
                     [](const Instance& a, const Instance& b) { return a.start < b.start; });
    return pg;
  }

  /// Every planned layout must pass the single-GPU check; its answer gives the utilization and stranded capacity.
  Result<CheckResult> checkLayout(const GpuModel& gpu, const PlanGroup& pg) const {
    CheckRequest req;
    req.driver = in_.driver;
    for (const auto& i : pg.instances) req.fixed.push_back({i.profile, i.start});
    auto checked = check(gpu, req);
    if (!checked || checked->verdict != Verdict::Feasible)
      return Error{Code::INTERNAL,
                   "A planned " + gpu.key + " layout failed the single-GPU check; please report this input."};
    return checked;
  }

  /// Add `count` GPUs of one checked layout to the totals' utilization and stranded capacity.
  static void addUtilization(PlanTotals& totals, const CheckResult& checked, long long count,
                             UnknownMeasures& unknown) {
    addMeasure(totals.compute_slices, checked.utilization.compute_slices, count, unknown.compute);
    addMeasure(totals.memory_mib, checked.utilization.memory_mib, count, unknown.memory);
    addMeasure(totals.sms, checked.utilization.sms, count, unknown.sms);
    totals.stranded_compute_slices += checked.stranded.compute_slices * count;
    totals.stranded_units += static_cast<long long>(checked.stranded.units.size()) * count;
  }

  /// Count `count` GPUs of a kind for its model: existing ones, or new ones with their cost (also in the totals).
  static void addModelUse(PlanModelUse& u, const Kind& k, const GpuModel& gpu, long long count, PlanTotals& totals) {
    u.model = gpu.key;
    if (k.existing) {
      u.existing_gpus += count;
    } else {
      u.new_gpus += count;
      u.cost += k.cost * static_cast<double>(count);
      totals.gpus += count;
      totals.cost += k.cost * static_cast<double>(count);
    }
  }

  /// The plan's groups, checked one by one, with the totals and the per-model use.
  std::optional<Error> addLayouts(const std::map<LayoutKey, long long>& merged, PlanResult& out) const {
    std::map<int, PlanModelUse> use;
    UnknownMeasures unknown;
    for (const auto& [key, count] : merged) {
      const auto& [ki, placed] = key;
      const Kind& k = kinds_[static_cast<size_t>(ki)];
      const GpuModel& gpu = *models_[static_cast<size_t>(k.model)].gpu;
      PlanGroup pg = planGroup(k, gpu, placed, count);
      auto checked = checkLayout(gpu, pg);
      if (!checked) return checked.error();
      addUtilization(out.totals, *checked, count, unknown);
      addModelUse(use[k.model], k, gpu, count, out.totals);
      out.groups.push_back(std::move(pg));
    }
    if (unknown.compute) out.totals.compute_slices = {};
    if (unknown.memory) out.totals.memory_mib = {};
    if (unknown.sms) out.totals.sms = {};
    for (auto& [m, u] : use) out.models.push_back(u);
    return std::nullopt;
  }

  /// Existing GPUs first, then by model, then the larger groups first.
  static void sortGroups(std::vector<PlanGroup>& groups) {
    std::stable_sort(groups.begin(), groups.end(), [](const PlanGroup& a, const PlanGroup& b) {
      if (a.existing != b.existing) return a.existing;
      if (a.model != b.model) return a.model < b.model;
      return a.count > b.count;
    });
  }

  /// The objective, the lower bound without the unmet penalty (on the cost lattice when there is one), the gap,
  /// and whether the plan is proven optimal.
  void setObjectiveAndBound(const IntSolution& sol, long long unmetTotal, PlanResult& out) const {
    out.objective = costs_given_ ? out.totals.cost : static_cast<double>(out.totals.gpus);
    double bound = sol.bound - penalty_ * static_cast<double>(unmetTotal);
    out.lower_bound = std::max(0.0, program_.unit > 0 ? std::round(bound / program_.unit) * program_.unit : bound);
    out.lower_bound = std::min(out.lower_bound, out.objective);
    out.gap = out.objective - out.lower_bound;
    // Zero only within rounding: half a lattice step when the costs have one, else a relative 1e-9 (a relative
    // 1e-6 once hid a gap of 3 at 660 million).
    if (out.gap < (program_.unit > 0 ? 0.5 * program_.unit : 1e-9 * std::max(1.0, out.objective))) out.gap = 0;
    out.optimal = out.gap == 0 && sol.bound >= penalty_ * static_cast<double>(unmetTotal) - 1e-6;
  }

  /// Reasons for what stays unmet because the inventory is too small, naming the models' limits.
  void explainUnmet() {
    std::string limits;
    for (const auto& k : kinds_)
      if (!k.existing && k.limit)
        limits += (limits.empty() ? "" : ", ") + models_[static_cast<size_t>(k.model)].gpu->key + " at most " +
                  std::to_string(*k.limit);
    for (auto& u : unmet_)
      if (u.code == Code::INVENTORY_TOO_SMALL)
        u.reason = "The inventory is too small: " + countText(u.count, "instance") + " left over" +
                   (limits.empty() ? "" : " (" + limits + ")") + ".";
  }

  /// Notes: the time limit, and models whose placements are inferred.
  void addNotes(const IntSolution& sol, PlanResult& out) const {
    if (sol.time_limit_hit) out.notes.push_back("Time limit hit: the best plan found so far, with its lower bound.");
    for (const auto& me : models_)
      if (!me.relevant.empty() && me.gpu->placementsInferred())
        out.notes.push_back("Placements on " + me.gpu->key + " are inferred, not seen on hardware.");
  }

  Result<PlanResult> assemble(const IntSolution& sol) {
    PlanResult out;
    out.costs_given = costs_given_;
    out.nodes = sol.nodes;
    out.time_limit_hit = sol.time_limit_hit;
    for (const auto& k : kinds_) out.patterns += static_cast<long long>(k.pats().size());
    auto value = solveFlow(sol);
    if (!value) return value.error();
    std::map<Option, long long> supply, used;
    std::vector<GpuGroup> groups = chosenGroups(*value, supply);
    long long unmetTotal = assignManyOptionDemand(*value, used, out);
    unmetTotal += assignFoldedDemand(*value, used, out);
    for (const auto& [o, s] : supply)
      if (s < used[o])
        return Error{Code::INTERNAL, "The planner's assignment exceeds its GPUs; please report this input."};
    removeSurplus(supply, used, groups);
    if (auto e = addLayouts(mergeIdenticalLayouts(groups), out)) return *e;
    sortGroups(out.groups);
    setObjectiveAndBound(sol, unmetTotal, out);
    explainUnmet();
    out.unmet = unmet_;
    addNotes(sol, out);
    return out;
  }
};

}  // namespace

namespace {

/// The planner on a demand that may ask for compute instances: packed into GPU instances before, handed out after.
Result<PlanResult> planWithComputeInstances(const PlanInput& input, bool lenient) {
  auto split = splitComputeInstanceDemand(input);
  if (!split) return split.error();
  auto plan = Planner(split->input, lenient).run();
  if (plan) giveComputeInstances(plan.value(), *split);
  return plan;
}

}  // namespace

Result<PlanResult> planFleet(const PlanInput& input) { return planWithComputeInstances(input, false); }

std::vector<CompareRow> compareModels(const PlanInput& input) {
  std::vector<CompareRow> rows;
  for (const auto& item : input.gpus) {
    PlanInput one = input;
    one.gpus = {item};
    one.existing.clear();
    for (const auto& e : input.existing)
      if (e.model == item.model) one.existing.push_back(e);
    for (auto& d : one.demand) d.model.clear();
    rows.push_back({item.model, planWithComputeInstances(one, true)});
  }
  return rows;
}

}  // namespace migcalc
