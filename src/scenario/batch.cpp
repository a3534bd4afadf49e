// SPDX-License-Identifier: MIT
// Many units: tables of units, assessed in parallel, rolled up by area; units that merge.
#include <ntm/scenario/batch.hpp>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <set>

#include <nlohmann/json.hpp>

#include "io/criteria_set_json.hpp"
#include "io/csv.hpp"
#include "io/json_document.hpp"
#include "io/merge_json.hpp"
#include "rules/compiler.hpp"
#include "scenario/fact_changes.hpp"
#include "scenario/units_internal.hpp"

NTM_BEGIN_NAMESPACE

namespace {

using io_internal::json;

// A CSV cell as a value of the fact's type (the forms a facts file allows, without JSON quoting).
result<value> parse_cell(const fact_definition& def, std::string_view text) {
  switch (def.type) {
    case value_type::boolean: {
      const std::string f = fold_vi(text);
      if (f == "true" || f == "1" || f == "co" || f == "dat" || f == "yes") return value::of_bool(true);
      if (f == "false" || f == "0" || f == "khong" || f == "chua dat" || f == "no") return value::of_bool(false);
      return fail(errc::fact_type, "\"" + std::string(text) + "\" is not true or false (also: có/không, đạt/chưa đạt, 1/0)");
    }
    case value_type::integer: {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size())
        return fail(errc::fact_type, "\"" + std::string(text) + "\" is not a whole number");
      return value::of_integer(v);
    }
    case value_type::number: {
      NTM_TRY(d, parse_decimal(text, text.find(',') != std::string_view::npos ? ',' : '.'));
      return value::of_number(d);
    }
    case value_type::money: {
      NTM_TRY(m, parse_money(text));
      return value::of_money(m);
    }
    case value_type::percent: {
      std::string_view t = text;
      while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
      if (t.empty() || t.back() != '%') return fail(errc::percentage_syntax, "\"" + std::string(text) + "\" is not a percentage; write e.g. 95%");
      t.remove_suffix(1);
      NTM_TRY(d, parse_decimal(t, t.find(',') != std::string_view::npos ? ',' : '.'));
      return value::of_percent(d);
    }
    case value_type::date: {
      NTM_TRY(d, parse_date(text));
      return value::of_date(d);
    }
    case value_type::text: return value::of_text(std::string(text));
    case value_type::enumeration: return value::of_enum(std::string(text));
  }
  return fail(errc::internal, "unknown type");
}

}  // namespace

result<unit_table> parse_units_csv(const program& prog, std::string_view text, const std::string& file, const load_options& options) {
  try {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte-order mark
    if (!is_valid_utf8(text)) {
      source_location where = io_internal::location_of(text, first_invalid_utf8(text), file);
      return fail(errc::invalid_utf8, "the file is not valid UTF-8 (save it as UTF-8)", where);
    }
    io_internal::csv_scanner scan(text, 0);
    std::vector<io_internal::field> fields;
    auto located = [&](std::size_t offset) { return io_internal::location_of(text, offset, file); };
    if (!scan.next(fields)) {
      if (scan.failed()) return fail(errc::csv_syntax, scan.failure_message(), located(scan.failure_offset()));
      return fail(errc::csv_syntax, "the file is empty: a header row with an \"id\" column is needed", located(0));
    }
    // The header.
    int id_col = -1, name_col = -1, district_col = -1, province_col = -1;
    std::vector<std::optional<fact_slot>> fact_of(fields.size());
    std::vector<error> errors;
    std::vector<std::string> header;
    std::set<std::string> seen;
    for (std::size_t c = 0; c < fields.size() && errors.size() < 100; ++c) {
      const std::string h(fields[c].text);
      header.push_back(h);
      if (!seen.insert(h).second) {
        errors.push_back(make_error(errc::csv_syntax, "column \"" + h + "\" appears twice", located(fields[c].offset)));
        continue;
      }
      if (h == "id") id_col = static_cast<int>(c);
      else if (h == "name") name_col = static_cast<int>(c);
      else if (h == "district") district_col = static_cast<int>(c);
      else if (h == "province") province_col = static_cast<int>(c);
      else if (auto slot = prog.find_fact(h)) fact_of[c] = *slot;
      else errors.push_back(make_error(errc::unknown_fact, "column \"" + h + "\": " + slot.error().message, located(fields[c].offset)));
    }
    if (id_col < 0) errors.push_back(make_error(errc::csv_syntax, "the header has no \"id\" column", located(0)));
    unit_table units;
    units.facts = prog.make_columns(0);
    std::size_t row = 0;
    while (errors.size() < 100 && scan.next(fields)) {
      ++row;
      if (fields.size() != header.size()) {
        errors.push_back(make_error(errc::csv_syntax, "row " + std::to_string(row + 1) + " has " + std::to_string(fields.size()) +
                                                          " fields; the header has " + std::to_string(header.size()),
                                    located(scan.record_offset())));
        continue;
      }
      const std::size_t r = units.ids.size();
      if (r >= options.max_units) {
        errors.push_back(limit_error("max_units", options.max_units, "the table has more than " + std::to_string(options.max_units) + " units",
                                     located(scan.record_offset())));
        break;
      }
      units.ids.emplace_back(id_col >= 0 ? fields[static_cast<std::size_t>(id_col)].text : std::string_view());
      units.names.emplace_back(name_col >= 0 ? fields[static_cast<std::size_t>(name_col)].text : std::string_view());
      units.districts.emplace_back(district_col >= 0 ? fields[static_cast<std::size_t>(district_col)].text : std::string_view());
      units.provinces.emplace_back(province_col >= 0 ? fields[static_cast<std::size_t>(province_col)].text : std::string_view());
      units.facts.resize(r + 1);
      if (units.ids.back().empty()) errors.push_back(make_error(errc::csv_syntax, "row " + std::to_string(row + 1) + " has no id", located(scan.record_offset())));
      for (std::size_t c = 0; c < fields.size(); ++c) {
        if (!fact_of[c] || fields[c].text.empty()) continue;
        auto v = parse_cell(prog.fact(*fact_of[c]), fields[c].text);
        if (v) {
          auto ok = units.facts.set(r, *fact_of[c], *v);
          if (ok) continue;
          v = fail(ok.error());
        }
        error e = std::move(v).error();
        e.message = "row " + std::to_string(row + 1) + ", column \"" + header[c] + "\": " + e.message;
        e.where = located(fields[c].offset);
        errors.push_back(std::move(e));
      }
    }
    if (scan.failed()) errors.push_back(make_error(errc::csv_syntax, scan.failure_message(), located(scan.failure_offset())));
    if (!errors.empty()) {
      error e = errors.front();
      if (errors.size() > 1) {
        e.message = std::to_string(errors.size()) + (errors.size() >= 100 ? "+" : "") + " errors; the first: " + e.message;
        e.details = std::move(errors);
      }
      e.add_context("while reading units from " + (file.empty() ? std::string("(in memory)") : file));
      return fail(std::move(e));
    }
    return units;
  } catch (const std::bad_alloc&) {
    return fail(errc::limit_exceeded, "out of memory reading units");
  }
}

