// The fast JSON reader (core/src/json_reader.h) against nlohmann's strict SAX parser: whatever the fast
// reader accepts, nlohmann accepts too, with the same events in the same order and the same values; and
// on valid documents the fast reader does not decline (declining is allowed, it only costs a re-read,
// but a reader that declines valid input would silently make every load slow).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "json_event_log.h"
#include "text.h"

namespace qnnv::detail {
namespace {

// The contract (test::reader_disagreement), checked on one input. `valid`: the test means the input to
// be valid JSON, which nlohmann must then accept (and so, by the contract, the fast reader too).
void expect_agrees(std::string_view text, bool valid) {
  const std::string shown = ::testing::PrintToString(std::string(text));
  EXPECT_EQ(test::reader_disagreement(text), "") << shown;
  if (valid) EXPECT_TRUE(test::nlohmann_events(text).accepted) << "test input meant to be valid is not: " << shown;
}

TEST(JsonReader, AgreesWithNlohmannOnDocuments) {
  const char* valid[] = {
      "{}", "[]", "null", "true", "false", "0", "-0", "1", "-1", "0.5", "-0.5e-3", "1E+2", "1e2",
      "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
      "123456789012345678901234567890", "1.7976931348623157e308", "4.9e-324", "1e-400", "\"\"",
      " \t\r\n{ \"a\" : [ 1 , 2 , { } , [ ] ] , \"b\" : null } \n",
      R"({"nodes":[{"name":"x","op":"placeholder","args":[],"val":{"dtype":"float32","shape":[1,2]}}]})",
      R"(["\"", "\\", "\/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f", "\u00e9", "\uFFFF"])",
      R"("\ud83d\ude00 surrogate pair")", "\"caf\xc3\xa9 \xe5\xb1\x82 \xf0\x9f\x98\x80\"",
      R"({"a":{"b":{"c":{"d":[[[[]]]]}}}})", R"({"dup":1,"dup":2})",
  };
  for (const char* t : valid) expect_agrees(t, true);
  const char* invalid[] = {
      "", " ", "{", "}", "[", "]", "[1,]", "{\"a\":1,}", "{\"a\"}", "{\"a\" 1}", "{1:2}", "01", "-", "1.",
      ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "tru", "nul", "falsey", "1e999", "-1e999",
      "\"unterminated", "\"bad escape \\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
      "\"raw\ttab\"", "\"raw\nnewline\"", "[1] [2]", "{} x", "\"\xc3\"", "\"\xc3\x28\"", "\"\xe0\x80\xaf\"",
      "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xff\"", "[1,2", "// c\n1", "'single'",
  };
  for (const char* t : invalid) expect_agrees(t, false);
  expect_agrees(std::string_view("[1,\0 2]", 7), false);  // a NUL byte between values
  expect_agrees(std::string_view("\"a\0b\"", 5), false);  // a NUL byte inside a string
}

// Floating-point numbers are read with one multiplication or division where that is exact (at most 2^53 as
// digits, a power of ten up to 1e22) and by strtod elsewhere: both sides of every bound, and many made-up
// numbers of 1 to 18 digits with and without exponents, must give nlohmann's (strtod's) double bit for bit.
TEST(JsonReader, FloatsAgreeWithNlohmannAroundTheExactPath) {
  const char* edges[] = {
      "1e-06", "1e-05", "1.5259021896696422e-09", "1.52587890625e-05", "-0.0", "0.0", "0e5", "-0e-400", "0e400",
      "9007199254740992.0", "9007199254740993.0", "-9007199254740993e0", "900719925474099.3", "1e22", "1e23",
      "1e-22", "1e-23", "9007199254740992e22", "9007199254740992e-22", "123.456e-5", "0.1", "0.2",
      "0.30000000000000004", "2.2250738585072014e-308", "0.000000000000000000000000000001", "1E0", "-2.5E+3",
      "100000000000000000000000e-10", "12345678901234567890e-3", "1.00000000000000000000", "5e-324", "1e00000000022",
  };
  for (const char* t : edges) expect_agrees(t, true);
  uint64_t state = 0x9E3779B97F4A7C15u;  // xorshift64: the same made-up numbers on every run
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::string doc = "[";
  for (int i = 0; i < 20000; ++i) {
    std::string t = next() % 2 ? "-" : "";
    const int digits = 1 + int(next() % 18), point = int(next() % uint64_t(digits + 1));
    if (point == 0) t += '0';  // 0.xxx; otherwise `point` digits before the point, the first not 0
    for (int k = 0; k < digits; ++k) {
      if (k == point) t += '.';
      t += char((k == 0 && point > 0 ? '1' : '0') + next() % (k == 0 && point > 0 ? 9 : 10));
    }
    if (next() % 3 != 0) t += (next() % 2 ? "e" : "E") + std::string(next() % 2 ? "-" : "+") + std::to_string(next() % 40);
    doc += (i ? "," : "") + t;
  }
  expect_agrees(doc + "]", true);
}

