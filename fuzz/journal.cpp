// SPDX-License-Identifier: MIT
// Fuzzes the journal's mutating calls with a sequence of operations decoded from the input:
// declaring accounts, posting transactions (with extreme amounts, back-dated entries and
// balance assertions) one at a time or all at once. Every call is all or nothing, and
// whatever is recorded balances and keeps its assertions.
#include "fuzz_support.hpp"

namespace {

class reader {
 public:
  reader(const std::uint8_t* d, std::size_t n) : d_(d), n_(n) {}
  bool more() const { return i_ < n_; }
  std::uint8_t byte() { return i_ < n_ ? d_[i_++] : 0; }
  std::int64_t amount() {
    switch (byte() % 5) {
      case 0: return static_cast<std::int64_t>(byte()) * 1'000'000;
      case 1: return -static_cast<std::int64_t>(byte()) * 1'000'000;
      case 2: return INT64_MAX - byte();
      case 3: return INT64_MIN + byte();
      default: {
        std::uint64_t v = 0;
        for (int k = 0; k < 8; ++k) v = (v << 8) | byte();
        return static_cast<std::int64_t>(v);
      }
    }
  }

 private:
  const std::uint8_t* d_;
  std::size_t n_;
  std::size_t i_ = 0;
};

const char* const names[] = {"Quỹ", "Quỹ:Ngân sách xã", "Nguồn:Đấu giá đất", "Nguồn:Tỉnh", "Nhu cầu:TC2:Đường trục",
                             "Phải thu:Đấu giá đất", "Khác", "Khác:Số dư đầu kỳ", "bad  name", "Quỹ:", ""};
constexpr std::size_t name_count = sizeof names / sizeof names[0];

struct snapshot {
  std::size_t accounts, txns, postings;
  std::string text;
  explicit snapshot(const ntm::journal& j)
      : accounts(j.account_count()), txns(j.transaction_count()), postings(j.posting_count()), text(ntm::to_ledger_journal(j)) {}
  bool operator==(const snapshot& o) const {
    return accounts == o.accounts && txns == o.txns && postings == o.postings && text == o.text;
  }
};

ntm::transaction_input transaction(reader& in) {
  ntm::transaction_input t;
  t.when = ntm::date(2023, 1, 1) + boost::gregorian::days(in.byte() * 2);
  t.description = (in.byte() & 1) ? "Nhận tiền đấu giá" : std::string("\xC3\x28", 2);
  t.reference = "T" + std::to_string(in.byte());
  const int n = in.byte() % 4;
  for (int k = 0; k < n; ++k) {
    ntm::posting_input p;
    p.account = names[in.byte() % name_count];
    p.amount = ntm::money::from_dong(in.amount());
    if (in.byte() % 4 == 0) p.assert_balance = ntm::money::from_dong(in.amount());
    t.postings.push_back(std::move(p));
  }
  if (n > 0 && (in.byte() & 1)) {  // usually balance it
    __int128 sum = 0;
    for (const auto& p : t.postings) sum += p.amount.dong();
    if (sum >= INT64_MIN && sum <= INT64_MAX) t.postings.back().amount = ntm::money::from_dong(static_cast<std::int64_t>(t.postings.back().amount.dong() - sum));
  }
  return t;
}

void check_recorded(const ntm::journal& j) {
  __int128 total = 0;
  for (std::size_t a = 0; a < j.account_count(); ++a) total += j.balance(ntm::account_id{static_cast<std::uint32_t>(a)}).dong();
  NTM_FUZZ_CHECK(total == 0, "the balances of all accounts sum to zero");
  for (const ntm::assertion_check& c : j.check_assertions()) NTM_FUZZ_CHECK(c.holds(), "every recorded assertion holds");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reader in(data, size);
  ntm::journal j;
  for (int ops = 0; in.more() && ops < 64; ++ops) {
    const snapshot before(j);
    bool ok = false;
    switch (in.byte() % 3) {
      case 0: {
        const std::uint8_t k = in.byte();
        std::optional<ntm::account_kind> kind;
        if (k & 8) kind = static_cast<ntm::account_kind>((k >> 4) % 5);
        ok = static_cast<bool>(j.declare_account(names[k % name_count], kind));
        break;
      }
      case 1:
        ok = static_cast<bool>(j.post(transaction(in)));
        break;
      default: {
        std::vector<ntm::transaction_input> batch;
        for (int k = in.byte() % 4; k >= 0; --k) batch.push_back(transaction(in));
        ok = static_cast<bool>(j.post_all(batch));
        break;
      }
    }
    if (!ok) NTM_FUZZ_CHECK(snapshot(j) == before, "a failed call leaves the journal as it was");
    check_recorded(j);
  }
  return 0;
}
