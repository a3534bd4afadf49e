// SPDX-License-Identifier: MIT
// Nothing lost: every mutating call (ledger posting and import, fact updates, scenario
// application) is all or nothing. Failures are injected part-way — a bad row 9 999 of
// 10 000, every allocation in turn failing, a callback that throws — and the state must be
// exactly what it was, with an error (never an exception) returned.
#include <stdexcept>
#include <string>

#include <ntm/io/json.hpp>
#include <ntm/ledger/funding_io.hpp>
#include <ntm/ledger/journal.hpp>
#include <ntm/ledger/journal_io.hpp>
#include <ntm/plan/plan.hpp>
#include <ntm/scenario/batch.hpp>
#include <ntm/scenario/scenario.hpp>

#include "support/allocation.hpp"
#include "support/result_matchers.hpp"

using ntm::errc;

namespace {

const std::string example = std::string(NTM_SOURCE_DIR) + "/examples/thach-loi-2023/";

ntm::journal seed_journal() {
  auto f = ntm::load_funding(example + "funding.json");
  REQUIRE_OK(f);
  auto j = ntm::make_journal(*f);
  REQUIRE_OK(j);
  return std::move(*j);
}

// Everything a journal shows, as text: accounts, transactions, postings, assertions.
std::string snapshot(const ntm::journal& j) {
  std::string s = std::to_string(j.account_count()) + "/" + std::to_string(j.transaction_count()) + "/" +
                  std::to_string(j.posting_count()) + "\n";
  for (std::uint32_t a = 0; a < j.account_count(); ++a)
    s += j.account(ntm::account_id{a}).name + "=" + std::to_string(j.balance(ntm::account_id{a}).dong()) + "\n";
  return s + ntm::to_ledger_journal(j);
}

// 10 000 rows of 5 000 balanced transactions; row `bad` (spreadsheet numbering, the header is
// row 1) gets `bad_amount`.
std::string big_csv(int bad_row, const std::string& bad_amount) {
  std::string csv = "date,account,amount,description,reference\n";
  for (int k = 0; k < 5000; ++k) {
    const std::string ref = "R-" + std::to_string(k);
    const int row = 2 + 2 * k;
    csv += "2023-07-30,Quỹ:Ngân sách xã," + (row == bad_row ? bad_amount : std::string("1000")) + ",Thu,\"" + ref + "\"\n";
    csv += "2023-07-30,Nguồn:Nhân dân," + (row + 1 == bad_row ? bad_amount : std::string("-1000")) + ",," + ref + "\n";
  }
  return csv;
}

ntm::program small_program(const ntm::function_registry& functions = {}) {
  auto set = ntm::parse_criteria_set(R"J({"id": "s", "title": "s",
    "facts": [{"id": "income", "type": "money", "label": "thu nhập"}, {"id": "name", "type": "text", "label": "tên"},
              {"id": "households", "type": "integer", "label": "hộ"}],
    "criteria": [{"id": "TC10", "number": 10, "name": "Thu nhập", "indicators": [
      {"id": "TC10.1", "name": "thu nhập", "condition": "income >= 68 triệu"},
      {"id": "TC10.2", "name": "hộ", "condition": "check(households)"}]}]})J",
                                     "s.json");
  REQUIRE_OK(set);
  auto prog = ntm::compile(*set, functions);
  REQUIRE_OK(prog);
  return *prog;
}

}  // namespace

TEST_CASE("nothing lost: a CSV import with a bad row 9 999 of 10 000 adds nothing", "[hardening][all-or-nothing]") {
  ntm::journal j = seed_journal();
  REQUIRE_OK(j.declare_account("Nguồn:Nhân dân"));
  const std::string before = snapshot(j);
  for (const char* bad : {"1,5", "abc", "99999999999999999999"}) {
    auto r = ntm::import_csv(j, big_csv(9999, bad), "big.csv");
    REQUIRE_FALSE(r);
    CHECK(r.error().where.line == 9999);
    CHECK(snapshot(j) == before);
  }
  auto ok = ntm::import_csv(j, big_csv(0, ""), "big.csv");
  REQUIRE_OK(ok);
  CHECK(ok->transactions == 5000);
}

