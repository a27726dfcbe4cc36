// JUnit XML rendering of a Report, for CI test dashboards (Jenkins, GitLab, GitHub test reporters).
//
//   <testsuites><testsuite name tests failures errors skipped>
//     <properties> target, versions, and the count of unannotated nodes (which have no test case) </properties>
//     <testcase classname="QNN op (or the aten target)" name="node">       pass
//       <failure message type="rule">every finding, one block each</failure>     fail with an error finding
//       <system-out>every finding</system-out>                                   fail, findings all warnings
//       <skipped>why</skipped>                                                    not_validated
//
// A <failure> is written exactly when the node has an error finding, which is what makes the report not ok:
// so the failure count is 0 exactly when the CLI exits 0 (--no-strict turns findings into warnings; they
// are then listed as the test case's output, not as failures).
//
// All text is XML 1.0 safe: the five special characters are entities, tabs/newlines inside attributes are
// character references (so they survive attribute normalization), and characters XML 1.0 cannot carry
// (other C0 controls, U+FFFE/U+FFFF, invalid UTF-8 bytes) are written as visible "\xNN" / "\uNNNN" text.
#include <string>
#include <string_view>

#include "qnnv/report.h"
#include "render_size.h"
#include "text.h"

namespace qnnv {
namespace {

// Out: a std::string, or a detail::ByteCount when only the size is wanted (render_size.h).
template <class Out>
void append_hex(Out& out, const char* prefix, unsigned v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += prefix;
  for (int d = digits - 1; d >= 0; --d) out += kHex[(v >> (4 * d)) & 0xF];
}

// Appends s escaped for XML character data (attribute = false) or a double-quoted attribute value.
template <class Out>
void append_xml(Out& out, std::string_view s, bool attribute) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    const size_t n = detail::utf8_decode(s, i, cp);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (cp > 0x10FFFF) {
          append_hex(out, "\\x", static_cast<unsigned>(cp - 0x110000), 2);  // invalid UTF-8 byte
        } else if (cp < 0x20) {
          append_hex(out, "\\x", static_cast<unsigned>(cp), 2);
        } else if (cp == 0xFFFE || cp == 0xFFFF) {
          append_hex(out, "\\u", static_cast<unsigned>(cp), 4);
        } else {
          out.append(s.data() + i, n);
        }
    }
    i += n;
  }
}

template <class Out>
void attr(Out& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_xml(out, value, true);
  out += '"';
}

template <class Out>
void property(Out& out, std::string_view name, std::string_view value) {
  out += "      <property";
  attr(out, "name", name);
  attr(out, "value", value);
  out += "/>\n";
}

bool has_error(const NodeResult& res) {
  for (const auto& f : res.findings)
    if (f.severity == Severity::error) return true;
  return false;
}

// The finding a one-line message is about: the first error, else the first finding.
const Finding* headline(const NodeResult& res) {
  for (const auto& f : res.findings) {
    if (f.severity == Severity::error) return &f;
  }
  return res.findings.empty() ? nullptr : &res.findings.front();
}

std::string headline_message(const NodeResult& res, const Finding* f) {
  if (!f) return std::string(to_string(res.status));
  std::string m = f->message;
  if (res.findings.size() > 1) m += " (+" + std::to_string(res.findings.size() - 1) + " more)";
  return m;
}

// Every field of every finding, as readable text (the body of a <failure>).
template <class Out>
void details(Out& out, const NodeResult& res) {
  for (const auto& f : res.findings) {
    std::string t;
    t += '[';
    t += to_string(f.severity);
    t += "] ";
    t += f.rule;
    if (!f.port.empty()) t += " " + f.port;
    t += ": " + f.message + "\n";
    if (!f.expected.empty() || !f.actual.empty()) {
      t += "  expected: " + f.expected + "\n  actual: " + f.actual + "\n";
    }
    if (!f.hint.empty()) t += "  hint: " + f.hint + "\n";
    if (!f.related_node.empty()) t += "  related node: " + f.related_node + "\n";
    if (!f.source.empty()) {
      t += "  source: " + f.source;
      if (!f.basis.empty()) t += " [" + f.basis + "]";
      t += "\n";
    }
    append_xml(out, t, false);
  }
}

