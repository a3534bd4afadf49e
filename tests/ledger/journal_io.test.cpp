// SPDX-License-Identifier: MIT
#include <ntm/ledger/journal_io.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include <ntm/ledger/cash_flow.hpp>
#include <ntm/ledger/reconcile.hpp>

#include "ledger/ledger_test_util.hpp"

using namespace ledger_test;
using ntm::errc;

namespace {

ntm::journal declared_journal() {
  ntm::journal j;
  for (const char* name : {"Quỹ:Ngân sách xã", "Phải thu:Đấu giá đất 15%", "Phải thu:Nhân dân", "Nguồn:Đấu giá đất 15%",
                           "Nguồn:Nhân dân", "Nhu cầu:TC2:Đường trục xã", "Nhu cầu:TC6:Dụng cụ thể thao"})
    REQUIRE_OK(j.declare_account(name));
  return j;
}

struct state {
  std::size_t accounts, transactions, postings;
  std::vector<std::int64_t> balances;
  explicit state(const ntm::journal& j) : accounts(j.account_count()), transactions(j.transaction_count()), postings(j.posting_count()) {
    for (std::uint32_t id = 0; id < j.account_count(); ++id) balances.push_back(j.balance(ntm::account_id{id}).dong());
  }
  bool operator==(const state& o) const {
    return accounts == o.accounts && transactions == o.transactions && postings == o.postings && balances == o.balances;
  }
};

const ntm::error* find_problem(const ntm::error& e, errc code) {
  if (e.details.empty() && e.code == code) return &e;
  for (const ntm::error& d : e.details)
    if (d.code == code) return &d;
  return nullptr;
}

std::string good_csv() {
  return "\xEF\xBB\xBF"
         "date,account,amount,description,reference\r\n"
         "2023-07-30,Quỹ:Ngân sách xã,8 tỷ,\"Nhận 15% tiền đấu giá, đợt 1\",R-1\r\n"
         "2023-08-01,Quỹ:Ngân sách xã,100000000,\"Nhân dân đóng góp \"\"xã hội hóa\"\"\",R-2\r\n"
         "\r\n"
         "30/07/2023,Phải thu:Đấu giá đất 15%,-8.000.000.000 đ,,R-1\r\n"
         "2023-08-01,Phải thu:Nhân dân,-100000000,,R-2\r\n"
         "2023-09-30,Nhu cầu:TC6:Dụng cụ thể thao,100000000,\"Chi lắp đặt\n(nhiều dòng)\",C-1\r\n"
         "2023-09-30,Quỹ:Ngân sách xã,\"-0,1 tỷ\",,C-1\r\n";
}

bool has_program(const char* name) {
  return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a command and returns its standard output and exit status.
std::pair<std::string, int> run(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {"", -1};
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {out, status};
}

// Parses "   17500000000 VND  Nhu cầu:TC2:…" lines of a flat balance report.
std::map<std::string, std::int64_t> parse_balance_report(const std::string& report) {
  std::map<std::string, std::int64_t> out;
  static const std::regex line(R"(^\s*(-?[0-9]+) VND  (.+)$)");
  std::size_t start = 0;
  while (start < report.size()) {
    const std::size_t end = std::min(report.find('\n', start), report.size());
    const std::string text = report.substr(start, end - start);
    std::smatch m;
    if (std::regex_match(text, m, line)) out[m[2]] = std::stoll(m[1]);
    start = end + 1;
  }
  return out;
}

std::string write_temp(const std::string& name, const std::string& content) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

}  // namespace

TEST_CASE("csv: receipts and disbursements import with quotes, CRLF, BOM and Vietnamese amounts", "[ledger][csv]") {
  ntm::journal j = declared_journal();
  auto r = ntm::import_csv(j, good_csv(), "thu-chi.csv");
  REQUIRE_OK(r);
  CHECK(r->rows == 6);
  CHECK(r->transactions == 3);
  CHECK(r->postings == 6);
  CHECK(r->new_accounts == 0);
  // Rows of R-1 are not adjacent; they still form one transaction, in order of first appearance.
  const auto first = j.transaction(0);
  CHECK(first.reference == "R-1");
  CHECK(first.when == day(2023, 7, 30));
  CHECK(first.description == "Nhận 15% tiền đấu giá, đợt 1");
  CHECK(first.posting_count == 2);
  CHECK(j.transaction(1).description == "Nhân dân đóng góp \"xã hội hóa\"");
  CHECK(j.transaction(2).description == "Chi lắp đặt\n(nhiều dòng)");
  CHECK(j.balance(*j.find_account("Quỹ:Ngân sách xã")) == dong(8'000'000'000));
  CHECK(j.balance(*j.find_account("Nhu cầu:TC6:Dụng cụ thể thao")) == dong(100'000'000));
  // Interleaved transactions whose description comes on a later row.
  ntm::journal k = declared_journal();
  REQUIRE_OK(ntm::import_csv(k, "date,account,amount,description,reference\n"
                                "2023-01-01,Quỹ:Ngân sách xã,5,,A\n"
                                "2023-01-01,Nguồn:Nhân dân,-1,,B\n"
                                "2023-01-01,Nguồn:Nhân dân,-5,Mô tả ở dòng sau,A\n"
                                "2023-01-01,Quỹ:Ngân sách xã,1,Bê,B\n"));
  REQUIRE(k.transaction_count() == 2);
  CHECK(k.transaction(0).reference == "A");
  CHECK(k.transaction(0).description == "Mô tả ở dòng sau");
  CHECK(k.transaction(1).reference == "B");
  CHECK(k.transaction(1).description == "Bê");
  CHECK(k.transaction(1).first_posting == 2);
  CHECK(k.posting(1).amount == dong(-5));
  CHECK(k.posting(2).amount == dong(-1));
}

TEST_CASE("csv: a bad last row rejects the whole file and leaves the ledger unchanged", "[ledger][csv]") {
  ntm::journal j = declared_journal();
  REQUIRE_OK(ntm::import_csv(j, "date,account,amount,reference\n2023-01-02,Quỹ:Ngân sách xã,5,X\n2023-01-02,Nguồn:Nhân dân,-5,X\n"));
  const state before(j);
  const std::string csv = good_csv() + "2023-10-01,Quỹ:Ngân sách xã,1.000,Sai,C-2\r\n";
  auto r = ntm::import_csv(j, csv, "thu-chi.csv");
  REQUIRE_FALSE(r);
  INFO(ntm::format(r.error()));
  const ntm::error* bad = find_problem(r.error(), errc::money_ambiguous);
  REQUIRE(bad);
  CHECK(bad->message.find("row 8, column \"amount\"") == 0);
  CHECK(bad->where.file == "thu-chi.csv");
  CHECK(bad->where.line == 10);  // the quoted description of C-1 spans two lines
  CHECK(bad->where.column == 29);
  CHECK(state(j) == before);
  CHECK(j.transaction_count() == 1);
}

TEST_CASE("csv: every bad row is reported with its row, column and location", "[ledger][csv]") {
  ntm::journal j = declared_journal();
  const state before(j);
  const std::string csv =
      "date,account,amount,description,reference\n"
      "2023-02-30,Quỹ:Ngân sách xã,5,a,T1\n"         // row 2: impossible date
      "2023-03-01,Quy:Ngân sách xã,5,b,T2\n"         // row 3: unknown account
      "2023-03-01,Nguồn:Nhân dân,-4,,T3\n"           // row 4: T3 does not balance
      "2023-03-01,Quỹ:Ngân sách xã,5,c\n"            // row 5: a field is missing
      "2023-03-02,Quỹ:Ngân sách xã,3,,T3\n"          // row 6: another date for T3
      "2023-03-03,Quỹ:Ngân sách xã,1,d,T4\n"
      "2023-03-03,Nguồn:Nhân dân,-1,e,T4\n"          // row 8: another description for T4
      "2023-03-03,Quỹ:Ngân sách xã,,,T5\n";          // row 9: empty amount
  auto r = ntm::import_csv(j, csv, "x.csv");
  REQUIRE_FALSE(r);
  const ntm::error& e = r.error();
  INFO(ntm::format(e));
  REQUIRE(e.details.size() == 6);
  CHECK(e.details[0].code == errc::date_invalid);
  CHECK(e.details[0].where.line == 2);
  CHECK(e.details[0].message.find("row 2, column \"date\"") == 0);
  CHECK(e.details[1].code == errc::unknown_reference);
  CHECK(e.details[1].message.find("did you mean \"Quỹ:Ngân sách xã\"") != std::string::npos);
  CHECK(e.details[1].where.column == 12);
  CHECK(e.details[2].code == errc::csv_syntax);
  CHECK(e.details[2].message.find("row 5 has 4 fields") == 0);
  CHECK(e.details[3].code == errc::invalid_value);
  CHECK(e.details[3].message.find("row 6, column \"date\"") == 0);
  CHECK(e.details[4].code == errc::invalid_value);
  CHECK(e.details[4].message.find("row 8, column \"description\"") == 0);
  CHECK(e.details[5].code == errc::invalid_value);
  CHECK(e.details[5].message.find("row 9, column \"amount\"") == 0);
  CHECK(state(j) == before);
  // Only an unbalanced transaction: reported with its first row.
  auto unbalanced = ntm::import_csv(j, "date,account,amount,reference\n2023-03-01,Nguồn:Nhân dân,-4,T3\n2023-03-01,Quỹ:Ngân sách xã,3,T3\n");
  REQUIRE_ERROR(unbalanced, errc::unbalanced_transaction);
  CHECK(unbalanced.error().message.find("row 2:") == 0);
  CHECK(unbalanced.error().message.find("-1 đ") != std::string::npos);
  CHECK(state(j) == before);
}

TEST_CASE("csv: malformed files and headers", "[ledger][csv]") {
  ntm::journal j = declared_journal();
  auto quote = ntm::import_csv(j, "date,account,amount,reference\n2023-01-01,\"Quỹ:Ngân sách xã,5,T\n");
  REQUIRE_ERROR(quote, errc::csv_syntax);
  CHECK(quote.error().where.line == 2);
  CHECK(quote.error().where.column == 12);
  REQUIRE_ERROR(ntm::import_csv(j, "date,account,amount,reference\n2023-01-01,Quỹ:Ngân sách xã,5\"x\",T\n"), errc::csv_syntax);
  REQUIRE_ERROR(ntm::import_csv(j, ""), errc::csv_syntax);
  auto header = ntm::import_csv(j, "date,acount,amount\n");
  REQUIRE_ERROR(header, errc::csv_syntax);
  CHECK(header.error().details.size() == 3);  // unknown "acount"; no account, no reference
  CHECK(header.error().details[0].message.find("did you mean \"account\"") != std::string::npos);
  REQUIRE_ERROR(ntm::import_csv(j, "date,account,amount,reference\n2023-01-01,Quỹ:Ngân sách xã,5,\xC3\n"), errc::invalid_utf8);
  auto utf8 = ntm::import_csv(j, "date,account,amount,description,reference\n2023-01-01,Quỹ:Ngân sách xã,5,ab\xC3,T\n");
  REQUIRE_ERROR(utf8, errc::invalid_utf8);
  CHECK(utf8.error().message.find("row 2, column \"description\"") == 0);
  CHECK(utf8.error().where.column == 33);
  REQUIRE_ERROR(ntm::import_csv_file(j, "/nonexistent/thu-chi.csv"), errc::io_error);
  CHECK(j.transaction_count() == 0);
  CHECK(j.account_count() == declared_journal().account_count());
}

TEST_CASE("csv: new accounts on request, and rolled back with a failed import", "[ledger][csv]") {
  ntm::journal j = declared_journal();
  const std::size_t accounts = j.account_count();
  ntm::csv_import_options open;
  open.declare_new_accounts = true;
  const std::string csv = "date,account,amount,reference\n2023-01-01,Quỹ:Thôn 1,5,T\n2023-01-01,Nguồn:Doanh nghiệp A,-5,T\n"
                          "2023-01-02,Quỹ:Thôn 2,5,U\n2023-01-02,Nguồn:Doanh nghiệp A,-4,U\n";
  REQUIRE_ERROR(ntm::import_csv(j, csv, "", open), errc::unbalanced_transaction);
  CHECK(j.account_count() == accounts);
  CHECK_FALSE(j.find_account("Quỹ:Thôn 1"));
  auto ok = ntm::import_csv(j, csv.substr(0, csv.find("2023-01-02")), "", open);
  REQUIRE_OK(ok);
  CHECK(ok->new_accounts == 2);
  CHECK(j.account(*j.find_account("Quỹ:Thôn 1")).kind == ntm::account_kind::cash);
  REQUIRE_ERROR(ntm::import_csv(j, "date,account,amount,reference\n2023-01-01,Quỹ::X,5,T\n", "", open), errc::invalid_account_name);
}

TEST_CASE("csv: an import that would break a recorded balance assertion is rejected", "[ledger][csv][assertion]") {
  ntm::journal j = declared_journal();
  ntm::transaction_input t;
  t.when = day(2023, 6, 30);
  t.description = "Kiểm quỹ";
  t.postings = {ntm::posting_input{"Quỹ:Ngân sách xã", dong(0), dong(0)}};
  REQUIRE_OK(j.post(t));
  const state before(j);
  auto r = ntm::import_csv(j, "date,account,amount,reference\n2023-05-01,Quỹ:Ngân sách xã,5,T\n2023-05-01,Nguồn:Nhân dân,-5,T\n");
  REQUIRE_ERROR(r, errc::balance_assertion_failed);
  CHECK(state(j) == before);
  REQUIRE_OK(ntm::import_csv(j, "date,account,amount,reference\n2023-07-01,Quỹ:Ngân sách xã,5,T\n2023-07-01,Nguồn:Nhân dân,-5,T\n"));
}

TEST_CASE("export: ledger and hledger read the journal and agree with ntm to the đồng", "[ledger][export]") {
  // The seed's projection (pledges, receipts, payments) plus actual receipts with assertions.
  const ntm::funding_plan plan = seed_plan();
  auto projected = ntm::make_plan_journal(plan, seed_timeline());
  REQUIRE_OK(projected);
  ntm::journal& j = *projected;
  ntm::transaction_input t;
  t.when = day(2023, 12, 31);
  t.description = "Kiểm quỹ (cuối năm); đối chiếu\nkho bạc";
  t.reference = "KQ(1)";
  t.postings = {ntm::posting_input{"Quỹ:Ngân sách xã", dong(0), ntm::money::from_dong(-13'300'000'000)}};
  REQUIRE_OK(j.post(t));
  const std::string text = ntm::to_ledger_journal(j);
  CHECK(text.find("commodity VND\n") != std::string::npos);
  CHECK(text.find("account Nhu cầu:TC2:Đường trục xã và đường thôn\n") != std::string::npos);
  CHECK(text.find("    Nguồn:Đấu giá đất 15%  -8000000000 VND\n") != std::string::npos);
  CHECK(text.find("2023-12-31 * (KQ[1]) Kiểm quỹ (cuối năm), đối chiếu kho bạc\n") != std::string::npos);
  CHECK(text.find("= -13300000000 VND") != std::string::npos);
  CHECK_FALSE(std::regex_search(text, std::regex(R"([0-9]\.[0-9]{3})")));  // never "1.000"
  CHECK(ntm::to_ledger_journal(j) == text);

  // What ntm says: every account with postings (all are leaves here).
  std::map<std::string, std::int64_t> expected;
  auto all = j.balances();
  REQUIRE_OK(all);
  for (const ntm::account_balance& b : *all)
    if (!b.own.is_zero()) expected[j.account(b.account).name] = b.own.dong();
  REQUIRE(expected.at("Quỹ:Ngân sách xã") == -13'300'000'000);
  REQUIRE(expected.at("Nhu cầu:TC2:Đường trục xã và đường thôn") == 17'500'000'000);

  const std::string path = write_temp("ntm-ledger-export.journal", text);
  for (const char* tool : {"ledger", "hledger"}) {
    // scripts/setup.sh installs both; NTM_TEST_WITHOUT_LEDGER_TOOLS=1 allows a machine without.
    if (!has_program(tool) && std::getenv("NTM_TEST_WITHOUT_LEDGER_TOOLS")) {
      WARN(std::string(tool) + " is not installed: the export is not checked against it");
      continue;
    }
    INFO(tool << " must be installed (Debian: apt-get install ledger hledger; scripts/setup.sh does)");
    REQUIRE(has_program(tool));
    const auto [out, status] = run(std::string(tool) + " -f '" + path + "' balance --flat --no-total");
    INFO(tool << " output:\n" << out);
    REQUIRE(status == 0);
    CHECK(parse_balance_report(out) == expected);
  }
  std::remove(path.c_str());
}

TEST_CASE("export: a CSV import round-trips through ledger and hledger", "[ledger][export][csv]") {
  ntm::journal j = declared_journal();
  REQUIRE_OK(ntm::import_csv(j, good_csv()));
  const std::string path = write_temp("ntm-ledger-csv.journal", ntm::to_ledger_journal(j));
  std::map<std::string, std::int64_t> expected;
  for (std::uint32_t id = 0; id < j.account_count(); ++id)
    if (!j.balance(ntm::account_id{id}).is_zero()) expected[j.account(ntm::account_id{id}).name] = j.balance(ntm::account_id{id}).dong();
  for (const char* tool : {"ledger", "hledger"}) {
    // scripts/setup.sh installs both; NTM_TEST_WITHOUT_LEDGER_TOOLS=1 allows a machine without.
    if (!has_program(tool) && std::getenv("NTM_TEST_WITHOUT_LEDGER_TOOLS")) {
      WARN(std::string(tool) + " is not installed: the export is not checked against it");
      continue;
    }
    INFO(tool << " must be installed (Debian: apt-get install ledger hledger; scripts/setup.sh does)");
    REQUIRE(has_program(tool));
    const auto [out, status] = run(std::string(tool) + " -f '" + path + "' balance --flat --no-total");
    INFO(tool << " output:\n" << out);
    REQUIRE(status == 0);
    CHECK(parse_balance_report(out) == expected);
  }
  std::remove(path.c_str());
}

namespace {

// A CSV of `transactions` two-posting transactions over a few dozen accounts.
std::string synthetic_csv(std::size_t transactions, std::vector<std::string>& accounts) {
  accounts.clear();
  for (int c = 1; c <= 19; ++c) accounts.push_back("Nhu cầu:TC" + std::to_string(c) + ":Hạng mục chính");
  for (const char* s : {"Quỹ:Ngân sách xã", "Quỹ:Thôn Thạch Lỗi", "Quỹ:Thôn Bình Lãng"}) accounts.push_back(s);
  std::string csv = "date,account,amount,description,reference\n";
  csv.reserve(transactions * 130);
  for (std::size_t t = 0; t < transactions; ++t) {
    const std::string date = "2023-" + std::string(t % 12 < 9 ? "0" : "") + std::to_string(t % 12 + 1) + "-" +
                             std::string(t % 28 < 9 ? "0" : "") + std::to_string(t % 28 + 1);
    const std::string amount = std::to_string(1'000 + (t * 7'919) % 500'000'000);
    const std::string ref = "TX" + std::to_string(t);
    csv += date + "," + accounts[t % 19] + "," + amount + ",Chi trả khối lượng đợt " + std::to_string(t % 97) + "," + ref + "\n";
    csv += date + "," + accounts[19 + t % 3] + ",-" + amount + ",," + ref + "\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("csv: 100 000 postings import, balance and reconcile quickly", "[ledger][csv][perf]") {
  std::vector<std::string> names;
  const std::string csv = synthetic_csv(50'000, names);
  ntm::journal j;
  for (const std::string& n : names) REQUIRE_OK(j.declare_account(n));
  const auto start = std::chrono::steady_clock::now();
  auto r = ntm::import_csv(j, csv, "synthetic.csv");
  REQUIRE_OK(r);
  auto balances = j.balances();
  REQUIRE_OK(balances);
  auto stages = j.totals_by_stage();
  REQUIRE_OK(stages);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r->postings == 100'000);
  CHECK(r->transactions == 50'000);
  CHECK(stages->disbursed == ntm::money::from_dong(-stages->cash.dong()));
  CHECK((*balances)[j.find_account("Nhu cầu")->value].total == stages->disbursed);
  CHECK(seconds < 5.0);  // Debug and sanitizer builds included; Release takes a few milliseconds
}

TEST_CASE("ledger csv: 1 000 000 postings (benchmark, run by hand)", "[.][bench]") {
  std::vector<std::string> names;
  const std::string path = write_temp("ntm-ledger-1m.csv", synthetic_csv(500'000, names));
  ntm::journal j;
  for (const std::string& n : names) REQUIRE_OK(j.declare_account(n));
  const auto start = std::chrono::steady_clock::now();
  auto r = ntm::import_csv_file(j, path);
  REQUIRE_OK(r);
  const auto imported = std::chrono::steady_clock::now();
  auto balances = j.balances();
  REQUIRE_OK(balances);
  auto stages = j.totals_by_stage();
  REQUIRE_OK(stages);
  auto reconciled = ntm::reconcile(seed_plan());
  REQUIRE_OK(reconciled);
  const auto done = std::chrono::steady_clock::now();
  std::remove(path.c_str());
  CHECK(r->postings == 1'000'000);
  const double import_s = std::chrono::duration<double>(imported - start).count();
  const double total_s = std::chrono::duration<double>(done - start).count();
  WARN("1M postings: import " << import_s << " s, import + balances + reconcile " << total_s << " s");
}
