// SPDX-License-Identifier: MIT
// Loading a plan: the plan file and the files it names, checked against each other.
#include <ntm/plan/plan.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include <ntm/ledger/funding_io.hpp>

#include "io/criteria_set_json.hpp"
#include "io/json_document.hpp"

NTM_BEGIN_NAMESPACE

namespace {

using io_internal::json;
using io_internal::json_reader;

class plan_reader {
 public:
  plan_reader(json_reader& r, const plan_load_options& opt, plan& out) : r_(r), opt_(opt), p_(out) {}

  void read(const json& root) {
    if (!r_.expect_object(root, "", "a plan")) return;
    r_.check_fields(root, "", {"format", "id", "title", "document", "unit", "criteria_set", "goal", "baseline", "target",
                               "roadmap", "funding", "bodies", "responsibilities", "stated"});
    if (auto f = r_.get_string(root, "", "format", false); f && *f != "ntm.plan/1")
      r_.report(errc::format_version, "unsupported format \"" + *f + "\"; this version of ntm reads \"ntm.plan/1\"", "/format");
    p_.id = r_.get_string(root, "", "id", true).value_or("");
    p_.title = r_.get_text(root, "", "title", true).value_or(localized_text{});
    read_document(root);
    read_unit(root);
    p_.target = r_.get_date(root, "", "target", true).value_or(date());
    // The criteria set comes first: the facts and the cross-checks need it compiled.
    p_.criteria_file = r_.get_string(root, "", "criteria_set", true).value_or("");
    bool have_program = false;
    if (!p_.criteria_file.empty()) {
      auto set = load_criteria_set(named(p_.criteria_file), opt_.files);
      if (!set) {
        sub_error(std::move(set).error(), "/criteria_set", "the criteria set");
      } else {
        auto prog = compile(*set, opt_.functions, opt_.compile);
        if (!prog) sub_error(std::move(prog).error(), "/criteria_set", "the criteria set");
        else {
          p_.criteria = std::move(*prog);
          have_program = true;
        }
      }
    }
    p_.goal = r_.get_string(root, "", "goal", false).value_or("");
    if (have_program) {
      if (p_.goal.empty()) p_.goal = p_.criteria.rule(p_.criteria.standard()).id;
      else if (auto g = p_.criteria.find_rule(p_.goal); !g) r_.report(g.error().code, g.error().message, "/goal");
      if (!p_.unit.region.empty()) {
        const std::vector<std::string> regions = p_.criteria.regions();
        if (std::find(regions.begin(), regions.end(), p_.unit.region) == regions.end())
          r_.report(errc::unknown_region, "region \"" + p_.unit.region + "\" is not declared by the criteria set", "/unit/region");
      }
      read_baseline(root);
    }
    const std::string roadmap_file = r_.get_string(root, "", "roadmap", true).value_or("");
    if (!roadmap_file.empty()) {
      auto road = load_roadmap(named(roadmap_file), opt_.files);
      if (!road) sub_error(std::move(road).error(), "/roadmap", "the roadmap");
      else p_.road = std::move(*road);
    }
    const std::string funding_file = r_.get_string(root, "", "funding", true).value_or("");
    if (!funding_file.empty()) {
      auto fund = load_funding(named(funding_file), opt_.files);
      if (!fund) sub_error(std::move(fund).error(), "/funding", "the funding");
      else p_.funding = std::move(*fund);
    }
    p_.bodies = p_.road.bodies;
    read_responsibilities(root);
    read_stated(root);
    if (r_.ok() && have_program) cross_check();
  }

 private:
  // How a file the plan names is fetched (relative to the plan, or through the resolver).
  std::string named(const std::string& name) const { return io_internal::named_file(opt_.files, p_.file, name); }

  // An error found in a file the plan names: kept whole (located in that file), listed
  // under the plan's field that names the file.
  void sub_error(error e, const std::string& pointer, const std::string& what) {
    e.add_context("in " + what + " named at " + pointer + " of " + (p_.file.empty() ? std::string("the plan") : p_.file));
    r_.report(std::move(e), "");
  }

