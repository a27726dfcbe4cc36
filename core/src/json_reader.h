// A small, strict JSON reader that drives a SAX handler (internal).
//
// It is the fast path of the graph loader: it accepts exactly the documents nlohmann's strict SAX parser
// accepts (RFC 8259: UTF-8 validated per RFC 3629, escapes incl. surrogate pairs, no comments, one
// top-level value) and calls the handler at the same points, in the same order, with the same values
// (integers: uint64 for non-negative, int64 for negative, double when they overflow; doubles correctly
// rounded, as nlohmann's strtod gives them). It does not report errors: on anything it does not accept (a
// syntax error, invalid UTF-8, a number that overflows a double) it returns false, and the caller re-reads
// the document with nlohmann's parser, which produces the error with its position and wording. Handler
// exceptions pass through.
//
// Handler: null(), boolean(bool), number_integer(int64_t), number_unsigned(uint64_t), number_float(double),
// string_view_value(std::string_view), key_view(std::string_view), start_object(size_t), end_object(),
// start_array(size_t), end_array(). String views are valid during the call only.
//
// A handler may also read an object itself, straight from the text (the graph loader does so for the
// nodes, node_stream_decoder.h): if it has `bool object_here(Reader&)`, the reader calls it at every '{'
// where a value starts, before start_object(). It returns true once it has read the whole object, up to
// and including its '}', with the pull functions below; or false, wherever it stopped, and the reader
// goes back to the '{' and goes on with the events as usual. The pull functions accept exactly what
// parse() accepts, through the same code, and return false where they do not: a handler that meets
// anything it does not expect gives the object back, and parse() reads it (and rejects it, if it is not
// valid JSON).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "text.h"

namespace qnnv::detail::json_reader {

class Reader;
// Whether handler H reads some objects itself (see the header comment).
template <class H, class = void>
struct has_object_here : std::false_type {};
template <class H>
struct has_object_here<H, std::void_t<decltype(std::declval<H&>().object_here(std::declval<Reader&>()))>>
    : std::true_type {};

// A number as the pull function take_number() reads it: the value parse() would pass to the handler.
struct Number {
  enum class Kind : uint8_t { integer, unsigned_int, floating };
  Kind kind = Kind::integer;
  union {
    int64_t i;
    uint64_t u;
    double d;
  };
  Number() : i(0) {}
};

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // The next byte to read: during start_object()/start_array(), the byte after the '{' or '['.
  const char* position() const { return p_; }
  // Whether any byte read so far is not ASCII (valid JSON has such bytes only inside strings).
  bool saw_non_ascii() const { return non_ascii_; }

  // Pull functions, for a handler's object_here(). Each skips whitespace, then reads what it names and
  // returns true, or returns false where the text holds something else or is not valid JSON there.
  // The next byte, '\0' at the end of the text (a NUL in the text is not valid JSON either).
  char peek() {
    skip_ws();
    return p_ != end_ ? *p_ : '\0';
  }
  bool take(char c) {
    skip_ws();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  // A string; the view is into the text, or into a buffer that the next string with escapes overwrites.
  bool take_string(std::string_view& s) { return take('"') && read_string(s); }
  // A member's key and its colon.
  bool take_key(std::string_view& k) { return take_string(k) && take(':'); }
  bool take_literal(std::string_view word) {
    skip_ws();
    return literal(word);
  }
  bool take_number(Number& n) {
    skip_ws();
    if (p_ == end_ || (*p_ != '-' && !digit(*p_))) return false;
    NumberOut out{n};
    return read_number(out);
  }

  template <class H>
  bool parse(H& h) {
    stack_.clear();
    skip_ws();
    for (;;) {
      // A value is expected at p_ (whitespace skipped).
      if (p_ == end_) return false;
      const char c = *p_;
      if (c == '{' && object_here(h)) {
        // the handler has read the whole object
      } else if (c == '{') {
        ++p_;
        h.start_object(static_cast<std::size_t>(-1));
        skip_ws();
        if (p_ != end_ && *p_ == '}') {
          ++p_;
          h.end_object();
        } else {
          stack_.push_back(true);
          if (!member_key(h)) return false;
          continue;
        }
      } else if (c == '[') {
        ++p_;
        h.start_array(static_cast<std::size_t>(-1));
        skip_ws();
        if (p_ != end_ && *p_ == ']') {
          ++p_;
          h.end_array();
        } else {
          stack_.push_back(false);
          continue;
        }
      } else if (c == '"') {
        ++p_;
        std::string_view s;
        if (!read_string(s)) return false;
        h.string_view_value(s);
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (!read_number(h)) return false;
      } else if (c == 't') {
        if (!literal("true")) return false;
        h.boolean(true);
      } else if (c == 'f') {
        if (!literal("false")) return false;
        h.boolean(false);
      } else if (c == 'n') {
        if (!literal("null")) return false;
        h.null();
      } else {
        return false;
      }
      // After a value: close containers, or move to the next element.
      for (;;) {
        skip_ws();
        if (stack_.empty()) return p_ == end_;
        if (p_ == end_) return false;
        const char d = *p_++;
        if (d == ',') {
          skip_ws();
          if (stack_.back() && !member_key(h)) return false;
          break;  // the next value
        }
        if (stack_.back() ? d != '}' : d != ']') return false;
        const bool obj = stack_.back();
        stack_.pop_back();
        if (obj) {
          h.end_object();
        } else {
          h.end_array();
        }
      }
      skip_ws();
    }
  }

 private:
  template <class H>
  bool object_here(H& h) {
    if constexpr (has_object_here<H>::value) {
      const char* start = p_;
      if (h.object_here(*this)) return true;
      p_ = start;
      return false;
    } else {
      return false;
    }
  }

  // read_number's handler for take_number.
  struct NumberOut {
    Number& n;
    void number_unsigned(uint64_t u) {
      n.kind = Number::Kind::unsigned_int;
      n.u = u;
    }
    void number_integer(int64_t i) {
      n.kind = Number::Kind::integer;
      n.i = i;
    }
    void number_float(double d) {
      n.kind = Number::Kind::floating;
      n.d = d;
    }
  };

  void skip_ws() {
    // Most values and keys follow their separator directly (exporters write compact JSON): one test.
    if (p_ != end_ && static_cast<unsigned char>(*p_) > ' ') return;
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0) return false;
    p_ += word.size();
    return true;
  }

