// qnnv — the validation report (docs/report-format.md; the contract is report format v1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qnnv/types.h"

namespace qnnv {

enum class Status { pass, fail, not_validated, skipped };
enum class Severity { error, warning, info };

std::string_view to_string(Status);
std::string_view to_string(Severity);

struct Finding {
  std::string rule;       // stable id, e.g. "soc.lpbq-min-arch"
  Severity severity = Severity::error;
  std::string port;       // "in[1]", "out[0]" or empty
  std::string message;
  std::string expected;
  std::string actual;
  std::string hint;
  std::string source;     // where the violated constraint comes from
  std::string basis;      // "read" or "inferred" (empty when not a data constraint)
  std::string related_node;  // another node the finding is about (source of a shared spec), or empty
};

// What the validator resolved for one port (shown when a row is expanded). A 100k-node graph has ~160k
// ports, so a port holds numbers only: the node names it mentions are indices into Report::names and its
// qspec summary an index into Report::qspecs (Report::name / Report::qspec_text turn them into text).
struct PortReport {
  bool output = false;    // the port is out[index]; otherwise in[index] (port_label writes it)
  uint32_t index = 0;
  int32_t node = -1;      // Report::names id: the argument node (inputs) or this node (outputs)
  // QNN datatype and encoding (names in the JSON: to_string). UNDEFINED = qnnv could not tell the
  // datatype (written "UNKNOWN").
  DataType dtype = DataType::UNDEFINED;
  Encoding encoding = Encoding::NONE;
  int32_t qspec = -1;        // Report::qspecs index (one-line summary of the resolved spec); -1 = unquantized
  int32_t shared_with = -1;  // Report::names id of the node whose spec this port shares (resolved root owner)
};

// "in[2]" / "out[0]": a port's name in the report and in findings.
std::string port_label(bool output, uint32_t index);
inline std::string port_label(const PortReport& p) { return port_label(p.output, p.index); }
// port_label's inverse: false unless `label` is in[i] / out[i] exactly as port_label writes it.
bool parse_port_label(std::string_view label, bool& output, uint32_t& index);

// Strings stored once each, back to back in one buffer: a vector of std::string would cost 32 bytes per
// entry plus a heap block for every name longer than 15 bytes. Ids are dense, from 0 in the order added.
class StringTable {
 public:
  int32_t add(std::string_view s) {
    text_.append(s);
    ends_.push_back(text_.size());
    return static_cast<int32_t>(ends_.size() - 1);
  }
  size_t size() const { return ends_.size(); }
  // The string with this id; "" for an id out of range (-1 = none).
  std::string_view operator[](int32_t id) const {
    if (id < 0 || static_cast<size_t>(id) >= ends_.size()) return {};
    const size_t begin = id == 0 ? 0 : ends_[static_cast<size_t>(id) - 1];
    return std::string_view(text_).substr(begin, ends_[static_cast<size_t>(id)] - begin);
  }
  void clear() {
    text_.clear();
    ends_.clear();
  }

 private:
  std::string text_;
  std::vector<size_t> ends_;
};

struct NodeResult {
  std::string node;
  std::string target;
  std::string qnn_op;     // empty when none
  Status status = Status::skipped;
  std::string variant;    // name of the matched data variant, when one matched
  std::vector<Finding> findings;
  std::vector<PortReport> ports;
  // Where the node is: its object's position in the graph file (1-based, 0 = unknown), the module path
  // the exporter recorded (meta.module), and the innermost frame of the user's code in meta.stack_trace
  // (source_line 0 = none). Filled by the loader; read by the SARIF, text and page renderers.
  uint32_t line = 0, column = 0;
  std::string module;
  std::string source_file;
  uint32_t source_line = 0;
};

// The name a port's datatype has in the report: to_string(d), or "UNKNOWN" for UNDEFINED.
std::string_view report_dtype_name(DataType d);

struct Summary {
  size_t nodes = 0, checked = 0, passed = 0, failed = 0, not_validated = 0, skipped = 0;
};

struct Report {
  std::string tool_version;
  std::string data_version;   // e.g. "2026.11 (built-in)"
  std::string backend;
  std::string soc_model;
  std::string arch;           // "v75" (htp) or "v6" (lpai)
  bool strict = true;
  std::string backend_from;   // "option", "hints" or "default"
  std::string soc_from;       // "option", "hints" or "default"
  std::string qnn_sdk;        // QNN SDK version the data's SDK ranges were read for ("2.49"); "" = none known
  std::string qnn_sdk_from;   // "option" or "default" (the newest version the data knows)
  bool ok = true;
  Summary summary;
  std::vector<NodeResult> results;  // one per call_function node, graph order
  // Distinct qspec summaries the ports refer to: large graphs reuse a few specs thousands of times, so the
  // text is kept once (the JSON output still writes it out at every port).
  std::vector<std::string> qspecs;
  // The node names ports refer to (PortReport::node, ::shared_with). The validator and report_from_json
  // add each name once, however many ports mention it.
  StringTable names;

