// SPDX-License-Identifier: MIT
#include <ntm/ledger/funding_io.hpp>
#include <ntm/ledger/reconcile.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include "ledger/ledger_test_util.hpp"

using namespace ledger_test;
using ntm::errc;

namespace {

const ntm::error* find_problem(const ntm::error& e, errc code, const std::string& pointer) {
  if (e.code == code && e.where.pointer == pointer) return &e;
  for (const ntm::error& d : e.details)
    if (d.code == code && d.where.pointer == pointer) return &d;
  return nullptr;
}

// A plan that uses every field of the format.
ntm::funding_plan full_plan() {
  ntm::funding_plan p = seed_plan();
  p.cash_account = "Quỹ:Kho bạc xã";
  p.accounts.push_back(ntm::account_declaration{"Vốn khác:Đối ứng", ntm::account_kind::other, ntm::source_kind::unspecified});
  p.accounts.push_back(ntm::account_declaration{"Nguồn:Doanh nghiệp", std::nullopt, ntm::source_kind::enterprise});
  ntm::amount_base b;
  b.id = "lots";
  b.label = ntm::localized_text{"Lô đất", "Land lots"};
  b.quantity = *ntm::parse_decimal("2.5");
  b.unit = "lô";
  b.unit_price = dong(1'234'567);
  p.bases.push_back(b);
  p.sources[0].condition->lag_days = 15;
  p.sources[0].eligible.needs = {"axis_road"};
  p.sources[0].label.en = "Province and district budget";
  ntm::funding_source s;
  s.id = "enterprise";
  s.kind = ntm::source_kind::enterprise;
  s.share = ntm::derived_amount{*ntm::parse_percentage("12,5%"), "base.lots", ntm::rounding::half_even};
  s.available.from = day(2023, 3, 15);
  s.account = "Nguồn:Doanh nghiệp:Tài trợ";
  p.sources.push_back(s);
  p.needs[2].item.en = "Outdoor sports equipment";
  p.needs[2].payment_delay_days = 90;  // the contractor waits three months
  ntm::transaction_input t;
  t.when = day(2023, 8, 2);
  t.description = "Nhận 15% tiền đấu giá, \"đợt 1\"";
  t.reference = "R-1";
  t.postings = {ntm::posting_input{"Quỹ:Kho bạc xã", dong(8'000'000'000), dong(8'000'000'000)},
                ntm::posting_input{"Phải thu:Đấu giá đất 15%", dong(-8'000'000'000), std::nullopt}};
  p.transactions.push_back(t);
  p.gap->text.en = "The commune asks the district for the rest.";
  return p;
}

}  // namespace

TEST_CASE("funding io: the seed file loads, saves and reloads equal", "[ledger][funding][io]") {
  const ntm::funding_plan plan = seed_plan();
  CHECK(plan.unit == "xã Thạch Lỗi, huyện Cẩm Giàng, tỉnh Hải Dương");
  CHECK(plan.span.first == day(2023, 1, 1));
  CHECK(plan.needs.size() == 5);
  CHECK(plan.sources.size() == 3);
  CHECK(plan.stated.size() == 12);
  const std::string text = ntm::to_json(plan);
  CHECK(text.find("\"amount\": \"17,5 tỷ\"") != std::string::npos);
  auto again = ntm::parse_funding(text, "saved.json");
  REQUIRE_OK(again);
  CHECK(*again == plan);
  CHECK(ntm::to_json(*again) == text);  // deterministic
}

TEST_CASE("funding io: every field survives save and reload", "[ledger][funding][io]") {
  const ntm::funding_plan plan = full_plan();
  REQUIRE(ntm::check(plan).empty());
  const std::string path = (std::filesystem::temp_directory_path() / "ntm-ledger-test-funding.json").string();
  REQUIRE_OK(ntm::save_funding(plan, path));
  auto again = ntm::load_funding(path);
  std::remove(path.c_str());
  REQUIRE_OK(again);
  CHECK(again->accounts == plan.accounts);
  CHECK(again->bases == plan.bases);
  CHECK(again->sources == plan.sources);
  CHECK(again->transactions == plan.transactions);
  CHECK(*again == plan);
  auto r = ntm::reconcile(*again);
  REQUIRE_OK(r);
  CHECK(r->bases.back().amount == dong(3'086'418));  // 2,5 × 1.234.567 rounded half up
  CHECK(r->by_source.back().amount == dong(385'802)); // 12,5 % of it, half even
}

TEST_CASE("funding io: the loader reports every problem with line and column", "[ledger][funding][io]") {
  const std::string text =
      "{\n"                                                                                              // 1
      "  \"period\": \"năm 2023\",\n"                                                                    // 2
      "  \"needs\": [\n"                                                                                 // 3
      "    {\"id\": \"road\", \"criterion\": \"TC2\", \"item\": \"Đường\", \"amount\": \"1.000\", \"task\": \"t\"},\n"  // 4
      "    {\"id\": \"hall\", \"criterion\": \"TC5\", \"item\": \"Nhà\", \"amount\": \"-6 tỷ\", \"task\": \"t\", \"paymnt\": \"at_start\"}\n"  // 5
      "  ],\n"                                                                                           // 6
      "  \"sources\": [\n"                                                                               // 7
      "    {\"id\": \"a\", \"amount\": \"2 tỷ\", \"eligible\": {\"needs\": [\"hal\"]}},\n"               // 8
      "    {\"id\": \"b\", \"share\": {\"rate\": \"150%\", \"of\": \"base.auction\"}},\n"                // 9
      "    {\"id\": \"c\", \"amout\": \"1 tỷ\"}\n"                                                       // 10
      "  ]\n"                                                                                            // 11
      "}\n";
  auto r = ntm::parse_funding(text, "bad.json");
  REQUIRE_FALSE(r);
  const ntm::error& e = r.error();
  INFO(ntm::format(e));
  CHECK(e.details.size() == 7);
  const ntm::error* ambiguous = find_problem(e, errc::money_ambiguous, "/needs/0/amount");
  REQUIRE(ambiguous);
  CHECK(ambiguous->where.file == "bad.json");
  CHECK(ambiguous->where.line == 4);
  CHECK(ambiguous->where.column == 68);  // the value's quote is at column 67, its text starts at 68
  const ntm::error* negative = find_problem(e, errc::negative_amount, "/needs/1/amount");
  REQUIRE(negative);
  CHECK(negative->where.line == 5);
  const ntm::error* typo = find_problem(e, errc::json_unknown_field, "/needs/1/paymnt");
  REQUIRE(typo);
  CHECK(typo->where.line == 5);
  CHECK(typo->message.find("did you mean \"payment\"") != std::string::npos);
  const ntm::error* eligible = find_problem(e, errc::unknown_reference, "/sources/0/eligible/needs/0");
  REQUIRE(eligible);
  CHECK(eligible->where.line == 8);
  CHECK(eligible->message.find("did you mean \"hall\"") != std::string::npos);
  const ntm::error* rate = find_problem(e, errc::rate_out_of_range, "/sources/1/share/rate");
  REQUIRE(rate);
  CHECK(rate->where.line == 9);
  const ntm::error* of = find_problem(e, errc::unknown_reference, "/sources/1/share/of");
  REQUIRE(of);
  CHECK(of->where.line == 9);
  const ntm::error* amout = find_problem(e, errc::json_unknown_field, "/sources/2/amout");
  REQUIRE(amout);
  CHECK(amout->message.find("did you mean \"amount\"") != std::string::npos);
  // The missing amount of source c follows from the typo: it is not reported again.
  CHECK_FALSE(find_problem(e, errc::invalid_value, "/sources/2"));
  CHECK(e.context.back() == "while loading funding plan bad.json");
}

TEST_CASE("funding io: syntax, version and file errors", "[ledger][funding][io]") {
  auto syntax = ntm::parse_funding("{\n  \"period\": \"năm 2023\",,\n}", "x.json");
  REQUIRE_ERROR(syntax, errc::json_syntax);
  CHECK(syntax.error().where.line == 2);
  REQUIRE_ERROR(ntm::parse_funding(R"({"format": "ntm.plan", "period": "năm 2023", "needs": [], "sources": []})"), errc::format_version);
  REQUIRE_ERROR(ntm::parse_funding(R"({"version": 2, "period": "năm 2023", "needs": [], "sources": []})"), errc::format_version);
  REQUIRE_ERROR(ntm::parse_funding(R"({"needs": [], "sources": []})"), errc::json_missing_field);
  REQUIRE_ERROR(ntm::parse_funding(R"({"period": "năm 2023", "sources": [{"id": "x", "amount": 5, "available": {"from": "2023-01-01", "spread": "năm 2023"}}]})"),
                errc::invalid_value);
  REQUIRE_ERROR(ntm::parse_funding(R"({"period": "năm 2023", "sources": [{"id": "x", "share": {"rate": 0.15, "of": "needs.total"}}]})"),
                errc::json_type);
  REQUIRE_ERROR(ntm::parse_funding(R"({"period": "năm 2023", "accounts": [{"name": "Quỹ::X"}]})"), errc::invalid_account_name);
  REQUIRE_ERROR(ntm::load_funding("/nonexistent/funding.json"), errc::io_error);
  // Amounts as integers of đồng are accepted.
  auto ok = ntm::parse_funding(R"({"period": "năm 2023", "needs": [{"id": "n", "criterion": "TC2", "item": "x", "amount": 17500000000, "task": "t"}]})");
  REQUIRE_OK(ok);
  CHECK(ok->needs[0].amount == ty(175));
  CHECK(ok->needs[0].payment_delay_days == 0);
  // A deferred payment is 0 to 36500 days, checked where it is written.
  auto late = ntm::parse_funding(
      "{\"period\": \"năm 2023\", \"needs\": [\n {\"id\": \"n\", \"criterion\": \"TC2\", \"item\": \"x\", \"amount\": 1, \"task\": \"t\", \"payment_delay_days\": -5}]}",
      "late.json");
  REQUIRE_ERROR(late, errc::invalid_value);
  CHECK(late.error().where.line == 2);
  CHECK(late.error().message.find("payment_delay_days") != std::string::npos);
}
