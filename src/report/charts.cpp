// SPDX-License-Identifier: MIT
// SVG charts of a plan's analysis: the Gantt chart and the pooled cash position.
#include <ntm/report/charts.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "report/model.hpp"
#include "report/sections.hpp"

NTM_BEGIN_NAMESPACE
namespace report_internal {

namespace {

constexpr const char* font = "DejaVu Sans, Arial, sans-serif";
constexpr double char_width = 6.6;  // average advance of DejaVu Sans at 11 px, Vietnamese text

constexpr const char* critical_fill = "#c0392b";
constexpr const char* task_fill = "#4a7ebb";
constexpr const char* met_colour = "#1e8449";
constexpr const char* target_colour = "#b03a2e";
constexpr const char* today_colour = "#2471a3";
constexpr const char* grid_colour = "#d5d8dc";
constexpr const char* float_colour = "#9aa5b1";

// A coordinate with one decimal, the same on every platform ("12.5", "-3", "0").
std::string num(double v) {
  long long t = std::llround(v * 10.0);
  std::string s = t < 0 ? "-" : "";
  t = std::llabs(t);
  s += std::to_string(t / 10);
  if (t % 10) s += "." + std::to_string(t % 10);
  return s;
}

// Writes SVG elements; attribute values and text are escaped.
class svg_out {
 public:
  std::string str;

  void open(const std::string& tag, std::initializer_list<std::pair<const char*, std::string>> attrs) {
    str += "<" + tag + attributes(attrs) + ">\n";
  }
  void close(const std::string& tag) { str += "</" + tag + ">\n"; }
  void element(const std::string& tag, std::initializer_list<std::pair<const char*, std::string>> attrs) {
    str += "<" + tag + attributes(attrs) + "/>\n";
  }
  void text(double x, double y, const std::string& content, std::initializer_list<std::pair<const char*, std::string>> attrs = {}) {
    str += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"" + attributes(attrs) + ">" + xml_escape(content) + "</text>\n";
  }
  void title(const std::string& content) { str += "<title>" + xml_escape(content) + "</title>\n"; }
  void rect(double x, double y, double w, double h, const std::string& fill, std::initializer_list<std::pair<const char*, std::string>> attrs = {}) {
    str += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(0.0, w)) + "\" height=\"" + num(std::max(0.0, h)) +
           "\" fill=\"" + fill + "\"" + attributes(attrs) + "/>\n";
  }
  void line(double x1, double y1, double x2, double y2, const std::string& stroke, double width,
            std::initializer_list<std::pair<const char*, std::string>> attrs = {}) {
    str += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\" stroke=\"" + stroke +
           "\" stroke-width=\"" + num(width) + "\"" + attributes(attrs) + "/>\n";
  }
  void diamond(double x, double y, double r, const std::string& fill) {
    str += "<polygon points=\"" + num(x) + "," + num(y - r) + " " + num(x + r) + "," + num(y) + " " + num(x) + "," + num(y + r) + " " +
           num(x - r) + "," + num(y) + "\" fill=\"" + fill + "\"/>\n";
  }

 private:
  static std::string attributes(std::initializer_list<std::pair<const char*, std::string>> attrs) {
    std::string out;
    for (const auto& [name, value] : attrs) out += std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
    return out;
  }
};

std::string svg_start(int width, double height, const std::string& label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) + "\" height=\"" + num(height) +
         "\" viewBox=\"0 0 " + std::to_string(width) + " " + num(height) + "\" font-family=\"" + font +
         "\" font-size=\"11\" role=\"img\" aria-label=\"" + xml_escape(label) + "\">\n";
}

constexpr const char* xml_declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

// Maps dates of [first, last] onto [x0, x1]; a date is its day's start (day + 1: its end).
struct time_axis {
  date first;
  date last;
  double x0 = 0;
  double x1 = 1;
  double at(date d) const {
    const double days = static_cast<double>((last - first).days() + 1);
    const double k = static_cast<double>((d - first).days());
    return x0 + (x1 - x0) * std::clamp(k, 0.0, days) / days;
  }
  double end_of(date d) const { return at(d + boost::gregorian::days(1)); }
  bool covers(date d) const { return !d.is_special() && !(d < first) && !(last < d); }
};

const char* month_label(int m, lang l, bool wide) {
  static const char* const en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static const char* const vi_wide[] = {"Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4",  "Tháng 5",  "Tháng 6",
                                        "Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10", "Tháng 11", "Tháng 12"};
  static const char* const vi[] = {"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"};
  if (m < 1 || m > 12) return "";
  if (l == lang::en) return en[m - 1];
  return wide ? vi_wide[m - 1] : vi[m - 1];
}