  // At a member's key (whitespace skipped): reads "key" and the colon, leaves p_ at the value.
  template <class H>
  bool member_key(H& h) {
    if (p_ == end_ || *p_ != '"') return false;
    ++p_;
    std::string_view k;
    if (!read_string(k)) return false;
    h.key_view(k);
    skip_ws();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    skip_ws();
    return true;
  }

  size_t utf8_len(const char* p) const { return utf8_sequence_length(p, end_); }

  // After the opening quote. The result views the input, or buf_ when the string has escapes.
  // The usual string (plain, its closing quote in the first blocks) is read here, inline in the callers;
  // everything else by read_string_rest, which starts over at the same place.
  bool read_string(std::string_view& out) {
    const char* q = skip_plain_block(p_, end_);
    if (end_ - q >= 16 && *q == '"') {  // only plain bytes before q (skip_plain_block): q closes it
      out = std::string_view(p_, static_cast<size_t>(q - p_));
      p_ = q + 1;
      return true;
    }
    return read_string_rest(out);
  }

#if defined(__GNUC__)
  __attribute__((noinline))
#endif
  bool read_string_rest(std::string_view& out) {
    const char* start = p_;
    // Fast scan: plain ASCII and well-formed UTF-8 up to the closing quote or the first escape.
    for (;;) {
      p_ = skip_plain_block(p_, end_);
      if (end_ - p_ < 16) p_ = skip_json_plain(p_, end_);  // else at a special byte (or, byte order
                                                           // unknown, before it: the loop steps on)
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
      } else {
        const size_t n = utf8_len(p_);
        if (n == 0) return false;
        non_ascii_ = true;
        p_ += n;
      }
    }
    buf_.assign(start, static_cast<size_t>(p_ - start));
    for (;;) {
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        out = buf_;
        return true;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const size_t n = utf8_len(p_);
        if (n == 0) return false;
        non_ascii_ = true;
        buf_.append(p_, n);
        p_ += n;
        continue;
      }
      if (c != '\\') {
        buf_ += static_cast<char>(c);
        ++p_;
        continue;
      }
      ++p_;
      if (p_ == end_) return false;
      const char e = *p_++;
      switch (e) {
        case '"': buf_ += '"'; break;
        case '\\': buf_ += '\\'; break;
        case '/': buf_ += '/'; break;
        case 'b': buf_ += '\b'; break;
        case 'f': buf_ += '\f'; break;
        case 'n': buf_ += '\n'; break;
        case 'r': buf_ += '\r'; break;
        case 't': buf_ += '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            uint32_t lo = 0;
            if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          utf8_append(buf_, cp);
          break;
        }
        default: return false;
      }
    }
  }

  // A position q in [p, end) with only plain bytes before it: the first kJsonSpecial byte (text.h), or a
  // place less than 16 bytes from the end (skip_json_plain finishes). 16 bytes per step: with 128-bit
  // vectors where the target has them (SSE2 on x86-64, SIMD128 in wasm built with -msimd128), else as two
  // words, so that a key or name is usually scanned in one or two steps. A byte is special when it is '"', '\\' or, as a signed byte, below 0x20 (controls and every
  // byte >= 0x80).
  static const char* skip_plain_block(const char* p, const char* end) {
#if defined(__SSE2__) || defined(__wasm_simd128__)
    using Bytes = signed char __attribute__((vector_size(16)));
    while (end - p >= 16) {
      Bytes x;
      std::memcpy(&x, p, 16);
      const Bytes special = (x == '"') | (x == '\\') | (x < 0x20);
#if defined(__SSE2__)
      using Chars = char __attribute__((vector_size(16)));
      const auto mask = static_cast<unsigned>(__builtin_ia32_pmovmskb128(reinterpret_cast<const Chars&>(special)));
#else
      const auto mask = static_cast<unsigned>(__builtin_wasm_bitmask_i8x16(special));
#endif
      if (mask != 0) return p + __builtin_ctz(mask);
      p += 16;
    }
#else
    // Elsewhere (wasm without SIMD128): two words at a time. On a machine of unknown byte order
    // plain_prefix_of_word answers 0 for a word with a special byte: p then stops at that word's start.
    while (end - p >= 16) {
      const size_t n = plain_prefix_of_word(p);
      if (n < 8) return p + n;
      const size_t m = plain_prefix_of_word(p + 8);
      if (m < 8) return p + 8 + m;
      p += 16;
    }
#endif
    return p;
  }

  bool hex4(uint32_t& v) {
    if (end_ - p_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      uint32_t d;
      if (c >= '0' && c <= '9') {
        d = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      v = v * 16 + d;
    }
    return true;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // The double that the number token [p, end) (syntax checked) denotes, when one IEEE operation gives it
  // exactly: its digits without the point at most 2^53, times or divided by a power of ten up to 1e22
  // (both exact doubles), so that the one rounding gives the correctly rounded value, which is also what
  // strtod gives. False otherwise, and strtod reads it. Why: in wasm strtod is musl's, which works in
  // 128-bit long doubles emulated in software, about 2 us for "1e-06" (0.2 us natively).
  static bool exact_double(const char* p, const char* end, double& out) {
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    constexpr uint64_t kExact = uint64_t(1) << 53;
    const bool neg = *p == '-';
    if (neg) ++p;
    uint64_t digits = 0;
    int exp10 = 0;
    for (; p != end && digit(*p); ++p) {
      digits = digits * 10 + static_cast<uint64_t>(*p - '0');
      if (digits > kExact) return false;
    }
    if (p != end && *p == '.') {
      for (++p; p != end && digit(*p); ++p) {
        digits = digits * 10 + static_cast<uint64_t>(*p - '0');
        if (digits > kExact) return false;
        --exp10;
      }
    }
    if (p != end && (*p == 'e' || *p == 'E')) {
      ++p;
      const bool exp_neg = *p == '-';
      if (*p == '+' || *p == '-') ++p;
      int e = 0;
      for (; p != end && digit(*p); ++p) {
        if (e > 1000) return false;
        e = e * 10 + (*p - '0');
      }
      exp10 += exp_neg ? -e : e;
    }
    if (exp10 < -22 || exp10 > 22) return false;
    const auto m = static_cast<double>(digits);
    const double v = exp10 < 0 ? m / kPow10[-exp10] : m * kPow10[exp10];
    out = neg ? -v : v;
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  template <class H>
  bool read_number(H& h) {
    const char* start = p_;
    const bool neg = *p_ == '-';
    if (neg) ++p_;
    if (p_ == end_ || !digit(*p_)) return false;
    uint64_t mag = 0;
    bool overflow = false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && digit(*p_)) {
        const auto d = static_cast<uint64_t>(*p_ - '0');
        if (mag > (UINT64_MAX - d) / 10) overflow = true;
        mag = mag * 10 + d;
        ++p_;
      }
    }
    bool is_float = false;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
      is_float = true;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
      is_float = true;
    }
    if (!is_float && !overflow) {
      if (!neg) {
        h.number_unsigned(mag);
        return true;
      }
      if (mag <= static_cast<uint64_t>(INT64_MAX) + 1) {
        h.number_integer(mag == static_cast<uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<int64_t>(mag));
        return true;
      }
    }
    double d;
    if (!exact_double(start, p_, d)) {
      // strtod on a NUL-terminated copy of the token, as nlohmann does.
      const auto len = static_cast<size_t>(p_ - start);
      char small[64];
      if (len < sizeof small) {
        std::memcpy(small, start, len);
        small[len] = '\0';
        d = std::strtod(small, nullptr);
      } else {
        const std::string tmp(start, len);
        d = std::strtod(tmp.c_str(), nullptr);
      }
    }
    if (!std::isfinite(d)) return false;  // overflow: nlohmann's parser reports it
    h.number_float(d);
    return true;
  }

  const char* p_;
  bool non_ascii_ = false;
  const char* end_;
  std::vector<bool> stack_;  // open containers: true = object
  std::string buf_;          // decoded strings with escapes
};

}  // namespace qnnv::detail::json_reader
