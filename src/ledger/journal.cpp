// SPDX-License-Identifier: MIT
// The journal: flat storage, all-or-nothing posting, balances and assertions.
#include <ntm/ledger/journal.hpp>

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>

#include <ntm/core/text.hpp>

#include "ledger/journal_impl.hpp"
#include "ledger/ledger_util.hpp"

NTM_BEGIN_NAMESPACE
namespace ledger_internal {

namespace {

constexpr std::uint32_t max_count = 0xFFFFFFFEu;

bool fits(detail::int128 v) { return v >= INT64_MIN && v <= INT64_MAX; }

std::string int128_text(detail::int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  detail::uint128 mag = negative ? static_cast<detail::uint128>(-(v + 1)) + 1 : static_cast<detail::uint128>(v);
  std::string digits;
  while (mag > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  }
  std::string out;
  if (negative) out += '-';
  for (std::size_t i = digits.size(); i-- > 0;) {
    out += digits[i];
    if (i > 0 && i % 3 == 0) out += '.';
  }
  return out;
}

}  // namespace

std::string describe_money(money m) {
  std::string out = format_dong(m);
  const std::int64_t v = m.dong();
  if (v >= dong_per_trieu || v <= -dong_per_trieu) out += " (" + format_money(m) + ")";
  return out;
}

std::string describe_amount(detail::int128 v) {
  if (fits(v)) return describe_money(money::from_dong(static_cast<std::int64_t>(v)));
  return int128_text(v) + " đ";
}

error combine_errors(std::vector<error> problems) {
  if (problems.size() == 1) return std::move(problems.front());
  error e = problems.front();
  e.message = std::to_string(problems.size()) + " problems; the first: " + e.message;
  e.details = std::move(problems);
  return e;
}

std::uint32_t journal_impl::find(std::string_view name) const {
  return account_index.find(name, string_index::hash(name),
                            [this](std::uint32_t v) { return std::string_view(accounts[v].name); });
}

result<std::uint32_t> journal_impl::declare(std::string_view name, std::optional<account_kind> kind, source_kind source,
                                            bool explicit_declaration) {
  NTM_CHECK(check_account_name(name));
  const std::string quoted = "\"" + std::string(name) + "\"";
  if (const std::uint32_t id = find(name); id != string_index::npos) {
    account_info& a = accounts[id];
    if (kind && *kind != a.kind)
      return fail(errc::account_kind_mismatch, "account " + quoted + " is a " + to_string(a.kind) +
                                                   " account; it cannot be declared as " + to_string(*kind));
    if (source != source_kind::unspecified && a.source != source_kind::unspecified && a.source != source)
      return fail(errc::account_kind_mismatch, "account " + quoted + " has source kind " + to_string(a.source) +
                                                   "; it cannot be declared as " + to_string(source));
    if (source != source_kind::unspecified && a.kind != account_kind::source)
      return fail(errc::account_kind_mismatch,
                  "account " + quoted + " is a " + to_string(a.kind) + " account; only source accounts have a source kind");
    if (source != source_kind::unspecified) a.source = source;
    if (explicit_declaration) a.declared = true;
    return id;
  }
  // The missing ancestors, nearest first, and the nearest existing one.
  std::vector<std::string_view> missing;
  std::uint32_t ancestor = string_index::npos;
  for (std::string_view prefix = name;;) {
    const std::size_t colon = prefix.rfind(':');
    if (colon == std::string_view::npos) break;
    prefix = prefix.substr(0, colon);
    ancestor = find(prefix);
    if (ancestor != string_index::npos) break;
    missing.push_back(prefix);
  }
  const account_kind inherited =
      ancestor != string_index::npos ? accounts[ancestor].kind : kind_of_root(name.substr(0, name.find(':')));
  const source_kind inherited_source = ancestor != string_index::npos ? accounts[ancestor].source : source_kind::unspecified;
  if (kind && *kind != inherited && inherited != account_kind::other)
    return fail(errc::account_kind_mismatch, "account " + quoted + " is under a " + to_string(inherited) +
                                                 " account; it cannot be a " + to_string(*kind) + " account");
  const account_kind final_kind = kind ? *kind : inherited;
  if (source != source_kind::unspecified && final_kind != account_kind::source)
    return fail(errc::account_kind_mismatch,
                "account " + quoted + " is a " + to_string(final_kind) + " account; only source accounts have a source kind");
  if (source != source_kind::unspecified && inherited_source != source_kind::unspecified && source != inherited_source)
    return fail(errc::account_kind_mismatch, "account " + quoted + " is under an account of source kind " +
                                                 to_string(inherited_source) + "; it cannot be " + to_string(source));
  if (accounts.size() + missing.size() + 1 > max_count)
    return fail(errc::limit_exceeded, "too many accounts (the limit is " + std::to_string(max_count) + ")");

  auto create = [this](std::string_view n, std::uint32_t parent, account_kind k, source_kind s, bool declared) {
    const auto id = static_cast<std::uint32_t>(accounts.size());
    account_info info;
    info.name = std::string(n);
    info.kind = k;
    info.source = s;
    info.parent = account_id{parent};
    info.declared = declared;
    accounts.push_back(std::move(info));
    balances.push_back(0);
    has_assertion.push_back(0);
    account_index.insert(id, string_index::hash(n));
    return id;
  };
  std::uint32_t parent = ancestor;
  for (std::size_t i = missing.size(); i-- > 0;) parent = create(missing[i], parent, inherited, inherited_source, false);
  return create(name, parent, final_kind, source != source_kind::unspecified ? source : inherited_source,
                explicit_declaration);
}

result<void> journal_impl::begin_txn(date when, std::string_view description, std::string_view reference) {
  return add_txn(when, posting_account.size(), 0, description, reference);
}

result<void> journal_impl::add_txn(date when, std::size_t first_posting, std::size_t count, std::string_view description,
                                   std::string_view reference) {
  if (txns.size() >= max_count || first_posting + count >= max_count)
    return fail(errc::limit_exceeded, "the journal is full (at most " + std::to_string(max_count) +
                                          " transactions and postings)");
  if (description.size() >= max_count || reference.size() >= max_count)
    return fail(errc::limit_exceeded, "a description or reference is too long");
  txn_rec r;
  r.when = when;
  r.first_posting = static_cast<std::uint32_t>(first_posting);
  r.posting_count = static_cast<std::uint32_t>(count);
  r.text_offset = text.size();
  r.description_size = static_cast<std::uint32_t>(description.size());
  r.reference_size = static_cast<std::uint32_t>(reference.size());
  text.append(description);
  text.append(reference);
  txns.push_back(r);
  return {};
}

void journal_impl::add_assertion(std::int64_t amount) {
  const auto posting = static_cast<std::uint32_t>(posting_account.size() - 1);
  assertions.push_back(assertion_rec{static_cast<std::uint32_t>(txns.size() - 1), posting, amount});
  has_assertion[posting_account[posting]] = 1;
  if (latest_assertion.is_special() || latest_assertion < txns.back().when) latest_assertion = txns.back().when;
}

detail::int128 journal_impl::txn_sum(std::size_t t) const {
  const txn_rec& r = txns[t];
  detail::int128 sum = 0;
  for (std::uint32_t p = r.first_posting, end = r.first_posting + r.posting_count; p < end; ++p) sum += posting_amount[p];
  return sum;
}

std::string journal_impl::describe_txn(std::size_t t) const {
  std::string out = "transaction " + format_date(txns[t].when);
  const std::string_view d = description(t);
  if (!d.empty()) out += " \u201C" + std::string(d) + "\u201D";
  const std::string_view ref = reference(t);
  if (!ref.empty()) out += " (reference " + std::string(ref) + ")";
  return out;
}

error journal_impl::unbalanced_error(std::size_t t, detail::int128 sum) const {
  return make_error(errc::unbalanced_transaction,
                    describe_txn(t) + " does not balance: its postings sum to " + describe_amount(sum) +
                        " instead of 0 (debits exceed credits by that amount; a negative sum means credits exceed debits)");
}

std::vector<std::uint32_t> journal_impl::date_order() const {
  std::vector<std::uint32_t> order(txns.size());
  std::iota(order.begin(), order.end(), 0u);
  const bool sorted = std::is_sorted(txns.begin(), txns.end(), [](const txn_rec& a, const txn_rec& b) { return a.when < b.when; });
  if (!sorted)
    std::stable_sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return txns[a].when < txns[b].when; });
  return order;
}

