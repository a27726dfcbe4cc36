// Text helpers shared by the JSON reader, the graph and data loaders and the report reader and renderers
// (internal): one definition of well-formed UTF-8, of the bytes a JSON string cannot hold as they are, of
// a position in a text (line:column), of a JSON pointer token, of a user string quoted in a message and
// of a number written in a message.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace qnnv::detail {

// Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80; RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), reading no further than end; 0 when it is not well formed.
inline size_t utf8_sequence_length(const char* p, const char* end) {
  const auto c = static_cast<unsigned char>(*p);
  size_t n = 0;                        // continuation bytes
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 1;
  } else if (c == 0xE0) {
    n = 2, lo = 0xA0;
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    n = 2;
  } else if (c == 0xED) {
    n = 2, hi = 0x9F;
  } else if (c == 0xF0) {
    n = 3, lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) {
    n = 3;
  } else if (c == 0xF4) {
    n = 3, hi = 0x8F;
  } else {
    return 0;
  }
  if (static_cast<size_t>(end - p) <= n) return 0;
  const auto c1 = static_cast<unsigned char>(p[1]);
  if (c1 < lo || c1 > hi) return 0;
  for (size_t k = 2; k <= n; ++k) {
    if ((static_cast<unsigned char>(p[k]) & 0xC0) != 0x80) return 0;
  }
  return n + 1;
}

// Decodes the UTF-8 sequence starting at s[i] into cp and returns its length. A byte that does not start
// a well-formed sequence (utf8_sequence_length) yields length 1 and cp = 0x110000 + byte, so callers can
// tell a bad byte from a real code point and show or replace it.
inline size_t utf8_decode(std::string_view s, size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  const size_t len = utf8_sequence_length(s.data() + i, s.data() + s.size());
  if (len == 0) {
    cp = 0x110000u + b0;
    return 1;
  }
  cp = b0 & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return len;
}

// Appends code point cp (<= U+10FFFF) as UTF-8.
inline void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Bytes a JSON string cannot carry as they are, or that need a closer look: control characters, '"',
// '\\' and every non-ASCII byte (UTF-8 to validate).
struct JsonSpecialTable {
  bool v[256];
  constexpr JsonSpecialTable() : v() {
    for (int i = 0; i < 256; ++i) v[i] = i < 0x20 || i == '"' || i == '\\' || i >= 0x80;
  }
  constexpr bool operator[](unsigned char c) const { return v[c]; }
};
inline constexpr JsonSpecialTable kJsonSpecial{};

// The 0x80 bits of those of x's 8 bytes that are kJsonSpecial bytes (byte k of x = the k-th byte in
// memory when x was loaded with memcpy on a little-endian machine). The classic bit tricks for "has a
// zero byte" and "has a byte less than n" (n <= 128): they may also flag a byte above a real hit (a
// borrow runs upward from it), but never miss one, and the lowest flag is always a real hit (a byte
// that borrows is itself flagged, so the lowest flagged byte received no borrow).
inline uint64_t json_special_mask(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
  const uint64_t zero_in_quote = (quote - kOnes) & ~quote;
  const uint64_t zero_in_backslash = (backslash - kOnes) & ~backslash;
  const uint64_t below_space = (x - kOnes * 0x20) & ~x;
  return (zero_in_quote | zero_in_backslash | below_space | x) & kHighs;
}

// How many of the 8 bytes at p come before the first kJsonSpecial byte: 8 when there is none.
inline size_t plain_prefix_of_word(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  const uint64_t m = json_special_mask(x);
  if (m == 0) return 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return static_cast<size_t>(__builtin_ctzll(m)) >> 3;  // the lowest flag is a real hit (see above)
#else
  return 0;  // byte order unknown: the caller's byte loop finds the hit
#endif
}

