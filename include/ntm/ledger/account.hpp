// SPDX-License-Identifier: MIT
/// @file
/// Ledger accounts: colon-separated names in a tree, each with a kind that says which stage of
/// the money it records (need, source, receivable, cash), and for sources the kind of source.
///
/// Stages are kept apart by account subtrees (not by a flag on postings). The four standard
/// roots and what a balance in them means:
///
/// | root       | kind         | a posting there records             | balance means               |
/// |------------|--------------|-------------------------------------|-----------------------------|
/// | `Nguồn`    | `source`     | a pledge (credit, negative)         | −(pledged or received)      |
/// | `Phải thu` | `receivable` | pledged (+) then received (−)       | pledged, not yet received   |
/// | `Quỹ`      | `cash`       | received (+) then disbursed (−)     | cash on hand                |
/// | `Nhu cầu`  | `need`       | a disbursement (debit, positive)    | disbursed for the need      |
///
/// A pledge is `Phải thu:X +a / Nguồn:X −a`, a receipt `Quỹ:… +a / Phải thu:X −a`, a payment
/// `Nhu cầu:TC2:… +a / Quỹ:… −a`. Any other root has kind `other` unless declared otherwise.
#ifndef NTM_LEDGER_ACCOUNT_HPP_
#define NTM_LEDGER_ACCOUNT_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include <ntm/core/result.hpp>
#include <ntm/export.hpp>

NTM_BEGIN_NAMESPACE

/// Which stage of the money an account records (see the file comment).
enum class account_kind : std::uint8_t {
  other,       ///< anything else (opening balances, transfers, equity)
  need,        ///< money disbursed for a need (root "Nhu cầu")
  source,      ///< money pledged or given by a source (root "Nguồn")
  receivable,  ///< pledged, not yet received (root "Phải thu")
  cash,        ///< received, not yet disbursed (root "Quỹ")
};

/// The kind of a funding source, as Vietnamese NTM plans list them.
enum class source_kind : std::uint8_t {
  unspecified,                 ///< not stated
  central_budget,              ///< ngân sách trung ương
  provincial_budget,           ///< ngân sách tỉnh
  district_budget,             ///< ngân sách huyện
  provincial_district_budget,  ///< ngân sách tỉnh, huyện (when a document does not split them)
  commune_budget,              ///< ngân sách xã
  land_auction_share,          ///< the commune's share of land-use-right auction proceeds
  credit,                      ///< vốn tín dụng
  enterprise,                  ///< doanh nghiệp
  people,                      ///< nhân dân đóng góp, tài trợ (people's contributions, sponsorship)
  other,                       ///< nguồn vốn khác
};

/// "need", "source", ... (the names used in data files).
NTM_API const char* to_string(account_kind kind) noexcept;
/// "central_budget", "land_auction_share", ... (the names used in data files).
NTM_API const char* to_string(source_kind kind) noexcept;
/// Parses a name written by `to_string`. Error: invalid_value (listing the valid names).
NTM_API result<account_kind> parse_account_kind(std::string_view name);
/// Parses a name written by `to_string`. Error: invalid_value (listing the valid names).
NTM_API result<source_kind> parse_source_kind(std::string_view name);

/// The standard root names (UTF-8).
inline constexpr std::string_view need_root = "Nhu cầu";
inline constexpr std::string_view source_root = "Nguồn";
inline constexpr std::string_view receivable_root = "Phải thu";
inline constexpr std::string_view cash_root = "Quỹ";

/// The kind implied by a root segment: the four standard roots (accents and case optional:
/// "Nguon" and "nguồn" also give `source`), else `other`.
NTM_API account_kind kind_of_root(std::string_view root) noexcept;

/// Checks that `name` can be an account name, here and in ledger-cli/hledger journals:
/// valid UTF-8; segments separated by ':' that are non-empty and have no leading or trailing
/// space; no control characters or tabs, no two spaces in a row, no ';'; not starting with
/// '(' '[' '*' '!' '#' (these mean something else in a journal). Error: invalid_account_name,
/// with the 1-based column (in characters) of the first bad character.
NTM_API result<void> check_account_name(std::string_view name);

/// A dense account number, valid only for the journal that issued it.
struct account_id {
  static constexpr std::uint32_t invalid_value = 0xFFFFFFFFu;
  std::uint32_t value = invalid_value;

  constexpr bool valid() const noexcept { return value != invalid_value; }
  friend constexpr bool operator==(account_id a, account_id b) noexcept { return a.value == b.value; }
  friend constexpr bool operator!=(account_id a, account_id b) noexcept { return a.value != b.value; }
  friend constexpr bool operator<(account_id a, account_id b) noexcept { return a.value < b.value; }
};

/// What a journal knows about one account.
struct account_info {
  std::string name;                                ///< full name, "Nhu cầu:TC2:Đường trục xã"
  account_kind kind = account_kind::other;         ///< declared, inherited from the parent, or from the root
  source_kind source = source_kind::unspecified;   ///< for source accounts; inherited from the parent
  account_id parent;                               ///< invalid for a root
  bool declared = false;                           ///< false for parents created implicitly
};

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_ACCOUNT_HPP_
