// The two graphs ExecuTorch's real QnnQuantizer produced (tests/fixtures, copied from shared/samples),
// against the shipped constraint data. Expected failures are derived from the graph itself, not pasted.
#include <gtest/gtest.h>

#include <set>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

Report validate_fixture(const std::string& name, const std::string& soc) {
  Options o;
  o.soc = soc;
  return validate(read_file(fixture(name)), o, *builtin_data());
}

std::set<std::string> nodes_with(const Report& r, Status s) {
  std::set<std::string> out;
  for (const auto& n : r.results)
    if (n.status == s) out.insert(n.node);
  return out;
}

std::string describe(const Report& r) {
  std::string s;
  for (const auto& n : r.results)
    for (const auto& f : n.findings)
      if (n.status == Status::fail) s += n.node + " " + f.rule + " " + f.port + ": " + f.message + "\n";
  return s;
}

// Nodes of the decoder sample that must fail on a v68 SoC: linear nodes with a block-wise weight (LPBQ
// needs v69), matmul nodes (int16 in[1] with 16-bit activations: 16a16w needs v73) and layer_norm nodes
// (int16 weight with 16-bit activations).
std::set<std::string> expected_v68_failures(const json& graph) {
  std::set<std::string> out;
  const json& qspecs = graph["qspecs"];
  for (const auto& n : graph["nodes"]) {
    if (n["op"] != "call_function" || !n.contains("annotation")) continue;
    const std::string target = n["target"];
    if (target == "aten.matmul.default" || target == "aten.layer_norm.default") out.insert(n["name"].get<std::string>());
    if (target == "aten.linear.default") {
      const json& weight = n["annotation"]["input_qspec_map"][1]["qspec"];
      const json& spec = weight.is_number() ? qspecs[weight.get<size_t>()] : weight;
      if (spec.contains("observer_kwargs") && spec["observer_kwargs"].contains("block_size"))
        out.insert(n["name"].get<std::string>());
    }
  }
  return out;
}

TEST(Samples, BothPassOnTheSocTheyWereMadeFor) {
  for (const char* name : {"mobilenet_v2__8a8w.json", "tiny_decoder__16a4w_block.json"}) {
    Report r = validate_fixture(name, "SM8750");
    EXPECT_EQ(r.summary.failed, 0u) << name << "\n" << describe(r);
    EXPECT_TRUE(r.ok) << name;
    EXPECT_GT(r.summary.passed, 10u) << name << ": the data must actually check these graphs";
  }
}

// validate_owned frees the text after loading; everything it reports must be what validate() reports.
TEST(Samples, ValidateOwnedGivesTheSameReportAsValidate) {
  for (const char* name : {"mobilenet_v2__8a8w.json", "tiny_decoder__16a4w_block.json"}) {
    for (const char* soc : {"SM8350", "SM8750"}) {
      Options o;
      o.soc = soc;
      const std::string text = read_file(fixture(name));
      EXPECT_EQ(report_to_json(validate_owned(text, o, *builtin_data())),
                report_to_json(validate(text, o, *builtin_data())))
          << name << " " << soc;
    }
  }
  Options bad;
  bad.soc = "SM0000";
  EXPECT_THROW(validate_owned(read_file(fixture("tiny_decoder__16a4w_block.json")), bad, *builtin_data()), InputError);
  EXPECT_THROW(validate_owned("{\"format\": \"qnnv.graph\"", Options{}, *builtin_data()), InputError);
}

TEST(Samples, DecoderOnV68FailsExactlyItsLpbqMatmulAndLayerNormNodes) {
  const json graph = json::parse(read_file(fixture("tiny_decoder__16a4w_block.json")));
  const std::set<std::string> expected = expected_v68_failures(graph);
  ASSERT_GE(expected.size(), 10u);
  Report r = validate_fixture("tiny_decoder__16a4w_block.json", "SM8350");
  EXPECT_EQ(nodes_with(r, Status::fail), expected) << describe(r);
  EXPECT_FALSE(r.ok);
  for (const auto& n : r.results) {
    if (n.status != Status::fail) continue;
    for (const auto& f : n.findings) {
      EXPECT_TRUE(f.rule == "soc.lpbq-min-arch" || f.rule == "soc.16a16w-min-arch") << n.node << " " << f.rule;
      EXPECT_FALSE(f.hint.empty());
      EXPECT_FALSE(f.source.empty());
    }
  }
}

TEST(Samples, DecoderOnV69FailsOnlyThe16a16wNodes) {
  Report r = validate_fixture("tiny_decoder__16a4w_block.json", "SM8450");
  for (const auto& n : r.results)
    for (const auto& f : n.findings)
      if (n.status == Status::fail) EXPECT_EQ(f.rule, "soc.16a16w-min-arch") << n.node;
  EXPECT_FALSE(r.ok);
}

TEST(Samples, EightBitMobileNetPassesOnEveryHtpSoc) {
  for (const auto& soc : builtin_data()->socs) {
    if (soc.htp_arch == 0) continue;
    Report r = validate_fixture("mobilenet_v2__8a8w.json", soc.model);
    EXPECT_EQ(r.summary.failed, 0u) << soc.model << "\n" << describe(r);
  }
}

TEST(Samples, NothingIsPassedWithoutBeingChecked) {
  Report r = validate_fixture("tiny_decoder__16a4w_block.json", "SM8750");
  for (const auto& n : r.results) {
    if (n.status == Status::pass) {
      EXPECT_FALSE(n.qnn_op.empty()) << n.node;
      EXPECT_FALSE(n.variant.empty()) << n.node;
    }
    if (n.target == "aten.embedding.default" || n.target == "aten.masked_fill.Tensor")
      EXPECT_EQ(n.status, Status::not_validated) << n.node;
  }
  EXPECT_EQ(r.summary.nodes, r.results.size());
  EXPECT_EQ(r.summary.checked + r.summary.skipped, r.summary.nodes);
  EXPECT_EQ(r.summary.passed + r.summary.failed + r.summary.not_validated, r.summary.checked);
}

}  // namespace
}  // namespace qnnv::testing