// The month grid: alternate shading, month starts as lines from `top` to `bottom`, month
// names at `label_y` and the year at `year_y` (when given).
void month_grid(svg_out& s, const time_axis& ax, double top, double bottom, double label_y, double year_y, lang l) {
  const double month_w = (ax.x1 - ax.x0) / std::max<std::int64_t>(1, ((ax.last - ax.first).days() + 1) / 30);
  const bool wide = month_w >= 52;
  int k = 0;
  for (date m = ax.first; !(ax.last < m); m = m.end_of_month() + boost::gregorian::days(1), ++k) {
    const double xa = ax.at(m);
    const double xb = ax.end_of(m.end_of_month());
    if (k % 2 == 1) s.rect(xa, top, xb - xa, bottom - top, "#f4f6f7");
    s.line(xa, top, xa, bottom, grid_colour, 1);
    s.text((xa + xb) / 2, label_y, month_label(m.month(), l, wide), {{"text-anchor", "middle"}, {"fill", "#34495e"}});
    if (year_y > 0 && (m.month() == 1 || k == 0))
      s.text(xa + 3, year_y, std::to_string(static_cast<int>(m.year())), {{"font-weight", "bold"}, {"fill", "#34495e"}});
  }
  s.line(ax.x1, top, ax.x1, bottom, grid_colour, 1);
}

// A legend entry drawn at x; returns the x after it.
double legend_item(svg_out& s, double x, double y, const std::string& label, const std::string& kind, const std::string& colour) {
  if (kind == "bar") s.rect(x, y - 9, 18, 10, colour, {{"rx", "2"}});
  else if (kind == "diamond") s.diamond(x + 9, y - 4, 5, colour);
  else if (kind == "float") s.line(x, y - 4, x + 18, y - 4, colour, 2);
  else if (kind == "dash") s.line(x + 9, y - 12, x + 9, y + 2, colour, 1.5, {{"stroke-dasharray", "4,2"}});
  else if (kind == "area") s.rect(x, y - 9, 18, 10, colour, {{"fill-opacity", "0.25"}});
  else if (kind == "line") s.line(x, y - 4, x + 18, y - 4, colour, 2);
  s.text(x + 24, y, label, {{"fill", "#333"}});
  return x + 24 + static_cast<double>(display_width(label)) * char_width + 22;
}

struct flag {
  date on;
  std::string label;
  bool goal = false;
};

}  // namespace

