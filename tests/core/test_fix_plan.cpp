// The fix plan on real fixtures made to fail. The plan's own claim (failing_after == 0 on its simulated
// re-annotation) is checked against an independent one: the annotations of the nodes each change reaches
// are replaced by those the config fixture of the planned QuantDtype carries for the same nodes (what the
// fixture generator, a copy of QnnQuantizer's annotators, wrote for that config), and that graph is
// validated on the same SoC.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

std::string fixture(const std::string& path) {
  const std::string text = read_file(std::string(QNNV_TESTS_DIR) + "/" + path);
  if (text.empty()) ADD_FAILURE() << "missing or empty fixture " << path;
  return text;
}

FixPlan plan_for(const std::string& text, const std::string& soc) {
  Options o;
  o.soc = soc;
  return fix_plan(text, o, *builtin_data());
}

size_t failures(const std::string& text, const std::string& soc) {
  Options o;
  o.soc = soc;
  return validate(text, o, *builtin_data()).summary.failed;
}

// `graph` with the annotation of every node in `names` taken from `donor` (same model, another config):
// the donor's qspecs are appended to the table and the indices moved along.
std::string transplant(const std::string& graph, const std::string& donor, const std::set<std::string>& names) {
  json g = json::parse(graph), d = json::parse(donor);
  const size_t offset = g["qspecs"].size();
  for (const auto& q : d["qspecs"]) g["qspecs"].push_back(q);
  auto shift = [&](json& ref) {
    if (ref.is_number_unsigned() || ref.is_number_integer()) ref = ref.get<size_t>() + offset;
  };
  std::set<std::string> done;
  for (const auto& dn : d["nodes"]) {
    const std::string name = dn["name"];
    if (!names.count(name)) continue;
    for (auto& gn : g["nodes"]) {
      if (gn["name"] != name) continue;
      json ann = dn.at("annotation");
      for (auto& e : ann["input_qspec_map"]) shift(e["qspec"]);
      shift(ann["output_qspec"]);
      gn["annotation"] = ann;
      done.insert(name);
    }
  }
  EXPECT_FALSE(names.empty());
  EXPECT_EQ(done, names) << "nodes missing in the graph or the donor";
  return g.dump();
}

// Every annotated node of `target` in the graph (what a node_target rule reaches).
std::set<std::string> reached(const std::string& graph, const FixChange& ch) {
  std::set<std::string> out;
  if (ch.rule != "node_target") {
    out.insert(ch.nodes.begin(), ch.nodes.end());
    return out;
  }
  const json doc = json::parse(graph);
  for (const auto& n : doc["nodes"])
    if (n.value("target", "") == ch.target && n.contains("annotation")) out.insert(n["name"].get<std::string>());
  return out;
}

std::string config_of(const std::string& quant_dtype) { return quant_dtype.substr(4); }  // "use_8a8w" -> "8a8w"

struct Case {
  std::string pattern, config, soc;
  std::vector<std::string> expected;  // "target -> quant_dtype" of each change, in order
};

class FixPlanOnConfigs : public ::testing::TestWithParam<Case> {};

TEST_P(FixPlanOnConfigs, ReachesZeroFailuresAndTheDonorConfigAgrees) {
  const Case& c = GetParam();
  const std::string text = fixture("fixtures/configs/" + c.pattern + "__" + c.config + ".json");
  ASSERT_GT(failures(text, c.soc), 0u) << "the fixture must fail on " << c.soc << " for this test to mean anything";
  const FixPlan plan = plan_for(text, c.soc);
  EXPECT_EQ(plan.failing_before, failures(text, c.soc));
  EXPECT_EQ(plan.failing_after, 0u) << fix_plan_to_text(plan);
  EXPECT_TRUE(plan.verified);
  EXPECT_TRUE(plan.unresolved.empty());
  std::vector<std::string> got;
  for (const FixChange& ch : plan.changes) got.push_back(ch.target + " -> " + ch.quant_dtype);
  EXPECT_EQ(got, c.expected) << fix_plan_to_text(plan);

  // Independent check: the planned config's own fixture, transplanted onto the reached nodes.
  std::string fixed = text;
  for (const FixChange& ch : plan.changes) {
    EXPECT_TRUE(ch.faithful) << ch.summary;
    EXPECT_FALSE(ch.nodes.empty());
    const std::string donor = fixture("fixtures/configs/" + c.pattern + "__" + config_of(ch.quant_dtype) + ".json");
    fixed = transplant(fixed, donor, reached(text, ch));
  }
  EXPECT_EQ(failures(fixed, c.soc), 0u) << "the fixture configs the plan names do not pass on " << c.soc;
}

