// SPDX-License-Identifier: MIT
// Export of a journal as a ledger-cli / hledger journal.
#include <algorithm>
#include <string>

#include <ntm/ledger/journal_io.hpp>
#include <ntm/version.hpp>

#include "ledger/journal_impl.hpp"

NTM_BEGIN_NAMESPACE
namespace {

std::string clean_description(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
    else if (c == ';') c = ',';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;  // two spaces end a payee
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == '(') out.front() = '[';
  return out;
}

std::string clean_reference(std::string_view text) {
  std::string out(clean_description(text));
  std::replace(out.begin(), out.end(), '(', '[');
  std::replace(out.begin(), out.end(), ')', ']');
  return out;
}

void append_amount(std::string& out, std::int64_t v, const std::string& commodity) {
  out += std::to_string(v);
  out += ' ';
  out += commodity;
}

}  // namespace

std::string to_ledger_journal(const journal& jr, const ledger_export_options& options) {
  const ledger_internal::journal_impl& j = jr.impl();
  std::string out;
  out.reserve(64 + j.accounts.size() * 48 + j.txns.size() * 64 + j.posting_account.size() * 48 + j.text.size());
  std::string title = options.title.empty() ? std::string("Exported by ntm ") + version() : options.title;
  for (std::size_t start = 0; start <= title.size();) {
    const std::size_t end = std::min(title.find('\n', start), title.size());
    out += "; ";
    out.append(title, start, end - start);
    out += '\n';
    start = end + 1;
  }
  out += "\ncommodity " + options.commodity + "\n";
  if (options.declare_accounts) {
    std::vector<std::uint32_t> by_name(j.accounts.size());
    for (std::uint32_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
    std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) { return j.accounts[a].name < j.accounts[b].name; });
    out += '\n';
    for (std::uint32_t id : by_name) out += "account " + j.accounts[id].name + "\n";
  }
  // Assertions by posting, for the postings that carry one.
  std::vector<std::size_t> asserted;  // posting indices, sorted (assertions are in posting order)
  std::vector<std::int64_t> asserted_amount;
  if (options.assertions)
    for (const ledger_internal::assertion_rec& a : j.assertions) {
      asserted.push_back(a.posting);
      asserted_amount.push_back(a.amount);
    }
  for (std::uint32_t t : j.date_order()) {
    const ledger_internal::txn_rec& r = j.txns[t];
    out += '\n';
    out += format_date(r.when);
    out += " *";
    const std::string reference = clean_reference(j.reference(t));
    if (!reference.empty()) out += " (" + reference + ")";
    const std::string description = clean_description(j.description(t));
    if (!description.empty()) out += ' ' + description;
    out += '\n';
    for (std::uint32_t p = r.first_posting, end = r.first_posting + r.posting_count; p < end; ++p) {
      out += "    ";
      out += j.accounts[j.posting_account[p]].name;
      out += "  ";
      append_amount(out, j.posting_amount[p], options.commodity);
      auto it = std::lower_bound(asserted.begin(), asserted.end(), static_cast<std::size_t>(p));
      if (it != asserted.end() && *it == p) {
        out += " = ";
        append_amount(out, asserted_amount[static_cast<std::size_t>(it - asserted.begin())], options.commodity);
      }
      out += '\n';
    }
  }
  return out;
}

NTM_END_NAMESPACE
