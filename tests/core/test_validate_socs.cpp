// validate_socs (every SoC in one pass): each report is identical to one validate() per SoC, on every
// fixture and sample, for every SoC of each backend, strict and not, and for QNN SDK versions on either
// side of the data's SDK ranges.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "graph.h"
#include "graph_builder.h"
#include "validator.h"

namespace qnnv::testing {
namespace {

std::vector<std::string> graphs() {
  std::vector<std::string> files = {fixture("tiny_decoder__16a4w_block.json"), fixture("mobilenet_v2__8a8w.json")};
  for (const auto& e : std::filesystem::directory_iterator(std::string(QNNV_TESTS_DIR) + "/fixtures/configs"))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// Compares validate_socs(options) with one validate() per SoC on every graph; returns how many reports
// were compared and counts the graphs whose reports differ between SoCs (where grouping can go wrong).
size_t compare_with_single(const Options& o, size_t& graphs_that_differ) {
  const auto data = builtin_data();
  const std::vector<std::string> socs = socs_with_backend(*data, o.backend);
  EXPECT_FALSE(socs.empty()) << o.backend;
  size_t compared = 0;
  for (const std::string& file : graphs()) {
    const std::string text = read_file(file);
    const std::vector<Report> all = validate_socs(text, o, {}, *data);
    EXPECT_EQ(all.size(), socs.size()) << file;
    std::set<std::string> distinct;
    for (size_t i = 0; i < socs.size() && i < all.size(); ++i) {
      Options one = o;
      one.soc = socs[i];
      const Report single = validate(text, one, *data);
      EXPECT_EQ(all[i].soc_model, socs[i]);
      const std::string json = report_to_json(single);
      EXPECT_EQ(report_to_json(all[i]), json) << file << " " << socs[i] << " sdk " << o.qnn_sdk;
      Report unnamed = single;
      unnamed.soc_model.clear();
      unnamed.arch.clear();
      distinct.insert(report_to_json(unnamed));
      ++compared;
    }
    graphs_that_differ += distinct.size() > 1;
  }
  return compared;
}

TEST(ValidateSocs, EveryReportEqualsOneValidationPerSoc) {
  size_t compared = 0, differ = 0;
  for (const char* backend : {"htp", "lpai"})
    for (const bool strict : {true, false}) {
      Options o;
      o.backend = backend;
      o.strict = strict;
      compared += compare_with_single(o, differ);
    }
  EXPECT_GT(compared, 100u);
  EXPECT_GT(differ, 0u);  // some graphs pass on one SoC and fail on another
}

// The variants, constraints and checks the data limits to a QNN SDK range: versions before, inside and
// after those ranges (the data's bounds are 2.30, 2.39, 2.41, 2.44, 2.47 and 2.49).
TEST(ValidateSocs, EveryReportEqualsOneValidationPerSocForEachQnnSdk) {
  size_t compared = 0, differ = 0;
  for (const char* sdk : {"2.28", "2.40", "2.45"}) {
    Options o;
    o.backend = "htp";
    o.qnn_sdk = sdk;
    compared += compare_with_single(o, differ);
  }
  EXPECT_GT(compared, 100u);
  EXPECT_GT(differ, 0u);
}

TEST(ValidateSocs, TargetsThatDifferInMoreThanTheirSocAreRefused) {
  const auto data = builtin_data();
  const detail::Graph graph = detail::load_graph(read_file(fixture("tiny_decoder__16a4w_block.json")), Limits{});
  detail::Target a;
  a.data = data.get();
  a.backend = data->find_backend("htp");
  a.soc = data->find_soc("SM8650");
  a.arch = ConstraintData::arch_of(*a.soc, "htp");
  detail::Target b = a;
  b.strict = false;
  Report report;
  size_t calls = 0;
  auto count = [&](size_t, Report&, const std::vector<uint32_t>&, const std::vector<uint32_t>&) { ++calls; };
  EXPECT_THROW(detail::validate_graph_targets(graph, {a, b}, Limits{}, report, count), std::invalid_argument);
  b = a;
  b.sdk = 1;
  EXPECT_THROW(detail::validate_graph_targets(graph, {a, b}, Limits{}, report, count), std::invalid_argument);
  b = a;
  b.soc = data->find_soc("SM8350");
  b.arch = ConstraintData::arch_of(*b.soc, "htp");
  detail::validate_graph_targets(graph, {a, b}, Limits{}, report, count);
  EXPECT_EQ(calls, 2u);
}

TEST(ValidateSocs, AListKeepsItsOrderAndAnUnknownSocFailsBeforeLoading) {
  const auto data = builtin_data();
  const std::string text = read_file(fixture("tiny_decoder__16a4w_block.json"));
  Options o;
  o.backend = "htp";
  const auto two = validate_socs(text, o, {"SM8650", "sm8350"}, *data);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].soc_model, "SM8650");
  EXPECT_EQ(two[1].soc_model, "SM8350");
  EXPECT_TRUE(two[0].ok);
  EXPECT_FALSE(two[1].ok);
  try {
    validate_socs("not even json", o, {"SM8650", "SM0000"}, *data);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "options.unknown-soc");  // not json.syntax: the list is checked first
  }
}

