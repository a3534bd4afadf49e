// SPDX-License-Identifier: MIT
// Private: the journal's storage (flat arrays) and the append / commit / rollback steps that
// post(), post_all() and the CSV importer share.
#ifndef NTM_LEDGER_JOURNAL_IMPL_HPP_
#define NTM_LEDGER_JOURNAL_IMPL_HPP_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/numeric.hpp>
#include <ntm/core/result.hpp>
#include <ntm/ledger/account.hpp>
#include <ntm/ledger/journal.hpp>

#include "core/guard.hpp"
#include "ledger/ledger_util.hpp"
#include "ledger/string_index.hpp"

NTM_BEGIN_NAMESPACE
namespace ledger_internal {

/// A transaction's fixed-size record; its texts live in journal_impl::text.
struct txn_rec {
  date when;
  std::uint32_t first_posting = 0;
  std::uint32_t posting_count = 0;
  std::uint64_t text_offset = 0;  // description, then reference
  std::uint32_t description_size = 0;
  std::uint32_t reference_size = 0;
};

struct assertion_rec {
  std::uint32_t txn = 0;
  std::uint32_t posting = 0;
  std::int64_t amount = 0;
};

struct journal_impl {
  // accounts: a deque, so that names keep their address (the index refers to them)
  std::deque<account_info> accounts;
  string_index account_index;
  std::vector<std::int64_t> balances;      // own balance per account
  std::vector<std::uint8_t> has_assertion; // per account

  // transactions and postings
  std::vector<txn_rec> txns;
  std::vector<std::uint32_t> posting_account;
  std::vector<std::int64_t> posting_amount;
  std::string text;
  std::vector<assertion_rec> assertions;  // in transaction order
  date latest_assertion;                   // the latest date carrying an assertion

  /// Sizes at a point in time, for all-or-nothing changes.
  struct mark {
    std::size_t accounts, txns, postings, assertions, text;
  };
  mark checkpoint() const noexcept {
    return mark{accounts.size(), txns.size(), posting_account.size(), assertions.size(), text.size()};
  }

  /// The id of `name`, or string_index::npos.
  std::uint32_t find(std::string_view name) const;
  /// Declares an account (see journal::declare_account). `explicit_declaration` marks it as
  /// declared; implicit parents are not.
  result<std::uint32_t> declare(std::string_view name, std::optional<account_kind> kind, source_kind source,
                                bool explicit_declaration);

  /// Starts a transaction; postings follow with add_posting. Error: limit_exceeded.
  result<void> begin_txn(date when, std::string_view description, std::string_view reference);
  /// Adds a transaction over `count` postings already appended from `first_posting` on (for
  /// importers that append postings first). Error: limit_exceeded.
  result<void> add_txn(date when, std::size_t first_posting, std::size_t count, std::string_view description,
                       std::string_view reference);
  void add_posting(std::uint32_t account, std::int64_t amount) {
    posting_account.push_back(account);
    posting_amount.push_back(amount);
    ++txns.back().posting_count;
  }
  void add_assertion(std::int64_t amount);  // on the last posting added

  /// The sum of a transaction's postings (exact).
  detail::int128 txn_sum(std::size_t t) const;
  /// The unbalanced_transaction error for transaction t.
  error unbalanced_error(std::size_t t, detail::int128 sum) const;
  /// "2023-07-30 “Nhận tiền” (reference R-1)".
  std::string describe_txn(std::size_t t) const;
  std::string_view description(std::size_t t) const {
    const txn_rec& r = txns[t];
    return std::string_view(text).substr(r.text_offset, r.description_size);
  }
  std::string_view reference(std::size_t t) const {
    const txn_rec& r = txns[t];
    return std::string_view(text).substr(r.text_offset + r.description_size, r.reference_size);
  }

  /// Validates everything added since `m` (balance, balances in range, assertions) and
  /// makes it permanent; on error, rolls back to `m` and returns the error (with all
  /// problems in details).
  result<void> commit(const mark& m);
  /// Drops everything added since `m` (balances must not have been applied). Allocates
  /// nothing, so it is safe while handling an out-of-memory exception.
  void rollback(const mark& m) noexcept;

  /// Runs a mutating call `body(mark)` all or nothing: when it returns an error it has rolled
  /// back itself; when it throws (out of memory, a bug) the journal is rolled back here and
  /// the exception becomes an error (see core_internal::guarded).
  template <class F>
  auto all_or_nothing(const char* what, F&& body) -> decltype(body(std::declval<const mark&>())) {
    const mark m = checkpoint();
    return core_internal::guarded(what, [&]() -> decltype(body(m)) {
      try {
        return body(m);
      } catch (...) {
        rollback(m);
        throw;
      }
    });
  }

  /// Computes every assertion (in assertion order).
  std::vector<assertion_check> compute_assertions() const;

  /// Transaction indices in (date, index) order.
  std::vector<std::uint32_t> date_order() const;
};

}  // namespace ledger_internal
NTM_END_NAMESPACE

#endif  // NTM_LEDGER_JOURNAL_IMPL_HPP_