  void read_document(const json& root) {
    const json* d = r_.field(root, "", "document", false);
    if (!d || !r_.expect_object(*d, "/document", "\"document\"")) return;
    r_.check_fields(*d, "/document", {"title", "issuer", "number", "issued", "signed_by", "basis"});
    p_.document.title = r_.get_text(*d, "/document", "title", true).value_or(localized_text{});
    p_.document.issuer = r_.get_string(*d, "/document", "issuer", false).value_or("");
    p_.document.number = r_.get_string(*d, "/document", "number", false).value_or("");
    p_.document.issued = r_.get_date(*d, "/document", "issued", false);
    p_.document.signed_by = r_.get_string(*d, "/document", "signed_by", false).value_or("");
    p_.document.basis = strings(*d, "/document", "basis");
  }

  void read_unit(const json& root) {
    const json* u = r_.field(root, "", "unit", true);
    if (!u || !r_.expect_object(*u, "/unit", "\"unit\"")) return;
    r_.check_fields(*u, "/unit", {"kind", "name", "code", "district", "district_code", "province", "province_code", "region"});
    p_.unit.kind = r_.get_string(*u, "/unit", "kind", false).value_or("xã");
    p_.unit.name = r_.get_string(*u, "/unit", "name", true).value_or("");
    p_.unit.code = r_.get_string(*u, "/unit", "code", false).value_or("");
    p_.unit.district = r_.get_string(*u, "/unit", "district", false).value_or("");
    p_.unit.district_code = r_.get_string(*u, "/unit", "district_code", false).value_or("");
    p_.unit.province = r_.get_string(*u, "/unit", "province", false).value_or("");
    p_.unit.province_code = r_.get_string(*u, "/unit", "province_code", false).value_or("");
    p_.unit.region = r_.get_string(*u, "/unit", "region", false).value_or("");
  }

  void read_baseline(const json& root) {
    const json* b = r_.field(root, "", "baseline", true);
    if (!b || !r_.expect_object(*b, "/baseline", "\"baseline\"")) return;
    r_.check_fields(*b, "/baseline", {"date", "facts"});
    p_.baseline_date = r_.get_date(*b, "/baseline", "date", true).value_or(date());
    p_.baseline = p_.criteria.make_facts();
    const json* f = r_.field(*b, "/baseline", "facts", true);
    if (!f) return;
    if (f->is_string()) {
      auto facts = load_facts(p_.criteria, named(f->get<std::string>()), opt_.files);
      if (!facts) sub_error(std::move(facts).error(), "/baseline/facts", "the baseline facts");
      else p_.baseline = std::move(*facts);
    } else {
      io_internal::read_facts_object(r_, *f, "/baseline/facts", p_.baseline);
    }
  }

  void read_responsibilities(const json& root) {
    const json* list = r_.field(root, "", "responsibilities", false);
    if (!list || !r_.expect_array(*list, "/responsibilities", "\"responsibilities\"")) return;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string ptr = "/responsibilities/" + std::to_string(k);
      const json& item = (*list)[k];
      if (!r_.expect_object(item, ptr, "a responsibility")) continue;
      r_.check_fields(item, ptr, {"body", "leads", "supports", "duties", "source"});
      responsibility resp;
      resp.body = r_.get_string(item, ptr, "body", true).value_or("");
      resp.leads = strings(item, ptr, "leads");
      resp.supports = strings(item, ptr, "supports");
      resp.duties = r_.get_text(item, ptr, "duties", false).value_or(localized_text{});
      resp.source = r_.get_string(item, ptr, "source", false).value_or("");
      p_.responsibilities.push_back(std::move(resp));
    }
  }

