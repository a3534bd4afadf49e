// SPDX-License-Identifier: MIT
// The commands of the ntm program.
#include "cli/commands.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include <ntm/ntm.hpp>
#include <ntm/plan/analysis.hpp>

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

std::optional<ntm::date> parse_at(const std::string& text, int& code, const common_options& common) {
  if (text.empty()) return std::nullopt;
  auto d = ntm::parse_date(text);
  if (!d) {
    code = report_error(d.error().add_context("in --at"), common);
    return std::nullopt;
  }
  return *d;
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

}  // namespace

void register_commands(CLI::App& app, common_options& common, const add_common_fn& add_common, int& code) {
  // check
  {
    auto* cmd = app.add_subcommand("check", "Validate ntm files (criteria sets, facts, tests, roadmaps, calendars, funding, plans, journal CSV)");
    static std::vector<std::string> files;
    static std::string set;
    cmd->add_option("FILE", files, "files to check")->required();
    cmd->add_option("--set", set, "the criteria set for facts and test files");
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
  // assess
  {
    auto* cmd = app.add_subcommand("assess", "Assess a unit against its criteria set (a plan's baseline, or --set with --facts)");
    static std::string plan, set, facts, at, region;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--set", set, "a criteria set (with --facts), instead of a plan");
    cmd->add_option("--facts", facts, "a facts file (with --set)");
    cmd->add_option("--at", at, "assessment date (default: the plan's baseline date)");
    cmd->add_option("--region", region, "region key for regional thresholds (default: the plan's)");
    add_common(cmd, {"json"});
    cmd->callback([&] {
      auto when = parse_at(at, code, common);
      if (code != ok) return;
      ntm::result<ntm::program> prog = ntm::fail(ntm::errc::internal, "");
      ntm::result<ntm::fact_table> table = ntm::fail(ntm::errc::internal, "");
      ntm::evaluate_options opt;
      if (!set.empty() || !facts.empty()) {
        if (set.empty() || facts.empty()) {
          code = report_error(ntm::make_error(ntm::errc::invalid_argument, "--set and --facts go together"), common);
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
          code = report_error(ntm::make_error(ntm::errc::invalid_argument, "give the assessment date with --at"), common);
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
      code = write_output(ntm::to_json(*a, language(common)), common);
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
    auto* cmd = app.add_subcommand("schedule", "Schedule a plan's roadmap: task dates, float, critical path, deadline");
    static std::string plan;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    add_common(cmd, {"json", "dot"});
    cmd->callback([&] {
      auto p = load_named_plan(plan);
      if (!p) {
        code = report_error(p.error(), common);
        return;
      }
      ntm::roadmap road = p->road;
      if (!road.deadline) road.deadline = p->target;
      auto sched = ntm::schedule_roadmap(road);
      if (!sched) {
        code = report_error(sched.error(), common);
        return;
      }
      if (common.format == "dot") {
        auto net = ntm::task_network::build(road.tasks);
        code = net ? write_output(ntm::to_dot(*net, *sched, language(common)), common) : report_error(net.error(), common);
        return;
      }
      code = write_output(ntm::to_json(*sched), common);
    });
  }
  // funding
  {
    auto* cmd = app.add_subcommand("funding", "Reconcile a plan's funding and project its cash position against the schedule");
    static std::string plan;
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    add_common(cmd, {"json", "ledger"});
    cmd->callback([&] {
      auto p = load_named_plan(plan);
      if (!p) {
        code = report_error(p.error(), common);
        return;
      }
      auto a = ntm::analyze(*p);
      if (!a) {
        code = report_error(a.error(), common);
        return;
      }
      if (common.format == "ledger") {
        auto j = ntm::make_plan_journal(p->funding, a->timeline);
        code = j ? write_output(ntm::to_ledger_journal(*j), common) : report_error(j.error(), common);
        return;
      }
      code = write_output(ntm::to_json(p->funding), common);
    });
  }
  // export
  {
    auto* cmd = app.add_subcommand("export", "Export a plan's data: ledger journal, assessment, schedule or funding as JSON");
    static std::string plan, what = "ledger";
    cmd->add_option("PLAN", plan, "plan file (default: the shipped Thạch Lỗi plan)");
    cmd->add_option("--what", what, "what to export")->check(CLI::IsMember({"ledger", "assessment", "schedule", "funding", "facts"}))->capture_default_str();
    add_common(cmd, {});
    cmd->callback([&] {
      auto p = load_named_plan(plan);
      if (!p) {
        code = report_error(p.error(), common);
        return;
      }
      auto a = ntm::analyze(*p);
      if (!a) {
        code = report_error(a.error(), common);
        return;
      }
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
