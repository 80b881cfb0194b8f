// Shared output helpers for the CLI: exit codes, errors, tables.
#pragma once
#include <iostream>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/io/json_io.hpp"

namespace migcalc::cli {

enum Exit { kOk = 0, kInfeasible = 1, kBadInput = 2, kUnknown = 3, kInternal = 4 };

/// Report a bad-input error: message on stderr, and {"error": ...} on stdout with --json. Returns 2.
int fail(const Error& e, bool json);

/// A plain text table with aligned columns.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void print(std::ostream& out, const std::string& indent = "  ") const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

/// "3×1c" for an instance (as JSON) split into compute instances, else "".
std::string ciText(const Json& instance);

/// Print a JSON answer on stdout (bytes that are not UTF-8, from a file or an argument, print as U+FFFD).
void printJson(const Json& value);

std::string orUnknown(const Json& v, const std::string& suffix = "");
/// Read a whole file (or stdin for "-"); error BAD_FILE if it cannot be read or exceeds 64 MiB.
Result<std::string> readFile(const std::string& path);

}  // namespace migcalc::cli