  void read_stated(const json& root) {
    const json* s = r_.field(root, "", "stated", false);
    if (!s || !r_.expect_object(*s, "/stated", "\"stated\"")) return;
    r_.check_fields(*s, "/stated", {"met", "not_met", "where"});
    p_.stated.met = strings(*s, "/stated", "met");
    p_.stated.not_met = strings(*s, "/stated", "not_met");
    p_.stated.where = r_.get_string(*s, "/stated", "where", false).value_or("");
  }

  std::vector<std::string> strings(const json& obj, const std::string& ptr, const char* key) {
    std::vector<std::string> out;
    const json* v = r_.field(obj, ptr, key, false);
    if (!v || !r_.expect_array(*v, ptr + "/" + key, (std::string("\"") + key + "\"").c_str())) return out;
    for (std::size_t k = 0; k < v->size(); ++k) {
      if ((*v)[k].is_string()) out.push_back((*v)[k].get<std::string>());
      else r_.report(errc::json_type, "expected text", ptr + "/" + key + "/" + std::to_string(k));
    }
    return out;
  }

  bool is_rule(const std::string& id) const { return static_cast<bool>(p_.criteria.find_rule(id)); }
  bool is_task(const std::string& id) const {
    return std::any_of(p_.road.tasks.begin(), p_.road.tasks.end(), [&](const task& t) { return t.id == id; });
  }
  bool is_body(const std::string& id) const {
    return std::any_of(p_.bodies.begin(), p_.bodies.end(), [&](const body& b) { return b.id == id; });
  }

  std::string suggestion(const std::string& id, bool rules, bool tasks, bool bodies) const {
    std::vector<std::string> names;
    if (rules)
      for (std::uint32_t k = 0; k < p_.criteria.rule_count(); ++k) names.push_back(p_.criteria.rule(rule_index{k}).id);
    if (tasks)
      for (const task& t : p_.road.tasks) names.push_back(t.id);
    if (bodies)
      for (const body& b : p_.bodies) names.push_back(b.id);
    const std::string near = io_internal::closest_match(id, names);
    return near.empty() ? std::string() : "; did you mean \"" + near + "\"?";
  }

