// SPDX-License-Identifier: MIT
// The funding JSON format: reading (with located errors) and writing.
#include "io/funding_json.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include <ntm/ledger/funding_io.hpp>

NTM_BEGIN_NAMESPACE
namespace io_internal {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::pair<rounding, const char*> rounding_names[] = {
    {rounding::half_up, "half_up"}, {rounding::half_even, "half_even"}, {rounding::down, "down"},
    {rounding::up, "up"},           {rounding::floor, "floor"},         {rounding::ceiling, "ceiling"}};

const char* rounding_name(rounding m) {
  for (const auto& [mode, name] : rounding_names)
    if (mode == m) return name;
  return "half_up";
}

// True when one pointer is the other or lies inside it.
bool related(const std::string& a, const std::string& b) {
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  if (longer.compare(0, shorter.size(), shorter) != 0) return false;
  return longer.size() == shorter.size() || longer[shorter.size()] == '/';
}

// Reads the funding format with a json_reader, remembering where it recorded problems, so
// that the problems of check() that follow from them are not reported twice.
class reader {
 public:
  explicit reader(json_reader& r) : r_(r) {}

  const std::vector<std::string>& bad() const { return bad_; }

  void plan(const json& node, const std::string& p, funding_plan& out) {
    if (!object(node, p, "a funding plan")) return;
    fields(node, p, {"format", "version", "unit", "period", "cash_account", "accounts", "bases", "needs", "sources", "stated",
                     "gap_request", "transactions"});
    if (auto f = str(node, p, "format", false); f && *f != funding_format)
      problem(errc::format_version, "\"format\" is \"" + *f + "\"; a funding file has \"" + funding_format + "\"", p + "/format");
    if (auto v = integer(node, p, "version", false); v && *v != funding_version)
      problem(errc::format_version, "funding format version " + std::to_string(*v) + " is not supported (this ntm reads version " +
                                        std::to_string(funding_version) + ")",
              p + "/version");
    if (auto u = str(node, p, "unit", false)) out.unit = *u;
    if (auto s = track(p + "/period", [&] { return r_.get_period(node, p, "period", true); })) out.span = *s;
    if (auto c = str(node, p, "cash_account", false)) out.cash_account = *c;
    list(node, p, "accounts", [&](const json& v, const std::string& q) { out.accounts.push_back(account(v, q)); });
    list(node, p, "bases", [&](const json& v, const std::string& q) { out.bases.push_back(base(v, q)); });
    list(node, p, "needs", [&](const json& v, const std::string& q) { out.needs.push_back(need_(v, q)); });
    list(node, p, "sources", [&](const json& v, const std::string& q) { out.sources.push_back(source_(v, q)); });
    list(node, p, "stated", [&](const json& v, const std::string& q) { out.stated.push_back(stated(v, q)); });
    if (const json* g = r_.field(node, p, "gap_request", false)) out.gap = gap(*g, p + "/gap_request");
    list(node, p, "transactions", [&](const json& v, const std::string& q) {
      transaction_input t;
      transaction(v, q, t);
      out.transactions.push_back(std::move(t));
    });
  }

  funding_need need(const json& node, const std::string& p) { return need_(node, p); }
  funding_source source(const json& node, const std::string& p) { return source_(node, p); }

  void transaction(const json& node, const std::string& p, transaction_input& out) {
    if (!object(node, p, "a transaction")) return;
    fields(node, p, {"date", "description", "reference", "postings"});
    if (auto d = track(p + "/date", [&] { return r_.get_date(node, p, "date", true); })) out.when = *d;
    if (auto s = str(node, p, "description", false)) out.description = *s;
    if (auto s = str(node, p, "reference", false)) out.reference = *s;
    list(node, p, "postings", [&](const json& v, const std::string& q) {
      posting_input post;
      if (object(v, q, "a posting")) {
        fields(v, q, {"account", "amount", "assert"});
        if (auto a = str(v, q, "account", true)) post.account = *a;
        if (auto m = amount(v, q, "amount", true)) post.amount = *m;
        post.assert_balance = amount(v, q, "assert", false);
      }
      out.postings.push_back(std::move(post));
    }, true);
  }

 private:
  void problem(errc code, std::string message, const std::string& ptr) {
    r_.report(code, std::move(message), ptr);
    bad_.push_back(ptr);
  }

  void problem(error e, const std::string& ptr) {
    r_.report(std::move(e), ptr);
    bad_.push_back(ptr);
  }

