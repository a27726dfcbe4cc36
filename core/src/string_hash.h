// The hash for every table keyed by text from an input file (node names, keys of large objects,
// interned targets, names read back from a report) (internal).
//
// Why not std::hash: it is unseeded (libstdc++: MurmurHash2 with a fixed seed; libc++ likewise), and
// MurmurHash2 has known multicollisions, so a file could be built whose thousands of names share one
// hash and turn every lookup into a scan: quadratic time on a hostile graph. Here every 8-byte word of
// the text goes through a full 64x64-bit multiply (wyhash's construction) keyed by a per-process secret
// seed, so which names collide is not knowable from the file alone. It is not a cryptographic MAC (a
// local tool has no attacker who can query it), just one that a file cannot target. Tables are only
// ever used for lookups, never iterated for output, so a different seed per run changes no result.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace qnnv::detail {

inline uint64_t mix64(uint64_t x) {  // SplitMix64's finalizer: every input bit affects every output bit
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Chosen once per process from the clocks and an address (ASLR natively; in wasm the clock's
// sub-millisecond reading). No std::random_device: in the wasm build it may need a JS crypto source.
inline uint64_t hash_seed() {
  static const uint64_t seed = [] {
    static const int anchor = 0;
    const auto steady = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    const auto wall = static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
    return mix64(steady ^ mix64(wall ^ mix64(reinterpret_cast<uintptr_t>(&anchor))));
  }();
  return seed;
}

// folded_multiply's product from four 32x32 -> 64-bit multiplies: wasm32 has no 128-bit multiply, and
// the compiler's generic 128x128 helper (a call) costs more than this.
inline uint64_t folded_multiply_32(uint64_t a, uint64_t b) {
  const uint64_t a_lo = static_cast<uint32_t>(a), a_hi = a >> 32;
  const uint64_t b_lo = static_cast<uint32_t>(b), b_hi = b >> 32;
  const uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const uint64_t cross = (lo_lo >> 32) + static_cast<uint32_t>(hi_lo) + lo_hi;  // < 2^64: no overflow
  const uint64_t upper = hi_hi + (hi_lo >> 32) + (cross >> 32);
  const uint64_t lower = (cross << 32) | static_cast<uint32_t>(lo_lo);
  return lower ^ upper;
}

// 64x64 -> 128-bit multiply, low half xor high half: the core of wyhash. Both operands carry secret
// material, so the output difference for an input difference depends on the secret (unlike a multiply
// by a constant, where flipping an input's top bit always flips only the product's top bit).
inline uint64_t folded_multiply(uint64_t a, uint64_t b) {
#if defined(__SIZEOF_INT128__) && !defined(__wasm__)
  const __uint128_t p = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
#else
  return folded_multiply_32(a, b);
#endif
}

// 16 bytes per multiply, as wyhash does: two words, each mixed with secret material, into one product.
inline uint64_t string_hash(std::string_view s) {
  constexpr uint64_t kOdd1 = 0xa0761d6478bd642fULL, kOdd2 = 0xe7037ed1a0b428dbULL;
  const uint64_t seed = hash_seed();
  const size_t n = s.size();
  uint64_t h = seed ^ (static_cast<uint64_t>(n) * kOdd1);
  size_t i = 0;
  for (; n - i > 16; i += 16) {  // leaves 1 to 16 bytes (0 for the empty string) to the tail
    uint64_t a, b;
    std::memcpy(&a, s.data() + i, 8);
    std::memcpy(&b, s.data() + i + 8, 8);
    h = folded_multiply(a ^ seed ^ kOdd1, b ^ h ^ kOdd2);
  }
  // The tail in fixed-size (overlapping) loads, as wyhash reads it: a memcpy of a variable length would
  // be a call. The length is already in h, so overlapping bytes cannot make two texts equal.
  const char* p = s.data() + i;
  const size_t rest = n - i;
  uint64_t a = 0, b = 0;
  if (rest >= 8) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + rest - 8, 8);
  } else if (rest >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + rest - 4, 4);
    a = x;
    b = y;
  } else if (rest > 0) {
    a = (uint64_t{static_cast<unsigned char>(p[0])} << 16) | (uint64_t{static_cast<unsigned char>(p[rest / 2])} << 8) |
        static_cast<unsigned char>(p[rest - 1]);
  }
  h = folded_multiply(a ^ seed ^ kOdd1, b ^ h ^ kOdd2);
  return mix64(h);
}

// For std::unordered_map / unordered_set keyed by std::string or std::string_view.
struct StringHash {
  size_t operator()(std::string_view s) const noexcept { return static_cast<size_t>(string_hash(s)); }
};

}  // namespace qnnv::detail