  const std::string& qspec_text(const PortReport& p) const {
    static const std::string none;
    return p.qspec >= 0 && size_t(p.qspec) < qspecs.size() ? qspecs[size_t(p.qspec)] : none;
  }
  std::string_view name(int32_t id) const { return names[id]; }  // "" for -1
};

// Renderers. The JSON one is the contract; the others are derived from the same Report.
std::string report_to_json(const Report&, int indent = 2);
// The same text in pieces (about 1 MiB each, cut between results), so that a CLI can write a large
// report without holding all of it: the concatenated pieces equal report_to_json(report, indent).
using JsonSink = std::function<void(std::string_view)>;
void report_to_json(const Report&, int indent, const JsonSink& sink);
// The same text pulled in pieces (about 1 MiB each, cut between results), for a host that takes them one
// call at a time (the WebAssembly module hands them to JS, so that no piece nears V8's maximum string
// length). `report` must outlive the stream; next() returns "" once all was given, and each piece is valid
// until the next call.
class ReportJsonStream {
 public:
  ReportJsonStream(const Report& report, int indent);
  ~ReportJsonStream();
  ReportJsonStream(const ReportJsonStream&) = delete;
  ReportJsonStream& operator=(const ReportJsonStream&) = delete;
  std::string_view next();

 private:
  struct State;
  std::unique_ptr<State> s_;
};
// The outputs a report is written as (the CLI's --format), for the limit on their size.
enum class ReportFormat { json, text, sarif, junit };
// "json", "text", "sarif" or "junit"; nullopt for any other name.
std::optional<ReportFormat> report_format_named(std::string_view name);
// The size in bytes of what report_to_json(r, 2) (an estimate, slightly generous: report_json_size),
// report_to_text(r, true), report_to_sarif(r, name) or report_to_junit(r, name) writes (exact: the
// renderer run without keeping its output). Without producing it: limit.report-size is checked on it
// before anything is rendered (check_report_size in qnnv.h).
uint64_t report_size(const Report&, ReportFormat, std::string_view name = {});
Report report_from_json(std::string_view json);
// A slightly generous estimate of report_to_json(report, indent)'s size in bytes (escapes may add more).
uint64_t report_json_size(const Report&, int indent = 2);  // throws InputError; for the wasm/CLI re-renderers
std::string report_to_text(const Report&, bool color = false);
// SARIF 2.1.0. Results are located in `artifact_uri` (the graph file; kDefaultSarifArtifact when empty) at
// the node's line and column, or at the user's source line (NodeResult::source_file/line) when known.
inline constexpr std::string_view kDefaultSarifArtifact = "graph.qnnv.json";
std::string report_to_sarif(const Report&, std::string_view artifact_uri);
std::string report_to_junit(const Report&, std::string_view suite_name);
// Several reports in one file (the CLI with several graphs): one SARIF run with the results of all (each
// located in its own artifact); one JUnit <testsuites> with a <testsuite> per report. `name` is the
// artifact URI (SARIF) or the suite name (JUnit).
struct NamedReport {
  const Report* report;
  std::string name;
};
std::string reports_to_sarif(const std::vector<NamedReport>& reports);
std::string reports_to_junit(const std::vector<NamedReport>& reports);

}  // namespace qnnv
