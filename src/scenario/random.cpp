// SPDX-License-Identifier: MIT
// The simulations' draws: transforms of the generator's uniforms into each distribution.
#include "scenario/random.hpp"

#include <algorithm>

#include <ntm/core/numeric.hpp>

NTM_BEGIN_NAMESPACE
namespace scenario_internal {

double sample(const distribution& d, generator& g) {
  switch (d.shape) {
    case distribution::kind::fixed: return d.low;
    case distribution::kind::uniform: return d.low + g.uniform() * (d.high - d.low);
    case distribution::kind::triangular: {
      const double u = g.uniform(), a = d.low, b = d.high, c = d.mode;
      if (b <= a) return a;
      const double f = (c - a) / (b - a);
      return u < f ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case distribution::kind::pert: {
      const double a = d.low, b = d.high, m = d.mode;
      if (b <= a) return a;
      const double alpha = 1 + 4 * (m - a) / (b - a), beta = 1 + 4 * (b - m) / (b - a);
      const double x = g.gamma(alpha), y = g.gamma(beta);
      return a + (b - a) * x / (x + y);
    }
    case distribution::kind::normal: return d.low + d.mode * g.normal();
  }
  return d.low;
}

result<void> check_distribution(const distribution& d, const std::string& what) {
  const bool finite = std::isfinite(d.low) && std::isfinite(d.mode) && std::isfinite(d.high);
  bool ok = finite;
  switch (d.shape) {
    case distribution::kind::uniform: ok = ok && d.low <= d.high; break;
    case distribution::kind::triangular:
    case distribution::kind::pert: ok = ok && d.low <= d.mode && d.mode <= d.high; break;
    case distribution::kind::normal: ok = ok && d.mode >= 0; break;
    default: break;
  }
  if (!ok) return fail(errc::invalid_argument, what + ": a distribution needs finite values with min ≤ mode ≤ max (normal: sd ≥ 0)");
  return {};
}

result<std::int64_t> times(std::int64_t raw, double factor) {
  if (!std::isfinite(factor) || std::fabs(factor) > 1e6) return fail(errc::overflow, "a sampled factor is out of range");
  const auto micros = static_cast<std::int64_t>(std::llround(factor * 1e6));
  std::int64_t out = 0;
  if (!div_round(static_cast<detail::int128>(raw) * micros, 1'000'000, rounding::half_up, out)) return fail(errc::overflow, "a sampled value overflows");
  return out;
}

}  // namespace scenario_internal
NTM_END_NAMESPACE
