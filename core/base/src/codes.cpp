#include "migcalc/base/codes.hpp"

#include <ostream>

namespace migcalc {

namespace {

struct CodeInfo {
  const char* name;
  const char* kind;
  const char* meaning;
};

constexpr CodeInfo kCodes[] = {
#define MIGCALC_CODE_INFO(name, kind, meaning) {#name, kind, meaning},
    MIGCALC_CODES(MIGCALC_CODE_INFO)
#undef MIGCALC_CODE_INFO
};

const CodeInfo& info(Code code) { return kCodes[static_cast<int>(code)]; }

}  // namespace

const char* codeName(Code code) { return info(code).name; }
const char* codeKind(Code code) { return info(code).kind; }
const char* codeMeaning(Code code) { return info(code).meaning; }
std::ostream& operator<<(std::ostream& out, Code code) { return out << codeName(code); }
int codeCount() { return static_cast<int>(sizeof(kCodes) / sizeof(kCodes[0])); }

std::optional<Code> codeFromName(std::string_view name) {
  for (int i = 0; i < codeCount(); ++i)
    if (name == kCodes[i].name) return static_cast<Code>(i);
  return std::nullopt;
}

}  // namespace migcalc