// limit.report-size is checked on each SoC's own report, as validate() checks it: for JSON (report_format's
// default) on report_size's estimate, which the first group sums over every result and the others re-sum
// only over the results the per-SoC pass rewrote, corrected for the SoC's name against the stand-in's
// 6-byte marker the pass quoted (SoC names are 5 to 8 bytes: QCM6490, SSG2115P); for the other formats on
// the rendered size. validate_socs for the SoC whose report is smallest, then SoC s, fails at a limit of
// s's size - 1 and passes at s's size.
TEST(ValidateSocs, ReportSizeLimitIsEachSocsOwn) {
  const auto data = builtin_data();
  const std::vector<std::string> socs = socs_with_backend(*data, "htp");
  ASSERT_TRUE(std::any_of(socs.begin(), socs.end(), [](const std::string& s) { return s.size() > 6; }));
  const auto fails_at = [&](const std::string& text, ReportFormat format, const std::vector<std::string>& list,
                            uint64_t limit) {
    Options o;
    o.backend = "htp";
    o.report_format = format;
    o.limits.max_report_ratio = 0;
    o.limits.max_report_base_bytes = limit;
    try {
      validate_socs(text, o, list, *data, [](size_t, const Report&) {});
    } catch (const InputError& e) {
      EXPECT_EQ(e.info().code, "limit.report-size");
      return true;
    }
    return false;
  };
  size_t larger = 0, named_longer = 0;
  for (const ReportFormat format : {ReportFormat::json, ReportFormat::text}) {
    for (const std::string& file : graphs()) {
      const std::string text = read_file(file);
      std::vector<uint64_t> sizes;
      for (const std::string& s : socs) {
        Options one;
        one.backend = "htp";
        one.soc = s;
        one.report_format = std::nullopt;
        sizes.push_back(report_size(validate(text, one, *data), format));
      }
      const size_t smallest = static_cast<size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
      for (size_t i = 0; i < socs.size(); ++i) {
        if (sizes[i] == sizes[smallest]) continue;
        ++larger;
        if (socs[i].size() > 6) ++named_longer;
        EXPECT_TRUE(fails_at(text, format, {socs[smallest], socs[i]}, sizes[i] - 1)) << file << " " << socs[i];
        EXPECT_FALSE(fails_at(text, format, {socs[smallest], socs[i]}, sizes[i])) << file << " " << socs[i];
      }
    }
  }
  EXPECT_GT(larger, 0u);        // some graphs' reports are larger on some SoCs
  EXPECT_GT(named_longer, 0u);  // among them SoCs whose names are longer than the stand-in's
}

