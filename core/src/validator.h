// The checks: resolved ports of each call_function node against one backend's constraint data (internal).
#pragma once

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

}  // namespace qnnv::detail