  // The sections refer to each other by id: every id must name something.
  void cross_check() {
    const std::string road = "/roadmap";
    for (const task& t : p_.road.tasks) {
      for (const std::string& c : t.criteria)
        if (!is_rule(c))
          r_.report(errc::unknown_reference, "task " + t.id + " serves \"" + c + "\", which is not a rule of the criteria set" +
                                                 suggestion(c, true, false, false), road);
      for (std::size_t k = 0; k < t.effects.size(); ++k) {
        const effect& e = t.effects[k];
        auto slot = p_.criteria.find_fact(e.fact);
        if (!slot) {
          r_.report(errc::unknown_fact, "task " + t.id + ", effect " + std::to_string(k + 1) + ": " + slot.error().message, road);
          continue;
        }
        const fact_definition& def = p_.criteria.fact(*slot);
        auto v = parse_value(def.type, e.value);
        if (!v) {
          r_.report(errc::fact_type, "task " + t.id + ", effect " + std::to_string(k + 1) + " on " + e.fact + ": " + v.error().message, road);
          continue;
        }
        if (e.op == effect_op::add && def.type != value_type::integer && def.type != value_type::number &&
            def.type != value_type::money && def.type != value_type::percent)
          r_.report(errc::fact_type, "task " + t.id + ", effect " + std::to_string(k + 1) + ": cannot add to " + e.fact + ", a " +
                                         to_string(def.type) + " fact", road);
      }
      for (const std::string& c : t.cost_items)
        if (std::none_of(p_.funding.needs.begin(), p_.funding.needs.end(), [&](const funding_need& n) { return n.id == c; }))
          r_.report(errc::unknown_reference, "task " + t.id + " spends \"" + c + "\", which is not a need of the funding", road);
    }
    const std::string fund = "/funding";
    for (const funding_need& n : p_.funding.needs) {
      if (!n.criterion.empty() && !is_rule(n.criterion))
        r_.report(errc::unknown_reference, "need " + n.id + " is for \"" + n.criterion + "\", which is not a criterion" +
                                               suggestion(n.criterion, true, false, false), fund);
      if (!n.task.empty() && !is_task(n.task))
        r_.report(errc::unknown_reference, "need " + n.id + " is paid by task \"" + n.task + "\", which the roadmap lacks" +
                                               suggestion(n.task, false, true, false), fund);
    }
    for (const funding_source& s : p_.funding.sources) {
      if (s.condition && !is_rule(s.condition->rule))
        r_.report(errc::unknown_reference, "source " + s.id + " depends on rule \"" + s.condition->rule + "\", which the criteria set lacks" +
                                               suggestion(s.condition->rule, true, false, false), fund);
      if (s.available.kind == availability_kind::after_task && !is_task(s.available.task))
        r_.report(errc::unknown_reference, "source " + s.id + " arrives after task \"" + s.available.task + "\", which the roadmap lacks" +
                                               suggestion(s.available.task, false, true, false), fund);
    }
    for (std::size_t k = 0; k < p_.responsibilities.size(); ++k) {
      const responsibility& resp = p_.responsibilities[k];
      const std::string ptr = "/responsibilities/" + std::to_string(k);
      if (!is_body(resp.body))
        r_.report(errc::unknown_reference, "\"" + resp.body + "\" is not a body of the roadmap" + suggestion(resp.body, false, false, true), ptr + "/body");
      for (const char* key : {"leads", "supports"}) {
        const auto& ids = std::string(key) == "leads" ? resp.leads : resp.supports;
        for (std::size_t i = 0; i < ids.size(); ++i)
          if (!is_rule(ids[i]) && !is_task(ids[i]))
            r_.report(errc::unknown_reference, "\"" + ids[i] + "\" is neither a criterion nor a task" + suggestion(ids[i], true, true, false),
                      ptr + "/" + key + "/" + std::to_string(i));
      }
    }
    for (const char* key : {"met", "not_met"}) {
      const auto& ids = std::string(key) == "met" ? p_.stated.met : p_.stated.not_met;
      for (std::size_t i = 0; i < ids.size(); ++i)
        if (!is_rule(ids[i]))
          r_.report(errc::unknown_reference, "\"" + ids[i] + "\" is not a criterion" + suggestion(ids[i], true, false, false),
                    std::string("/stated/") + key + "/" + std::to_string(i));
    }
  }

  json_reader& r_;
  const plan_load_options& opt_;
  plan& p_;
};

}  // namespace

result<plan> parse_plan(std::string_view text, const std::string& file, const plan_load_options& options) {
  return io_internal::guarded("loading a plan", [&]() -> result<plan> {
    NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file, options.files));
    json_reader r(doc);
    plan p;
    p.file = file;
    plan_reader(r, options, p).read(doc.root());
    NTM_CHECK(r.finish("while loading plan " + (file.empty() ? std::string("(in memory)") : file)));
    return p;
  });
}

result<plan> load_plan(const std::string& path, const plan_load_options& options) {
  NTM_TRY(text, io_internal::fetch(options.files, path));
  return parse_plan(text, path, options);
}

std::string shipped_plan_path() {
  namespace fs = std::filesystem;
  const char* env = std::getenv("NTM_DATA_DIR");
  std::vector<fs::path> candidates;
  if (env && *env) candidates.emplace_back(fs::path(env) / "thach-loi-2023" / "plan.json");
#ifdef NTM_SOURCE_DATA_DIR
  candidates.emplace_back(fs::path(NTM_SOURCE_DATA_DIR) / "thach-loi-2023" / "plan.json");
#endif
#ifdef NTM_INSTALL_DATA_DIR
  candidates.emplace_back(fs::path(NTM_INSTALL_DATA_DIR) / "thach-loi-2023" / "plan.json");
#endif
  for (const fs::path& p : candidates) {
    std::error_code ec;
    if (fs::exists(p, ec)) return p.string();
  }
  return {};
}

NTM_END_NAMESPACE