result<unit_table> parse_units_jsonl(const program& prog, std::string_view text, const std::string& file, const load_options& options) {
  try {
    unit_table units;
    units.facts = prog.make_columns(0);
    std::vector<error> errors;
    std::size_t line = 0;
    for (std::size_t pos = 0; pos < text.size() && errors.size() < 100;) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view row = text.substr(pos, end - pos);
      pos = end + 1;
      ++line;
      if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
      if (row.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (units.ids.size() >= options.max_units) {
        source_location where;
        where.file = file;
        where.line = static_cast<std::uint32_t>(line);
        errors.push_back(limit_error("max_units", options.max_units, "the table has more than " + std::to_string(options.max_units) + " units",
                                     where));
        break;
      }
      auto doc = io_internal::json_document::parse(std::string(row), file, options);
      if (!doc) {
        errors.push_back(std::move(doc.error().at_line(file, static_cast<std::uint32_t>(line))));
        continue;
      }
      io_internal::json_reader r(*doc);
      fact_table facts = prog.make_facts();
      std::string id, unit_name, district, province;
      if (r.expect_object(doc->root(), "", "a unit")) {
        r.check_fields(doc->root(), "", {"id", "name", "district", "province", "facts"});
        id = r.get_string(doc->root(), "", "id", true).value_or("");
        unit_name = r.get_string(doc->root(), "", "name", false).value_or("");
        district = r.get_string(doc->root(), "", "district", false).value_or("");
        province = r.get_string(doc->root(), "", "province", false).value_or("");
        if (const json* f = r.field(doc->root(), "", "facts", false)) io_internal::read_facts_object(r, *f, "/facts", facts);
      }
      if (auto ok = r.finish("in unit " + id); !ok) {
        errors.push_back(std::move(ok.error().at_line(file, static_cast<std::uint32_t>(line))));
        continue;
      }
      const std::size_t k = units.ids.size();
      units.ids.push_back(id);
      units.names.push_back(unit_name);
      units.districts.push_back(district);
      units.provinces.push_back(province);
      units.facts.resize(k + 1);
      NTM_CHECK(units.facts.set_row(k, facts));
    }
    if (!errors.empty()) {
      error e = errors.front();
      if (errors.size() > 1) {
        e.message = std::to_string(errors.size()) + " lines with errors; the first: " + e.message;
        e.details = std::move(errors);
      }
      return fail(std::move(e));
    }
    return units;
  } catch (const std::bad_alloc&) {
    return fail(errc::limit_exceeded, "out of memory reading units");
  }
}

result<unit_table> load_units(const program& prog, const std::string& path, const load_options& options) {
  NTM_TRY(text, options.resolver ? options.resolver(path) : io_internal::read_file(path, options.max_table_bytes, "max_table_bytes"));
  auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0; };
  if (ends(".csv")) return parse_units_csv(prog, text, path, options);
  if (ends(".jsonl") || ends(".ndjson")) return parse_units_jsonl(prog, text, path, options);
  return fail(errc::format_version, path + ": a table of units is a .csv or .jsonl file");
}

