// Parsing `nvidia-smi mig -lgip`, `-lgipp` and `-lgi` transcripts. Tables are read token by token, so column
// widths do not matter; lines outside known tables (prompts, messages, other tables) are skipped.
#include <algorithm>
#include <cctype>
#include <sstream>

#include "migcalc/base/text_util.hpp"
#include "migcalc/interop/smi_import.hpp"

namespace migcalc {

namespace {

struct SmiFailure {
  int line;
  std::string message;
};

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= text.size()) {
    size_t nl = text.find('\n', from);
    std::string l = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.pop_back();
    out.push_back(std::move(l));
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
  return out;
}

std::vector<std::string> tokens(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

bool isInt(const std::string& s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}
bool isUnknown(const std::string& s) { return s == "N/A" || s == "-" || s == "n/a"; }

std::optional<int> optInt(const std::string& s, int line, const char* what) {
  if (isUnknown(s)) return std::nullopt;
  if (!isInt(s)) throw SmiFailure{line, std::string("'") + s + "' is not a whole number (" + what + ")."};
  return std::stoi(s);
}

/// The text between the table's outer '|' characters, or nullopt for a line that is not a table row.
std::optional<std::string> rowContent(const std::string& line) {
  std::string t = trim(line);
  if (t.size() < 2 || t.front() != '|') return std::nullopt;
  std::string inner = t.substr(1);
  if (!inner.empty() && inner.back() == '|') inner.pop_back();
  return inner;
}

bool isBorder(const std::string& line) {
  std::string t = trim(line);
  if (t.empty()) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return c == '+' || c == '-' || c == '=' || c == '|'; });
}

/// Table kinds by their title line.
enum class Table { None, Profiles, Instances, Other };

Table tableTitle(const std::string& content) {
  std::string l = lower(trim(content));
  if (l.rfind("gpu instance profiles", 0) == 0) return Table::Profiles;
  if (l.rfind("gpu instances", 0) == 0) return Table::Instances;
  if (l.rfind("compute instance", 0) == 0 || l.rfind("nvidia-smi", 0) == 0 || l.rfind("processes", 0) == 0 ||
      l.rfind("mig devices", 0) == 0)
    return Table::Other;
  return Table::None;
}

bool isHeaderRow(const std::vector<std::string>& t) {
  if (t.empty()) return false;
  std::string f = lower(t[0]);
  return f == "gpu" || f == "id" || f == "free/total" || f == "start:size" || f == "instance" || f == "ce" ||
         (t.size() > 1 && lower(t[1]) == "free/total");
}

std::string stripMig(const std::vector<std::string>& t, size_t& i) {
  if (i < t.size() && t[i] == "MIG") ++i;
  if (i >= t.size()) return "";
  return t[i++];
}

/// A table row pasted without its title line: recognised by its shape.
bool looksLikeProfileRow(const std::vector<std::string>& t) {
  return t.size() >= 9 && isInt(t[0]) && t[1] == "MIG" && t[4].find('/') != std::string::npos;
}
bool looksLikeInstanceRow(const std::vector<std::string>& t) {
  return t.size() == 6 && isInt(t[0]) && t[1] == "MIG" && t[5].find(':') != std::string::npos;
}

const char* kProfileRowShape =
    "expected a profile row such as '|   0  MIG 1g.10gb   19   7/7   9.75   No   16   1   0  |' "
    "(GPU, name, ID, free/total, memory GiB, P2P, SM, DEC, ENC)";

void checkSize(const std::string& text) {
  if (text.size() > kMaxSmiBytes)
    throw SmiFailure{0, "the text is " + std::to_string(text.size()) + " bytes; at most " +
                            std::to_string(kMaxSmiBytes) + " are read (nvidia-smi prints a few kilobytes per GPU)."};
}

Error toError(const SmiFailure& f) {
  if (f.line == 0) return Error{Code::SMI_TOO_LARGE, "The nvidia-smi output is too large: " + f.message};
  return Error{Code::BAD_SMI_OUTPUT, "line " + std::to_string(f.line) + ": " + f.message};
}

