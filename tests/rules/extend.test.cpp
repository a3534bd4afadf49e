// SPDX-License-Identifier: MIT
// Custom functions and evaluators, incremental re-evaluation, batches, lineage, sets that
// build on other sets, regions, save/reload, determinism and data test cases.
#include <random>
#include <stdexcept>

#include "rules/support.hpp"

using ntm::errc;
using ntm::status;
using ntm_test::assess;
using ntm_test::compile_text;

namespace {

const char* custom_set = R"json({
  "id": "custom", "title": "custom",
  "facts": [
    {"id": "stars", "type": "integer", "label": "số sao OCOP"},
    {"id": "online", "type": "bool", "label": "bán trực tuyến"},
    {"id": "traced", "type": "integer", "label": "sản phẩm truy xuất"},
    {"id": "products", "type": "integer", "label": "sản phẩm chủ lực"}
  ],
  "criteria": [
    {"id": "TC13", "number": 13, "name": "Tổ chức sản xuất", "indicators": [
      {"id": "TC13.1", "name": "OCOP", "condition": "ocop_score(stars, online) >= 35"},
      {"id": "TC13.2", "name": "Truy xuất", "evaluator": "traceability", "reads": ["traced", "products"]},
      {"id": "TC13.3", "name": "Luôn lỗi", "condition": "fragile(stars)"},
      {"id": "TC13.4", "name": "Đánh giá lỗi", "evaluator": "thrower", "reads": ["stars"]},
      {"id": "TC13.5", "name": "Không khai báo", "evaluator": "sneaky", "reads": ["stars"]}
    ]}
  ]
})json";

ntm::function_registry registry() {
  ntm::function_registry reg;
  REQUIRE_OK(reg.add("ocop_score", [](std::int64_t stars, bool online) -> std::int64_t { return stars * 10 + (online ? 5 : 0); }));
  REQUIRE_OK(reg.add("fragile", [](std::int64_t stars) -> ntm::result<bool> {
    if (stars > 4) return ntm::fail(errc::invalid_argument, "more than 4 stars?");
    return stars >= 3;
  }));
  REQUIRE_OK(reg.add_evaluator("traceability", [](const ntm::fact_view& f) -> ntm::result<ntm::indicator_outcome> {
    auto traced = f.get("traced");
    auto products = f.get("products");
    if (!traced) return ntm::fail(traced.error());
    if (!products) return ntm::fail(products.error());
    if (!*traced || !*products) return ntm::indicator_outcome::unknown("chưa đủ số liệu");
    const auto t = (*traced)->as_integer(), p = (*products)->as_integer();
    const std::string why = std::to_string(t) + "/" + std::to_string(p) + " sản phẩm có truy xuất";
    return t >= p && p > 0 ? ntm::indicator_outcome::met(why) : ntm::indicator_outcome::not_met(why);
  }));
  REQUIRE_OK(reg.add_evaluator("thrower", [](const ntm::fact_view&) -> ntm::result<ntm::indicator_outcome> {
    throw std::runtime_error("database offline");
  }));
  REQUIRE_OK(reg.add_evaluator("sneaky", [](const ntm::fact_view& f) -> ntm::result<ntm::indicator_outcome> {
    auto v = f.get("online");  // not in "reads"
    if (!v) return ntm::fail(v.error());
    return ntm::indicator_outcome::met();
  }));
  return reg;
}

}  // namespace

