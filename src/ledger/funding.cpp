// SPDX-License-Identifier: MIT
// Funding plans: names, computed amounts, checks, and the journal of a plan.
#include <ntm/ledger/funding.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include "io/json_document.hpp"  // closest_match, for "did you mean"
#include "ledger/funding_eval.hpp"
#include "ledger/ledger_util.hpp"

NTM_BEGIN_NAMESPACE

const char* to_string(payment_timing timing) noexcept {
  switch (timing) {
    case payment_timing::at_start: return "at_start";
    case payment_timing::at_finish: return "at_finish";
    case payment_timing::spread_monthly: return "spread_monthly";
  }
  return "at_finish";
}

result<payment_timing> parse_payment_timing(std::string_view name) {
  for (payment_timing t : {payment_timing::at_start, payment_timing::at_finish, payment_timing::spread_monthly})
    if (name == to_string(t)) return t;
  return fail(errc::invalid_value, "\"" + std::string(name) + "\" is not a payment timing; use one of: at_start, at_finish, spread_monthly");
}

const char* to_string(availability_kind kind) noexcept {
  switch (kind) {
    case availability_kind::from_date: return "from_date";
    case availability_kind::after_task: return "after_task";
    case availability_kind::spread: return "spread";
  }
  return "from_date";
}

bool eligibility::allows(const funding_need& n) const {
  if (unrestricted()) return true;
  return std::find(needs.begin(), needs.end(), n.id) != needs.end() ||
         std::find(criteria.begin(), criteria.end(), n.criterion) != criteria.end();
}

std::string need_account(const funding_need& n) {
  return n.account.empty() ? std::string(need_root) + ":" + n.criterion + ":" + n.id : n.account;
}

std::string source_account(const funding_source& s) {
  return s.account.empty() ? std::string(source_root) + ":" + s.id : s.account;
}

std::string receivable_account(const funding_source& s) {
  const std::string name = source_account(s);
  const std::size_t colon = name.find(':');
  return std::string(receivable_root) + ":" + (colon == std::string::npos ? name : name.substr(colon + 1));
}

namespace ledger_internal {

error located(errc code, std::string message, std::string pointer) {
  source_location where;
  where.pointer = std::move(pointer);
  return make_error(code, std::move(message), std::move(where));
}

std::optional<std::size_t> find_need(const funding_plan& plan, std::string_view id) {
  for (std::size_t i = 0; i < plan.needs.size(); ++i)
    if (plan.needs[i].id == id) return i;
  return std::nullopt;
}

std::optional<std::size_t> find_source(const funding_plan& plan, std::string_view id) {
  for (std::size_t i = 0; i < plan.sources.size(); ++i)
    if (plan.sources[i].id == id) return i;
  return std::nullopt;
}

namespace {

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string near = io_internal::closest_match(word, candidates);
  return near.empty() ? std::string() : "; did you mean \"" + near + "\"?";
}

// Every name a derived share or a stated figure can refer to.
std::vector<std::string> amount_names(const funding_plan& plan, bool for_stated) {
  std::vector<std::string> names{"needs.total"};
  if (for_stated) {
    names.push_back("sources.total");
    names.push_back("sources.unconditional");
    names.push_back("gap");
  }
  for (const funding_need& n : plan.needs) {
    names.push_back("need." + n.id);
    if (std::find(names.begin(), names.end(), "needs.criterion." + n.criterion) == names.end())
      names.push_back("needs.criterion." + n.criterion);
  }
  for (const funding_source& s : plan.sources) names.push_back("source." + s.id);
  for (const amount_base& b : plan.bases) names.push_back("base." + b.id);
  return names;
}

class evaluator {
 public:
  evaluator(const funding_plan& plan, std::vector<error>& problems) : plan_(plan), problems_(problems) {}

