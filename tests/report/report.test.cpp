// SPDX-License-Identifier: MIT
// Reports of the Thạch Lỗi analysis: the key figures in every format, alignment, charts,
// Mermaid, determinism, English, escaping of hostile text.
#include <ntm/report/charts.hpp>
#include <ntm/report/report.hpp>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/document.hpp"
#include "support/result_matchers.hpp"

namespace {

using ntm::report_format;
using ntm::report_section;

const std::string plan_file = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/plan.json";

const ntm::plan& shipped() {
  static const ntm::plan p = [] {
    auto loaded = ntm::load_plan(plan_file);
    REQUIRE_OK(loaded);
    return *loaded;
  }();
  return p;
}

const ntm::plan_analysis& analysis() {
  static const ntm::plan_analysis a = [] {
    auto r = ntm::analyze(shipped());
    REQUIRE_OK(r);
    return *r;
  }();
  return a;
}

ntm::report_options english() {
  ntm::report_options o;
  o.language = ntm::lang::en;
  return o;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++n;
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("report: the text summary shows the Thạch Lỗi key figures", "[report][golden]") {
  const std::string s = ntm::render_section(analysis(), report_section::summary, report_format::text);
  CHECK(has(s, "Tóm tắt"));
  CHECK(has(s, "xã Thạch Lỗi, huyện Cẩm Giàng, tỉnh Hải Dương"));
  CHECK(has(s, "12/19 tiêu chí đạt; chưa đạt: TC2, TC5, TC6, TC8, TC10, TC13, TC17"));
  CHECK(has(s, "15/12/2023 — sớm 16 ngày so với hạn 31/12/2023"));
  CHECK(has(s, "axis_road_phase2 → tc2_met → advanced_ntm_standard"));
  CHECK(has(s, "23,8 tỷ đồng"));
  CHECK(has(s, "10,5 tỷ đồng — văn bản ghi 10,3 tỷ đồng (ít hơn 200 triệu) ⚠"));
  CHECK(has(s, "13,3 tỷ đồng — đề nghị Huyện ủy, UBND huyện Cẩm Giàng"));
  CHECK(has(s, "15,3 tỷ đồng — nhiều hơn mức thiếu văn bản nêu (13,3 tỷ đồng)"));
  CHECK(has(s, "04/05/2023: thiếu 3,22 tỷ đồng"));
  CHECK(has(s, "Tổng nguồn vốn (B) 10,3 tỷ ≠ 10,5 tỷ"));
  CHECK_FALSE(has(s, "\x1b["));  // no colour unless asked
}

TEST_CASE("report: the key figures in Markdown, HTML and JSON", "[report][golden]") {
  const ntm::plan_analysis& a = analysis();
  for (report_format f : {report_format::markdown, report_format::html}) {
    CAPTURE(ntm::to_string(f));
    const std::string s = ntm::render_report(a, f);
    CHECK(has(s, "12/19"));
    CHECK(has(s, "23,8 tỷ đồng"));
    CHECK(has(s, "văn bản ghi 10,3 tỷ đồng"));
    CHECK(has(s, "13,3 tỷ đồng"));
    CHECK(has(s, "15/12/2023"));
    CHECK(has(s, "15,3 tỷ đồng"));
    CHECK(has(s, "Chưa đạt"));
    CHECK(has(s, "chưa phân công"));
  }
  const std::string md = ntm::render_report(a, report_format::markdown);
  CHECK(md.rfind("# Kế hoạch xây dựng nông thôn mới nâng cao năm 2023", 0) == 0);
  CHECK(has(md, "## Tóm tắt"));
  CHECK(has(md, "- **Nguồn vốn (B):** **10,5 tỷ đồng — văn bản ghi 10,3 tỷ đồng"));
  CHECK(has(md, "| TC10 | Thu nhập | **Chưa đạt (1/2 chỉ tiêu đạt; thiếu 8,42 triệu đồng/người/năm)** | 10/11/2023 | có |"));
  CHECK(has(md, "```mermaid\ngantt\n"));
  CHECK(has(md, "`axis_road_phase2 → tc2_met → advanced_ntm_standard (kết thúc 15/12/2023)`"));

  const auto j = nlohmann::json::parse(ntm::to_json(a));
  CHECK(j["format"] == "ntm.analysis/1");
  CHECK(j["summary"]["criteria_met"] == 12);
  CHECK(j["summary"]["criteria_total"] == 19);
  CHECK(j["summary"]["needs_total"] == 23'800'000'000LL);
  CHECK(j["summary"]["sources_total"] == 10'500'000'000LL);
  CHECK(j["summary"]["sources_total_stated"] == 10'300'000'000LL);
  CHECK(j["summary"]["gap"] == 13'300'000'000LL);
  CHECK(j["summary"]["in_year_gap"] == 15'300'000'000LL);
  CHECK(j["summary"]["goal_met_on"] == "2023-12-15");
  CHECK(j["summary"]["critical_path"] == nlohmann::json::array({"axis_road_phase2", "tc2_met", "advanced_ntm_standard"}));
  CHECK(j["summary"]["text"]["needs_total"] == "23,8 tỷ đồng");
  CHECK(j["responsibilities"]["criteria_without_lead"] == nlohmann::json::array({"TC14", "TC15"}));
  CHECK(j["criteria"].size() == 19);
  CHECK(j["criteria"][9]["at_baseline"] == "not_met");
  CHECK(j["missing"].size() == 14);
  CHECK(j["schedule"]["project_finish"] == "2023-12-15");  // the schedule's own JSON, embedded
  CHECK(j["baseline"]["format"] == "ntm.assessment/1");    // the assessment's own JSON, embedded
  bool flagged = false;
  for (const auto& c : j["funding"]["stated"])
    if (c["figure"] == "sources.total" && c["stated"] == 10'300'000'000LL) flagged = c["matches"] == false;
  CHECK(flagged);
  CHECK(j["cash"]["sources"][0]["too_late_for"].size() == 5);
}

TEST_CASE("report: the criteria table gives status, shortfall, date met and lead body", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::criteria, report_format::text);
  const auto lines = lines_of(s);
  auto row = [&](const std::string& id) {
    for (const std::string& l : lines)
      if (l.rfind(id + " ", 0) == 0) return l;
    return std::string();
  };
  CHECK(has(row("TC1"), "Đạt"));
  CHECK(has(row("TC1"), "đã đạt"));
  CHECK(has(row("TC5"), "Chưa đạt (1/3 chỉ tiêu đạt)"));
  CHECK(has(row("TC5"), "28/06/2023"));
  CHECK(has(row("TC5"), "Hội đồng giáo dục"));
  CHECK(has(row("TC10"), "thiếu"));
  CHECK(has(row("TC14"), "chưa phân công ⚠"));
  CHECK(has(row("TC15"), "chưa phân công ⚠"));
  CHECK(has(row("NC"), "12/19 tiêu chí đạt"));
  CHECK(has(s, "Tiêu chí chưa có cơ quan chủ trì trong kế hoạch: TC14 (Y tế), TC15 (Hành chính công)."));
  CHECK(has(s, "TC14.1 (Tỷ lệ người dân tham gia bảo hiểm y tế): chưa xác định"));
}

TEST_CASE("report: text columns align by display width, not bytes", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::criteria, report_format::text);
  const auto lines = lines_of(s);
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("Mã ", 0) == 0; });
  REQUIRE(header != lines.end());
  const std::string title = "Dự kiến đạt";
  const std::size_t column = ntm::utf8_length(header->substr(0, header->find(title)));
  std::size_t rows = 0;
  for (const std::string& l : lines) {
    if (l.rfind("TC", 0) != 0 && l.rfind("NC ", 0) != 0) continue;
    // The "met on" cell is a date or "đã đạt": both start at the header's column.
    std::size_t at = l.find("/2023");
    at = at == std::string::npos ? l.find("đã đạt") : at - 5;
    REQUIRE(at != std::string::npos);
    CAPTURE(l);
    CHECK(ntm::utf8_length(l.substr(0, at)) == column);
    ++rows;
  }
  CHECK(rows == 20);
}

TEST_CASE("report: missing items name the bodies, tasks, dates and costs", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::missing, report_format::markdown);
  CHECK(count(s, "\n| TC") == 14);
  CHECK(has(s, "| TC2 | TC2.1 | Đường trục xã đạt chuẩn | Công chức Địa chính – Xây dựng – Môi trường |"));
  CHECK(has(s, "| 15/12/2023 | 15/12/2023 | 17,5 tỷ |"));
  CHECK(has(s, "Hoàn thiện nhà đa năng trường Tiểu học"));
  CHECK(has(s, "| 6 tỷ |"));
  CHECK(has(s, "TC10.1: Chưa đạt: Thu nhập bình quân đầu người 59,58 triệu"));
}

TEST_CASE("report: the responsibilities matrix flags criteria without a lead body", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::responsibilities, report_format::markdown);
  CHECK(has(s, "| Cơ quan | TC1 | TC2 |"));
  CHECK(has(s, "| Hội đồng giáo dục |"));
  CHECK(has(s, "**TC14 (Y tế): không có cơ quan chủ trì ⚠**"));
  CHECK(has(s, "**TC15 (Hành chính công): không có cơ quan chủ trì ⚠**"));
  const std::string en = ntm::render_section(analysis(), report_section::responsibilities, report_format::text, english());
  CHECK(has(en, "TC14 (Health): no body leads it"));
}

TEST_CASE("report: the funding flags the stated total and names who is asked", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::funding, report_format::text);
  CHECK(has(s, "Tổng (A)"));
  CHECK(has(s, "23,8 tỷ"));
  CHECK(has(s, "15% × 53.333.333.334 đ"));
  const std::string md = ntm::render_section(analysis(), report_section::funding, report_format::markdown);
  CHECK(has(md, "| **khi đạt: Xã đạt chuẩn nông thôn mới nâng cao (dự kiến 15/12/2023)** |"));
  CHECK(has(s, "Nơi ghi:                       Mục 3.B: (Tổng nguồn vốn dự kiến huy động được là 10,3 tỷ)"));
  CHECK(has(s, "không ⚠"));
  CHECK(has(s, "Đề nghị hỗ trợ:                Huyện ủy, UBND huyện Cẩm Giàng"));
}

TEST_CASE("report: the cash section shows the shortfall and the money that comes too late", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::cash, report_format::text);
  CHECK(has(s, "04/05/2023: âm 3,22 tỷ đồng"));
  CHECK(has(s, "15,3 tỷ đồng (văn bản: thiếu 13,3 tỷ đồng)"));
  const std::string md = ntm::render_section(analysis(), report_section::cash, report_format::markdown);
  CHECK(has(md, "2 tỷ đồng, chỉ có khi điều kiện đạt (15/12/2023): đến quá muộn để trả cho axis\\_road (TC2, 17,5 tỷ)"));
  CHECK(has(s, "multipurpose_hall  TC5       04/05/2023"));
  CHECK(has(s, "12/2023"));
}

