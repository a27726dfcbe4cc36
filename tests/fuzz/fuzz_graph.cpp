// libFuzzer target: arbitrary bytes as a qnnv.graph document, through the loader, the validator and
// every renderer. The only acceptable failure is qnnv::InputError; anything else (another exception,
// a sanitizer report, a broken report invariant) is a crash for libFuzzer to keep.
//
// The limits are lowered (depth, string, counts) so that the fuzzer spends its time on structure rather
// than on megabyte inputs; the code paths that enforce them are the same.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "qnnv/qnnv.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_graph: %s %s\n", what, detail.c_str());
  std::abort();
}

void check_report(const qnnv::Report& r) {
  const qnnv::Summary& s = r.summary;
  if (s.passed + s.failed + s.not_validated + s.skipped != r.results.size()) fail("summary counts do not add up");
  if (r.results.size() > s.nodes) fail("more results than nodes");
  bool any_error = false;
  for (const qnnv::NodeResult& n : r.results) {
    for (const qnnv::Finding& f : n.findings) {
      if (f.severity == qnnv::Severity::error) any_error = true;
      if (f.rule.empty()) fail("finding without a rule id at node", n.node);
    }
    // A node that passes carries no error, and no warning but the accuracy.* ones (which never fail a
    // node: docs/rules.md); a node that did not pass says why.
    if (n.status == qnnv::Status::pass) {
      for (const qnnv::Finding& f : n.findings) {
        const bool accuracy = f.rule.rfind("accuracy.", 0) == 0 && f.severity == qnnv::Severity::warning;
        if (f.severity != qnnv::Severity::info && !accuracy) fail("pass with a finding", n.node + " " + f.rule);
      }
    }
    if ((n.status == qnnv::Status::fail || n.status == qnnv::Status::not_validated) && n.findings.empty())
      fail("fail/not_validated without findings", n.node);
  }
  if (r.ok == any_error) fail("ok disagrees with the findings");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto builtin = qnnv::builtin_data();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  qnnv::Options options;
  options.limits.max_depth = 64;
  options.limits.max_string_bytes = 4096;
  options.limits.max_nodes = 20'000;
  options.limits.max_args_per_node = 1'000;
  options.limits.max_qspecs = 20'000;
  options.limits.max_shared_chain = 10'000;
  // One input is checked against both backends' tables through the hints; a second pass with explicit
  // options (non-strict) covers the option path and the warning severity.
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      options.backend = "lpai";
      options.soc = "SM8750";
      options.strict = false;
    }
    qnnv::Report report;
    try {
      report = qnnv::validate(text, options, *builtin);
    } catch (const qnnv::InputError& e) {
      if (e.info().code.empty()) fail("InputError without a code");
      if (e.info().line < 0 || e.info().column < 0) fail("negative line/column");
      (void)qnnv::error_to_json(e.info());
      (void)qnnv::error_to_text(e.info(), "fuzz.json");
      continue;
    }
    check_report(report);
    const std::string json = qnnv::report_to_json(report);
    (void)qnnv::report_to_text(report, pass == 0);
    (void)qnnv::report_to_sarif(report, "fuzz.json");
    (void)qnnv::report_to_junit(report, "fuzz");
    // The JSON renderer's output must read back into the same report.
    const qnnv::Report back = qnnv::report_from_json(json);
    if (qnnv::report_to_json(back) != json) fail("report_to_json -> report_from_json round trip differs");
  }
  return 0;
}