  plan_amounts run() {
    plan_amounts& a = out_;
    for (std::size_t i = 0; i < plan_.needs.size(); ++i) {
      const funding_need& n = plan_.needs[i];
      a.needs_total = sum(a.needs_total, n.amount, "/needs/" + std::to_string(i) + "/amount", "the total of the needs");
      auto c = std::find_if(a.criteria.begin(), a.criteria.end(), [&](const criterion_amount& x) { return x.criterion == n.criterion; });
      if (c == a.criteria.end()) a.criteria.push_back(criterion_amount{n.criterion, n.amount});
      else c->amount = sum(c->amount, n.amount, "/needs/" + std::to_string(i) + "/amount", "the total of criterion " + n.criterion);
    }
    a.bases.resize(plan_.bases.size());
    for (std::size_t i = 0; i < plan_.bases.size(); ++i) {
      const amount_base& b = plan_.bases[i];
      if (b.unit_price && b.quantity) {
        auto v = prorate(*b.unit_price, b.quantity->micros(), decimal::scale);
        if (v) a.bases[i] = *v;
        else problems_.push_back(located(errc::overflow, "base \"" + b.id + "\": quantity × unit price is beyond the money range",
                                         "/bases/" + std::to_string(i)));
      } else if (b.total) {
        a.bases[i] = *b.total;
      }
    }
    a.sources.resize(plan_.sources.size());
    a.source_basis.resize(plan_.sources.size());
    state_.assign(plan_.sources.size(), 0);
    for (std::size_t i = 0; i < plan_.sources.size(); ++i) source_value(i);
    for (std::size_t i = 0; i < plan_.sources.size(); ++i) {
      const std::string ptr = "/sources/" + std::to_string(i);
      a.sources_total = sum(a.sources_total, a.sources[i], ptr, "the total of the sources");
      if (!plan_.sources[i].condition)
        a.unconditional_total = sum(a.unconditional_total, a.sources[i], ptr, "the total of the unconditional sources");
    }
    if (auto g = subtract(a.needs_total, a.sources_total)) a.gap = *g;
    else problems_.push_back(located(errc::overflow, "the gap (needs − sources) is beyond the money range", "/sources"));
    return std::move(out_);
  }

  // The value of a reference; nothing (and a problem) when unknown.
  std::optional<money> resolve(const std::string& of, const std::string& ptr) {
    auto after = [&](std::string_view prefix) -> std::optional<std::string> {
      if (of.size() > prefix.size() && of.compare(0, prefix.size(), prefix) == 0) return of.substr(prefix.size());
      return std::nullopt;
    };
    if (of == "needs.total") return out_.needs_total;
    if (auto c = after("needs.criterion.")) {
      for (const criterion_amount& x : out_.criteria)
        if (x.criterion == *c) return x.amount;
    } else if (auto n = after("need.")) {
      if (auto i = find_need(plan_, *n)) return plan_.needs[*i].amount;
    } else if (auto b = after("base.")) {
      for (std::size_t i = 0; i < plan_.bases.size(); ++i)
        if (plan_.bases[i].id == *b) return out_.bases[i];
    } else if (auto s = after("source.")) {
      if (auto i = find_source(plan_, *s)) {
        if (!source_value(*i)) return std::nullopt;
        return out_.sources[*i];
      }
    }
    problems_.push_back(located(errc::unknown_reference,
                                "\"" + of + "\" names no amount of this plan (use base.<id>, need.<id>, source.<id>, "
                                "needs.total or needs.criterion.<id>)" + suggestion(of, amount_names(plan_, false)),
                                ptr));
    return std::nullopt;
  }

 private:
  money sum(money a, money b, const std::string& ptr, const std::string& what) {
    auto r = add(a, b);
    if (r) return *r;
    problems_.push_back(located(errc::overflow, what + " is beyond the money range", ptr));
    return a;
  }

  // Computes source i; false on a cycle or another problem.
  bool source_value(std::size_t i) {
    if (state_[i] == 2) return true;
    if (state_[i] == 3) return false;
    const funding_source& s = plan_.sources[i];
    const std::string ptr = "/sources/" + std::to_string(i);
    if (state_[i] == 1) {
      std::string loop;
      for (std::size_t k : chain_) loop += plan_.sources[k].id + " → ";
      problems_.push_back(located(errc::funding_cycle, "derived sources depend on each other in a loop: " + loop + s.id,
                                  ptr + "/share/of"));
      state_[i] = 3;
      return false;
    }
    if (s.amount) {
      out_.sources[i] = *s.amount;
      state_[i] = 2;
      return true;
    }
    if (!s.share) {
      state_[i] = 3;
      return false;  // reported by check()
    }
    if (chain_.size() >= max_chain) {  // bounds the recursion (source → resolve → source)
      problems_.push_back(limit_error("derived chain depth", max_chain,
                                      "source \"" + s.id + "\" is a share of a share … " + std::to_string(chain_.size()) + " levels deep",
                                      source_location{{}, 0, 0, ptr + "/share/of"}));
      state_[i] = 3;
      return false;
    }
    state_[i] = 1;
    chain_.push_back(i);
    const std::optional<money> base = resolve(s.share->of, ptr + "/share/of");
    chain_.pop_back();
    if (state_[i] == 3) return false;  // the loop was closed through here
    if (!base) {
      state_[i] = 3;
      return false;
    }
    auto v = share(*base, s.share->rate, s.share->mode);
    if (!v) {
      problems_.push_back(located(v.error().code, "source \"" + s.id + "\": " + v.error().message, ptr + "/share"));
      state_[i] = 3;
      return false;
    }
    out_.sources[i] = *v;
    out_.source_basis[i] = format_percentage(s.share->rate) + " × " + describe_money(*base) + " (" + s.share->of + ")";
    state_[i] = 2;
    return true;
  }

