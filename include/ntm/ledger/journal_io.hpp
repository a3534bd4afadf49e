// SPDX-License-Identifier: MIT
/// @file
/// Journal interchange: importing actual receipts and disbursements from CSV, and exporting
/// a journal as a ledger-cli / hledger journal.
///
/// CSV format (UTF-8, optional byte-order mark; RFC 4180: comma-separated, fields may be
/// "quoted", "" is a quote inside quotes, quoted fields may hold commas and line breaks; LF or
/// CRLF line ends; blank lines are skipped). The first record is a header naming the
/// columns, in any order, case-insensitive:
///
/// | column        | required | content                                                        |
/// |---------------|----------|----------------------------------------------------------------|
/// | `date`        | yes      | 2023-07-30 or 30/07/2023                                       |
/// | `account`     | yes      | a declared account, "Quỹ:Ngân sách xã"                          |
/// | `amount`      | yes      | đồng, debit positive: -8000000000, or "8 tỷ", "-1.234.567 đ"  |
/// | `reference`   | yes      | transaction id; its rows form one transaction                  |
/// | `description` | no       | the transaction's text; on its other rows empty or the same    |
///
/// Rows with the same reference are one transaction (in order of first appearance; they need
/// not be adjacent) and must share the date and balance to the đồng. "1.000" alone is
/// ambiguous and rejected (write 1000 or "1.000 đ"). Rows are numbered as a spreadsheet shows
/// them: the header is row 1.
#ifndef NTM_LEDGER_JOURNAL_IO_HPP_
#define NTM_LEDGER_JOURNAL_IO_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include <ntm/core/result.hpp>
#include <ntm/ledger/journal.hpp>

NTM_BEGIN_NAMESPACE

/// Options for `import_csv`.
struct csv_import_options {
  bool declare_new_accounts = false;  ///< create unknown accounts (kind from the root) instead of rejecting them
  std::size_t max_errors = 100;       ///< stop reporting after this many problems
};

/// What an import added.
struct csv_import_summary {
  std::size_t rows = 0;          ///< data rows read
  std::size_t transactions = 0;  ///< transactions added
  std::size_t postings = 0;      ///< postings added
  std::size_t new_accounts = 0;  ///< accounts created (declare_new_accounts)
};

/// Imports CSV text into `j`, all or nothing: any bad row rejects the whole file and leaves
/// the journal unchanged. Every problem is reported (up to `max_errors`; the first in the
/// error, all in `details`), each as "row N, column "amount": …" with file:line:column.
/// Codes: csv_syntax (quotes, field count, header), invalid_utf8, date_syntax,
/// date_invalid, money_syntax, money_ambiguous, money_fraction, overflow,
/// unknown_reference (an undeclared account, with a suggestion), invalid_account_name,
/// invalid_value (an empty field, a transaction whose rows differ in date or description),
/// unbalanced_transaction, balance_assertion_failed (a recorded assertion that the new rows
/// would break), limit_exceeded.
NTM_API result<csv_import_summary> import_csv(journal& j, std::string_view text, const std::string& file = "",
                                              const csv_import_options& options = {});
/// Reads a file and imports it. Errors: io_error, limit_exceeded (over 4 GiB), and those of
/// import_csv.
NTM_API result<csv_import_summary> import_csv_file(journal& j, const std::string& path,
                                                   const csv_import_options& options = {});

/// Options for `to_ledger_journal`.
struct ledger_export_options {
  std::string commodity = "VND";  ///< written after every amount
  bool declare_accounts = true;   ///< write an `account` directive per account
  bool assertions = true;         ///< write balance assertions ("= 2000000000 VND")
  std::string title;              ///< written as a comment at the top (one line per line)
};

/// The journal as text that ledger-cli (3.x) and hledger (1.x) read: a `commodity`
/// directive, account declarations (UTF-8 names), then the transactions in date order (ties:
/// recording order) as `2023-07-30 * (reference) description`, one posting per line with an
/// integer amount and no digit grouping ("17500000000 VND"; never "1.000"), two spaces
/// after the account. In descriptions, control characters become spaces, ';' (a comment
/// there) becomes ',' and a leading '(' becomes '['; '(' and ')' in references become '['
/// and ']'. Deterministic.
NTM_API std::string to_ledger_journal(const journal& j, const ledger_export_options& options = {});

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_JOURNAL_IO_HPP_
