// SPDX-License-Identifier: MIT
// Example 03: an application registers its own C++ code — a typed function usable in
// expressions (type-checked when the set is compiled) and a whole-indicator evaluator — and a
// failing evaluator marks only its own indicator as errored.
#include <iostream>
#include <stdexcept>

#include <ntm/ntm.hpp>

int main() {
  ntm::function_registry functions;
  // (a) A function: an OCOP product's score from its stars and whether it sells online.
  functions.add("ocop_score", [](std::int64_t stars, bool online) -> std::int64_t { return stars * 10 + (online ? 5 : 0); });
  // (b) An evaluator: traceability, computed from two facts the indicator declares in "reads".
  functions.add_evaluator("traceability", [](const ntm::fact_view& facts) -> ntm::result<ntm::indicator_outcome> {
    auto traced = facts.get("traced_products");
    auto key = facts.get("key_products");
    if (!traced) return ntm::fail(traced.error());
    if (!key) return ntm::fail(key.error());
    if (!*traced || !*key) return ntm::indicator_outcome::unknown("thiếu số liệu sản phẩm");
    const std::int64_t t = (*traced)->as_integer(), k = (*key)->as_integer();
    std::string why = std::to_string(t) + "/" + std::to_string(k) + " sản phẩm chủ lực có truy xuất điện tử";
    return t >= k ? ntm::indicator_outcome::met(why) : ntm::indicator_outcome::not_met(why);
  });
  // An evaluator whose data source is down.
  functions.add_evaluator("area_codes_registry", [](const ntm::fact_view&) -> ntm::result<ntm::indicator_outcome> {
    throw std::runtime_error("registry service unavailable");
  });

  auto set = ntm::parse_criteria_set(R"json({
  "id": "tc13-example", "title": "TC13 (ví dụ)",
  "facts": [
    {"id": "ocop_stars", "type": "integer", "label": "Số sao OCOP"},
    {"id": "sells_online", "type": "bool", "label": "Bán trực tuyến"},
    {"id": "traced_products", "type": "integer", "label": "Sản phẩm có truy xuất"},
    {"id": "key_products", "type": "integer", "label": "Sản phẩm chủ lực"}
  ],
  "criteria": [{"id": "TC13", "number": 13, "name": "Tổ chức sản xuất", "indicators": [
    {"id": "TC13.a", "name": "Điểm OCOP ≥ 35", "condition": "ocop_score(ocop_stars, sells_online) >= 35"},
    {"id": "TC13.b", "name": "Truy xuất nguồn gốc", "evaluator": "traceability", "reads": ["traced_products", "key_products"]},
    {"id": "TC13.c", "name": "Mã vùng trồng", "evaluator": "area_codes_registry", "reads": ["key_products"]}
  ]}]
})json", "tc13-example.json");
  auto prog = ntm::compile(*set, functions);
  if (!prog) {
    std::cerr << ntm::format(prog.error()) << '\n';
    return 1;
  }
  ntm::fact_table facts = prog->make_facts();
  facts.set("ocop_stars", ntm::value::of_integer(3));
  facts.set("sells_online", ntm::value::of_bool(true));
  facts.set("traced_products", ntm::value::of_integer(2));
  facts.set("key_products", ntm::value::of_integer(2));
  ntm::evaluate_options options;
  options.at = *ntm::parse_date("2023-09-30");
  auto a = prog->evaluate(facts, options);
  for (const char* id : {"TC13.a", "TC13.b", "TC13.c", "TC13"}) std::cout << id << ": " << a->explain(id) << '\n';

  // The type checker knows the function's signature.
  auto wrong = ntm::parse_criteria_set(R"json({"id": "x", "title": "x",
    "facts": [{"id": "sells_online", "type": "bool", "label": "x"}],
    "rules": [{"id": "r", "expression": "ocop_score(sells_online, 3) > 1"}]})json", "wrong.json");
  std::cout << ntm::format(ntm::compile(*wrong, functions).error()) << '\n';
  return 0;
}