  static constexpr std::size_t max_chain = 256;  // sources derived from sources derived from …

  const funding_plan& plan_;
  std::vector<error>& problems_;
  plan_amounts out_;
  std::vector<int> state_;  // 0 new, 1 in progress, 2 done, 3 failed
  std::vector<std::size_t> chain_;
};

// Declares the plan's accounts and posts its transactions; problems are located.
journal build_journal(const funding_plan& plan, std::vector<error>& problems) {
  journal j;
  auto declare = [&](const std::string& name, std::optional<account_kind> kind, source_kind sk, const std::string& ptr) {
    auto r = j.declare_account(name, kind, sk);
    if (!r) {
      error e = std::move(r).error();
      e.where.pointer = ptr;
      e.where.column = 0;
      problems.push_back(std::move(e));
    }
  };
  declare(plan.cash_account, account_kind::cash, source_kind::unspecified, "/cash_account");
  for (std::size_t i = 0; i < plan.accounts.size(); ++i)
    declare(plan.accounts[i].name, plan.accounts[i].kind, plan.accounts[i].source, "/accounts/" + std::to_string(i));
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    const funding_need& n = plan.needs[i];
    declare(need_account(n), account_kind::need, source_kind::unspecified,
            "/needs/" + std::to_string(i) + (n.account.empty() ? "" : "/account"));
  }
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    const std::string ptr = "/sources/" + std::to_string(i) + (s.account.empty() ? "" : "/account");
    declare(source_account(s), account_kind::source, s.kind, ptr);
    declare(receivable_account(s), account_kind::receivable, source_kind::unspecified, ptr);
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < plan.transactions.size(); ++i) {
    const std::string ptr = "/transactions/" + std::to_string(i);
    const transaction_input& t = plan.transactions[i];
    bool known = true;
    for (std::size_t k = 0; k < t.postings.size(); ++k) {
      if (j.find_account(t.postings[k].account)) continue;
      if (names.empty())
        for (std::uint32_t a = 0; a < j.account_count(); ++a) names.push_back(j.account(account_id{a}).name);
      problems.push_back(located(errc::unknown_reference,
                                 "unknown account \"" + t.postings[k].account + "\"" + suggestion(t.postings[k].account, names) +
                                     " (declare it under \"accounts\")",
                                 ptr + "/postings/" + std::to_string(k) + "/account"));
      known = false;
    }
    if (!known) continue;
    auto r = j.post(t);
    if (!r) {
      error e = std::move(r).error();
      e.where.pointer = ptr;
      for (error& d : e.details) d.where.pointer = ptr;
      problems.push_back(std::move(e));
    }
  }
  return j;
}

void check_ids(const std::vector<std::string>& ids, const char* list, const char* what, std::vector<error>& problems) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string ptr = std::string("/") + list + "/" + std::to_string(i) + "/id";
    if (ids[i].empty()) {
      problems.push_back(located(errc::invalid_value, std::string("a ") + what + " needs an id", ptr));
      continue;
    }
    for (std::size_t k = 0; k < i; ++k)
      if (ids[k] == ids[i]) {
        problems.push_back(located(errc::duplicate_id, std::string(what) + " id \"" + ids[i] + "\" is used twice (first at /" + list + "/" +
                                                           std::to_string(k) + ")",
                                   ptr));
        break;
      }
  }
}

void check_not_negative(const std::optional<money>& m, const std::string& what, const std::string& ptr, std::vector<error>& problems) {
  if (m && m->is_negative())
    problems.push_back(located(errc::negative_amount, what + " cannot be negative (" + ledger_internal::describe_money(*m) + ")", ptr));
}

}  // namespace

