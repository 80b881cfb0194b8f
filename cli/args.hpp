// A tiny command-line reader: --name value, --name=value, repeatable options, flags and positionals.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"

namespace migcalc::cli {

struct Args {
  std::map<std::string, std::vector<std::string>> options;  // "--gpu" -> values
  std::set<std::string> flags;                              // "--json"
  std::vector<std::string> positional;

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::string get(const std::string& option, const std::string& fallback = "") const;
  const std::vector<std::string>& all(const std::string& option) const;
};

/// Did the user ask for --json? Usage errors found while parsing still answer in JSON then.
bool wantsJson(const std::vector<std::string>& argv);

/// Parse argv against the options (taking a value) and flags a command knows; anything else is an error that
/// lists what is valid.
Result<Args> parseArgs(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
                       const std::set<std::string>& flagOptions, const std::string& command);

}  // namespace migcalc::cli
