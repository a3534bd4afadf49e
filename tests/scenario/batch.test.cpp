// SPDX-License-Identifier: MIT
// Many units: tables in CSV and JSON Lines, roll-ups, parallel equals serial, merges.
#include <ntm/scenario/batch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "io/csv.hpp"
#include "support/result_matchers.hpp"

using ntm::errc;

namespace {

ntm::program small_set() {
  auto set = ntm::parse_criteria_set(R"json({"id": "s", "title": "s", "regions": ["dbsh"],
    "facts": [{"id": "income", "type": "money", "label": "thu nhập"}, {"id": "road", "type": "bool", "label": "đường"},
              {"id": "population", "type": "integer", "label": "dân số"}, {"id": "poverty", "type": "percent", "label": "nghèo"}],
    "parameters": [{"id": "income_min", "type": "money", "values": [{"value": "68 triệu"}]}],
    "criteria": [
      {"id": "TC2", "number": 2, "name": "Giao thông", "indicators": [{"id": "TC2.1", "name": "đường", "condition": "road"}]},
      {"id": "TC10", "number": 10, "name": "Thu nhập", "indicators": [{"id": "TC10.1", "name": "thu nhập", "condition": "income >= income_min"}]},
      {"id": "TC11", "number": 11, "name": "Nghèo", "indicators": [{"id": "TC11.1", "name": "nghèo", "condition": "poverty <= 1.5%"}]}]})json",
                                     "s.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set);
  REQUIRE_OK(prog);
  return *prog;
}

const char* csv = "id,name,district,province,income,road,population,poverty\n"
                  "x1,Xã Một,Cẩm Giàng,Hải Dương,70 triệu,true,8000,\"1,2%\"\n"
                  "x2,Xã Hai,Cẩm Giàng,Hải Dương,60 triệu,có,6000,1%\n"
                  "x3,Xã Ba,Bình Giang,Hải Dương,69 triệu,false,5000,2%\n"
                  "x4,Xã Bốn,Bình Giang,Hải Dương,,true,4000,0,5%\n";

// The table above with x4's poverty cell quoted.
ntm::result<ntm::unit_table> four_units(const ntm::program& prog) {
  std::string fixed = csv;
  fixed.replace(fixed.find("0,5%"), 4, "\"0,5%\"");
  auto units = ntm::parse_units_csv(prog, fixed, "units.csv");
  REQUIRE_OK(units);
  return units;
}

// A JSON Lines table of `count` units u0, u1 … in `districts` districts of two provinces:
// incomes spread over [income_min, income_min + spread), no road in every `no_road`th unit,
// poverty unknown in every `no_poverty`th, and a population when asked.
std::string generated_units(int count, int districts, std::int64_t income_min, std::int64_t spread, int no_road, int no_poverty,
                            bool population) {
  std::string lines;
  for (int k = 0; k < count; ++k)
    lines += "{\"id\": \"u" + std::to_string(k) + "\", \"district\": \"D" + std::to_string(k % districts) + "\", \"province\": \"P" +
             std::to_string(k % 2) + "\", \"facts\": {\"income\": " + std::to_string(income_min + (k * 7919) % spread) +
             ", \"road\": " + (k % no_road ? "true" : "false") + (population ? ", \"population\": " + std::to_string(1000 + k) : std::string()) +
             (k % no_poverty ? ", \"poverty\": \"" + std::to_string(k % 3) + "%\"" : std::string()) + "}}\n";
  return lines;
}

}  // namespace

