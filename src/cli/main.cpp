// SPDX-License-Identifier: MIT
// The ntm program: a plan's analysis and the tools around it, from the command line.
#include <CLI/CLI.hpp>

#include <iostream>

#include <ntm/version.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace ntm_cli;
  CLI::App app{"ntm " NTM_VERSION_STRING " — kế hoạch nông thôn mới thành phần mềm: tiêu chí, lộ trình, nguồn vốn, kịch bản.\n"
               "ntm — a New Rural Development plan as software: criteria, roadmap, funding, scenarios."};
  app.footer(
      "Exit codes: 0 done; 1 a file has errors (each printed with its file, line and column); 2 the command line is wrong;\n"
      "3 the input is valid but a check did not hold (test mismatches, --require-met); 4 the output could not be written.\n"
      "Without a PLAN, commands use the shipped Thạch Lỗi 2023 plan. Colour is used only on a terminal (NO_COLOR turns it off).");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("ntm ") + NTM_VERSION_STRING);
  common_options common;
  auto add_common = [&](CLI::App* cmd, std::vector<std::string> formats) {
    cmd->add_option("--lang", common.language, "language of labels and explanations")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
    if (!formats.empty()) {
      // Each command's own default, set when it is chosen (before its options are read).
      cmd->preparse_callback([&common, first = formats.front()](std::size_t) { common.format = first; });
      cmd->add_option("--format,-f", common.format, "output format")->check(CLI::IsMember(formats))->default_str(formats.front());
    }
    cmd->add_option("--output,-o", common.output, "write to this file instead of standard output");
    cmd->add_option("--colour,--color", common.colour, "colour: auto (on a terminal), always, never")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  };
  int code = ok;
  register_commands(app, common, add_common, code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int parsed = app.exit(e);
    return e.get_exit_code() == 0 ? ok : (parsed == 0 ? ok : usage);
  }
  return code;
}
