// The YAML subset reader: an indentation-driven recursive descent over lines, with a character cursor for flow
// collections and quoted scalars (which may span lines). Linear in the input; nesting and size are bounded.
#include "migcalc/interop/yaml.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace migcalc {

std::string jsonPointerToken(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

int YamlDocument::lineOf(const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    auto it = lines.find(p);
    if (it != lines.end()) return it->second;
    if (p.empty()) return 0;
    auto slash = p.rfind('/');
    p = slash == std::string::npos ? "" : p.substr(0, slash);
  }
}

namespace {

constexpr size_t kMaxNodes = 1000000;

struct YamlFailure {
  Code code;
  int line;
  std::string message;
};

bool isSpace(char c) { return c == ' ' || c == '\t'; }

/// A plain scalar resolved as go-yaml v2 resolves it (YAML 1.1, what mig-parted reads through sigs.k8s.io/yaml).
struct Scalar {
  enum Kind { Null, Bool, Int, Uint, Float, Str } kind = Str;
  bool b = false;
  long long i = 0;
  unsigned long long u = 0;
  double f = 0;
  std::string s;
};

bool allDigits(const std::string& s, size_t from, size_t to, int base) {
  if (from >= to) return false;
  for (size_t k = from; k < to; ++k) {
    char c = s[k];
    bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                         : (c >= '0' && c < static_cast<char>('0' + base));
    if (!ok) return false;
  }
  return true;
}

/// Go's strconv.ParseInt/ParseUint with base 0 on text without underscores: [+-]? then 0x.., 0o.., 0b.., 0.. (octal)
/// or decimal. Returns false when the text is not such a number; `overflow` when it is one but out of range.
bool goParseUnsigned(const std::string& t, unsigned long long& v, bool& overflow) {
  int base = 10;
  size_t from = 0;
  if (t.size() >= 2 && t[0] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(t[1])));
    if (p == 'x')
      base = 16, from = 2;
    else if (p == 'o')
      base = 8, from = 2;
    else if (p == 'b')
      base = 2, from = 2;
    else
      base = 8, from = 1;
  }
  if (!allDigits(t, from, t.size(), base)) return false;
  v = 0;
  overflow = false;
  for (size_t k = from; k < t.size(); ++k) {
    char c = t[k];
    unsigned d = std::isdigit(static_cast<unsigned char>(c)) ? static_cast<unsigned>(c - '0')
                                                             : static_cast<unsigned>(std::tolower(c) - 'a' + 10);
    if (v > (~0ULL - d) / static_cast<unsigned>(base)) overflow = true;
    v = v * static_cast<unsigned>(base) + d;
  }
  return true;
}