// Data whose findings change from arch to arch in each way that the per-SoC pass keeps a result from the
// previous group or makes it again (validate_graph_targets), and makes a SoC rule's or check's finding once
// per group (FindingMemo): a variant from an arch on, SoC rules on arch and on FP16, data checks on an
// arch range, texts that quote the SoC, the arch or the node. The SoCs come in an order where neighbouring
// groups differ in arch, in FP16 or in both, with names shorter than, as long as and longer than the 6-byte
// stand-in name validate_socs puts in their place.
std::shared_ptr<const ConstraintData> arch_data() {
  const std::string doc = R"json({"format": "qnnv.data", "version": 1, "data_version": "t",
    "socs": [{"model": "SM0068", "id": 1, "htp_arch": 68, "fp16": false, "source": "t", "basis": "read"},
             {"model": "SM0069", "id": 2, "htp_arch": 69, "fp16": true, "source": "t", "basis": "read"},
             {"model": "QCM0073", "id": 3, "htp_arch": 73, "fp16": false, "source": "t", "basis": "read"},
             {"model": "SM0075", "id": 4, "htp_arch": 75, "fp16": true, "source": "t", "basis": "read"},
             {"model": "SM081", "id": 5, "htp_arch": 81, "fp16": true, "source": "t", "basis": "read"},
             {"model": "SM0079", "id": 6, "htp_arch": 79, "fp16": false, "source": "t", "basis": "read"},
             {"model": "SA0068", "id": 7, "htp_arch": 68, "fp16": false, "source": "t", "basis": "read"},
             {"model": "SX0073", "id": 8, "htp_arch": 73, "fp16": true, "source": "t", "basis": "read"}],
    "backends": {"htp": {
      "port_templates": {"a8": {"dtype": "UFIXED_POINT_8"}, "a16": {"dtype": "UFIXED_POINT_16"},
                         "f": {"dtype": ["FLOAT_16", "FLOAT_32"]}},
      "rules": [{"target": "aten.foo.default", "qnn_op": "Foo", "source": "t", "basis": "read"}],
      "ops": {"Foo": {"source": "test", "basis": "read", "variants": [
        {"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]},
        {"name": "INT16", "min_arch": 73, "inputs": ["a16"], "outputs": ["a16"]},
        {"name": "FP a8w", "inputs": ["f", "a8"], "outputs": ["f"]}]}},
      "soc_rules": [
        {"id": "soc.t-16bit", "ops": ["Foo"], "when": [{"port": "in[0]", "bits": 16}], "min_arch": 75,
         "port": "in[0]", "message": "16-bit {op} needs v{min}; {soc} is v{arch}", "hint": "on {soc}: 8 bits",
         "source": "t", "basis": "read"},
        {"id": "soc.t-float", "when": [{"port": "*", "dtypes": ["FLOAT_16", "FLOAT_32"]}], "requires_fp16": true,
         "message": "{node} has float ports; {soc} (v{arch}) has no FP16", "hint": "quantize {node}",
         "source": "t", "basis": "read"}],
      "checks": [
        {"id": "attr.t-8bit-arch", "ops": ["Foo"], "when": [{"port": "in[0]", "bits": 8}], "min_arch": 69,
         "max_arch": 75, "message": "8-bit {op} {node} on v{arch} ({soc})", "expected": "16 bits",
         "source": "t", "basis": "read"},
        {"id": "accuracy.t-8bit", "severity": "accuracy", "ops": ["Foo"], "when": [{"port": "in[0]", "bits": 8}],
         "min_arch": 79, "message": "8-bit {op} is less accurate on {soc}", "source": "t", "basis": "read"}]}}})json";
  return load_data(doc, "test data", nullptr);
}

// Two nodes of each kind: 8-bit (a1, a2), 16-bit (b1, b2), float input with an 8-bit weight (h1, h2).
std::string arch_graph() {
  GraphBuilder g;
  g.input("x").weight("w");
  for (const char* n : {"a1", "a2"}) g.op(n, "aten.foo.default", {{"x", act_u8()}}, act_u8());
  for (const char* n : {"b1", "b2"}) g.op(n, "aten.foo.default", {{"x", act_u16()}}, act_u16());
  for (const char* n : {"h1", "h2"}) g.op(n, "aten.foo.default", {{"x", unannotated()}, {"w", act_u8()}}, nullptr);
  return g.str();
}

