// SPDX-License-Identifier: MIT
/// @file
/// ntm::funding_plan: what a commune needs (A), where the money is to come from (B), and the
/// figures a plan document states about them.
///
/// Needs are amounts per criterion and item, each paid for a task (by id) at its start, at
/// its finish, or spread over its days by month. Sources are not plain amounts:
///  - fixed (`amount`) or derived (`share`: a rate of another amount, e.g. 15 % of the
///    land-auction proceeds, which are a quantity × unit price or a stated total: a "base");
///  - conditional (`condition`: paid only once a rule holds, e.g. rule `standard`);
///  - timed (`available`: from a date, after a task finishes plus a lag, or spread by month
///    over a period);
///  - restricted (`eligible`: may only pay for some needs or criteria).
/// The ledger refers to rules and tasks only by id; their dates come in a `funding_timeline`
/// (cash_flow.hpp).
///
/// All types are regular values (copyable, comparable); a plan is not checked when it is
/// built: `check(plan)` lists every problem, and the functions that use a plan check it.
#ifndef NTM_LEDGER_FUNDING_HPP_
#define NTM_LEDGER_FUNDING_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/decimal.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/result.hpp>
#include <ntm/core/text.hpp>
#include <ntm/ledger/account.hpp>
#include <ntm/ledger/journal.hpp>

NTM_BEGIN_NAMESPACE

/// When a need is paid, relative to its task.
enum class payment_timing : std::uint8_t {
  at_start,        ///< all on the task's first day
  at_finish,       ///< all on the task's last day
  spread_monthly,  ///< one part per calendar month, proportional to the task's days in it, due
                   ///< on the task's first day in that month
};
/// "at_start", "at_finish", "spread_monthly".
NTM_API const char* to_string(payment_timing timing) noexcept;
/// Parses a name written by `to_string`. Error: invalid_value.
NTM_API result<payment_timing> parse_payment_timing(std::string_view name);

/// The longest deferred payment of a need (funding_need::payment_delay_days): a hundred years.
inline constexpr std::int32_t max_payment_delay_days = 36500;

/// A need (nhu cầu): an amount for one item of one criterion, paid for one task.
struct funding_need {
  std::string id;                 ///< unique among needs, e.g. "need.axis_road"
  std::string criterion;          ///< criterion id, e.g. "TC2"
  localized_text item;            ///< what is bought or built
  money amount;                   ///< ≥ 0
  std::string task;               ///< the task (schedule id) it pays for
  payment_timing payment = payment_timing::at_finish;
  std::int32_t payment_delay_days = 0;  ///< paid this many calendar days after `payment` says (deferred payment), 0 to max_payment_delay_days
  std::string account;            ///< empty: "Nhu cầu:<criterion>:<id>"

  friend bool operator==(const funding_need& a, const funding_need& b) {
    return a.id == b.id && a.criterion == b.criterion && a.item == b.item && a.amount == b.amount &&
           a.task == b.task && a.payment == b.payment && a.payment_delay_days == b.payment_delay_days && a.account == b.account;
  }
  friend bool operator!=(const funding_need& a, const funding_need& b) { return !(a == b); }
};

/// A named amount that a derived source is a share of: a quantity × unit price (30 lots ×
/// price per lot) or a stated total. Exactly one of `unit_price` (with `quantity`) and
/// `total` is given; `quantity` alone is informative.
struct amount_base {
  std::string id;                 ///< unique among bases, referred to as "base.<id>"
  localized_text label;
  std::optional<decimal> quantity;
  std::string unit;               ///< of the quantity, e.g. "lô"
  std::optional<money> unit_price;
  std::optional<money> total;

  friend bool operator==(const amount_base& a, const amount_base& b) {
    return a.id == b.id && a.label == b.label && a.quantity == b.quantity && a.unit == b.unit &&
           a.unit_price == b.unit_price && a.total == b.total;
  }
  friend bool operator!=(const amount_base& a, const amount_base& b) { return !(a == b); }
};

