// core/src/string_hash.h: the seeded hash behind every table keyed by input text.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <iterator>
#include <unordered_set>
#include <vector>

#include "string_hash.h"

namespace qnnv::detail {
namespace {

TEST(StringHash, SameTextSameHashWithinARun) {
  const std::string a = "model_layers_0_self_attn_q_proj";
  EXPECT_EQ(string_hash(a), string_hash(std::string(a)));
  EXPECT_EQ(StringHash{}(a), StringHash{}(std::string_view(a)));
  EXPECT_NE(string_hash("x"), string_hash("y"));
  EXPECT_NE(string_hash(""), string_hash(std::string_view("\0", 1)));  // length is part of the hash
  EXPECT_NE(string_hash("ab"), string_hash(std::string_view("ab\0", 3)));
}

// The wasm build folds the product from 32-bit halves; it must equal the 128-bit product's fold.
TEST(StringHash, PortableFoldedMultiplyEqualsThe128BitOne) {
  const uint64_t edge[] = {0, 1, 2, 0xFFFFFFFFULL, 0x100000000ULL, 0xFFFFFFFFFFFFFFFFULL, 0x8000000000000000ULL,
                           0xa0761d6478bd642fULL, 0xe7037ed1a0b428dbULL, 0x7FFFFFFF80000001ULL};
  uint64_t x = 0x243f6a8885a308d3ULL;  // then pseudo-random operands (SplitMix64 steps)
  std::vector<uint64_t> values(std::begin(edge), std::end(edge));
  for (int i = 0; i < 2000; ++i) values.push_back(mix64(x += 0x9e3779b97f4a7c15ULL));
  for (uint64_t a : values) {
    for (uint64_t b : values) {
#if defined(__SIZEOF_INT128__)
      const __uint128_t p = static_cast<__uint128_t>(a) * b;
      ASSERT_EQ(folded_multiply_32(a, b), static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64)) << a << " " << b;
#else
      GTEST_SKIP() << "no 128-bit integers to compare with";
#endif
    }
  }
}

// Node names of a generated graph ("n0", "n1", ...) spread over a table's slots like random values:
// 100k names over 2^17 slots leave ~70k distinct slots (1 - e^-0.76 of them); a weak hash leaves far fewer.
TEST(StringHash, SequentialNamesSpreadOverSlots) {
  std::unordered_set<uint32_t> slots;
  for (int i = 0; i < 100000; ++i) slots.insert(static_cast<uint32_t>(string_hash("n" + std::to_string(i))) & 0x1FFFF);
  EXPECT_GT(slots.size(), 65000u);
}

// A family built to collide under a multiply-by-a-constant word hash: flipping the top bit of an 8-byte
// word flips only the top bit of its product, whatever the state, so pairs of words (w, v) and
// (w ^ 2^63, v ^ d) can be chosen to cancel out. 12 such choices give 4096 names that would all share
// one hash; here they must be (nearly all) distinct.
TEST(StringHash, TopBitDifferentialFamilyDoesNotCollide) {
  std::unordered_set<uint64_t> hashes;
  for (uint32_t choice = 0; choice < 4096; ++choice) {
    std::string name;
    for (int k = 0; k < 12; ++k) {
      uint64_t w = 0x6161616161616161ULL + static_cast<uint64_t>(k);
      uint64_t v = 0x6262626262626262ULL;
      if (choice >> k & 1) {
        w ^= uint64_t{1} << 63;
        v ^= (uint64_t{1} << 63) ^ (uint64_t{1} << 34);
      }
      char bytes[16];
      std::memcpy(bytes, &w, 8);
      std::memcpy(bytes + 8, &v, 8);
      name.append(bytes, 16);
    }
    hashes.insert(string_hash(name));
  }
  EXPECT_GE(hashes.size(), 4090u);
}

}  // namespace
}  // namespace qnnv::detail