std::vector<assertion_check> journal_impl::compute_assertions() const {
  std::vector<assertion_check> out(assertions.size());
  if (assertions.empty()) return out;
  std::vector<detail::int128> running(accounts.size(), 0);
  for (std::uint32_t t : date_order()) {
    const txn_rec& r = txns[t];
    for (std::uint32_t p = r.first_posting, end = r.first_posting + r.posting_count; p < end; ++p)
      if (has_assertion[posting_account[p]]) running[posting_account[p]] += posting_amount[p];
    auto it = std::lower_bound(assertions.begin(), assertions.end(), t,
                               [](const assertion_rec& a, std::uint32_t txn) { return a.txn < txn; });
    for (; it != assertions.end() && it->txn == t; ++it) {
      assertion_check& c = out[static_cast<std::size_t>(it - assertions.begin())];
      const std::uint32_t account = posting_account[it->posting];
      const detail::int128 computed = running[account];
      c.transaction = t;
      c.account = account_id{account};
      c.when = r.when;
      c.asserted = money::from_dong(it->amount);
      c.computed = money::from_dong(fits(computed) ? static_cast<std::int64_t>(computed)
                                                   : (computed < 0 ? INT64_MIN : INT64_MAX));
      const detail::int128 difference = static_cast<detail::int128>(it->amount) - computed;
      c.difference = money::from_dong(fits(difference) ? static_cast<std::int64_t>(difference)
                                                       : (difference < 0 ? INT64_MIN : INT64_MAX));
    }
  }
  return out;
}

