// SPDX-License-Identifier: MIT
// CSV import of receipts and disbursements into a journal, all or nothing, fast: postings go
// straight into the journal's flat arrays (rolled back on any error), dates and amounts have
// allocation-free fast paths, references are grouped with a flat hash index.
#include <algorithm>
#include <cstdint>
#include <cstring>
#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#include <deque>
#include <string>
#include <vector>

#include <ntm/core/date.hpp>
#include <ntm/core/money.hpp>
#include <ntm/core/text.hpp>
#include <ntm/ledger/journal_io.hpp>

#include "core/huge_pages.hpp"
#include "io/csv.hpp"
#include "io/json_document.hpp"  // read_file, closest_match, location_of
#include "ledger/journal_impl.hpp"
#include "ledger/ledger_util.hpp"
#include "ledger/string_index.hpp"

NTM_BEGIN_NAMESPACE
namespace {

using core_internal::advise_huge;
using io_internal::csv_scanner;
using io_internal::field;
using ledger_internal::journal_impl;
using ledger_internal::string_index;

enum column : int { col_date, col_account, col_amount, col_description, col_reference, col_count };
constexpr const char* column_names[col_count] = {"date", "account", "amount", "description", "reference"};

bool fast_iso_date(std::string_view s, date& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (int c = 0; c < lengths[k]; ++c) {
      const char ch = s[static_cast<std::size_t>(starts[k] + c)];
      if (ch < '0' || ch > '9') return false;
      v[k] = v[k] * 10 + (ch - '0');
    }
  if (v[0] < min_year || v[0] > max_year || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1])) return false;
  out = date(static_cast<unsigned short>(v[0]), static_cast<unsigned short>(v[1]), static_cast<unsigned short>(v[2]));
  return true;
}

bool fast_amount(std::string_view s, std::int64_t& out) {
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) i = 1;
  if (i == s.size() || s.size() - i > 18) return false;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = negative ? -v : v;
  return true;
}

// What the importer keeps per transaction beyond the journal's own record (which is
// created, with its texts, when the reference first appears).
struct group {
  std::uint32_t row = 0;           // first row (spreadsheet numbering)
  std::uint32_t line : 31;         // its line
  std::uint32_t tainted : 1;       // a row of it had an error: no balance check
  group() : line(0), tainted(0) {}
};

class importer {
 public:
  importer(journal_impl& j, std::string_view text, const std::string& file, const csv_import_options& options)
      : j_(j), text_(text), file_(file), options_(options) {}