namespace {

// Fact changes (a scenario's, resolved), column by column, in place (callers that must be
// all or nothing change a copy). `ids` name the units in errors.
result<void> change_columns(fact_columns& facts, const std::vector<std::string>& ids,
                            const std::vector<scenario_internal::resolved_change>& changes) {
  const std::size_t rows = facts.rows();
  for (const auto& c : changes) {
    std::int64_t* v = facts.values(c.slot);
    std::uint8_t* st = facts.states(c.slot);
    if (c.op == fact_change_op::set) {
      for (std::size_t r = 0; r < rows; ++r) NTM_CHECK(facts.set(r, c.slot, c.set_value));
      continue;
    }
    for (std::size_t r = 0; r < rows; ++r) {
      if (st[r] != 0) continue;  // unknown stays unknown
      auto next = scenario_internal::changed_raw(c, v[r]);
      if (!next) return fail(next.error().add_context("unit " + ids[r]));
      v[r] = *next;
    }
  }
  return {};
}

// Columns of `from`'s layout moved onto `to`'s (the same facts: `to` is `from` with other
// parameter values).
result<fact_columns> relayout(const fact_columns& facts, const program& from, const program& to) {
  if (from.fact_count() != to.fact_count())
    return fail(errc::internal, "the recompiled criteria set has other facts than the table's");
  fact_columns out = to.make_columns(facts.rows());
  for (const std::string& t : facts.raw_texts()) out.add_text(t);  // the same raw indices
  for (std::uint32_t k = 0; k < from.fact_count(); ++k) {
    NTM_TRY(slot, to.find_fact(from.fact(fact_slot{k}).id));
    std::copy_n(facts.values(fact_slot{k}), facts.rows(), out.values(slot));
    std::copy_n(facts.states(fact_slot{k}), facts.rows(), out.states(slot));
  }
  return out;
}

using scenario_internal::counts_as_met;
using scenario_internal::part_count;

template <class Body>
result<void> in_parts(std::size_t n, std::size_t parts, Body&& body) {
  return scenario_internal::in_parts(n, parts, "assessing units", std::forward<Body>(body));
}

// Assesses the units with `facts` (their own, or as a scenario changed them) and rolls up
// into the areas of `layout` (the table's). `res` holds the batch's results; a caller that
// assesses many tables passes the same one, whose columns are then reused.
result<batch_report> assess_table(const program& prog, const unit_table& units, const fact_columns& facts,
                                  const scenario_internal::area_layout& layout, const rollup_options& options, batch_result& res) {
  batch_options bo;
  bo.at = options.at;
  bo.region = options.region;
  bo.threads = options.threads;
  NTM_CHECK(prog.evaluate_batch(facts, bo, res));
  const std::string goal_id = options.goal.empty() ? prog.rule(prog.standard()).id : options.goal;
  NTM_TRY(goal, prog.find_rule(goal_id));
  const std::vector<rule_index> criteria = prog.rule(goal).children;
  // The rules read per unit: the criteria, then each criterion's indicators; with their ids,
  // the criterion each indicator belongs to, and the cost of completing it.
  const std::size_t nc = criteria.size();
  std::vector<rule_index> read(criteria);
  std::vector<std::size_t> first_item(nc + 1), owner(nc);
  for (std::size_t c = 0; c < nc; ++c) {
    first_item[c] = read.size();
    owner[c] = c;
    for (rule_index i : prog.rule(criteria[c]).children) {
      read.push_back(i);
      owner.push_back(c);
    }
  }
  first_item[nc] = read.size();
  const std::size_t width = read.size();
  std::vector<const std::string*> id_of;
  std::vector<std::optional<money>> cost_of(width);
  for (std::size_t k = 0; k < width; ++k) {
    id_of.push_back(&prog.rule(read[k]).id);
    if (auto it = options.costs.find(*id_of[k]); it != options.costs.end()) cost_of[k] = it->second;
  }
  const std::size_t n = units.size();

  // Units are counted per district only (districts lie within provinces); provinces and the
  // whole table add their districts up afterwards.
  const std::size_t first_district = 1 + layout.provinces;
  const std::size_t nd = layout.size() - first_district;
  std::vector<std::uint32_t> district(n);
  std::vector<std::uint32_t> province_of_district(nd, 0);
  for (std::size_t u = 0; u < n; ++u) {
    district[u] = static_cast<std::uint32_t>(layout.district_of[u] - first_district);
    province_of_district[district[u]] = layout.province_of[u];
  }

  // Per part, in parallel: whether each unit meets each criterion, how many it does not
  // meet, the money it needs, its outcome (a unit's outcome depends on its row only), and the
  // part's counts per district; then the parts' counts are added in part order.
  struct part_counts {
    std::vector<std::uint32_t> units, goal_met, crit, missing;
    std::vector<money> money_needed;
    std::vector<std::vector<std::uint32_t>> open;  // units not meeting the goal, table order
  };
  const std::size_t parts = part_count(n, options.threads);
  std::vector<part_counts> counts(parts);
  std::vector<std::uint8_t> met(n * nc);          // unit-major: criterion c of unit u at u * nc + c
  std::vector<status> goal_status(n);
  std::vector<std::uint16_t> not_met_count(n, 0);
  std::vector<std::uint32_t> missing_count(n, 0);
  // For the units' rows: each unit's missing items, unit-major (a row reads one short run
  // instead of a cell in each rule's column).
  std::vector<std::uint8_t> missing_item(options.unit_outcomes ? n * width : 0);
  std::vector<money> needed(n);
  batch_report out;
  if (options.unit_outcomes) out.units.resize(n);
  NTM_CHECK(in_parts(n, parts, [&](std::size_t part, std::size_t begin, std::size_t end) -> result<void> {
    part_counts& pc = counts[part];
    pc.units.assign(nd, 0);
    pc.goal_met.assign(nd, 0);
    pc.crit.assign(nd * nc, 0);
    pc.missing.assign(nd * width, 0);
    pc.money_needed.assign(nd, money{});
    pc.open.resize(nd);
    for (std::size_t u = begin; u < end; ++u) {
      ++pc.units[district[u]];
      goal_status[u] = res.at(u, goal);
      if (goal_status[u] == status::met) ++pc.goal_met[district[u]];
      else pc.open[district[u]].push_back(static_cast<std::uint32_t>(u));
    }
    // Column by column: the batch's results are rule-major.
    for (std::size_t c = 0; c < nc; ++c)
      for (std::size_t u = begin; u < end; ++u) {
        const bool m = counts_as_met(res.at(u, read[c]));
        met[u * nc + c] = m ? 1 : 0;
        pc.crit[district[u] * nc + c] += m ? 1 : 0;
        not_met_count[u] = static_cast<std::uint16_t>(not_met_count[u] + (m ? 0 : 1));
      }
    for (std::size_t k = nc; k < width; ++k) {
      const std::size_t c = owner[k];
      for (std::size_t u = begin; u < end; ++u) {
        if (met[u * nc + c] || counts_as_met(res.at(u, read[k]))) continue;  // indicators of criteria not met
        ++pc.missing[district[u] * width + k];
        ++missing_count[u];
        if (options.unit_outcomes) missing_item[u * width + k] = 1;
        if (cost_of[k]) {
          NTM_TRY(sum, add(needed[u], *cost_of[k]));
          needed[u] = sum;
        }
      }
    }
    for (std::size_t u = begin; u < end; ++u) {
      NTM_TRY(sum, add(pc.money_needed[district[u]], needed[u]));
      pc.money_needed[district[u]] = sum;
    }
    if (!options.unit_outcomes) return {};
    for (std::size_t u = begin; u < end; ++u) {
      unit_outcome& o = out.units[u];
      o.id = units.ids[u];
      o.name = units.names[u];
      o.district = units.districts[u];
      o.province = units.provinces[u];
      o.goal = goal_status[u];
      o.criteria_total = nc;
      o.criteria_met = nc - not_met_count[u];
      o.money_needed = needed[u];
      o.criteria_not_met.reserve(not_met_count[u]);
      o.missing_items.reserve(missing_count[u]);
      for (std::size_t c = 0; c < nc; ++c) {
        if (met[u * nc + c]) continue;
        o.criteria_not_met.push_back(*id_of[c]);
        for (std::size_t k = first_item[c]; k < first_item[c + 1]; ++k)
          if (missing_item[u * width + k]) o.missing_items.push_back(*id_of[k]);
      }
    }
    return {};
  }));

  // The areas' counts: each district's from the parts, then each province's and the whole
  // table's from the districts.
  const std::size_t na = layout.size();
  std::vector<area_rollup> areas(na);
  std::vector<std::size_t> crit(na * nc, 0), missing(na * width, 0);
  std::vector<std::vector<std::uint32_t>> open(nd);
  for (std::size_t a = 0; a < na; ++a) {
    areas[a].area = layout.name[a];
    areas[a].province = layout.province[a];
  }
  for (const part_counts& pc : counts)
    for (std::size_t d = 0; d < nd; ++d) {
      area_rollup& ar = areas[first_district + d];
      ar.units += pc.units[d];
      ar.goal_met += pc.goal_met[d];
      NTM_TRY(sum, add(ar.money_needed, pc.money_needed[d]));
      ar.money_needed = sum;
      open[d].insert(open[d].end(), pc.open[d].begin(), pc.open[d].end());
      for (std::size_t c = 0; c < nc; ++c) crit[(first_district + d) * nc + c] += pc.crit[d * nc + c];
      for (std::size_t k = nc; k < width; ++k) missing[(first_district + d) * width + k] += pc.missing[d * width + k];
    }
  for (std::size_t d = 0; d < nd; ++d) {
    const std::size_t from = first_district + d;
    for (const std::size_t to : {static_cast<std::size_t>(province_of_district[d]), std::size_t{0}}) {
      areas[to].units += areas[from].units;
      areas[to].goal_met += areas[from].goal_met;
      NTM_TRY(sum, add(areas[to].money_needed, areas[from].money_needed));
      areas[to].money_needed = sum;
      for (std::size_t c = 0; c < nc; ++c) crit[to * nc + c] += crit[from * nc + c];
      for (std::size_t k = nc; k < width; ++k) missing[to * width + k] += missing[from * width + k];
    }
  }
  // The units closest to the goal: the first `closest` of a district's open units by
  // (criteria not met, id, table order); a province's are the first of its districts' firsts,
  // and the whole table's the first of the provinces' (the order is total).
  auto closer = [&](std::uint32_t x, std::uint32_t y) {
    if (not_met_count[x] != not_met_count[y]) return not_met_count[x] < not_met_count[y];
    if (const int cmp = units.ids[x].compare(units.ids[y])) return cmp < 0;
    return x < y;
  };
  std::vector<std::vector<std::uint32_t>> first(na);
  auto take_first = [&](std::vector<std::uint32_t>& from, std::vector<std::uint32_t>& into) {
    const auto shown = static_cast<std::ptrdiff_t>(std::min(from.size(), options.closest));
    std::partial_sort(from.begin(), from.begin() + shown, from.end(), closer);
    into.assign(from.begin(), from.begin() + shown);
  };
  std::vector<std::vector<std::uint32_t>> gathered(na);
  for (std::size_t d = 0; d < nd; ++d) {
    take_first(open[d], first[first_district + d]);
    const auto& f = first[first_district + d];
    gathered[province_of_district[d]].insert(gathered[province_of_district[d]].end(), f.begin(), f.end());
  }
  for (std::size_t a = 1; a < first_district; ++a) {
    take_first(gathered[a], first[a]);
    gathered[0].insert(gathered[0].end(), first[a].begin(), first[a].end());
  }
  take_first(gathered[0], first[0]);
  // Missing items by id (an indicator belongs to one criterion: one column each): the most
  // common first, ties in id order; only those listed are named.
  std::vector<std::size_t> by_id;
  for (std::size_t k = nc; k < width; ++k) by_id.push_back(k);
  std::sort(by_id.begin(), by_id.end(), [&](std::size_t x, std::size_t y) { return *id_of[x] < *id_of[y]; });
  // Each area's lists, the areas in parts (they are independent).
  NTM_CHECK(in_parts(na, std::min(parts, na), [&](std::size_t, std::size_t begin, std::size_t end) -> result<void> {
    std::vector<std::pair<std::size_t, std::size_t>> common;  // (count, rank in id order)
    for (std::size_t a = begin; a < end; ++a) {
      area_rollup& ar = areas[a];
      ar.criteria_met.reserve(nc);
      for (std::size_t c = 0; c < nc; ++c) ar.criteria_met.emplace_back(*id_of[c], crit[a * nc + c]);
      common.clear();
      for (std::size_t r = 0; r < by_id.size(); ++r)
        if (const std::size_t m = missing[a * width + by_id[r]]) common.emplace_back(m, r);
      const auto listed = static_cast<std::ptrdiff_t>(std::min(common.size(), options.common_missing));
      std::partial_sort(common.begin(), common.begin() + listed, common.end(),
                        [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
      ar.common_missing.reserve(static_cast<std::size_t>(listed));
      for (std::ptrdiff_t k = 0; k < listed; ++k)
        ar.common_missing.emplace_back(*id_of[by_id[common[static_cast<std::size_t>(k)].second]], common[static_cast<std::size_t>(k)].first);
      for (std::uint32_t u : first[a]) ar.closest.push_back(units.ids[u]);
    }
    return {};
  }));
  const auto districts_begin = areas.begin() + static_cast<std::ptrdiff_t>(first_district);
  out.all = std::move(areas[0]);
  out.provinces.assign(std::make_move_iterator(areas.begin() + 1), std::make_move_iterator(districts_begin));
  out.districts.assign(std::make_move_iterator(districts_begin), std::make_move_iterator(areas.end()));
  return out;
}

}  // namespace

namespace scenario_internal {

area_layout layout_areas(const unit_table& units) {
  // Tables run by district, so the names are looked up only where they change.
  const std::size_t n = units.size();
  auto same_area = [&](std::size_t u) {
    return u > 0 && units.districts[u] == units.districts[u - 1] && units.provinces[u] == units.provinces[u - 1];
  };
  std::map<std::string_view, std::uint32_t> province_of;
  std::map<std::pair<std::string_view, std::string_view>, std::uint32_t> district_of;
  for (std::size_t u = 0; u < n; ++u) {
    if (same_area(u)) continue;
    province_of.emplace(units.provinces[u], 0);
    district_of.emplace(std::make_pair(std::string_view(units.provinces[u]), std::string_view(units.districts[u])), 0);
  }
  area_layout out;
  out.name.emplace_back();
  out.province.emplace_back();
  out.provinces = province_of.size();
  for (auto& [name, k] : province_of) {
    k = static_cast<std::uint32_t>(out.name.size());
    out.name.emplace_back(name);
    out.province.emplace_back();
  }
  for (auto& [key, k] : district_of) {
    k = static_cast<std::uint32_t>(out.name.size());
    out.name.emplace_back(key.second);
    out.province.emplace_back(key.first);
  }
  out.province_of.resize(n);
  out.district_of.resize(n);
  for (std::size_t u = 0; u < n; ++u) {
    if (same_area(u)) {
      out.province_of[u] = out.province_of[u - 1];
      out.district_of[u] = out.district_of[u - 1];
      continue;
    }
    out.province_of[u] = province_of.find(units.provinces[u])->second;
    out.district_of[u] = district_of.find({units.provinces[u], units.districts[u]})->second;
  }
  return out;
}

}  // namespace scenario_internal

namespace {

// The first scenario of `s`'s chain (itself, then its bases) that changes more than facts:
// parameters (a recompiled set), merges (another table), tasks or funding; nullptr when none
// does, so that its changes apply column by column to the table's columns.
const scenario* first_beyond_facts(const scenario& s) {
  for (const scenario* x = &s; x; x = x->base.get())
    if (!x->parameters.empty() || !x->merges.empty() || !x->tasks.empty() || !x->needs.empty() || !x->sources.empty()) return x;
  return nullptr;
}

}  // namespace

result<void> apply_facts(const program& prog, unit_table& units, const scenario& s) {
  if (const scenario* x = first_beyond_facts(s))
    return fail(errc::invalid_argument, "scenario " + x->id +
                                            " changes tasks, funding, parameters or merges units; apply_facts changes only facts (assess_units with the scenario applies its parameters and merges)");
  return core_internal::guarded("applying a scenario to units", [&]() -> result<void> {
    NTM_TRY(changes, scenario_internal::resolve(prog, s));
    fact_columns copy = units.facts;  // all or nothing
    NTM_CHECK(change_columns(copy, units.ids, changes));
    units.facts = std::move(copy);
    return {};
  });
}

namespace {

// What one thread keeps between the scenarios it assesses: a copy of the table's columns,
// made once (a scenario changes its columns, and only those are restored), and the batch's
// results.
struct scenario_worker {
  std::optional<fact_columns> work;
  batch_result res;
};

// Assesses `units` under `s` with `w`'s reusable state; the same report as assess_units.
result<batch_report> assess_scenario(const program& prog, const unit_table& units, const scenario_internal::area_layout& layout,
                                     const scenario& s, const rollup_options& options, const function_registry& functions,
                                     scenario_worker& w) {
  rollup_options o = options;
  if (s.at) o.at = *s.at;
  if (!first_beyond_facts(s)) {  // only facts: the columns change in place and are restored
    NTM_TRY(changes, scenario_internal::resolve(prog, s));
    if (!w.work) w.work = units.facts;
    fact_columns& work = *w.work;
    // Put back the columns the scenario changed (all of them after a failure part-way, or
    // when a text fact grew the texts), so the copy is the table's again.
    auto restore = [&] {
      if (work.raw_texts().size() != units.facts.raw_texts().size()) {
        work = units.facts;
        return;
      }
      for (const auto& c : changes) {
        std::copy_n(units.facts.values(c.slot), units.size(), work.values(c.slot));
        std::copy_n(units.facts.states(c.slot), units.size(), work.states(c.slot));
      }
    };
    auto changed = change_columns(work, units.ids, changes);
    if (!changed) {
      restore();
      return fail(std::move(changed).error());
    }
    auto report = assess_table(prog, units, work, layout, o, w.res);
    restore();
    if (!report) return report;
    report->scenario = s.id;
    return report;
  }
  NTM_TRY(applied, scenario_internal::apply_to_units(prog, units, s, o.at, o.region, functions));
  const unit_table& table = applied.table(units);
  std::optional<scenario_internal::area_layout> merged_layout;
  if (applied.merged) merged_layout = scenario_internal::layout_areas(table);
  NTM_TRY(report, assess_table(applied.prog, table, applied.columns(), merged_layout ? *merged_layout : layout, o, w.res));
  report.scenario = s.id;
  if (applied.merged && options.unit_outcomes)
    for (std::size_t u = 0; u < report.units.size(); ++u) report.units[u].merged_from = std::move(applied.merged_from[u]);
  report.merges = std::move(applied.merges);
  return report;
}

}  // namespace

result<batch_report> assess_units(const program& prog, const unit_table& units, const scenario& s, const rollup_options& options,
                                  const function_registry& functions) {
  return core_internal::guarded("assessing units under a scenario", [&]() -> result<batch_report> {
    scenario_worker w;
    return assess_scenario(prog, units, scenario_internal::layout_areas(units), s, options, functions, w);
  });
}

result<batch_report> assess_units(const program& prog, const unit_table& units, const rollup_options& options) {
  return core_internal::guarded("assessing units", [&]() -> result<batch_report> {
    batch_result res;
    return assess_table(prog, units, units.facts, scenario_internal::layout_areas(units), options, res);
  });
}

result<void> assess_scenarios(const program& prog, const unit_table& units, const std::vector<scenario>& scenarios,
                              const rollup_options& options, const scenario_report_sink& sink, const function_registry& functions,
                              const progress_fn& progress) {
  return core_internal::guarded("assessing units under scenarios", [&]() -> result<void> {
    if (!sink) return fail(errc::invalid_argument, "assess_scenarios needs a sink for the reports");
    const std::size_t count = scenarios.size();
    if (count == 0) return {};
    const scenario_internal::area_layout layout = scenario_internal::layout_areas(units);
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
    // Each scenario runs on one thread; the threads take the next scenario as they finish.
    rollup_options one = options;
    one.threads = 1;
    std::mutex lock;                                          // guards what follows
    std::size_t next = 0, delivered = 0;
    std::map<std::size_t, batch_report> ready;                // finished, waiting for their turn
    bool delivering = false;                                  // a thread is calling the sink
    std::optional<error> failed;                              // the first failure by scenario order
    std::size_t failed_at = count;
    auto fail_at = [&](std::size_t k, error e) {
      if (k >= failed_at) return;
      failed_at = k;
      failed = std::move(e);
    };
    // Hands the reports whose turn has come to the sink, in order, one thread at a time,
    // outside the lock (the sink's work and the reports' release do not hold up the others).
    auto deliver = [&](std::unique_lock<std::mutex>& g) {
      if (delivering) return;
      delivering = true;
      while (!ready.empty() && ready.begin()->first == delivered && delivered < failed_at) {
        std::vector<std::pair<std::size_t, batch_report>> turn;
        for (auto it = ready.begin(); it != ready.end() && it->first == delivered + turn.size() && it->first < failed_at;) {
          turn.emplace_back(it->first, std::move(it->second));
          it = ready.erase(it);
        }
        g.unlock();
        std::size_t sunk = 0;
        std::optional<error> sink_error;
        for (auto& [k, report] : turn) {
          auto r = sink(k, std::move(report));
          if (!r) {
            sink_error = std::move(r).error();
            break;
          }
          ++sunk;
          if (progress) progress(k + 1, count);
        }
        turn.clear();
        g.lock();
        if (sink_error) fail_at(delivered + sunk, std::move(*sink_error));
        delivered += sunk;
      }
      delivering = false;
    };
    auto work = [&]() -> result<void> {
      scenario_worker w;
      for (;;) {
        std::size_t k = 0;
        {
          std::lock_guard<std::mutex> g(lock);
          if (next >= count || next > failed_at) return {};
          k = next++;
        }
        auto report = assess_scenario(prog, units, layout, scenarios[k], one, functions, w);
        std::unique_lock<std::mutex> g(lock);
        if (!report) {
          fail_at(k, std::move(report.error().add_context("scenario " + scenarios[k].id)));
          continue;
        }
        if (k > failed_at) continue;
        ready.emplace(k, std::move(*report));
        deliver(g);
      }
    };
    NTM_CHECK(scenario_internal::in_parts(threads, threads, "assessing units under scenarios",
                                          [&](std::size_t, std::size_t, std::size_t) { return work(); }));
    if (failed) return fail(std::move(*failed));
    return {};
  });
}

result<std::vector<batch_report>> assess_scenarios(const program& prog, const unit_table& units, const std::vector<scenario>& scenarios,
                                                   const rollup_options& options, const function_registry& functions,
                                                   const progress_fn& progress) {
  std::vector<batch_report> out;
  NTM_CHECK(assess_scenarios(
      prog, units, scenarios, options,
      [&](std::size_t, batch_report&& r) -> result<void> {
        out.push_back(std::move(r));
        return {};
      },
      functions, progress));
  return out;
}

namespace {

nlohmann::ordered_json unit_json(const unit_outcome& u, const std::string* scenario) {
  nlohmann::ordered_json j{{"id", u.id}};
  if (scenario) j["scenario"] = *scenario;
  j["name"] = u.name;
  j["district"] = u.district;
  j["province"] = u.province;
  j["goal"] = to_string(u.goal);
  j["criteria_met"] = u.criteria_met;
  j["criteria_total"] = u.criteria_total;
  j["criteria_not_met"] = u.criteria_not_met;
  j["missing_items"] = u.missing_items;
  j["money_needed"] = u.money_needed.dong();
  if (!u.merged_from.empty()) j["merged_from"] = u.merged_from;
  return j;
}

nlohmann::ordered_json merge_json(const merge_result& m) {
  using ojson = nlohmann::ordered_json;
  auto row = [&](const std::string& id) {
    const rule_outcome* merged = m.merged.find(id);
    ojson parts = ojson::object();
    for (const auto& [unit, a] : m.parts) {
      const rule_outcome* o = a.find(id);
      parts[unit] = to_string(o ? o->result : status::unknown);
    }
    return ojson{{"id", id}, {"merged", to_string(merged ? merged->result : status::unknown)}, {"parts", std::move(parts)}};
  };
  ojson j;
  j["format"] = "ntm.merge-result/1";
  j["id"] = m.id;
  j["at"] = format_date(m.merged.at);
  ojson units = ojson::array();
  for (const auto& part : m.parts) units.push_back(part.first);
  j["units"] = std::move(units);
  j["standard"] = row(m.merged.standard_id);
  ojson criteria = ojson::array();
  for (const rule_outcome* c : m.merged.criteria()) criteria.push_back(row(c->id));
  j["criteria"] = std::move(criteria);
  j["kept"] = m.kept;
  j["lost"] = m.lost;
  j["gained"] = m.gained;
  j["facts"] = ojson::parse(io_internal::facts_to_json(m.facts).dump());
  return j;
}

}  // namespace

std::string to_jsonl(const batch_report& r) {
  std::string out;
  for (const unit_outcome& u : r.units) out += unit_json(u, &r.scenario).dump() + "\n";
  return out;
}

std::string to_json(const batch_report& r, bool with_units) {
  using ojson = nlohmann::ordered_json;
  auto area = [](const area_rollup& a) {
    ojson j;
    j["area"] = a.area;
    if (!a.province.empty()) j["province"] = a.province;
    j["units"] = a.units;
    j["goal_met"] = a.goal_met;
    ojson crit = ojson::object();
    for (const auto& [id, n] : a.criteria_met) crit[id] = n;
    j["criteria_met"] = std::move(crit);
    ojson miss = ojson::array();
    for (const auto& [id, n] : a.common_missing) miss.push_back(ojson{{"item", id}, {"units", n}});
    j["common_missing"] = std::move(miss);
    j["closest"] = a.closest;
    j["money_needed"] = a.money_needed.dong();
    return j;
  };
  ojson j;
  j["format"] = "ntm.batch/1";
  j["scenario"] = r.scenario;
  j["all"] = area(r.all);
  ojson provinces = ojson::array(), districts = ojson::array();
  for (const auto& a : r.provinces) provinces.push_back(area(a));
  for (const auto& a : r.districts) districts.push_back(area(a));
  j["provinces"] = std::move(provinces);
  j["districts"] = std::move(districts);
  if (!r.merges.empty()) {
    ojson merges = ojson::array();
    for (const merge_result& m : r.merges) {
      ojson x = merge_json(m);
      x.erase("format");
      merges.push_back(std::move(x));
    }
    j["merges"] = std::move(merges);
  }
  if (with_units) {
    ojson units = ojson::array();
    for (const unit_outcome& u : r.units) units.push_back(unit_json(u, nullptr));
    j["units"] = std::move(units);
  }
  return j.dump(2) + "\n";
}

std::string to_csv(const batch_report& r) {
  using io_internal::csv_cell;
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : " ") + x;
    return out;
  };
  std::string out = "id,scenario,name,district,province,goal,criteria_met,criteria_total,criteria_not_met,missing_items,money_needed,merged_from\n";
  for (const unit_outcome& u : r.units)
    out += csv_cell(u.id) + "," + csv_cell(r.scenario) + "," + csv_cell(u.name) + "," + csv_cell(u.district) + "," + csv_cell(u.province) + "," +
           to_string(u.goal) + "," + std::to_string(u.criteria_met) + "," + std::to_string(u.criteria_total) + "," +
           csv_cell(join(u.criteria_not_met)) + "," + csv_cell(join(u.missing_items)) + "," + std::to_string(u.money_needed.dong()) + "," + csv_cell(join(u.merged_from)) + "\n";
  return out;
}