// The first kJsonSpecial byte in [p, end), or end when there is none: a word at a time up to the word
// that holds it, then byte by byte.
inline const char* skip_json_plain(const char* p, const char* end) {
  while (end - p >= 8) {
    const size_t n = plain_prefix_of_word(p);
    p += n;
    if (n < 8) break;
  }
  while (p != end && !kJsonSpecial[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

// The position of the first kJsonSpecial byte of s at or after i (s.size() when there is none).
inline size_t find_json_special(std::string_view s, size_t i) {
  return static_cast<size_t>(skip_json_plain(s.data() + i, s.data() + s.size()) - s.data());
}

// a == b, without a call to memcmp: std::string_view's == ends in one, which the wasm build does not
// inline, and the loader compares every member key of every node against a handful of short literals.
inline bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  size_t i = 0;
  for (; a.size() - i >= 8; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return false;
  }
  for (; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Whether `s` is a view into `text` (so that it lives as long as `text` does).
inline bool is_view_into(std::string_view s, std::string_view text) {
  const auto p = reinterpret_cast<uintptr_t>(s.data()), b = reinterpret_cast<uintptr_t>(text.data());
  return p >= b && p - b <= text.size() && s.size() <= text.size() - (p - b);
}

// Offset of the first byte, before `end`, that does not start a well-formed UTF-8 sequence, or npos.
inline size_t find_invalid_utf8(std::string_view s, size_t end) {
  end = std::min(end, s.size());
  size_t i = 0;
  while (i < end) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const size_t len = utf8_sequence_length(s.data() + i, s.data() + s.size());
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

// A position in a text as every error message gives it: 1-based line, and 1-based column counted in
// characters (UTF-8 code points, as editors count them; a byte that is not UTF-8 counts as one).
struct TextPos {
  int line = 1;
  int column = 1;
};

// Positions of increasing byte offsets in one text, in one pass over it: each call continues from
// the previous offset (an offset before it, or past the text's end, is taken as that point). A text
// known to be ASCII (`ascii`) has one character per byte: its lines' bytes are not looked at.
class TextPosCounter {
 public:
  explicit TextPosCounter(std::string_view text, bool ascii = false) : text_(text), ascii_(ascii) {}
  TextPos at(size_t offset) {
    offset = std::min(offset, text_.size());
    const char* p = text_.data() + pos_;
    const char* const end = text_.data() + std::max(offset, pos_);
    // Whole lines are skipped with memchr; only the last line's bytes are looked at one by one.
    while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      ++now_.line;
      now_.column = 1;
      p = static_cast<const char*>(nl) + 1;
    }
    // Characters: the bytes that are not UTF-8 continuation bytes (0x80-0xBF, below -64 as signed
    // chars), counted in a form compilers vectorize (a one-line document's last line is all of it).
    uint32_t continuation = 0;
    if (!ascii_) {
      for (const char* q = p; q < end; ++q) continuation += static_cast<signed char>(*q) < -64;
    }
    now_.column += static_cast<int>(static_cast<size_t>(end - p) - continuation);
    pos_ = static_cast<size_t>(end - text_.data());
    return now_;
  }

 private:
  std::string_view text_;
  bool ascii_;
  size_t pos_ = 0;
  TextPos now_;
};

// The position of byte `offset` (clamped to the text's end). Linear in `offset`: for one error.
inline TextPos text_pos(std::string_view text, size_t offset) { return TextPosCounter(text).at(offset); }

// Appends "/" and `token` escaped as a JSON pointer token (RFC 6901: "~" -> "~0", "/" -> "~1").
inline void append_pointer_token(std::string& out, std::string_view token) {
  out += '/';
  size_t run = 0;  // appended in runs: most tokens have nothing to escape
  for (size_t i = token.find_first_of("~/"); i != std::string_view::npos; i = token.find_first_of("~/", i + 1)) {
    out.append(token.substr(run, i - run));
    out.append(token[i] == '~' ? "~0" : "~1");
    run = i + 1;
  }
  out.append(token.substr(run));
}

// How much of a user-supplied value a message echoes (docs/errors.md, "Echoed values"): the first
// kMaxEchoBytes bytes, then an ellipsis and the total length. Node names, hints, option values, numbers
// and keys can be megabytes long; a message stays short enough to read.
inline constexpr size_t kMaxEchoBytes = 200;

// Appends the code point at s[i] for a message, escaped so that the message is valid UTF-8 and cannot
// drive a terminal: control characters (C0, DEL, C1) and the bidirectional overrides (U+202A-U+202E,
// U+2066-U+2069, which reorder what a terminal shows) as \uXXXX, a byte that is not UTF-8 as \xNN.
// Returns the number of bytes of s consumed.
inline size_t append_echo_char(std::string& out, std::string_view s, size_t i) {
  char32_t cp;
  const size_t len = utf8_decode(s, i, cp);
  char buf[16];
  if (cp >= 0x110000u) {
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp - 0x110000u));
    out += buf;
  } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
             (cp >= 0x2066 && cp <= 0x2069)) {
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
    out += buf;
  } else {
    out.append(s.data() + i, len);
  }
  return len;
}

// A user string for a message: quoted, '"' and '\\' backslash-escaped, the rest as append_echo_char, cut
// after kMaxEchoBytes bytes of s (at a character boundary) with "..." and the total length.
inline void append_quoted(std::string& out, std::string_view s) {
  const size_t total = s.size();
  size_t keep = s.size();
  if (total > kMaxEchoBytes) {
    keep = kMaxEchoBytes;
    while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) --keep;
  }
  out += '"';
  for (size_t i = 0; i < keep;) {
    const char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
      ++i;
      continue;
    }
    i += append_echo_char(out, s.substr(0, keep), i);
  }
  out += '"';
  if (keep < total) out += "... (" + std::to_string(total) + " bytes)";
}

// A value written without quotes (a number as the input spelled it): escaped and cut as append_quoted.
inline std::string echo_text(std::string_view s) {
  std::string out;
  const size_t total = s.size();
  const size_t keep = std::min(total, kMaxEchoBytes);
  for (size_t i = 0; i < keep;) i += append_echo_char(out, s.substr(0, keep), i);
  if (keep < total) out += "... (" + std::to_string(total) + " bytes)";
  return out;
}

// A whole message for a terminal (what the CLIs write to standard error): valid UTF-8, with every
// control character but newline and tab escaped (append_echo_char), whatever its parts held.
inline std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\n' || c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F)) {
      out += c;
      ++i;
    } else {
      i += append_echo_char(out, s, i);
    }
  }
  return out;
}

inline std::string quote_text(std::string_view s) {
  std::string out;
  append_quoted(out, s);
  return out;
}

// The type of a JSON value in a message ("expected a string, got an integer"): for nlohmann::json
// values (a template so that this header does not need nlohmann's). The graph loader describes values
// rather than types (describe() in json_unit_reader.h: "number 3", "a list", as its format says).
template <class Json>
const char* json_type_name(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  return "an unsupported value";
}

// A floating-point number in a message: the shortest decimal that reads back as the same double (0.1,
// 1e+30), written so that it still reads as a float where it is a whole number (0.0, -0.0, 3.0: a message
// about "-0" or "3" would hide that the input wrote a fraction), and prefixed with "about " past 2^53,
// where the input's digits may have been rounded (-9223372036854775809 is read as -2^63).
inline std::string format_double(double d) {
  char buf[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d || d != d) break;
  }
  std::string out = buf;
  if (out.find_first_of(".eni") == std::string::npos) out += ".0";  // no '.', exponent, inf or nan
  if ((d >= 9007199254740992.0 || d <= -9007199254740992.0) && d - d == 0) out = "about " + out;
  return out;
}

}  // namespace qnnv::detail
