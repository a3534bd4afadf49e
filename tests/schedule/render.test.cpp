// SPDX-License-Identifier: MIT
// Renderings: Graphviz DOT (escaping, critical path, accepted by dot) and JSON.
#include <ntm/schedule/render.hpp>
#include <ntm/schedule/roadmap.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "schedule/schedule_fixtures.hpp"

using namespace ntm_test;

namespace {

bool have_dot() { return std::system("command -v dot > /dev/null 2>&1") == 0; }

// Runs `dot -Tsvg` on `text`; true when it accepts it.
bool dot_accepts(const std::string& text, const std::string& name) {
  const std::string base = scratch_path(name);
  {
    std::ofstream out(base + ".dot", std::ios::binary);
    out << text;
  }
  const int rc = std::system(("dot -Tsvg '" + base + ".dot' -o '" + base + ".svg' 2> '" + base + ".err'").c_str());
  std::ifstream svg(base + ".svg");
  const bool has_svg = svg.good() && svg.peek() != std::ifstream::traits_type::eof();
  std::remove((base + ".dot").c_str());
  std::remove((base + ".svg").c_str());
  std::remove((base + ".err").c_str());
  return rc == 0 && has_svg;
}

}  // namespace

TEST_CASE("render: DOT quotes and escapes ids and Vietnamese labels", "[schedule][render]") {
  ntm::task a = make_task("say \"hi\"", 2);
  a.name.vi = "Lắp đặt \"wifi\" miễn phí \\ các điểm";
  ntm::task b = make_task("b", 0, {ss("say \"hi\"", 2)});
  b.name.vi = "Hoàn thành tiêu chí số 8";
  auto net = ntm::task_network::build({a, b});
  REQUIRE_OK(net);
  const auto cal = weekdays(d(2023, 1, 1), d(2023, 12, 31));
  auto s = net->schedule(cal, {d(2023, 1, 2), {}, 16});
  REQUIRE_OK(s);
  const std::string dot = ntm::to_dot(*net, *s);
  CHECK(dot.rfind("digraph \"roadmap\" {", 0) == 0);
  CHECK(dot.find("\"say \\\"hi\\\"\" [label=\"Lắp đặt \\\"wifi\\\" miễn phí \\\\ các điểm\\nsay \\\"hi\\\"") != std::string::npos);
  CHECK(dot.find("\"say \\\"hi\\\"\" -> \"b\" [label=\"SS+2\"") != std::string::npos);
  CHECK(dot.find("peripheries=2") != std::string::npos);  // the milestone
  CHECK(dot.find("color=\"#c0392b\"") != std::string::npos);
  const std::string en = ntm::to_dot(*net, *s, ntm::lang::en);
  CHECK(en.find("float 0") != std::string::npos);
  if (!have_dot()) {
    WARN("dot (Graphviz) is not installed: the DOT text was not rendered");
    return;
  }
  CHECK(dot_accepts(dot, "escape"));
}

TEST_CASE("render: the Thạch Lỗi DAG in DOT is accepted by Graphviz", "[schedule][render][thach_loi]") {
  auto r = ntm::load_roadmap(source_dir() + "/examples/thach-loi-2023/roadmap.json");
  REQUIRE_OK(r);
  auto net = ntm::task_network::build(r->tasks);
  REQUIRE_OK(net);
  auto s = ntm::schedule_roadmap(*r);
  REQUIRE_OK(s);
  const std::string dot = ntm::to_dot(*net, *s);
  CHECK(dot.find("\"axis_road_phase2\" -> \"tc2_met\" [color=\"#c0392b\", penwidth=2]") != std::string::npos);
  CHECK(dot.find("\"land_auction\" -> \"auction_proceeds\" [label=\"FS+20\"]") != std::string::npos);
  CHECK(dot.find("Mở rộng đường trục xã") != std::string::npos);
  CHECK(dot == ntm::to_dot(*net, *s));  // deterministic
  if (!have_dot()) {
    WARN("dot (Graphviz) is not installed: the DOT text was not rendered");
    return;
  }
  CHECK(dot_accepts(dot, "thach-loi"));
}

TEST_CASE("render: the schedule and a progress report as JSON", "[schedule][render]") {
  auto r = ntm::load_roadmap(source_dir() + "/examples/thach-loi-2023/roadmap.json");
  REQUIRE_OK(r);
  auto s = ntm::schedule_roadmap(*r);
  REQUIRE_OK(s);
  const auto j = nlohmann::json::parse(ntm::to_json(*s));
  CHECK(j["project_start"] == "2023-01-03");
  CHECK(j["project_finish"] == "2023-12-15");
  CHECK(j["tasks"].size() == 26);
  CHECK(j["tasks"][0]["id"] == "q1_economy_drive");
  CHECK(j["critical_paths"][0] == nlohmann::json::array({"axis_road_phase2", "tc2_met", "advanced_ntm_standard"}));
  CHECK(j["deadline"]["met"] == true);
  CHECK(j["window_conflicts"].empty());

  // Progress at the end of June 2023: the Q1 work done, the hall two weeks late.
  for (auto& t : r->tasks) {
    if (t.id.rfind("q1_", 0) == 0) {
      t.actual.start = d(2023, 1, 3);
      t.actual.finish = d(2023, 3, 31);
    }
    if (t.id == "multipurpose_hall") {
      t.actual.start = d(2023, 5, 15);
      t.actual.percent_complete = 60;
    }
  }
  auto net = ntm::task_network::build(r->tasks);
  REQUIRE_OK(net);
  auto cal = ntm::calendar::build(ntm::effective_calendar(*r));
  REQUIRE_OK(cal);
  auto rep = ntm::analyze_progress(*net, *cal, {r->project_start, r->deadline, 16}, {d(2023, 6, 30), ntm::review_cadence::quarter});
  REQUIRE_OK(rep);
  // 14 days left of 35 from Monday 3 July: the hall ends on 20 July, so TC5 misses June.
  CHECK(rep->forecast.find("multipurpose_hall")->early_finish == d(2023, 7, 20));
  REQUIRE_FALSE(rep->forecast.window_conflicts.empty());
  CHECK(rep->forecast.window_conflicts[0].task == "multipurpose_hall");
  const auto p = nlohmann::json::parse(ntm::to_json(*rep));
  CHECK(p["status_date"] == "2023-06-30");
  CHECK(p["current_period"] == "Quý II/2023");
  // Nothing of Q2 has started by 30 June in this scenario: the 110-day economy model now
  // runs from 3 July and the income statistics (TC10) after it miss the deadline.
  CHECK(p["forecast"]["deadline"]["met"] == false);
  CHECK(p["forecast"]["deadline"]["working_days_late"] == 12);
  CHECK(p["forecast"]["deadline"]["chain"] == nlohmann::json::array({"economy_model", "income_statistics", "advanced_ntm_standard"}));
  bool found = false;
  for (const auto& review : p["reviews"])
    if (review["body"] == "hoi_dong_giao_duc") {
      found = true;
      CHECK(review["done"] == nlohmann::json::array({"q1_school_dossier"}));
      CHECK(review["in_progress"] == nlohmann::json::array({"multipurpose_hall"}));
      CHECK(review["late"] == nlohmann::json::array({"multipurpose_hall", "school_equipment", "school_level2"}));
    }
  CHECK(found);
}