// --- merges --------------------------------------------------------------------------------------

result<merge_spec> parse_merge_spec(std::string_view text, const std::string& file) {
  NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file));
  io_internal::json_reader r(doc);
  merge_spec spec;
  io_internal::read_merge(r, doc.root(), "", spec, true);
  NTM_CHECK(r.finish("while loading merge " + (file.empty() ? std::string("(in memory)") : file)));
  return spec;
}

result<std::map<std::string, money>> parse_costs(std::string_view text, const std::string& file) {
  NTM_TRY(doc, io_internal::json_document::parse(std::string(text), file));
  io_internal::json_reader r(doc);
  std::map<std::string, money> costs;
  if (r.expect_object(doc.root(), "", "a cost list (indicator id → amount)"))
    for (auto it = doc.root().begin(); it != doc.root().end(); ++it)
      if (auto m = r.to_money(it.value(), "/" + io_internal::pointer_token(it.key()))) costs[it.key()] = *m;
  NTM_CHECK(r.finish("while reading the costs " + file));
  return costs;
}

result<std::map<std::string, money>> load_costs(const std::string& path) {
  NTM_TRY(text, io_internal::read_file(path));
  return parse_costs(text, path);
}

result<merge_spec> load_merge_spec(const std::string& path) {
  NTM_TRY(text, io_internal::read_file(path));
  return parse_merge_spec(text, path);
}