/// A share of another amount: `rate` × the amount named by `of`, rounded to the đồng.
/// `of` is "base.<id>", "need.<id>", "source.<id>", "needs.total" or "needs.criterion.<id>".
struct derived_amount {
  fraction rate;                   ///< 0 … 100 %
  std::string of;
  rounding mode = rounding::half_up;

  friend bool operator==(const derived_amount& a, const derived_amount& b) {
    return a.rate == b.rate && a.of == b.of && a.mode == b.mode;
  }
  friend bool operator!=(const derived_amount& a, const derived_amount& b) { return !(a == b); }
};

/// How a source's money arrives.
enum class availability_kind : std::uint8_t {
  from_date,   ///< all on `from` (default: the plan's first day)
  after_task,  ///< all `lag_days` after `task` finishes (actual finish if known, else planned)
  spread,      ///< by month over `spread`, proportional to its days (as payment_timing::spread_monthly)
};
/// "from_date", "after_task", "spread".
NTM_API const char* to_string(availability_kind kind) noexcept;

/// When a source's money arrives.
struct availability {
  availability_kind kind = availability_kind::from_date;
  std::optional<date> from;        ///< from_date
  std::string task;                ///< after_task
  std::int32_t lag_days = 0;       ///< after_task, ≥ 0
  std::optional<period> spread;    ///< spread

  friend bool operator==(const availability& a, const availability& b) {
    return a.kind == b.kind && a.from == b.from && a.task == b.task && a.lag_days == b.lag_days && a.spread == b.spread;
  }
  friend bool operator!=(const availability& a, const availability& b) { return !(a == b); }
};

/// A source paid only once a rule holds: `lag_days` after the date the rule is met. Money
/// that exists only once the rule is met cannot pay for anything due on or before that date
/// (those are the works that meet it).
struct funding_condition {
  std::string rule;          ///< rule id, e.g. "standard"
  std::int32_t lag_days = 0; ///< ≥ 0

  friend bool operator==(const funding_condition& a, const funding_condition& b) {
    return a.rule == b.rule && a.lag_days == b.lag_days;
  }
  friend bool operator!=(const funding_condition& a, const funding_condition& b) { return !(a == b); }
};

/// Which needs a source may pay for: those listed, plus those of the criteria listed. Both
/// empty: any need.
struct eligibility {
  std::vector<std::string> needs;     ///< need ids
  std::vector<std::string> criteria;  ///< criterion ids

  bool unrestricted() const noexcept { return needs.empty() && criteria.empty(); }
  /// True when the source may pay for `n`.
  NTM_API bool allows(const funding_need& n) const;

  friend bool operator==(const eligibility& a, const eligibility& b) { return a.needs == b.needs && a.criteria == b.criteria; }
  friend bool operator!=(const eligibility& a, const eligibility& b) { return !(a == b); }
};

/// A source (nguồn vốn). Exactly one of `amount` (fixed, ≥ 0) and `share` (derived).
struct funding_source {
  std::string id;                 ///< unique among sources, e.g. "source.land_auction"
  localized_text label;
  source_kind kind = source_kind::unspecified;
  std::optional<money> amount;
  std::optional<derived_amount> share;
  std::optional<funding_condition> condition;
  availability available;
  eligibility eligible;
  std::string account;            ///< empty: "Nguồn:<id>"

  friend bool operator==(const funding_source& a, const funding_source& b) {
    return a.id == b.id && a.label == b.label && a.kind == b.kind && a.amount == b.amount && a.share == b.share &&
           a.condition == b.condition && a.available == b.available && a.eligible == b.eligible && a.account == b.account;
  }
  friend bool operator!=(const funding_source& a, const funding_source& b) { return !(a == b); }
};