TEST_CASE("report: the stated statuses agree with the computed ones", "[report]") {
  const std::string s = ntm::render_section(analysis(), report_section::statuses, report_format::text);
  CHECK(has(s, "Hiện trạng văn bản nêu khớp kết quả tính: 19/19."));
  CHECK_FALSE(has(s, "không ⚠"));
}

TEST_CASE("report: the Gantt SVG has rows, months, critical bars, flags and the target", "[report][svg]") {
  const ntm::plan_analysis& a = analysis();
  const std::string s = ntm::to_gantt_svg(a);
  CHECK(s.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1100\"", 0) == 0);
  CHECK(has(s, "font-family=\"DejaVu Sans, Arial, sans-serif\""));
  CHECK(count(s, "<g class=\"task") == a.schedule.tasks.size());
  CHECK(count(s, "<g class=\"task critical\">") == 3);
  for (int m = 1; m <= 12; ++m) CHECK(has(s, ">Tháng " + std::to_string(m) + "</text>"));
  CHECK(has(s, "TC5 ✓ 28/06"));
  CHECK(has(s, "TC2 ✓ 15/12"));
  CHECK(has(s, "NC ✓ 15/12"));
  CHECK(count(s, "<g class=\"met") == 8);  // 7 criteria met under the plan and the goal
  CHECK(has(s, "Hạn 31/12/2023"));
  CHECK(has(s, "Nhiệm vụ găng"));
  const auto milestones = std::count_if(a.schedule.tasks.begin(), a.schedule.tasks.end(), [](const auto& r) { return r.milestone; });
  CHECK(milestones == 6);
  CHECK(count(s, "<polygon") == static_cast<std::size_t>(milestones) + 1);  // and the legend's diamond
  CHECK(has(s, ">Mở rộng đường trục xã từ đường 394C về đến công Quán…</text>"));
  CHECK(s.substr(s.size() - 7) == "</svg>\n");
  ntm::report_options o;
  o.today = ntm::date(2023, 6, 1);
  CHECK(has(ntm::to_gantt_svg(a, o), "Hôm nay 01/06/2023"));
  const std::string cash = ntm::to_cash_svg(a);
  CHECK(has(cash, "Thiếu lần đầu 04/05/2023: -3,22 tỷ"));
  CHECK(has(cash, "clip-path=\"url(#ntm-cash-below)\""));
}