namespace {

// The rows of a merge's units in `ids`. Errors: unknown_reference (with the closest id).
result<std::vector<std::size_t>> merge_rows(const std::vector<std::string>& ids, const merge_spec& spec) {
  if (spec.units.size() < 2) return fail(errc::invalid_argument, "merge " + spec.id + " needs at least two units");
  std::vector<std::size_t> rows;
  for (const std::string& id : spec.units) {
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end()) {
      const std::string near = io_internal::closest_match(id, ids);
      return fail(errc::unknown_reference, "the table has no unit \"" + id + "\"" + (near.empty() ? "" : "; did you mean \"" + near + "\"?"));
    }
    rows.push_back(static_cast<std::size_t>(it - ids.begin()));
  }
  return rows;
}

// The merged unit's raw value of each fact (nullopt: unknown) from rows `rows` of `facts`.
// A fact unknown in any part stays unknown: combining what is known with what is not would
// invent data. Errors: a fact with no aggregation, fact_type, overflow, the weight.
result<std::vector<std::optional<std::int64_t>>> combine_facts(const program& prog, const fact_columns& facts, const std::vector<std::string>& ids,
                                                               const std::vector<std::size_t>& rows, const merge_spec& spec) {
  std::optional<fact_slot> weight;
  if (!spec.weight.empty()) {
    NTM_TRY(w, prog.find_fact(spec.weight));
    weight = w;
  }
  std::vector<std::optional<std::int64_t>> out(prog.fact_count());
  for (std::uint32_t k = 0; k < prog.fact_count(); ++k) {
    const fact_slot slot{k};
    const fact_definition& def = prog.fact(slot);
    std::size_t known = 0;
    for (std::size_t r : rows) known += facts.states(slot)[r] == 0 ? 1 : 0;
    if (known == 0) continue;
    auto declared = spec.facts.find(def.id);
    if (declared == spec.facts.end() && !spec.otherwise)
      return fail(errc::invalid_argument, "the merge does not say how fact " + def.id + " combines (give it in \"facts\", or \"otherwise\")");
    const aggregation how = declared != spec.facts.end() ? declared->second : *spec.otherwise;
    if (how == aggregation::unknown || known != rows.size()) continue;
    const std::int64_t* v = facts.values(slot);
    const bool numeric = def.type == value_type::integer || def.type == value_type::number || def.type == value_type::money || def.type == value_type::percent;
    std::int64_t raw = 0;
    switch (how) {
      case aggregation::any:
      case aggregation::all: {
        if (def.type != value_type::boolean) return fail(errc::fact_type, "fact " + def.id + " is " + to_string(def.type) + "; any/all combine true/false facts");
        bool any = false, all = true;
        for (std::size_t r : rows) {
          any = any || v[r] != 0;
          all = all && v[r] != 0;
        }
        raw = (how == aggregation::any ? any : all) ? 1 : 0;
        break;
      }
      case aggregation::max:
      case aggregation::min: {
        if (!numeric && def.type != value_type::date) return fail(errc::fact_type, "fact " + def.id + " is " + to_string(def.type) + "; max/min combine numbers, amounts, percentages and dates");
        raw = v[rows.front()];
        for (std::size_t r : rows) raw = how == aggregation::max ? std::max(raw, v[r]) : std::min(raw, v[r]);
        break;
      }
      case aggregation::sum:
      case aggregation::mean: {
        if (!numeric) return fail(errc::fact_type, "fact " + def.id + " is " + to_string(def.type) + "; sum/mean combine numbers, amounts and percentages");
        detail::int128 total = 0;
        for (std::size_t r : rows) total += v[r];
        if (how == aggregation::sum) {
          if (total > INT64_MAX || total < INT64_MIN) return fail(errc::overflow, "the sum of fact " + def.id + " overflows");
          raw = static_cast<std::int64_t>(total);
        } else if (!div_round(total, static_cast<detail::int128>(rows.size()), rounding::half_up, raw)) {
          return fail(errc::overflow, "the mean of fact " + def.id + " overflows");
        }
        break;
      }
      case aggregation::weighted_mean: {
        if (!numeric) return fail(errc::fact_type, "fact " + def.id + " is " + to_string(def.type) + "; a weighted mean combines numbers, amounts and percentages");
        if (!weight) return fail(errc::invalid_argument, "fact " + def.id + " combines by weighted_mean, but the merge names no \"weight\" fact");
        detail::int128 total = 0, weights = 0;
        for (std::size_t r : rows) {
          if (facts.states(*weight)[r] != 0) return fail(errc::invalid_argument, "unit " + ids[r] + " has no " + spec.weight + " (the weight)");
          const std::int64_t w = facts.values(*weight)[r];
          total += static_cast<detail::int128>(v[r]) * w;
          weights += w;
        }
        if (weights == 0 || !div_round(total, weights, rounding::half_up, raw))
          return fail(errc::division_by_zero, "the weights (" + spec.weight + ") of the merging units sum to zero");
        break;
      }
      case aggregation::unknown:
        break;
    }
    out[k] = raw;
  }
  return out;
}

