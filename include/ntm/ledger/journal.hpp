// SPDX-License-Identifier: MIT
/// @file
/// ntm::journal: a double-entry journal of dated transactions in whole đồng, with balance
/// assertions, stored for speed (account names interned to dense ids, postings in flat
/// arrays, no allocation per posting).
///
/// Rules:
///  - every transaction balances to the đồng (its postings sum to exactly 0), or it is
///    rejected with `errc::unbalanced_transaction` naming the difference;
///  - every account used must exist (`declare_account`); unknown names are
///    `errc::unknown_reference`;
///  - a posting may carry a balance assertion: the account's own balance (without
///    subaccounts), after the whole transaction, counting every transaction in (date, order
///    of posting) order, must equal the asserted amount. The same rule as hledger, and as
///    ledger-cli for a journal written in date order (which `to_ledger_journal` does);
///  - all or nothing: a mutating call that fails leaves the journal exactly as it was,
///    including its accounts. Recorded assertions always hold: a later, back-dated
///    transaction that would break one is rejected;
///  - balances are exact; an account balance beyond ±9.2 × 10¹⁸ đồng is `errc::overflow`.
///
/// Pledged, received and disbursed money are kept apart by account kind (account.hpp).
///
/// Thread safety: const member functions may run concurrently; a mutating call needs
/// exclusive access. Move-only; `clone()` copies.
#ifndef NTM_LEDGER_JOURNAL_HPP_
#define NTM_LEDGER_JOURNAL_HPP_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/account.hpp>

NTM_BEGIN_NAMESPACE

/// One posting of a transaction to be recorded.
struct posting_input {
  std::string account;                  ///< full account name; must be declared
  money amount;                         ///< positive = debit, negative = credit
  std::optional<money> assert_balance;  ///< the account's own balance after this transaction

  friend bool operator==(const posting_input& a, const posting_input& b) {
    return a.account == b.account && a.amount == b.amount && a.assert_balance == b.assert_balance;
  }
  friend bool operator!=(const posting_input& a, const posting_input& b) { return !(a == b); }
};

/// A transaction to be recorded.
struct transaction_input {
  date when;                            ///< required
  std::string description;              ///< free UTF-8 text
  std::string reference;                ///< voucher / transaction id (may be empty)
  std::vector<posting_input> postings;  ///< at least one; amounts sum to 0

  friend bool operator==(const transaction_input& a, const transaction_input& b) {
    return a.when == b.when && a.description == b.description && a.reference == b.reference &&
           a.postings == b.postings;
  }
  friend bool operator!=(const transaction_input& a, const transaction_input& b) { return !(a == b); }
};

/// A recorded transaction. The views point into the journal: valid until it is changed.
struct transaction_view {
  std::size_t index = 0;          ///< order of recording, 0-based
  date when;
  std::string_view description;
  std::string_view reference;
  std::size_t first_posting = 0;  ///< index of its first posting (see `journal::posting`)
  std::size_t posting_count = 0;
};

/// A recorded posting.
struct posting_view {
  account_id account;
  money amount;
};

/// One account's balance: its own postings, and with all its subaccounts.
struct account_balance {
  account_id account;
  money own;
  money total;
};

/// A balance assertion and what the journal computes for it.
struct assertion_check {
  std::size_t transaction = 0;  ///< the transaction that carries it
  account_id account;
  date when;
  money asserted;
  money computed;
  money difference;             ///< asserted − computed
  bool holds() const noexcept { return asserted == computed; }
};

/// Totals by stage, from the account kinds (see account.hpp):
/// pledged = −Σ source, outstanding = Σ receivable, received = pledged − outstanding,
/// cash = Σ cash, disbursed = Σ need, other = Σ other. They satisfy
/// cash = received − disbursed − other.
struct stage_totals {
  money pledged;
  money outstanding;
  money received;
  money cash;
  money disbursed;
  money other;
};

namespace ledger_internal {
struct journal_impl;
}

/// A double-entry journal (see the file comment for its rules).
class NTM_API journal {
 public:
  journal();
  ~journal();
  journal(journal&&) noexcept;
  journal& operator=(journal&&) noexcept;
  journal(const journal&) = delete;
  journal& operator=(const journal&) = delete;
  /// A deep copy.
  journal clone() const;

  /// Declares an account (and, implicitly, its missing parents). Without `kind`, the kind is
  /// the parent's, else the root's (`kind_of_root`); `source` likewise inherits. Declaring an
  /// existing account again is allowed when it agrees. A child of a non-`other` account must
  /// have its parent's kind. Errors: invalid_account_name, account_kind_mismatch,
  /// limit_exceeded (2³² − 1 accounts).
  result<account_id> declare_account(std::string_view name, std::optional<account_kind> kind = std::nullopt,
                                     source_kind source = source_kind::unspecified);
  /// The account with this exact name, if declared.
  std::optional<account_id> find_account(std::string_view name) const noexcept;
  /// Number of accounts, including implicit parents. Ids are 0 … count − 1.
  std::size_t account_count() const noexcept;
  /// Information on an account; an id not issued by this journal gives an empty record.
  const account_info& account(account_id id) const noexcept;

  /// Records one transaction; returns its index. Errors: invalid_argument (no date, no
  /// postings), invalid_utf8, unknown_reference (account), unbalanced_transaction, overflow,
  /// balance_assertion_failed, limit_exceeded. On error nothing is recorded. Cost: O(its
  /// postings), plus O(all postings) to re-check assertions when it carries one or is dated
  /// before an assertion on an account it touches.
  result<std::size_t> post(const transaction_input& transaction);
  /// Records all transactions or none; returns the index of the first. Errors as `post`,
  /// with every problem found in the error's `details`.
  result<std::size_t> post_all(const std::vector<transaction_input>& transactions);

  std::size_t transaction_count() const noexcept;
  std::size_t posting_count() const noexcept;
  /// Transaction `index`; an empty view when index ≥ transaction_count().
  transaction_view transaction(std::size_t index) const noexcept;
  /// Posting `index`; an empty view when index ≥ posting_count().
  posting_view posting(std::size_t index) const noexcept;

  /// The account's own balance (without subaccounts), over all dates; 0 for an id not issued
  /// by this journal. O(1).
  money balance(account_id id) const noexcept;
  /// The balance at the end of day `as_of`, with or without subaccounts. O(postings).
  /// Error: overflow (a subtree total beyond the money range).
  result<money> balance(account_id id, date as_of, bool include_subaccounts = true) const;
  /// Every account's own and subtree balance, in id order, over all dates: O(accounts).
  /// Error: overflow (a subtree total beyond the money range).
  result<std::vector<account_balance>> balances() const;
  /// The same at the end of day `as_of`: O(postings).
  result<std::vector<account_balance>> balances(date as_of) const;
  /// Every recorded assertion with its computed balance (all hold; for reports).
  std::vector<assertion_check> check_assertions() const;
  /// Totals by stage (pledged, received, disbursed, ...). Error: overflow.
  result<stage_totals> totals_by_stage() const;

  /// Private access for ntm's own importers.
  ledger_internal::journal_impl& impl() noexcept { return *impl_; }
  const ledger_internal::journal_impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<ledger_internal::journal_impl> impl_;
};

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_JOURNAL_HPP_
