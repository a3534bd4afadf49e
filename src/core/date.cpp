// SPDX-License-Identifier: MIT
// Dates and periods: parsing and formatting without exceptions.
#include <ntm/core/date.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

NTM_BEGIN_NAMESPACE

namespace {

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

source_location column_at(std::size_t index) {
  source_location where;
  where.column = static_cast<std::uint32_t>(index + 1);
  return where;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at `i`; returns -1 if there is none.
int read_int(std::string_view s, std::size_t& i, std::size_t max_digits) {
  const std::size_t start = i;
  int v = 0;
  while (i < s.size() && is_digit(s[i]) && i - start < max_digits) v = v * 10 + (s[i++] - '0');
  if (i == start) return -1;
  if (i < s.size() && is_digit(s[i])) {  // too many digits
    i = start;
    return -1;
  }
  return v;
}

const date& first_supported() {
  static const date d(min_year, 1, 1);
  return d;
}
const date& last_supported() {
  static const date d(max_year, 12, 31);
  return d;
}

}  // namespace

result<date> make_date(int year, int month, int day) {
  if (year < min_year || year > max_year)
    return fail(errc::date_invalid, "year " + std::to_string(year) + " is outside the supported range 1400–9999");
  if (month < 1 || month > 12)
    return fail(errc::date_invalid, "month " + std::to_string(month) + " does not exist (1–12)");
  if (day < 1 || day > days_in_month(year, month))
    return fail(errc::date_invalid, std::to_string(year) + "-" + two(month) + "-" + two(day) +
                                        " does not exist: month " + std::to_string(month) + " of " +
                                        std::to_string(year) + " has " + std::to_string(days_in_month(year, month)) + " days");
  return date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

result<date> parse_date(std::string_view text) {
  std::size_t i = 0;
  const std::string shown = "\"" + std::string(text) + "\"";
  auto syntax = [&](std::size_t at, const std::string& why) {
    return fail(errc::date_syntax, shown + " is not a date: " + why + "; write 2023-12-31 or 31/12/2023", column_at(at));
  };
  // Which form: ISO has '-' after four digits, Vietnamese has '/'.
  std::size_t k = 0;
  while (k < text.size() && is_digit(text[k])) ++k;
  if (k == 4 && k < text.size() && text[k] == '-') {
    const int y = read_int(text, i, 4);
    ++i;  // '-'
    const int m = read_int(text, i, 2);
    if (m < 0) return syntax(i, "expected a month of 1 or 2 digits");
    if (i >= text.size() || text[i] != '-') return syntax(i, "expected '-' after the month");
    ++i;
    const int d = read_int(text, i, 2);
    if (d < 0) return syntax(i, "expected a day of 1 or 2 digits");
    if (i != text.size()) return syntax(i, "unexpected text after the day");
    auto r = make_date(y, m, d);
    if (!r) r.error().where = column_at(0);
    return r;
  }
  if ((k == 1 || k == 2) && k < text.size() && text[k] == '/') {
    const int d = read_int(text, i, 2);
    ++i;  // '/'
    const int m = read_int(text, i, 2);
    if (m < 0) return syntax(i, "expected a month of 1 or 2 digits");
    if (i >= text.size() || text[i] != '/') return syntax(i, "expected '/' after the month");
    ++i;
    const std::size_t year_at = i;
    const int y = read_int(text, i, 4);
    if (y < 0 || i - year_at != 4) return syntax(year_at, "expected a year of 4 digits");
    if (i != text.size()) return syntax(i, "unexpected text after the year");
    auto r = make_date(y, m, d);
    if (!r) r.error().where = column_at(0);
    return r;
  }
  return syntax(k, k == 0 ? "it does not start with digits" : "expected '-' after a 4-digit year or '/' after a day");
}

std::string format_date(date d) {
  if (d.is_special()) return "";
  return std::to_string(static_cast<int>(d.year())) + "-" + two(d.month()) + "-" + two(d.day());
}

std::string format_date(date d, lang l) {
  if (d.is_special()) return "";
  if (l == lang::en) return format_date(d);
  return two(d.day()) + "/" + two(d.month()) + "/" + std::to_string(static_cast<int>(d.year()));
}

result<date> add_days(date d, std::int64_t days) {
  if (d.is_special()) return fail(errc::date_invalid, "not a date");
  const std::int64_t n = static_cast<std::int64_t>(d.day_number()) + days;
  if (n < static_cast<std::int64_t>(first_supported().day_number()) ||
      n > static_cast<std::int64_t>(last_supported().day_number()))
    return fail(errc::date_invalid, format_date(d) + " plus " + std::to_string(days) + " days is outside 1400–9999");
  return d + boost::gregorian::date_duration(static_cast<long>(days));
}

result<date> add_months(date d, int months) {
  if (d.is_special()) return fail(errc::date_invalid, "not a date");
  const std::int64_t index = static_cast<std::int64_t>(d.year()) * 12 + (d.month() - 1) + months;
  const std::int64_t y = index >= 0 ? index / 12 : -1;
  const int m = static_cast<int>(index - y * 12) + 1;
  if (y < min_year || y > max_year)
    return fail(errc::date_invalid, format_date(d) + " plus " + std::to_string(months) + " months is outside 1400–9999");
  const int day = std::min<int>(d.day(), days_in_month(static_cast<int>(y), m));
  return make_date(static_cast<int>(y), m, day);
}

// ---------------------------------------------------------------------------------------
// Periods

result<period> year_period(int y) {
  NTM_TRY(first, make_date(y, 1, 1));
  return period{period_kind::year, first, date(static_cast<unsigned short>(y), 12, 31)};
}

result<period> quarter_period(int y, int q) {
  if (q < 1 || q > 4) return fail(errc::period_invalid, "quarter " + std::to_string(q) + " does not exist (1–4, I–IV)");
  NTM_TRY(first, make_date(y, 3 * q - 2, 1));
  NTM_TRY(last, make_date(y, 3 * q, days_in_month(y, 3 * q)));
  return period{period_kind::quarter, first, last};
}

result<period> month_period(int y, int m) {
  if (m < 1 || m > 12) return fail(errc::period_invalid, "month " + std::to_string(m) + " does not exist (1–12)");
  NTM_TRY(first, make_date(y, m, 1));
  NTM_TRY(last, make_date(y, m, days_in_month(y, m)));
  return period{period_kind::month, first, last};
}

namespace {

const char* const roman[] = {"i", "ii", "iii", "iv"};
const char* const month_names_en[] = {"January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December"};
const char* const quarter_roman[] = {"I", "II", "III", "IV"};

// A cursor over folded (lower-case, unaccented) text.
struct cursor {
  std::string_view s;
  std::size_t i = 0;
  void skip_spaces() {
    while (i < s.size() && s[i] == ' ') ++i;
  }
  bool eat(std::string_view word) {
    if (s.substr(i, word.size()) == word) {
      i += word.size();
      return true;
    }
    return false;
  }
  bool at_end() const { return i >= s.size(); }
};

// The year after a period name: "/2023", " 2023", "-2023" or " nam 2023".
result<int> read_year(cursor& c, const std::string& shown) {
  c.skip_spaces();
  if (!c.eat("/") && !c.eat("-")) c.eat("nam");
  c.skip_spaces();
  const std::size_t at = c.i;
  const int y = read_int(c.s, c.i, 4);
  if (y < 0 || c.i - at != 4)
    return fail(errc::period_syntax, shown + ": expected a 4-digit year", column_at(at));
  c.skip_spaces();
  if (!c.at_end()) return fail(errc::period_syntax, shown + ": unexpected text after the year", column_at(c.i));
  return y;
}

result<int> read_quarter_number(cursor& c, const std::string& shown) {
  c.skip_spaces();
  const std::size_t at = c.i;
  if (!c.at_end() && is_digit(c.s[c.i])) {
    const int q = read_int(c.s, c.i, 2);
    if (q < 1 || q > 4) return fail(errc::period_invalid, shown + ": quarter " + std::to_string(q) + " does not exist (1–4)", column_at(at));
    return q;
  }
  for (int q = 4; q >= 1; --q) {  // longest roman numeral first
    const std::string_view r = roman[q - 1];
    if (c.s.substr(c.i, r.size()) == r) {
      const std::size_t after = c.i + r.size();
      if (after < c.s.size() && (c.s[after] == 'i' || c.s[after] == 'v' || c.s[after] == 'x'))
        return fail(errc::period_invalid, shown + ": quarter numeral does not exist (I–IV)", column_at(at));
      c.i = after;
      return q;
    }
  }
  return fail(errc::period_syntax, shown + ": expected a quarter number (1–4 or I–IV)", column_at(at));
}

result<period> months_period(int y, const std::vector<int>& months, const std::vector<std::size_t>& at,
                             const std::string& shown) {
  for (std::size_t k = 0; k < months.size(); ++k) {
    if (months[k] < 1 || months[k] > 12)
      return fail(errc::period_invalid, shown + ": month " + std::to_string(months[k]) + " does not exist (1–12)", column_at(at[k]));
    if (k > 0 && months[k] != months[k - 1] + 1)
      return fail(errc::period_invalid, shown + ": months must be consecutive and ascending (e.g. \"tháng 5,6/2023\")", column_at(at[k]));
  }
  NTM_TRY(first, month_period(y, months.front()));
  NTM_TRY(last, month_period(y, months.back()));
  return period{months.size() == 1 ? period_kind::month : period_kind::months, first.first, last.last};
}

}  // namespace

result<period> parse_period(std::string_view text) {
  const std::string shown = "\"" + std::string(text) + "\"";
  std::string folded = fold_vi(text);
  // Trim and collapse spaces.
  std::string norm;
  for (char ch : folded) {
    if (ch == '\t') ch = ' ';
    if (ch == ' ' && (norm.empty() || norm.back() == ' ')) continue;
    norm += ch;
  }
  while (!norm.empty() && norm.back() == ' ') norm.pop_back();
  if (norm.empty()) return fail(errc::period_syntax, "empty period; write e.g. \"Quý II/2023\" or \"tháng 5,6/2023\"", column_at(0));
  cursor c{norm};

  // An explicit range of dates.
  if (const auto dots = norm.find(".."); dots != std::string::npos) {
    auto a = parse_date(std::string_view(norm).substr(0, dots));
    if (!a) return fail(std::move(a).error());
    auto b = parse_date(std::string_view(norm).substr(dots + 2));
    if (!b) {
      b.error().where.column += static_cast<std::uint32_t>(dots + 2);
      return fail(std::move(b).error());
    }
    if (*b < *a) return fail(errc::period_invalid, shown + ": the range ends before it starts", column_at(dots + 2));
    return period{period_kind::range, *a, *b};
  }
  // A single date.
  {
    std::size_t k = 0;
    while (k < norm.size() && is_digit(norm[k])) ++k;
    const bool iso_date = k == 4 && norm.size() >= 8 && norm[4] == '-' && std::count(norm.begin(), norm.end(), '-') == 2;
    const bool vi_date = (k == 1 || k == 2) && std::count(norm.begin(), norm.end(), '/') == 2;
    if (iso_date || vi_date) {
      NTM_TRY(d, parse_date(norm));
      return period{period_kind::day, d, d};
    }
    // "2023", "2023-q2", "2023-h1", "2023-05"
    if (k == 4) {
      const int y = std::stoi(norm.substr(0, 4));
      if (k == norm.size()) return year_period(y);
      c.i = 4;
      if (c.eat("-q") || c.eat("-quy") || c.eat(" q")) {
        const std::size_t at = c.i;
        const int q = read_int(norm, c.i, 1);
        if (q < 0 || !c.at_end()) return fail(errc::period_syntax, shown + ": expected a quarter 1–4 after \"Q\"", column_at(at));
        auto r = quarter_period(y, q);
        if (!r) r.error().where = column_at(at);
        return r;
      }
      if (c.eat("-h")) {
        const std::size_t at = c.i;
        const int h = read_int(norm, c.i, 1);
        if (h < 1 || h > 2 || !c.at_end()) return fail(errc::period_invalid, shown + ": a half-year is H1 or H2", column_at(at));
        NTM_TRY(first, month_period(y, h == 1 ? 1 : 7));
        NTM_TRY(last, month_period(y, h == 1 ? 6 : 12));
        return period{period_kind::half_year, first.first, last.last};
      }
      if (c.eat("-")) {
        const std::size_t at = c.i;
        const int m = read_int(norm, c.i, 2);
        if (m < 0 || !c.at_end()) return fail(errc::period_syntax, shown + ": expected a month after \"" + norm.substr(0, 5) + "\"", column_at(at));
        auto r = month_period(y, m);
        if (!r) r.error().where = column_at(at);
        return r;
      }
      return fail(errc::period_syntax, shown + " is not a period", column_at(4));
    }
    // "05/2023": a month.
    if ((k == 1 || k == 2) && k < norm.size() && norm[k] == '/') {
      const int m = std::stoi(norm.substr(0, k));
      c.i = k;
      NTM_TRY(y, read_year(c, shown));
      return months_period(y, {m}, {0}, shown);
    }
  }
  if (c.eat("nam ")) {
    NTM_TRY(y, read_year(c, shown));
    return year_period(y);
  }
  if (c.eat("6 thang dau nam") || c.eat("6 thang cuoi nam") || c.eat("h1") || c.eat("h2")) {
    const bool first_half = norm.rfind("6 thang dau", 0) == 0 || norm.rfind("h1", 0) == 0;
    NTM_TRY(y, read_year(c, shown));
    NTM_TRY(a, month_period(y, first_half ? 1 : 7));
    NTM_TRY(b, month_period(y, first_half ? 6 : 12));
    return period{period_kind::half_year, a.first, b.last};
  }
  if (c.eat("quy") || c.eat("q")) {
    NTM_TRY(q, read_quarter_number(c, shown));
    NTM_TRY(y, read_year(c, shown));
    return quarter_period(y, q);
  }
  if (c.eat("thang") || c.eat("t")) {
    std::vector<int> months;
    std::vector<std::size_t> at;
    for (;;) {
      c.skip_spaces();
      at.push_back(c.i);
      const int m = read_int(norm, c.i, 2);
      if (m < 0) return fail(errc::period_syntax, shown + ": expected a month number", column_at(c.i));
      c.skip_spaces();
      if (c.eat(",")) {
        months.push_back(m);
        continue;
      }
      if (c.s.substr(c.i, 1) == "-" && c.i + 1 < c.s.size() && (is_digit(c.s[c.i + 1]) || c.s[c.i + 1] == ' ')) {
        // "5-6/2023" or "7 - 9/2023": an inclusive month range; but "5-2023" is month/year.
        std::size_t look = c.i + 1;
        while (look < c.s.size() && c.s[look] == ' ') ++look;
        std::size_t digits = 0;
        while (look + digits < c.s.size() && is_digit(c.s[look + digits])) ++digits;
        if (digits <= 2) {
          c.i = look;
          const std::size_t to_at = c.i;
          const int to = read_int(norm, c.i, 2);
          if (to < m) return fail(errc::period_invalid, shown + ": a month range must ascend", column_at(to_at));
          for (int k = m; k <= to; ++k) {
            months.push_back(k);
            if (k > m) at.push_back(to_at);
          }
          break;
        }
      }
      months.push_back(m);
      break;
    }
    NTM_TRY(y, read_year(c, shown));
    return months_period(y, months, at, shown);
  }
  return fail(errc::period_syntax,
              shown + " is not a period; write e.g. \"2023\", \"Quý II/2023\", \"tháng 5/2023\" or \"tháng 5,6/2023\"",
              column_at(0));
}

std::string period::to_string(lang l) const {
  const int y = first.year();
  const std::string year = std::to_string(y);
  const bool vi = l == lang::vi;
  switch (kind) {
    case period_kind::year:
      return vi ? "năm " + year : year;
    case period_kind::quarter: {
      const int q = (first.month() - 1) / 3 + 1;
      return vi ? std::string("Quý ") + quarter_roman[q - 1] + "/" + year : "Q" + std::to_string(q) + " " + year;
    }
    case period_kind::half_year:
      return first.month() == 1 ? (vi ? "6 tháng đầu năm " + year : "H1 " + year)
                                : (vi ? "6 tháng cuối năm " + year : "H2 " + year);
    case period_kind::month:
      return vi ? "tháng " + std::to_string(first.month()) + "/" + year
                : std::string(month_names_en[first.month() - 1]) + " " + year;
    case period_kind::months: {
      if (!vi)
        return std::string(month_names_en[first.month() - 1]) + "–" + month_names_en[last.month() - 1] + " " + year;
      std::string out = "tháng ";
      for (int m = first.month(); m <= last.month(); ++m) {
        if (m > first.month()) out += ',';
        out += std::to_string(m);
      }
      return out + "/" + year;
    }
    case period_kind::day:
      return format_date(first, l);
    case period_kind::range:
      return format_date(first) + ".." + format_date(last);
  }
  return format_date(first) + ".." + format_date(last);
}

NTM_END_NAMESPACE