TEST_CASE("custom: typed functions and whole-indicator evaluators, including ones that fail", "[rules][custom]") {
  const ntm::program prog = compile_text(custom_set, registry());
  auto r = assess(prog, R"({"stars": 5, "online": true, "traced": 2, "products": 3})");
  CHECK(r.find("TC13.1")->result == status::met);  // 55 ≥ 35
  CHECK(r.find("TC13.2")->result == status::not_met);
  CHECK(r.find("TC13.2")->message == "2/3 sản phẩm có truy xuất");
  CHECK(r.explain("TC13.2") == "Chưa đạt: 2/3 sản phẩm có truy xuất");
  CHECK(r.find("TC13.3")->result == status::error);
  CHECK(r.find("TC13.3")->message == "function fragile(): more than 4 stars?");
  CHECK(r.find("TC13.4")->result == status::error);
  CHECK(r.find("TC13.4")->message == "evaluator thrower: threw: database offline");
  CHECK(r.find("TC13.5")->result == status::error);
  CHECK(r.find("TC13.5")->message.find("not listed in the indicator's \"reads\"") != std::string::npos);
  // The rest of the assessment completes: a known "not met" decides the criterion.
  CHECK(r.find("TC13")->result == status::not_met);
  CHECK(r.find("TC13")->errored == 3);
  auto missing = assess(prog, R"({"online": true})");
  CHECK(missing.find("TC13.1")->result == status::unknown);  // strict argument unknown: not called
  CHECK(missing.find("TC13.2")->result == status::unknown);
  CHECK(missing.find("TC13.2")->missing_facts == std::vector<std::string>{"traced", "products"});  // declaration order
}

TEST_CASE("custom: registry errors and type checks of registered functions", "[rules][custom]") {
  ntm::function_registry reg = registry();
  REQUIRE_ERROR(reg.add("ocop_score", [](std::int64_t) -> bool { return true; }), errc::duplicate_id);
  REQUIRE_ERROR(reg.add("max", [](std::int64_t) -> bool { return true; }), errc::duplicate_id);
  REQUIRE_ERROR(reg.add("9x", [](std::int64_t) -> bool { return true; }), errc::invalid_argument);
  REQUIRE_OK(reg.add("label", [](std::string_view s, std::optional<ntm::money> m) -> std::optional<std::string> {
    if (!m) return std::nullopt;
    return std::string(s) + ": " + ntm::format_money(*m);
  }));
  const ntm::function_signature* sig = reg.find_function("label");
  REQUIRE(sig);
  CHECK(sig->params == std::vector<ntm::value_type>{ntm::value_type::text, ntm::value_type::money});
  CHECK(sig->nullable == std::vector<bool>{false, true});
  CHECK(sig->result == ntm::value_type::text);
  auto bad = ntm::parse_criteria_set(R"json({"id": "x", "title": "x", "facts": [{"id": "online", "type": "bool", "label": "o"}],
    "rules": [{"id": "r", "expression": "ocop_score(online, 3) > 1"}]})json", "bad.json");
  REQUIRE_OK(bad);
  auto prog = ntm::compile(*bad, reg);
  REQUIRE_ERROR(prog, errc::expression_type);
  CHECK(prog.error().message.find("argument 1 of ocop_score() must be integer, not bool") != std::string::npos);
  auto ok = ntm::parse_criteria_set(R"json({"id": "x", "title": "x", "facts": [{"id": "m", "type": "money", "label": "m"}],
    "rules": [{"id": "r", "expression": "label(\"Nguồn\", m)"}]})json", "ok.json");
  auto p2 = ntm::compile(*ok, reg);
  REQUIRE_OK(p2);
  CHECK(assess(*p2, R"({"m": "2 tỷ"})").find("r")->computed->as_text() == "Nguồn: 2 tỷ");
  CHECK(assess(*p2, "{}").find("r")->result == status::unknown);  // nullable argument, the function says unknown
}

