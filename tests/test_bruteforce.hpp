// A tiny brute-force model of MIG placement, written for the tests from the catalog data alone (placements, caps,
// media-engine totals; newest driver): an independent oracle for check() and enumerateLayouts().
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "migcalc/model/gpu_model.hpp"

namespace testsupport {

struct BruteForce {
  const migcalc::GpuModel& g;
  int driver = 0;          // driver branch; 0 = the newest (no restriction)
  std::vector<int> order;  // profiles, largest first: more units, then more compute slices, then catalog order

  explicit BruteForce(const migcalc::GpuModel& gpu) : g(gpu) {
    for (size_t i = 0; i < g.profiles.size(); ++i) order.push_back(static_cast<int>(i));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      const auto& pa = g.profiles[static_cast<size_t>(a)];
      const auto& pb = g.profiles[static_cast<size_t>(b)];
      if (pa.size != pb.size) return pa.size > pb.size;
      return pa.compute_slices > pb.compute_slices;
    });
  }

  struct State {
    uint32_t used = 0;
    std::vector<int> count;
    std::array<int, 4> engines{};
  };
  State empty() const {
    State s;
    s.count.assign(g.profiles.size(), 0);
    return s;
  }
  static std::array<std::optional<int>, 4> media(const migcalc::Engines& e) { return {e.dec, e.enc, e.jpeg, e.ofa}; }
  uint32_t window(int p, int start) const {
    int size = g.profiles[static_cast<size_t>(p)].size;
    return ((1u << size) - 1u) << start;
  }
  bool driverAllows(int minimum) const { return driver == 0 || driver >= minimum; }
  bool rulesAllow(const State& s, int p) const {
    const auto& prof = g.profiles[static_cast<size_t>(p)];
    if (s.count[static_cast<size_t>(p)] >= prof.instances) return false;
    if (!driverAllows(g.min_driver) || !driverAllows(prof.min_driver.value_or(0))) return false;
    for (const auto& rule : g.driver_rules) {  // all of `together` at once need rule.min_driver
      if (driverAllows(rule.min_driver)) continue;
      bool all = true;
      for (const auto& name : rule.together) {
        int q = g.findProfile(name);
        all = all && (q == p || (q >= 0 && s.count[static_cast<size_t>(q)] > 0));
      }
      if (all) return false;
    }
    auto totals = media(g.engine_totals);
    auto need = media(prof.engines);
    for (size_t k = 0; k < 4; ++k)
      if (totals[k] && s.engines[k] + need[k].value_or(0) > *totals[k]) return false;
    return true;
  }
  bool fits(const State& s, int p, int start) const { return (window(p, start) & s.used) == 0 && rulesAllow(s, p); }
  void add(State& s, int p, int start) const {
    s.used |= window(p, start);
    s.count[static_cast<size_t>(p)]++;
    auto need = media(g.profiles[static_cast<size_t>(p)].engines);
    for (size_t k = 0; k < 4; ++k) s.engines[k] += need[k].value_or(0);
  }

  /// How many more instances of p can be added (each on its own window), by trying every set of windows.
  int remaining(const State& s, int p, size_t fromStart = 0) const {
    const auto& starts = g.profiles[static_cast<size_t>(p)].starts;
    int best = 0;
    for (size_t k = fromStart; k < starts.size(); ++k) {
      if (!fits(s, p, starts[k])) continue;
      State t = s;
      add(t, p, starts[k]);
      best = std::max(best, 1 + remaining(t, p, k + 1));
    }
    return best;
  }
  std::vector<int> remainingVector(const State& s) const {
    std::vector<int> v;
    for (int p : order) v.push_back(remaining(s, p));
    return v;
  }

  /// How many maximal layouts use only `profiles`: sets of placements no further placement can join.
  long long countMaximal(const std::vector<int>& profiles) const {
    std::vector<std::pair<int, int>> moves;
    for (int p : profiles)
      for (int st : g.profiles[static_cast<size_t>(p)].starts) moves.emplace_back(p, st);
    long long n = 0;
    countFrom(empty(), moves, 0, n);
    return n;
  }
  void countFrom(const State& s, const std::vector<std::pair<int, int>>& moves, size_t from, long long& n) const {
    bool maximal = true;
    for (const auto& m : moves) maximal = maximal && !fits(s, m.first, m.second);
    if (maximal) {
      ++n;
      return;
    }
    for (size_t k = from; k < moves.size(); ++k) {
      if (!fits(s, moves[k].first, moves[k].second)) continue;
      State t = s;
      add(t, moves[k].first, moves[k].second);
      countFrom(t, moves, k + 1, n);
    }
  }

  /// Every complete assignment of starts to the instances (same-profile instances in ascending start order).
  void layouts(const State& s, const std::vector<int>& todo, size_t i, size_t minStart, std::vector<State>& out) const {
    if (out.size() > 20000) return;
    if (i == todo.size()) {
      out.push_back(s);
      return;
    }
    int p = todo[i];
    const auto& starts = g.profiles[static_cast<size_t>(p)].starts;
    for (size_t k = minStart; k < starts.size(); ++k) {
      if (!fits(s, p, starts[k])) continue;
      State t = s;
      add(t, p, starts[k]);
      bool sameNext = i + 1 < todo.size() && todo[i + 1] == p;
      layouts(t, todo, i + 1, sameNext ? k + 1 : 0, out);
    }
  }
};

}  // namespace testsupport