// Row `r` of `facts` as one unit's facts.
result<fact_table> row_facts(const program& prog, const fact_columns& facts, std::size_t r) {
  fact_table part = prog.make_facts();
  for (std::uint32_t k = 0; k < prog.fact_count(); ++k) {
    const fact_slot slot{k};
    if (facts.states(slot)[r] != 0) continue;
    const value_type t = prog.fact(slot).type;
    const std::int64_t raw = facts.values(slot)[r];
    value v = t == value_type::text ? value::of_text(facts.text(raw))
              : t == value_type::enumeration ? value::of_enum(prog.fact(slot).values.at(static_cast<std::size_t>(raw)))
                                             : rules_internal::decode_value(t, raw);
    NTM_CHECK(part.set(slot, v));
  }
  return part;
}

// The merge of rows `rows` of `facts`, evaluated against its parts.
result<merge_result> merge_rows_of(const program& prog, const fact_columns& facts, const std::vector<std::string>& ids, const std::vector<std::size_t>& rows,
                                   const merge_spec& spec, date at, std::string_view region) {
  NTM_TRY(combined, combine_facts(prog, facts, ids, rows, spec));
  merge_result out;
  out.id = spec.id;
  out.facts = prog.make_facts();
  for (std::uint32_t k = 0; k < prog.fact_count(); ++k)
    if (combined[k])
      NTM_CHECK(out.facts.set(fact_slot{k}, rules_internal::decode_value(prog.fact(fact_slot{k}).type, *combined[k]),
                              provenance{"merge " + spec.id, std::nullopt, "", false}));
  evaluate_options opt;
  opt.at = at;
  opt.region = std::string(region);
  NTM_TRY(merged, prog.evaluate(out.facts, opt));
  out.merged = std::move(merged);
  for (std::size_t r : rows) {
    NTM_TRY(part, row_facts(prog, facts, r));
    NTM_TRY(a, prog.evaluate(part, opt));
    out.parts.emplace_back(ids[r], std::move(a));
  }
  for (const rule_outcome* c : out.merged.criteria()) {
    const bool merged_met = c->result == status::met;
    bool all_parts = true, some_part = false;
    for (const auto& [id, a] : out.parts) {
      const rule_outcome* pc = a.find(c->id);
      const bool met = pc && pc->result == status::met;
      all_parts = all_parts && met;
      some_part = some_part || met;
    }
    if (merged_met && all_parts) out.kept.push_back(c->id);
    if (!merged_met && some_part) out.lost.push_back(c->id);
    if (merged_met && !all_parts) out.gained.push_back(c->id);
  }
  return out;
}

}  // namespace