  result<csv_import_summary> run() {
    // UTF-8 is checked where text is kept or shown: the header, references, descriptions and
    // unknown account names (known names are valid; dates and amounts are parsed strictly).
    const std::size_t start = text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    csv_scanner scan(text_, start);
    std::vector<field> fields;
    if (!scan.next(fields)) {
      if (scan.failed()) return fail(syntax_error(scan));
      return fail(located(errc::csv_syntax, "the file is empty; it needs a header row (date,account,amount,description,reference)", start));
    }
    NTM_CHECK(header(fields));

    const journal_impl::mark m = j_.checkpoint();
    const std::size_t expected_rows = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
    j_.posting_account.reserve(m.postings + expected_rows);
    j_.posting_amount.reserve(m.postings + expected_rows);
    row_group_.reserve(expected_rows);
    groups_.reserve(expected_rows / 2 + 1);  // most transactions have two or more rows
    groups_index_.reserve(expected_rows / 2 + 1);
    j_.txns.reserve(m.txns + expected_rows / 2 + 1);
    j_.text.reserve(m.text + text_.size() / 2);  // an upper estimate; untouched capacity costs no memory
    advise_huge(j_.posting_account.data(), j_.posting_account.capacity() * sizeof(std::uint32_t));
    advise_huge(j_.posting_amount.data(), j_.posting_amount.capacity() * sizeof(std::int64_t));
    advise_huge(j_.txns.data(), j_.txns.capacity() * sizeof(ledger_internal::txn_rec));
    advise_huge(j_.text.data(), j_.text.capacity());
    advise_huge(row_group_.data(), row_group_.capacity() * sizeof(std::uint32_t));
    advise_huge(groups_.data(), groups_.capacity() * sizeof(group));
    base_ = m.txns;

    std::uint32_t row = 1;
    date last_date;
    std::string_view last_date_text;
    bool contiguous = true;
    std::uint32_t previous_group = string_index::npos;
    while (errors_.size() < options_.max_errors) {
      if (!scan.next(fields)) {
        if (scan.failed()) errors_.push_back(syntax_error(scan));
        break;
      }
      ++row;
      rec_offset_ = scan.record_offset();
      rec_line_ = scan.record_line();
      if (fields.size() != columns_.size()) {
        errors_.push_back(located(errc::csv_syntax, "row " + std::to_string(row) + " has " + std::to_string(fields.size()) +
                                                        " fields; the header has " + std::to_string(columns_.size()),
                                  rec_offset_));
        continue;
      }
      const std::size_t errors_before = errors_.size();
      auto get = [&](int c) -> const field* { return index_[c] < 0 ? nullptr : &fields[static_cast<std::size_t>(index_[c])]; };
      const field& fr = *get(col_reference);
      const bool same_group = previous_group != string_index::npos && reference(previous_group) == fr.text;
      if (!same_group) groups_index_.prefetch(string_index::hash(fr.text));

      date when;
      const field& fd = *get(col_date);
      if (fd.text == last_date_text && !last_date_text.empty()) {
        when = last_date;
      } else if (fast_iso_date(fd.text, when)) {
        last_date = when;
        last_date_text = fd.text;
      } else if (fd.text.empty()) {
        cell_error(row, col_date, fd, make_error(errc::invalid_value, "the date is empty"));
      } else if (auto d = parse_date(fd.text)) {
        when = *d;
      } else {
        cell_error(row, col_date, fd, std::move(d).error());
      }

      const field& fa = *get(col_account);
      std::uint32_t account = j_.find(fa.text);
      if (account == string_index::npos) account = new_account(row, fa);

      std::int64_t amount = 0;
      const field& fm = *get(col_amount);
      if (!fast_amount(fm.text, amount)) {
        if (fm.text.empty()) cell_error(row, col_amount, fm, make_error(errc::invalid_value, "the amount is empty"));
        else if (auto v = parse_money(fm.text)) amount = v->dong();
        else cell_error(row, col_amount, fm, std::move(v).error());
      }

      const field* fdesc = get(col_description);
      std::string_view description = fdesc ? fdesc->text : std::string_view();
      if (fr.text.empty()) {
        cell_error(row, col_reference, fr, make_error(errc::invalid_value, "the reference is empty; rows with the same reference form one transaction"));
        continue;
      }
      // A row that continues the previous row's transaction needs no look-up.
      std::uint32_t g = same_group ? previous_group
                                   : groups_index_.find(fr.text, string_index::hash(fr.text),
                                                        [this](std::uint32_t v) { return reference(v); });
      if (g == string_index::npos && !utf8(row, col_reference, fr)) continue;
      if (!description.empty() && (g == string_index::npos || description != j_.description(base_ + g)) &&
          !utf8(row, col_description, *fdesc)) {
        description = std::string_view();
        if (g == string_index::npos) continue;
      }
      if (g == string_index::npos) {
        g = static_cast<std::uint32_t>(groups_.size());
        if (auto added = j_.add_txn(when, 0, 0, description, fr.text); !added) {
          errors_.push_back(std::move(added).error());
          break;
        }
        group ng;
        ng.row = row;
        ng.line = rec_line_ & 0x7FFFFFFFu;
        groups_.push_back(ng);
        groups_index_.insert(g, string_index::hash(fr.text));
      } else {
        const group& og = groups_[g];
        const date og_when = j_.txns[base_ + g].when;
        if (g != previous_group) contiguous = false;
        if (errors_.size() == errors_before && !og.tainted && when != og_when)
          cell_error(row, col_date, fd, make_error(errc::invalid_value, "the date " + format_date(when) + " differs from " + format_date(og_when) +
                                                                          ", the date of transaction " + std::string(reference(g)) + " (row " +
                                                                          std::to_string(og.row) + ")"));
        if (!description.empty()) {
          if (j_.description(base_ + g).empty()) {
            set_description(g, description);
          } else if (description != j_.description(base_ + g)) {
            cell_error(row, col_description, *fdesc,
                       make_error(errc::invalid_value, "the description differs from the one given earlier for transaction " +
                                                           std::string(reference(g)) +
                                                           "; leave it empty or repeat it on the transaction's other rows"));
          }
        }
      }
      previous_group = g;
      group& gr = groups_[g];
      if (errors_.size() != errors_before) {
        gr.tainted = true;
        continue;
      }
      ++j_.txns[base_ + g].posting_count;
      j_.posting_account.push_back(account);
      j_.posting_amount.push_back(amount);
      row_group_.push_back(g);
    }
    if (errors_.size() >= options_.max_errors)
      errors_.push_back(make_error(errc::limit_exceeded, "stopped after " + std::to_string(options_.max_errors) + " problems"));
    rows_ = row - 1;

    if (errors_.empty()) build(m, contiguous);
    if (!errors_.empty()) {
      j_.rollback(m);
      return fail(finish());
    }
    auto committed = j_.commit(m);
    if (!committed) return fail(std::move(committed).error().add_context(context()));
    csv_import_summary s;
    s.rows = rows_;
    s.transactions = j_.txns.size() - m.txns;
    s.postings = j_.posting_account.size() - m.postings;
    s.new_accounts = j_.accounts.size() - m.accounts;
    return s;
  }

