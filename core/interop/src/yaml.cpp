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

bool isDigits(const std::string& s, size_t from, size_t to, int base) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i) {
    char c = s[i];
    bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                         : (c >= '0' && c < static_cast<char>('0' + base));
    if (!ok) return false;
  }
  return true;
}

bool isFloatText(const std::string& s) {
  size_t i = 0, n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  size_t intFrom = i;
  while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  bool intDigits = i > intFrom;
  bool fracDigits = false;
  if (i < n && s[i] == '.') {
    ++i;
    size_t fracFrom = i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    fracDigits = i > fracFrom;
  }
  if (!intDigits && !fracDigits) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t expFrom = i;
    while (i < n && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == expFrom) return false;
  }
  return i == n;
}

Json integerJson(const std::string& text, int base, bool negative) {
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, base);
  if (errno == ERANGE || v > static_cast<unsigned long long>(INT64_MAX)) {
    double d = 0;
    for (char c : text)
      d = d * base + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    return negative ? -d : d;
  }
  long long s = static_cast<long long>(v);
  return negative ? -s : s;
}

/// A plain scalar resolved as YAML 1.2's core schema (what npm's `yaml` does by default).
Json resolvePlain(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  bool neg = s[0] == '-';
  size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (isDigits(s, sign, s.size(), 10)) return integerJson(s.substr(sign), 10, neg);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && isDigits(s, 2, s.size(), 8))
    return integerJson(s.substr(2), 8, false);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && isDigits(s, 2, s.size(), 16))
    return integerJson(s.substr(2), 16, false);
  if (isFloatText(s)) return std::strtod(s.c_str(), nullptr);
  std::string t = s.substr(sign);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return neg ? -HUGE_VAL : HUGE_VAL;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::nan("");
  return s;
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
  Parser(const std::string& text, int firstLine) : firstLine_(firstLine) {
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
  std::vector<YamlDocument> runAll(size_t maxDocs) {
    std::vector<YamlDocument> docs;
    for (;;) {
      doc_ = YamlDocument{};
      nodes_ = 0;
      skipBlank();
      doc_.start_line = li_ < lines_.size() ? lineNo(li_) : lineNo(lines_.empty() ? 0 : lines_.size() - 1);
      skipDirectivesAndStart();
      skipBlank();
      if (li_ < lines_.size() && !isDocEnd(lines_[li_]) && !isDocStart(lines_[li_])) doc_.value = parseBlock(-1, "", 0);
      skipBlank();
      bool more = false;
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
  size_t li_ = 0;
  size_t nodes_ = 0;
  YamlDocument doc_;

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
                 "' starts an anchor, alias or tag, which this reader does not support; write the key out.");
    if (c0 == '?') failAt(index, Code::YAML_UNSUPPORTED, "complex keys ('? ') are not supported.");
    return k;
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
      std::string key = keyText(rest.substr(0, colon), li_);
      if (obj.contains(key))
        fail(Code::BAD_YAML, "the key '" + key + "' appears twice in the same mapping (first on line " +
                                 std::to_string(keyLines[key]) + ").");
      keyLines[key] = lineNo(li_);
      lastKeyLine = lineNo(li_);
      std::string child = ptr + "/" + jsonPointerToken(key);
      doc_.lines[child] = lineNo(li_);
      obj[key] = parseAfterIndicator(static_cast<size_t>(ind) + colon + 1, ind, child, depth + 1, true);
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

  /// A scalar, flow collection or block scalar that starts at column `col` of the current line.
  Json parseInline(size_t col, int ownerIndent, const std::string& ptr, int depth) {
    countNode();
    std::string text = lines_[li_].substr(col);
    char c0 = text[0];
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
    if (c0 == '&' || c0 == '*' || c0 == '!')
      fail(Code::YAML_UNSUPPORTED,
           std::string("'") + c0 +
               "' starts an anchor, alias or tag, which this reader does not support; write the value out.");
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
    return resolvePlain(value);
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
      for (size_t k = contentEnd; k < body.size(); ++k) out += "\n";
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
      skipFlowSpace(c);
      bool pair = peek(c) == ':';
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
      if (open == '[') {
        if (pair) {
          Json single = Json::object();
          single[key.is_string() ? key.get<std::string>() : jsonText(key)] = value;
          out.push_back(single);
        } else {
          out.push_back(key);
        }
        doc_.lines[childPtr] = lineNo(entryLine);
      } else {
        std::string k = key.is_string() ? key.get<std::string>() : (key.is_null() ? "" : jsonText(key));
        if (out.contains(k))
          failAt(entryLine, Code::BAD_YAML, "the key '" + k + "' appears twice in the same mapping.");
        std::string kp = ptr + "/" + jsonPointerToken(k);
        doc_.lines[kp] = lineNo(entryLine);
        out[k] = pair ? value : Json(nullptr);
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

  Json parseFlowNode(Cursor& c, const std::string& ptr, int depth, bool asKey) {
    char ch = peek(c);
    if (ch == '[' || ch == '{') return parseFlow(c, ptr, depth);
    if (ch == '"' || ch == '\'') return parseQuoted(c);
    if (ch == '&' || ch == '*' || ch == '!')
      failCursor(c, Code::YAML_UNSUPPORTED,
                 std::string("'") + ch + "' starts an anchor, alias or tag, which this reader does not support.");
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
    (void)asKey;
    return resolvePlain(text);
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

Result<std::vector<YamlDocument>> parseYamlDocuments(const std::string& text, int firstLine) {
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
    return p.runAll(kMaxYamlDocuments);
  } catch (const YamlFailure& f) {
    return Error{f.code, "line " + std::to_string(f.line) + ": " + f.message};
  } catch (const std::exception& e) {
    return Error{Code::BAD_YAML, std::string("The YAML could not be read: ") + e.what()};
  }
}

Result<YamlDocument> parseYaml(const std::string& text, int firstLine) {
  auto docs = parseYamlDocuments(text, firstLine);
  if (!docs) return docs.error();
  if (docs->size() > 1)
    return Error{Code::YAML_UNSUPPORTED, "line " + std::to_string((*docs)[1].start_line) +
                                             ": a second document starts here ('---'). Give one document per file."};
  return std::move(docs->front());
}

}  // namespace migcalc
