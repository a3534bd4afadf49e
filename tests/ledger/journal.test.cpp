// SPDX-License-Identifier: MIT
#include <ntm/ledger/journal.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "support/result_matchers.hpp"

using ntm::account_kind;
using ntm::errc;
using ntm::money;

namespace {

money dong(std::int64_t v) { return money::from_dong(v); }
ntm::date day(int y, int m, int d) { return ntm::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)); }

ntm::transaction_input txn(ntm::date when, std::string description, std::vector<ntm::posting_input> postings,
                           std::string reference = "") {
  ntm::transaction_input t;
  t.when = when;
  t.description = std::move(description);
  t.reference = std::move(reference);
  t.postings = std::move(postings);
  return t;
}

ntm::posting_input post(std::string account, std::int64_t amount) { return ntm::posting_input{std::move(account), dong(amount), std::nullopt}; }
ntm::posting_input post(std::string account, std::int64_t amount, std::int64_t asserted) {
  return ntm::posting_input{std::move(account), dong(amount), dong(asserted)};
}

const char* const cash = "Quỹ:Ngân sách xã";
const char* const road = "Nhu cầu:TC2:Đường trục xã";
const char* const province = "Nguồn:Ngân sách tỉnh huyện";
const char* const province_due = "Phải thu:Ngân sách tỉnh huyện";

ntm::journal seed_journal() {
  ntm::journal j;
  for (const char* name : {cash, road, province, province_due}) REQUIRE_OK(j.declare_account(name));
  return j;
}

// Everything an observer can see, to prove that a failed call changed nothing.
struct snapshot {
  std::size_t accounts, transactions, postings;
  std::vector<std::int64_t> balances;
  explicit snapshot(const ntm::journal& j)
      : accounts(j.account_count()), transactions(j.transaction_count()), postings(j.posting_count()) {
    for (std::uint32_t id = 0; id < j.account_count(); ++id) balances.push_back(j.balance(ntm::account_id{id}).dong());
  }
  bool operator==(const snapshot& o) const {
    return accounts == o.accounts && transactions == o.transactions && postings == o.postings && balances == o.balances;
  }
};

}  // namespace

TEST_CASE("journal: account kinds come from the root and implicit parents are created", "[ledger][account]") {
  ntm::journal j = seed_journal();
  auto road_id = j.find_account(road);
  REQUIRE(road_id);
  CHECK(j.account(*road_id).kind == account_kind::need);
  CHECK(j.account(*road_id).declared);
  auto parent = j.find_account("Nhu cầu:TC2");
  REQUIRE(parent);
  CHECK_FALSE(j.account(*parent).declared);
  CHECK(j.account(*road_id).parent == *parent);
  CHECK(j.account(*j.find_account(province)).kind == account_kind::source);
  CHECK(j.account(*j.find_account(province_due)).kind == account_kind::receivable);
  CHECK(j.account(*j.find_account(cash)).kind == account_kind::cash);
  // Accent-free roots are recognised too; other roots are "other".
  auto plain = j.declare_account("Nguon:Dau gia dat", std::nullopt, ntm::source_kind::land_auction_share);
  REQUIRE_OK(plain);
  CHECK(j.account(*plain).kind == account_kind::source);
  CHECK(j.account(*plain).source == ntm::source_kind::land_auction_share);
  auto other = j.declare_account("Vốn đối ứng:Khác");
  REQUIRE_OK(other);
  CHECK(j.account(*other).kind == account_kind::other);
  // Declaring again with the same kind is fine; another kind is not, and changes nothing.
  REQUIRE_OK(j.declare_account(road, account_kind::need));
  const snapshot before(j);
  REQUIRE_ERROR(j.declare_account(road, account_kind::cash), errc::account_kind_mismatch);
  REQUIRE_ERROR(j.declare_account("Nhu cầu:TC5:Nhà đa năng", account_kind::source), errc::account_kind_mismatch);
  REQUIRE_ERROR(j.declare_account("Quỹ:Xã", std::nullopt, ntm::source_kind::people), errc::account_kind_mismatch);
  CHECK(snapshot(j) == before);
  CHECK_FALSE(j.find_account("Nhu cầu:TC5"));
}

TEST_CASE("journal: bad account names are rejected with the column", "[ledger][account]") {
  using row = std::pair<const char*, std::uint32_t>;
  auto [name, column] = GENERATE(table<const char*, std::uint32_t>({
      row{"Quỹ::Xã", 5},
      row{"Quỹ:", 5},
      row{":Quỹ", 1},
      row{"Quỹ: Xã", 5},
      row{"Quỹ:Ngân  sách", 9},
      row{"Quỹ;Xã", 4},
      row{"(Quỹ)", 1},
      row{"Quỹ\tXã", 4},
      row{"Qu\xC3", 3},
  }));
  CAPTURE(name);
  auto r = ntm::check_account_name(name);
  REQUIRE_ERROR(r, errc::invalid_account_name);
  CHECK(r.error().where.column == column);
  REQUIRE_ERROR(ntm::check_account_name(""), errc::invalid_account_name);
  REQUIRE_OK(ntm::check_account_name("Nhu cầu:TC2:Đường trục xã (giai đoạn 2)"));
}