TEST_CASE("report: Mermaid Gantt text has sections, crit tasks, milestones and escaped names", "[report][mermaid]") {
  const ntm::plan_analysis& a = analysis();
  const std::string m = ntm::to_mermaid_gantt(a);
  CHECK(m.rfind("gantt\n    title ", 0) == 0);
  CHECK(has(m, "\n    dateFormat YYYY-MM-DD\n"));
  CHECK(has(m, "\n    section Chung\n"));
  CHECK(has(m, "\n    section TC2 Giao thông\n"));
  CHECK(has(m, "Mở rộng đường trục xã từ đường 394C về đến công Quán (giai đoạn 2) :crit, t_axis_road_phase2, 2023-10-02, 75d\n"));
  CHECK(has(m, ":milestone, t_school_level2, 2023-06-28, 0d\n"));
  CHECK(has(m, "NC ✓ :crit, milestone, t_met_NC, 2023-12-15, 0d\n"));
  // ';' in "Đánh giá lại thực trạng từng tiêu chí; hoàn thiện hồ sơ" is an entity code.
  CHECK(has(m, "Đánh giá lại thực trạng từng tiêu chí#59; hoàn thiện hồ sơ các tiêu chí đã đạt :t_q1_reassessment"));
  for (const std::string& line : lines_of(m)) {
    const std::size_t colon = line.find(" :");
    if (line.rfind("    ", 0) != 0 || line.find("section ") == 4 || colon == std::string::npos) continue;
    CAPTURE(line);
    CHECK(line.find(':') == colon + 1);  // the only ':' separates the name from the data
  }
  ntm::report_options by_body;
  by_body.grouping = ntm::gantt_grouping::body;
  const std::string b = ntm::to_mermaid_gantt(a, by_body);
  CHECK(has(b, "\n    section Hội đồng giáo dục\n"));
  CHECK(count(b, " :") == count(m, " :"));  // every task and milestone once, whatever the grouping
}