TEST_CASE("batch: units from CSV, assessed and rolled up by district and province", "[scenario][units]") {
  const ntm::program prog = small_set();
  // x4's poverty cell has a comma: the row has one field too many.
  auto bad = ntm::parse_units_csv(prog, csv, "units.csv");
  REQUIRE_ERROR(bad, errc::csv_syntax);
  CHECK(bad.error().where.line == 5);
  std::string fixed = csv;
  fixed.replace(fixed.find("0,5%"), 4, "\"0,5%\"");
  auto units = ntm::parse_units_csv(prog, fixed, "units.csv");
  REQUIRE_OK(units);
  REQUIRE(units->size() == 4);
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  opt.costs = {{"TC2.1", *ntm::parse_money("5 tỷ")}, {"TC10.1", *ntm::parse_money("1 tỷ")}};
  auto r = ntm::assess_units(prog, *units, opt);
  REQUIRE_OK(r);
  CHECK(r->units[0].goal == ntm::status::met);
  CHECK(r->units[1].criteria_not_met == std::vector<std::string>{"TC10"});
  CHECK(r->units[2].criteria_not_met == std::vector<std::string>{"TC2", "TC11"});
  CHECK(r->units[2].money_needed.dong() == 5'000'000'000);
  CHECK(r->units[3].goal == ntm::status::unknown);  // income unknown: not "not met"
  CHECK(r->all.units == 4);
  CHECK(r->all.goal_met == 1);
  CHECK(r->all.criteria_met == std::vector<std::pair<std::string, std::size_t>>{{"TC2", 3}, {"TC10", 2}, {"TC11", 3}});
  CHECK(r->all.closest == std::vector<std::string>{"x2", "x4", "x3"});
  CHECK(r->all.money_needed.dong() == 7'000'000'000);  // x2: 1 tỷ, x3: 5 tỷ, x4: 1 tỷ (income unknown)
  REQUIRE(r->districts.size() == 2);
  CHECK(r->districts[0].area == "Bình Giang");
  CHECK(r->districts[0].units == 2);
  CHECK(r->provinces[0].area == "Hải Dương");
  CHECK(ntm::to_csv(*r).find("x3,,Xã Ba,Bình Giang,Hải Dương,not_met,1,3,TC2 TC11,TC2.1 TC11.1,5000000000") != std::string::npos);
  CHECK(ntm::to_json(*r).find("\"format\": \"ntm.batch/1\"") != std::string::npos);
  // Bad cells: each with its row and column.
  auto cells = ntm::parse_units_csv(prog, "id,income,road\ny1,1.000,maybe\n", "bad.csv");
  REQUIRE_FALSE(cells);
  REQUIRE(cells.error().details.size() == 2);
  CHECK(cells.error().details[0].code == errc::money_ambiguous);
  CHECK(cells.error().details[0].message.find("row 2, column \"income\"") == 0);
  CHECK(cells.error().details[1].code == errc::fact_type);
  REQUIRE_ERROR(ntm::parse_units_csv(prog, "name,income\nx,1 tỷ\n", "noid.csv"), errc::csv_syntax);
  REQUIRE_ERROR(ntm::parse_units_csv(prog, "id,incme\nx,1 tỷ\n", "typo.csv"), errc::unknown_fact);
}

TEST_CASE("batch: JSON Lines, scenarios on units, and parallel equals serial", "[scenario][units]") {
  const ntm::program prog = small_set();
  const std::string lines = generated_units(3000, 7, 50'000'000, 30'000'000, 3, 11, false);
  auto units = ntm::parse_units_jsonl(prog, lines, "units.jsonl");
  REQUIRE_OK(units);
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  opt.threads = 1;
  const std::string serial = ntm::to_json(*ntm::assess_units(prog, *units, opt));
  for (unsigned threads : {2u, 3u, 0u}) {
    opt.threads = threads;
    CHECK(ntm::to_json(*ntm::assess_units(prog, *units, opt)) == serial);
  }
  // Roll-ups only (for many scenarios): the same roll-ups, no rows.
  const std::string rollups = ntm::to_json(*ntm::assess_units(prog, *units, opt), false);
  opt.unit_outcomes = false;
  for (unsigned threads : {1u, 2u, 3u}) {
    opt.threads = threads;
    auto lean = ntm::assess_units(prog, *units, opt);
    REQUIRE_OK(lean);
    CHECK(lean->units.empty());
    CHECK(ntm::to_json(*lean, false) == rollups);
  }
  opt.unit_outcomes = true;
  // A new threshold through a scenario on the units' facts: income grows 5%.
  auto s = ntm::parse_scenario(R"({"id": "grow", "facts": [{"fact": "income", "op": "growth", "rate": "5%"}]})");
  REQUIRE_OK(s);
  ntm::unit_table grown = *units;
  REQUIRE_OK(ntm::apply_facts(prog, grown, *s));
  auto before = ntm::assess_units(prog, *units, opt);
  auto after = ntm::assess_units(prog, grown, opt);
  CHECK(after->all.criteria_met[1].second > before->all.criteria_met[1].second);
  auto tasks = ntm::parse_scenario(R"({"id": "t", "tasks": [{"task": "x", "delay_days": 3}]})");
  REQUIRE_ERROR(ntm::apply_facts(prog, grown, *tasks), errc::invalid_argument);
  auto bad = ntm::parse_units_jsonl(prog, "{\"id\": \"a\", \"facts\": {\"income\": \"1.000\"}}\n{\"id\": \"b\",\n", "u.jsonl");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().details.size() == 2);
  CHECK(bad.error().details[0].where.file == "u.jsonl");
  CHECK(bad.error().details[0].where.line == 1);
  CHECK(bad.error().details[1].where.file == "u.jsonl");
  CHECK(bad.error().details[1].where.line == 2);
  CHECK(ntm::format(bad.error().details[1]).rfind("u.jsonl:2:", 0) == 0);
}

TEST_CASE("batch: many scenarios at once, each report as the scenario alone, whatever the threads", "[scenario][units]") {
  const ntm::program prog = small_set();
  const std::string lines = generated_units(2500, 5, 55'000'000, 20'000'000, 4, 9, true);
  auto units = ntm::parse_units_jsonl(prog, lines, "units.jsonl");
  REQUIRE_OK(units);
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  opt.costs = {{"TC2.1", ntm::money::from_dong(2'000'000'000)}, {"TC10.1", ntm::money::from_dong(150'000'000)}};
  // Fact changes only (the columns are changed in place and restored), a new threshold (the
  // set recompiled), a merge (another table), and a scenario with a base.
  std::vector<ntm::scenario> scenarios;
  for (const char* text : {
           R"({"id": "grow", "facts": [{"fact": "income", "op": "growth", "rate": "4%", "years": 2}]})",
           R"({"id": "roads", "facts": [{"fact": "road", "op": "set", "value": true}, {"fact": "poverty", "op": "scale", "rate": "50%"}]})",
           R"({"id": "t72", "parameters": [{"parameter": "income_min", "values": [{"value": "72 triệu"}]}]})",
           R"({"id": "merge", "merges": [{"id": "m12", "units": ["u1", "u2"], "facts": {"income": "mean", "road": "all", "population": "sum", "poverty": "max"}}]})",
           R"({"id": "nothing"})",
           R"({"id": "grow-more", "facts": [{"fact": "income", "op": "scale", "rate": "110%"}]})"}) {
    auto sc = ntm::parse_scenario(text);
    REQUIRE_OK(sc);
    scenarios.push_back(*sc);
  }
  scenarios.back().base = std::make_shared<ntm::scenario>(scenarios[0]);
  std::vector<std::string> alone;
  for (const ntm::scenario& sc : scenarios) {
    auto r = ntm::assess_units(prog, *units, sc, opt);
    REQUIRE_OK(r);
    alone.push_back(ntm::to_json(*r));
  }
  CHECK(alone[0] != alone[4]);  // the scenarios do change something
  for (unsigned threads : {1u, 2u, 3u, 0u}) {
    INFO("threads " << threads);
    opt.threads = threads;
    std::vector<std::size_t> order, progress;
    auto all = ntm::assess_scenarios(prog, *units, scenarios, opt, {}, [&](std::size_t done, std::size_t total) {
      CHECK(total == scenarios.size());
      progress.push_back(done);
    });
    REQUIRE_OK(all);
    REQUIRE(all->size() == scenarios.size());
    for (std::size_t k = 0; k < scenarios.size(); ++k) CHECK(ntm::to_json((*all)[k]) == alone[k]);
    CHECK(progress == std::vector<std::size_t>{1, 2, 3, 4, 5, 6});
    // The sink: in scenario order, one report at a time.
    REQUIRE_OK(ntm::assess_scenarios(prog, *units, scenarios, opt, [&](std::size_t k, ntm::batch_report&& r) -> ntm::result<void> {
      order.push_back(k);
      CHECK(r.scenario == scenarios[k].id);
      return {};
    }));
    CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
  }
  // Roll-ups only: the same roll-ups.
  opt.unit_outcomes = false;
  opt.threads = 2;
  auto lean = ntm::assess_scenarios(prog, *units, scenarios, opt);
  REQUIRE_OK(lean);
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    CHECK((*lean)[k].units.empty());
    CHECK(ntm::to_json((*lean)[k], false) == ntm::to_json(*ntm::assess_units(prog, *units, scenarios[k], opt), false));
  }
  opt.unit_outcomes = true;
  // A failing scenario: the first in list order is reported, with its id; nothing after it
  // reaches the sink.
  auto unknown = ntm::parse_scenario(R"({"id": "typo", "facts": [{"fact": "incme", "op": "scale", "rate": "110%"}]})");
  auto huge = ntm::parse_scenario(R"({"id": "huge", "facts": [{"fact": "income", "op": "scale", "rate": "100000000000000%"}]})");
  REQUIRE_OK(unknown);
  REQUIRE_OK(huge);
  std::vector<ntm::scenario> failing{scenarios[0], *huge, scenarios[1], *unknown};
  for (unsigned threads : {1u, 2u}) {
    opt.threads = threads;
    std::vector<std::size_t> sunk;
    auto r = ntm::assess_scenarios(prog, *units, failing, opt, [&](std::size_t k, ntm::batch_report&&) -> ntm::result<void> {
      sunk.push_back(k);
      return {};
    });
    REQUIRE_ERROR(r, errc::overflow);
    CHECK(ntm::format(r.error()).find("scenario huge") != std::string::npos);
    CHECK(sunk == std::vector<std::size_t>{0});
  }
  // The sink's error stops the run; a sink is needed.
  std::vector<std::size_t> sunk;
  auto stopped = ntm::assess_scenarios(prog, *units, scenarios, opt, [&](std::size_t k, ntm::batch_report&&) -> ntm::result<void> {
    sunk.push_back(k);
    if (k == 2) return ntm::fail(errc::io_error, "disk full");
    return {};
  });
  REQUIRE_ERROR(stopped, errc::io_error);
  CHECK(sunk == std::vector<std::size_t>{0, 1, 2});
  REQUIRE_ERROR(ntm::assess_scenarios(prog, *units, scenarios, opt, ntm::scenario_report_sink{}), errc::invalid_argument);
  auto none = ntm::assess_scenarios(prog, *units, std::vector<ntm::scenario>{}, opt);
  REQUIRE_OK(none);
  CHECK(none->empty());
  // The table is as it was.
  CHECK(ntm::to_json(*ntm::assess_units(prog, *units, scenarios[4], opt)) == alone[4]);
}

TEST_CASE("batch: a scenario with a new threshold recompiles the set for every unit", "[scenario][units]") {
  const ntm::program prog = small_set();
  const auto units = four_units(prog);
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  auto base = ntm::assess_units(prog, *units, opt);
  REQUIRE_OK(base);
  // 70 triệu instead of 68: x1 (exactly 70) keeps TC10, x3 (69) loses it; text facts survive.
  auto s = ntm::parse_scenario(R"({"id": "t70", "parameters": [{"parameter": "income_min", "values": [{"value": "70 triệu"}]}],
                                   "facts": [{"fact": "road", "op": "set", "value": true}]})");
  REQUIRE_OK(s);
  // Units take only facts: apply_facts refuses parameters, assess_units with the scenario applies them.
  ntm::unit_table copy = *units;
  REQUIRE_ERROR(ntm::apply_facts(prog, copy, *s), errc::invalid_argument);
  auto r = ntm::assess_units(prog, *units, *s, opt);
  REQUIRE_OK(r);
  CHECK(r->scenario == "t70");
  CHECK(base->all.criteria_met == std::vector<std::pair<std::string, std::size_t>>{{"TC2", 3}, {"TC10", 2}, {"TC11", 3}});
  CHECK(r->all.criteria_met == std::vector<std::pair<std::string, std::size_t>>{{"TC2", 4}, {"TC10", 1}, {"TC11", 3}});
  CHECK(r->units[2].criteria_not_met == std::vector<std::string>{"TC10", "TC11"});
  // The units and the program are unchanged.
  CHECK(ntm::to_json(*ntm::assess_units(prog, *units, opt)) == ntm::to_json(*base));
  // JSON Lines: one line per unit, with the scenario.
  const std::string jl = ntm::to_jsonl(*r);
  CHECK(std::count(jl.begin(), jl.end(), '\n') == 4);
  CHECK(jl.rfind(R"({"id":"x1","scenario":"t70","name":"Xã Một")", 0) == 0);
  // An unknown parameter is located; a scenario changing tasks is refused.
  auto unknown = ntm::parse_scenario(R"({"id": "u", "parameters": [{"parameter": "income_mn", "values": [{"value": "70 triệu"}]}]})", "u.json");
  REQUIRE_OK(unknown);
  REQUIRE_ERROR(ntm::assess_units(prog, *units, *unknown, opt), errc::unknown_parameter);
  auto tasks = ntm::parse_scenario(R"({"id": "t", "tasks": [{"task": "x", "delay_days": 3}]})");
  REQUIRE_ERROR(ntm::assess_units(prog, *units, *tasks, opt), errc::invalid_argument);
}

TEST_CASE("batch: merging units with declared aggregations", "[scenario][units][merge]") {
  const ntm::program prog = small_set();
  auto units = ntm::parse_units_csv(prog,
                                    "id,income,road,population,poverty\n"
                                    "a,80 triệu,true,3000,1%\n"
                                    "b,60 triệu,true,1000,3%\n",
                                    "m.csv");
  REQUIRE_OK(units);
  auto spec = ntm::parse_merge_spec(R"({"id": "ab", "units": ["a", "b"], "weight": "population",
    "facts": {"income": "weighted_mean", "road": "all", "population": "sum", "poverty": "weighted_mean"}})");
  REQUIRE_OK(spec);
  auto m = ntm::merge_units(prog, *units, *spec, *ntm::parse_date("2023-12-31"));
  REQUIRE_OK(m);
  CHECK((*m->facts.get("income"))->as_money().dong() == 75'000'000);  // (80×3000 + 60×1000) / 4000
  CHECK((*m->facts.get("population"))->as_integer() == 4000);
  CHECK((*m->facts.get("poverty"))->as_percent().to_string() == "1.5");
  CHECK(m->kept == std::vector<std::string>{"TC2"});  // both parts met it, the merged unit too
  CHECK(m->gained == std::vector<std::string>{"TC10", "TC11"});  // b's low income and 3% poverty are diluted
  spec->facts["income"] = ntm::aggregation::min;
  auto lower = ntm::merge_units(prog, *units, *spec, *ntm::parse_date("2023-12-31"));
  REQUIRE_OK(lower);
  CHECK(lower->lost == std::vector<std::string>{"TC10"});  // a met it; the merged unit does not
  spec->facts.erase("road");
  REQUIRE_ERROR(ntm::merge_units(prog, *units, *spec, *ntm::parse_date("2023-12-31")), errc::invalid_argument);
  spec->facts["road"] = ntm::aggregation::sum;
  REQUIRE_ERROR(ntm::merge_units(prog, *units, *spec, *ntm::parse_date("2023-12-31")), errc::fact_type);
  spec->facts["road"] = ntm::aggregation::any;
  spec->units = {"a", "c"};
  REQUIRE_ERROR(ntm::merge_units(prog, *units, *spec, *ntm::parse_date("2023-12-31")), errc::unknown_reference);
  REQUIRE_ERROR(ntm::parse_merge_spec(R"({"id": "x", "units": ["a", "b"], "facts": {"income": "median"}})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_merge_spec(R"({"id": "x", "units": ["a", "a"], "otherwise": "max"})"), errc::duplicate_id);
  REQUIRE_ERROR(ntm::parse_merge_spec(R"({"id": "x", "units": ["a"], "otherwise": "max"})"), errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_merge_spec(R"({"format": "ntm.merge/2", "id": "x", "units": ["a", "b"]})"), errc::format_version);
}

TEST_CASE("batch: a merge as JSON", "[scenario][units][merge]") {
  const ntm::program prog = small_set();
  auto units = ntm::parse_units_csv(prog, "id,income,road,population,poverty\na,80 triệu,true,3000,1%\nb,60 triệu,false,1000,1%\n", "m.csv");
  REQUIRE_OK(units);
  auto spec = ntm::parse_merge_spec(R"({"format": "ntm.merge/1", "id": "ab", "units": ["a", "b"], "weight": "population",
    "facts": {"income": "min", "road": "all", "population": "sum"}, "otherwise": "weighted_mean"})");
  REQUIRE_OK(spec);
  auto m = ntm::merge_units(prog, *units, *spec, *ntm::parse_date("2023-12-31"));
  REQUIRE_OK(m);
  const auto j = nlohmann::json::parse(ntm::to_json(*m));
  CHECK(j["format"] == "ntm.merge-result/1");
  CHECK(j["units"] == nlohmann::json::array({"a", "b"}));
  CHECK(j["kept"] == nlohmann::json::array({"TC11"}));
  CHECK(j["lost"] == nlohmann::json::array({"TC2", "TC10"}));  // a met them; the merged unit has b's road and income
  CHECK(j["gained"] == nlohmann::json::array());
  CHECK(j["criteria"][0] == nlohmann::json::parse(R"({"id": "TC2", "merged": "not_met", "parts": {"a": "met", "b": "not_met"}})"));
  CHECK(j["standard"]["merged"] == "not_met");
  CHECK(j["facts"]["population"]["value"] == 4000);
}

TEST_CASE("batch: a scenario merges units of a table, after its fact changes", "[scenario][units][merge]") {
  const ntm::program prog = small_set();
  const auto units = four_units(prog);
  ntm::rollup_options opt;
  opt.at = *ntm::parse_date("2023-12-31");
  // x1 and x2 (Cẩm Giàng) merge; income grows 5% first, so x2's 60 → 63 triệu enters the mean.
  auto s = ntm::parse_scenario(R"({"id": "merge-12",
    "facts": [{"fact": "income", "op": "growth", "rate": "5%"}],
    "merges": [{"id": "x12", "name": "Xã Một Hai", "units": ["x1", "x2"], "weight": "population",
                "facts": {"income": "weighted_mean", "road": "all", "population": "sum", "poverty": "max"}}]})",
                               "merge-12.json");
  REQUIRE_OK(s);
  REQUIRE(s->merges.size() == 1);
  CHECK(s->merges[0].pointer == "/merges/0");
  auto r = ntm::assess_units(prog, *units, *s, opt);
  REQUIRE_OK(r);
  // Three units: the merged one in x1's place, then x3, x4.
  REQUIRE(r->units.size() == 3);
  CHECK(r->units[0].id == "x12");
  CHECK(r->units[0].name == "Xã Một Hai");
  CHECK(r->units[0].district == "Cẩm Giàng");
  CHECK(r->units[0].merged_from == std::vector<std::string>{"x1", "x2"});
  CHECK(r->units[1].id == "x3");
  CHECK(r->units[1].merged_from.empty());
  CHECK(r->all.units == 3);
  REQUIRE(r->districts.size() == 2);
  CHECK(r->districts[1].area == "Cẩm Giàng");
  CHECK(r->districts[1].units == 1);
  // Income (73,5 × 8000 + 63 × 6000) / 14000 = 69 triệu ≥ 68; poverty max 1,2% ≤ 1,5%.
  REQUIRE(r->merges.size() == 1);
  const ntm::merge_result& m = r->merges[0];
  CHECK((*m.facts.get("income"))->as_money().dong() == 69'000'000);
  CHECK(m.kept == std::vector<std::string>{"TC2", "TC11"});
  CHECK(m.gained == std::vector<std::string>{"TC10"});  // x2 (63 triệu) did not meet it
  CHECK(m.lost.empty());
  CHECK(r->units[0].goal == ntm::status::met);
  const auto j = nlohmann::json::parse(ntm::to_json(*r));
  CHECK(j["merges"][0]["id"] == "x12");
  CHECK(j["merges"][0]["units"] == nlohmann::json::array({"x1", "x2"}));
  CHECK(j["units"][0]["merged_from"] == nlohmann::json::array({"x1", "x2"}));
  CHECK_FALSE(j["units"][1].contains("merged_from"));
  CHECK(ntm::to_jsonl(*r).rfind(R"({"id":"x12","scenario":"merge-12","name":"Xã Một Hai")", 0) == 0);
  // Parallel equals serial, and the table is unchanged.
  opt.threads = 1;
  const std::string serial = ntm::to_json(*ntm::assess_units(prog, *units, *s, opt));
  opt.threads = 3;
  CHECK(ntm::to_json(*ntm::assess_units(prog, *units, *s, opt)) == serial);
  CHECK(units->size() == 4);

  // A scenario building on a merge can merge the merged unit again (x12 + x3, in x1's place);
  // a unit in two merges is an error.
  auto again = ntm::parse_scenario(R"({"id": "again", "merges": [{"id": "x123", "units": ["x12", "x3"], "weight": "population",
    "facts": {"income": "weighted_mean", "road": "all", "population": "sum", "poverty": "max"}}]})");
  REQUIRE_OK(again);
  again->base = std::make_shared<const ntm::scenario>(*s);
  auto chained = ntm::assess_units(prog, *units, *again, opt);
  REQUIRE_OK(chained);
  REQUIRE(chained->units.size() == 2);
  CHECK(chained->units[0].id == "x123");
  CHECK(chained->units[0].merged_from == std::vector<std::string>{"x12", "x3"});
  CHECK(chained->units[1].id == "x4");
  REQUIRE(chained->merges.size() == 2);
  CHECK(chained->merges[1].parts[0].first == "x12");
  auto twice = ntm::parse_scenario(R"({"id": "bad", "merges": [
    {"id": "m1", "units": ["x1", "x2"], "facts": {"road": "all"}, "otherwise": "max"},
    {"id": "m2", "units": ["x2", "x3"], "facts": {"road": "all"}, "otherwise": "max"}]})");
  REQUIRE_OK(twice);
  auto err = ntm::assess_units(prog, *units, *twice, opt);
  REQUIRE_ERROR(err, errc::duplicate_id);
  CHECK(err.error().message.find("x2") != std::string::npos);
  auto taken = ntm::parse_scenario(R"({"id": "bad", "merges": [{"id": "x3", "units": ["x1", "x2"], "otherwise": "max"}]})");
  REQUIRE_ERROR(ntm::assess_units(prog, *units, *taken, opt), errc::duplicate_id);
  auto missing = ntm::parse_scenario(R"({"id": "bad", "merges": [{"id": "m", "units": ["x1", "x9"], "otherwise": "max"}]})");
  auto unknown = ntm::assess_units(prog, *units, *missing, opt);
  REQUIRE_ERROR(unknown, errc::unknown_reference);
  CHECK(unknown.error().message.find("did you mean") != std::string::npos);
  auto no_rule = ntm::parse_scenario(R"({"id": "bad", "merges": [{"id": "m", "units": ["x1", "x2"], "facts": {"income": "mean"}}]})");
  REQUIRE_ERROR(ntm::assess_units(prog, *units, *no_rule, opt), errc::invalid_argument);
  // Located reading errors; apply_facts and a plan refuse merges.
  auto typo = ntm::parse_scenario("{\"id\": \"bad\",\n \"merges\": [{\"id\": \"m\", \"units\": [\"x1\", \"x2\"], \"otherwise\": \"median\"}]}", "t.json");
  REQUIRE_ERROR(typo, errc::invalid_value);
  const ntm::error& first = typo.error().details.empty() ? typo.error() : typo.error().details[0];
  CHECK(first.where.pointer == "/merges/0/otherwise");
  CHECK(first.where.line == 2);
  REQUIRE_ERROR(ntm::parse_scenario(R"({"id": "bad", "merges": [{"format": "ntm.merge/1", "id": "m", "units": ["x1", "x2"]}]})"), errc::json_unknown_field);
  ntm::unit_table copy = *units;
  REQUIRE_ERROR(ntm::apply_facts(prog, copy, *s), errc::invalid_argument);
}