void journal_impl::rollback(const mark& m) noexcept {
  if (accounts.size() > m.accounts) {
    accounts.resize(m.accounts);
    balances.resize(m.accounts);
    has_assertion.resize(m.accounts);
    account_index.reset();  // fewer entries than before: no allocation
    for (std::uint32_t id = 0; id < accounts.size(); ++id) account_index.insert(id, string_index::hash(accounts[id].name));
  }
  txns.resize(m.txns);
  posting_account.resize(m.postings);
  posting_amount.resize(m.postings);
  text.resize(m.text);
  if (assertions.size() > m.assertions) {
    assertions.resize(m.assertions);
    std::fill(has_assertion.begin(), has_assertion.end(), std::uint8_t{0});
    latest_assertion = date();
    for (const assertion_rec& a : assertions) {
      has_assertion[posting_account[a.posting]] = 1;
      if (latest_assertion.is_special() || latest_assertion < txns[a.txn].when) latest_assertion = txns[a.txn].when;
    }
  }
}

result<void> journal_impl::commit(const mark& m) {
  if (posting_account.size() > max_count) {
    rollback(m);
    return fail(errc::limit_exceeded, "the journal is full (at most " + std::to_string(max_count) + " postings)");
  }
  std::vector<error> problems;
  for (std::size_t t = m.txns; t < txns.size(); ++t) {
    if (txns[t].posting_count == 0) {
      problems.push_back(make_error(errc::invalid_argument, describe_txn(t) + " has no postings"));
      continue;
    }
    const detail::int128 sum = txn_sum(t);
    if (sum != 0) problems.push_back(unbalanced_error(t, sum));
  }
  if (!problems.empty()) {
    rollback(m);
    return fail(combine_errors(std::move(problems)));
  }
  const std::size_t end = posting_account.size();
  // Taken off newest first, so every balance passes back through values it already held
  // (oldest first could overflow: +max, −max, +max on one account).
  auto undo = [this, &m](std::size_t upto) {
    for (std::size_t p = upto; p > m.postings; --p) balances[posting_account[p - 1]] -= posting_amount[p - 1];
  };
  for (std::size_t p = m.postings; p < end; ++p) {
    std::int64_t& b = balances[posting_account[p]];
    if (!checked_add(b, posting_amount[p], b)) {
      undo(p);
      const auto t = static_cast<std::size_t>(
          std::upper_bound(txns.begin() + static_cast<std::ptrdiff_t>(m.txns), txns.end(), p,
                           [](std::size_t pp, const txn_rec& r) { return pp < r.first_posting; }) -
          txns.begin() - 1);
      error e = make_error(errc::overflow, "the balance of account \"" + accounts[posting_account[p]].name + "\" would go beyond ±9,2 × 10^18 đồng with " +
                                               describe_txn(t));
      rollback(m);
      return fail(std::move(e));
    }
  }
  // The balances are applied: an exception from here on (out of memory) takes them off before
  // the caller rolls back.
  try {
    // New assertions are checked; so are old ones on the accounts the new postings touch, unless
    // every new transaction is dated on or after the latest assertion (then it counts after all).
    bool check = assertions.size() > m.assertions;
    for (std::size_t t = m.txns; !check && !assertions.empty() && t < txns.size(); ++t) {
      if (!(txns[t].when < latest_assertion)) continue;
      for (std::uint32_t p = txns[t].first_posting, e = p + txns[t].posting_count; p < e; ++p)
        if (has_assertion[posting_account[p]]) {
          check = true;
          break;
        }
    }
    if (check) {
      for (const assertion_check& c : compute_assertions()) {
        if (c.holds()) continue;
        problems.push_back(make_error(
            errc::balance_assertion_failed,
            "balance assertion failed for account \"" + accounts[c.account.value].name + "\" at the end of " +
                describe_txn(c.transaction) + ": asserted " + describe_money(c.asserted) + ", computed " +
                describe_money(c.computed) + ", difference " + describe_money(c.difference) + " (asserted − computed)"));
      }
      if (!problems.empty()) {
        undo(end);
        rollback(m);
        return fail(combine_errors(std::move(problems)));
      }
    }
  } catch (...) {
    undo(end);
    throw;
  }
  return {};
}

