// SPDX-License-Identifier: MIT
// Terminal output, errors and file kinds for the ntm program.
#include "cli/support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "io/json_document.hpp"

namespace ntm_cli {

ntm::lang language(const common_options& o) { return o.language == "en" ? ntm::lang::en : ntm::lang::vi; }

bool use_colour(const common_options& o) {
  if (o.colour == "always") return true;
  if (o.colour == "never") return false;
  const char* no_colour = std::getenv("NO_COLOR");
  return (!no_colour || !*no_colour) && o.output.empty() && ::isatty(STDOUT_FILENO) != 0;
}

namespace {

// Draws a DOT graph with Graphviz (`dot -Tsvg`, when installed) for the HTML report: the SVG
// without its XML prolog and DOCTYPE, to sit inside the page; "" when dot is missing or fails.
std::string graphviz_svg(const std::string& dot, void*) {
  char path[] = "/tmp/ntm-graph-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return {};
  const bool written = ::write(fd, dot.data(), dot.size()) == static_cast<ssize_t>(dot.size());
  ::close(fd);
  std::string svg;
  if (written) {
    const std::string command = std::string("dot -Tsvg ") + path + " 2>/dev/null";
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
      char buffer[65536];
      for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) svg.append(buffer, n);
      if (::pclose(pipe) != 0) svg.clear();
    }
  }
  std::remove(path);
  const std::size_t start = svg.find("<svg");
  return start == std::string::npos ? std::string() : svg.substr(start);
}

}  // namespace

ntm::report_options report_options_of(const common_options& o) {
  ntm::report_options r;
  r.language = language(o);
  r.colour = o.format == "text" && use_colour(o);
  if (o.format == "html") r.dot_to_svg = graphviz_svg;
  return r;
}

ntm::report_format report_format_of(const common_options& o) {
  auto f = ntm::parse_report_format(o.format);
  return f ? *f : ntm::report_format::text;
}

int report_error(const ntm::error& e, const common_options& o) {
  const bool colour = o.colour == "always" || (o.colour == "auto" && ::isatty(STDERR_FILENO) != 0 && !std::getenv("NO_COLOR"));
  std::string text = ntm::format(e);
  if (colour) {
    // Colour the "error[...]" tags.
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      if (text.compare(i, 6, "error[") == 0) {
        const std::size_t close = text.find(']', i);
        out += "\033[1;31m" + text.substr(i, close + 1 - i) + "\033[0m";
        i = close + 1;
      } else {
        out += text[i++];
      }
    }
    text = out;
  }
  std::cerr << text << '\n';
  return e.code == ntm::errc::internal ? failure : invalid_input;
}

int usage_error(const std::string& message, const common_options& o) {
  report_error(ntm::make_error(ntm::errc::invalid_argument, message), o);
  return usage;
}

int write_output(const std::string& text, const common_options& o) {
  if (o.output.empty() || o.output == "-") {
    std::cout << text;
    std::cout.flush();
    return std::cout ? ok : failure;
  }
  auto written = ntm::io_internal::write_file(o.output, text);
  if (!written) {
    std::cerr << ntm::format(written.error()) << '\n';
    return failure;
  }
  return ok;
}

const char* to_string(file_kind k) {
  switch (k) {
    case file_kind::criteria_set: return "criteria set";
    case file_kind::facts: return "facts";
    case file_kind::tests: return "test cases";
    case file_kind::roadmap: return "roadmap";
    case file_kind::calendar: return "calendar";
    case file_kind::funding: return "funding";
    case file_kind::plan: return "plan";
    case file_kind::scenario: return "scenario";
    case file_kind::simulation_spec: return "simulation spec";
    case file_kind::merge: return "merge";
    case file_kind::journal_csv: return "journal CSV";
    case file_kind::units: return "table of units";
    case file_kind::unknown: break;
  }
  return "unknown";
}

file_kind detect_kind(const std::string& path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".csv")) return file_kind::journal_csv;
  if (ends_with(".jsonl")) return file_kind::units;
  auto text = ntm::io_internal::read_file(path);
  if (!text) return file_kind::unknown;
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return file_kind::unknown;
  const std::string format = j.contains("format") && j["format"].is_string() ? j["format"].get<std::string>() : "";
  auto starts = [&](std::string_view p) { return format.rfind(p, 0) == 0; };
  if (starts("ntm.criteria-set")) return file_kind::criteria_set;
  if (starts("ntm.facts")) return file_kind::facts;
  if (starts("ntm.tests")) return file_kind::tests;
  if (starts("ntm.roadmap")) return file_kind::roadmap;
  if (starts("ntm.calendar")) return file_kind::calendar;
  if (starts("ntm.funding")) return file_kind::funding;
  if (starts("ntm.plan")) return file_kind::plan;
  if (starts("ntm.scenario")) return file_kind::scenario;
  if (starts("ntm.simulation-spec")) return file_kind::simulation_spec;
  if (starts("ntm.merge")) return file_kind::merge;
  // No format field: the keys tell.
  if (j.contains("criteria_set")) return file_kind::plan;
  if (j.contains("criteria") || j.contains("parameters")) return file_kind::criteria_set;
  if (j.contains("cases")) return file_kind::tests;
  if (j.contains("tasks")) return file_kind::roadmap;
  if (j.contains("needs") || j.contains("sources")) return file_kind::funding;
  if (j.contains("holidays") || j.contains("working_week")) return file_kind::calendar;
  if (j.contains("overlay") || j.contains("changes")) return file_kind::scenario;
  if (j.contains("facts")) return file_kind::facts;
  return file_kind::unknown;
}

}  // namespace ntm_cli
