// SPDX-License-Identifier: MIT
// Account kinds, source kinds and account-name rules.
#include <ntm/ledger/account.hpp>

#include <string>

#include <ntm/core/text.hpp>

NTM_BEGIN_NAMESPACE

namespace {

constexpr account_kind all_account_kinds[] = {account_kind::other, account_kind::need, account_kind::source,
                                              account_kind::receivable, account_kind::cash};
constexpr source_kind all_source_kinds[] = {
    source_kind::unspecified,       source_kind::central_budget, source_kind::provincial_budget,
    source_kind::district_budget,   source_kind::provincial_district_budget, source_kind::commune_budget,
    source_kind::land_auction_share, source_kind::credit,        source_kind::enterprise,
    source_kind::people,            source_kind::other};

template <class Kind, std::size_t N>
result<Kind> parse_kind(std::string_view name, const Kind (&all)[N], const char* what) {
  std::string valid;
  for (Kind k : all) {
    if (name == to_string(k)) return k;
    if (!valid.empty()) valid += ", ";
    valid += to_string(k);
  }
  return fail(errc::invalid_value, "\"" + std::string(name) + "\" is not " + what + "; use one of: " + valid);
}

error name_error(std::string_view name, std::size_t byte, const std::string& why) {
  source_location where;
  where.column = static_cast<std::uint32_t>(utf8_column(name, byte));
  return make_error(errc::invalid_account_name, "account name \"" + std::string(name) + "\": " + why, where);
}

}  // namespace

const char* to_string(account_kind kind) noexcept {
  switch (kind) {
    case account_kind::other: return "other";
    case account_kind::need: return "need";
    case account_kind::source: return "source";
    case account_kind::receivable: return "receivable";
    case account_kind::cash: return "cash";
  }
  return "other";
}

const char* to_string(source_kind kind) noexcept {
  switch (kind) {
    case source_kind::unspecified: return "unspecified";
    case source_kind::central_budget: return "central_budget";
    case source_kind::provincial_budget: return "provincial_budget";
    case source_kind::district_budget: return "district_budget";
    case source_kind::provincial_district_budget: return "provincial_district_budget";
    case source_kind::commune_budget: return "commune_budget";
    case source_kind::land_auction_share: return "land_auction_share";
    case source_kind::credit: return "credit";
    case source_kind::enterprise: return "enterprise";
    case source_kind::people: return "people";
    case source_kind::other: return "other";
  }
  return "unspecified";
}

result<account_kind> parse_account_kind(std::string_view name) {
  return parse_kind(name, all_account_kinds, "an account kind");
}

result<source_kind> parse_source_kind(std::string_view name) {
  return parse_kind(name, all_source_kinds, "a source kind");
}

account_kind kind_of_root(std::string_view root) noexcept {
  try {
    const std::string folded = fold_vi(root);
    if (folded == "nhu cau") return account_kind::need;
    if (folded == "nguon") return account_kind::source;
    if (folded == "phai thu") return account_kind::receivable;
    if (folded == "quy") return account_kind::cash;
  } catch (...) {  // allocation failure: no kind implied
  }
  return account_kind::other;
}

result<void> check_account_name(std::string_view name) {
  if (name.empty()) return fail(errc::invalid_account_name, "an account name cannot be empty");
  const std::size_t bad = first_invalid_utf8(name);
  if (bad != name.size()) return fail(name_error(name, bad, "not valid UTF-8"));
  const char first = name.front();
  if (first == '(' || first == '[' || first == '*' || first == '!' || first == '#')
    return fail(name_error(name, 0, std::string("cannot start with '") + first +
                                        "' (in a journal it marks a virtual posting, a status or a comment)"));
  std::size_t segment_start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == ':') {
      if (i == segment_start) return fail(name_error(name, i, "has an empty part (\"::\" or a ':' at an end)"));
      if (name[segment_start] == ' ') return fail(name_error(name, segment_start, "a part starts with a space"));
      if (name[i - 1] == ' ') return fail(name_error(name, i - 1, "a part ends with a space"));
      segment_start = i + 1;
      continue;
    }
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c == 0x7F) return fail(name_error(name, i, "contains a control character or tab"));
    if (c == ';') return fail(name_error(name, i, "contains ';' (a comment in a journal)"));
    if (c == ' ' && i + 1 < name.size() && name[i + 1] == ' ')
      return fail(name_error(name, i, "contains two spaces in a row (they end an account name in a journal)"));
  }
  return {};
}

NTM_END_NAMESPACE