namespace {

// A generated set: n facts, criteria over them with mixed operators, rules referencing rules.
std::string generated_set(int facts, int criteria) {
  std::string f = "[";
  for (int k = 0; k < facts; ++k) {
    const char* type = k % 3 == 0 ? "money" : k % 3 == 1 ? "integer" : "bool";
    f += (k ? "," : "") + std::string("{\"id\": \"f") + std::to_string(k) + "\", \"type\": \"" + type + "\", \"label\": \"f\"}";
  }
  f += "]";
  std::string c = "[";
  for (int i = 0; i < criteria; ++i) {
    c += (i ? "," : "") + std::string("{\"id\": \"C") + std::to_string(i) + "\", \"number\": " + std::to_string(i + 1) + ", \"name\": \"c\", \"indicators\": [";
    for (int j = 0; j < 3; ++j) {
      const int a = (i * 3 + j) % facts;
      const int b = (i * 7 + j * 5 + 1) % facts;
      auto term = [](int k) {
        const std::string id = "f" + std::to_string(k);
        return k % 3 == 0 ? id + " >= 50 triệu" : k % 3 == 1 ? id + " > 2" : id;
      };
      const std::string cond = j == 2 && i > 0 ? term(a) + " or C" + std::to_string(i - 1) : term(a) + (j == 1 ? " or " : " and ") + term(b);
      c += (j ? "," : "") + std::string("{\"id\": \"C") + std::to_string(i) + "." + std::to_string(j) + "\", \"name\": \"i\", \"condition\": \"" + cond + "\"}";
    }
    c += "]}";
  }
  c += "]";
  return R"({"id": "gen", "title": "gen", "facts": )" + f + R"(, "criteria": )" + c + "}";
}

void random_fact(ntm::fact_table& facts, std::uint32_t slot, std::mt19937& rng) {
  const ntm::fact_slot s{slot};
  if (rng() % 5 == 0) {
    facts.clear(s);
    return;
  }
  switch (facts.type(s)) {
    case ntm::value_type::money: REQUIRE_OK(facts.set(s, ntm::value::of_money(ntm::money::from_dong((rng() % 100) * 1'000'000)))); break;
    case ntm::value_type::integer: REQUIRE_OK(facts.set(s, ntm::value::of_integer(rng() % 6))); break;
    case ntm::value_type::percent: REQUIRE_OK(facts.set(s, ntm::value::of_percent(ntm::decimal::from_micros((30 + rng() % 71) * 1'000'000)))); break;
    default: REQUIRE_OK(facts.set(s, ntm::value::of_bool(rng() % 2 == 0))); break;
  }
}

}  // namespace

TEST_CASE("incremental: readers of a fact that read each other, and a fact read by many rules", "[rules][incremental]") {
  // x's readers: a, b (reads a too), c (reads b), and for `many` forty more (beyond the
  // one-pass limit of 32 readers, re-evaluated rule by rule).
  for (int extra : {0, 40}) {
    std::string rules = R"({"id": "a", "expression": "x > 2"}, {"id": "b", "expression": "x > 3 and a"},
                           {"id": "c", "expression": "b or x == 1"}, {"id": "d", "expression": "c and y"})";
    for (int k = 0; k < extra; ++k) rules += ", {\"id\": \"m" + std::to_string(k) + "\", \"expression\": \"x >= " + std::to_string(k % 9) + "\"}";
    const ntm::program prog = compile_text(R"({"id": "r", "title": "r", "facts": [{"id": "x", "type": "integer", "label": "x"},
      {"id": "y", "type": "bool", "label": "y"}], "rules": [)" + rules + "]}");
    const ntm::date at = *ntm::parse_date("2023-12-31");
    ntm::fact_table facts = prog.make_facts();
    REQUIRE_OK(facts.set("y", ntm::value::of_bool(true)));
    ntm::evaluation_state inc, full;
    REQUIRE_OK(prog.evaluate(inc, facts, at));
    const ntm::fact_slot x = *prog.find_fact("x");
    for (std::int64_t v : {5, 5, 3, 1, 0, 4, 2, 9, -1, 7}) {
      if (v < 0) facts.clear(x);
      else REQUIRE_OK(facts.set(x, ntm::value::of_integer(v)));
      REQUIRE_OK(prog.reevaluate(inc, facts, {x}));
      REQUIRE_OK(prog.evaluate(full, facts, at));
      for (std::uint32_t r = 0; r < prog.rule_count(); ++r) {
        INFO("extra " << extra << " x " << v << " rule " << prog.rule(ntm::rule_index{r}).id);
        REQUIRE(inc.status_of(ntm::rule_index{r}) == full.status_of(ntm::rule_index{r}));
      }
    }
    CHECK(inc.status_of(*prog.find_rule("d")) == ntm::status::met);  // x = 7: b and c met
  }
}

