// SPDX-License-Identifier: MIT
// The commands of the ntm program.
#include "cli/commands.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include <ntm/ntm.hpp>
#include <ntm/plan/analysis.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/compare.hpp>
#include <ntm/scenario/monte_carlo.hpp>
#include <ntm/scenario/sensitivity.hpp>
#include <ntm/report/charts.hpp>
#include <ntm/report/report.hpp>
#include <ntm/report/what_if.hpp>

#include <nlohmann/json.hpp>

#include "io/json_document.hpp"

namespace ntm_cli {

namespace {

namespace fs = std::filesystem;

// The plan named on the command line, or the shipped one.
ntm::result<ntm::plan> load_named_plan(const std::string& path) {
  const std::string file = path.empty() ? ntm::shipped_plan_path() : path;
  if (file.empty())
    return ntm::fail(ntm::errc::io_error, "no PLAN given and the shipped example plan was not found (set NTM_DATA_DIR to the folder holding thach-loi-2023/)");
  return ntm::load_plan(file);
}

// The date of an --at option: nullopt when it is not given; an error naming the option and the
// text when it is not a date. The one reading of --at for every command that takes it.
ntm::result<std::optional<ntm::date>> at_option(const std::string& text) {
  if (text.empty()) return std::optional<ntm::date>();
  auto d = ntm::parse_date(text);
  if (!d) return ntm::fail(std::move(d.error()).add_context("in --at " + text));
  return std::optional<ntm::date>(*d);
}

constexpr const char* at_help = "assess the baseline at this date (default: the plan's baseline date)";

// The date of --at, or nullopt with `code` set when it is not a date (the error reported).
std::optional<ntm::date> parse_at(const std::string& text, int& code, const common_options& common) {
  auto d = at_option(text);
  if (!d) {
    code = report_error(d.error(), common);
    return std::nullopt;
  }
  return *d;
}

// A plan and its analysis (which points into the plan: the plan is held on the heap).
struct analysed_plan {
  std::unique_ptr<ntm::plan> plan;
  ntm::plan_analysis analysis;
  std::optional<ntm::date> at;  // --at, when given
};

// The named plan (or the shipped one), analysed with its baseline assessed at `at` (the text of
// --at; empty: the plan's baseline date). The date becomes the plan's baseline date, so what is
// derived from the plan afterwards (the scenarios applied to it, its sensitivity) is assessed
// at it too, unless a scenario sets its own "at". A bad date is reported before the plan is read.
ntm::result<analysed_plan> load_and_analyse(const std::string& path, const std::string& at = {}, ntm::lang language = ntm::lang::vi) {
  NTM_TRY(when, at_option(at));
  NTM_TRY(loaded, load_named_plan(path));
  analysed_plan out;
  out.plan = std::make_unique<ntm::plan>(std::move(loaded));
  out.at = when;
  if (when) out.plan->baseline_date = *when;
  ntm::analysis_options options;
  options.at = when;
  options.language = language;
  NTM_TRY(a, ntm::analyze(*out.plan, options));
  out.analysis = std::move(a);
  return out;
}

// A set named by a test or facts file ("set": "x.json" or an id with a file beside it).
std::string set_beside(const std::string& file, const std::string& name) {
  if (name.empty()) return {};
  fs::path p = fs::path(file).parent_path() / name;
  if (p.extension() != ".json") p += ".json";
  return p.lexically_normal().string();
}

std::string set_named_in(const std::string& file) {
  auto text = ntm::io_internal::read_file(file);
  if (!text) return {};
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object() || !j.contains("set") || !j["set"].is_string()) return {};
  return set_beside(file, j["set"].get<std::string>());
}

ntm::result<ntm::program> compile_file(const std::string& path) {
  NTM_TRY(set, ntm::load_criteria_set(path));
  return ntm::compile(set);
}

// --- check ---------------------------------------------------------------------------------

ntm::result<void> check_one(const std::string& path, file_kind kind, const std::string& set_option) {
  switch (kind) {
    case file_kind::criteria_set: {
      NTM_CHECK(compile_file(path));
      return {};
    }
    case file_kind::facts: {
      const std::string set = set_option.empty() ? set_named_in(path) : set_option;
      if (set.empty()) return ntm::fail(ntm::errc::invalid_argument, path + ": give the criteria set with --set (the facts file names none)");
      NTM_TRY(prog, compile_file(set));
      NTM_CHECK(ntm::load_facts(prog, path));
      return {};
    }
    case file_kind::tests: {
      NTM_TRY(suite, ntm::load_test_suite(path));
      const std::string set = set_option.empty() ? set_beside(path, suite.set) : set_option;
      if (set.empty()) return ntm::fail(ntm::errc::invalid_argument, path + ": give the criteria set with --set (the test file names none)");
      NTM_CHECK(compile_file(set));
      return {};
    }
    case file_kind::roadmap: {
      NTM_TRY(road, ntm::load_roadmap(path));
      NTM_CHECK(ntm::schedule_roadmap(road));
      return {};
    }
    case file_kind::calendar: {
      NTM_TRY(spec, ntm::load_calendar(path));
      NTM_CHECK(ntm::calendar::build(spec));
      return {};
    }
    case file_kind::funding: {
      NTM_TRY(plan, ntm::load_funding(path));
      const std::vector<ntm::error> problems = ntm::check(plan);
      if (!problems.empty()) {
        ntm::error e = problems.front();
        if (problems.size() > 1) {
          e.message = std::to_string(problems.size()) + " problems; the first: " + e.message;
          e.details = problems;
        }
        return ntm::fail(std::move(e));
      }
      return {};
    }
    case file_kind::plan: {
      NTM_TRY(plan, ntm::load_plan(path));
      NTM_CHECK(ntm::analyze(plan));
      return {};
    }
    case file_kind::scenario: {
      NTM_CHECK(ntm::load_scenario(path));
      return {};
    }
    case file_kind::simulation_spec: {
      NTM_CHECK(ntm::load_simulation_spec(path));
      return {};
    }
    case file_kind::merge: {
      NTM_CHECK(ntm::load_merge_spec(path));
      return {};
    }
    case file_kind::units: {
      if (set_option.empty()) return ntm::fail(ntm::errc::invalid_argument, path + ": give the criteria set with --set (a table of units names none)");
      NTM_TRY(prog, compile_file(set_option));
      NTM_CHECK(ntm::load_units(prog, path));
      return {};
    }
    case file_kind::journal_csv: {
      ntm::journal j;
      ntm::csv_import_options opt;
      opt.declare_new_accounts = true;
      NTM_CHECK(ntm::import_csv_file(j, path, opt));
      return {};
    }
    default: {
      // Say why: the file cannot be read, is not JSON (with the place), or is some other JSON.
      NTM_TRY(text, ntm::io_internal::read_file(path));
      NTM_CHECK(ntm::io_internal::json_document::parse(std::move(text), path));
      return ntm::fail(ntm::errc::format_version, path + ": not an ntm file this command can check (no known \"format\" field or content)");
    }
  }
}

int run_check(const std::vector<std::string>& files, const std::string& set, const common_options& common) {
  int code = ok;
  for (const std::string& file : files) {
    const file_kind kind = detect_kind(file);
    auto r = check_one(file, kind, set);
    if (!r) {
      code = std::max(code, report_error(r.error(), common));
      continue;
    }
    std::cout << (use_colour(common) ? "\033[32m✓\033[0m " : "✓ ") << file << ": " << to_string(kind) << ", "
              << (common.language == "en" ? "valid" : "hợp lệ") << '\n';
  }
  return code;
}

// --- test ----------------------------------------------------------------------------------

std::vector<std::string> shipped_tests() {
  std::vector<std::string> out;
  const std::string plan = ntm::shipped_plan_path();
  if (plan.empty()) return out;
  for (const auto& entry : fs::directory_iterator(fs::path(plan).parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 11 && name.compare(name.size() - 11, 11, ".tests.json") == 0) out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run_test(std::vector<std::string> files, const std::string& set_option, const common_options& common) {
  if (files.empty()) files = shipped_tests();
  if (files.empty()) return report_error(ntm::make_error(ntm::errc::io_error, "no test files given and the shipped ones were not found"), common);
  const bool colour = use_colour(common);
  const bool vi = common.language != "en";
  std::ostringstream out;
  int code = ok;
  std::size_t cases = 0, passed = 0;
  for (const std::string& file : files) {
    auto suite = ntm::load_test_suite(file);
    if (!suite) {
      code = std::max(code, report_error(suite.error(), common));
      continue;
    }
    const std::string set = set_option.empty() ? set_beside(file, suite->set) : set_option;
    auto prog = compile_file(set);
    if (!prog) {
      code = std::max(code, report_error(prog.error().add_context("the criteria set of " + file), common));
      continue;
    }
    const ntm::test_report report = ntm::run_test_suite(*prog, *suite);
    cases += report.cases;
    passed += report.passed;
    out << file << ": " << report.passed << "/" << report.cases << (vi ? " ca đạt" : " cases pass") << '\n';
    for (const ntm::test_failure& f : report.failures) {
      out << (colour ? "  \033[31m✗\033[0m " : "  ✗ ") << f.test;
      if (!f.rule.empty()) out << " — " << f.rule << ": " << (vi ? "mong đợi " : "expected ") << f.expected << (vi ? ", thực tế " : ", got ") << f.actual;
      out << '\n' << "      " << f.message << " (" << f.where.to_string() << ")\n";
    }
    if (!report.ok()) code = std::max(code, static_cast<int>(not_holding));
  }
  out << (vi ? "Tổng: " : "Total: ") << passed << "/" << cases << '\n';
  const int written = write_output(out.str(), common);
  return written != ok ? written : code;
}

// A progress bar on standard error, only when it is a terminal (or NTM_PROGRESS=always).
// Library callbacks call it from worker threads: one draws at a time, the others skip,
// except the last call (done == total), which waits its turn so the bar always ends at 100%.
class progress_bar {
 public:
  explicit progress_bar(const char* label) : label_(label), active_(wanted()) {}
  ~progress_bar() {
    if (active_ && shown_) std::cerr << "\r\033[K" << std::flush;
  }
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;
  void operator()(std::size_t done, std::size_t total) {
    if (!active_ || total == 0) return;
    std::unique_lock<std::mutex> lock(mutex_, std::defer_lock);
    if (done >= total)
      lock.lock();
    else if (!lock.try_lock())
      return;
    const int percent = static_cast<int>(std::min(done, total) * 100 / total);
    if (percent <= last_) return;
    last_ = percent;
    shown_ = true;
    const int filled = percent / 4;
    std::cerr << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '=') << std::string(static_cast<std::size_t>(25 - filled), ' ')
              << "] " << percent << "% " << done << "/" << total << std::flush;
  }
  /// The callback the library takes.
  ntm::progress_fn callback() {
    return [this](std::size_t done, std::size_t total) { (*this)(done, total); };
  }

 private:
  static bool wanted() {
    const char* env = std::getenv("NTM_PROGRESS");
    if (env && std::string(env) == "always") return true;
    if (env && std::string(env) == "never") return false;
    return ::isatty(STDERR_FILENO) != 0;
  }
  const char* label_;
  bool active_;
  bool shown_ = false;
  int last_ = -1;
  std::mutex mutex_;
};

// Assesses a table of units as is and under each scenario (several at once); `progress`
// counts the tables.
ntm::result<std::vector<ntm::batch_report>> assess_all(const ntm::program& prog, const ntm::unit_table& units,
                                                       const std::vector<ntm::scenario>& scenarios, const ntm::rollup_options& opt,
                                                       const ntm::progress_fn& progress = {}) {
  std::vector<ntm::batch_report> out;
  NTM_TRY(base, ntm::assess_units(prog, units, opt));
  out.push_back(std::move(base));
  if (progress) progress(1, scenarios.size() + 1);
  NTM_TRY(rest, ntm::assess_scenarios(prog, units, scenarios, opt, {}, [&](std::size_t done, std::size_t total) {
    if (progress) progress(done + 1, total + 1);
  }));
  out.insert(out.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return out;
}

// Simulates a table of units as is and under each scenario; `progress` counts the units of
// every table.
ntm::result<std::vector<ntm::units_simulation>> simulate_all(const ntm::program& prog, const ntm::unit_table& units,
                                                             const std::vector<ntm::scenario>& scenarios, const ntm::simulation_spec& spec,
                                                             const ntm::unit_simulation_options& opt, const ntm::progress_fn& progress = {}) {
  std::vector<ntm::units_simulation> out;
  const std::size_t tables = scenarios.size() + 1;
  auto part = [&](std::size_t k) -> ntm::progress_fn {
    if (!progress) return {};
    return [&, k](std::size_t done, std::size_t total) { progress(k * total + done, tables * total); };
  };
  NTM_TRY(base, ntm::simulate_units(prog, units, spec, opt, part(0)));
  out.push_back(std::move(base));
  for (const ntm::scenario& sc : scenarios) {
    NTM_TRY(r, ntm::simulate_units(prog, units, sc, spec, opt, part(out.size())));
    out.push_back(std::move(r));
  }
  return out;
}

// What `ntm batch` does with each table (a file, or a chunk of standard input): assess it,
// or simulate it when there is a spec.
struct batch_job {
  const ntm::program& prog;
  const std::vector<ntm::scenario>& scenarios;
  ntm::rollup_options assess;
  std::optional<ntm::simulation_spec> spec;
  ntm::unit_simulation_options simulate;
  // The rows of every table as JSON Lines.
  ntm::result<std::string> jsonl(const ntm::unit_table& units) const {
    std::string out;
    if (spec) {
      NTM_TRY(rs, simulate_all(prog, units, scenarios, *spec, simulate));
      for (const auto& r : rs) out += ntm::to_jsonl(r);
    } else {
      NTM_TRY(rs, assess_all(prog, units, scenarios, assess));
      for (const auto& r : rs) out += ntm::to_jsonl(r);
    }
    return out;
  }
};

// JSON Lines on standard input → JSON Lines on standard output, each unit independent, so
// Hadoop Streaming or Spark's pipe() can shard the input anywhere. Lines are assessed in
// chunks for speed; a chunk with a bad line is retried line by line, so that a bad line
// costs only itself (an {"line", "error"} record) and the exit code says some failed.
int run_batch_stream(const batch_job& job) {
  const ntm::program& prog = job.prog;
  std::string line;
  std::vector<std::string> chunk;
  std::size_t line_no = 0, first_line = 1;
  bool had_error = false;
  auto error_record = [&](std::size_t at_line, const ntm::error& e) {
    nlohmann::ordered_json j;
    if (at_line) j["line"] = at_line;
    j["error"] = ntm::format(e);
    j["code"] = ntm::to_string(e.code);
    std::cout << j.dump() << "\n";
    had_error = true;
  };
  auto write_units = [&](const ntm::unit_table& units, std::size_t at_line) {
    auto rows = job.jsonl(units);
    if (!rows) return error_record(at_line, rows.error());
    std::cout << *rows;
  };
  auto emit_chunk = [&]() {
    if (chunk.empty()) return;
    std::string text;
    for (const auto& l : chunk) text += l + "\n";
    auto units = ntm::parse_units_jsonl(prog, text, "stdin");
    if (units) {
      write_units(*units, 0);
    } else {
      for (std::size_t k = 0; k < chunk.size(); ++k) {
        if (chunk[k].find_first_not_of(" \t\r") == std::string::npos) continue;
        auto one = ntm::parse_units_jsonl(prog, chunk[k] + "\n", "stdin");
        if (!one) error_record(first_line + k, one.error().at_line("stdin", static_cast<std::uint32_t>(first_line + k)));
        else write_units(*one, first_line + k);
      }
    }
    chunk.clear();
  };
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (chunk.empty()) first_line = line_no;
    chunk.push_back(line);
    if (chunk.size() == 4096) emit_chunk();
  }
  emit_chunk();
  std::cout.flush();
  return had_error ? invalid_input : ok;
}

}  // namespace

void register_commands(CLI::App& app, common_options& common, const add_common_fn& add_common, int& code) {
  // check
  {
    auto* cmd = app.add_subcommand("check", "Validate ntm files (criteria sets, facts, tests, roadmaps, calendars, funding, plans, scenarios, simulation specs, merges, "
                                             "tables of units (.jsonl, with --set), journal CSV)");
    static std::vector<std::string> files;
    static std::string set;
    cmd->add_option("FILE", files, "files to check")->required();
    cmd->add_option("--set", set, "the criteria set for facts, test files and tables of units");
    add_common(cmd, {});
    cmd->callback([&] { code = run_check(files, set, common); });
  }
  // test
  {
    auto* cmd = app.add_subcommand("test", "Run a criteria set's data test cases (default: the shipped sets' tests)");
    static std::vector<std::string> files;
    static std::string set;
    cmd->add_option("FILE", files, "*.tests.json files");
    cmd->add_option("--set", set, "the criteria set (default: the one each test file names)");
    add_common(cmd, {});
    cmd->callback([&] { code = run_test(files, set, common); });
  }
  // report
  {
    auto* cmd = app.add_subcommand("report", "The whole analysis of a plan: status, criteria, missing items, schedule and Gantt chart, "
                                             "responsibilities, funding, cash, stated figures");
    static std::string plan, at, gantt, cash;
    static std::vector<std::string> sections;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--at", at, "assess the baseline at this date (default: the plan's baseline date); also the Gantt chart's \"today\" line");
    cmd->add_option("--section,-s", sections, "only these sections, in this order")
        ->check(CLI::IsMember({"summary", "criteria", "missing", "schedule", "responsibilities", "funding", "cash", "statuses", "graphs"}));
    cmd->add_option("--gantt-svg", gantt, "also write the Gantt chart (SVG) to this file");
    cmd->add_option("--cash-svg", cash, "also write the cash chart (SVG) to this file");
    add_common(cmd, {"text", "markdown", "json", "html"});
    cmd->callback([&] {
      auto loaded = load_and_analyse(plan, at, language(common));
      if (!loaded) {
        code = report_error(loaded.error(), common);
        return;
      }
      const ntm::plan_analysis* a = &loaded->analysis;
      ntm::report_options o = report_options_of(common);
      o.today = loaded->at;
      for (const std::string& name : sections) o.sections.push_back(*ntm::parse_report_section(name));
      for (const auto& [file, chart] : {std::pair{gantt, 0}, std::pair{cash, 1}}) {
        if (file.empty()) continue;
        common_options to_file = common;
        to_file.output = file;
        if (write_output(chart == 0 ? ntm::to_gantt_svg(*a, o) : ntm::to_cash_svg(*a, o), to_file) != ok) {
          code = failure;
          return;
        }
      }
      code = write_output(ntm::render_report(*a, report_format_of(common), o), common);
    });
  }
  // assess
  {
    auto* cmd = app.add_subcommand("assess", "Assess a unit against its criteria set (a plan's baseline, or --set with --facts)");
    static std::string plan, set, facts, at, region;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--set", set, "a criteria set (with --facts), instead of a plan");
    cmd->add_option("--facts", facts, "a facts file (with --set)");
    cmd->add_option("--at", at, "assessment date (default: the plan's baseline date)");
    cmd->add_option("--region", region, "region key for regional thresholds (default: the plan's)");
    add_common(cmd, {"text", "markdown", "json", "html"});
    cmd->callback([&] {
      auto when = parse_at(at, code, common);
      if (code != ok) return;
      ntm::result<ntm::program> prog = ntm::fail(ntm::errc::internal, "");
      ntm::result<ntm::fact_table> table = ntm::fail(ntm::errc::internal, "");
      ntm::evaluate_options opt;
      if (!set.empty() || !facts.empty()) {
        if (set.empty() || facts.empty()) {
          code = usage_error("--set and --facts go together", common);
          return;
        }
        prog = compile_file(set);
        if (!prog) {
          code = report_error(prog.error(), common);
          return;
        }
        table = ntm::load_facts(*prog, facts);
        opt.at = when.value_or(ntm::date());
        opt.region = region;
        if (!when) {
          code = usage_error("give the assessment date with --at", common);
          return;
        }
      } else {
        auto p = load_named_plan(plan);
        if (!p) {
          code = report_error(p.error(), common);
          return;
        }
        prog = p->criteria;
        table = p->baseline;
        opt.at = when.value_or(p->baseline_date);
        opt.region = region.empty() ? p->unit.region : region;
      }
      if (!table) {
        code = report_error(table.error(), common);
        return;
      }
      auto a = prog->evaluate(*table, opt);
      if (!a) {
        code = report_error(a.error(), common);
        return;
      }
      code = write_output(ntm::render_assessment(*a, report_format_of(common), report_options_of(common)), common);
    });
  }
  // graph
  {
    auto* cmd = app.add_subcommand("graph", "The rule or task dependency graph as Graphviz DOT");
    static std::string plan;
    static bool tasks = false;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_flag("--tasks", tasks, "the task DAG (default: the rule DAG)");
    add_common(cmd, {});
    cmd->callback([&] {
      auto p = load_named_plan(plan);
      if (!p) {
        code = report_error(p.error(), common);
        return;
      }
      if (!tasks) {
        code = write_output(p->criteria.to_dot(language(common)), common);
        return;
      }
      auto net = ntm::task_network::build(p->road.tasks);
      auto sched = ntm::schedule_roadmap(p->road);
      if (!net || !sched) {
        code = report_error(!net ? net.error() : sched.error(), common);
        return;
      }
      code = write_output(ntm::to_dot(*net, *sched, language(common)), common);
    });
  }
  // schedule
  {
    auto* cmd = app.add_subcommand("schedule", "Schedule a plan's roadmap: task dates, float, critical path, the Gantt chart");
    static std::string plan, at;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--at", at, "a \"today\" line on the Gantt chart (e.g. the review date)");
    add_common(cmd, {"text", "markdown", "html", "json", "dot", "svg", "mermaid"});
    cmd->callback([&] {
      auto when = parse_at(at, code, common);
      if (code != ok) return;
      auto loaded = load_and_analyse(plan);
      if (!loaded) {
        code = report_error(loaded.error(), common);
        return;
      }
      const ntm::plan* p = loaded->plan.get();
      const ntm::plan_analysis* a = &loaded->analysis;
      ntm::report_options o = report_options_of(common);
      o.today = when;
      o.sections = {ntm::report_section::schedule};
      if (common.format == "dot") {
        auto net = ntm::task_network::build(p->road.tasks);
        code = net ? write_output(ntm::to_dot(*net, a->schedule, language(common)), common) : report_error(net.error(), common);
        return;
      }
      if (common.format == "json") code = write_output(ntm::to_json(a->schedule), common);
      else if (common.format == "svg") code = write_output(ntm::to_gantt_svg(*a, o), common);
      else if (common.format == "mermaid") code = write_output(ntm::to_mermaid_gantt(*a, o), common);
      else code = write_output(ntm::render_report(*a, report_format_of(common), o), common);
    });
  }
  // funding
  {
    auto* cmd = app.add_subcommand("funding", "Reconcile a plan's funding and project its cash position against the schedule");
    static std::string plan, at;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--at", at, at_help);
    add_common(cmd, {"text", "markdown", "html", "json", "ledger", "svg"});
    cmd->callback([&] {
      auto loaded = load_and_analyse(plan, at);
      if (!loaded) {
        code = report_error(loaded.error(), common);
        return;
      }
      const ntm::plan* p = loaded->plan.get();
      const ntm::plan_analysis* a = &loaded->analysis;
      if (common.format == "ledger") {
        auto j = ntm::make_plan_journal(p->funding, a->timeline);
        code = j ? write_output(ntm::to_ledger_journal(*j), common) : report_error(j.error(), common);
        return;
      }
      ntm::report_options o = report_options_of(common);
      o.sections = {ntm::report_section::funding, ntm::report_section::cash};
      if (common.format == "json") code = write_output(ntm::to_json(p->funding), common);
      else if (common.format == "svg") code = write_output(ntm::to_cash_svg(*a, o), common);
      else code = write_output(ntm::render_report(*a, report_format_of(common), o), common);
    });
  }
  // scenario
  {
    auto* cmd = app.add_subcommand("scenario", "Run what-if scenarios on a plan and compare them with the baseline (or --sensitivity)");
    static std::string plan, at;
    static std::vector<std::string> files;
    static bool sensitivity = false;
    cmd->add_option("--plan,-p", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("SCENARIO", files, "scenario files (ntm.scenario/1)");
    cmd->add_option("--at", at, "assess the baseline and each scenario at this date, unless the scenario sets its own \"at\" (default: the plan's baseline date)");
    cmd->add_flag("--sensitivity", sensitivity, "how far facts must move, smallest sets of missing items, task delays, money to close the gap");
    add_common(cmd, {"text", "markdown", "json", "html", "csv"});
    cmd->callback([&] {
      if (sensitivity && common.format == "csv") {
        code = usage_error("CSV is for comparisons of scenarios; write --sensitivity as text, markdown, json or html", common);
        return;
      }
      auto loaded = load_and_analyse(plan, at);
      if (!loaded) {
        code = report_error(loaded.error(), common);
        return;
      }
      const ntm::plan* p = loaded->plan.get();
      const ntm::plan_analysis* base = &loaded->analysis;
      if (sensitivity) {
        auto s = ntm::analyze_sensitivity(*p);
        code = s ? write_output(ntm::render_sensitivity(*s, report_format_of(common), report_options_of(common), base), common)
                 : report_error(s.error(), common);
        return;
      }
      if (files.empty()) {
        code = usage_error("give at least one scenario file (or --sensitivity)", common);
        return;
      }
      std::vector<ntm::scenario> scenarios;
      for (const std::string& f : files) {
        auto s = ntm::load_scenario(f);
        if (!s) {
          code = report_error(s.error(), common);
          return;
        }
        scenarios.push_back(std::move(*s));
      }
      auto c = ntm::run_scenarios(*p, *base, scenarios);
      if (!c) {
        code = report_error(c.error(), common);
        return;
      }
      code = write_output(common.format == "csv" ? ntm::to_csv(*c) : ntm::render_comparison(*c, report_format_of(common), report_options_of(common), base),
                          common);
    });
  }
  // simulate
  {
    auto* cmd = app.add_subcommand("simulate", "Monte Carlo: the probability that the plan meets its goal by the target, P50/P80/P95 dates, the funding gap");
    static std::string plan, spec_file;
    static std::size_t runs = 0;
    static std::uint64_t seed = 0;
    static unsigned threads = 0;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--spec", spec_file, "a simulation spec (ntm.simulation-spec): distributions of durations, costs, growth");
    cmd->add_option("--runs,-n", runs, "number of runs (default 10000, or the spec's)");
    cmd->add_option("--seed", seed, "seed (the same seed gives the same result on any number of threads)");
    cmd->add_option("--threads,-j", threads, "threads (default: every core)");
    add_common(cmd, {"text", "markdown", "json", "html", "csv"});
    cmd->callback([&, cmd] {
      auto p = load_named_plan(plan);
      if (!p) {
        code = report_error(p.error(), common);
        return;
      }
      ntm::simulation_spec spec;
      if (!spec_file.empty()) {
        auto loaded = ntm::load_simulation_spec(spec_file);
        if (!loaded) {
          code = report_error(loaded.error(), common);
          return;
        }
        spec = std::move(*loaded);
      }
      if (cmd->count("--runs")) spec.runs = runs;
      if (cmd->count("--seed")) spec.seed = seed;
      if (cmd->count("--threads")) spec.threads = threads;
      progress_bar bar("simulate");
      auto r = ntm::simulate(*p, spec, bar.callback());
      if (!r) {
        code = report_error(r.error(), common);
        return;
      }
      code = write_output(common.format == "csv" ? ntm::to_csv(*r) : ntm::render_simulation(*r, report_format_of(common), report_options_of(common)),
                          common);
    });
  }
  // batch
  {
    auto* cmd = app.add_subcommand(
        "batch",
        "Assess (or simulate) many units under one criteria set and scenarios: a CSV/JSON Lines file with roll-ups, or JSON Lines on standard input → JSON Lines on standard output");
    static std::string set, units_file, at, region, goal, costs_file, merge_file, spec_file;
    static std::vector<std::string> scenario_files;
    static unsigned threads = 0;
    static std::size_t runs = 0;
    static std::uint64_t seed = 0;
    static int years = 1;
    cmd->add_option("--set", set, "the criteria set")->required();
    cmd->add_option("--units,-u", units_file, "units file (.csv or .jsonl); without it, JSON Lines are read from standard input");
    cmd->add_option("--scenario,-s", scenario_files, "scenario files: fact and parameter changes, merges (each gives its own results)");
    cmd->add_option("--at", at, "assessment date")->required();
    cmd->add_option("--region", region, "region key");
    cmd->add_option("--goal", goal, "the rule aimed for (default: the set's standard)");
    cmd->add_option("--costs", costs_file, "JSON object: indicator id → cost of completing it, for the money each unit needs");
    cmd->add_option("--threads,-j", threads, "threads (default: every core); results are the same for any number");
    cmd->add_option("--merge", merge_file,
                    "a merge (ntm.merge/1) of units of the --units table: the merged unit against its parts, the criteria kept, lost and gained "
                    "(formats: text, markdown, html, json; jsonl: the JSON on one line)");
    cmd->add_option("--simulate", spec_file,
                    "Monte Carlo: a simulation spec whose \"growth\" gives each fact's yearly growth rate distribution; each unit's probability of "
                    "meeting the goal and each criterion, each area's expected units (P5–P95); the same seed gives the same rows in any shard");
    cmd->add_option("--runs,-n", runs, "with --simulate: runs per unit (default: the spec's)");
    cmd->add_option("--seed", seed, "with --simulate: seed (default: the spec's)");
    cmd->add_option("--years", years, "with --simulate: years of growth, a rate drawn for each (default 1)")->check(CLI::Range(1, 100));
    add_common(cmd, {"jsonl", "json", "csv", "text", "markdown", "html"});
    cmd->callback([&, cmd] {
      auto prog = compile_file(set);
      if (!prog) {
        code = report_error(prog.error(), common);
        return;
      }
      auto when = parse_at(at, code, common);
      if (code != ok || !when) return;
      std::vector<ntm::scenario> scenarios;
      for (const std::string& f : scenario_files) {
        auto sc = ntm::load_scenario(f);
        if (!sc) {
          code = report_error(sc.error(), common);
          return;
        }
        scenarios.push_back(std::move(*sc));
      }
      batch_job job{*prog, scenarios, {}, std::nullopt, {}};
      job.assess.at = *when;
      job.assess.region = region;
      job.assess.goal = goal;
      job.assess.threads = threads;
      if (!costs_file.empty()) {
        auto costs = ntm::load_costs(costs_file);
        if (!costs) {
          code = report_error(costs.error(), common);
          return;
        }
        job.assess.costs = std::move(*costs);
      }
      if (!spec_file.empty()) {
        auto spec = ntm::load_simulation_spec(spec_file);
        if (!spec) {
          code = report_error(spec.error(), common);
          return;
        }
        if (cmd->count("--runs")) spec->runs = runs;
        if (cmd->count("--seed")) spec->seed = seed;
        job.spec = std::move(*spec);
        job.simulate.at = *when;
        job.simulate.region = region;
        job.simulate.goal = goal;
        job.simulate.threads = threads;
        job.simulate.years = years;
      } else if (cmd->count("--runs") || cmd->count("--seed") || cmd->count("--years")) {
        code = usage_error("--runs, --seed and --years go with --simulate", common);
        return;
      }
      if (!merge_file.empty() && (units_file.empty() || !scenarios.empty() || job.spec || common.format == "csv")) {
        code = usage_error("--merge needs --units (the table of the merging units), takes no --scenario or --simulate "
                           "and writes text, markdown, html or json (a scenario's \"merges\" merge units with the rest)",
                           common);
        return;
      }
      if (units_file.empty()) {  // a stream: JSON Lines whatever --format says
        for (const ntm::scenario& sc : scenarios)
          for (const ntm::scenario* x = &sc; x; x = x->base.get())
            if (!x->merges.empty()) {
              code = usage_error("scenario " + x->id + " merges units, which needs the whole table: give it with --units", common);
              return;
            }
        code = run_batch_stream(job);
        return;
      }
      auto units = ntm::load_units(*prog, units_file);
      if (!units) {
        code = report_error(units.error(), common);
        return;
      }
      if (!merge_file.empty()) {
        auto spec = ntm::load_merge_spec(merge_file);
        auto merged = spec ? ntm::merge_units(*prog, *units, *spec, job.assess.at, job.assess.region) : ntm::fail(spec.error());
        if (!merged) {
          code = report_error(merged.error(), common);
          return;
        }
        const bool one_line = common.format == "jsonl";
        const std::string text = ntm::render_merge(*merged, one_line ? ntm::report_format::json : report_format_of(common), report_options_of(common));
        code = write_output(one_line ? nlohmann::ordered_json::parse(text).dump() + "\n" : text, common);
        return;
      }
      progress_bar bar(job.spec ? "simulate" : "batch");
      // Every table's rows, with one CSV header.
      auto rows = [&](const auto& results) {
        std::string out;
        for (const auto& r : results) {
          if (common.format == "csv") {
            const std::string table = ntm::to_csv(r);
            out += out.empty() ? table : table.substr(table.find('\n') + 1);
          } else {
            out += ntm::to_jsonl(r);
          }
        }
        return out;
      };
      const bool per_unit = common.format == "jsonl" || common.format == "csv";
      if (job.spec) {
        auto results = simulate_all(*prog, *units, scenarios, *job.spec, job.simulate, bar.callback());
        if (!results) code = report_error(results.error(), common);
        else code = write_output(per_unit ? rows(*results) : ntm::render_units_simulation(*results, report_format_of(common), report_options_of(common)), common);
        return;
      }
      auto reports = assess_all(*prog, *units, scenarios, job.assess, bar.callback());
      if (!reports) code = report_error(reports.error(), common);
      else code = write_output(per_unit ? rows(*reports) : ntm::render_rollups(*reports, report_format_of(common), report_options_of(common)), common);
    });
  }
  // export
  {
    auto* cmd = app.add_subcommand("export", "Export a plan's data: ledger journal, assessment, schedule or funding as JSON");
    static std::string plan, at, what = "ledger";
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--what", what, "what to export")->check(CLI::IsMember({"ledger", "assessment", "schedule", "funding", "facts"}))->capture_default_str();
    cmd->add_option("--at", at, at_help);
    add_common(cmd, {});
    cmd->callback([&] {
      auto loaded = load_and_analyse(plan, at);
      if (!loaded) {
        code = report_error(loaded.error(), common);
        return;
      }
      const ntm::plan* p = loaded->plan.get();
      const ntm::plan_analysis* a = &loaded->analysis;
      std::string out;
      if (what == "ledger") {
        auto j = ntm::make_plan_journal(p->funding, a->timeline);
        if (!j) {
          code = report_error(j.error(), common);
          return;
        }
        out = ntm::to_ledger_journal(*j);
      } else if (what == "assessment") {
        out = ntm::to_json(a->baseline, language(common));
      } else if (what == "schedule") {
        out = ntm::to_json(a->schedule);
      } else if (what == "funding") {
        out = ntm::to_json(p->funding);
      } else {
        out = ntm::to_json(p->baseline);
      }
      code = write_output(out, common);
    });
  }
}

}  // namespace ntm_cli