result<merge_result> merge_units(const program& prog, const unit_table& units, const merge_spec& spec, date at, std::string_view region) {
  return core_internal::guarded("merging units", [&]() -> result<merge_result> {
    NTM_TRY(rows, merge_rows(units.ids, spec));
    return merge_rows_of(prog, units.facts, units.ids, rows, spec, at, region);
  });
}

namespace scenario_internal {

result<scenario_units> apply_to_units(const program& prog, const unit_table& units, const scenario& s, date at, const std::string& region,
                                      const function_registry& functions) {
  std::vector<const merge_spec*> merges;  // bases' first
  std::vector<const scenario*> chain;
  for (const scenario* x = &s; x; x = x->base.get()) {
    if (!x->tasks.empty() || !x->needs.empty() || !x->sources.empty())
      return fail(errc::invalid_argument, "scenario " + x->id + " changes tasks or funding; a table of units has only facts and parameters");
    chain.push_back(x);
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const merge_spec& m : (*it)->merges) merges.push_back(&m);
  scenario_units out;
  NTM_TRY(changed, apply_parameters(prog, s, functions));
  out.prog = std::move(changed);
  bool recompiled = false;
  for (const scenario* x : chain) recompiled = recompiled || !x->parameters.empty();
  if (recompiled) {
    NTM_TRY(moved, relayout(units.facts, prog, out.prog));
    out.facts = std::move(moved);
  } else {
    out.facts = units.facts;
  }
  NTM_TRY(changes, resolve(out.prog, s));
  NTM_CHECK(change_columns(out.facts, units.ids, changes));
  if (merges.empty()) return out;

  // Merges, in order (a base scenario's first), on a working table: the original rows, then
  // one row per merge. A later merge may take an earlier merged unit; a unit merged already
  // cannot merge again. The merged unit takes its first part's place.
  const std::size_t n = units.size();
  fact_columns& work = out.facts;
  work.resize(n + merges.size());
  std::vector<std::string> ids = units.ids, names = units.names, districts = units.districts, provinces = units.provinces;
  std::vector<std::size_t> place(n + merges.size());                 // per row: where it stands
  std::vector<std::vector<std::string>> parts_of(n + merges.size());  // per merged row: its parts
  std::vector<std::int64_t> merged_into(n + merges.size(), -1);       // per row: the merge that took it
  for (std::size_t r = 0; r < n; ++r) place[r] = r;
  std::map<std::string_view, std::size_t> row_of;
  for (std::size_t r = n; r-- > 0;) row_of[units.ids[r]] = r;  // the first row of an id
  for (std::size_t m = 0; m < merges.size(); ++m) {
    const merge_spec& spec = *merges[m];
    auto context = [&](error e) { return e.add_context("in merge " + spec.id + " of scenario " + s.id); };
    std::vector<std::size_t> rows;
    for (const std::string& id : spec.units) {
      auto it = row_of.find(id);
      if (it == row_of.end()) {
        const std::string near = io_internal::closest_match(id, ids);
        return fail(context(make_error(errc::unknown_reference, "the table has no unit \"" + id + "\"" + (near.empty() ? "" : "; did you mean \"" + near + "\"?"))));
      }
      if (merged_into[it->second] >= 0)
        return fail(context(make_error(errc::duplicate_id, "unit " + id + " was merged into " + merges[static_cast<std::size_t>(merged_into[it->second])]->id +
                                                               " already")));
      rows.push_back(it->second);
    }
    if (rows.size() < 2) return fail(context(make_error(errc::invalid_argument, "a merge needs at least two units")));
    if (auto taken = row_of.find(spec.id); taken != row_of.end() && std::find(spec.units.begin(), spec.units.end(), spec.id) == spec.units.end())
      return fail(context(make_error(errc::duplicate_id, "its id is another unit's (" + spec.id + ")")));
    auto r = merge_rows_of(out.prog, work, ids, rows, spec, at, region);
    if (!r) return fail(context(std::move(r).error()));
    const std::size_t row = n + m;
    for (std::uint32_t k = 0; k < out.prog.fact_count(); ++k) {
      auto v = r->facts.get(fact_slot{k});
      if (v) NTM_CHECK(work.set(row, fact_slot{k}, *v));
    }
    const std::size_t first = rows.front();
    ids.push_back(spec.id);
    names.push_back(spec.name);
    districts.push_back(spec.district.empty() ? districts[first] : spec.district);
    provinces.push_back(spec.province.empty() ? provinces[first] : spec.province);
    place[row] = place[first];
    parts_of[row] = spec.units;
    for (std::size_t part : rows) merged_into[part] = static_cast<std::int64_t>(m);
    row_of[ids.back()] = row;
    out.merges.push_back(std::move(*r));
  }
  // The table after the merges: the rows no merge took, in their places.
  std::vector<std::size_t> kept;
  for (std::size_t r = 0; r < n + merges.size(); ++r)
    if (merged_into[r] < 0) kept.push_back(r);
  std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) { return place[a] < place[b]; });
  unit_table& t = out.merged.emplace();
  t.facts = out.prog.make_columns(kept.size());
  for (const std::string& text : work.raw_texts()) t.facts.add_text(text);  // the same raw indices
  for (std::size_t row = 0; row < kept.size(); ++row) {
    const std::size_t r = kept[row];
    t.ids.push_back(ids[r]);
    t.names.push_back(names[r]);
    t.districts.push_back(districts[r]);
    t.provinces.push_back(provinces[r]);
    out.merged_from.push_back(parts_of[r]);
    for (std::uint32_t k = 0; k < out.prog.fact_count(); ++k) {
      t.facts.values(fact_slot{k})[row] = work.values(fact_slot{k})[r];
      t.facts.states(fact_slot{k})[row] = work.states(fact_slot{k})[r];
    }
  }
  out.facts = fact_columns{};
  return out;
}

}  // namespace scenario_internal

std::string to_json(const merge_result& m) { return merge_json(m).dump(2) + "\n"; }

NTM_END_NAMESPACE