const Finding* finding(const Report& r, const std::string& node, const std::string& rule) {
  if (const NodeResult* res = find_result(r, node))
    for (const Finding& f : res->findings)
      if (f.rule == rule) return &f;
  return nullptr;
}

TEST(ValidateSocs, ResultsKeptOrMadeOncePerGroupEqualOneValidationPerSoc) {
  const auto data = arch_data();
  const std::string text = arch_graph();
  const std::vector<std::string> socs = socs_with_backend(*data, "htp");
  ASSERT_EQ(socs.size(), 8u);
  for (const bool strict : {true, false}) {
    Options o;
    o.backend = "htp";
    o.strict = strict;
    const std::vector<Report> all = validate_socs(text, o, {}, *data);
    ASSERT_EQ(all.size(), socs.size());
    for (size_t i = 0; i < socs.size(); ++i) {
      Options one = o;
      one.soc = socs[i];
      const std::string json = report_to_json(validate(text, one, *data));
      EXPECT_EQ(report_to_json(all[i]), json) << socs[i] << (strict ? " strict" : "");
    }
  }

  // What the data makes fire, so that the comparison above is not between empty reports.
  Options o;
  o.backend = "htp";
  const std::vector<Report> all = validate_socs(text, o, {}, *data);
  const Report& qcm73 = all[2];  // 73, no FP16: the 16-bit rule, the float rule, the arch-range check
  const Finding* b1 = finding(qcm73, "b1", "soc.t-16bit");
  const Finding* b2 = finding(qcm73, "b2", "soc.t-16bit");
  ASSERT_TRUE(b1 && b2);
  EXPECT_EQ(b1->message, "16-bit Foo needs v75; QCM0073 is v73");
  EXPECT_EQ(b1->actual, "v73 (QCM0073)");
  EXPECT_EQ(b2->message, b1->message);
  EXPECT_EQ(b2->port, "in[0]");
  const Finding* h1 = finding(qcm73, "h1", "soc.t-float");
  const Finding* h2 = finding(qcm73, "h2", "soc.t-float");
  ASSERT_TRUE(h1 && h2);
  EXPECT_EQ(h1->message, "h1 has float ports; QCM0073 (v73) has no FP16");  // quotes the node: made per node
  EXPECT_EQ(h2->message, "h2 has float ports; QCM0073 (v73) has no FP16");
  EXPECT_EQ(h2->hint, "quantize h2");
  EXPECT_EQ(h1->port, "in[0]");  // the witness of each node
  const Finding* a2 = finding(qcm73, "a2", "attr.t-8bit-arch");
  ASSERT_TRUE(a2);
  EXPECT_EQ(a2->message, "8-bit Foo a2 on v73 (QCM0073)");
  EXPECT_EQ(finding(all[1], "a1", "attr.t-8bit-arch")->message, "8-bit Foo a1 on v69 (SM0069)");
  EXPECT_FALSE(finding(all[0], "a1", "attr.t-8bit-arch"));  // v68: below the check's range
  EXPECT_FALSE(finding(all[4], "a1", "attr.t-8bit-arch"));  // v81: above it
  const Finding* acc = finding(all[4], "a2", "accuracy.t-8bit");
  ASSERT_TRUE(acc);
  EXPECT_EQ(acc->message, "8-bit Foo is less accurate on SM081");
  EXPECT_EQ(acc->severity, Severity::warning);
  EXPECT_EQ(finding(all[5], "a1", "accuracy.t-8bit")->message, "8-bit Foo is less accurate on SM0079");
  // 16-bit: no variant below v73 (the finding lists what exists there), the variant from v73 on
  EXPECT_TRUE(finding(all[0], "b1", "dtype.unsupported-combination"));
  EXPECT_EQ(find_result(all[7], "b1")->variant, "INT16");
  EXPECT_FALSE(finding(all[3], "b1", "soc.t-16bit"));
  EXPECT_FALSE(finding(all[3], "h1", "soc.t-float"));
  EXPECT_TRUE(finding(all[6], "h1", "soc.t-float"));
}

}  // namespace
}  // namespace qnnv::testing