TEST_CASE("incremental: re-evaluating after fact changes equals a full evaluation", "[rules][incremental]") {
  const ntm::program prog = compile_text(generated_set(24, 19));
  const ntm::date at = *ntm::parse_date("2023-12-31");
  for (std::uint32_t seed : {1u, 7u, 42u, 2023u}) {
    std::mt19937 rng(seed);
    ntm::fact_table facts = prog.make_facts();
    for (std::uint32_t k = 0; k < facts.size(); ++k) random_fact(facts, k, rng);
    ntm::evaluation_state inc, full;
    REQUIRE_OK(prog.evaluate(inc, facts, at));
    for (int step = 0; step < 200; ++step) {
      std::vector<ntm::fact_slot> changed;
      const int n = 1 + static_cast<int>(rng() % 3);
      for (int c = 0; c < n; ++c) {
        const std::uint32_t slot = rng() % facts.size();
        random_fact(facts, slot, rng);
        changed.push_back(ntm::fact_slot{slot});
      }
      REQUIRE_OK(prog.reevaluate(inc, facts, changed));
      REQUIRE_OK(prog.evaluate(full, facts, at));
      for (std::uint32_t r = 0; r < prog.rule_count(); ++r) {
        INFO("seed " << seed << " step " << step << " rule " << prog.rule(ntm::rule_index{r}).id);
        REQUIRE(inc.status_of(ntm::rule_index{r}) == full.status_of(ntm::rule_index{r}));
      }
    }
  }
  // The same on the shipped recognition rules (rules over criteria, counts, key criteria),
  // with values as well as statuses.
  auto set = ntm::load_criteria_set(NTM_SOURCE_DIR "/examples/thach-loi-2023/qd18-2022-recognition.json");
  REQUIRE_OK(set);
  auto shipped = ntm::compile(*set);
  REQUIRE_OK(shipped);
  std::mt19937 rng(99);
  ntm::fact_table facts = shipped->make_facts();
  for (std::uint32_t k = 0; k < facts.size(); ++k) random_fact(facts, k, rng);
  ntm::evaluation_state inc, full;
  REQUIRE_OK(shipped->evaluate(inc, facts, at));
  for (int step = 0; step < 300; ++step) {
    std::vector<ntm::fact_slot> changed;
    for (int c = 0, n = 1 + static_cast<int>(rng() % 2); c < n; ++c) {
      const std::uint32_t slot = rng() % facts.size();
      random_fact(facts, slot, rng);
      changed.push_back(ntm::fact_slot{slot});
    }
    REQUIRE_OK(shipped->reevaluate(inc, facts, changed));
    REQUIRE_OK(shipped->evaluate(full, facts, at));
    for (std::uint32_t r = 0; r < shipped->rule_count(); ++r) {
      INFO("step " << step << " rule " << shipped->rule(ntm::rule_index{r}).id);
      REQUIRE(inc.status_of(ntm::rule_index{r}) == full.status_of(ntm::rule_index{r}));
      REQUIRE(inc.value_of(ntm::rule_index{r}) == full.value_of(ntm::rule_index{r}));
    }
  }
  // Only dependents are recomputed.
  const auto f0 = *prog.find_fact("f0");
  for (ntm::rule_index r : prog.dependents_of(f0)) {
    auto lin = prog.lineage_of(prog.rule(r).id);
    REQUIRE_OK(lin);
    CHECK(std::find(lin->facts.begin(), lin->facts.end(), "f0") != lin->facts.end());
  }
  CHECK(prog.dependents_of(f0).size() < prog.rule_count());
  ntm::evaluation_state fresh;
  REQUIRE_ERROR(prog.reevaluate(fresh, prog.make_facts(), {f0}), errc::invalid_argument);
}