/// go-yaml's float pattern: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yamlStyleFloat(const std::string& s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  auto digits = [&] {
    size_t from = i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > from;
  };
  if (i < n && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  } else {
    if (!digits()) return false;
    if (i < n && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

/// Go's strconv.ParseFloat for the decimal forms go-yaml hands it; false when out of range (Go fails there too).
bool goParseFloat(const std::string& s, double& out) {
  errno = 0;
  out = std::strtod(s.c_str(), nullptr);
  return !(errno == ERANGE && std::isinf(out));
}

Scalar resolvePlain11(const std::string& in) {
  Scalar r;
  r.s = in;
  static const char* const kTrue[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const char* const kFalse[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  static const char* const kNull[] = {"", "~", "null", "Null", "NULL"};
  for (const char* w : kTrue)
    if (in == w) return r.kind = Scalar::Bool, r.b = true, r;
  for (const char* w : kFalse)
    if (in == w) return r.kind = Scalar::Bool, r.b = false, r;
  for (const char* w : kNull)
    if (in == w) return r.kind = Scalar::Null, r;
  for (const char* w : {".nan", ".NaN", ".NAN"})
    if (in == w) return r.kind = Scalar::Float, r.f = std::nan(""), r;
  for (const char* w : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})
    if (in == w) return r.kind = Scalar::Float, r.f = HUGE_VAL, r;
  for (const char* w : {"-.inf", "-.Inf", "-.INF"})
    if (in == w) return r.kind = Scalar::Float, r.f = -HUGE_VAL, r;
  char c0 = in[0];
  if (c0 == '.') {
    // Not in the table: maybe a float such as ".5" (Go's ParseFloat on the text as written).
    if (yamlStyleFloat(in) && goParseFloat(in, r.f)) r.kind = Scalar::Float;
    return r;
  }
  if (!(std::isdigit(static_cast<unsigned char>(c0)) || c0 == '+' || c0 == '-')) return r;
  // Timestamps stay text when read into a generic value (go-yaml v2 keeps them as strings there), so no case here.
  std::string plain;
  for (char c : in)
    if (c != '_') plain += c;
  bool neg = !plain.empty() && plain[0] == '-';
  size_t sign = !plain.empty() && (plain[0] == '-' || plain[0] == '+') ? 1 : 0;
  std::string body = plain.substr(sign);
  unsigned long long v = 0;
  bool overflow = false;
  if (!body.empty() && body[0] != '+' && body[0] != '-' && goParseUnsigned(body, v, overflow) && !overflow) {
    if (neg && v <= 9223372036854775808ULL) {
      r.kind = Scalar::Int;
      r.i = v == 9223372036854775808ULL ? INT64_MIN : -static_cast<long long>(v);
      return r;
    }
    if (!neg && v <= static_cast<unsigned long long>(INT64_MAX))
      return r.kind = Scalar::Int, r.i = static_cast<long long>(v), r;
    if (!neg && sign == 0) return r.kind = Scalar::Uint, r.u = v, r;
  }
  if (yamlStyleFloat(plain)) {
    if (goParseFloat(plain, r.f)) r.kind = Scalar::Float;
    return r;
  }
  if (plain.compare(0, 3, "-0b") == 0 && allDigits(plain, 3, plain.size(), 2) &&
      goParseUnsigned("0b" + plain.substr(3), v, overflow) && !overflow && v <= 9223372036854775808ULL) {
    r.kind = Scalar::Int;
    r.i = v == 9223372036854775808ULL ? INT64_MIN : -static_cast<long long>(v);
  }
  return r;
}

/// Go's strconv.FormatFloat(f, 'g', -1, 32): the shortest text that reads back as the same float32, in %g form.
std::string goFormatFloat32(double value) {
  float f = static_cast<float>(value);
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  char buf[64];
  for (int prec = 1; prec <= 9; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, static_cast<double>(f));
    if (std::strtof(buf, nullptr) == f) break;
  }
  // buf: [-]d[.ddd]e[+-]XX
  std::string t = buf;
  bool neg = t[0] == '-';
  if (neg) t = t.substr(1);
  size_t e = t.find('e');
  int exp = std::atoi(t.c_str() + e + 1);
  std::string digits;
  for (size_t k = 0; k < e; ++k)
    if (t[k] != '.') digits += t[k];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out;
  if (exp < -4 || exp >= 6) {  // shortest %g switches to an exponent at 1e6, as Go does
    out = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "") + "e" + (exp < 0 ? "-" : "+");
    int a = exp < 0 ? -exp : exp;
    out += (a < 10 ? "0" : "") + std::to_string(a);
  } else if (exp < 0) {
    out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
    out = digits + std::string(static_cast<size_t>(exp) + 1 - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(exp) + 1) + "." + digits.substr(static_cast<size_t>(exp) + 1);
  }
  return (neg ? "-" : "") + out;
}

/// A float as encoding/json writes it and reads back: whole numbers below 1e21 become integers.
Json floatJson(double f) {
  if (std::trunc(f) == f && std::fabs(f) < 1e21) {
    if (f >= -9223372036854775808.0 && f < 9223372036854775808.0) return static_cast<long long>(f);
    if (f >= 0 && f < 18446744073709551616.0) return static_cast<unsigned long long>(f);
  }
  return f;
}

void appendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
 public:
  Parser(const std::string& text, int firstLine)
      : firstLine_(firstLine), endsWithNewline_(!text.empty() && text.back() == '\n') {
    size_t from = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) from = 3;
    while (from <= text.size()) {
      size_t nl = text.find('\n', from);
      std::string line = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines_.push_back(std::move(line));
      if (nl == std::string::npos) break;
      from = nl + 1;
    }
  }

  /// Every document of the stream ('---' separates them), at most `maxDocs`.
  std::vector<YamlDocument> runAll(size_t maxDocs, bool firstOnly) {
    std::vector<YamlDocument> docs;
    for (;;) {
      doc_ = YamlDocument{};
      nodes_ = 0;
      anchors_.clear();
      skipBlank();
      doc_.start_line = li_ < lines_.size() ? lineNo(li_) : lineNo(lines_.empty() ? 0 : lines_.size() - 1);
      skipDirectivesAndStart();
      skipBlank();
      if (li_ < lines_.size() && !isDocEnd(lines_[li_]) && !isDocStart(lines_[li_])) doc_.value = parseBlock(-1, "", 0);
      skipBlank();
      bool more = false;
      if (firstOnly && li_ < lines_.size() && (isDocStart(lines_[li_]) || isDocEnd(lines_[li_]))) {
        // mig-parted (go-yaml's Unmarshal) reads the first document and never looks at the rest.
        docs.push_back(std::move(doc_));
        break;
      }
      if (li_ < lines_.size()) {
        const std::string& l = lines_[li_];
        if (isDocStart(l)) {
          more = true;
        } else if (isDocEnd(l)) {
          ++li_;
          skipBlank();
          more = li_ < lines_.size();
        } else {
          fail(Code::BAD_YAML, "unexpected text '" + shorten(trimmed(l)) +
                                   "': it is indented less than the block it follows "
                                   "but does not continue any block above it. Check the indentation.");
        }
      }
      docs.push_back(std::move(doc_));
      if (!more) break;
      if (docs.size() >= maxDocs)
        fail(Code::YAML_TOO_LARGE, "more than " + std::to_string(maxDocs) + " documents in one stream.");
    }
    return docs;
  }

 private:
  std::vector<std::string> lines_;
  int firstLine_;
  bool endsWithNewline_;
  size_t li_ = 0;
  size_t nodes_ = 0;
  YamlDocument doc_;
  struct Anchored {
    Json value;
    size_t nodes;
  };
  std::map<std::string, Anchored> anchors_;
  bool lastPlain_ = false;

  // ---- YAML 1.1 scalars, keys, anchors and merges as mig-parted reads them ---------------------
  /// A plain scalar's value as JSON, as ghodss/yaml converts go-yaml's reading (JSON cannot hold .inf or .nan).
  Json plainValue(const std::string& text) const {
    Scalar r = resolvePlain11(text);
    switch (r.kind) {
      case Scalar::Null:
        return nullptr;
      case Scalar::Bool:
        return r.b;
      case Scalar::Int:
        return r.i;
      case Scalar::Uint:
        return r.u;
      case Scalar::Float:
        if (std::isnan(r.f) || std::isinf(r.f))
          fail(Code::BAD_YAML, "'" + shorten(text) + "' is read as " + (std::isnan(r.f) ? "not-a-number" : "infinity") +
                                   ", which mig-parted cannot read (json: unsupported value); quote it to mean text.");
        return floatJson(r.f);
      case Scalar::Str:
        break;
    }
    return text;
  }
  /// A plain key as text, as ghodss/yaml makes JSON keys of go-yaml's keys ("on" -> "true", "0x10" -> "16").
  std::string plainKey(const std::string& text, size_t index) const {
    Scalar r = resolvePlain11(text);
    switch (r.kind) {
      case Scalar::Null:
        failAt(index, Code::BAD_YAML,
               "the key '" + text + "' is read as null, which mig-parted cannot read (unsupported map key); quote it.");
      case Scalar::Bool:
        return r.b ? "true" : "false";
      case Scalar::Int:
        return std::to_string(r.i);
      case Scalar::Uint:
        failAt(index, Code::BAD_YAML,
               "the key '" + text +
                   "' is a number beyond 64-bit integers, which mig-parted cannot read as a key; quote it.");
      case Scalar::Float: {
        std::string t = goFormatFloat32(r.f);
        return t == "+Inf" ? ".inf" : t == "-Inf" ? "-.inf" : t == "NaN" ? ".nan" : t;
      }
      case Scalar::Str:
        break;
    }
    return text;
  }
  /// Set `key` in a mapping; a key given twice keeps the last value (as mig-parted does) and is warned about.
  void setKey(Json& obj, const std::string& key, Json value, size_t index, std::map<std::string, int>& keyLines) {
    if (obj.contains(key))
      doc_.warnings.push_back({lineNo(index), "the key '" + key +
                                                  "' appears twice in the same mapping (first on line " +
                                                  std::to_string(keyLines[key]) +
                                                  "); mig-parted keeps the last one and ignores the first."});
    keyLines[key] = lineNo(index);
    obj[key] = std::move(value);
  }
  /// A merge key ('<<: *base', '<<: [*a, *b]'): go-yaml v2 sets the merged keys at this point, overriding keys set
  /// before it; earlier maps of a list take precedence.
  void mergeInto(Json& obj, const Json& from, size_t index) const {
    auto one = [&](const Json& m) {
      if (!m.is_object())
        failAt(index, Code::BAD_YAML, "a merge key ('<<') needs a mapping or a list of mappings as its value.");
      for (auto it = m.begin(); it != m.end(); ++it) obj[it.key()] = it.value();
    };
    if (from.is_array()) {
      for (size_t k = from.size(); k-- > 0;) one(from[k]);
    } else {
      one(from);
    }
  }
  static size_t countJson(const Json& v) {
    size_t n = 1;
    if (v.is_structured())
      for (const auto& c : v) n += countJson(c);
    return n;
  }
  /// The value of an alias ('*name').
  Json aliasValue(const std::string& name, size_t index) {
    auto it = anchors_.find(name);
    if (it == anchors_.end())
      failAt(index, Code::BAD_YAML, "unknown anchor '" + name + "' referenced; define it with '&" + name + "' first.");
    nodes_ += it->second.nodes;
    if (nodes_ > kMaxNodes)
      failAt(index, Code::YAML_TOO_LARGE,
             "more than " + std::to_string(kMaxNodes) +
                 " values once aliases are expanded; this is not a configuration file.");
    return it->second.value;
  }
  void defineAnchor(const std::string& name, const Json& value) { anchors_[name] = {value, countJson(value)}; }
  /// The name of an anchor or alias starting at text[at] ('&' or '*'); `end` is where it stops.
  static std::string anchorName(const std::string& text, size_t at, size_t& end, bool flow) {
    end = at + 1;
    while (
        end < text.size() && !isSpace(text[end]) &&
        !(flow && (text[end] == ',' || text[end] == '[' || text[end] == ']' || text[end] == '{' || text[end] == '}')))
      ++end;
    return text.substr(at + 1, end - at - 1);
  }

  // ---- errors and small helpers -------------------------------------------------------------
  int lineNo(size_t index) const { return firstLine_ + static_cast<int>(index); }
  [[noreturn]] void fail(Code code, const std::string& what) const { failAt(li_, code, what); }
  [[noreturn]] void failAt(size_t index, Code code, const std::string& what) const {
    throw YamlFailure{code, lineNo(std::min(index, lines_.empty() ? 0 : lines_.size() - 1)), what};
  }
  static std::string trimmed(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && isSpace(s[a])) ++a;
    while (b > a && isSpace(s[b - 1])) --b;
    return s.substr(a, b - a);
  }
  static std::string shorten(const std::string& s) { return s.size() > 60 ? s.substr(0, 57) + "..." : s; }
  void countNode() {
    if (++nodes_ > kMaxNodes)
      fail(Code::YAML_TOO_LARGE,
           "more than " + std::to_string(kMaxNodes) + " values; this is not a configuration file.");
  }
  void checkDepth(int depth) const {
    if (depth > kMaxYamlDepth)
      fail(Code::YAML_TOO_DEEP,
           "nesting deeper than " + std::to_string(kMaxYamlDepth) + " levels; this is not a configuration file.");
  }
  static bool isBlankOrComment(const std::string& s) {
    for (char c : s) {
      if (isSpace(c)) continue;
      return c == '#';
    }
    return true;
  }
  static bool isDocStart(const std::string& s) {
    return s.compare(0, 3, "---") == 0 && (s.size() == 3 || isSpace(s[3]));
  }
  static bool isDocEnd(const std::string& s) { return s.compare(0, 3, "...") == 0 && (s.size() == 3 || isSpace(s[3])); }
  static size_t spaces(const std::string& s) {
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return i;
  }
  /// Indentation of a content line; tabs may not indent.
  int indentOf(size_t index) const {
    const std::string& s = lines_[index];
    size_t i = spaces(s);
    if (i < s.size() && s[i] == '\t') {
      size_t j = i;
      while (j < s.size() && isSpace(s[j])) ++j;
      if (j < s.size() && s[j] != '#')
        failAt(index, Code::BAD_YAML, "a tab is used for indentation; YAML allows only spaces there.");
    }
    return static_cast<int>(i);
  }
  void skipBlank() {
    while (li_ < lines_.size() && isBlankOrComment(lines_[li_])) ++li_;
  }
  void skipDirectivesAndStart() {
    bool directives = false;
    while (li_ < lines_.size()) {
      const std::string& l = lines_[li_];
      if (isBlankOrComment(l)) {
        ++li_;
      } else if (!l.empty() && l[0] == '%') {
        directives = true;
        ++li_;
      } else {
        break;
      }
    }
    if (li_ < lines_.size() && isDocStart(lines_[li_])) {
      std::string rest = trimmed(lines_[li_].substr(3));
      if (!rest.empty() && rest[0] != '#')
        fail(Code::YAML_UNSUPPORTED, "content on the '---' line itself; start the document on the next line.");
      ++li_;
    } else if (directives) {
      fail(Code::BAD_YAML, "a directive (%...) must be followed by '---'.");
    }
  }
  static bool startsSeqItem(const std::string& rest) {
    return !rest.empty() && rest[0] == '-' && (rest.size() == 1 || isSpace(rest[1]));
  }

  /// End of a quoted scalar that starts at rest[0] on one line, or npos when it does not close on this line.
  static size_t quotedEnd(const std::string& rest) {
    char q = rest[0];
    for (size_t i = 1; i < rest.size(); ++i) {
      if (q == '"' && rest[i] == '\\') {
        ++i;
      } else if (rest[i] == q) {
        if (q == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i;
      }
    }
    return std::string::npos;
  }

  /// Position of the ':' that makes this line a "key: value" pair, or npos.
  static size_t mappingColon(const std::string& rest) {
    if (rest.empty()) return std::string::npos;
    char c0 = rest[0];
    if (c0 == '[' || c0 == '{' || c0 == '#' || c0 == '|' || c0 == '>') return std::string::npos;
    size_t i = 0;
    if (c0 == '"' || c0 == '\'') {
      size_t end = quotedEnd(rest);
      if (end == std::string::npos) return std::string::npos;
      i = end + 1;
      while (i < rest.size() && isSpace(rest[i])) ++i;
      if (i < rest.size() && rest[i] == ':' && (i + 1 == rest.size() || isSpace(rest[i + 1]))) return i;
      return std::string::npos;
    }
    for (; i < rest.size(); ++i) {
      if (rest[i] == ':' && (i + 1 == rest.size() || isSpace(rest[i + 1]))) return i;
      if (rest[i] == '#' && i > 0 && isSpace(rest[i - 1])) return std::string::npos;
    }
    return std::string::npos;
  }

  std::string keyText(const std::string& raw, size_t index) {
    std::string k = trimmed(raw);
    if (k.empty()) failAt(index, Code::BAD_YAML, "a key is missing before ':'.");
    char c0 = k[0];
    if (c0 == '"' || c0 == '\'') return quotedFromString(k, index);
    if (c0 == '&' || c0 == '*' || c0 == '!')
      failAt(index, Code::YAML_UNSUPPORTED,
             std::string("'") + c0 +
                 "' starts an anchor, alias or tag on a key, which this reader does not support; write the key out.");
    if (c0 == '?') failAt(index, Code::YAML_UNSUPPORTED, "complex keys ('? ') are not supported.");
    return plainKey(k, index);
  }

  // ---- block structure ----------------------------------------------------------------------
  Json parseBlock(int parentIndent, const std::string& ptr, int depth) {
    checkDepth(depth);
    size_t index = li_;
    int ind = indentOf(index);
    std::string rest = lines_[index].substr(static_cast<size_t>(ind));
    doc_.lines.emplace(ptr, lineNo(index));
    if (startsSeqItem(rest)) return parseSeq(ind, ptr, depth);
    if (mappingColon(rest) != std::string::npos) return parseMap(ind, ptr, depth);
    return parseInline(static_cast<size_t>(ind), parentIndent, ptr, depth);
  }

  Json parseMap(int ind, const std::string& ptr, int depth) {
    countNode();
    Json obj = Json::object();
    std::map<std::string, int> keyLines;
    int lastKeyLine = 0;
    for (;;) {
      skipBlank();
      if (li_ >= lines_.size()) break;
      const std::string& line = lines_[li_];
      if (isDocStart(line) || isDocEnd(line)) break;
      int i = indentOf(li_);
      if (i < ind) break;
      if (i > ind)
        fail(Code::BAD_YAML, "unexpected indentation: expected a key at column " + std::to_string(ind + 1) +
                                 " (like the key on line " + std::to_string(lastKeyLine ? lastKeyLine : lineNo(li_)) +
                                 ") or less.");
      std::string rest = line.substr(static_cast<size_t>(ind));
      if (startsSeqItem(rest))
        fail(Code::BAD_YAML,
             "a list item ('- ') where a key was expected; indent the list under its key or add the key.");
      size_t colon = mappingColon(rest);
      if (colon == std::string::npos)
        fail(Code::BAD_YAML, "expected 'key: value' but found '" + shorten(trimmed(rest)) +
                                 "' (a ':' followed by a space is missing?).");
      size_t keyIndex = li_;
      lastKeyLine = lineNo(li_);
      if (trimmed(rest.substr(0, colon)) == "<<") {
        Json merged = parseAfterIndicator(static_cast<size_t>(ind) + colon + 1, ind, ptr + "/<<", depth + 1, true);
        doc_.lines.erase(ptr + "/<<");
        mergeInto(obj, merged, keyIndex);
        continue;
      }
      std::string key = keyText(rest.substr(0, colon), li_);
      std::string child = ptr + "/" + jsonPointerToken(key);
      doc_.lines[child] = lineNo(li_);
      Json value = parseAfterIndicator(static_cast<size_t>(ind) + colon + 1, ind, child, depth + 1, true);
      setKey(obj, key, std::move(value), keyIndex, keyLines);
    }
    return obj;
  }

  Json parseSeq(int ind, const std::string& ptr, int depth) {
    countNode();
    Json arr = Json::array();
    for (;;) {
      skipBlank();
      if (li_ >= lines_.size()) break;
      const std::string& line = lines_[li_];
      if (isDocStart(line) || isDocEnd(line)) break;
      int i = indentOf(li_);
      if (i < ind) break;
      if (i > ind)
        fail(Code::BAD_YAML,
             "unexpected indentation: expected '- ' at column " + std::to_string(ind + 1) + " or less.");
      std::string rest = line.substr(static_cast<size_t>(ind));
      if (!startsSeqItem(rest)) break;  // a key of the enclosing mapping at the same indentation
      std::string child = ptr + "/" + std::to_string(arr.size());
      doc_.lines[child] = lineNo(li_);
      size_t col = static_cast<size_t>(ind) + 1;
      while (col < line.size() && isSpace(line[col])) ++col;
      std::string after = line.substr(col);
      if (after.empty() || after[0] == '#') {
        arr.push_back(parseAfterIndicator(col, ind, child, depth + 1, false));
      } else if (startsSeqItem(after) || mappingColon(after) != std::string::npos) {
        // A compact nested collection ("- key: value", "- - x"): it is indented at `col`.
        std::string& l = lines_[li_];
        for (size_t k = 0; k < col; ++k) l[k] = ' ';
        arr.push_back(parseBlock(ind, child, depth + 1));
      } else {
        arr.push_back(parseInline(col, ind, child, depth + 1));
      }
    }
    return arr;
  }

  /// The value after "key:" or "- " starting at column `col` of the current line.
  Json parseAfterIndicator(size_t col, int ownerIndent, const std::string& ptr, int depth, bool sameIndentSeq) {
    checkDepth(depth);
    const std::string& line = lines_[li_];
    while (col < line.size() && isSpace(line[col])) ++col;
    if (col < line.size() && (line[col] == '&' || line[col] == '*'))
      return parseAnchored(col, ownerIndent, ptr, depth, sameIndentSeq);
    if (col >= line.size() || line[col] == '#') {
      size_t keyLine = li_;
      ++li_;
      skipBlank();
      if (li_ >= lines_.size() || isDocStart(lines_[li_]) || isDocEnd(lines_[li_])) return nullptr;
      int ni = indentOf(li_);
      if (ni > ownerIndent) return parseBlock(ownerIndent, ptr, depth);
      if (ni == ownerIndent && sameIndentSeq && startsSeqItem(lines_[li_].substr(static_cast<size_t>(ni))))
        return parseSeq(ni, ptr, depth);
      doc_.lines[ptr] = lineNo(keyLine);
      return nullptr;
    }
    return parseInline(col, ownerIndent, ptr, depth);
  }

  /// '&name value' (the value may start on the next lines) or '*name' at column `col` of the current line.
  Json parseAnchored(size_t col, int ownerIndent, const std::string& ptr, int depth, bool sameIndentSeq) {
    const std::string line = lines_[li_];
    size_t end = 0;
    std::string name = anchorName(line, col, end, false);
    if (name.empty()) fail(Code::BAD_YAML, std::string("'") + line[col] + "' must be followed by an anchor name.");
    std::string rest = trimmed(line.substr(end));
    if (line[col] == '*') {
      if (!rest.empty() && rest[0] != '#')
        fail(Code::YAML_UNSUPPORTED, "unexpected text '" + shorten(rest) + "' after the alias '*" + name + "'.");
      Json v = aliasValue(name, li_);
      ++li_;
      return v;
    }
    size_t start = end;
    while (start < line.size() && isSpace(line[start])) ++start;
    Json v = rest.empty() || rest[0] == '#' ? parseAfterIndicator(line.size(), ownerIndent, ptr, depth, sameIndentSeq)
                                            : parseInline(start, ownerIndent, ptr, depth);
    defineAnchor(name, v);
    return v;
  }

  /// A scalar, flow collection or block scalar that starts at column `col` of the current line.
  Json parseInline(size_t col, int ownerIndent, const std::string& ptr, int depth) {
    countNode();
    std::string text = lines_[li_].substr(col);
    char c0 = text[0];
    if (c0 == '&' || c0 == '*') return parseAnchored(col, ownerIndent, ptr, depth, false);
    if (c0 == '|' || c0 == '>') return parseBlockScalar(text, ownerIndent);
    if (c0 == '[' || c0 == '{' || c0 == '"' || c0 == '\'') {
      Cursor c{li_, col};
      Json v = (c0 == '[' || c0 == '{') ? parseFlow(c, ptr, depth) : Json(parseQuoted(c));
      li_ = c.line;
      std::string rest = trimmed(lines_[li_].substr(c.col));
      if (!rest.empty() && rest[0] != '#') {
        if (rest[0] == ':')
          fail(Code::BAD_YAML, "a nested 'key: value' must start on its own line, indented under its parent.");
        fail(Code::BAD_YAML, "unexpected text '" + shorten(rest) + "' after the value.");
      }
      ++li_;
      return v;
    }
    if (c0 == '!')
      fail(Code::YAML_UNSUPPORTED, "'!' starts a tag, which this reader does not support; write the value out.");
    if (c0 == '@' || c0 == '`' || c0 == '%')
      fail(Code::BAD_YAML, std::string("'") + c0 + "' cannot start a plain value; quote the value.");
    if (startsSeqItem(text))
      fail(Code::BAD_YAML, "a list cannot start on the same line as its key; put '- ' on the next line.");
    // Plain scalar, possibly continued on more-indented lines.
    std::string value = plainPart(text);
    size_t first = li_;
    ++li_;
    for (;;) {
      size_t save = li_;
      size_t blanks = 0;
      while (li_ < lines_.size() && trimmed(lines_[li_]).empty()) ++li_, ++blanks;
      if (li_ >= lines_.size() || isBlankOrComment(lines_[li_]) || isDocStart(lines_[li_]) || isDocEnd(lines_[li_]) ||
          indentOf(li_) <= ownerIndent) {
        li_ = save;
        break;
      }
      std::string more = trimmed(lines_[li_]);
      if (mappingColon(more) != std::string::npos || startsSeqItem(more))
        fail(Code::BAD_YAML, "unexpected indentation: this line is indented deeper than '" + shorten(value) +
                                 "' on line " + std::to_string(lineNo(first)) +
                                 ", which is a plain value, not a parent.");
      value += blanks ? std::string(blanks, '\n') : std::string(" ");
      value += plainPart(more);
      ++li_;
    }
    return plainValue(value);
  }

  /// A plain scalar's text on one line: up to a comment, trimmed; "a: b" here is an error.
  std::string plainPart(const std::string& text) const {
    size_t end = text.size();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '#' && i > 0 && isSpace(text[i - 1])) {
        end = i;
        break;
      }
      if (text[i] == ':' && (i + 1 == text.size() || isSpace(text[i + 1])))
        fail(Code::BAD_YAML, "'" + shorten(trimmed(text)) +
                                 "': a nested 'key: value' must start on its own line, indented under its parent "
                                 "(or quote the value).");
    }
    return trimmed(text.substr(0, end));
  }

  Json parseBlockScalar(const std::string& header, int ownerIndent) {
    bool literal = header[0] == '|';
    char chomp = 'c';
    int explicitIndent = 0;
    size_t i = 1;
    for (; i < header.size() && i < 3; ++i) {
      char c = header[i];
      if ((c == '-' || c == '+') && chomp == 'c')
        chomp = c;
      else if (c >= '1' && c <= '9' && explicitIndent == 0)
        explicitIndent = c - '0';
      else
        break;
    }
    std::string rest = trimmed(header.substr(i));
    if (!rest.empty() && rest[0] != '#')
      fail(Code::BAD_YAML, "unexpected text '" + shorten(rest) +
                               "' after the block scalar indicator; the text starts on the next line.");
    ++li_;
    int base = ownerIndent < 0 ? 0 : ownerIndent;
    int contentIndent = explicitIndent ? base + explicitIndent : -1;
    if (contentIndent < 0) {
      for (size_t k = li_; k < lines_.size(); ++k) {
        size_t sp = spaces(lines_[k]);
        if (sp == lines_[k].size()) continue;
        contentIndent = static_cast<int>(sp);
        break;
      }
      if (contentIndent <= ownerIndent) contentIndent = ownerIndent + 1;
      if (contentIndent < 1 && ownerIndent < 0) contentIndent = 0;
    }
    std::vector<std::string> body;
    while (li_ < lines_.size()) {
      const std::string& l = lines_[li_];
      size_t sp = spaces(l);
      bool empty = sp == l.size();
      if (!empty && static_cast<int>(sp) < contentIndent) break;
      if (!empty && contentIndent == 0 && (isDocStart(l) || isDocEnd(l))) break;
      body.push_back(
          empty ? (static_cast<int>(l.size()) > contentIndent ? l.substr(static_cast<size_t>(contentIndent)) : "")
                : l.substr(static_cast<size_t>(contentIndent)));
      ++li_;
    }
    size_t contentEnd = body.size();
    while (contentEnd > 0 && body[contentEnd - 1].empty()) --contentEnd;
    std::string out;
    if (literal) {
      for (size_t k = 0; k < contentEnd; ++k) out += body[k] + "\n";
    } else {
      // Folding: a break between two normal lines becomes a space; empty lines stay as breaks; lines indented
      // deeper than the block keep their breaks.
      for (size_t k = 0; k < contentEnd; ++k) {
        const std::string& l = body[k];
        bool more = !l.empty() && isSpace(l[0]);
        if (k == 0) {
          out += l;
        } else if (l.empty()) {
          out += "\n";
        } else {
          const std::string& p = body[k - 1];
          bool prevMore = !p.empty() && isSpace(p[0]);
          if (p.empty())
            out += (more ? "\n" : "") + l;
          else if (more || prevMore)
            out += "\n" + l;
          else
            out += " " + l;
        }
      }
      if (contentEnd > 0) out += "\n";
    }
    if (chomp == '-') {
      while (!out.empty() && out.back() == '\n') out.pop_back();
    } else if (chomp == '+') {
      // Kept trailing breaks; the empty "line" after the text's final newline is no line of its own.
      size_t kept = body.size() - contentEnd;
      if (kept > 0 && li_ >= lines_.size() && endsWithNewline_) --kept;
      out += std::string(kept, '\n');
    }
    return out;
  }

  // ---- flow collections and quoted scalars ---------------------------------------------------
  struct Cursor {
    size_t line;
    size_t col;
  };
  /// The character at the cursor; '\n' at the end of a line, '\0' at the end of input.
  char peek(const Cursor& c) const {
    if (c.line >= lines_.size()) return '\0';
    const std::string& l = lines_[c.line];
    return c.col < l.size() ? l[c.col] : (c.line + 1 < lines_.size() ? '\n' : '\0');
  }
  char peekAt(const Cursor& c, size_t ahead) const {
    if (c.line >= lines_.size()) return '\0';
    const std::string& l = lines_[c.line];
    return c.col + ahead < l.size() ? l[c.col + ahead] : '\n';
  }
  void advance(Cursor& c) const {
    if (c.line >= lines_.size()) return;
    if (c.col < lines_[c.line].size()) {
      ++c.col;
    } else {
      ++c.line;
      c.col = 0;
    }
  }
  void skipFlowSpace(Cursor& c) const {
    for (;;) {
      char ch = peek(c);
      if (isSpace(ch) || ch == '\n') {
        advance(c);
      } else if (ch == '#' && (c.col == 0 || isSpace(lines_[c.line][c.col - 1]))) {
        c.col = lines_[c.line].size();
      } else {
        return;
      }
    }
  }
  [[noreturn]] void failCursor(const Cursor& c, Code code, const std::string& what) const {
    failAt(c.line, code, what);
  }

  Json parseFlow(Cursor& c, const std::string& ptr, int depth) {
    checkDepth(depth);
    countNode();
    doc_.lines.emplace(ptr, lineNo(c.line));
    size_t openLine = c.line;
    char open = peek(c);
    char close = open == '[' ? ']' : '}';
    advance(c);
    Json out = open == '[' ? Json::array() : Json::object();
    std::map<std::string, int> flowKeyLines;
    for (;;) {
      skipFlowSpace(c);
      char ch = peek(c);
      if (ch == '\0')
        failAt(openLine, Code::BAD_YAML,
               std::string("the '") + open + "' opened here is never closed with '" + close + "'.");
      if (ch == close) {
        advance(c);
        return out;
      }
      if (ch == ',')
        failCursor(c, Code::BAD_YAML,
                   std::string("an empty entry (',' with nothing before it) in a flow ") +
                       (open == '[' ? "list." : "mapping."));
      size_t entryLine = c.line;
      std::string childPtr = ptr + "/" + (open == '[' ? std::to_string(out.size()) : std::string());
      Json key = parseFlowNode(c, childPtr, depth + 1, true);
      bool keyPlain = lastPlain_;
      skipFlowSpace(c);
      bool pair = peek(c) == ':';
      bool merge = pair && keyPlain && key == "<<";
      std::string k;
      if (pair || open == '{') {
        if (keyPlain)
          k = plainKey(key.get<std::string>(), entryLine);
        else if (key.is_string())
          k = key.get<std::string>();
        else
          failAt(entryLine, Code::YAML_UNSUPPORTED, "a key that is a list or mapping cannot be read by mig-parted.");
      } else if (keyPlain) {
        key = plainValue(key.get<std::string>());
      }
      Json value;
      if (pair) {
        advance(c);
        skipFlowSpace(c);
        char vc = peek(c);
        if (vc == ',' || vc == close)
          value = nullptr;
        else
          value = parseFlowNode(c, childPtr, depth + 1, false);
      }
      if (merge && open == '{') {
        mergeInto(out, value, entryLine);
      } else if (open == '[') {
        if (pair) {
          Json single = Json::object();
          if (merge)
            mergeInto(single, value, entryLine);
          else
            single[k] = value;
          out.push_back(single);
        } else {
          out.push_back(key);
        }
        doc_.lines[childPtr] = lineNo(entryLine);
      } else {
        std::string kp = ptr + "/" + jsonPointerToken(k);
        doc_.lines[kp] = lineNo(entryLine);
        setKey(out, k, pair ? value : Json(nullptr), entryLine, flowKeyLines);
      }
      skipFlowSpace(c);
      ch = peek(c);
      if (ch == ',') {
        advance(c);
        continue;
      }
      if (ch == close) continue;
      if (ch == '\0')
        failAt(openLine, Code::BAD_YAML,
               std::string("the '") + open + "' opened here is never closed with '" + close + "'.");
      failCursor(c, Code::BAD_YAML,
                 std::string("expected ',' or '") + close + "' in a flow " + (open == '[' ? "list" : "mapping") +
                     ", found '" + std::string(1, ch) + "'.");
    }
  }

  /// A node inside a flow collection. A plain scalar comes back as its text with lastPlain_ set when `asKey` (the
  /// caller resolves it as a key or a value once it knows which), else resolved.
  Json parseFlowNode(Cursor& c, const std::string& ptr, int depth, bool asKey) {
    lastPlain_ = false;
    char ch = peek(c);
    if (ch == '[' || ch == '{') {
      Json v = parseFlow(c, ptr, depth);
      lastPlain_ = false;  // entries inside set it; this node is a collection
      return v;
    }
    if (ch == '"' || ch == '\'') return parseQuoted(c);
    if (ch == '&' || ch == '*') {
      const std::string& l = lines_[c.line];
      size_t end = 0;
      std::string name = anchorName(l, c.col, end, true);
      if (name.empty()) failCursor(c, Code::BAD_YAML, std::string("'") + ch + "' must be followed by an anchor name.");
      size_t at = c.line;
      c.col = end;
      if (ch == '*') return aliasValue(name, at);
      skipFlowSpace(c);
      Json v = parseFlowNode(c, ptr, depth, false);
      lastPlain_ = false;
      defineAnchor(name, v);
      return v;
    }
    if (ch == '!') failCursor(c, Code::YAML_UNSUPPORTED, "'!' starts a tag, which this reader does not support.");
    countNode();
    // Plain scalar in flow context: spaces inside a line are kept; a line break folds to a space, and each empty
    // line in between to a newline.
    std::string text, pendingWs;
    size_t breaks = 0;
    for (;;) {
      ch = peek(c);
      if (ch == '\0' || ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}') break;
      if (ch == ':') {
        char next = peekAt(c, 1);
        if (isSpace(next) || next == '\n' || next == ',' || next == ']' || next == '}' || next == '[' || next == '{')
          break;
      }
      if (ch == '#' && (c.col == 0 || isSpace(lines_[c.line][c.col - 1]))) {
        c.col = lines_[c.line].size();
        continue;
      }
      if (ch == '\n') {
        if (!text.empty()) ++breaks;
        pendingWs.clear();
        advance(c);
        while (isSpace(peek(c))) advance(c);
        continue;
      }
      if (isSpace(ch)) {
        if (!text.empty() && breaks == 0) pendingWs += ch;
        advance(c);
        continue;
      }
      if (!text.empty())
        text += breaks == 0 ? pendingWs : (breaks == 1 ? std::string(" ") : std::string(breaks - 1, '\n'));
      breaks = 0;
      pendingWs.clear();
      text += ch;
      advance(c);
    }
    if (asKey) {
      lastPlain_ = true;
      return text;
    }
    return plainValue(text);
  }

  std::string quotedFromString(const std::string& k, size_t index) {
    // A quoted key on one line: reuse the cursor parser on a temporary line.
    std::vector<std::string> saved;
    saved.swap(lines_);
    lines_.assign(index + 1, std::string());
    lines_[index] = k;
    Cursor c{index, 0};
    std::string out;
    try {
      out = parseQuoted(c);
    } catch (...) {
      lines_.swap(saved);
      throw;
    }
    bool trailing = !trimmed(lines_[index].substr(c.col)).empty();
    lines_.swap(saved);
    if (trailing) failAt(index, Code::BAD_YAML, "unexpected text after the quoted key '" + out + "'.");
    return out;
  }

  std::string parseQuoted(Cursor& c) {
    countNode();
    char q = peek(c);
    size_t openLine = c.line;
    advance(c);
    std::string out;
    for (;;) {
      char ch = peek(c);
      if (ch == '\0')
        failAt(openLine, Code::BAD_YAML,
               std::string("the ") + (q == '"' ? "double" : "single") + "-quoted value opened here is never closed.");
      if (ch == '\n') {
        // Line folding: trailing spaces dropped, one break -> space, each further empty line -> newline.
        while (!out.empty() && isSpace(out.back())) out.pop_back();
        advance(c);
        size_t empties = 0;
        for (;;) {
          while (isSpace(peek(c))) advance(c);
          if (peek(c) == '\n') {
            ++empties;
            advance(c);
            continue;
          }
          break;
        }
        out += empties ? std::string(empties, '\n') : std::string(" ");
        continue;
      }
      if (ch == q) {
        if (q == '\'' && peekAt(c, 1) == '\'') {
          out += '\'';
          advance(c);
          advance(c);
          continue;
        }
        advance(c);
        return out;
      }
      if (q == '"' && ch == '\\') {
        advance(c);
        char e = peek(c);
        if (e == '\n') {  // escaped line break: join without a space
          advance(c);
          while (isSpace(peek(c))) advance(c);
          continue;
        }
        advance(c);
        switch (e) {
          case '0':
            out += '\0';
            break;
          case 'a':
            out += '\a';
            break;
          case 'b':
            out += '\b';
            break;
          case 't':
          case '\t':
            out += '\t';
            break;
          case 'n':
            out += '\n';
            break;
          case 'v':
            out += '\v';
            break;
          case 'f':
            out += '\f';
            break;
          case 'r':
            out += '\r';
            break;
          case 'e':
            out += '\x1b';
            break;
          case ' ':
            out += ' ';
            break;
          case '"':
            out += '"';
            break;
          case '/':
            out += '/';
            break;
          case '\\':
            out += '\\';
            break;
          case 'N':
            appendUtf8(out, 0x85);
            break;
          case '_':
            appendUtf8(out, 0xA0);
            break;
          case 'L':
            appendUtf8(out, 0x2028);
            break;
          case 'P':
            appendUtf8(out, 0x2029);
            break;
          case 'x':
          case 'u':
          case 'U': {
            size_t n = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
            std::string hex;
            for (size_t k = 0; k < n; ++k) {
              char h = peek(c);
              if (!std::isxdigit(static_cast<unsigned char>(h)))
                failCursor(c, Code::BAD_YAML, std::string("'\\") + e + "' needs " + std::to_string(n) + " hex digits.");
              hex += h;
              advance(c);
            }
            appendUtf8(out, std::strtoul(hex.c_str(), nullptr, 16));
            break;
          }
          default:
            failCursor(c, Code::BAD_YAML, std::string("unknown escape '\\") + e + "' in a double-quoted value.");
        }
        continue;
      }
      out += ch;
      advance(c);
    }
  }
};

}  // namespace

