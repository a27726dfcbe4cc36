// qnnv — validates PT2E quantization annotations of an ExecuTorch graph against Qualcomm QNN backend
// constraints. This is the one public header; everything else under core/src is internal.
//
//   auto data = qnnv::builtin_data();
//   qnnv::Report r = qnnv::validate(json_text, {/*backend*/"htp", /*soc*/"SM8650"}, *data);
//   std::cout << qnnv::report_to_json(r);
//
// Big graphs: validate_owned(std::move(text), ...) frees the text once it is loaded, and
// report_to_json(report, indent, sink) writes the JSON in ~1 MiB pieces; the CLI does both, which keeps
// its peak memory near 2.4x the file size on a 100k-node graph (bench/README.md).
//
// Input errors (unreadable JSON, wrong format, dangling references, unknown SoC...) throw qnnv::InputError.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qnnv/data.h"
#include "qnnv/error.h"
#include "qnnv/report.h"
#include "qnnv/types.h"

namespace qnnv {

const char* version();  // "0.1.0"

// Explicit limits on what a graph may hold (docs/limits.md). Exceeding one is an InputError with code
// "limit.<name>", except max_shared_chain: a port whose shared-spec chain is longer gets the finding
// qspec.shared-chain-limit and the other nodes are still checked.
struct Limits {
  size_t max_input_bytes = size_t(1) << 30;  // 1 GiB
  size_t max_nodes = 2'000'000;
  size_t max_depth = 64;                     // JSON nesting
  size_t max_string_bytes = 1 << 20;         // one string value or key
  size_t max_args_per_node = 100'000;        // values (list elements included) in one node's args+kwargs
  size_t max_unit_values = 1'000'000;        // JSON values kept for one node or one qspec entry
  size_t max_qspecs = 4'000'000;
  size_t max_shared_chain = 1'000'000;       // shared-spec hops resolved for one port
  // A report written in any format (report_size: JSON, text, SARIF, JUnit) may be at most
  // max_report_base_bytes + max_report_ratio x the input's size: no input can make it grow faster than
  // the graph (a long name shared by thousands of ports is repeated at every port of the JSON, not in the
  // text). limit.report-size (check_report_size).
  size_t max_report_base_bytes = size_t(64) << 20;  // 64 MiB
  size_t max_report_ratio = 64;
};

// The limit.input-size error for an input of `bytes` bytes (over limits.max_input_bytes): what validate
// throws, and what a host that knows the size before reading (the JS API) reports without copying it.
ErrorInfo input_size_error(uint64_t bytes, const Limits& limits);

// Throws InputError "limit.report-size" when `report` written as `format` (report_size, with `name` the
// SARIF artifact or JUnit suite) would be more than limits.max_report_base_bytes +
// limits.max_report_ratio x input_bytes bytes. Checked before rendering, so nothing large is produced.
void check_report_size(const Report& report, ReportFormat format, std::string_view name, uint64_t input_bytes,
                       const Limits& limits);

// What a validation targets when neither the options nor the graph's hints say (QnnQuantizer's default SoC).
inline constexpr std::string_view kDefaultBackend = "htp";
inline constexpr std::string_view kDefaultSoc = "SM8750";

struct Options {
  std::string backend;            // "" = from the graph's hints, else kDefaultBackend
  std::string soc;                // "" = from the graph's hints, else kDefaultSoc
  std::optional<bool> strict;     // unset = true
  std::string qnn_sdk;            // QNN SDK version "2.39" the facts are checked for; "" = the newest the data knows
  Limits limits;
  // The output validate() checks limit.report-size for before it returns (with the default SARIF artifact
  // or JUnit suite name). nullopt: none; the caller checks what it writes (check_report_size), as the CLI
  // does with the file's name, or writes no report (the CLI's SoC matrix).
  std::optional<ReportFormat> report_format = ReportFormat::json;
};

// The constraint data compiled into the library (core/data/*.json).
std::shared_ptr<const ConstraintData> builtin_data();
// A user's data file (qnnv.data format, e.g. from scripts/import_backend_opinfo.py): the backends and
// SoCs it defines replace those of `base`; the rest of `base` is kept. Throws InputError ("data.*").
std::shared_ptr<const ConstraintData> load_data(std::string_view json, std::string_view origin,
                                                const ConstraintData* base);

// Validate a graph (qnnv.graph v1 JSON text). Throws InputError.
Report validate(std::string_view graph_json, const Options& options, const ConstraintData& data);
// The same, for a caller that no longer needs the text: it is freed as soon as the graph is loaded (the
// report never refers to it), so peak memory is the larger of text + graph and graph + report instead of
// all three together. The CLIs use this; the result is identical to validate()'s.
Report validate_owned(std::string graph_json, const Options& options, const ConstraintData& data);

// Every SoC in one pass: the graph is loaded (and its text freed) once; then SoCs that the checks cannot
// tell apart (same arch, same FP16 support) are validated once together, and only the SoC's name is put
// into each one's report. Each report is identical to validate() with options.soc = socs[i] (empty `socs`
// = every SoC that has the backend). `each(i, report)` gets the report of socs[i]; calls come grouped,
// not in order, and the report lives only during the call (so that a caller keeps only what it needs:
// the CLI's matrix keeps statuses). Throws InputError (with a backend given, an unknown SoC before loading).
using SocReportSink = std::function<void(size_t index, const Report& report)>;
void validate_socs(std::string graph_json, const Options& options, const std::vector<std::string>& socs,
                   const ConstraintData& data, const SocReportSink& each);
std::vector<Report> validate_socs(std::string graph_json, const Options& options,
                                  const std::vector<std::string>& socs, const ConstraintData& data);
// The SoC models that have `backend` ("" = kDefaultBackend), in the data's order.
std::vector<std::string> socs_with_backend(const ConstraintData& data, std::string_view backend);

// The fix plan (docs/python.md, "The fix plan"): for the nodes that fail on the chosen SoC, the smallest
// change in ExecuTorch's terms (which QuantDtype for which nodes, as QuantRecipe rules by module path or
// target), checked by re-annotating the loaded graph the way QnnQuantizer would and validating it again.
struct FixChange {
  std::string summary;          // one line for humans
  std::string rule;             // "node_target" (QuantRecipe.add_node_target) or "regex" (add_regex)
  std::vector<std::string> nodes;    // the failing nodes this change fixes
  std::string module;                // the module path when the nodes share one, else ""
  std::vector<std::string> modules;  // every distinct module path of `nodes` (those that have one)
  std::string target;                // aten target, e.g. "aten.matmul.default"
  std::string quant_dtype;           // QuantDtype name to switch to, e.g. "use_8a8w"; "" for discard_nodes
  std::string from_quant_dtype;      // what the nodes have now, as a QuantDtype name when one fits, else ""
  std::string granularity;           // QuantGranularity name: PER_TENSOR, PER_CHANNEL or PER_BLOCK
  std::vector<std::string> fixes;    // the rule ids of the findings it removes
  size_t matched = 0;                // annotated nodes the rule re-annotates (more than `nodes` when the
                                     // rule's reach is wider than the failing nodes)
  bool faithful = true;              // false: the re-annotation of some matched node is approximate
  std::string simulation;            // how it was simulated, and what is approximate
};

struct FixPlan {
  std::string backend, soc_model, arch;
  size_t failing_before = 0, failing_after = 0;
  bool verified = false;             // failing_after == 0 on the re-annotated graph
  std::vector<FixChange> changes;
  std::vector<std::string> unresolved;  // nodes still failing after the plan
  std::vector<std::string> notes;
  std::string snippet;               // Python to paste (QuantRecipe strategies)
};

// Throws InputError, as validate() does.
FixPlan fix_plan(std::string_view graph_json, const Options& options, const ConstraintData& data);
std::string fix_plan_to_json(const FixPlan&, int indent = 2);  // {"format":"qnnv.fix-plan","version":1,...}
std::string fix_plan_to_text(const FixPlan&);

// Introspection, as JSON text (shared by the native CLI and the wasm module, so both print the same).
std::string socs_json(const ConstraintData&, std::string_view backend);      // backend "" = all
std::string ops_json(const ConstraintData&, std::string_view backend);       // rule table + op list
std::string coverage_json(const ConstraintData&);                             // per backend: ops, read vs inferred
std::string explain_json(const ConstraintData&, std::string_view backend, std::string_view op_or_target,
                         std::string_view soc);                               // throws InputError
// The same as text for humans.
std::string socs_text(const ConstraintData&, std::string_view backend);
std::string ops_text(const ConstraintData&, std::string_view backend);
std::string coverage_text(const ConstraintData&);
std::string explain_text(const ConstraintData&, std::string_view backend, std::string_view op_or_target,
                         std::string_view soc);

// The command line, for the native CLI and the Node one alike (core/src/cli.cpp holds the one table of
// commands and flags; the usage text is generated from it). A host gives it files and output streams.
class CliHost {
 public:
  virtual ~CliHost() = default;
  // The whole file ("-" = standard input). Throws InputError "io.read" ("cannot read PATH: reason").
  virtual std::string read_file(const std::string& path) = 0;
  // Names in a directory ("" = the current one), without "." and ".."; empty when it is not one.
  virtual std::vector<std::string> list_dir(const std::string& dir) = 0;
  // Output: path "" = standard output. open_output truncates; write appends; close reports failure (of
  // any write, to a file or to standard output) by throwing InputError "io.write". A reader that went
  // away (EPIPE, `qnnv validate g.json | head -1`) is not a failure: the host drops the rest quietly and
  // close returns, so the exit status is the validation's (docs/errors.md, "io.write").
  virtual void open_output(const std::string& path) = 0;
  virtual void write(std::string_view piece) = 0;
  virtual void close_output() = 0;
  virtual void write_stderr(std::string_view text) = 0;
  virtual bool stdout_is_terminal() = 0;  // and NO_COLOR unset: what --color auto means
};
// Runs `args` (argv without the program name); returns the exit status: 0 ok, 1 findings (or thresholds),
// 2 usage or input error. Never throws.
int run_cli(const std::vector<std::string>& args, CliHost& host);
// The usage text (`qnnv --help`).
std::string cli_usage();
// The wording of a system error, by POSIX name ("ENOENT") or errno: one table for both CLIs' hosts.
std::string system_error_text(std::string_view name);
std::string system_error_text(int number);

}  // namespace qnnv