namespace {

result<void> append_input(journal_impl& j, const transaction_input& t) {
  if (t.when.is_special()) return fail(errc::invalid_argument, "a transaction needs a date");
  if (t.postings.empty()) return fail(errc::invalid_argument, "a transaction needs at least one posting");
  if (!is_valid_utf8(t.description)) return fail(errc::invalid_utf8, "the description is not valid UTF-8");
  if (!is_valid_utf8(t.reference)) return fail(errc::invalid_utf8, "the reference is not valid UTF-8");
  std::vector<std::uint32_t> ids;
  ids.reserve(t.postings.size());
  for (const posting_input& p : t.postings) {
    const std::uint32_t id = j.find(p.account);
    if (id == string_index::npos)
      return fail(errc::unknown_reference, "unknown account \"" + p.account + "\" (declare it first)");
    ids.push_back(id);
  }
  NTM_CHECK(j.begin_txn(t.when, t.description, t.reference));
  for (std::size_t i = 0; i < t.postings.size(); ++i) {
    j.add_posting(ids[i], t.postings[i].amount.dong());
    if (t.postings[i].assert_balance) j.add_assertion(t.postings[i].assert_balance->dong());
  }
  return {};
}

result<money> to_money(detail::int128 v, const std::string& what) {
  if (!fits(v)) return fail(errc::overflow, what + " is " + describe_amount(v) + ", beyond ±9,2 × 10^18 đồng");
  return money::from_dong(static_cast<std::int64_t>(v));
}

result<std::vector<account_balance>> roll_up(const journal_impl& j, const std::vector<detail::int128>& own) {
  std::vector<detail::int128> total(own);
  // Parents are created before their children, so a descending pass sees children first.
  for (std::size_t id = j.accounts.size(); id-- > 0;) {
    const account_id parent = j.accounts[id].parent;
    if (parent.valid()) total[parent.value] += total[id];
  }
  std::vector<account_balance> out(j.accounts.size());
  for (std::size_t id = 0; id < out.size(); ++id) {
    out[id].account = account_id{static_cast<std::uint32_t>(id)};
    NTM_TRY(o, to_money(own[id], "the balance of \"" + j.accounts[id].name + "\""));
    NTM_TRY(t, to_money(total[id], "the balance of \"" + j.accounts[id].name + "\" with its subaccounts"));
    out[id].own = o;
    out[id].total = t;
  }
  return out;
}

}  // namespace
}  // namespace ledger_internal