std::string firstUnrecognised(const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = trim(lines[i]);
    if (t.empty() || isBorder(t) || t[0] == '$' || t[0] == '#') continue;
    return " The first line that is not part of one (line " + std::to_string(i + 1) + ") reads '" +
           (t.size() > 60 ? t.substr(0, 57) + "..." : t) + "'.";
  }
  return " The text is empty.";
}

/// "GPU  0 Profile ID 19 Placements: {0,1,2,3,4,5,6}:1" -> row; nullopt when the line is no placement line.
std::optional<SmiPlacementRow> placementLine(const std::string& raw, int line) {
  std::string t = trim(raw);
  if (t.rfind("GPU", 0) != 0 || t.find("Profile ID") == std::string::npos) return std::nullopt;
  auto bad = [&](const std::string& what) {
    return SmiFailure{
        line, what + "; expected a placement line such as 'GPU  0 Profile ID 19 Placements: {0,1,2,3,4,5,6}:1'."};
  };
  auto colon = t.find(':');
  if (colon == std::string::npos) throw bad("no ':' before the placements");
  auto head = tokens(t.substr(0, colon));
  // GPU <n> Profile ID <id> Placement(s)
  if (head.size() < 5 || head[0] != "GPU" || !isInt(head[1]) || head[2] != "Profile" || head[3] != "ID" ||
      !isInt(head[4]))
    throw bad("the start of the line does not read 'GPU <index> Profile ID <id>'");
  if (head.size() > 6 || (head.size() == 6 && head[5].rfind("Placement", 0) != 0))
    throw bad("unexpected words before ':'");
  SmiPlacementRow row;
  row.line = line;
  row.gpu = std::stoi(head[1]);
  row.id = std::stoi(head[4]);
  std::string spec;
  for (char c : t.substr(colon + 1))
    if (!std::isspace(static_cast<unsigned char>(c))) spec += c;
  if (!parsePlacements(spec, row.starts, row.size) || row.starts.empty() || row.size <= 0 || row.size > 64)
    throw bad("'" + spec + "' is not of the form {start,start,...}:size");
  for (int s : row.starts)
    if (s < 0 || s + row.size > 32)
      throw bad("start " + std::to_string(s) + " with size " + std::to_string(row.size) +
                " runs past 32 placement units (no GPU has more)");
  return row;
}

}  // namespace

