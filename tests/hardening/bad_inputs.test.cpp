// SPDX-License-Identifier: MIT
// The bad-inputs corpus (tests/bad-inputs/README.md): every file there, read the way ntm
// reads its kind, must fail with exactly the error code and position its .expect file names.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <ntm/io/json.hpp>
#include <ntm/ledger/funding_io.hpp>
#include <ntm/ledger/journal_io.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/scenario.hpp>
#include <ntm/schedule/roadmap.hpp>

#include "support/result_matchers.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path corpus = fs::path(NTM_SOURCE_DIR) / "tests" / "bad-inputs";
const fs::path example = fs::path(NTM_SOURCE_DIR) / "examples" / "thach-loi-2023";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files a bad input names: beside it first, then the shipped example's, then the calendars.
ntm::load_options options_for(const fs::path& dir) {
  ntm::load_options o;
  o.resolver = [dir](const std::string& name) -> ntm::result<std::string> {
    for (const fs::path& p : {dir / name, example / name, fs::path(NTM_SOURCE_DIR) / "data" / "calendars" / fs::path(name).filename()})
      if (fs::is_regular_file(p)) return read(p);
    return ntm::fail(ntm::errc::io_error, "cannot open the file: No such file or directory");
  };
  return o;
}

const ntm::plan& shipped_plan() {
  static const ntm::plan p = [] {
    auto loaded = ntm::load_plan((example / "plan.json").string());
    REQUIRE_OK(loaded);
    return *loaded;
  }();
  return p;
}

const ntm::program& shipped_program() {
  static const ntm::program prog = [] {
    auto set = ntm::load_criteria_set((example / "hai-duong-nang-cao-2021-2025.json").string());
    REQUIRE_OK(set);
    auto p = ntm::compile(*set);
    REQUIRE_OK(p);
    return *p;
  }();
  return prog;
}

// Reads `file` as its kind (its directory's name); the first error, if any.
std::optional<ntm::error> first_error(const std::string& kind, const fs::path& file) {
  const std::string text = read(file);
  const std::string name = file.filename().string();
  const ntm::load_options options = options_for(file.parent_path());
  auto error_of = [](const auto& r) -> std::optional<ntm::error> {
    if (r) return std::nullopt;
    return r.error();
  };
  if (kind == "criteria-set") {
    auto set = ntm::parse_criteria_set(text, name, options);
    if (!set) return set.error();
    return error_of(ntm::compile(*set));
  }
  if (kind == "facts") return error_of(ntm::parse_facts(shipped_program(), text, name, options));
  if (kind == "plan") {
    ntm::plan_load_options p;
    p.files = options;
    return error_of(ntm::parse_plan(text, name, p));
  }
  if (kind == "roadmap") return error_of(ntm::parse_roadmap(text, name, options));
  if (kind == "funding") return error_of(ntm::parse_funding(text, name, options));
  if (kind == "scenario") {
    auto s = ntm::parse_scenario(text, name, options);
    if (!s) return s.error();
    return error_of(ntm::apply(shipped_plan(), *s));
  }
  if (kind == "ledger-csv") {
    auto f = ntm::load_funding((example / "funding.json").string());
    REQUIRE_OK(f);
    auto j = ntm::make_journal(*f);
    REQUIRE_OK(j);
    return error_of(ntm::import_csv(*j, text, name));
  }
  if (kind == "units-csv") return error_of(ntm::parse_units_csv(shipped_program(), text, name, options));
  if (kind == "units-jsonl") return error_of(ntm::parse_units_jsonl(shipped_program(), text, name, options));
  FAIL("no reader for the kind " << kind << " (" << file << ")");
  return std::nullopt;
}

// "key: value" lines; '#' starts a comment line.
std::map<std::string, std::string> expectation(const fs::path& file) {
  std::map<std::string, std::string> out;
  std::istringstream in(read(file));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    out[line.substr(0, colon)] = value;
  }
  return out;
}

// Writes the expectation of `file` from the error it gives (NTM_BLESS_BAD_INPUTS=1, for new
// files; review the result): the comment lines kept, code, position and pointer.
void bless(const fs::path& expect_file, const ntm::error& e) {
  std::string comments;
  if (fs::is_regular_file(expect_file)) {
    std::istringstream in(read(expect_file));
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] == '#' && line != "# TODO") comments += line + "\n";
  }
  if (comments.empty()) {
    std::string what = expect_file.stem().string();
    std::replace(what.begin(), what.end(), '-', ' ');
    comments = "# " + what + "\n";
  }
  std::ofstream out(expect_file, std::ios::binary | std::ios::trunc);
  out << comments << "code: " << ntm::to_string(e.code) << "\nline: " << e.where.line << "\ncolumn: " << e.where.column << "\n";
  if (!e.where.pointer.empty()) out << "pointer: " << e.where.pointer << "\n";
}

}  // namespace

TEST_CASE("bad inputs: each file fails with the error code and position beside it", "[hardening][bad-inputs]") {
  std::size_t checked = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus))
    if (entry.is_regular_file() && entry.path().extension() != ".expect" && entry.path().extension() != ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string kind = file.parent_path().filename().string();
    const fs::path expect_file = fs::path(file).replace_extension(".expect");
    DYNAMIC_SECTION(kind << "/" << file.filename().string()) {
      const std::optional<ntm::error> e = first_error(kind, file);
      REQUIRE(e.has_value());
      if (std::getenv("NTM_BLESS_BAD_INPUTS")) bless(expect_file, *e);
      REQUIRE(fs::is_regular_file(expect_file));
      const auto expected = expectation(expect_file);
      INFO(ntm::format(*e));
      CHECK(ntm::to_string(e->code) == expected.at("code"));
      CHECK(std::to_string(e->where.line) == expected.at("line"));
      CHECK(std::to_string(e->where.column) == expected.at("column"));
      if (expected.count("pointer")) CHECK(e->where.pointer == expected.at("pointer"));
      if (expected.count("message")) CHECK_THAT(e->message, Catch::Contains(expected.at("message")));
      ++checked;
    }
  }
  CHECK(files.size() >= 80);
}