using ledger_internal::journal_impl;
using ledger_internal::string_index;

journal::journal() : impl_(std::make_unique<journal_impl>()) {}
journal::~journal() = default;
journal::journal(journal&&) noexcept = default;
journal& journal::operator=(journal&&) noexcept = default;

journal journal::clone() const {
  journal copy;
  *copy.impl_ = *impl_;
  return copy;
}

result<account_id> journal::declare_account(std::string_view name, std::optional<account_kind> kind, source_kind source) {
  return impl_->all_or_nothing("declaring an account", [&](const journal_impl::mark& m) -> result<account_id> {
    auto id = impl_->declare(name, kind, source, true);
    if (!id) {
      impl_->rollback(m);
      return fail(std::move(id).error());
    }
    return account_id{*id};
  });
}

std::optional<account_id> journal::find_account(std::string_view name) const noexcept {
  const std::uint32_t id = impl_->find(name);
  if (id == string_index::npos) return std::nullopt;
  return account_id{id};
}

std::size_t journal::account_count() const noexcept { return impl_->accounts.size(); }

const account_info& journal::account(account_id id) const noexcept {
  static const account_info none;
  return id.value < impl_->accounts.size() ? impl_->accounts[id.value] : none;
}

result<std::size_t> journal::post(const transaction_input& transaction) {
  return impl_->all_or_nothing("posting a transaction", [&](const journal_impl::mark& m) -> result<std::size_t> {
    if (auto r = ledger_internal::append_input(*impl_, transaction); !r) {
      impl_->rollback(m);
      return fail(std::move(r).error());
    }
    NTM_CHECK(impl_->commit(m));
    return m.txns;
  });
}

result<std::size_t> journal::post_all(const std::vector<transaction_input>& transactions) {
  return impl_->all_or_nothing("posting transactions", [&](const journal_impl::mark& m) -> result<std::size_t> {
    std::vector<error> problems;
    for (std::size_t i = 0; i < transactions.size(); ++i) {
      if (auto r = ledger_internal::append_input(*impl_, transactions[i]); !r) {
        error e = std::move(r).error();
        e.message = "transaction #" + std::to_string(i + 1) + ": " + e.message;
        problems.push_back(std::move(e));
      }
    }
    if (!problems.empty()) {
      impl_->rollback(m);
      return fail(ledger_internal::combine_errors(std::move(problems)));
    }
    NTM_CHECK(impl_->commit(m));
    return m.txns;
  });
}

std::size_t journal::transaction_count() const noexcept { return impl_->txns.size(); }
std::size_t journal::posting_count() const noexcept { return impl_->posting_account.size(); }

