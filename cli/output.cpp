#include "output.hpp"

#include "migcalc/engine/compute_instances.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace migcalc::cli {

int fail(const Error& e, bool json) {
  std::cerr << "migcalc: " << e.message << "\n";
  if (json) printJson(errorJson(e));
  return kBadInput;
}

void printJson(const Json& value) { std::cout << jsonText(value, 2) << "\n"; }

static size_t displayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count UTF-8 code points
  return n;
}

void Table::print(std::ostream& out, const std::string& indent) const {
  std::vector<size_t> width;
  for (const auto& r : rows_)
    for (size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], displayWidth(r[i]));
    }
  bool first = true;
  for (const auto& r : rows_) {
    bool blankHeader = first && std::all_of(r.begin(), r.end(), [](const std::string& c) { return c.empty(); });
    first = false;
    if (blankHeader) continue;
    std::string line = indent;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - displayWidth(r[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string orUnknown(const Json& v, const std::string& suffix) {
  if (v.is_null()) return "unknown";
  if (v.is_string()) return v.get<std::string>() + suffix;
  return v.dump() + suffix;
}

Result<std::string> readFile(const std::string& path) {
  constexpr std::streamoff kMax = 64LL << 20;
  std::ostringstream buf;
  if (path == "-") {
    buf << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{Code::BAD_FILE, "Cannot read '" + path + "': no such file, or not readable."};
    in.seekg(0, std::ios::end);
    if (in.tellg() > kMax) return Error{Code::BAD_FILE, "'" + path + "' is larger than 64 MiB."};
    in.seekg(0);
    buf << in.rdbuf();
  }
  std::string s = buf.str();
  if (static_cast<std::streamoff>(s.size()) > kMax) return Error{Code::BAD_FILE, "The input is larger than 64 MiB."};
  return s;
}

std::string ciText(const Json& instance) {
  if (!instance.contains("compute_instances")) return "";
  std::vector<std::string> names;
  for (const auto& ci : instance["compute_instances"]) names.push_back(ci["profile"].get<std::string>());
  return ciSizesText(names);
}

}  // namespace migcalc::cli
