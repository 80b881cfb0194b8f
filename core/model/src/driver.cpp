#include "migcalc/model/driver.hpp"

#include <cctype>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

Result<int> parseDriver(const std::string& raw) {
  std::string t = lower(trim(raw));
  if (t.empty() || t == "newest" || t == "latest") return kNewestDriver;
  size_t i = 0;
  if (t[0] == 'r') i = 1;
  size_t from = i;
  long branch = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) && i - from < 6)
    branch = branch * 10 + (t[i++] - '0');
  bool rest_ok = i == t.size();
  if (!rest_ok && t[i] == '.') {
    rest_ok = true;
    for (size_t k = i + 1; k < t.size(); ++k)
      if (!std::isdigit(static_cast<unsigned char>(t[k])) && t[k] != '.') rest_ok = false;
  }
  if (i == from || !rest_ok || branch < 100 || branch > 9999)
    return Error{Code::BAD_DRIVER, "'" + raw +
                                       "' is not a driver version. Use a branch such as R525 or 525, a full version "
                                       "such as 525.85.12, or 'newest'."};
  return static_cast<int>(branch);
}

std::string driverName(int branch) {
  return branch == kNewestDriver ? std::string("the newest driver") : "R" + std::to_string(branch);
}

}  // namespace migcalc
