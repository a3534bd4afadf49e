// SPDX-License-Identifier: MIT
// Consumer of the installed ntm package: uses the core types and checks the version.
#include <cstdio>
#include <cstring>

#include <ntm/ntm.hpp>

int main() {
  if (std::strcmp(ntm::version(), NTM_VERSION_STRING) != 0) {
    std::printf("header %s but library %s\n", NTM_VERSION_STRING, ntm::version());
    return 1;
  }
  auto need = ntm::parse_money("23,8 tỷ");
  auto have = ntm::parse_money("10,5 tỷ đồng");
  if (!need || !have) return 2;
  auto gap = ntm::subtract(*need, *have);
  if (!gap || ntm::format_money(*gap) != "13,3 tỷ") return 3;
  auto q = ntm::parse_period("Quý II/2023");
  if (!q || ntm::format_date(q->last) != "2023-06-30") return 4;
  std::printf("consumer ok: ntm %s, gap %s\n", ntm::version(), ntm::format_dong(*gap).c_str());
  return 0;
}
