// What api.cpp shares with validate_socs.cpp: choosing the target and validating an already-loaded graph.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "graph.h"
#include "qnnv/qnnv.h"
#include "render_size.h"
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
// while it runs but must restore them before it returns. It checks no report's size: the SoCs it is given
// may be stand-ins, and what limit.report-size bounds is the report of the SoC finally named in it
// (SocReportSizes).
void validate_loaded_socs(const Graph& graph, const Options& options, const ConstraintData& data,
                          const std::vector<const SocInfo*>& socs_as, const TargetReportSink& each);

// limit.report-size for the reports of validate_loaded_socs, each checked as validate() checks its own
// (options.report_format). For JSON, report_size's estimate is a sum over the results, and only the
// rewritten results' variant and findings change from one target to the next: so the rest is summed once,
// for the first target, and then only the results a target changed are summed again (update). A report is
// checked once named for its SoC (check), with its own target texts (JsonSizeEstimate::target: SoC, arch),
// `renamed_bytes` being what the SoC's name adds to its texts over
// the stand-in's name the pass quoted (negative when shorter): the JSON estimate counts texts by their size.
class SocReportSizes {
 public:
  SocReportSizes(const Options& options, uint64_t input_bytes)
      : options_(options), input_bytes_(input_bytes), json_size_(kReportSizeIndent) {}
  void update(size_t k, const Report& r, const std::vector<uint32_t>& rewritten, const std::vector<uint32_t>& changed);
  void check(const Report& named, int64_t renamed_bytes) const;

 private:
  const Options& options_;
  uint64_t input_bytes_;
  JsonSizeEstimate json_size_;
  uint64_t unchanged_ = 0, changing_ = 0;
  std::vector<uint64_t> parts_;  // per rewritten result, its variable_part
};

}  // namespace qnnv::detail
