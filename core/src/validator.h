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
  bool strict = true;
};

// Fills report.results, report.summary and report.ok; the caller fills the header fields.
void validate_graph(const Graph& graph, const Target& target, const Limits& limits, Report& report);

// Options -> target (backend and SoC from the options, else the graph's hints, else the defaults), then
// validate_graph, with the report header filled. validate() and fix_plan() (which re-validates the graph
// it re-annotated) both go through here. Throws InputError for an unknown backend or SoC.
Report validate_loaded(const Graph& graph, const Options& options, const ConstraintData& data);

}  // namespace qnnv::detail