TEST_CASE("batch: a columnar batch gives the same statuses as one unit at a time", "[rules][batch]") {
  const ntm::program prog = compile_text(generated_set(30, 19));
  const ntm::date at = *ntm::parse_date("2023-12-31");
  std::mt19937 rng(5);
  const std::size_t rows = 1000;
  ntm::fact_columns cols = prog.make_columns(rows);
  std::vector<ntm::fact_table> units;
  for (std::size_t row = 0; row < rows; ++row) {
    ntm::fact_table facts = prog.make_facts();
    for (std::uint32_t k = 0; k < facts.size(); ++k) random_fact(facts, k, rng);
    REQUIRE_OK(cols.set_row(row, facts));
    units.push_back(std::move(facts));
  }
  for (const auto& [block, threads] : {std::pair<std::size_t, unsigned>{1, 1}, {7, 3}, {256, 2}, {4096, 1}, {64, 0}}) {
    ntm::batch_options opt;
    opt.at = at;
    opt.block = block;
    opt.threads = threads;
    ntm::batch_result out;
    REQUIRE_OK(prog.evaluate_batch(cols, opt, out));
    ntm::evaluation_state st;
    for (std::size_t row = 0; row < rows; row += 37) {
      REQUIRE_OK(prog.evaluate(st, units[row], at));
      for (std::uint32_t r = 0; r < prog.rule_count(); ++r) REQUIRE(out.at(row, ntm::rule_index{r}) == st.status_of(ntm::rule_index{r}));
    }
  }
  ntm::batch_options bad;
  ntm::batch_result out;
  REQUIRE_ERROR(prog.evaluate_batch(cols, bad, out), errc::invalid_argument);
  bad.at = at;
  bad.region = "nowhere";
  REQUIRE_ERROR(prog.evaluate_batch(cols, bad, out), errc::unknown_region);
}

