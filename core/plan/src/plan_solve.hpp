// Branch and bound over the planner's pattern model (internal): integer GPU counts per pattern, LP bounds.
#pragma once
#include <chrono>
#include <cstddef>
#include <vector>

#include "plan_lp.hpp"

namespace migcalc {

struct IntProgram {
  LpProblem lp;
  std::vector<char> integer;   // per column
  std::vector<char> priority;  // per column: branch on these first (GPU counts per model)
  double unit = 0;             // every integer solution's objective is a multiple of this (0 = unknown)
  // Node tableaus kept for warm starts, at most this many bytes at once (beyond it a node starts from wherever
  // its sibling's subtree left the tableau).
  std::size_t snapshot_budget = 16u << 20;
  // Stop as at the time limit once this many LP solves are done (0 = no limit): lets tests stop a search midway.
  long long node_limit = 0;
};

struct IntSolution {
  bool found = false;
  std::vector<double> x;
  double value = 0;
  double bound = 0;  // a proven lower bound on the optimum
  bool time_limit_hit = false;
  long long nodes = 0;
};

IntSolution solveIntProgram(const IntProgram& program, std::chrono::steady_clock::time_point deadline);

}  // namespace migcalc
