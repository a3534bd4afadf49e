// SPDX-License-Identifier: MIT
// Private to the ntm program: the commands.
#ifndef NTM_SRC_CLI_COMMANDS_HPP_
#define NTM_SRC_CLI_COMMANDS_HPP_

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/support.hpp"

namespace ntm_cli {

using add_common_fn = std::function<void(CLI::App*, std::vector<std::string>)>;

/// Adds every command to `app`; the chosen command's exit code is stored in `code`.
void register_commands(CLI::App& app, common_options& common, const add_common_fn& add_common, int& code);

}  // namespace ntm_cli

#endif  // NTM_SRC_CLI_COMMANDS_HPP_
