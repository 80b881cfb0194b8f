#include "migcalc/api/plan_request.hpp"

#include "migcalc/io/json_io.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/plan/plan.hpp"

namespace migcalc {

Json planFromJsonText(const std::string& text) {
  auto doc = parseJson(text, Code::BAD_PLAN_FILE);
  if (!doc) return errorJson(doc.error());
  auto in = parsePlanInput(*doc);
  if (!in) return errorJson(in.error());
  auto plan = planFleet(*in);
  if (!plan) return errorJson(plan.error());
  Json out = {{"plan", planJson(*plan)}};
  if (planFileWantsCompare(*doc)) out["compare"] = compareJson(compareModels(*in));
  return out;
}

}  // namespace migcalc