TEST_CASE("sets: a set builds on another; derived and regional parameters; lineage", "[rules][extends]") {
  const std::string base = R"json({
    "id": "advanced", "title": "Nâng cao", "regions": ["dbsh", "tn"],
    "facts": [{"id": "income", "type": "money", "label": "Thu nhập"}, {"id": "bhyt", "type": "percent", "label": "BHYT"}],
    "parameters": [
      {"id": "income_min", "type": "money", "label": "ngưỡng", "values": [
        {"from": "2022-01-01", "to": "2022-12-31", "value": "64 triệu", "reference": "QĐ 2581 (2022)"},
        {"from": "2023-01-01", "value": "68 triệu", "reference": "QĐ 2581 (2023)"}]},
      {"id": "bhyt_min", "type": "percent", "label": "BHYT tối thiểu", "values": [
        {"value": "95%", "reference": "QĐ 318"}, {"region": "tn", "value": "90%", "reference": "QĐ 318 (Tây Nguyên)"}]}
    ],
    "criteria": [
      {"id": "TC10", "number": 10, "name": "Thu nhập", "indicators": [{"id": "TC10.1", "name": "Thu nhập", "condition": "income >= income_min"}]},
      {"id": "TC14", "number": 14, "name": "Y tế", "indicators": [{"id": "TC14.1", "name": "BHYT", "condition": "bhyt >= bhyt_min"}]}
    ],
    "standard": {"id": "advanced", "name": "Xã NTM nâng cao"}
  })json";
  const std::string model = R"json({
    "id": "model", "title": "Kiểu mẫu", "extends": ["base.json"],
    "facts": [{"id": "smart_village", "type": "bool", "label": "Thôn thông minh"}],
    "parameters": [{"id": "model_income_min", "type": "money", "label": "110% ngưỡng", "formula": "income_min * 110%",
                    "reference": "QĐ 319/QĐ-TTg"}],
    "rules": [{"id": "income_110", "name": "Thu nhập ≥ 110%", "expression": "income >= model_income_min"}],
    "standard": {"id": "model", "name": "Xã NTM kiểu mẫu", "condition": "advanced and income_110 and smart_village"}
  })json";
  ntm::load_options opt;
  opt.resolver = [&](const std::string& name) -> ntm::result<std::string> {
    if (name == "base.json") return base;
    if (name == "model.json") return model;
    return ntm::fail(errc::io_error, "no file " + name);
  };
  auto set = ntm::load_criteria_set("model.json", opt);
  REQUIRE_OK(set);
  REQUIRE(set->bases.size() == 1);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  CHECK(prog->rule(prog->standard()).id == "model");
  CHECK(prog->parameter("model_income_min", *ntm::parse_date("2023-06-01"))->as_money().dong() == 74'800'000);
  CHECK(prog->parameter("model_income_min", *ntm::parse_date("2022-06-01"))->as_money().dong() == 70'400'000);
  CHECK(prog->parameter("bhyt_min", *ntm::parse_date("2022-06-01"), "tn")->as_percent().to_string() == "90");
  CHECK(prog->parameter("bhyt_min", *ntm::parse_date("2022-06-01"), "dbsh")->as_percent().to_string() == "95");
  REQUIRE_ERROR(prog->parameter("bhyt_min", *ntm::parse_date("2022-06-01"), "mars"), errc::unknown_region);
  REQUIRE_ERROR(prog->parameter("income_min", *ntm::parse_date("2021-06-01")), errc::parameter_undefined);
  REQUIRE_ERROR(prog->parameter("nope", *ntm::parse_date("2021-06-01")), errc::unknown_parameter);

  auto r = assess(*prog, R"({"income": "72 triệu", "bhyt": "92%", "smart_village": true})", "2023-12-31", "tn");
  CHECK(r.find("advanced")->result == status::met);
  CHECK(r.find("income_110")->result == status::not_met);
  CHECK(r.find("model")->result == status::not_met);
  CHECK(r.find("income_110")->checks[0].reference == "QĐ 319/QĐ-TTg");
  auto r2 = assess(*prog, R"({"income": "72 triệu", "bhyt": "92%", "smart_village": true})", "2023-12-31", "dbsh");
  CHECK(r2.find("TC14.1")->result == status::not_met);

  auto lin = prog->lineage_of("model");
  REQUIRE_OK(lin);
  CHECK(lin->facts == std::vector<std::string>{"income", "bhyt", "smart_village"});
  CHECK(lin->parameters == std::vector<std::string>{"income_min", "bhyt_min", "model_income_min"});
  CHECK(std::find(lin->rules.begin(), lin->rules.end(), "TC14.1") != lin->rules.end());
  REQUIRE_ERROR(prog->lineage_of("TC99"), errc::unknown_rule);

  // A set that extends itself, through another.
  const std::string a = R"({"id": "a", "title": "a", "extends": ["b.json"]})";
  const std::string b = R"({"id": "b", "title": "b", "extends": ["a.json"]})";
  ntm::load_options cyc;
  cyc.resolver = [&](const std::string& name) -> ntm::result<std::string> { return name == "a.json" ? a : b; };
  REQUIRE_ERROR(ntm::load_criteria_set("a.json", cyc), errc::extends_cycle);
}