TEST_CASE("nothing lost: a CSV import that runs out of memory at any allocation adds nothing", "[hardening][all-or-nothing]") {
  ntm::journal j = seed_journal();
  const std::string before = snapshot(j);
  const std::string csv =
      "date,account,amount,description,reference\n"
      "2023-07-30,Quỹ:Ngân sách xã,8 tỷ,Nhận tiền đấu giá,R-1\n"
      "2023-07-30,Mới:Tài khoản,-8 tỷ,,R-1\n"
      "2023-08-01,Quỹ:Ngân sách xã,1000,,R-2\n"
      "2023-08-01,Mới:Tài khoản,-1000,\"khác\",R-2\n";
  ntm::csv_import_options options;
  options.declare_new_accounts = true;
  ntm::result<ntm::csv_import_summary> r;
  bool all_unchanged = true, all_errors = true;
  const long failures = ntm_test::for_each_allocation_failure(
      [&] { r = ntm::import_csv(j, csv, "m.csv", options); },
      [&](long) {
        all_errors = all_errors && !r && r.error().code == errc::limit_exceeded;
        all_unchanged = all_unchanged && snapshot(j) == before;
      });
  CHECK(failures > 10);
  CHECK(all_errors);
  CHECK(all_unchanged);
  REQUIRE_OK(r);  // the run without a failure
  CHECK(r->new_accounts == 2);
}

TEST_CASE("nothing lost: posting and declaring that run out of memory change nothing", "[hardening][all-or-nothing]") {
  ntm::journal j = seed_journal();
  const std::string before = snapshot(j);
  ntm::transaction_input t;
  t.when = *ntm::parse_date("2023-08-01");
  t.description = "Nhân dân đóng góp";
  t.reference = "P-1";
  t.postings = {{"Quỹ:Ngân sách xã", ntm::money::from_dong(500), std::nullopt},
                {"Nguồn:Nhân dân", ntm::money::from_dong(-500), std::nullopt}};
  REQUIRE_OK(j.declare_account("Nguồn:Nhân dân"));
  const std::string declared_before = snapshot(j);
  // An assertion that the second transaction breaks: nothing of either is recorded.
  ntm::transaction_input asserted = t;
  asserted.postings[1].assert_balance = ntm::money::from_dong(-500);
  REQUIRE_ERROR(j.post_all({t, asserted}), errc::balance_assertion_failed);
  CHECK(snapshot(j) == declared_before);

  const std::vector<ntm::transaction_input> both{t, t};
  bool unchanged = true, errors = true;
  ntm::result<std::size_t> posted;
  const long post_failures = ntm_test::for_each_allocation_failure(
      [&] { posted = j.post_all(both); },
      [&](long) {
        errors = errors && !posted && posted.error().code == errc::limit_exceeded;
        unchanged = unchanged && snapshot(j) == declared_before;
      });
  CHECK(post_failures > 0);
  CHECK(errors);
  CHECK(unchanged);
  REQUIRE_OK(posted);
  const std::string posted_state = snapshot(j);

  ntm::result<ntm::account_id> declared;
  const long declare_failures = ntm_test::for_each_allocation_failure(
      [&] { declared = j.declare_account("Mới:Cấp một:Cấp hai:Cấp ba"); },
      [&](long) { unchanged = unchanged && !declared && snapshot(j) == posted_state; });
  CHECK(declare_failures > 0);
  CHECK(unchanged);
  REQUIRE_OK(declared);
  CHECK(snapshot(j) != before);
}

TEST_CASE("nothing lost: a failed fact update and scenario leave the facts as they were", "[hardening][all-or-nothing]") {
  const ntm::program prog = small_program([] {
    ntm::function_registry r;
    REQUIRE_OK(r.add("check", [](std::int64_t) { return true; }));
    return r;
  }());
  ntm::fact_table facts = prog.make_facts();
  REQUIRE_OK(facts.set("income", ntm::value::of_money(ntm::money::from_dong(59'580'000))));
  REQUIRE_OK(facts.set("name", ntm::value::of_text("Thạch Lỗi")));
  const ntm::fact_table before = facts;

  REQUIRE_ERROR(facts.set("income", ntm::value::of_integer(3)), errc::fact_type);
  CHECK(facts == before);
  bool unchanged = true;
  ntm::result<void> set;
  const ntm::value long_name = ntm::value::of_text(std::string(100, 'x'));
  ntm_test::for_each_allocation_failure([&] { set = facts.set("name", long_name); },
                                        [&](long) { unchanged = unchanged && !set && facts == before; });
  CHECK(unchanged);
  REQUIRE_OK(set);
  facts = before;

  // A scenario whose second change fails (the first would have applied).
  auto s = ntm::parse_scenario(R"({"id": "x", "facts": [
      {"fact": "income", "op": "set", "value": "9.000.000.000 tỷ"},
      {"fact": "income", "op": "scale", "rate": "200%"}]})",
                               "x.json");
  REQUIRE_OK(s);
  REQUIRE_ERROR(ntm::apply_facts(prog, facts, *s), errc::overflow);
  CHECK(facts == before);
  auto good = ntm::parse_scenario(R"({"id": "y", "facts": [{"fact": "income", "op": "set", "value": "70 triệu"}]})", "y.json");
  REQUIRE_OK(good);
  ntm::result<void> applied;
  ntm_test::for_each_allocation_failure([&] { applied = ntm::apply_facts(prog, facts, *good); },
                                        [&](long) { unchanged = unchanged && !applied && facts == before; });
  CHECK(unchanged);
  REQUIRE_OK(applied);
  CHECK(facts.get(*prog.find_fact("income"))->as_money().dong() == 70'000'000);
}