  template <class F>
  auto track(const std::string& ptr, F&& read) -> decltype(read()) {
    const std::size_t before = r_.error_count();
    auto v = read();
    if (r_.error_count() > before) bad_.push_back(ptr);
    return v;
  }

  bool object(const json& v, const std::string& p, const char* what) {
    if (r_.expect_object(v, p, what)) return true;
    bad_.push_back(p);
    return false;
  }

  void fields(const json& obj, const std::string& p, std::initializer_list<const char*> allowed) {
    r_.check_fields(obj, p, allowed);
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      if (!key.empty() && key[0] == '$') continue;
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) bad_.push_back(p + "/" + pointer_token(key));
    }
  }

  std::optional<std::string> str(const json& obj, const std::string& p, const char* key, bool required) {
    return track(p + "/" + key, [&] { return r_.get_string(obj, p, key, required); });
  }
  std::optional<std::int64_t> integer(const json& obj, const std::string& p, const char* key, bool required) {
    return track(p + "/" + key, [&] { return r_.get_integer(obj, p, key, required); });
  }
  std::optional<money> amount(const json& obj, const std::string& p, const char* key, bool required) {
    return track(p + "/" + key, [&] { return r_.get_money(obj, p, key, required); });
  }
  std::optional<localized_text> text(const json& obj, const std::string& p, const char* key, bool required) {
    return track(p + "/" + key, [&] { return r_.get_text(obj, p, key, required); });
  }
  std::int32_t days(const json& obj, const std::string& p, const char* key) {
    auto v = integer(obj, p, key, false);
    if (!v) return 0;
    if (*v < std::numeric_limits<std::int32_t>::min() || *v > std::numeric_limits<std::int32_t>::max()) {
      problem(errc::invalid_value, std::string("\"") + key + "\" is out of range", p + "/" + key);
      return 0;
    }
    return static_cast<std::int32_t>(*v);
  }
  template <class T, class Parse>
  std::optional<T> name(const json& obj, const std::string& p, const char* key, Parse parse) {
    auto s = str(obj, p, key, false);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (!v) {
      problem(std::move(v).error(), p + "/" + key);
      return std::nullopt;
    }
    return *v;
  }

  template <class F>
  void list(const json& obj, const std::string& p, const char* key, F&& each, bool required = false) {
    const json* v = r_.field(obj, p, key, required);
    const std::string q = p + "/" + key;
    if (!v) {
      if (required) bad_.push_back(q);
      return;
    }
    if (!r_.expect_array(*v, q, key)) {
      bad_.push_back(q);
      return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) each((*v)[i], q + "/" + std::to_string(i));
  }

  std::vector<std::string> strings(const json& obj, const std::string& p, const char* key) {
    std::vector<std::string> out;
    list(obj, p, key, [&](const json& v, const std::string& q) {
      if (v.is_string()) out.push_back(v.get<std::string>());
      else problem(errc::json_type, std::string("an id must be a string, not ") + json_type_name(v), q);
    });
    return out;
  }

  account_declaration account(const json& v, const std::string& p) {
    account_declaration a;
    if (!object(v, p, "an account")) return a;
    fields(v, p, {"name", "kind", "source_kind"});
    if (auto n = str(v, p, "name", true)) a.name = *n;
    a.kind = name<account_kind>(v, p, "kind", parse_account_kind);
    a.source = name<source_kind>(v, p, "source_kind", parse_source_kind).value_or(source_kind::unspecified);
    return a;
  }

  amount_base base(const json& v, const std::string& p) {
    amount_base b;
    if (!object(v, p, "a base amount")) return b;
    fields(v, p, {"id", "label", "quantity", "unit", "unit_price", "total"});
    if (auto s = str(v, p, "id", true)) b.id = *s;
    if (auto t = text(v, p, "label", false)) b.label = *t;
    b.quantity = track(p + "/quantity", [&] { return r_.get_decimal(v, p, "quantity", false); });
    if (auto s = str(v, p, "unit", false)) b.unit = *s;
    b.unit_price = amount(v, p, "unit_price", false);
    b.total = amount(v, p, "total", false);
    return b;
  }

  funding_need need_(const json& v, const std::string& p) {
    funding_need n;
    if (!object(v, p, "a need")) return n;
    fields(v, p, {"id", "criterion", "item", "amount", "task", "payment", "payment_delay_days", "account"});
    if (auto s = str(v, p, "id", true)) n.id = *s;
    if (auto s = str(v, p, "criterion", true)) n.criterion = *s;
    if (auto t = text(v, p, "item", true)) n.item = *t;
    if (auto m = amount(v, p, "amount", true)) n.amount = *m;
    if (auto s = str(v, p, "task", true)) n.task = *s;
    n.payment = name<payment_timing>(v, p, "payment", parse_payment_timing).value_or(payment_timing::at_finish);
    n.payment_delay_days = days(v, p, "payment_delay_days");
    if (auto s = str(v, p, "account", false)) n.account = *s;
    return n;
  }

  funding_source source_(const json& v, const std::string& p) {
    funding_source s;
    if (!object(v, p, "a source")) return s;
    fields(v, p, {"id", "label", "kind", "amount", "share", "condition", "available", "eligible", "account"});
    if (auto x = str(v, p, "id", true)) s.id = *x;
    if (auto t = text(v, p, "label", false)) s.label = *t;
    s.kind = name<source_kind>(v, p, "kind", parse_source_kind).value_or(source_kind::unspecified);
    s.amount = amount(v, p, "amount", false);
    if (const json* sh = r_.field(v, p, "share", false)) {
      const std::string q = p + "/share";
      derived_amount d;
      if (object(*sh, q, "a share")) {
        fields(*sh, q, {"rate", "of", "rounding"});
        if (const json* rate = r_.field(*sh, q, "rate", true)) {
          if (!rate->is_string()) {
            problem(errc::json_type, std::string("a rate must be a string such as \"15%\", not ") + json_type_name(*rate), q + "/rate");
          } else if (auto f = parse_percentage(rate->get<std::string>()); !f) {
            problem(std::move(f).error(), q + "/rate");
          } else {
            d.rate = *f;
          }
        } else {
          bad_.push_back(q + "/rate");
        }
        if (auto o = str(*sh, q, "of", true)) d.of = *o;
        d.mode = name<rounding>(*sh, q, "rounding", [](const std::string& n) -> result<rounding> {
                   for (const auto& [mode, text] : rounding_names)
                     if (n == text) return mode;
                   return fail(errc::invalid_value, "\"" + n + "\" is not a rounding; use half_up, half_even, down, up, floor or ceiling");
                 }).value_or(rounding::half_up);
      }
      s.share = d;
    }
    if (const json* c = r_.field(v, p, "condition", false)) {
      const std::string q = p + "/condition";
      funding_condition fc;
      if (object(*c, q, "a condition")) {
        fields(*c, q, {"rule", "lag_days"});
        if (auto rule = str(*c, q, "rule", true)) fc.rule = *rule;
        fc.lag_days = days(*c, q, "lag_days");
      }
      s.condition = fc;
    }
    if (const json* a = r_.field(v, p, "available", false)) s.available = available(*a, p + "/available");
    if (const json* e = r_.field(v, p, "eligible", false)) {
      const std::string q = p + "/eligible";
      if (object(*e, q, "an eligibility")) {
        fields(*e, q, {"needs", "criteria"});
        s.eligible.needs = strings(*e, q, "needs");
        s.eligible.criteria = strings(*e, q, "criteria");
      }
    }
    if (auto x = str(v, p, "account", false)) s.account = *x;
    return s;
  }

  availability available(const json& v, const std::string& p) {
    availability a;
    if (!object(v, p, "an availability")) return a;
    fields(v, p, {"from", "after_task", "lag_days", "spread"});
    const int given = static_cast<int>(v.contains("from")) + static_cast<int>(v.contains("after_task")) + static_cast<int>(v.contains("spread"));
    if (given != 1) {
      problem(errc::invalid_value, "give exactly one of \"from\" (a date), \"after_task\" (a task id) and \"spread\" (a period)", p);
      return a;
    }
    if (v.contains("lag_days") && !v.contains("after_task"))
      problem(errc::invalid_value, "\"lag_days\" goes with \"after_task\"", p + "/lag_days");
    if (v.contains("from")) {
      a.kind = availability_kind::from_date;
      a.from = track(p + "/from", [&] { return r_.get_date(v, p, "from", true); });
    } else if (v.contains("after_task")) {
      a.kind = availability_kind::after_task;
      if (auto t = str(v, p, "after_task", true)) a.task = *t;
      a.lag_days = days(v, p, "lag_days");
    } else {
      a.kind = availability_kind::spread;
      a.spread = track(p + "/spread", [&] { return r_.get_period(v, p, "spread", true); });
    }
    return a;
  }

  stated_figure stated(const json& v, const std::string& p) {
    stated_figure f;
    if (!object(v, p, "a stated figure")) return f;
    fields(v, p, {"figure", "amount", "where"});
    if (auto s = str(v, p, "figure", true)) f.figure = *s;
    if (auto m = amount(v, p, "amount", true)) f.amount = *m;
    if (auto s = str(v, p, "where", true)) f.where = *s;
    return f;
  }

  gap_request gap(const json& v, const std::string& p) {
    gap_request g;
    if (!object(v, p, "a gap request")) return g;
    fields(v, p, {"body", "text"});
    if (auto s = str(v, p, "body", true)) g.body = *s;
    if (auto t = text(v, p, "text", false)) g.text = *t;
    return g;
  }

  json_reader& r_;
  std::vector<std::string> bad_;
};

