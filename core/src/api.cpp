// The public entry point: options -> target, graph -> report header. The checks live in validator.cpp.
#include <algorithm>
#include <cctype>

#include "graph.h"
#include "qnnv/qnnv.h"
#include "api_internal.h"
#include "render_size.h"
#include "text.h"
#include "validator.h"

#ifndef QNNV_VERSION
#define QNNV_VERSION "0.0.0"
#endif

namespace qnnv {

const char* version() { return QNNV_VERSION; }

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Accepts "SM8650", "sm8650" and ExecuTorch's enum spelling "QcomChipset.SM8650".
std::string normalize_soc(std::string s) {
  const auto dot = s.rfind('.');
  if (dot != std::string::npos) s = s.substr(dot + 1);
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string known_backends(const ConstraintData& data) {
  std::string out;
  for (const auto& [name, _] : data.backends) out += (out.empty() ? "" : ", ") + name;
  return out;
}

const BackendData& pick_backend(const ConstraintData& data, const std::string& name, const std::string& pointer) {
  const BackendData* b = data.find_backend(lower(name));
  if (!b)
    throw InputError("options.unknown-backend",
                     "unknown backend " + detail::quote_text(name) + "; known backends: " + known_backends(data), pointer);
  return *b;
}

const SocInfo& pick_soc(const ConstraintData& data, const BackendData& backend, const std::string& name,
                        const std::string& pointer) {
  const SocInfo* soc = data.find_soc(normalize_soc(name));
  if (!soc) {
    std::string known;
    for (const SocInfo& s : data.socs) known += (known.empty() ? "" : ", ") + s.model;
    throw InputError("options.unknown-soc", "unknown SoC " + detail::quote_text(name) + "; known SoCs: " + known, pointer);
  }
  if (ConstraintData::arch_of(*soc, backend.name) == 0) {
    std::string with;
    for (const SocInfo& s : data.socs)
      if (ConstraintData::arch_of(s, backend.name) != 0) with += (with.empty() ? "" : ", ") + s.model;
    throw InputError("options.soc-backend", soc->model + " has no " + backend.name + " backend; SoCs with " +
                                                backend.name + ": " + (with.empty() ? "none" : with),
                     pointer);
  }
  return *soc;
}

// The QNN SDK version to check for: the option, or the data's default (ConstraintData::default_sdk).
// A version the data does not name is accepted: SDK ranges compare by order, not by listing.
int pick_sdk(const ConstraintData& data, const std::string& option) {
  if (option.empty()) return data.default_sdk();
  auto v = parse_sdk_version(option);
  if (!v) throw InputError("options.bad-qnn-sdk", "QNN SDK version \"" + option + "\" is not MAJOR.MINOR (e.g. 2.39)");
  return *v;
}

// Explicit options are checked before the graph is read: a typo in --soc should not wait for a big file.
void check_explicit_options(const Options& options, const ConstraintData& data) {
  pick_sdk(data, options.qnn_sdk);
  if (!options.backend.empty()) {
    const BackendData& b = pick_backend(data, options.backend, "");
    if (!options.soc.empty()) pick_soc(data, b, options.soc, "");
  }
}

struct Chosen {
  const BackendData* backend;
  const SocInfo* soc;
  std::string backend_from, soc_from;
};

// The backend and SoC: the options', else the graph's hints, else the defaults.
Chosen choose(const detail::Graph& graph, const Options& options, const ConstraintData& data) {
  Chosen c{nullptr, nullptr, "option", "option"};
  std::string backend_name = options.backend, soc_name = options.soc;
  std::string backend_ptr, soc_ptr;
  if (backend_name.empty()) {
    backend_name = graph.hint_backend.empty() ? std::string(kDefaultBackend) : graph.hint_backend;
    c.backend_from = graph.hint_backend.empty() ? "default" : "hints";
    backend_ptr = graph.hint_backend.empty() ? "" : "/hints/backend";
  }
  if (soc_name.empty()) {
    soc_name = graph.hint_soc.empty() ? std::string(kDefaultSoc) : graph.hint_soc;
    c.soc_from = graph.hint_soc.empty() ? "default" : "hints";
    soc_ptr = graph.hint_soc.empty() ? "" : "/hints/soc_model";
  }
  c.backend = &pick_backend(data, backend_name, backend_ptr);
  c.soc = &pick_soc(data, *c.backend, soc_name, soc_ptr);
  return c;
}

// limit.report-size for a report of `size` bytes (check_report_size).
void check_report_bytes(uint64_t size, ReportFormat format, uint64_t input_bytes, const Limits& limits) {
  const uint64_t allowed = uint64_t{limits.max_report_base_bytes} + uint64_t{limits.max_report_ratio} * input_bytes;
  if (size <= allowed) return;
  const char* what = format == ReportFormat::text    ? "text"
                     : format == ReportFormat::sarif ? "SARIF"
                     : format == ReportFormat::junit ? "JUnit"
                                                     : "JSON";
  throw InputError("limit.report-size",
                   std::string("the ") + what + " report would be " +
                       (format == ReportFormat::json ? "about " : "") + std::to_string(size) +
                       " bytes, more than the limit of " + std::to_string(allowed) + " bytes for an input of " +
                       std::to_string(input_bytes) + " bytes (max_report_base_bytes + max_report_ratio x the input)");
}

}  // namespace

// Before anything is rendered: a report far larger than its graph (a 1 MiB node name that 2,500 ports
// share is 2.6 GB of JSON from a 2.6 MB file) is a limit error, the same natively and in WebAssembly. What
// is bounded is what the chosen format writes: that graph's text report is 185 KB, and is written.
void check_report_size(const Report& report, ReportFormat format, std::string_view name, uint64_t input_bytes,
                       const Limits& limits) {
  check_report_bytes(report_size(report, format, name), format, input_bytes, limits);
}

namespace detail {

void check_options(const Options& options, const ConstraintData& data) { check_explicit_options(options, data); }

std::pair<const BackendData*, const SocInfo*> chosen_target(const Graph& graph, const Options& options,
                                                             const ConstraintData& data) {
  const Chosen c = choose(graph, options, data);
  return {c.backend, c.soc};
}

// What a validation targets but its SoC: the backend (and where it came from), QNN SDK and strictness.
struct Validation {
  const ConstraintData& data;
  const Options& options;
  Chosen chosen;
  int sdk;

