// SPDX-License-Identifier: MIT
#include <ntm/ledger/funding.hpp>
#include <ntm/ledger/reconcile.hpp>

#include <string>

#include "ledger/ledger_test_util.hpp"

using namespace ledger_test;
using ntm::errc;

namespace {

ntm::funding_need make_need(std::string id, std::string criterion, std::int64_t amount, std::string task_id,
                    ntm::payment_timing timing = ntm::payment_timing::at_finish) {
  ntm::funding_need n;
  n.id = std::move(id);
  n.criterion = std::move(criterion);
  n.item = ntm::localized_text{"hạng mục " + n.id, ""};
  n.amount = dong(amount);
  n.task = std::move(task_id);
  n.payment = timing;
  return n;
}

ntm::funding_source fixed_source(std::string id, std::int64_t amount) {
  ntm::funding_source s;
  s.id = std::move(id);
  s.amount = dong(amount);
  return s;
}

ntm::funding_plan small_plan() {
  ntm::funding_plan p;
  p.span = *ntm::parse_period("năm 2023");
  p.needs = {make_need("road", "TC2", 1'000'000'000, "task.road"), make_need("hall", "TC5", 600'000'000, "task.hall")};
  p.sources = {fixed_source("province", 500'000'000)};
  return p;
}

bool has_problem(const std::vector<ntm::error>& problems, errc code, const std::string& pointer) {
  for (const ntm::error& e : problems)
    if (e.code == code && e.where.pointer == pointer) return true;
  return false;
}

}  // namespace

TEST_CASE("funding: the seed reconciles to A 23,8, B 10,5 and a gap of 13,3 tỷ", "[ledger][funding][seed]") {
  const ntm::funding_plan plan = seed_plan();
  REQUIRE(ntm::check(plan).empty());
  auto r = ntm::reconcile(plan);
  REQUIRE_OK(r);
  CHECK(r->needs_total == ty(238));
  CHECK(r->sources_total == ty(105));
  CHECK(r->unconditional_sources_total == ty(85));
  CHECK(r->gap == ty(133));
  REQUIRE(r->by_criterion.size() == 5);
  CHECK(r->by_criterion[0].criterion == "TC2");
  CHECK(r->by_criterion[0].amount == ty(175));
  CHECK(r->by_criterion[1].amount == ty(60));
  CHECK(r->by_criterion[4].criterion == "TC17");
  CHECK(r->by_criterion[4].amount == ty(1));
  REQUIRE(r->by_source.size() == 3);
  CHECK(r->by_source[0].conditional);
  CHECK(r->by_source[0].kind == ntm::source_kind::provincial_district_budget);
  // The 8 tỷ is computed: 15 % of the auction proceeds of the 30 lots.
  CHECK(r->by_source[1].amount == ty(80));
  CHECK(r->by_source[1].basis.find("15%") == 0);
  CHECK(r->by_source[1].basis.find("base.auction_proceeds") != std::string::npos);
  REQUIRE(r->bases.size() == 1);
  CHECK(r->bases[0].amount == dong(53'333'333'334));
  REQUIRE(r->request);
  CHECK(r->request->body == "Huyện ủy, UBND huyện Cẩm Giàng");
  CHECK(r->request->text.vi.find("13,3 tỷ") != std::string::npos);
}

TEST_CASE("funding: the seed's stated 10,3 tỷ is flagged against the computed 10,5 tỷ", "[ledger][funding][seed]") {
  auto r = ntm::reconcile(seed_plan());
  REQUIRE_OK(r);
  REQUIRE(r->stated.size() == 12);
  const auto discrepancies = r->discrepancies();
  REQUIRE(discrepancies.size() == 1);
  const ntm::stated_check& d = discrepancies.front();
  CHECK(d.figure == "sources.total");
  CHECK(d.stated == ty(103));
  CHECK(d.computed == ty(105));
  CHECK(d.difference == ty(-2));
  CHECK(d.where == "Mục 3.B: (Tổng nguồn vốn dự kiến huy động được là 10,3 tỷ)");
  // The balance line's 10,5 and its gap of 13,3 agree with the computation.
  int matched_totals = 0;
  for (const ntm::stated_check& c : r->stated) {
    if (c.figure == "sources.total" && c.matches()) ++matched_totals;
    if (c.figure == "gap" || c.figure == "needs.total") CHECK(c.matches());
  }
  CHECK(matched_totals == 1);
}

TEST_CASE("funding: a derived amount that differs from the stated one is flagged", "[ledger][funding][derived]") {
  ntm::funding_plan p = small_plan();
  ntm::amount_base lots;
  lots.id = "proceeds";
  lots.quantity = *ntm::decimal::from_integer(30);
  lots.unit = "lô";
  lots.unit_price = dong(1'777'777'778);  // 30 × = 53.333.333.340 đ
  p.bases.push_back(lots);
  ntm::funding_source auction;
  auction.id = "auction";
  auction.kind = ntm::source_kind::land_auction_share;
  auction.share = ntm::derived_amount{*ntm::parse_percentage("15%"), "base.proceeds", ntm::rounding::half_up};
  p.sources.push_back(auction);
  p.stated.push_back(ntm::stated_figure{"source.auction", ty(80), "Mục 3.B: theo tỷ lệ 15% là 8 tỷ"});
  p.stated.push_back(ntm::stated_figure{"base.proceeds", dong(53'333'333'340), "tính"});
  auto r = ntm::reconcile(p);
  REQUIRE_OK(r);
  CHECK(r->bases[0].amount == dong(53'333'333'340));
  CHECK(r->by_source[1].amount == dong(8'000'000'001));
  const auto d = r->discrepancies();
  REQUIRE(d.size() == 1);
  CHECK(d[0].figure == "source.auction");
  CHECK(d[0].difference == dong(-1));
  // A share of a share, and of a criterion's total, resolve in order.
  ntm::funding_source top_up;
  top_up.id = "top_up";
  top_up.share = ntm::derived_amount{*ntm::parse_percentage("50%"), "source.auction", ntm::rounding::down};
  p.sources.push_back(top_up);
  ntm::funding_source matched;
  matched.id = "matched";
  matched.share = ntm::derived_amount{*ntm::parse_percentage("10%"), "needs.criterion.TC2", ntm::rounding::half_up};
  p.sources.push_back(matched);
  r = ntm::reconcile(p);
  REQUIRE_OK(r);
  CHECK(r->by_source[2].amount == dong(4'000'000'000));  // 8.000.000.001 / 2 rounded down
  CHECK(r->by_source[3].amount == dong(100'000'000));
}

TEST_CASE("funding: check reports every problem with its pointer", "[ledger][funding][check]") {
  ntm::funding_plan p = small_plan();
  p.needs.push_back(make_need("road", "TC2", -5, ""));  // duplicate id, negative, no task
  ntm::funding_source bad_rate;
  bad_rate.id = "bad_rate";
  bad_rate.share = ntm::derived_amount{*ntm::parse_percentage("150%"), "need.road", ntm::rounding::half_up};
  p.sources.push_back(bad_rate);
  ntm::funding_source unknown;
  unknown.id = "unknown";
  unknown.share = ntm::derived_amount{*ntm::parse_percentage("15%"), "base.auction", ntm::rounding::half_up};
  unknown.eligible.needs = {"hal"};
  unknown.eligible.criteria = {"TC9"};
  p.sources.push_back(unknown);
  ntm::funding_source a, b;
  a.id = "a";
  a.share = ntm::derived_amount{*ntm::parse_percentage("10%"), "source.b", ntm::rounding::half_up};
  b.id = "b";
  b.share = ntm::derived_amount{*ntm::parse_percentage("10%"), "source.a", ntm::rounding::half_up};
  p.sources.push_back(a);
  p.sources.push_back(b);
  ntm::funding_source both = fixed_source("both", 1);
  both.share = ntm::derived_amount{*ntm::parse_percentage("1%"), "needs.total", ntm::rounding::half_up};
  p.sources.push_back(both);
  p.stated.push_back(ntm::stated_figure{"source.provinc", ty(5), "x"});
  p.stated.push_back(ntm::stated_figure{"needs.total", ty(-1), "x"});
  p.needs[1].account = "Quỹ:Sai";
  const auto problems = ntm::check(p);
  CHECK(has_problem(problems, errc::duplicate_id, "/needs/2/id"));
  CHECK(has_problem(problems, errc::negative_amount, "/needs/2/amount"));
  CHECK(has_problem(problems, errc::invalid_value, "/needs/2/task"));
  CHECK(has_problem(problems, errc::rate_out_of_range, "/sources/1/share/rate"));
  CHECK(has_problem(problems, errc::unknown_reference, "/sources/2/share/of"));
  CHECK(has_problem(problems, errc::unknown_reference, "/sources/2/eligible/needs/0"));
  CHECK(has_problem(problems, errc::unknown_reference, "/sources/2/eligible/criteria/0"));
  CHECK(has_problem(problems, errc::funding_cycle, "/sources/3/share/of"));
  CHECK(has_problem(problems, errc::invalid_value, "/sources/5"));
  CHECK(has_problem(problems, errc::unknown_reference, "/stated/0/figure"));
  CHECK(has_problem(problems, errc::negative_amount, "/stated/1/amount"));
  CHECK(has_problem(problems, errc::account_kind_mismatch, "/needs/1/account"));
  for (const ntm::error& e : problems) {
    if (e.where.pointer == "/sources/2/eligible/needs/0") CHECK(e.message.find("did you mean \"hall\"") != std::string::npos);
    if (e.where.pointer == "/stated/0/figure") CHECK(e.message.find("did you mean \"source.province\"") != std::string::npos);
  }
  REQUIRE_ERROR(ntm::reconcile(p), errc::duplicate_id);
  REQUIRE_ERROR(ntm::make_journal(p), errc::duplicate_id);
}

TEST_CASE("funding: the plan's journal has its accounts and actual transactions", "[ledger][funding][journal]") {
  ntm::funding_plan p = small_plan();
  p.accounts.push_back(ntm::account_declaration{"Nguồn:Nhân dân", std::nullopt, ntm::source_kind::people});
  ntm::transaction_input t;
  t.when = day(2023, 3, 1);
  t.description = "Nhận ứng trước";
  t.postings = {ntm::posting_input{"Quỹ:Ngân sách xã", dong(100), dong(100)}, ntm::posting_input{"Phải thu:province", dong(-100), std::nullopt}};
  p.transactions.push_back(t);
  auto j = ntm::make_journal(p);
  REQUIRE_OK(j);
  CHECK(j->transaction_count() == 1);
  CHECK(j->account(*j->find_account("Nguồn:province")).kind == ntm::account_kind::source);
  CHECK(j->account(*j->find_account("Nguồn:Nhân dân")).source == ntm::source_kind::people);
  CHECK(j->account(*j->find_account("Nhu cầu:TC2:road")).kind == ntm::account_kind::need);
  CHECK(j->balance(*j->find_account("Quỹ:Ngân sách xã")) == dong(100));
  // An unbalanced actual transaction and an unknown account are located problems.
  p.transactions[0].postings[1].amount = dong(-99);
  p.transactions.push_back(t);
  p.transactions[1].postings[1].account = "Phải thu:provinc";
  const auto problems = ntm::check(p);
  CHECK(has_problem(problems, errc::unbalanced_transaction, "/transactions/0"));
  CHECK(has_problem(problems, errc::unknown_reference, "/transactions/1/postings/1/account"));
  REQUIRE_ERROR(ntm::make_journal(p), errc::unbalanced_transaction);
}