ojson text_json(const localized_text& t) {
  if (t.en.empty()) return t.vi;
  return ojson{{"vi", t.vi}, {"en", t.en}};
}

ojson transaction_json(const transaction_input& t) {
  ojson o;
  o["date"] = format_date(t.when);
  if (!t.description.empty()) o["description"] = t.description;
  if (!t.reference.empty()) o["reference"] = t.reference;
  ojson postings = ojson::array();
  for (const posting_input& p : t.postings) {
    ojson q;
    q["account"] = p.account;
    q["amount"] = money_to_text(p.amount);
    if (p.assert_balance) q["assert"] = money_to_text(*p.assert_balance);
    postings.push_back(std::move(q));
  }
  o["postings"] = std::move(postings);
  return o;
}

}  // namespace

std::string money_to_text(money m) {
  const std::int64_t v = m.dong();
  if (v != 0 && v % dong_per_trieu == 0) return format_money(m);
  return format_dong(m);
}

bool read_funding(json_reader& r, const json& node, const std::string& pointer, funding_plan& out) {
  const std::size_t before = r.error_count();
  reader rd(r);
  rd.plan(node, pointer, out);
  for (error& e : check(out)) {
    const std::string ptr = pointer + e.where.pointer;
    if (std::any_of(rd.bad().begin(), rd.bad().end(), [&](const std::string& b) { return related(b, ptr); })) continue;
    e.where = source_location{};
    r.report(std::move(e), ptr);
  }
  return r.error_count() == before;
}