Result<SmiProfileListing> parseSmiProfiles(const std::string& text) {
  try {
    checkSize(text);
    auto lines = splitLines(text);
    SmiProfileListing out;
    Table table = Table::None;
    bool expectSecond = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      int ln = static_cast<int>(i) + 1;
      const std::string& l = lines[i];
      if (trim(l).empty()) {
        table = Table::None;
        expectSecond = false;
        continue;
      }
      if (auto p = placementLine(l, ln)) {
        out.placements.push_back(*p);
        if (out.placements.size() > 4096)
          throw SmiFailure{ln, "more than 4096 placement lines; this is not one machine's output."};
        continue;
      }
      if (isBorder(l)) continue;
      auto content = rowContent(l);
      if (!content) {
        table = Table::None;
        continue;
      }
      Table title = tableTitle(*content);
      if (title != Table::None) {
        table = title;
        expectSecond = false;
        continue;
      }
      auto t = tokens(*content);
      if (table == Table::None && looksLikeProfileRow(t)) table = Table::Profiles;
      if (table != Table::Profiles) continue;
      if (t.empty() || isHeaderRow(t)) continue;
      if (expectSecond && t.size() == 3 &&
          std::all_of(t.begin(), t.end(), [](const std::string& s) { return isInt(s) || isUnknown(s); })) {
        SmiProfileRow& r = out.profiles.back();
        r.ce = optInt(t[0], ln, "CE");
        r.jpeg = optInt(t[1], ln, "JPEG");
        r.ofa = optInt(t[2], ln, "OFA");
        expectSecond = false;
        continue;
      }
      SmiProfileRow r;
      r.line = ln;
      size_t k = 0;
      if (!isInt(t[k])) throw SmiFailure{ln, std::string(kProfileRowShape) + "; it does not start with a GPU index."};
      r.gpu = std::stoi(t[k++]);
      r.name = stripMig(t, k);
      if (!isValidProfileName(r.name))
        throw SmiFailure{ln, "'" + r.name + "' is not a MIG profile name; " + kProfileRowShape + "."};
      if (t.size() - k < 7) throw SmiFailure{ln, std::string(kProfileRowShape) + "; this row has too few columns."};
      if (!isInt(t[k])) throw SmiFailure{ln, "'" + t[k] + "' is not a profile ID; " + kProfileRowShape + "."};
      r.id = std::stoi(t[k++]);
      const std::string& ft = t[k++];
      auto slash = ft.find('/');
      if (slash == std::string::npos || !isInt(ft.substr(0, slash)) || !isInt(ft.substr(slash + 1)))
        throw SmiFailure{ln, "'" + ft + "' is not Free/Total such as 7/7; " + kProfileRowShape + "."};
      r.free = std::stoi(ft.substr(0, slash));
      r.total = std::stoi(ft.substr(slash + 1));
      if (r.total < 1 || r.total > 64 || r.free > r.total)
        throw SmiFailure{ln, "Free/Total '" + ft + "' is out of range."};
      const std::string& mem = t[k++];
      if (!isUnknown(mem)) {
        char* end = nullptr;
        double gib = std::strtod(mem.c_str(), &end);
        if (end == mem.c_str() || *end != '\0' || gib < 0 || gib > 100000)
          throw SmiFailure{ln, "'" + mem + "' is not a memory size in GiB; " + kProfileRowShape + "."};
        r.memory_gib = gib;
      }
      ++k;  // P2P: Yes / No
      r.sm = optInt(t[k++], ln, "SM");
      r.dec = optInt(t[k++], ln, "DEC");
      r.enc = optInt(t[k++], ln, "ENC");
      out.profiles.push_back(r);
      if (out.profiles.size() > 4096)
        throw SmiFailure{ln, "more than 4096 profile rows; this is not one machine's output."};
      expectSecond = true;
    }
    if (out.profiles.empty() && out.placements.empty())
      return Error{Code::BAD_SMI_OUTPUT,
                   "No `nvidia-smi mig -lgip` table or `-lgipp` placement line found." + firstUnrecognised(lines)};
    return out;
  } catch (const SmiFailure& f) {
    return toError(f);
  }
}