plan_amounts evaluate_amounts(const funding_plan& plan, std::vector<error>& problems) {
  return evaluator(plan, problems).run();
}

result<void> require_valid(const funding_plan& plan) {
  std::vector<error> problems = check(plan);
  if (problems.empty()) return {};
  return fail(combine_errors(std::move(problems)));
}

std::optional<money> figure_value(const funding_plan& plan, const plan_amounts& a, std::string_view figure) {
  if (figure == "needs.total") return a.needs_total;
  if (figure == "sources.total") return a.sources_total;
  if (figure == "sources.unconditional") return a.unconditional_total;
  if (figure == "gap") return a.gap;
  auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (figure.size() > prefix.size() && figure.substr(0, prefix.size()) == prefix) return figure.substr(prefix.size());
    return std::nullopt;
  };
  if (auto c = after("needs.criterion.")) {
    for (const criterion_amount& x : a.criteria)
      if (x.criterion == *c) return x.amount;
  } else if (auto n = after("need.")) {
    if (auto i = find_need(plan, *n)) return plan.needs[*i].amount;
  } else if (auto s = after("source.")) {
    if (auto i = find_source(plan, *s)) return a.sources[*i];
  } else if (auto b = after("base.")) {
    for (std::size_t i = 0; i < plan.bases.size(); ++i)
      if (plan.bases[i].id == *b) return a.bases[i];
  }
  return std::nullopt;
}

}  // namespace ledger_internal