 private:
  std::string context() const { return file_.empty() ? std::string("while importing CSV") : "while importing " + file_; }

  // The location of byte `offset` of the current record.
  source_location where(std::size_t offset) const {
    const std::size_t line_start = offset == 0 ? 0 : text_.rfind('\n', offset - 1) + 1;  // npos + 1 == 0
    source_location w;
    w.file = file_;
    const std::string_view record = text_.substr(rec_offset_, offset - rec_offset_);
    w.line = rec_line_ + static_cast<std::uint32_t>(std::count(record.begin(), record.end(), '\n'));
    w.column = static_cast<std::uint32_t>(utf8_column(text_.substr(line_start), offset - line_start));
    return w;
  }

  error located(errc code, std::string message, std::size_t offset) const { return make_error(code, std::move(message), where(offset)); }

  error syntax_error(const csv_scanner& scan) {
    rec_offset_ = scan.record_offset();
    rec_line_ = scan.record_line();
    return located(errc::csv_syntax, scan.failure_message(), scan.failure_offset());
  }

  void cell_error(std::uint32_t row, int c, const field& f, error e) {
    source_location w = where(f.offset);
    if (e.where.column > 0 && e.where.line == 0) w.column += e.where.column - (f.quoted ? 0 : 1);
    e.where = w;
    e.message = "row " + std::to_string(row) + ", column \"" + column_names[c] + "\": " + e.message;
    errors_.push_back(std::move(e));
  }

  // True when the field is valid UTF-8; else records invalid_utf8 at its first bad byte.
  bool utf8(std::uint32_t row, int c, const field& f) {
    const std::size_t bad = first_invalid_utf8(f.text);
    if (bad == f.text.size()) return true;
    error e = make_error(errc::invalid_utf8, "not valid UTF-8 (save the file as UTF-8)");
    e.where.column = static_cast<std::uint32_t>(utf8_column(f.text, bad));
    cell_error(row, c, f, std::move(e));
    return false;
  }

  std::uint32_t new_account(std::uint32_t row, const field& f) {
    if (!utf8(row, col_account, f)) return 0;
    if (f.text.empty()) {
      cell_error(row, col_account, f, make_error(errc::invalid_value, "the account is empty"));
      return 0;
    }
    if (options_.declare_new_accounts) {
      auto id = j_.declare(f.text, std::nullopt, source_kind::unspecified, false);
      if (id) return *id;
      cell_error(row, col_account, f, std::move(id).error());
      return 0;
    }
    if (names_.empty())
      for (const account_info& a : j_.accounts) names_.push_back(a.name);
    const std::string near = io_internal::closest_match(f.text, names_);
    cell_error(row, col_account, f,
               make_error(errc::unknown_reference, "unknown account \"" + std::string(f.text) + "\"" +
                                                       (near.empty() ? std::string() : "; did you mean \"" + near + "\"?") +
                                                       " (declare it first, or import with declare_new_accounts)"));
    return 0;
  }

