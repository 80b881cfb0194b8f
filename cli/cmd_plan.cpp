// migcalc plan: the fewest GPUs (or the lowest cost) for a whole demand, with a lower bound that proves it.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "migcalc/interop/yaml.hpp"
#include "migcalc/io/plan_json.hpp"
#include "output.hpp"

namespace migcalc::cli {

namespace {

const char* kHelp =
    "Usage: migcalc plan FILE [--json] [--time-limit SECONDS] [--compare]\n\n"
    "The fewest GPUs (or, when costs are given, the lowest cost) that host a whole demand, every GPU's layout\n"
    "with placements, and a lower bound: gap 0 means the plan is proven optimal. FILE is JSON or YAML (.yaml/.yml),\n"
    "or - for stdin:\n\n"
    "  {\"demand\":    [{\"profile\": \"1g.10gb\", \"count\": 40, \"model\": \"A100-80GB\"}],\n"
    "   \"workloads\": [{\"name\": \"llm-8b\", \"memory_gib\": 18, \"count\": 10,\n"
    "                  \"min_compute_slices\": 2, \"min_sms\": 30, \"media\": true}],\n"
    "   \"gpus\":      [{\"model\": \"H100-SXM5-80GB\", \"available\": 16, \"cost\": 2.5}],\n"
    "   \"existing\":  [{\"model\": \"H100-SXM5-80GB\", \"count\": 2, \"instances\": [{\"profile\": \"3g.40gb\", "
    "\"start\": 4}]}],\n"
    "   \"time_limit_s\": 2, \"driver\": \"R550\", \"compare\": false}\n\n"
    "  demand     profile counts; a profile belongs to a model: without \"model\" it applies to every\n"
    "             inventory model that offers a profile of that name\n"
    "  workloads  needs: memory in GiB (matched against each profile's memory in MiB from the catalog, not the GB\n"
    "             in its name), optional minimum compute slices or SMs, media engines; each instance may use any\n"
    "             profile that meets the need\n"
    "  gpus       the inventory; optional available (a limit) and cost per GPU (a model without a cost costs 1;\n"
    "             without any cost the plan minimises the GPU count)\n"
    "  existing   GPUs already partitioned: their instances stay, new ones may use the free space (cost 0)\n\n"
    "  --json              machine-readable output: total_gpus, cost, lower_bound, gap, optimal, groups\n"
    "                      [{model, count, instances: [{profile, start, size}]}], assignments, totals, unmet\n"
    "  --time-limit S      stop the search after S seconds with the best plan and its bound (default 2)\n"
    "  --compare           also plan the same demand on each inventory model alone, side by side\n"
    "                      (profile demand is then matched by profile name on each model)\n\n"
    "Exit codes: 0 the whole demand is placed, 1 part of it is not (see unmet), 2 bad input.\n";

std::string num(double v) {
  std::ostringstream s;
  if (std::fabs(v - std::round(v)) < 1e-9)
    s << static_cast<long long>(std::llround(v));
  else
    s << std::fixed << std::setprecision(2) << v;
  return s.str();
}

std::string pct(const Json& m) { return m["percent"].is_null() ? "unknown" : num(m["percent"].get<double>()) + "%"; }

std::string layoutText(const Json& instances) {
  std::string out;
  for (const auto& i : instances)
    out += (out.empty() ? "" : "  ") + i["profile"].get<std::string>() + "@" + i["start"].dump() +
           (i["fixed"].get<bool>() ? "*" : "") + (ciText(i).empty() ? "" : "[" + ciText(i) + "]");
  return out;
}

void printPlan(const Json& p) {
  bool cost = p["objective"] == "cost";
  std::cout << "Plan: " << p["total_gpus"].dump() << " new GPU" << (p["total_gpus"] == 1 ? "" : "s");
  if (cost) std::cout << ", cost " << num(p["cost"].get<double>());
  std::cout << ". Lower bound " << num(p["lower_bound"].get<double>()) << (cost ? " (cost)" : " GPUs") << ", gap "
            << num(p["gap"].get<double>()) << (p["optimal"].get<bool>() ? ": proven optimal" : ": not proven optimal")
            << (p["time_limit_hit"].get<bool>() ? " (time limit hit)" : "") << ". Solved in "
            << num(p["solve_ms"].get<double>()) << " ms.\n\n";
  if (!p["models"].empty()) {
    Table t({"model", "new GPUs", "existing GPUs used", "cost"});
    for (const auto& m : p["models"])
      t.row({m["model"], m["new_gpus"].dump(), m["existing_gpus"].dump(), num(m["cost"].get<double>())});
    t.print(std::cout);
    std::cout << "\n";
  }
  if (!p["groups"].empty()) {
    std::cout << "Layouts (profile@start; * = existing instance; [2c+1c] = its compute instances):\n";
    Table t({"GPUs", "model", "layout"});
    for (const auto& g : p["groups"])
      t.row({g["count"].dump() + "x", g["model"].get<std::string>() + (g["existing"].get<bool>() ? " (existing)" : ""),
             layoutText(g["instances"])});
    t.print(std::cout);
    std::cout << "\n";
  }
  if (!p["assignments"].empty()) {
    std::cout << "Demand served by:\n";
    Table t({"demand", "instances", "model", "profile"});
    for (const auto& a : p["assignments"]) t.row({a["demand"], a["count"].dump(), a["model"], a["profile"]});
    t.print(std::cout);
    std::cout << "\n";
  }
  const Json& u = p["totals"]["utilization"];
  std::cout << "Utilization: compute slices " << pct(u["compute_slices"]) << ", memory " << pct(u["memory_mib"])
            << ", SMs " << pct(u["sms"]) << ". Stranded: " << p["totals"]["stranded"]["compute_slices"].dump()
            << " compute slices, " << p["totals"]["stranded"]["units"].dump() << " placement units.\n";
  if (!p["unmet"].empty()) {
    std::cout << "\nNot met:\n";
    for (const auto& m : p["unmet"])
      std::cout << "  - " << m["count"].dump() << " x " << m["demand"].get<std::string>() << ": "
                << m["reason"].get<std::string>() << " [" << m["code"].get<std::string>() << "]\n";
  }
  for (const auto& n : p["notes"]) std::cout << "Note: " << n.get<std::string>() << "\n";
}

void printCompare(const Json& rows) {
  std::cout << "\nThe same demand on each model alone:\n";
  Table t({"model", "GPUs", "cost", "optimal", "compute", "memory", "SMs", "stranded slices", "not met"});
  for (const auto& r : rows) {
    if (r.contains("error")) {
      t.row({r["model"], "-", "-", "-", "-", "-", "-", "-", r["error"]["message"]});
      continue;
    }
    const Json& u = r["utilization"];
    t.row({r["model"], r["total_gpus"].dump(), num(r["cost"].get<double>()), r["optimal"].get<bool>() ? "yes" : "no",
           pct(u["compute_slices"]), pct(u["memory_mib"]), pct(u["sms"]), r["stranded"]["compute_slices"].dump(),
           r["unmet_instances"].dump()});
  }
  t.print(std::cout);
}

}  // namespace

int runPlan(const Argv& argv) {
  bool json = wantsJson(argv);
  auto args = parseArgs(argv, {"--time-limit"}, {"--json", "--compare", "--help", "-h"}, "plan");
  if (!args) return fail(args.error(), json);
  if (args->has("--help") || args->has("-h")) {
    std::cout << kHelp;
    return kOk;
  }
  if (args->positional.size() != 1)
    return fail({Code::USAGE, "plan needs one file: migcalc plan FILE [--json] [--time-limit S] [--compare]"}, json);
  const std::string& path = args->positional[0];
  auto text = readFile(path);
  if (!text) return fail(text.error(), json);
  Json doc;
  auto ends = [&](const std::string& s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".yaml") || ends(".yml")) {
    auto y = parseYaml(*text);
    if (!y) return fail(y.error(), json);
    doc = y->value;
  } else {
    auto j = parseJson(*text, Code::BAD_PLAN_FILE);
    if (!j) return fail(j.error(), json);
    doc = *j;
  }
  auto input = parsePlanInput(doc);
  if (!input) return fail(input.error(), json);
  if (!args->get("--time-limit").empty()) {
    std::string s = args->get("--time-limit");
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || !(v > 0 && v <= 3600))
      return fail({Code::USAGE, "--time-limit needs a number of seconds from 0 to 3600, not '" + s + "'."}, json);
    input->time_limit_s = v;
  }
  auto plan = planFleet(*input);
  if (!plan) return fail(plan.error(), json);
  bool compare = args->has("--compare") || planFileWantsCompare(doc);
  Json out = planJson(*plan);
  Json rows = compare ? compareJson(compareModels(*input)) : Json();
  if (json) {
    if (compare) out["compare"] = rows;
    printJson(out);
  } else {
    printPlan(out);
    if (compare) printCompare(rows);
  }
  return plan->unmet.empty() ? kOk : kInfeasible;
}

}  // namespace migcalc::cli
