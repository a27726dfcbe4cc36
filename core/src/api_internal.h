// What api.cpp shares with validate_socs.cpp: choosing the target and validating an already-loaded graph.
#pragma once

#include <utility>

#include "graph.h"
#include "qnnv/qnnv.h"

namespace qnnv::detail {

// Explicit options are checked before the graph is read (a typo in --soc should not wait for a big file).
void check_options(const Options& options, const ConstraintData& data);

// The backend and SoC a validation of `graph` with `options` targets: the options', else the graph's
// hints, else kDefaultBackend / kDefaultSoc. Throws InputError.
std::pair<const BackendData*, const SocInfo*> chosen_target(const Graph& graph, const Options& options,
                                                             const ConstraintData& data);

// validate() on a loaded graph. `soc_as`, when given, is checked in place of the chosen SoC (and named in
// the report): validate_socs' stand-in for a group of SoCs that the checks cannot tell apart.
Report validate_loaded(const Graph& graph, const Options& options, const ConstraintData& data,
                       const SocInfo* soc_as = nullptr);

}  // namespace qnnv::detail
