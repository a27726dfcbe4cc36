// Sizing a rendering without producing it (internal): limit.report-size bounds what each output format
// actually writes, so the text, SARIF and JUnit renderers can also run over a ByteCount, which keeps the
// length of what it is given and nothing else. report_size (report.cpp) picks one of these by format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qnnv/report.h"

namespace qnnv::detail {

// Takes what a renderer appends to a std::string and only counts it.
struct ByteCount {
  uint64_t n = 0;
  ByteCount& operator+=(char) {
    ++n;
    return *this;
  }
  ByteCount& operator+=(std::string_view s) {
    n += s.size();
    return *this;
  }
  void append(size_t count, char) { n += count; }
  void append(const char*, size_t count) { n += count; }
  void append(std::string_view s) { n += s.size(); }
};

// The exact sizes of report_to_text(r, color), report_to_sarif(r, artifact_uri), report_to_junit(r, suite).
uint64_t text_size(const Report& r, bool color);
uint64_t sarif_size(const Report& r, std::string_view artifact_uri);
uint64_t junit_size(const Report& r, std::string_view suite_name);

}  // namespace qnnv::detail