// Strings are scanned 16 bytes (where the target has vectors) or a word at a time, with the first special
// byte located inside the block or word: every byte value at every offset of strings around both sizes
// must give what nlohmann gives (the same value, or a rejection), as a value and as a key.
TEST(JsonReader, EveryByteAtEveryOffsetOfAString) {
  for (size_t len : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 31u, 32u, 33u}) {
    for (size_t at = 0; at < len; ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string s(len, 'a');
        s[at] = static_cast<char>(b);
        const bool plain = !kJsonSpecial[static_cast<unsigned char>(b)];
        expect_agrees("\"" + s + "\"", plain);
        expect_agrees("{\"" + s + "\":0}", plain);
        expect_agrees("[\"" + s + "\", \"" + s + s + "\"]", plain);
      }
    }
  }
}

// Multi-byte UTF-8 sequences and escapes that straddle a word boundary, at every shift.
TEST(JsonReader, SequencesAcrossWordBoundaries) {
  const std::string pieces[] = {"\xc3\xa9", "\xe5\xb1\x82", "\xf0\x9f\x98\x80", "\\n", "\\u00e9", "\\ud83d\\ude00",
                                "\\\"", "\\\\"};
  for (const std::string& p : pieces) {
    for (size_t shift = 0; shift < 34; ++shift) {
      const std::string s = std::string(shift, 'x') + p + std::string(34 - shift, 'y');
      expect_agrees("\"" + s + "\"", true);
      expect_agrees("\"" + s.substr(0, shift + p.size() - 1) + "\"", false);  // the sequence cut short
    }
  }
}

// The word trick's promise: the lowest flagged byte is the first special byte, for every pair of bytes.
TEST(JsonReader, PlainPrefixOfAWordIsExact) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      for (size_t i : {0u, 3u, 6u}) {
        char w[8] = {'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'};
        w[i] = static_cast<char>(a);
        w[i + 1] = static_cast<char>(b);
        size_t expected = 8;
        for (size_t k = 0; k < 8 && expected == 8; ++k) {
          if (kJsonSpecial[static_cast<unsigned char>(w[k])]) expected = k;
        }
        const size_t got = plain_prefix_of_word(w);
        // A byte-order fallback may answer 0 when there is a hit; on the machines we build for it is exact.
        ASSERT_TRUE(got == expected || (got == 0 && expected < 8)) << a << " " << b << " at " << i;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        ASSERT_EQ(got, expected) << a << " " << b << " at " << i;
#endif
      }
    }
  }
}

// Every file the project keeps as test input (fixtures, bad fixtures, the hostile corpus, the fuzz
// regressions of every target): agreement, and no declining what nlohmann accepts (NUL bytes aside:
// nlohmann stops reading at one, the loader refuses them).
TEST(JsonReader, AgreesWithNlohmannOnEveryTestFile) {
  namespace fs = std::filesystem;
  const fs::path tests = QNNV_TESTS_DIR;
  size_t files = 0;
  for (const fs::path dir : {tests / "fixtures", tests / "fixtures" / "bad", tests / "hostile" / "files",
                             tests / "fuzz" / "regressions"}) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() == ".md") continue;
      std::ifstream in(e.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      SCOPED_TRACE(e.path().string());
      expect_agrees(text, false);  // whether it is valid JSON is the contract's to judge
      ++files;
    }
  }
  EXPECT_GT(files, 50u);
}

}  // namespace
}  // namespace qnnv::detail
