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

#include <memory>
#include <optional>
#include <string>
#include <string_view>

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
};

struct Options {
  std::string backend;            // "" = from the graph's hints, else "htp"
  std::string soc;                // "" = from the graph's hints, else "SM8750"
  std::optional<bool> strict;     // unset = true
  std::string qnn_sdk;            // QNN SDK version "2.39" the facts are checked for; "" = the newest the data knows
  Limits limits;
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

// The command-line usage text (`qnnv --help`): one text for the native CLI and the Node one.
std::string_view cli_usage();

}  // namespace qnnv
