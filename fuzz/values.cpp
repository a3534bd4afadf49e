// SPDX-License-Identifier: MIT
// Fuzzes the parsers of money, percentages, decimals, dates and periods. The first byte
// chooses the parser; the rest is the text. Whatever parses must format and parse back to
// the same value (formatting never loses or changes an amount).
#include "fuzz_support.hpp"

namespace {

void money_round_trip(std::string_view text) {
  auto m = ntm::parse_money(text);
  if (!m) return;
  for (const std::string& s : {ntm::format_dong(*m), ntm::format_money(*m)}) {
    auto back = ntm::parse_money(s);
    NTM_FUZZ_CHECK(static_cast<bool>(back), "a formatted amount parses");
    NTM_FUZZ_CHECK(*back == *m, "a formatted amount parses to the same amount");
  }
  ntm::money_format unit_dong;
  unit_dong.unit_dong = true;
  auto back = ntm::parse_money(ntm::format_money(*m, unit_dong));
  NTM_FUZZ_CHECK(back && *back == *m, "\"… tỷ đồng\" parses to the same amount");
  (void)ntm::format_money(*m, ntm::money_format{ntm::money_unit::ty, 2, ntm::lang::en, false});
  (void)ntm::format_dong(*m, ntm::lang::en);
}

void percentage_round_trip(std::string_view text) {
  auto f = ntm::parse_percentage(text);
  if (!f) return;
  auto back = ntm::parse_percentage(ntm::format_percentage(*f));
  NTM_FUZZ_CHECK(back && *back == *f, "a formatted percentage parses to the same rate");
  (void)ntm::share(ntm::money::from_dong(23'800'000'000), *f);
}

void decimal_round_trip(std::string_view text, char mark) {
  auto d = ntm::parse_decimal(text, mark);
  if (!d) return;
  auto back = ntm::parse_decimal(d->to_string(mark), mark);
  NTM_FUZZ_CHECK(back && *back == *d, "a formatted decimal parses to the same number");
}

void date_round_trip(std::string_view text) {
  auto d = ntm::parse_date(text);
  if (!d) return;
  for (const std::string& s : {ntm::format_date(*d), ntm::format_date(*d, ntm::lang::vi)}) {
    auto back = ntm::parse_date(s);
    NTM_FUZZ_CHECK(back && *back == *d, "a formatted date parses to the same date");
  }
  (void)ntm::add_months(*d, 12345);
  (void)ntm::add_days(*d, -987654321);
}

void period_round_trip(std::string_view text) {
  auto p = ntm::parse_period(text);
  if (!p) return;
  NTM_FUZZ_CHECK(!(p->last < p->first), "a period does not end before it starts");
  auto back = ntm::parse_period(p->to_string(ntm::lang::vi));
  NTM_FUZZ_CHECK(back && *back == *p, "parse_period(p.to_string()) gives p back");
  (void)p->to_string(ntm::lang::en);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view text = ntm_fuzz::text_of(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0: money_round_trip(text); break;
    case 1: percentage_round_trip(text); break;
    case 2: decimal_round_trip(text, '.'); break;
    case 3: decimal_round_trip(text, ','); break;
    case 4: date_round_trip(text); break;
    default: period_round_trip(text); break;
  }
  return 0;
}