Result<SmiState> parseSmiInstances(const std::string& text) {
  try {
    checkSize(text);
    auto lines = splitLines(text);
    SmiState out;
    Table table = Table::None;
    bool sawTable = false, sawNone = false;
    size_t rows = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      int ln = static_cast<int>(i) + 1;
      const std::string& l = lines[i];
      std::string low = lower(trim(l));
      if (low.find("no gpu instances found") != std::string::npos ||
          low.find("no mig-enabled devices found") != std::string::npos) {
        sawNone = true;
        continue;
      }
      if (low.empty()) {
        table = Table::None;
        continue;
      }
      if (isBorder(l)) continue;
      auto content = rowContent(l);
      if (!content) {
        table = Table::None;
        continue;
      }
      Table title = tableTitle(*content);
      if (title != Table::None) {
        table = title;
        sawTable = sawTable || title == Table::Instances;
        continue;
      }
      auto t = tokens(*content);
      if (table == Table::None && looksLikeInstanceRow(t)) table = Table::Instances, sawTable = true;
      if (table != Table::Instances) continue;
      if (t.empty() || isHeaderRow(t)) continue;
      const char* shape =
          "expected an instance row such as '|   0  MIG 3g.40gb   9   2   4:4  |' (GPU, name, profile ID, instance ID, "
          "placement start:size)";
      size_t k = 0;
      if (!isInt(t[k])) throw SmiFailure{ln, std::string(shape) + "; it does not start with a GPU index."};
      SmiGpuInstance g;
      g.line = ln;
      g.gpu = std::stoi(t[k++]);
      g.profile = stripMig(t, k);
      if (!isValidProfileName(g.profile))
        throw SmiFailure{ln, "'" + g.profile + "' is not a MIG profile name; " + shape + "."};
      if (t.size() - k != 3)
        throw SmiFailure{ln, std::string(shape) + "; this row has " + std::to_string(t.size()) + " columns."};
      if (!isInt(t[k]) || !isInt(t[k + 1]))
        throw SmiFailure{ln, std::string(shape) + "; the profile and instance IDs must be whole numbers."};
      g.profile_id = std::stoi(t[k]);
      g.instance_id = std::stoi(t[k + 1]);
      const std::string& ps = t[k + 2];
      auto colon = ps.find(':');
      if (colon == std::string::npos || !isInt(ps.substr(0, colon)) || !isInt(ps.substr(colon + 1)))
        throw SmiFailure{ln, "'" + ps + "' is not a placement start:size such as 4:4; " + shape + "."};
      g.start = std::stoi(ps.substr(0, colon));
      g.size = std::stoi(ps.substr(colon + 1));
      if (g.start > 64 || g.size < 1 || g.size > 64) throw SmiFailure{ln, "placement '" + ps + "' is out of range."};
      if (++rows > 4096) throw SmiFailure{ln, "more than 4096 instance rows; this is not one machine's output."};
      out.gpus[g.gpu].push_back(g);
    }
    if (!sawTable && !sawNone)
      return Error{Code::BAD_SMI_OUTPUT,
                   "No `nvidia-smi mig -lgi` table ('GPU instances:') found." + firstUnrecognised(lines)};
    return out;
  } catch (const SmiFailure& f) {
    return toError(f);
  }
}

std::vector<FixedInstance> fixedInstances(const SmiState& state, int gpu) {
  std::vector<FixedInstance> out;
  auto it = state.gpus.find(gpu);
  if (it == state.gpus.end()) return out;
  for (const auto& g : it->second) out.push_back({g.profile, g.start});
  return out;
}

std::vector<std::string> stateMismatches(const SmiState& state, int gpu, const GpuModel& model) {
  std::vector<std::string> out;
  auto it = state.gpus.find(gpu);
  if (it == state.gpus.end()) return out;
  for (const auto& g : it->second) {
    std::string where = "line " + std::to_string(g.line) + ": " + g.profile;
    int pi = model.findProfile(g.profile);
    if (pi < 0) {
      out.push_back(where + " is not a profile of " + model.key);
      continue;
    }
    const Profile& p = model.profiles[static_cast<size_t>(pi)];
    if (p.id && *p.id != g.profile_id)
      out.push_back(where + " has profile ID " + std::to_string(g.profile_id) + " here, " + std::to_string(*p.id) +
                    " on " + model.key);
    if (p.hasPlacements() && p.size != g.size)
      out.push_back(where + " occupies " + std::to_string(g.size) + " placement units here, " + std::to_string(p.size) +
                    " on " + model.key);
  }
  return out;
}

Json smiStateJson(const SmiState& state) {
  Json gpus = Json::array();
  for (const auto& [index, list] : state.gpus) {
    Json inst = Json::array(), fixed = Json::array();
    for (const auto& g : list) {
      inst.push_back({{"profile", g.profile},
                      {"profile_id", g.profile_id},
                      {"instance_id", g.instance_id},
                      {"start", g.start},
                      {"size", g.size},
                      {"line", g.line}});
      fixed.push_back(g.profile + "@" + std::to_string(g.start));
    }
    gpus.push_back({{"index", index}, {"instances", inst}, {"fixed", fixed}});
  }
  return {{"gpus", gpus}};
}

}  // namespace migcalc
