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

// The indent report_size counts a JSON report at (report_to_json's default).
constexpr int kReportSizeIndent = 2;

// report_size's guess of the JSON's size (what report_to_json reserves), as a sum: the head, and
// per result a part that one validation's SoC cannot change (node, location, ports) and one it can
// (variant, findings: validate_graph_targets' rewritten results). total() of the sum is the guess.
class JsonSizeEstimate {
 public:
  explicit JsonSizeEstimate(int indent);
  // Everything before the results but the target's texts.
  uint64_t head(const Report& r) const;
  // The target's texts (backend, SoC, arch, where each came from, QNN SDK): counted apart because one
  // validation of several SoCs makes reports that differ in them (SocReportSizes). Saved reports and SoCs
  // from a data file can make them of any length.
  static uint64_t target(const Report& r);
  uint64_t fixed_part(const Report& r, const NodeResult& res);
  uint64_t variable_part(const NodeResult& res) const;
  static uint64_t total(uint64_t sum) { return sum + sum / 16; }  // escapes (rare: names are identifiers)

 private:
  uint64_t lines(uint64_t count, uint64_t depth) const { return count * (newline_ + pad_ * depth); }
  size_t dtype_size(DataType d);
  size_t pad_, newline_;
  DataType last_dtype_ = DataType::UNDEFINED;
  size_t last_dtype_size_;
};

inline JsonSizeEstimate::JsonSizeEstimate(int indent)
    : pad_(indent > 0 ? static_cast<size_t>(indent) : 0), newline_(indent >= 0 ? 1 : 0),
      last_dtype_size_(report_dtype_name(last_dtype_).size()) {}

inline uint64_t JsonSizeEstimate::head(const Report& r) const {
  return 1024 + r.tool_version.size() + r.data_version.size() + lines(32, 2);  // head and summary
}

inline uint64_t JsonSizeEstimate::target(const Report& r) {
  return r.backend.size() + r.soc_model.size() + r.arch.size() + r.backend_from.size() + r.soc_from.size() +
         r.qnn_sdk.size() + r.qnn_sdk_from.size();
}

inline uint64_t JsonSizeEstimate::fixed_part(const Report& r, const NodeResult& res) {
  const size_t colon_space = newline_;  // `"key": value` when indented, per member
  uint64_t n = 100 + 7 * colon_space + res.node.size() + res.target.size() + res.qnn_op.size() + lines(9, 3);
  if (res.line > 0) n += 50 + 3 * colon_space + lines(3, 4);
  if (!res.module.empty()) n += 12 + colon_space + res.module.size() + lines(1, 3);
  if (res.source_line > 0) n += 50 + 3 * colon_space + res.source_file.size() + lines(3, 4);
  for (const auto& p : res.ports) {
    n += 80 + 6 * colon_space + r.name(p.node).size() + dtype_size(p.dtype) + to_string(p.encoding).size() +
         r.qspec_text(p).size() + r.name(p.shared_with).size() + lines(7, 5);
  }
  return n;
}

inline uint64_t JsonSizeEstimate::variable_part(const NodeResult& res) const {
  const size_t colon_space = newline_;
  uint64_t n = res.variant.size();
  for (const auto& f : res.findings) {
    n += 150 + 10 * colon_space + f.rule.size() + f.port.size() + f.message.size() + f.expected.size() +
         f.actual.size() + f.hint.size() + f.source.size() + f.basis.size() + f.related_node.size() + lines(12, 5);
  }
  return n;
}

inline size_t JsonSizeEstimate::dtype_size(DataType d) {
  // The length of a port's dtype name, remembered for the last datatype seen (ports mostly share a few):
  // finding the name is a search of the datatype table.
  if (d != last_dtype_) {
    last_dtype_ = d;
    last_dtype_size_ = report_dtype_name(d).size();
  }
  return last_dtype_size_;
}

// The exact sizes of report_to_text(r, color), report_to_sarif(r, artifact_uri), report_to_junit(r, suite).
uint64_t text_size(const Report& r, bool color);
uint64_t sarif_size(const Report& r, std::string_view artifact_uri);
uint64_t junit_size(const Report& r, std::string_view suite_name);

}  // namespace qnnv::detail