std::vector<error> check(const funding_plan& plan) {
  using ledger_internal::located;
  std::vector<error> problems;
  if (plan.span.first.is_special() || plan.span.last.is_special())
    problems.push_back(located(errc::invalid_value, "the plan needs a period, e.g. \"năm 2023\"", "/period"));

  std::vector<std::string> need_ids, source_ids, base_ids;
  for (const funding_need& n : plan.needs) need_ids.push_back(n.id);
  for (const funding_source& s : plan.sources) source_ids.push_back(s.id);
  for (const amount_base& b : plan.bases) base_ids.push_back(b.id);
  ledger_internal::check_ids(base_ids, "bases", "base", problems);
  ledger_internal::check_ids(need_ids, "needs", "need", problems);
  ledger_internal::check_ids(source_ids, "sources", "source", problems);

  std::vector<std::string> criteria;
  for (std::size_t i = 0; i < plan.needs.size(); ++i) {
    const funding_need& n = plan.needs[i];
    const std::string ptr = "/needs/" + std::to_string(i);
    if (n.criterion.empty()) problems.push_back(located(errc::invalid_value, "need \"" + n.id + "\" needs a criterion id", ptr + "/criterion"));
    if (n.task.empty()) problems.push_back(located(errc::invalid_value, "need \"" + n.id + "\" needs a task id", ptr + "/task"));
    ledger_internal::check_not_negative(n.amount, "the amount of need \"" + n.id + "\"", ptr + "/amount", problems);
    if (n.payment_delay_days < 0 || n.payment_delay_days > max_payment_delay_days)
      problems.push_back(located(errc::invalid_value, "need \"" + n.id + "\": payment_delay_days is 0 to " + std::to_string(max_payment_delay_days) + " (days after the payment falls due)", ptr + "/payment_delay_days"));
    if (std::find(criteria.begin(), criteria.end(), n.criterion) == criteria.end()) criteria.push_back(n.criterion);
  }
  for (std::size_t i = 0; i < plan.bases.size(); ++i) {
    const amount_base& b = plan.bases[i];
    const std::string ptr = "/bases/" + std::to_string(i);
    if (b.quantity && b.quantity->micros() < 0)
      problems.push_back(located(errc::negative_amount, "the quantity of base \"" + b.id + "\" cannot be negative", ptr + "/quantity"));
    ledger_internal::check_not_negative(b.unit_price, "the unit price of base \"" + b.id + "\"", ptr + "/unit_price", problems);
    ledger_internal::check_not_negative(b.total, "the total of base \"" + b.id + "\"", ptr + "/total", problems);
    if (b.unit_price && b.total)
      problems.push_back(located(errc::invalid_value, "base \"" + b.id + "\" gives both a unit price and a total; give one (a stated total that should equal quantity × unit price belongs in \"stated\" as base." + b.id + ")", ptr));
    else if (b.unit_price && !b.quantity)
      problems.push_back(located(errc::invalid_value, "base \"" + b.id + "\" has a unit price but no quantity", ptr));
    else if (!b.unit_price && !b.total)
      problems.push_back(located(errc::invalid_value, "base \"" + b.id + "\" needs a total, or a quantity and a unit price", ptr));
  }
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    const funding_source& s = plan.sources[i];
    const std::string ptr = "/sources/" + std::to_string(i);
    if (s.amount && s.share)
      problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\" has both an amount and a share; give one", ptr));
    else if (!s.amount && !s.share)
      problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\" needs an amount or a share", ptr));
    ledger_internal::check_not_negative(s.amount, "the amount of source \"" + s.id + "\"", ptr + "/amount", problems);
    if (s.share) {
      const fraction r = s.share->rate;
      if (r.denominator <= 0)
        problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\": the rate has a denominator ≤ 0", ptr + "/share/rate"));
      else if (r.numerator < 0 || r.numerator > r.denominator)
        problems.push_back(located(errc::rate_out_of_range,
                                   "source \"" + s.id + "\": the rate " + format_percentage(r) + " is outside 0–100 %", ptr + "/share/rate"));
    }
    if (s.condition) {
      if (s.condition->rule.empty())
        problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\": a condition needs a rule id", ptr + "/condition/rule"));
      if (s.condition->lag_days < 0)
        problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\": lag_days cannot be negative", ptr + "/condition/lag_days"));
    }
    const availability& av = s.available;
    if (av.kind == availability_kind::after_task && av.task.empty())
      problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\": after_task needs a task id", ptr + "/available/after_task"));
    if (av.kind == availability_kind::spread && !av.spread)
      problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\": spread needs a period", ptr + "/available/spread"));
    if (av.lag_days < 0)
      problems.push_back(located(errc::invalid_value, "source \"" + s.id + "\": lag_days cannot be negative", ptr + "/available/lag_days"));
    for (std::size_t k = 0; k < s.eligible.needs.size(); ++k)
      if (!ledger_internal::find_need(plan, s.eligible.needs[k]))
        problems.push_back(located(errc::unknown_reference,
                                   "source \"" + s.id + "\" is eligible for need \"" + s.eligible.needs[k] + "\", which the plan does not have" +
                                       ledger_internal::suggestion(s.eligible.needs[k], need_ids),
                                   ptr + "/eligible/needs/" + std::to_string(k)));
    for (std::size_t k = 0; k < s.eligible.criteria.size(); ++k)
      if (std::find(criteria.begin(), criteria.end(), s.eligible.criteria[k]) == criteria.end())
        problems.push_back(located(errc::unknown_reference,
                                   "source \"" + s.id + "\" is eligible for criterion \"" + s.eligible.criteria[k] + "\", which no need has" +
                                       ledger_internal::suggestion(s.eligible.criteria[k], criteria),
                                   ptr + "/eligible/criteria/" + std::to_string(k)));
  }
  const ledger_internal::plan_amounts amounts = ledger_internal::evaluate_amounts(plan, problems);
  const std::vector<std::string> figures = ledger_internal::amount_names(plan, true);
  for (std::size_t i = 0; i < plan.stated.size(); ++i) {
    const stated_figure& f = plan.stated[i];
    const std::string ptr = "/stated/" + std::to_string(i);
    if (!ledger_internal::figure_value(plan, amounts, f.figure))
      problems.push_back(located(errc::unknown_reference, "\"" + f.figure + "\" is not a figure of this plan" +
                                                              ledger_internal::suggestion(f.figure, figures),
                                 ptr + "/figure"));
    if (f.figure != "gap") ledger_internal::check_not_negative(f.amount, "stated " + f.figure, ptr + "/amount", problems);
  }
  if (plan.gap && plan.gap->body.empty())
    problems.push_back(located(errc::invalid_value, "the gap request needs the body it is addressed to", "/gap_request/body"));
  ledger_internal::build_journal(plan, problems);
  return problems;
}

result<journal> make_journal(const funding_plan& plan) {
  NTM_CHECK(ledger_internal::require_valid(plan));
  std::vector<error> problems;
  journal j = ledger_internal::build_journal(plan, problems);
  if (!problems.empty()) return fail(ledger_internal::combine_errors(std::move(problems)));
  return j;
}

NTM_END_NAMESPACE
