// migcalc check: the driver's answer for one GPU.
#include <iostream>

#include "commands.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/driver.hpp"
#include "output.hpp"

namespace migcalc::cli {

namespace {

const char* kHelp =
    "Usage: migcalc check (--gpu G | --gpu-file FILE) [--fixed PROFILE@START]... [--driver R525] [PROFILE[:COUNT]...] "
    "[--json]\n\n"
    "Can these GPU instances be created on this GPU, exactly as the NVIDIA driver allows? Prints where each one\n"
    "goes (start:size in placement units), what still fits, and otherwise every rule that fails and the largest\n"
    "part that fits.\n\n"
    "  PROFILE[:COUNT]        a requested profile, e.g. 3g.40gb or 1g.10gb:3 (count 1 when missing; repeats add up);\n"
    "                         or a compute-instance sub-profile, e.g. 1c.3g.40gb:6 = two 3g.40gb GPU instances of "
    "three\n"
    "                         1-slice compute instances each (counted as mig-parted does)\n"
    "  --fixed PROFILE@START  an instance already on the GPU, e.g. --fixed 1g.10gb@0 (as nvidia-smi mig -lgi shows)\n"
    "  --driver VERSION       refuse what an older driver cannot do, e.g. R510 or 525.85.12 (default: newest)\n"
    "  --gpu-file FILE        a GPU of your own, in the catalog's JSON format (see `migcalc profiles --json`)\n"
    "  --json                 machine-readable output\n\n"
    "Example: migcalc check --gpu A100-40GB --fixed 1g.5gb@0 4g.20gb\n"
    "Exit codes: 0 feasible, 1 not feasible, 2 bad input, 3 unknown (no placements known for the model).\n";

std::string measureText(const Json& m, const std::string& unit = "") {
  std::string used = m["used"].is_null() ? "?" : m["used"].dump();
  std::string total = m["total"].is_null() ? "unknown" : m["total"].dump();
  std::string out = used + " / " + total + unit;
  if (!m["used"].is_null() && !m["total"].is_null() && m["total"].get<double>() > 0) {
    int pct = static_cast<int>(m["used"].get<double>() * 100.0 / m["total"].get<double>() + 0.5);
    out += " (" + std::to_string(pct) + "%)";
  }
  return out;
}

/// " (2 split into 6 compute instances)" for a list with compute-instance splits, else "".
std::string ciSummary(const Json& list) {
  size_t split = 0, cis = 0;
  for (const auto& i : list)
    if (i.contains("compute_instances")) ++split, cis += i["compute_instances"].size();
  if (!split) return "";
  return " (" + std::to_string(split) + " split into " + std::to_string(cis) + " compute instance" +
         (cis == 1 ? "" : "s") + ")";
}

void printInstances(const Json& list) {
  Table t({"profile", "start:size", "units", "compute slices", ""});
  for (const auto& i : list) {
    int s = i["start"].get<int>(), n = i["size"].get<int>();
    std::string units = n == 1 ? std::to_string(s) : std::to_string(s) + "-" + std::to_string(s + n - 1);
    std::string cs;
    if (i.contains("compute_slice_indices")) {
      const auto& c = i["compute_slice_indices"];
      cs = c.size() == 1 ? c[0].dump() : c.front().dump() + "-" + c.back().dump();
    }
    std::string cis = ciText(i);
    t.row({i["profile"], std::to_string(s) + ":" + std::to_string(n), units, cs,
           i["fixed"].get<bool>() ? "fixed"
           : cis.empty()          ? ""
                                  : "CIs: " + cis});
  }
  t.print(std::cout);
}

void printHuman(const Json& j) {
  std::string verdict = j["verdict"];
  std::cout << j["gpu"].get<std::string>() << " (driver: " << j["driver"].get<std::string>() << ")\n";
  if (verdict == "feasible") {
    size_t added = 0;
    for (const auto& i : j["instances"]) added += i["fixed"].get<bool>() ? 0 : 1;
    std::string cis = ciSummary(j["instances"]);
    if (added == 0 && !j["request"].empty()) {  // fits on a model without a placement table: no starts to give
      std::vector<std::string> asked;
      for (const auto& pc : j["request"])
        asked.push_back((pc["count"].get<long long>() > 1 ? pc["count"].dump() + " \u00d7 " : std::string()) +
                        pc["profile"].get<std::string>());
      std::cout << "Feasible: " << migcalc::join(asked, ", ") << " (starts unknown: the driver places them).";
    } else {
      std::cout << "Feasible: " << added << " new " << (cis.empty() ? "" : "GPU ") << "instance"
                << (added == 1 ? "" : "s") << cis << ".";
    }
    std::string order;
    for (const auto& i : j["instances"]) {
      if (i["fixed"].get<bool>()) continue;
      order += (order.empty() ? "" : ", ") + i["profile"].get<std::string>() + " at " + i["start"].dump();
      if (!ciText(i).empty()) order += " (" + ciText(i) + ")";
    }
    if (!order.empty()) std::cout << " Create with explicit starts (any order works): " << order << ".";
    std::cout << "\n\n";
  } else if (verdict == "not feasible") {
    std::cout << "Not feasible.\n";
  } else {
    std::cout << "Unknown.\n";
  }
  for (const auto& r : j["reasons"])
    std::cout << "  - " << r["message"].get<std::string>() << " [" << r["code"].get<std::string>() << "]\n";
  if (!j["reasons"].empty()) std::cout << "\n";
  if (!j["instances"].empty()) printInstances(j["instances"]), std::cout << "\n";
  if (j["largest_subset"].is_object()) {
    const Json& s = j["largest_subset"];
    std::string cis = ciSummary(s["instances"]);
    std::cout << "Largest part that fits: " << s["count"].dump() << (cis.empty() ? "" : " GPU") << " instance"
              << (s["count"].get<int>() == 1 ? "" : "s") << cis << ", " << s["compute_slices"].dump()
              << " compute slices\n";
    if (!s["instances"].empty()) printInstances(s["instances"]);
    std::cout << "\n";
  }
  if (verdict == "unknown") {
    for (const auto& n : j["notes"]) std::cout << "Note: " << n.get<std::string>() << "\n";
    return;
  }
  const Json& u = j["utilization"];
  std::cout << "Utilization" << (verdict == "feasible" ? "" : " (instances on the GPU now)") << ":\n";
  Table t({"", ""});
  t.row({"compute slices", measureText(u["compute_slices"])});
  t.row({"placement units", measureText(u["placement_units"])});
  t.row({"SMs", measureText(u["sms"])});
  t.row({"memory", measureText(u["memory_mib"], " MiB")});
  t.row(
      {"decoders / JPEG / OFA", measureText(u["dec"]) + ", " + measureText(u["jpeg"]) + ", " + measureText(u["ofa"])});
  t.print(std::cout);
  const Json& st = j["stranded"];
  std::vector<std::string> stranded;
  if (st["placement_units"].get<int>())
    stranded.push_back(st["placement_units"].dump() + " placement unit(s) " + st["units"].dump());
  if (st["compute_slices"].get<int>()) stranded.push_back(st["compute_slices"].dump() + " compute slice(s)");
  if (!stranded.empty())
    std::cout << "Stranded: " << stranded[0] << (stranded.size() > 1 ? " and " + stranded[1] : std::string())
              << " that no profile can use any more.\n";
  std::cout << "\nStill fits (each on its own, like nvidia-smi mig -lgip 'Free'):\n";
  Table r({"", ""});
  for (auto it = j["remaining"].begin(); it != j["remaining"].end(); ++it) r.row({it.key(), orUnknown(it.value())});
  r.print(std::cout);
  for (const auto& n : j["notes"]) std::cout << "\nNote: " << n.get<std::string>() << "\n";
}

}  // namespace

Result<CheckRequest> requestFromArgs(const Args& args) {
  CheckRequest req;
  auto driver = parseDriver(args.get("--driver"));
  if (!driver) return driver.error();
  req.driver = *driver;
  for (const auto& f : args.all("--fixed")) {
    auto fixed = parseFixed(f);
    if (!fixed) return fixed.error();
    req.fixed.push_back(*fixed);
  }
  for (const auto& p : args.positional) {
    auto pc = parseProfileCount(p);
    if (!pc) return pc.error();
    req.request.push_back(*pc);
  }
  return req;
}

int runCheck(const Argv& argv) {
  auto args = parseArgs(argv, {"--gpu", "--gpu-file", "--fixed", "--driver"}, {"--json", "--help"}, "check");
  if (!args) return fail(args.error(), wantsJson(argv));
  bool json = args->has("--json");
  if (args->has("--help")) {
    std::cout << kHelp;
    return kOk;
  }
  auto gpu = resolveGpu(*args);
  if (!gpu) return fail(gpu.error(), json);
  auto req = requestFromArgs(*args);
  if (!req) return fail(req.error(), json);
  auto result = check(*gpu, *req);
  if (!result) return fail(result.error(), json);
  Json j = checkJson(*gpu, *req, *result);
  if (json)
    printJson(j);
  else
    printHuman(j);
  switch (result->verdict) {
    case Verdict::Feasible:
      return kOk;
    case Verdict::NotFeasible:
      return kInfeasible;
    default:
      return kUnknown;
  }
}

}  // namespace migcalc::cli
