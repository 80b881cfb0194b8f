#include "args.hpp"

namespace migcalc::cli {

std::string Args::get(const std::string& option, const std::string& fallback) const {
  auto it = options.find(option);
  return it == options.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string>& Args::all(const std::string& option) const {
  static const std::vector<std::string> none;
  auto it = options.find(option);
  return it == options.end() ? none : it->second;
}

bool wantsJson(const std::vector<std::string>& argv) {
  for (const auto& a : argv)
    if (a == "--json") return true;
  return false;
}

Result<Args> parseArgs(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
                       const std::set<std::string>& flagOptions, const std::string& command) {
  Args a;
  auto known = [&] {
    std::string s;
    for (const auto& o : valueOptions) s += (s.empty() ? "" : ", ") + o + " VALUE";
    for (const auto& f : flagOptions) s += (s.empty() ? "" : ", ") + f;
    return s.empty() ? std::string("none") : s;
  };
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      std::string name = arg, value;
      bool inlineValue = false;
      auto eq = arg.find('=');
      if (eq != std::string::npos) {
        name = arg.substr(0, eq);
        value = arg.substr(eq + 1);
        inlineValue = true;
      }
      if (valueOptions.count(name)) {
        if (!inlineValue) {
          if (i + 1 >= argv.size())
            return Error{Code::USAGE, "Option " + name + " needs a value. See `migcalc " + command + " --help`."};
          value = argv[++i];
        }
        a.options[name].push_back(value);
      } else if (flagOptions.count(name) && !inlineValue) {
        a.flags.insert(name);
      } else {
        return Error{Code::USAGE, "Unknown option " + name + " for `migcalc " + command + "`. Valid: " + known() + "."};
      }
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

}  // namespace migcalc::cli
