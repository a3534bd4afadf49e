// SPDX-License-Identifier: MIT
// Example 06: the Thạch Lỗi 2023 plan analysed and reported for the district committee — the
// summary and the criteria table in Markdown. With arguments it also writes the other
// outputs: `06_report --gantt gantt.svg --html report.html --json analysis.json
// --mermaid gantt.mmd --cash cash.svg` (paths relative to the current directory).
#include <fstream>
#include <iostream>
#include <string>

#include <ntm/ntm.hpp>

namespace {

bool write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) std::cerr << "cannot write " << path << '\n';
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  auto plan = ntm::load_plan("thach-loi-2023/plan.json");
  if (!plan) {
    std::cerr << ntm::format(plan.error()) << '\n';
    return 1;
  }
  auto analysis = ntm::analyze(*plan);
  if (!analysis) {
    std::cerr << ntm::format(analysis.error()) << '\n';
    return 1;
  }
  ntm::report_options options;  // Vietnamese; options.language = ntm::lang::en for English
  std::cout << ntm::render_section(*analysis, ntm::report_section::summary, ntm::report_format::markdown, options) << '\n'
            << ntm::render_section(*analysis, ntm::report_section::criteria, ntm::report_format::markdown, options);

  for (int k = 1; k + 1 < argc; k += 2) {
    const std::string what = argv[k];
    const std::string path = argv[k + 1];
    std::string text;
    if (what == "--gantt") text = ntm::to_gantt_svg(*analysis, options);
    else if (what == "--cash") text = ntm::to_cash_svg(*analysis, options);
    else if (what == "--mermaid") text = ntm::to_mermaid_gantt(*analysis, options);
    else if (what == "--html") text = ntm::render_report(*analysis, ntm::report_format::html, options);
    else if (what == "--json") text = ntm::to_json(*analysis);
    else if (what == "--text") text = ntm::render_report(*analysis, ntm::report_format::text, options);
    else {
      std::cerr << "unknown option " << what << " (use --gantt, --cash, --mermaid, --html, --json or --text FILE)\n";
      return 2;
    }
    if (!write(path, text)) return 1;
  }
  return 0;
}