  result<void> header(const std::vector<field>& fields) {
    rec_offset_ = 0;
    rec_line_ = 1;
    std::vector<error> problems;
    for (const field& f : fields)
      if (const std::size_t bad = first_invalid_utf8(f.text); bad != f.text.size())
        return fail(located(errc::invalid_utf8, "the header is not valid UTF-8 (save the file as UTF-8)", f.offset + bad + (f.quoted ? 1 : 0))
                        .add_context(context()));
    std::vector<std::string> known(column_names, column_names + col_count);
    for (int& k : index_) k = -1;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string name;
      for (char c : fields[i].text) name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      while (!name.empty() && name.back() == ' ') name.pop_back();
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      const auto it = std::find(known.begin(), known.end(), name);
      if (it == known.end()) {
        const std::string near = io_internal::closest_match(name, known);
        problems.push_back(located(errc::csv_syntax, "unknown column \"" + name + "\"" + (near.empty() ? std::string() : "; did you mean \"" + near + "\"?") +
                                                         " (the columns are date, account, amount, description, reference)",
                                   fields[i].offset));
        continue;
      }
      const auto c = static_cast<std::size_t>(it - known.begin());
      if (index_[c] >= 0) {
        problems.push_back(located(errc::csv_syntax, "column \"" + name + "\" appears twice", fields[i].offset));
        continue;
      }
      index_[c] = static_cast<int>(i);
    }
    for (int c : {col_date, col_account, col_amount, col_reference})
      if (index_[c] < 0)
        problems.push_back(located(errc::csv_syntax, std::string("the header has no \"") + column_names[c] + "\" column", 0));
    columns_ = fields;
    if (problems.empty()) return {};
    error e = ledger_internal::combine_errors(std::move(problems));
    return fail(std::move(e).add_context(context()));
  }

  // The reference and description of group g (views into the journal's text).
  std::string_view reference(std::uint32_t g) const { return j_.reference(base_ + g); }

  // Gives group g its description, found on a later row: the texts are appended again (the
  // first copy stays unused; this is rare).
  void set_description(std::uint32_t g, std::string_view description) {
    const std::string ref(reference(g));
    ledger_internal::txn_rec& r = j_.txns[base_ + g];
    r.text_offset = j_.text.size();
    r.description_size = static_cast<std::uint32_t>(description.size());
    j_.text.append(description);
    j_.text.append(ref);
  }

  // Places each transaction over its postings (sorting the rows by reference when its rows
  // were not adjacent) and checks that each balances, reporting its first row.
  void build(const journal_impl::mark& m, bool contiguous) {
    if (!contiguous) {
      // Stable counting sort of the new postings by group.
      std::vector<std::uint32_t> start(groups_.size() + 1, 0);
      for (std::uint32_t g : row_group_) ++start[g + 1];
      for (std::size_t g = 0; g < groups_.size(); ++g) start[g + 1] += start[g];
      std::vector<std::uint32_t> accounts(row_group_.size());
      std::vector<std::int64_t> amounts(row_group_.size());
      for (std::size_t r = 0; r < row_group_.size(); ++r) {
        const std::uint32_t at = start[row_group_[r]]++;
        accounts[at] = j_.posting_account[m.postings + r];
        amounts[at] = j_.posting_amount[m.postings + r];
      }
      std::copy(accounts.begin(), accounts.end(), j_.posting_account.begin() + static_cast<std::ptrdiff_t>(m.postings));
      std::copy(amounts.begin(), amounts.end(), j_.posting_amount.begin() + static_cast<std::ptrdiff_t>(m.postings));
    }
    std::vector<std::uint32_t>().swap(row_group_);
    std::size_t first = m.postings;
    for (std::size_t t = m.txns; t < j_.txns.size(); ++t) {
      j_.txns[t].first_posting = static_cast<std::uint32_t>(first);  // add_txn checked the limits
      first += j_.txns[t].posting_count;
    }
    for (std::size_t k = 0; k < groups_.size() && errors_.size() < options_.max_errors; ++k) {
      const detail::int128 sum = j_.txn_sum(m.txns + k);
      if (sum == 0) continue;
      error e = j_.unbalanced_error(m.txns + k, sum);
      source_location w;
      w.file = file_;
      w.line = groups_[k].line;
      w.column = 1;
      e.where = w;
      e.message = "row " + std::to_string(groups_[k].row) + ": " + e.message;
      errors_.push_back(std::move(e));
    }
  }

  error finish() {
    error e = ledger_internal::combine_errors(std::move(errors_));
    return std::move(e).add_context(context());
  }

  journal_impl& j_;
  std::string_view text_;
  const std::string& file_;
  const csv_import_options& options_;
  int index_[col_count] = {-1, -1, -1, -1, -1};
  std::vector<field> columns_;
  std::vector<error> errors_;
  std::vector<group> groups_;
  string_index groups_index_;
  std::vector<std::uint32_t> row_group_;
  std::vector<std::string> names_;
  std::size_t rec_offset_ = 0;
  std::uint32_t rec_line_ = 1;
  std::size_t rows_ = 0;
  std::size_t base_ = 0;  // index of the first transaction this import adds
};

}  // namespace

result<csv_import_summary> import_csv(journal& j, std::string_view text, const std::string& file, const csv_import_options& options) {
  // The importer rolls back its own errors; an exception (out of memory) is rolled back here.
  return j.impl().all_or_nothing("importing CSV", [&](const journal_impl::mark&) { return importer(j.impl(), text, file, options).run(); });
}

result<csv_import_summary> import_csv_file(journal& j, const std::string& path, const csv_import_options& options) {
#if defined(__unix__) || defined(__APPLE__)
  // Map the file: no zero-filled buffer, no copy; the import only reads it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        static_cast<std::uint64_t>(st.st_size) <= (std::uint64_t{4} << 30)) {
      const auto size = static_cast<std::size_t>(st.st_size);
      int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
      flags |= MAP_POPULATE;
#endif
      void* data = ::mmap(nullptr, size, PROT_READ, flags, fd, 0);
      ::close(fd);
      if (data != MAP_FAILED) {
        auto r = import_csv(j, std::string_view(static_cast<const char*>(data), size), path, options);
        ::munmap(data, size);
        return r;
      }
    } else {
      ::close(fd);
    }
  }
#endif
  NTM_TRY(text, io_internal::read_file(path, std::size_t{4} << 30));
  return import_csv(j, text, path, options);
}

NTM_END_NAMESPACE