  Validation(const Graph& graph, const Options& o, const ConstraintData& d)
      : data(d), options(o), chosen(choose(graph, o, d)), sdk(pick_sdk(d, o.qnn_sdk)) {}

  Target target_for(const SocInfo& soc) const {
    Target t;
    t.data = &data;
    t.backend = chosen.backend;
    t.soc = &soc;
    t.arch = ConstraintData::arch_of(soc, chosen.backend->name);
    t.strict = options.strict.value_or(true);
    t.sdk = sdk;
    return t;
  }

  // The report's header (all but the results the validator fills) for `target`.
  void name(Report& report, const Target& target) const {
    const BackendData& backend = *target.backend;
    report.tool_version = version();
    report.backend_from = chosen.backend_from;
    report.soc_from = chosen.soc_from;
    report.data_version = (backend.version.empty() ? data.version : backend.version) + " (" +
                          (backend.origin.empty() ? std::string("built-in") : backend.origin) + ")";
    report.backend = backend.name;
    report.soc_model = target.soc->model;
    report.arch = "v" + std::to_string(target.arch);
    report.strict = target.strict;
    if (sdk) {
      report.qnn_sdk = sdk_version_text(sdk);
      report.qnn_sdk_from = options.qnn_sdk.empty() ? "default" : "option";
    }
  }
};

Report validate_loaded(const Graph& graph, const Options& options, const ConstraintData& data) {
  const Validation v(graph, options, data);
  const Target target = v.target_for(*v.chosen.soc);
  Report report;
  v.name(report, target);
  validate_graph(graph, target, options.limits, report);
  if (options.report_format) check_report_size(report, *options.report_format, {}, graph.input_bytes, options.limits);
  return report;
}

void validate_loaded_socs(const Graph& graph, const Options& options, const ConstraintData& data,
                          const std::vector<const SocInfo*>& socs_as, const TargetReportSink& each) {
  const Validation v(graph, options, data);
  std::vector<Target> targets;
  for (const SocInfo* soc : socs_as) targets.push_back(v.target_for(*soc));
  Report report;
  validate_graph_targets(graph, targets, options.limits, report,
                         [&](size_t k, Report& r, const std::vector<uint32_t>& rewritten,
                             const std::vector<uint32_t>& changed) {
                           v.name(r, targets[k]);
                           each(k, r, rewritten, changed);
                         });
}

void SocReportSizes::update(size_t k, const Report& r, const std::vector<uint32_t>& rewritten,
                            const std::vector<uint32_t>& changed) {
  if (options_.report_format != ReportFormat::json) return;
  parts_.resize(rewritten.size());
  for (uint32_t i : changed) {
    changing_ -= parts_[i];
    parts_[i] = json_size_.variable_part(r.results[rewritten[i]]);
    changing_ += parts_[i];
  }
  if (k == 0) {
    unchanged_ = json_size_.head(r);
    for (const NodeResult& res : r.results) unchanged_ += json_size_.fixed_part(r, res) + json_size_.variable_part(res);
    unchanged_ -= changing_;
  }
}

void SocReportSizes::check(const Report& named, int64_t renamed_bytes) const {
  if (options_.report_format == ReportFormat::json) {
    const uint64_t sum = unchanged_ + changing_ + static_cast<uint64_t>(renamed_bytes) +  // wraps back when < 0
                         JsonSizeEstimate::target(named);
    check_report_bytes(JsonSizeEstimate::total(sum), ReportFormat::json, input_bytes_, options_.limits);
  } else if (options_.report_format) {
    check_report_size(named, *options_.report_format, {}, input_bytes_, options_.limits);
  }
}

}  // namespace detail

Report validate(std::string_view graph_json, const Options& options, const ConstraintData& data) {
  check_explicit_options(options, data);
  const detail::Graph graph = detail::load_graph(graph_json, options.limits);
  return detail::validate_loaded(graph, options, data);
}

Report validate_owned(std::string graph_json, const Options& options, const ConstraintData& data) {
  check_explicit_options(options, data);
  const detail::Graph graph = detail::load_graph(graph_json, options.limits);
  std::string().swap(graph_json);  // the Graph owns copies of everything it keeps
  return detail::validate_loaded(graph, options, data);
}

}  // namespace qnnv