TEST_CASE("journal: a balanced transaction is recorded and balances follow", "[ledger][journal]") {
  ntm::journal j = seed_journal();
  REQUIRE_OK(j.post(txn(day(2023, 1, 1), "Cam kết", {post(province_due, 2'000'000'000), post(province, -2'000'000'000)}, "P-1")));
  auto r = j.post(txn(day(2023, 12, 31), "Nhận hỗ trợ", {post(cash, 2'000'000'000), post(province_due, -2'000'000'000)}, "R-1"));
  REQUIRE_OK(r);
  CHECK(*r == 1);
  CHECK(j.transaction_count() == 2);
  CHECK(j.posting_count() == 4);
  const auto view = j.transaction(1);
  CHECK(view.when == day(2023, 12, 31));
  CHECK(view.description == "Nhận hỗ trợ");
  CHECK(view.reference == "R-1");
  CHECK(j.posting(view.first_posting).amount == dong(2'000'000'000));
  CHECK(j.balance(*j.find_account(cash)) == dong(2'000'000'000));
  CHECK(j.balance(*j.find_account(province_due)).is_zero());
  auto mid_year = j.balance(*j.find_account("Phải thu"), day(2023, 6, 30));
  REQUIRE_OK(mid_year);
  CHECK(*mid_year == dong(2'000'000'000));
  auto own_only = j.balance(*j.find_account("Phải thu"), day(2023, 6, 30), false);
  REQUIRE_OK(own_only);
  CHECK(own_only->is_zero());
  auto all = j.balances();
  REQUIRE_OK(all);
  CHECK((*all)[j.find_account("Nguồn")->value].total == dong(-2'000'000'000));
  CHECK((*all)[j.find_account("Nguồn")->value].own.is_zero());
  auto stages = j.totals_by_stage();
  REQUIRE_OK(stages);
  CHECK(stages->pledged == dong(2'000'000'000));
  CHECK(stages->received == dong(2'000'000'000));
  CHECK(stages->outstanding.is_zero());
  CHECK(stages->cash == dong(2'000'000'000));
  CHECK(stages->disbursed.is_zero());
  // Pay part of the road.
  REQUIRE_OK(j.post(txn(day(2024, 1, 5), "Chi", {post(road, 1'500'000'000), post(cash, -1'500'000'000)})));
  stages = j.totals_by_stage();
  CHECK(stages->disbursed == dong(1'500'000'000));
  CHECK(stages->cash == dong(500'000'000));
}

TEST_CASE("journal: an unbalanced transaction is rejected, names the difference and changes nothing", "[ledger][journal]") {
  ntm::journal j = seed_journal();
  REQUIRE_OK(j.post(txn(day(2023, 1, 1), "Cam kết", {post(province_due, 2'000'000'000), post(province, -2'000'000'000)})));
  const snapshot before(j);
  auto r = j.post(txn(day(2023, 2, 1), "Nhận thiếu", {post(cash, 2'000'000'000), post(province_due, -1'999'999'999)}, "R-9"));
  REQUIRE_ERROR(r, errc::unbalanced_transaction);
  CHECK(r.error().message.find("1 đ") != std::string::npos);
  CHECK(r.error().message.find("R-9") != std::string::npos);
  CHECK(snapshot(j) == before);
  // Unknown accounts, empty transactions and missing dates are rejected too.
  REQUIRE_ERROR(j.post(txn(day(2023, 2, 1), "x", {post("Quỹ:Không có", 1), post(cash, -1)})), errc::unknown_reference);
  REQUIRE_ERROR(j.post(txn(day(2023, 2, 1), "x", {})), errc::invalid_argument);
  REQUIRE_ERROR(j.post(txn(ntm::date(), "x", {post(cash, 0)})), errc::invalid_argument);
  REQUIRE_ERROR(j.post(txn(day(2023, 2, 1), "\xC3", {post(cash, 0)})), errc::invalid_utf8);
  CHECK(snapshot(j) == before);
  // post_all: a bad last transaction rejects them all.
  auto many = j.post_all({txn(day(2023, 3, 1), "ok", {post(cash, 5), post(province, -5)}),
                          txn(day(2023, 3, 2), "bad", {post(cash, 5), post(province, -4)})});
  REQUIRE_ERROR(many, errc::unbalanced_transaction);
  CHECK(snapshot(j) == before);
}

TEST_CASE("journal: exact at the int64 extremes, overflow reported and nothing changed", "[ledger][journal][overflow]") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  ntm::journal j = seed_journal();
  // Balanced in exact arithmetic although the running sum passes 2^63.
  REQUIRE_OK(j.post(txn(day(2023, 1, 1), "extremes", {post(cash, max), post(road, max), post(province, -max), post(province_due, -max)})));
  CHECK(j.balance(*j.find_account(cash)).dong() == max);
  const snapshot before(j);
  auto over = j.post(txn(day(2023, 1, 2), "one more", {post(cash, 1), post(province, -1)}));
  REQUIRE_ERROR(over, errc::overflow);
  CHECK(over.error().message.find("Quỹ:Ngân sách xã") != std::string::npos);
  CHECK(snapshot(j) == before);
  // Undone newest first (fuzzing: undone oldest first, max − max + max then − (−max) overflowed).
  auto swing = j.post(txn(day(2023, 1, 2), "swing", {post(cash, -max), post(cash, max), post(cash, 1), post(province, -1)}));
  REQUIRE_ERROR(swing, errc::overflow);
  CHECK(snapshot(j) == before);
  // The sum of postings is exact: max + max − max − (max − 1) = 1 đồng off.
  auto off = j.post(txn(day(2023, 1, 3), "off by one", {post(province_due, max), post(province, max), post(cash, -max), post(road, -(max - 1))}));
  REQUIRE_ERROR(off, errc::unbalanced_transaction);
  CHECK(snapshot(j) == before);
  // A subtree total beyond the range is an error, not a wrapped number.
  ntm::journal k;
  REQUIRE_OK(k.declare_account("Quỹ:A"));
  REQUIRE_OK(k.declare_account("Quỹ:B"));
  REQUIRE_OK(k.declare_account("Nguồn:A"));
  REQUIRE_OK(k.declare_account("Nguồn:B"));
  REQUIRE_OK(k.post(txn(day(2023, 1, 1), "big", {post("Quỹ:A", max), post("Quỹ:B", max), post("Nguồn:A", min + 1), post("Nguồn:B", min + 1)})));
  REQUIRE_ERROR(k.balances(), errc::overflow);
  REQUIRE_ERROR(k.balance(*k.find_account("Quỹ"), day(2023, 12, 31)), errc::overflow);
  REQUIRE_ERROR(k.totals_by_stage(), errc::overflow);
}

TEST_CASE("journal: balance assertions report asserted, computed and difference", "[ledger][assertion]") {
  ntm::journal j = seed_journal();
  REQUIRE_OK(j.post(txn(day(2023, 1, 1), "Cam kết", {post(province_due, 2'000'000'000), post(province, -2'000'000'000)})));
  REQUIRE_OK(j.post(txn(day(2023, 7, 1), "Nhận 1", {post(cash, 1'500'000'000, 1'500'000'000), post(province_due, -1'500'000'000)}, "R-1")));
  const snapshot before(j);
  auto bad = j.post(txn(day(2023, 8, 1), "Nhận 2", {post(cash, 400'000'000, 2'000'000'000), post(province_due, -400'000'000)}, "R-2"));
  REQUIRE_ERROR(bad, errc::balance_assertion_failed);
  const std::string& msg = bad.error().message;
  CHECK(msg.find("asserted 2.000.000.000 đ") != std::string::npos);
  CHECK(msg.find("computed 1.900.000.000 đ") != std::string::npos);
  CHECK(msg.find("difference 100.000.000 đ") != std::string::npos);
  CHECK(msg.find("R-2") != std::string::npos);
  CHECK(snapshot(j) == before);
  // A back-dated transaction that would break a recorded assertion is rejected as well.
  auto backdated = j.post(txn(day(2023, 6, 1), "Nhận sớm", {post(cash, 100'000'000), post(province_due, -100'000'000)}));
  REQUIRE_ERROR(backdated, errc::balance_assertion_failed);
  CHECK(snapshot(j) == before);
  // Dated after the assertion, it is fine; the assertion still holds.
  REQUIRE_OK(j.post(txn(day(2023, 9, 1), "Nhận 3", {post(cash, 100'000'000, 1'600'000'000), post(province_due, -100'000'000)})));
  const auto checks = j.check_assertions();
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].holds());
  CHECK(checks[0].transaction == 1);
  CHECK(checks[0].computed == dong(1'500'000'000));
  CHECK(checks[1].computed == dong(1'600'000'000));
  CHECK(checks[1].difference.is_zero());
}

TEST_CASE("journal: clone is a deep copy", "[ledger][journal]") {
  ntm::journal j = seed_journal();
  ntm::journal copy = j.clone();
  REQUIRE_OK(j.post(txn(day(2023, 1, 1), "x", {post(cash, 7), post(province, -7)})));
  CHECK(copy.transaction_count() == 0);
  CHECK(copy.balance(*copy.find_account(cash)).is_zero());
  CHECK(j.balance(*j.find_account(cash)) == dong(7));
  // Ids and indices out of range give empty values, not exceptions.
  CHECK(j.account(ntm::account_id{}).name.empty());
  CHECK(j.balance(ntm::account_id{999}).is_zero());
  CHECK(j.transaction(5).posting_count == 0);
  CHECK_FALSE(j.posting(99).account.valid());
  REQUIRE_ERROR(j.balance(ntm::account_id{999}, day(2023, 1, 1)), errc::invalid_argument);
}