/// A figure as a document states it, to be compared with the computed one. `figure` is one
/// of "needs.total" (A), "sources.total" (B), "sources.unconditional", "gap" (A − B),
/// "needs.criterion.<id>", "need.<id>", "source.<id>", "base.<id>".
struct stated_figure {
  std::string figure;
  money amount;
  std::string where;   ///< section and quote, "Mục 3.B: Tổng nguồn vốn … là 10,3 tỷ"

  friend bool operator==(const stated_figure& a, const stated_figure& b) {
    return a.figure == b.figure && a.amount == b.amount && a.where == b.where;
  }
  friend bool operator!=(const stated_figure& a, const stated_figure& b) { return !(a == b); }
};

/// Who is asked to cover the gap, and in what words.
struct gap_request {
  std::string body;     ///< e.g. "Huyện ủy, UBND huyện Cẩm Giàng"
  localized_text text;  ///< the request as written

  friend bool operator==(const gap_request& a, const gap_request& b) { return a.body == b.body && a.text == b.text; }
  friend bool operator!=(const gap_request& a, const gap_request& b) { return !(a == b); }
};

/// An account declared by the plan (beyond those its needs and sources imply).
struct account_declaration {
  std::string name;
  std::optional<account_kind> kind;                ///< empty: inherited (see journal::declare_account)
  source_kind source = source_kind::unspecified;

  friend bool operator==(const account_declaration& a, const account_declaration& b) {
    return a.name == b.name && a.kind == b.kind && a.source == b.source;
  }
  friend bool operator!=(const account_declaration& a, const account_declaration& b) { return !(a == b); }
};

/// The default cash account.
inline constexpr std::string_view default_cash_account = "Quỹ:Ngân sách xã";

/// One administrative unit's funding plan for a period, and its actual transactions.
struct funding_plan {
  std::string unit;                               ///< e.g. "xã Thạch Lỗi, huyện Cẩm Giàng, tỉnh Hải Dương"
  period span;                                    ///< the plan's period (required), e.g. năm 2023
  std::string cash_account = std::string(default_cash_account);
  std::vector<account_declaration> accounts;
  std::vector<amount_base> bases;
  std::vector<funding_need> needs;
  std::vector<funding_source> sources;
  std::vector<stated_figure> stated;
  std::optional<gap_request> gap;
  std::vector<transaction_input> transactions;    ///< actual receipts and disbursements

  friend bool operator==(const funding_plan& a, const funding_plan& b) {
    return a.unit == b.unit && a.span == b.span && a.cash_account == b.cash_account && a.accounts == b.accounts &&
           a.bases == b.bases && a.needs == b.needs && a.sources == b.sources && a.stated == b.stated &&
           a.gap == b.gap && a.transactions == b.transactions;
  }
  friend bool operator!=(const funding_plan& a, const funding_plan& b) { return !(a == b); }
};

/// The account a need is paid into: `n.account`, or "Nhu cầu:<criterion>:<id>".
NTM_API std::string need_account(const funding_need& n);
/// The account a source pledges from: `s.account`, or "Nguồn:<id>".
NTM_API std::string source_account(const funding_source& s);
/// The receivable for a source: "Phải thu:" + the source account without its root
/// ("Nguồn:Đấu giá đất" → "Phải thu:Đấu giá đất").
NTM_API std::string receivable_account(const funding_source& s);

/// Every problem in the plan, each located by a JSON pointer into the funding JSON format
/// (`where.pointer`, e.g. "/sources/1/share/rate"). Empty when the plan is usable. Codes:
/// invalid_value, duplicate_id, unknown_reference, negative_amount, rate_out_of_range,
/// funding_cycle, overflow, invalid_account_name, account_kind_mismatch,
/// unbalanced_transaction, balance_assertion_failed.
NTM_API std::vector<error> check(const funding_plan& plan);

/// A journal with the plan's accounts (declared ones, then those of needs, sources, their
/// receivables and the cash account) and its actual transactions. Errors: those of `check`.
NTM_API result<journal> make_journal(const funding_plan& plan);

NTM_END_NAMESPACE

#endif  // NTM_LEDGER_FUNDING_HPP_