TEST_CASE("nothing lost: a scenario failing on unit 9 999 of 10 000 leaves the table as it was", "[hardening][all-or-nothing]") {
  const ntm::program prog = small_program([] {
    ntm::function_registry r;
    REQUIRE_OK(r.add("check", [](std::int64_t) { return true; }));
    return r;
  }());
  std::string csv = "id,income,households\n";
  for (int k = 0; k < 10000; ++k)
    csv += "x" + std::to_string(k) + "," + (k == 9998 ? std::string("9000000000000000000") : std::string("60000000")) + ",10\n";
  auto units = ntm::parse_units_csv(prog, csv, "units.csv");
  REQUIRE_OK(units);
  const ntm::unit_table before = *units;
  auto s = ntm::parse_scenario(R"({"id": "double", "facts": [{"fact": "households", "op": "add", "value": 1},
                                                             {"fact": "income", "op": "scale", "rate": "200%"}]})",
                               "double.json");
  REQUIRE_OK(s);
  auto r = ntm::apply_facts(prog, *units, *s);
  REQUIRE_ERROR(r, errc::overflow);
  CHECK(r.error().context.front().find("x9998") != std::string::npos);
  for (std::uint32_t f = 0; f < prog.fact_count(); ++f)
    for (std::size_t row = 0; row < units->size(); row += 997)
      CHECK(units->facts.values(ntm::fact_slot{f})[row] == before.facts.values(ntm::fact_slot{f})[row]);
  CHECK(units->facts.values(ntm::fact_slot{2})[9998] == 10);
}

TEST_CASE("nothing lost: a callback that throws, even std::bad_alloc, errs its own indicator only", "[hardening][all-or-nothing]") {
  for (int kind = 0; kind < 3; ++kind) {
    ntm::function_registry r;
    REQUIRE_OK(r.add("check", [kind](std::int64_t n) -> bool {
      if (n < 0) {
        if (kind == 0) throw std::bad_alloc();
        if (kind == 1) throw std::runtime_error("the registry of households is unavailable");
        throw 42;  // not even an exception class
      }
      return n > 0;
    }));
    const ntm::program prog = small_program(r);
    ntm::fact_table facts = prog.make_facts();
    REQUIRE_OK(facts.set("income", ntm::value::of_money(ntm::money::from_dong(70'000'000))));
    REQUIRE_OK(facts.set("households", ntm::value::of_integer(-1)));
    const ntm::fact_table before = facts;
    ntm::evaluate_options opt;
    opt.at = *ntm::parse_date("2023-12-31");
    auto a = prog.evaluate(facts, opt);
    REQUIRE_OK(a);
    CHECK(a->find("TC10.1")->result == ntm::status::met);
    CHECK(a->find("TC10.2")->result == ntm::status::error);
    CHECK(a->find("TC10")->result == ntm::status::error);
    CHECK(facts == before);
    ntm::evaluation_state state;
    REQUIRE_OK(prog.evaluate(state, facts, opt.at));
    CHECK(state.status_of(*prog.find_rule("TC10.2")) == ntm::status::error);
    ntm::fact_columns cols = prog.make_columns(3);
    for (std::size_t row = 0; row < 3; ++row) REQUIRE_OK(cols.set_row(row, facts));
    ntm::batch_options bo;
    bo.at = opt.at;
    ntm::batch_result batch;
    REQUIRE_OK(prog.evaluate_batch(cols, bo, batch));
    CHECK(batch.at(1, *prog.find_rule("TC10.2")) == ntm::status::error);
  }
}

TEST_CASE("nothing lost: a scenario that fails to apply leaves the plan as it was", "[hardening][all-or-nothing]") {
  auto p = ntm::load_plan(example + "plan.json");
  REQUIRE_OK(p);
  const std::string funding_before = ntm::to_json(p->funding);
  const std::string roadmap_before = ntm::to_json(p->road);
  const ntm::fact_table facts_before = p->baseline;
  // Its fact and task changes are fine; its last source change names a source the plan lacks.
  auto s = ntm::parse_scenario(R"({"id": "x", "facts": [{"fact": "income_per_capita", "op": "set", "value": "70 triệu"}],
                                   "tasks": [{"task": "land_auction", "delay_days": 30}],
                                   "sources": [{"source": "no_such_source", "scale": "50%"}]})",
                               "x.json");
  REQUIRE_OK(s);
  REQUIRE_ERROR(ntm::apply(*p, *s), errc::unknown_reference);
  CHECK(p->baseline == facts_before);
  CHECK(ntm::to_json(p->funding) == funding_before);
  CHECK(ntm::to_json(p->road) == roadmap_before);
}
