// SPDX-License-Identifier: MIT
// Example 01: the seed plan's money and roadmap periods, read exactly as the document
// writes them, and the arithmetic its funding section gets wrong.
#include <iostream>

#include <ntm/ntm.hpp>

int main() {
  // Section 3.A of the Thạch Lỗi plan: needs per criterion.
  const char* needs[] = {"17,5 tỷ", "6 tỷ", "0,1 tỷ", "0,1 tỷ", "0,1 tỷ"};
  // Section 3.B: sources, stated in the document as a total of 10,3 tỷ.
  const char* sources[] = {"2 tỷ", "8 tỷ", "0,5 tỷ"};
  ntm::money a, b;
  for (const char* text : needs) a = *ntm::add(a, *ntm::parse_money(text));
  for (const char* text : sources) b = *ntm::add(b, *ntm::parse_money(text));
  const ntm::money stated_b = *ntm::parse_money("10,3 tỷ");
  std::cout << "A (nhu cầu)      = " << ntm::format_money(a) << " = " << ntm::format_dong(a) << '\n';
  std::cout << "B (nguồn, tính)  = " << ntm::format_money(b) << '\n';
  std::cout << "B (nguồn, ghi)   = " << ntm::format_money(stated_b) << "  chênh lệch "
            << ntm::format_money(*ntm::subtract(stated_b, b)) << '\n';
  std::cout << "A - B            = " << ntm::format_money(*ntm::subtract(a, b)) << '\n';

  // An amount the library refuses to guess.
  auto ambiguous = ntm::parse_money("1.000");
  std::cout << ntm::format(ambiguous.error()) << '\n';

  // The roadmap's periods.
  for (const char* text : {"Quý I/2023", "tháng 5,6/2023", "Quý III/2023", "tháng 10,11,12/2023"}) {
    const ntm::period p = *ntm::parse_period(text);
    std::cout << text << ": " << ntm::format_date(p.first, ntm::lang::vi) << " – "
              << ntm::format_date(p.last, ntm::lang::vi) << " (" << p.days() << " ngày)\n";
  }
  return 0;
}
