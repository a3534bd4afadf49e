// SPDX-License-Identifier: MIT
// Writes the reports of a plan into a directory for the ctest checks that run outside the
// test program: the JSON against schemas/analysis.schema.json, the SVG and HTML through
// xmllint. Also a variant with hostile names (markup, quotes, '&') to prove the escaping.
// usage: ntm_report_dump PLAN.json OUTPUT_DIR
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <ntm/ntm.hpp>

namespace {

bool write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: ntm_report_dump PLAN.json OUTPUT_DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[2];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto plan = ntm::load_plan(argv[1]);
  if (!plan) {
    std::cerr << ntm::format(plan.error()) << '\n';
    return 1;
  }
  ntm::plan hostile = *plan;
  hostile.road.tasks.front().name.vi = "<script>alert(\"x\")</script> & 'co' ; # : ]]>";
  hostile.bodies.front().name.vi = "<b>Ban</b> & \"quản lý\"";
  hostile.title.vi = "Kế hoạch <i>thử</i> & kiểm tra";
  bool ok = true;
  for (const ntm::plan* p : {&*plan, &hostile}) {
    auto a = ntm::analyze(*p);
    if (!a) {
      std::cerr << ntm::format(a.error()) << '\n';
      return 1;
    }
    if (p == &hostile) {
      ok = ok && write(dir / "hostile.html", ntm::render_report(*a, ntm::report_format::html));
      ok = ok && write(dir / "hostile.svg", ntm::to_gantt_svg(*a));
      continue;
    }
    for (ntm::lang l : {ntm::lang::vi, ntm::lang::en}) {
      ntm::report_options o;
      o.language = l;
      o.today = ntm::date(2023, 6, 1);
      const std::string tag = l == ntm::lang::vi ? "vi" : "en";
      ok = ok && write(dir / ("analysis." + tag + ".json"), ntm::to_json(*a, l));
      ok = ok && write(dir / ("gantt." + tag + ".svg"), ntm::to_gantt_svg(*a, o));
      ok = ok && write(dir / ("cash." + tag + ".svg"), ntm::to_cash_svg(*a, o));
      ok = ok && write(dir / ("report." + tag + ".html"), ntm::render_report(*a, ntm::report_format::html, o));
    }
  }
  if (!ok) std::cerr << "cannot write into " << dir << '\n';
  return ok ? 0 : 1;
}