TEST_CASE("report: the HTML page holds the criteria table, the Gantt chart and the funding table", "[report][html]") {
  const std::string h = ntm::render_report(analysis(), report_format::html);
  CHECK(h.rfind("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\">", 0) == 0);
  CHECK(has(h, "<meta charset=\"utf-8\"/>"));
  CHECK(has(h, "<section id=\"criteria\">"));
  CHECK(has(h, "<section id=\"funding\">"));
  CHECK(has(h, "<section id=\"cash\">"));
  CHECK(has(h, "<section id=\"responsibilities\">"));
  CHECK(count(h, "<svg xmlns=\"http://www.w3.org/2000/svg\"") == 2);  // the Gantt chart and the cash chart
  CHECK(has(h, "TC5 ✓ 28/06"));
  CHECK(has(h, "<td class=\"num warn\">10,3 tỷ</td>"));  // the stated B, highlighted
  CHECK(has(h, "@media print"));
  CHECK_FALSE(has(h, "<script"));
  CHECK_FALSE(has(h, "src="));
  CHECK_FALSE(has(h, "<link"));
  CHECK(count(h, "<html") == 1);
  CHECK(h.substr(h.size() - 8) == "</html>\n");
}

TEST_CASE("report: rendering twice gives the same bytes", "[report]") {
  const ntm::plan_analysis& a = analysis();
  auto again = ntm::analyze(shipped());
  REQUIRE_OK(again);
  for (report_format f : {report_format::text, report_format::markdown, report_format::json, report_format::html}) {
    CAPTURE(ntm::to_string(f));
    CHECK(ntm::render_report(a, f) == ntm::render_report(a, f));
    CHECK(ntm::render_report(a, f) == ntm::render_report(*again, f));
  }
  CHECK(ntm::to_gantt_svg(a) == ntm::to_gantt_svg(*again));
  CHECK(ntm::to_cash_svg(a) == ntm::to_cash_svg(*again));
  CHECK(ntm::to_mermaid_gantt(a) == ntm::to_mermaid_gantt(*again));
}