INSTANTIATE_TEST_SUITE_P(
    SocGates, FixPlanOnConfigs,
    ::testing::Values(
        // LPBQ below v69: block-wise convs and linears become per-channel 4-bit, nothing else changes.
        Case{"vision", "16a4w_block", "SM8350", {"aten.conv2d.default -> use_16a4w"}},
        Case{"decoder", "16a4w_block", "SM8450", {"aten.layer_norm.default -> use_8a8w", "aten.matmul.default -> use_8a8w"}},
        // 16-bit activations with 16-bit weights below v73: layer_norm and matmul get their int16 input from
        // the annotator whatever the weight config, so they need 8a8w; 16a16w linears pass on v68 (the v68 op
        // test test_linear_general, see soc.16a16w-min-arch's note).
        Case{"decoder", "16a16w", "SM8350", {"aten.layer_norm.default -> use_8a8w", "aten.matmul.default -> use_8a8w"}},
        Case{"decoder", "16a8w", "SM8350", {"aten.layer_norm.default -> use_8a8w", "aten.matmul.default -> use_8a8w"}},
        Case{"decoder", "16a4w_block", "SM8350",
             {"aten.layer_norm.default -> use_8a8w", "aten.linear.default -> use_16a4w",
              "aten.matmul.default -> use_8a8w"}}),
    [](const ::testing::TestParamInfo<Case>& info) {
      return info.param.pattern + "_" + info.param.config + "_" + info.param.soc;
    });

TEST(FixPlan, LpbqExampleOnSM8350BecomesPerChannel) {
  const FixPlan plan = plan_for(fixture("../web/examples/lpbq_on_sm8350.json"), "SM8350");
  ASSERT_EQ(plan.changes.size(), 1u) << fix_plan_to_text(plan);
  const FixChange& ch = plan.changes[0];
  EXPECT_EQ(ch.rule, "node_target");
  EXPECT_EQ(ch.quant_dtype, "use_16a4w");
  EXPECT_EQ(ch.from_quant_dtype, "use_16a4w_block");
  EXPECT_EQ(ch.granularity, "PER_CHANNEL");
  EXPECT_EQ(ch.fixes, std::vector<std::string>{"soc.lpbq-min-arch"});
  EXPECT_EQ(plan.failing_before, 1u);
  EXPECT_EQ(plan.failing_after, 0u);
  EXPECT_NE(plan.snippet.find(".add_node_target(\n        {torch.ops.aten.linear.default},\n        QuantDtype.use_16a4w,"),
            std::string::npos)
      << plan.snippet;
  EXPECT_NE(plan.snippet.find("granularity=QuantGranularity.PER_CHANNEL"), std::string::npos);
}

TEST(FixPlan, AWrongFixedScaleIsFixedByTheSameConfigAsTheAnnotatorWritesIt) {
  const FixPlan plan = plan_for(fixture("../web/examples/sigmoid_wrong_qparams.json"), "SM8750");
  ASSERT_EQ(plan.changes.size(), 1u) << fix_plan_to_text(plan);
  EXPECT_EQ(plan.changes[0].target, "aten.sigmoid.default");
  EXPECT_EQ(plan.changes[0].quant_dtype, "use_8a8w");
  EXPECT_EQ(plan.changes[0].fixes, std::vector<std::string>{"encoding.fixed-qparams"});
  EXPECT_TRUE(plan.verified);
}

TEST(FixPlan, NothingFailingMeansNoChanges) {
  const FixPlan plan = plan_for(fixture("fixtures/mobilenet_v2__8a8w.json"), "SM8350");
  EXPECT_EQ(plan.failing_before, 0u);
  EXPECT_TRUE(plan.changes.empty());
  EXPECT_TRUE(plan.verified);
  EXPECT_NE(plan.snippet.find("nothing to change"), std::string::npos);
}