bool read_need(json_reader& r, const json& node, const std::string& pointer, funding_need& out) {
  const std::size_t before = r.error_count();
  out = reader(r).need(node, pointer);
  return r.error_count() == before;
}

bool read_source(json_reader& r, const json& node, const std::string& pointer, funding_source& out) {
  const std::size_t before = r.error_count();
  out = reader(r).source(node, pointer);
  return r.error_count() == before;
}

bool read_transaction(json_reader& r, const json& node, const std::string& pointer, transaction_input& out) {
  const std::size_t before = r.error_count();
  reader(r).transaction(node, pointer, out);
  return r.error_count() == before;
}

nlohmann::ordered_json funding_to_json(const funding_plan& plan) {
  ojson o;
  o["format"] = funding_format;
  o["version"] = funding_version;
  if (!plan.unit.empty()) o["unit"] = plan.unit;
  o["period"] = plan.span.to_string(lang::vi);
  if (plan.cash_account != default_cash_account) o["cash_account"] = plan.cash_account;
  if (!plan.accounts.empty()) {
    ojson list = ojson::array();
    for (const account_declaration& a : plan.accounts) {
      ojson x;
      x["name"] = a.name;
      if (a.kind) x["kind"] = to_string(*a.kind);
      if (a.source != source_kind::unspecified) x["source_kind"] = to_string(a.source);
      list.push_back(std::move(x));
    }
    o["accounts"] = std::move(list);
  }
  if (!plan.bases.empty()) {
    ojson list = ojson::array();
    for (const amount_base& b : plan.bases) {
      ojson x;
      x["id"] = b.id;
      if (!b.label.empty()) x["label"] = text_json(b.label);
      if (b.quantity) {
        if (b.quantity->is_integer()) x["quantity"] = b.quantity->micros() / decimal::scale;
        else x["quantity"] = b.quantity->to_string();
      }
      if (!b.unit.empty()) x["unit"] = b.unit;
      if (b.unit_price) x["unit_price"] = money_to_text(*b.unit_price);
      if (b.total) x["total"] = money_to_text(*b.total);
      list.push_back(std::move(x));
    }
    o["bases"] = std::move(list);
  }
  ojson needs = ojson::array();
  for (const funding_need& n : plan.needs) {
    ojson x;
    x["id"] = n.id;
    x["criterion"] = n.criterion;
    x["item"] = text_json(n.item);
    x["amount"] = money_to_text(n.amount);
    x["task"] = n.task;
    x["payment"] = to_string(n.payment);
    if (n.payment_delay_days != 0) x["payment_delay_days"] = n.payment_delay_days;
    if (!n.account.empty()) x["account"] = n.account;
    needs.push_back(std::move(x));
  }
  o["needs"] = std::move(needs);
  ojson sources = ojson::array();
  for (const funding_source& s : plan.sources) {
    ojson x;
    x["id"] = s.id;
    if (!s.label.empty()) x["label"] = text_json(s.label);
    if (s.kind != source_kind::unspecified) x["kind"] = to_string(s.kind);
    if (s.amount) x["amount"] = money_to_text(*s.amount);
    if (s.share) {
      ojson sh;
      sh["rate"] = format_percentage(s.share->rate);
      sh["of"] = s.share->of;
      if (s.share->mode != rounding::half_up) sh["rounding"] = rounding_name(s.share->mode);
      x["share"] = std::move(sh);
    }
    if (s.condition) {
      ojson c;
      c["rule"] = s.condition->rule;
      if (s.condition->lag_days != 0) c["lag_days"] = s.condition->lag_days;
      x["condition"] = std::move(c);
    }
    const availability& a = s.available;
    if (a.kind == availability_kind::from_date && a.from) {
      x["available"] = ojson{{"from", format_date(*a.from)}};
    } else if (a.kind == availability_kind::after_task) {
      ojson av;
      av["after_task"] = a.task;
      if (a.lag_days != 0) av["lag_days"] = a.lag_days;
      x["available"] = std::move(av);
    } else if (a.kind == availability_kind::spread && a.spread) {
      x["available"] = ojson{{"spread", a.spread->to_string(lang::vi)}};
    }
    if (!s.eligible.unrestricted()) {
      ojson e;
      if (!s.eligible.needs.empty()) e["needs"] = s.eligible.needs;
      if (!s.eligible.criteria.empty()) e["criteria"] = s.eligible.criteria;
      x["eligible"] = std::move(e);
    }
    if (!s.account.empty()) x["account"] = s.account;
    sources.push_back(std::move(x));
  }
  o["sources"] = std::move(sources);
  if (!plan.stated.empty()) {
    ojson list = ojson::array();
    for (const stated_figure& f : plan.stated) list.push_back(ojson{{"figure", f.figure}, {"amount", money_to_text(f.amount)}, {"where", f.where}});
    o["stated"] = std::move(list);
  }
  if (plan.gap) {
    ojson g;
    g["body"] = plan.gap->body;
    if (!plan.gap->text.empty()) g["text"] = text_json(plan.gap->text);
    o["gap_request"] = std::move(g);
  }
  if (!plan.transactions.empty()) {
    ojson list = ojson::array();
    for (const transaction_input& t : plan.transactions) list.push_back(transaction_json(t));
    o["transactions"] = std::move(list);
  }
  return o;
}

}  // namespace io_internal

