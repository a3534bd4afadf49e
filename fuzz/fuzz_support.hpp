// SPDX-License-Identifier: MIT
// Shared helpers of ntm's libFuzzer targets: the shipped example's data, loaded once, and a
// check that aborts (so that libFuzzer records the input) when a property does not hold.
#ifndef NTM_FUZZ_FUZZ_SUPPORT_HPP_
#define NTM_FUZZ_FUZZ_SUPPORT_HPP_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include <ntm/ntm.hpp>
#include <ntm/plan/plan.hpp>

namespace ntm_fuzz {

/// Aborts with a message when `cond` is false: a property of ntm that an input broke.
#define NTM_FUZZ_CHECK(cond, what)                                                        \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "ntm fuzz: property violated: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (false)

/// The fuzzer's input as text.
inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

/// The directory of the shipped example (Thạch Lỗi 2023), with a trailing '/'.
inline std::string example_dir() { return NTM_SOURCE_DIR "/examples/thach-loi-2023/"; }

/// A file of the shipped example, read once; aborts when it is missing.
inline std::string example_file(const std::string& name) {
  std::ifstream in(example_dir() + name, std::ios::binary);
  NTM_FUZZ_CHECK(static_cast<bool>(in), "the shipped example is readable");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The shipped criteria set, compiled once.
inline const ntm::program& shipped_program() {
  static const ntm::program prog = [] {
    auto set = ntm::load_criteria_set(example_dir() + "hai-duong-nang-cao-2021-2025.json");
    NTM_FUZZ_CHECK(static_cast<bool>(set), "the shipped criteria set loads");
    auto p = ntm::compile(*set);
    NTM_FUZZ_CHECK(static_cast<bool>(p), "the shipped criteria set compiles");
    return *p;
  }();
  return prog;
}

/// The shipped plan, loaded once.
inline const ntm::plan& shipped_plan() {
  static const ntm::plan p = [] {
    auto loaded = ntm::load_plan(example_dir() + "plan.json");
    NTM_FUZZ_CHECK(static_cast<bool>(loaded), "the shipped plan loads");
    return *loaded;
  }();
  return p;
}

/// Load options that never open a path an input names: a named file ("extends", a calendar
/// include, the sections of a plan, a base scenario) resolves by its base name to a shipped
/// file (the example, its scenarios, the calendars), read once; any other name is not found.
/// A fuzzer must not open paths it made up (a FIFO or a terminal would block it).
inline ntm::load_options sandboxed_load_options() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> m;
    for (const char* dir : {"/examples/thach-loi-2023", "/examples/thach-loi-2023/scenarios", "/data/calendars"})
      for (const auto& entry : std::filesystem::directory_iterator(std::string(NTM_SOURCE_DIR) + dir))
        if (entry.is_regular_file()) {
          std::ifstream in(entry.path(), std::ios::binary);
          std::ostringstream text;
          text << in.rdbuf();
          m.emplace(entry.path().filename().string(), text.str());
        }
    return m;
  }();
  ntm::load_options o;
  o.resolver = [](const std::string& name) -> ntm::result<std::string> {
    const auto it = files.find(std::filesystem::path(name).filename().string());
    if (it == files.end()) return ntm::fail(ntm::errc::io_error, "not found in the fuzzer's sandbox: " + name);
    return it->second;
  };
  return o;
}

}  // namespace ntm_fuzz

#endif  // NTM_FUZZ_FUZZ_SUPPORT_HPP_