transaction_view journal::transaction(std::size_t index) const noexcept {
  transaction_view v;
  if (index >= impl_->txns.size()) return v;
  const ledger_internal::txn_rec& r = impl_->txns[index];
  v.index = index;
  v.when = r.when;
  v.description = impl_->description(index);
  v.reference = impl_->reference(index);
  v.first_posting = r.first_posting;
  v.posting_count = r.posting_count;
  return v;
}

posting_view journal::posting(std::size_t index) const noexcept {
  if (index >= impl_->posting_account.size()) return posting_view{};
  return posting_view{account_id{impl_->posting_account[index]}, money::from_dong(impl_->posting_amount[index])};
}

money journal::balance(account_id id) const noexcept {
  return id.value < impl_->balances.size() ? money::from_dong(impl_->balances[id.value]) : money{};
}

result<money> journal::balance(account_id id, date as_of, bool include_subaccounts) const {
  const journal_impl& j = *impl_;
  if (id.value >= j.accounts.size()) return fail(errc::invalid_argument, "no such account in this journal");
  std::vector<std::uint8_t> in_tree(j.accounts.size(), 0);
  in_tree[id.value] = 1;
  if (include_subaccounts) {
    for (std::size_t a = id.value + 1; a < j.accounts.size(); ++a) {
      const account_id parent = j.accounts[a].parent;
      in_tree[a] = parent.valid() ? in_tree[parent.value] : 0;  // parents have smaller ids
    }
  }
  detail::int128 sum = 0;
  for (const ledger_internal::txn_rec& r : j.txns) {
    if (as_of < r.when) continue;
    for (std::uint32_t p = r.first_posting, end = r.first_posting + r.posting_count; p < end; ++p)
      if (in_tree[j.posting_account[p]]) sum += j.posting_amount[p];
  }
  return ledger_internal::to_money(sum, "the balance of \"" + j.accounts[id.value].name + "\"");
}

result<std::vector<account_balance>> journal::balances() const {
  std::vector<detail::int128> own(impl_->balances.begin(), impl_->balances.end());
  return ledger_internal::roll_up(*impl_, own);
}

result<std::vector<account_balance>> journal::balances(date as_of) const {
  const journal_impl& j = *impl_;
  std::vector<detail::int128> own(j.accounts.size(), 0);
  for (const ledger_internal::txn_rec& r : j.txns) {
    if (as_of < r.when) continue;
    for (std::uint32_t p = r.first_posting, end = r.first_posting + r.posting_count; p < end; ++p)
      own[j.posting_account[p]] += j.posting_amount[p];
  }
  return ledger_internal::roll_up(j, own);
}

std::vector<assertion_check> journal::check_assertions() const { return impl_->compute_assertions(); }

result<stage_totals> journal::totals_by_stage() const {
  detail::int128 by_kind[5] = {0, 0, 0, 0, 0};
  for (std::size_t id = 0; id < impl_->accounts.size(); ++id)
    by_kind[static_cast<int>(impl_->accounts[id].kind)] += impl_->balances[id];
  const detail::int128 pledged = -by_kind[static_cast<int>(account_kind::source)];
  const detail::int128 outstanding = by_kind[static_cast<int>(account_kind::receivable)];
  stage_totals s;
  NTM_TRY(p, ledger_internal::to_money(pledged, "the pledged total"));
  NTM_TRY(o, ledger_internal::to_money(outstanding, "the outstanding total"));
  NTM_TRY(r, ledger_internal::to_money(pledged - outstanding, "the received total"));
  NTM_TRY(c, ledger_internal::to_money(by_kind[static_cast<int>(account_kind::cash)], "the cash total"));
  NTM_TRY(d, ledger_internal::to_money(by_kind[static_cast<int>(account_kind::need)], "the disbursed total"));
  NTM_TRY(x, ledger_internal::to_money(by_kind[static_cast<int>(account_kind::other)], "the other total"));
  s.pledged = p;
  s.outstanding = o;
  s.received = r;
  s.cash = c;
  s.disbursed = d;
  s.other = x;
  return s;
}

NTM_END_NAMESPACE