std::string gantt_svg_element(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const plan& p = plan_of(a);
  const int width = std::clamp(o.chart_width, 600, 4000);
  const double label_w = std::round(width * 0.34);
  const chart_span span = chart_span_of(a);
  time_axis ax{span.first, span.last, label_w + 10, static_cast<double>(width) - 20};
  const double row_h = 22;
  const double rows_top = 66;
  const std::size_t n = a.schedule.tasks.size();
  const double rows_bottom = rows_top + row_h * static_cast<double>(n);

  // Flags of the criteria (and the goal) that become met under the plan, in lanes so that
  // their labels do not overlap.
  std::vector<flag> flags;
  for (const rule_projection& c : a.criteria)
    if (c.met_on && c.at_baseline != status::met && ax.covers(*c.met_on))
      flags.push_back({*c.met_on, c.id + " ✓ " + short_date(*c.met_on, l), false});
  if (a.goal.met_on && ax.covers(*a.goal.met_on))
    flags.push_back({*a.goal.met_on, a.goal.id + " ✓ " + short_date(*a.goal.met_on, l), true});
  std::stable_sort(flags.begin(), flags.end(), [](const flag& x, const flag& y) { return x.on < y.on; });
  std::vector<double> lane_end;
  std::vector<std::size_t> lane_of(flags.size());
  std::vector<bool> to_left(flags.size(), false);
  for (std::size_t k = 0; k < flags.size(); ++k) {
    const double x = ax.end_of(flags[k].on);
    const double w = static_cast<double>(display_width(flags[k].label)) * 6.2 + 8;
    double start = x + 4;
    if (start + w > ax.x1) start = x - 4 - w, to_left[k] = true;
    std::size_t lane = 0;
    while (lane < lane_end.size() && lane_end[lane] + 6 > start) ++lane;
    if (lane == lane_end.size()) lane_end.push_back(0);
    lane_end[lane] = start + w;
    lane_of[k] = lane;
  }
  const double band_top = rows_bottom + 8;
  const double band_bottom = band_top + 8 + 16 * static_cast<double>(std::max<std::size_t>(1, lane_end.size()));
  const double notes_y = band_bottom + 16;
  const double legend_y = notes_y + 24;
  const double height = legend_y + 14;

  svg_out s;
  const std::string title = tr(l, "Biểu đồ tiến độ: ", "Gantt chart: ") + (p.road.name.get(l).empty() ? report_title(a, l) : p.road.name.get(l));
  s.str = svg_start(width, height, title);
  s.title(title);
  s.rect(0, 0, width, height, "#ffffff");
  s.text(12, 20, title, {{"font-size", "15"}, {"font-weight", "bold"}, {"fill", "#1b2631"}});

  // Rows' stripes first, then the month grid over them, then the bars.
  for (std::size_t i = 0; i < n; ++i)
    if (i % 2 == 1) s.rect(0, rows_top + row_h * static_cast<double>(i), width, row_h, "#fafafa");
  s.open("g", {{"class", "grid"}});
  month_grid(s, ax, 44, band_bottom, 58, 38, l);
  s.close("g");
  s.line(0, rows_top - 0.5, width, rows_top - 0.5, "#aab7b8", 1);

  const std::size_t max_chars = static_cast<std::size_t>((label_w - 16) / char_width);
  for (std::size_t i = 0; i < n; ++i) {
    const task_schedule& r = a.schedule.tasks[i];
    const double y = rows_top + row_h * static_cast<double>(i);
    const std::string name = task_name(p, r.id, l);
    std::string tip = name + " (" + r.id + "): " + date_text(r.early_start, l);
    if (!r.milestone) tip += " – " + date_text(r.early_finish, l);
    tip += tr(l, "; dự trữ ", "; float ") + std::to_string(r.total_float) + (r.critical ? tr(l, "; găng", "; critical") : "");
    s.open("g", {{"class", r.critical ? "task critical" : "task"}});
    s.title(tip);
    s.text(10, y + 15, truncate(name, max_chars), {{"fill", r.critical ? "#922b21" : "#1b2631"}});
    const char* fill = r.critical ? critical_fill : task_fill;
    if (r.milestone) {
      s.diamond(ax.end_of(r.early_finish), y + 11, 6, r.critical ? critical_fill : "#34495e");
    } else {
      const double xa = ax.at(r.early_start);
      const double xb = ax.end_of(r.early_finish);
      s.rect(xa, y + 5, std::max(2.0, xb - xa), 12, fill, {{"rx", "2"}});
    }
    if (r.total_float > 0 && !r.late_finish.is_special() && r.early_finish < r.late_finish) {
      const double xa = ax.end_of(r.early_finish) + (r.milestone ? 6 : 0);
      const double xb = ax.end_of(r.late_finish);
      if (xb > xa) {
        s.line(xa, y + 11, xb, y + 11, float_colour, 2);
        s.line(xb, y + 7, xb, y + 15, float_colour, 1.5);
      }
    }
    s.close("g");
  }

  // The criteria met: a dashed line over the rows and a labelled flag in the band.
  s.line(0, band_top - 0.5, width, band_top - 0.5, "#aab7b8", 1);
  s.text(10, band_top + 17, tr(l, "Tiêu chí đạt (dự kiến)", "Criteria met (projected)"), {{"font-weight", "bold"}, {"fill", met_colour}});
  for (std::size_t k = 0; k < flags.size(); ++k) {
    const double x = ax.end_of(flags[k].on);
    const double ly = band_top + 17 + 16 * static_cast<double>(lane_of[k]);
    s.open("g", {{"class", flags[k].goal ? "met goal" : "met"}});
    s.line(x, rows_top, x, ly - 4, met_colour, flags[k].goal ? 1.5 : 1, {{"stroke-dasharray", "3,3"}, {"stroke-opacity", "0.6"}});
    s.element("circle", {{"cx", num(x)}, {"cy", num(ly - 4)}, {"r", "3"}, {"fill", met_colour}});
    s.text(to_left[k] ? x - 6 : x + 6, ly, flags[k].label,
           {{"text-anchor", to_left[k] ? "end" : "start"}, {"fill", met_colour}, {"font-weight", flags[k].goal ? "bold" : "normal"}});
    s.close("g");
  }

  // The target and today.
  if (ax.covers(p.target)) {
    const double x = ax.end_of(p.target);
    s.line(x, 44, x, band_bottom, target_colour, 1.5, {{"stroke-dasharray", "6,3"}});
    s.text(x - 4, notes_y, tr(l, "Hạn ", "Target ") + date_text(p.target, l), {{"text-anchor", "end"}, {"fill", target_colour}, {"font-weight", "bold"}});
  }
  if (o.today && ax.covers(*o.today)) {
    const double x = ax.at(*o.today);
    s.line(x, 44, x, band_bottom, today_colour, 1.5, {{"stroke-dasharray", "2,2"}});
    s.text(x + 4, notes_y, tr(l, "Hôm nay ", "Today ") + date_text(*o.today, l), {{"fill", today_colour}});
  }

  double x = 12;
  s.open("g", {{"class", "legend"}});
  x = legend_item(s, x, legend_y, tr(l, "Nhiệm vụ găng", "Critical task"), "bar", critical_fill);
  x = legend_item(s, x, legend_y, tr(l, "Nhiệm vụ", "Task"), "bar", task_fill);
  x = legend_item(s, x, legend_y, tr(l, "Mốc", "Milestone"), "diamond", "#34495e");
  x = legend_item(s, x, legend_y, tr(l, "Dự trữ", "Float"), "float", float_colour);
  x = legend_item(s, x, legend_y, tr(l, "Tiêu chí đạt", "Criterion met"), "dash", met_colour);
  x = legend_item(s, x, legend_y, tr(l, "Hạn hoàn thành", "Target date"), "dash", target_colour);
  if (o.today) legend_item(s, x, legend_y, tr(l, "Hôm nay", "Today"), "dash", today_colour);
  s.close("g");
  s.close("svg");
  return s.str;
}