TEST(FixPlan, FloatActivationsOnASocWithoutFp16AreReportedUnresolved) {
  const std::string text = fixture("fixtures/configs/vision_lite__fp16a8w.json");
  const size_t failing = failures(text, "SM8350");
  ASSERT_GT(failing, 0u);
  const FixPlan plan = plan_for(text, "SM8350");
  EXPECT_FALSE(plan.verified);
  EXPECT_EQ(plan.failing_after, failing);
  EXPECT_EQ(plan.unresolved.size(), failing);
  bool noted = false;
  for (const std::string& n : plan.notes) noted = noted || n.find("not simulated") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(FixPlan, JsonCarriesTheContractFields) {
  const FixPlan plan = plan_for(fixture("fixtures/configs/decoder__16a8w.json"), "SM8350");
  const json j = json::parse(fix_plan_to_json(plan));
  EXPECT_EQ(j["format"], "qnnv.fix-plan");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["backend"], "htp");
  EXPECT_EQ(j["soc_model"], "SM8350");
  EXPECT_EQ(j["failing_before"], 3);
  EXPECT_EQ(j["failing_after"], 0);
  EXPECT_EQ(j["verified"], true);
  ASSERT_EQ(j["changes"].size(), 2u);
  for (const char* key : {"summary", "rule", "nodes", "module", "target", "quant_dtype", "granularity", "fixes"})
    EXPECT_TRUE(j["changes"][0].contains(key)) << key;
  EXPECT_EQ(j["changes"][1]["nodes"], json({"matmul", "matmul_1"}));
  EXPECT_TRUE(j["snippet"].get<std::string>().find("QuantRecipe(") != std::string::npos);
  EXPECT_NE(fix_plan_to_text(plan).find("3 failing node(s) -> 0"), std::string::npos);
}

// Two 16-bit matmuls in layers.0.attn and layers.1.attn fail on SM8350; an 8-bit one in head passes. A
// rule by module path reaches 2 nodes, one by target 3: the plan takes the regex. Needs the loader to fill
// NodeResult::module from meta.module.
TEST(FixPlan, ModulePathsGiveARegexRuleThatReachesOnlyTheirNodes) {
  GraphBuilder b;
  b.input("x").input("y");
  auto matmul = [&](const std::string& name, const std::string& in, bool sixteen, const std::string& module) {
    const json act = sixteen ? act_u16() : act_u8();
    b.op(name, "aten.matmul.default", {{in, act}, {"y", sixteen ? weight_s16() : act}}, act);
    b.doc()["nodes"].back()["meta"] = {{"module", module}};
  };
  matmul("mm0", "x", true, "layers.0.attn");
  matmul("mm1", "mm0", true, "layers.1.attn");
  matmul("mm2", "mm1", false, "head");
  Options o;
  o.soc = "SM8350";
  const Report before = validate(b.str(), o, *builtin_data());
  ASSERT_EQ(before.summary.failed, 2u);
  if (find_result(before, "mm0")->module.empty()) GTEST_SKIP() << "the loader does not fill NodeResult::module yet";
  const FixPlan plan = fix_plan(b.str(), o, *builtin_data());
  ASSERT_EQ(plan.changes.size(), 1u) << fix_plan_to_text(plan);
  const FixChange& ch = plan.changes[0];
  EXPECT_EQ(ch.rule, "regex");
  EXPECT_EQ(ch.matched, 2u);
  EXPECT_EQ(ch.modules, (std::vector<std::string>{"layers.0.attn", "layers.1.attn"}));
  EXPECT_EQ(ch.quant_dtype, "use_8a8w");
  EXPECT_TRUE(plan.verified);
  EXPECT_NE(plan.snippet.find(".add_regex(\n        {\"^layers\\\\.0\\\\.attn$\", \"^layers\\\\.1\\\\.attn$\"},"),
            std::string::npos)
      << plan.snippet;
}

TEST(FixPlan, BadInputIsAnInputError) {
  EXPECT_THROW(plan_for("{\"format\": \"qnnv.graph\"", "SM8350"), InputError);
  EXPECT_THROW(plan_for(fixture("fixtures/mobilenet_v2__8a8w.json"), "SM0000"), InputError);
}

}  // namespace
}  // namespace qnnv::testing
