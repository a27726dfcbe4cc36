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
  auto count = [&](size_t, Report&, const std::vector<uint32_t>&) { ++calls; };
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

// limit.report-size (the JSON report, report_format's default) is checked once per group of SoCs, on a
// size that the first group sums over every result and the others re-sum only over the results the
// per-SoC pass rewrote. Each group's check must be the one validate() does: validate_socs for the SoC
// whose report is smallest, then SoC s, fails at a limit of s's size - 1 and passes at s's size. (SoCs
// with 6-byte names: a group is checked with the stand-in's 6-byte marker in place of its names.)
TEST(ValidateSocs, ReportSizeLimitIsEachSocsOwn) {
  const auto data = builtin_data();
  std::vector<std::string> socs;
  for (const std::string& s : socs_with_backend(*data, "htp"))
    if (s.size() == 6) socs.push_back(s);
  ASSERT_GT(socs.size(), 10u);
  const auto fails_at = [&](const std::string& text, const std::vector<std::string>& list, uint64_t limit) {
    Options o;
    o.backend = "htp";
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
  size_t larger = 0;
  for (const std::string& file : graphs()) {
    const std::string text = read_file(file);
    std::vector<uint64_t> sizes;
    for (const std::string& s : socs) {
      Options one;
      one.backend = "htp";
      one.soc = s;
      one.report_format = std::nullopt;
      sizes.push_back(report_size(validate(text, one, *data), ReportFormat::json));
    }
    const size_t smallest = static_cast<size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
    for (size_t i = 0; i < socs.size(); ++i) {
      if (sizes[i] == sizes[smallest]) continue;
      ++larger;
      EXPECT_TRUE(fails_at(text, {socs[smallest], socs[i]}, sizes[i] - 1)) << file << " " << socs[i];
      EXPECT_FALSE(fails_at(text, {socs[smallest], socs[i]}, sizes[i])) << file << " " << socs[i];
    }
  }
  EXPECT_GT(larger, 0u);  // some graphs' reports are larger on some SoCs
}

}  // namespace
}  // namespace qnnv::testing
