// What api.cpp shares with validate_socs.cpp: choosing the target and validating an already-loaded graph.
#pragma once

#include <utility>
#include <vector>

#include "graph.h"
#include "qnnv/qnnv.h"
#include "validator.h"

namespace qnnv::detail {

// Explicit options are checked before the graph is read (a typo in --soc should not wait for a big file).
void check_options(const Options& options, const ConstraintData& data);

// The backend and SoC a validation of `graph` with `options` targets: the options', else the graph's
// hints, else kDefaultBackend / kDefaultSoc. Throws InputError.
std::pair<const BackendData*, const SocInfo*> chosen_target(const Graph& graph, const Options& options,
                                                             const ConstraintData& data);

// validate() on a loaded graph.
Report validate_loaded(const Graph& graph, const Options& options, const ConstraintData& data);

// validate_loaded for several SoCs of the chosen backend at once (validate_graph_targets, whose sink `each`
// is): the k-th report checks socs_as[k] in place of the chosen SoC, and names it. The next SoC's report
// is that same object, filled anew where it differs (`changed`); `each` may change the report's results
// while it runs but must restore them before it returns.
void validate_loaded_socs(const Graph& graph, const Options& options, const ConstraintData& data,
                          const std::vector<const SocInfo*>& socs_as, const TargetReportSink& each);

}  // namespace qnnv::detail
