// The checks: resolved ports of each call_function node against one backend's constraint data (internal).
#pragma once

#include <functional>
#include <vector>

#include "graph.h"
#include "qnnv/qnnv.h"

namespace qnnv::detail {

struct Target {
  const ConstraintData* data = nullptr;
  const BackendData* backend = nullptr;
  const SocInfo* soc = nullptr;
  int arch = 0;        // the number variants and SoC rules compare against
  int sdk = 0;         // QNN SDK version (parse_sdk_version); facts whose SDK range excludes it are skipped
  bool strict = true;
};

// Fills report.results, report.summary and report.ok; the caller fills the header fields.
void validate_graph(const Graph& graph, const Target& target, const Limits& limits, Report& report);

// validate_graph for several targets that differ only in their SoC (soc, arch), for the cost of one pass
// over what does not depend on the SoC (ports, report rows, the nodes whose validation ends before a
// variant is chosen, the variants that fit each node on any arch) and, per target, of what does.
// `each(k, report, rewritten, changed)` sees the report validate_graph would fill for targets[k], in order;
// it is one Report, changed between calls. `rewritten` lists the results (indices in report.results) that
// the per-target pass fills: only their variant, findings and status can differ between targets.
// `changed` lists those of them (positions in `rewritten`, ascending) filled anew for targets[k]: all for
// the first target; for a later one, those whose result differs from the previous target's or may. The
// others are left as the previous call of `each` left them, so a sink that changes a result must restore
// it before it returns. Throws std::invalid_argument when the targets differ in data, backend, QNN SDK or
// strictness.
using TargetReportSink = std::function<void(size_t, Report&, const std::vector<uint32_t>& rewritten,
                                            const std::vector<uint32_t>& changed)>;
void validate_graph_targets(const Graph& graph, const std::vector<Target>& targets, const Limits& limits,
                            Report& report, const TargetReportSink& each);

}  // namespace qnnv::detail