struct Counts {
  size_t tests = 0, failures = 0, skipped = 0, unannotated = 0;
};

Counts count(const Report& r) {
  Counts c;
  for (const auto& res : r.results) {
    switch (res.status) {
      case Status::pass: ++c.tests; break;
      case Status::fail: ++c.tests, c.failures += has_error(res) ? 1 : 0; break;
      case Status::not_validated: ++c.tests, ++c.skipped; break;
      case Status::skipped: ++c.unannotated; break;
    }
  }
  return c;
}

template <class Out>
void suite(Out& out, const Report& r, std::string_view suite_name) {
  const Counts c = count(r);
  out += "  <testsuite";
  attr(out, "name", suite_name);
  attr(out, "tests", std::to_string(c.tests));
  attr(out, "failures", std::to_string(c.failures));
  attr(out, "errors", "0");
  attr(out, "skipped", std::to_string(c.skipped));
  out += ">\n    <properties>\n";
  property(out, "qnnv.version", r.tool_version);
  property(out, "qnnv.data", r.data_version);
  property(out, "qnnv.backend", r.backend);
  property(out, "qnnv.soc_model", r.soc_model);
  property(out, "qnnv.arch", r.arch);
  property(out, "qnnv.strict", r.strict ? "true" : "false");
  property(out, "qnnv.ok", r.ok ? "true" : "false");
  property(out, "qnnv.nodes", std::to_string(r.summary.nodes));
  property(out, "qnnv.unannotated_skipped", std::to_string(c.unannotated));
  out += "    </properties>\n";
  for (const auto& res : r.results) {
    if (res.status == Status::skipped) continue;
    out += "    <testcase";
    attr(out, "classname", res.qnn_op.empty() ? res.target : res.qnn_op);
    attr(out, "name", res.node);
    if (res.status == Status::pass) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    const Finding* f = headline(res);
    if (res.status == Status::fail && has_error(res)) {
      out += "      <failure";
      attr(out, "message", headline_message(res, f));
      attr(out, "type", f ? std::string_view(f->rule) : "qnnv");
      out += '>';
      details(out, res);
      out += "</failure>\n";
    } else {
      if (res.status != Status::fail) {  // not_validated (a fail without errors has passed, with warnings)
        out += "      <skipped>";  // the common schema gives <skipped> text, no attributes
        append_xml(out, headline_message(res, f), false);
        out += "</skipped>\n";
      }
      if (!res.findings.empty()) {
        out += "      <system-out>";
        details(out, res);
        out += "</system-out>\n";
      }
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
}

template <class Out>
void write_junit(Out& out, const std::vector<NamedReport>& reports) {
  Counts total;
  for (const NamedReport& n : reports) {
    const Counts c = count(*n.report);
    total.tests += c.tests;
    total.failures += c.failures;
  }
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  attr(out, "name", "qnnv");
  attr(out, "tests", std::to_string(total.tests));
  attr(out, "failures", std::to_string(total.failures));
  attr(out, "errors", "0");  // <testsuites> has no "skipped" in the common (Jenkins) schema
  out += ">\n";
  for (const NamedReport& n : reports) suite(out, *n.report, n.name);
  out += "</testsuites>\n";
}

}  // namespace

std::string reports_to_junit(const std::vector<NamedReport>& reports) {
  size_t results = 0;
  for (const NamedReport& n : reports) results += n.report->results.size();
  std::string out;
  out.reserve(256 + results * 160);
  write_junit(out, reports);
  return out;
}

std::string report_to_junit(const Report& r, std::string_view suite_name) {
  return reports_to_junit({{&r, std::string(suite_name)}});
}

uint64_t detail::junit_size(const Report& r, std::string_view suite_name) {
  detail::ByteCount count;
  write_junit(count, {{&r, std::string(suite_name)}});
  return count.n;
}

}  // namespace qnnv
