// SPDX-License-Identifier: MIT
// Private: the random numbers of the simulations — our own generator and transforms, so that a
// seed gives the same draws on every platform and standard library — and the checks and
// arithmetic that turn draws into exact values.
#ifndef NTM_SRC_SCENARIO_RANDOM_HPP_
#define NTM_SRC_SCENARIO_RANDOM_HPP_

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <ntm/core/result.hpp>
#include <ntm/scenario/monte_carlo.hpp>

NTM_BEGIN_NAMESPACE
namespace scenario_internal {

inline std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class generator {  // xoshiro256**
 public:
  generator(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (auto& w : s_) w = splitmix64(x);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double normal() {  // Box–Muller
    double u1 = uniform();
    while (u1 <= 0) u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double gamma(double shape) {  // Marsaglia–Tsang, shape ≥ 1 (PERT shapes are)
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// A stream number for a name (FNV-1a, 64 bits): a unit's draws depend on its id, not on where
/// it stands in a table or a shard.
inline std::uint64_t stream_of(std::string_view id) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

/// One draw from `d`.
double sample(const distribution& d, generator& g);

/// Errors: invalid_argument (non-finite values, min > mode > max, a negative sd), naming `what`.
result<void> check_distribution(const distribution& d, const std::string& what);

/// raw × factor, exact to a millionth of the factor, rounded half away from zero. Errors:
/// overflow.
result<std::int64_t> times(std::int64_t raw, double factor);

}  // namespace scenario_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_SCENARIO_RANDOM_HPP_