namespace {

Result<std::vector<YamlDocument>> readYaml(const std::string& text, int firstLine, bool firstOnly) {
  if (text.size() > kMaxYamlBytes)
    return Error{Code::YAML_TOO_LARGE, "The YAML text is " + std::to_string(text.size()) + " bytes; at most " +
                                           std::to_string(kMaxYamlBytes) +
                                           " are read. A mig-parted config is a few kilobytes."};
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(text[i]);
    if (ch == 0 || (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')) {
      int line = firstLine;
      for (size_t k = 0; k < i; ++k) line += text[k] == '\n';
      return Error{Code::BAD_YAML, "line " + std::to_string(line) + ": a control character (byte " +
                                       std::to_string(ch) + ") is not allowed in YAML; is this a binary file?"};
    }
  }
  try {
    Parser p(text, firstLine);
    return p.runAll(kMaxYamlDocuments, firstOnly);
  } catch (const YamlFailure& f) {
    return Error{f.code, "line " + std::to_string(f.line) + ": " + f.message};
  } catch (const std::exception& e) {
    return Error{Code::BAD_YAML, std::string("The YAML could not be read: ") + e.what()};
  }
}

}  // namespace

Result<std::vector<YamlDocument>> parseYamlDocuments(const std::string& text, int firstLine) {
  return readYaml(text, firstLine, false);
}

Result<YamlDocument> parseYaml(const std::string& text, int firstLine) {
  auto docs = readYaml(text, firstLine, true);
  if (!docs) return docs.error();
  return std::move(docs->front());
}

}  // namespace migcalc