TEST_CASE("sets: save and reload give an equal set; results are deterministic and stamped", "[rules][io]") {
  const ntm::program prog = compile_text(custom_set, registry());
  const std::string saved = ntm::to_json(prog.definition());
  auto again = ntm::parse_criteria_set(saved, "saved.json");
  REQUIRE_OK(again);
  CHECK(ntm::to_json(*again) == saved);
  auto prog2 = ntm::compile(*again, registry());
  REQUIRE_OK(prog2);
  CHECK(prog2->fingerprint() == prog.fingerprint());
  CHECK(prog.fingerprint().size() == 64);

  auto facts = ntm::parse_facts(prog, R"({"facts": {"stars": {"value": 4, "source": "Sở NN&PTNT", "collected": "2023-06-30"}, "online": true}})");
  REQUIRE_OK(facts);
  CHECK(facts->provenance_of(*facts->slot("stars")).source == "Sở NN&PTNT");
  {
    // A value set again: with a provenance it is kept, without one any is cleared; a
    // rejected value changes neither the value nor the provenance.
    ntm::fact_table t = *facts;
    const ntm::fact_slot stars = *t.slot("stars");
    ntm::provenance p;
    p.source = "Phiếu khảo sát";
    REQUIRE_OK(t.set(stars, ntm::value::of_integer(3), p));
    CHECK(t.provenance_of(stars).source == "Phiếu khảo sát");
    REQUIRE_ERROR(t.set(stars, ntm::value::of_bool(true)), errc::fact_type);
    CHECK(t.provenance_of(stars).source == "Phiếu khảo sát");
    CHECK((*t.get(stars)).as_integer() == 3);
    REQUIRE_OK(t.set(stars, ntm::value::of_integer(5)));
    CHECK(t.provenance_of(stars) == ntm::provenance{});
    CHECK((*t.get(stars)).as_integer() == 5);
  }
  auto facts_again = ntm::parse_facts(*prog2, ntm::to_json(*facts));
  REQUIRE_OK(facts_again);
  CHECK(ntm::to_json(*facts_again) == ntm::to_json(*facts));
  ntm::evaluate_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  opt.stamp = true;
  auto a1 = prog.evaluate(*facts, opt);
  auto a2 = prog2->evaluate(*facts_again, opt);
  REQUIRE_OK(a1);
  REQUIRE_OK(a2);
  CHECK(ntm::to_json(*a1) == ntm::to_json(*a2));
  CHECK(a1->stamp == a2->stamp);
  CHECK(a1->stamp.size() == 64);
  REQUIRE_OK(facts->set("stars", ntm::value::of_integer(3)));
  CHECK(prog.evaluate(*facts, opt)->stamp != a1->stamp);

  auto wrong = ntm::parse_facts(prog, R"({"facts": {"starz": 4, "online": "yes"}})", "f.json");
  REQUIRE_FALSE(wrong);
  REQUIRE(wrong.error().details.size() == 2);
  CHECK(wrong.error().details[0].code == errc::unknown_fact);
  CHECK(wrong.error().details[0].message.find("did you mean \"stars\"?") != std::string::npos);
  CHECK(wrong.error().details[1].code == errc::json_type);
  CHECK(wrong.error().details[1].where.pointer == "/facts/online");
  ntm::fact_table t = prog.make_facts();
  REQUIRE_ERROR(t.set("stars", ntm::value::of_bool(true)), errc::fact_type);
  CHECK_FALSE(t.is_known(*t.slot("stars")));
}

TEST_CASE("test cases: a set's data tests run and report each mismatch", "[rules][tests]") {
  const ntm::program prog = compile_text(custom_set, registry());
  auto suite = ntm::parse_test_suite(R"json({"set": "custom", "cases": [
    {"name": "all good", "date": "2023-12-31", "facts": {"stars": 4, "online": true, "traced": 3, "products": 3},
     "expect": {"TC13.1": "met", "TC13.2": "met", "TC13.3": "met"}},
    {"name": "wrong expectation", "date": "2023-12-31", "facts": {"stars": 1},
     "expect": {"TC13.1": "met", "TC13.2": "unknown"}},
    {"name": "bad facts", "date": "2023-12-31", "facts": {"stars": "many"}, "expect": {"TC13.1": "met"}},
    {"name": "unknown rule", "date": "2023-12-31", "facts": {}, "expect": {"TC99": "met"}}
  ]})json", "custom.tests.json");
  REQUIRE_OK(suite);
  const ntm::test_report report = ntm::run_test_suite(prog, *suite);
  CHECK(report.cases == 4);
  CHECK(report.passed == 1);
  REQUIRE(report.failures.size() == 3);
  CHECK(report.failures[0].test == "wrong expectation");
  CHECK(report.failures[0].rule == "TC13.1");
  CHECK(report.failures[0].expected == "met");
  CHECK(report.failures[0].actual == "unknown");
  CHECK(report.failures[0].where.pointer == "/cases/1/expect/TC13.1");
  CHECK(report.failures[1].message.find("the facts do not load") == 0);
  CHECK(report.failures[2].message.find("is not a rule") != std::string::npos);
}