TEST_CASE("report: the English variant has English labels", "[report]") {
  const ntm::plan_analysis& a = analysis();
  const std::string t = ntm::render_report(a, report_format::text, english());
  CHECK(has(t, "Summary"));
  CHECK(has(t, "12/19 criteria met; not met: TC2"));
  CHECK(has(t, "2023-12-15 — 16 days before the target 2023-12-31"));
  CHECK(has(t, "23.8 billion VND"));
  CHECK(has(t, "Lead body"));
  CHECK(has(t, "Missing items"));
  CHECK(has(t, "the document states 10.3 billion VND"));
  CHECK_FALSE(has(t, "Tóm tắt"));
  CHECK_FALSE(has(t, "Chưa đạt"));
  const std::string svg = ntm::to_gantt_svg(a, english());
  CHECK(has(svg, ">Jan</text>"));
  CHECK(has(svg, "TC5 ✓ Jun 28"));
  CHECK(has(svg, "Critical task"));
  CHECK(has(ntm::render_report(a, report_format::html, english()), "lang=\"en\""));
}

TEST_CASE("report: hostile names are escaped in every format", "[report][escaping]") {
  ntm::plan p = shipped();
  p.road.tasks.front().name.vi = "<script>alert('x')</script> & co: #1; \"q\"";
  p.bodies.front().name.vi = "<b>Ban</b> & co";
  auto a = ntm::analyze(p);
  REQUIRE_OK(a);
  const std::string html = ntm::render_report(*a, report_format::html);
  CHECK_FALSE(has(html, "<script>"));
  CHECK_FALSE(has(html, "<b>Ban"));
  CHECK(has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co: #1; &quot;q&quot;"));
  CHECK(has(html, "&lt;b&gt;Ban&lt;/b&gt; &amp; co"));
  const std::string svg = ntm::to_gantt_svg(*a);
  CHECK_FALSE(has(svg, "<script>"));
  CHECK(has(svg, "&lt;script&gt;"));
  const std::string md = ntm::render_report(*a, report_format::markdown);
  // Outside fenced code (where Markdown shows text as it is: the graphs' DOT), escaped.
  std::string prose;
  for (std::size_t at = 0;;) {
    const std::size_t open = md.find("\n```", at);
    prose += md.substr(at, open == std::string::npos ? std::string::npos : open - at);
    if (open == std::string::npos) break;
    const std::size_t close = md.find("\n```\n", open + 4);
    REQUIRE(close != std::string::npos);
    const std::string fenced = md.substr(open, close - open);
    CHECK(fenced.find('\n', 1) != std::string::npos);
    CHECK_FALSE(has(fenced.substr(1), "\n```"));  // a hostile name cannot close the fence
    at = close + 5;
  }
  CHECK_FALSE(has(prose, "<script>"));
  CHECK(has(md, "\\<script\\>alert('x')\\</script\\> \\& co: \\#1; \"q\""));
  const std::string mermaid = ntm::to_mermaid_gantt(*a);
  CHECK_FALSE(has(mermaid, "<script>"));
  CHECK(has(mermaid, "#60;script#62;alert('x')#60;/script#62; & co#58; #35;1#59; #34;q#34; :"));
  const auto j = nlohmann::json::parse(ntm::to_json(*a));  // JSON stays valid
  CHECK(j["tasks"].is_array());
}

TEST_CASE("report: colour is ANSI and only on request", "[report]") {
  ntm::report_options o;
  o.colour = true;
  const std::string s = ntm::render_section(analysis(), report_section::criteria, report_format::text, o);
  CHECK(has(s, "\x1b[31mChưa đạt"));
  CHECK(has(s, "\x1b[32mĐạt\x1b[0m"));
}

TEST_CASE("report: sections render alone in every format", "[report]") {
  for (report_section s : ntm::all_report_sections) {
    CAPTURE(ntm::to_string(s));
    const std::string text = ntm::render_section(analysis(), s, report_format::text);
    CHECK(!text.empty());
    CHECK(has(ntm::render_section(analysis(), s, report_format::html), "<section id=\"" + std::string(ntm::to_string(s)) + "\">"));
    const auto j = nlohmann::json::parse(ntm::render_section(analysis(), s, report_format::json));
    CHECK(j["format"] == "ntm.analysis/1");
    CHECK(j.size() >= 4);
  }
  const auto funding = nlohmann::json::parse(ntm::render_section(analysis(), report_section::funding, report_format::json));
  CHECK(funding.contains("funding"));
  CHECK_FALSE(funding.contains("cash"));
}

TEST_CASE("report: an analysis without its plan still renders", "[report]") {
  ntm::plan_analysis a = analysis();
  a.source = nullptr;
  for (report_format f : {report_format::text, report_format::markdown, report_format::json, report_format::html})
    CHECK_FALSE(ntm::render_report(a, f).empty());
  CHECK(has(ntm::to_gantt_svg(a), "</svg>"));
  const ntm::plan_analysis empty;
  CHECK(has(ntm::render_report(empty, report_format::text), "Phân tích kế hoạch"));
  CHECK(has(ntm::to_gantt_svg(empty), "</svg>"));
  CHECK(has(ntm::to_cash_svg(empty), "</svg>"));
  CHECK(nlohmann::json::parse(ntm::to_json(empty))["baseline"].is_null());
}

TEST_CASE("report: format and section names round-trip", "[report]") {
  for (report_format f : {report_format::text, report_format::markdown, report_format::json, report_format::html}) {
    auto back = ntm::parse_report_format(ntm::to_string(f));
    REQUIRE_OK(back);
    CHECK(*back == f);
  }
  CHECK(*ntm::parse_report_format("md") == report_format::markdown);
  REQUIRE_ERROR(ntm::parse_report_format("pdf"), ntm::errc::invalid_value);
  for (report_section s : ntm::all_report_sections) CHECK(*ntm::parse_report_section(ntm::to_string(s)) == s);
  REQUIRE_ERROR(ntm::parse_report_section("budget"), ntm::errc::invalid_value);
}

TEST_CASE("report: text helpers measure, wrap and escape UTF-8", "[report]") {
  using namespace ntm::report_internal;
  CHECK(display_width("Thạch Lỗi") == 9);
  CHECK(display_width("Tha\xCC\xA3\x63h") == 5);  // a + combining dot below
  CHECK(wrap("Công chức Địa chính – Xây dựng – Môi trường", 20) ==
        std::vector<std::string>{"Công chức Địa chính", "– Xây dựng – Môi", "trường"});
  CHECK(wrap("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(ntm::report_internal::truncate("Mở rộng đường trục xã", 10) == "Mở rộng đ…");
  CHECK(xml_escape("a<b>&\"c'\x01\xFF") == "a&lt;b&gt;&amp;&quot;c&#39;\xEF\xBF\xBD");
  CHECK(markdown_escape("a|b*c_d\n<e>") == "a\\|b\\*c\\_d \\<e\\>");
}

TEST_CASE("report: the task and rule graphs as DOT, drawn in HTML when a drawer is given", "[report][graphs]") {
  const ntm::plan_analysis& a = analysis();
  const std::string md = ntm::render_section(a, report_section::graphs, report_format::markdown);
  CHECK(md.find("```dot\ndigraph") != std::string::npos);
  CHECK(md.find("axis_road_phase2") != std::string::npos);  // the task graph
  CHECK(md.find("TC10.1") != std::string::npos);            // the rule graph
  // HTML without a drawer: the DOT text folded, escaped.
  const std::string plain = ntm::render_section(a, report_section::graphs, report_format::html);
  CHECK(plain.find("<details><summary>DOT (Graphviz)</summary><pre><code>digraph") != std::string::npos);
  CHECK(plain.find("->") == std::string::npos);  // "->" is escaped as "-&gt;"
  CHECK(plain.find("-&gt;") != std::string::npos);
  CHECK(plain.find("<svg") == std::string::npos);
  // With a drawer: its SVG for each graph, the DOT still folded below.
  ntm::report_options o;
  int calls = 0;
  o.dot_to_svg = [](const std::string& dot, void* payload) -> std::string {
    ++*static_cast<int*>(payload);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\"><desc>" + std::to_string(dot.size()) + "</desc></svg>";
  };
  o.dot_to_svg_payload = &calls;
  const std::string drawn = ntm::render_section(a, report_section::graphs, report_format::html, o);
  CHECK(calls == 2);
  CHECK(drawn.find("<figure>\n<svg xmlns") != std::string::npos);
  CHECK(drawn.find("<details>") != std::string::npos);
  // JSON: both graphs; the text report leaves the DOT out.
  const auto j = nlohmann::json::parse(ntm::render_section(a, report_section::graphs, report_format::json));
  CHECK(j["graphs"]["tasks_dot"].get<std::string>().rfind("digraph", 0) == 0);
  CHECK(j["graphs"]["rules_dot"].get<std::string>().rfind("digraph", 0) == 0);
  const std::string text = ntm::render_section(a, report_section::graphs, report_format::text);
  CHECK(text.find("digraph") == std::string::npos);
  CHECK(text.find("ntm graph --tasks") != std::string::npos);
  CHECK(*ntm::parse_report_section("graphs") == report_section::graphs);
}
