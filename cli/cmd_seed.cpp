// migcalc seed: the exercise's custom-capacity model, JSON in, JSON out.
#include <iostream>

#include "commands.hpp"
#include "migcalc/engine/seed.hpp"
#include "output.hpp"

namespace migcalc::cli {

int runSeed(const Argv& argv) {
  auto args = parseArgs(argv, {}, {"--json", "--help"}, "seed");
  if (!args) return fail(args.error(), true);
  if (args->has("--help")) {
    std::cout
        << "Usage: migcalc seed [FILE] < input.json\n\n"
           "The simplified \"custom capacity\" model of the original exercise: it sums SMs and GB and compares\n"
           "them with the totals. It ignores placements, instance caps and media engines, so on real GPUs it is\n"
           "wrong both ways (8 x 1g.10gb passes on an H100, which allows 7; all-3g.71gb fails on an H200, which\n"
           "allows it). Use `migcalc check` for the hardware's answer.\n\n"
           "Input:  {\"total_sms\": 98, \"total_memory_gb\": 40, \"profiles\": [{\"name\": \"1g.5gb\", \"sms\": 14, "
           "\"memory_gb\": 5, \"count\": 2}]}\n"
           "Output: feasible, instances, total_instances, sm_utilization_pct, memory_utilization_pct, sms_remaining,\n"
           "        memory_remaining_gb (as the exercise's Python function returns them).\n";
    return kOk;
  }
  auto text = readFile(args->positional.empty() ? "-" : args->positional[0]);
  if (!text) return fail(text.error(), true);
  auto input = parseJson(*text, Code::BAD_SEED_INPUT);
  if (!input) return fail(input.error(), true);
  auto out = seedAllocation(*input);
  if (!out) return fail(out.error(), true);
  printJson(*out);
  return kOk;
}

}  // namespace migcalc::cli