std::string cash_svg_element(const plan_analysis& a, const report_options& o) {
  const lang l = o.language;
  const cash_report& c = a.cash;
  const int width = std::clamp(o.chart_width, 600, 4000);
  const double height = 330;
  chart_span span = chart_span_of(a);
  if (!c.span.first.is_special() && !c.span.last.is_special() && !(c.span.last < c.span.first))
    span = {date(c.span.first.year(), c.span.first.month(), 1), c.span.last.end_of_month()};
  time_axis ax{span.first, span.last, 84, static_cast<double>(width) - 24};
  const double top = 44;
  const double bottom = height - 70;

  // The series: the position at the start of the span, then after each day with movements.
  std::int64_t start_value = 0;
  std::vector<std::pair<date, std::int64_t>> points;
  for (const cash_day& d : c.days) {
    if (d.when < span.first) start_value = d.position.dong();
    else if (!(span.last < d.when)) points.emplace_back(d.when, d.position.dong());
  }
  std::int64_t lo = std::min<std::int64_t>(0, start_value), hi = std::max<std::int64_t>(0, start_value);
  for (const auto& pt : points) lo = std::min(lo, pt.second), hi = std::max(hi, pt.second);
  if (lo == hi) hi = lo + dong_per_ty;
  // A round step giving at most six intervals.
  std::int64_t step = 1000;
  for (std::int64_t base = 1000; base <= 1'000'000'000'000'000; base *= 10) {
    bool found = false;
    for (std::int64_t m : {1, 2, 5}) {
      step = base * m;
      if ((hi - lo) / step <= 6) {
        found = true;
        break;
      }
    }
    if (found) break;
  }
  const std::int64_t y_lo = (lo / step - (lo % step < 0 ? 1 : 0)) * step;
  const std::int64_t y_hi = (hi / step + (hi % step > 0 ? 1 : 0)) * step;
  auto y_of = [&](std::int64_t v) {
    return bottom - (bottom - top) * static_cast<double>(v - y_lo) / static_cast<double>(std::max<std::int64_t>(1, y_hi - y_lo));
  };

  svg_out s;
  const std::string title = tr(l, "Tồn quỹ chung theo ngày (tổng thu trừ tổng chi)", "Pooled cash position by day (all arrivals minus all payments)");
  s.str = svg_start(width, height, title);
  s.title(title);
  s.rect(0, 0, width, height, "#ffffff");
  s.text(12, 20, title, {{"font-size", "14"}, {"font-weight", "bold"}, {"fill", "#1b2631"}});
  s.open("g", {{"class", "grid"}});
  month_grid(s, ax, top, bottom, bottom + 16, bottom + 32, l);
  for (std::int64_t v = y_lo; v <= y_hi; v += step) {
    const double y = y_of(v);
    s.line(ax.x0, y, ax.x1, y, "#e5e8e8", 1);
    s.text(ax.x0 - 6, y + 4, v == 0 ? std::string("0") : money_text(money::from_dong(v), l), {{"text-anchor", "end"}, {"fill", "#566573"}});
  }
  s.close("g");

  // The step path, then the same path closed on the zero line as an area, shaded above and
  // below zero through two clip regions.
  const double y0 = y_of(0);
  std::string line = "M" + num(ax.x0) + "," + num(y_of(start_value));
  for (const auto& [d, v] : points) line += " H" + num(ax.at(d)) + " V" + num(y_of(v));
  line += " H" + num(ax.x1);
  const std::string area = line + " V" + num(y0) + " H" + num(ax.x0) + " Z";
  s.open("defs", {});
  s.open("clipPath", {{"id", "ntm-cash-above"}});
  s.rect(ax.x0, top, ax.x1 - ax.x0, y0 - top, "#000");
  s.close("clipPath");
  s.open("clipPath", {{"id", "ntm-cash-below"}});
  s.rect(ax.x0, y0, ax.x1 - ax.x0, bottom - y0, "#000");
  s.close("clipPath");
  s.close("defs");
  s.element("path", {{"d", area}, {"fill", "#27ae60"}, {"fill-opacity", "0.18"}, {"clip-path", "url(#ntm-cash-above)"}});
  s.element("path", {{"d", area}, {"fill", critical_fill}, {"fill-opacity", "0.22"}, {"clip-path", "url(#ntm-cash-below)"}});
  s.line(ax.x0, y0, ax.x1, y0, "#2c3e50", 1.2);
  s.element("path", {{"d", line}, {"fill", "none"}, {"stroke", "#1f4e79"}, {"stroke-width", "1.8"}});

  // The first shortfall and the lowest point.
  auto mark = [&](date d, std::int64_t v, const std::string& label, bool below) {
    const double x = ax.end_of(d);
    const double y = y_of(v);
    const double w = static_cast<double>(display_width(label)) * char_width;
    const bool left = x + 8 + w > ax.x1;
    s.open("g", {{"class", "marker"}});
    s.element("circle", {{"cx", num(ax.at(d))}, {"cy", num(y)}, {"r", "4"}, {"fill", critical_fill}, {"stroke", "#ffffff"}, {"stroke-width", "1"}});
    s.text(left ? x - 8 : x + 8, below ? y + 16 : y - 8, label,
           {{"text-anchor", left ? "end" : "start"}, {"fill", critical_fill}, {"font-weight", "bold"}});
    s.close("g");
  };
  auto position_on = [&](date d) {
    for (const cash_day& x : c.days)
      if (x.when == d) return x.position.dong();
    return std::int64_t{0};
  };
  if (c.first_short && ax.covers(*c.first_short))
    mark(*c.first_short, position_on(*c.first_short),
         tr(l, "Thiếu lần đầu ", "First shortfall ") + date_text(*c.first_short, l) + ": " + money_text(negate(c.first_short_amount).value_or(money()), l),
         false);
  if (c.lowest_date && ax.covers(*c.lowest_date) && c.lowest_position.is_negative() && c.lowest_date != c.first_short)
    mark(*c.lowest_date, c.lowest_position.dong(), tr(l, "Thấp nhất ", "Lowest ") + date_text(*c.lowest_date, l) + ": " + money_text(c.lowest_position, l),
         true);

  double x = 12;
  const double legend_y = height - 12;
  s.open("g", {{"class", "legend"}});
  x = legend_item(s, x, legend_y, tr(l, "Tồn quỹ", "Position"), "line", "#1f4e79");
  x = legend_item(s, x, legend_y, tr(l, "Âm quỹ (thiếu tiền)", "Below zero (short)"), "area", critical_fill);
  legend_item(s, x, legend_y, tr(l, "Dương quỹ", "Above zero"), "area", "#27ae60");
  s.close("g");
  s.close("svg");
  return s.str;
}

}  // namespace report_internal

std::string to_gantt_svg(const plan_analysis& a, const report_options& options) {
  return report_internal::xml_declaration + report_internal::gantt_svg_element(a, options);
}

std::string to_cash_svg(const plan_analysis& a, const report_options& options) {
  return report_internal::xml_declaration + report_internal::cash_svg_element(a, options);
}

NTM_END_NAMESPACE
