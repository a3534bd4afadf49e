// SPDX-License-Identifier: MIT
// Fuzzes the CSV import of receipts and disbursements into the shipped funding plan's
// journal. The first byte chooses the options. All or nothing: a failed import leaves the
// journal exactly as it was; a successful one adds what its summary says, and every
// transaction balances.
#include "fuzz_support.hpp"

namespace {

const ntm::journal& base_journal() {
  static const ntm::journal j = [] {
    auto f = ntm::load_funding(ntm_fuzz::example_dir() + "funding.json");
    NTM_FUZZ_CHECK(static_cast<bool>(f), "the shipped funding loads");
    auto made = ntm::make_journal(*f);
    NTM_FUZZ_CHECK(static_cast<bool>(made), "the shipped funding makes a journal");
    return std::move(*made);
  }();
  return j;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  ntm::csv_import_options options;
  options.declare_new_accounts = (data[0] & 1) != 0;
  options.max_errors = (data[0] & 2) ? 3 : 100;
  ntm::journal j = base_journal().clone();
  const std::string before = ntm::to_ledger_journal(j);
  const std::size_t txns = j.transaction_count(), postings = j.posting_count(), accounts = j.account_count();
  auto imported = ntm::import_csv(j, ntm_fuzz::text_of(data + 1, size - 1), "fuzz.csv", options);
  if (!imported) {
    NTM_FUZZ_CHECK(j.transaction_count() == txns && j.posting_count() == postings && j.account_count() == accounts,
                   "a failed import adds nothing");
    NTM_FUZZ_CHECK(ntm::to_ledger_journal(j) == before, "a failed import leaves the journal as it was");
    return 0;
  }
  NTM_FUZZ_CHECK(j.transaction_count() == txns + imported->transactions, "the summary counts the transactions");
  NTM_FUZZ_CHECK(j.posting_count() == postings + imported->postings, "the summary counts the postings");
  NTM_FUZZ_CHECK(j.account_count() == accounts + imported->new_accounts, "the summary counts the new accounts");
  for (std::size_t t = txns; t < j.transaction_count(); ++t) {
    const ntm::transaction_view v = j.transaction(t);
    __int128 sum = 0;
    for (std::size_t p = 0; p < v.posting_count; ++p) sum += j.posting(v.first_posting + p).amount.dong();
    NTM_FUZZ_CHECK(sum == 0, "every imported transaction balances");
  }
  (void)j.totals_by_stage();
  (void)ntm::to_ledger_journal(j);
  return 0;
}