TEST_CASE("batch: a cost list, and what is wrong with a bad one", "[scenario][units]") {
  auto costs = ntm::parse_costs(R"({"TC2.1": "17,5 tỷ", "TC8.3": 100000000})", "costs.json");
  REQUIRE_OK(costs);
  CHECK(costs->at("TC2.1") == ntm::money::from_dong(17'500'000'000));
  CHECK(costs->at("TC8.3") == ntm::money::from_dong(100'000'000));
  auto bad = ntm::parse_costs("{\"TC2.1\": \"17,5 tỷ\",\n \"TC8.3\": \"1.000\"}", "costs.json");
  REQUIRE_ERROR(bad, errc::money_ambiguous);
  CHECK(bad.error().where.line == 2);
  CHECK(bad.error().where.pointer == "/TC8.3");
  REQUIRE_ERROR(ntm::parse_costs("[1, 2]", "costs.json"), errc::json_type);
  REQUIRE_ERROR(ntm::load_costs("/no/such/costs.json"), errc::io_error);
}

TEST_CASE("CSV writers: a cell is quoted only when it must be, and reads back as written", "[batch][csv]") {
  using ntm::io_internal::csv_cell;
  CHECK(csv_cell("Xã Thạch Lỗi") == "Xã Thạch Lỗi");
  CHECK(csv_cell("") == "");
  CHECK(csv_cell("Cẩm Giàng, Hải Dương") == "\"Cẩm Giàng, Hải Dương\"");
  CHECK(csv_cell("thôn \"Mới\"") == "\"thôn \"\"Mới\"\"\"");
  CHECK(csv_cell("hai\ndòng") == "\"hai\ndòng\"");
  CHECK(csv_cell("cr\r") == "\"cr\r\"");
  CHECK(ntm::io_internal::csv_row({"a", "", "b,c"}) == "a,,\"b,c\"\n");
  const std::vector<std::string> cells{"Xã Thạch Lỗi", "", "Cẩm Giàng, Hải Dương", "thôn \"Mới\"", "hai\ndòng", "\"", ","};
  std::string record;
  for (const std::string& c : cells) record += (record.empty() ? "" : ",") + csv_cell(c);
  record += "\n";
  ntm::io_internal::csv_scanner scan(record, 0);  // fields are views into `record`
  std::vector<ntm::io_internal::field> fields;
  REQUIRE(scan.next(fields));
  REQUIRE(fields.size() == cells.size());
  for (std::size_t k = 0; k < cells.size(); ++k) CHECK(std::string(fields[k].text) == cells[k]);
}