result<funding_plan> parse_funding(std::string_view text, std::string file, const load_options& options) {
  return io_internal::guarded("loading a funding plan", [&]() -> result<funding_plan> {
    const std::string what = file.empty() ? std::string("while loading a funding plan") : "while loading funding plan " + file;
    auto doc = io_internal::json_document::parse(std::string(text), std::move(file), options);
    if (!doc) return fail(std::move(doc).error().add_context(what));
    // The checks compare items with each other: bound their number first.
    if (doc->root().is_object())
      for (const char* list : {"accounts", "bases", "needs", "sources", "stated", "transactions"})
        if (auto it = doc->root().find(list); it != doc->root().end() && it->is_array() && it->size() > options.max_funding_items)
          return fail(limit_error("max_funding_items", options.max_funding_items,
                                  "the funding plan has " + std::to_string(it->size()) + " " + list, doc->locate(std::string("/") + list))
                          .add_context(what));
    io_internal::json_reader r(*doc);
    funding_plan plan;
    io_internal::read_funding(r, doc->root(), "", plan);
    NTM_CHECK(r.finish(what));
    return plan;
  });
}

result<funding_plan> load_funding(const std::string& path, const load_options& options) {
  NTM_TRY(text, io_internal::fetch(options, path));
  return parse_funding(text, path, options);
}

std::string to_json(const funding_plan& plan) { return io_internal::funding_to_json(plan).dump(2) + "\n"; }

result<void> save_funding(const funding_plan& plan, const std::string& path) {
  return io_internal::write_file(path, to_json(plan));
}

NTM_END_NAMESPACE
