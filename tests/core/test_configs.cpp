// The config fixtures (tests/fixtures/configs, made by tests/configs/make_fixtures.py): a vision block and a
// decoder block annotated as ExecuTorch's QnnQuantizer annotates them for every quant config. They must
// validate cleanly on the SoC they were made for (no false alarms on what the real quantizer produces), and
// the upstream expectations and user reports of shared/research/graph_format.md §3 must hold on the SoCs
// those sources name. tests/configs/README.md lists the source of every expectation below.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

namespace fs = std::filesystem;

std::string configs_dir() { return std::string(QNNV_TESTS_DIR) + "/fixtures/configs"; }

json load(const std::string& name) {
  const std::string text = read_file(configs_dir() + "/" + name);
  if (text.empty()) ADD_FAILURE() << "missing or empty fixture " << name;
  return json::parse(text);
}

Report run(const json& graph, const std::string& soc) {
  Options o;
  o.soc = soc;
  return validate(graph.dump(), o, *builtin_data());
}

std::string describe(const Report& r) {
  std::string s;
  for (const auto& n : r.results)
    for (const auto& f : n.findings)
      if (n.status == Status::fail) s += "  " + n.node + " " + f.rule + " " + f.port + ": " + f.message + "\n";
  return s;
}

std::set<std::string> failed(const Report& r) {
  std::set<std::string> out;
  for (const auto& n : r.results)
    if (n.status == Status::fail) out.insert(n.node);
  return out;
}

bool has_finding(const NodeResult* n, const std::string& rule, const std::string& port) {
  if (!n) return false;
  for (const auto& f : n->findings)
    if (f.rule == rule && f.port == port) return true;
  return false;
}

// Annotated call_function nodes of the graph with this aten target.
std::set<std::string> nodes_of(const json& g, const std::string& target) {
  std::set<std::string> out;
  for (const auto& n : g["nodes"])
    if (n["op"] == "call_function" && n.contains("annotation") && n["target"] == target)
      out.insert(n["name"].get<std::string>());
  return out;
}

json& node(json& g, const std::string& name) {
  for (auto& n : g["nodes"])
    if (n["name"] == name) return n;
  throw std::runtime_error("no node " + name);
}

const json& spec(const json& g, const json& ref) { return ref.is_number() ? g["qspecs"][ref.get<size_t>()] : ref; }

// The qspec the annotation gives argument `i` (in input_qspec_map order).
const json& input_spec(const json& g, const std::string& name, size_t i) {
  for (const auto& x : g["nodes"])
    if (x["name"] == name) return spec(g, x["annotation"]["input_qspec_map"][i]["qspec"]);
  throw std::runtime_error("no node " + name);
}

bool has_block_size(const json& s) {
  return s.contains("observer_kwargs") && s["observer_kwargs"].contains("block_size");
}

size_t add_qspec(json& g, const json& s) {
  g["qspecs"].push_back(s);
  return g["qspecs"].size() - 1;
}

std::set<std::string> union_of(std::set<std::string> a, const std::set<std::string>& b) {
  a.insert(b.begin(), b.end());
  return a;
}

// ---- every fixture ----------------------------------------------------------------------------------

const std::vector<std::string> kExpected = {
    "vision__8a8w.json",         "decoder__8a8w.json",         "vision__8a4w.json",
    "decoder__8a4w.json",        "vision__16a8w.json",         "decoder__16a8w.json",
    "vision__16a4w.json",        "decoder__16a4w.json",        "vision__16a4w_block.json",
    "decoder__16a4w_block.json", "vision__16a16w.json",        "decoder__16a16w.json",
    "vision__16a2w.json",        "decoder__16a2w.json",        "vision_lite__fp16a8w.json",
    "vision__8a8w_qat.json",     "decoder__8a8w_qat.json",     "vision__16a4w_qat.json",
    "decoder__16a4w_qat.json",   "vision__16a4w_block_qat.json", "decoder__16a4w_block_qat.json",
    "vision__16a8w_qat.json",    "decoder__16a8w_qat.json",    "vision_lite__fp16a8w_qat.json"};

std::vector<std::string> fixture_names() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(configs_dir()))
    if (e.path().extension() == ".json") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ConfigFixtures, EveryConfigOfBothPatternsIsThere) {
  std::vector<std::string> expected = kExpected;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(fixture_names(), expected);
  for (const auto& name : fixture_names()) {
    EXPECT_LT(fs::file_size(configs_dir() + "/" + name), 100u * 1024u) << name;
    const json g = load(name);
    EXPECT_EQ(g["hints"]["soc_model"], "SM8750") << name;
    EXPECT_EQ(g["hints"]["backend"], "htp") << name;
  }
}

// No false alarms: on the SoC the fixtures were made for, every annotated node whose target has a QNN op is
// checked and passes. The only annotated target without one is aten.embedding (qnn_op None upstream).
TEST(ConfigFixtures, EveryFixturePassesOnSM8750AndEveryMappedNodeIsChecked) {
  for (const auto& name : fixture_names()) {
    SCOPED_TRACE(name);
    const json g = load(name);
    Report r = run(g, "SM8750");
    EXPECT_EQ(r.summary.failed, 0u) << describe(r);
    EXPECT_TRUE(r.ok);
    size_t annotated = 0, embeddings = 0;
    for (const auto& n : g["nodes"]) {
      if (n["op"] != "call_function" || !n.contains("annotation")) continue;
      ++annotated;
      if (n["target"] == "aten.embedding.default") ++embeddings;
    }
    EXPECT_GE(annotated, 6u);
    EXPECT_EQ(r.summary.passed, annotated - embeddings);
    for (const auto& n : r.results) {
      if (n.target == "aten.embedding.default") {
        EXPECT_EQ(n.status, Status::not_validated) << n.node;
        continue;
      }
      if (n.status == Status::skipped) continue;  // unannotated (float ops of fp16a8w)
      EXPECT_EQ(n.status, Status::pass) << n.node << " " << n.target;
      EXPECT_FALSE(n.qnn_op.empty()) << n.node;
      EXPECT_FALSE(n.variant.empty()) << n.node;
    }
  }
}

// The generator is deterministic: regenerating into a temporary folder gives the committed bytes.
TEST(ConfigFixtures, RegeneratingGivesIdenticalFiles) {
  if (std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "/usr/bin/python3 cannot import torch; the generator needs it";
  const fs::path tmp = fs::temp_directory_path() /
                       ("qnnv-configs-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::create_directories(tmp);
  const std::string cmd = "/usr/bin/python3 '" + std::string(QNNV_TESTS_DIR) + "/configs/make_fixtures.py' --out '" +
                          tmp.string() + "' >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::vector<std::string> regenerated;
  for (const auto& e : fs::directory_iterator(tmp)) regenerated.push_back(e.path().filename().string());
  std::sort(regenerated.begin(), regenerated.end());
  EXPECT_EQ(regenerated, fixture_names());
  for (const auto& name : fixture_names())
    EXPECT_TRUE(read_file((tmp / name).string()) == read_file(configs_dir() + "/" + name)) << name << " differs";
  fs::remove_all(tmp);
}

// ---- upstream expectations and user reports -----------------------------------------------------

// executorch#17296 (16a8w BERT, SA8295: layer_norm and bmm "expected >= 73"), #18280 (16a4w, SA8295:
// layer_norm), #16427 (layer_norm and matmul not delegated on SA8295); v68 rework test_bmm (16a fails on
// SM8350). With 16-bit activations the annotator gives layer_norm's weight and matmul's in[1] int16 specs.
TEST(UpstreamExpectations, SixteenBitLayerNormAndMatmulFailOnV68) {
  for (const char* config : {"16a8w", "16a4w", "16a2w", "16a8w_qat", "16a4w_qat"}) {
    const std::string name = std::string("decoder__") + config + ".json";
    const json g = load(name);
    const auto layer_norms = nodes_of(g, "aten.layer_norm.default");
    const auto matmuls = nodes_of(g, "aten.matmul.default");
    ASSERT_EQ(layer_norms.size(), 1u) << name;
    ASSERT_EQ(matmuls.size(), 2u) << name;
    for (const char* soc : {"SA8295", "SM8350"}) {
      SCOPED_TRACE(name + " on " + soc);
      Report r = run(g, soc);
      EXPECT_FALSE(r.ok);
      // nothing else in these graphs needs more than v68 (8/4/2-bit weights, per channel)
      EXPECT_EQ(failed(r), union_of(layer_norms, matmuls)) << describe(r);
      for (const auto& n : union_of(layer_norms, matmuls))
        EXPECT_TRUE(has_finding(find_result(r, n), "soc.16a16w-min-arch", "in[1]")) << n;
    }
  }
  // 16a16w (#16427): layer_norm and matmul fail as well (its int16 conv/linear weights are disputed on v68)
  const json g = load("decoder__16a16w.json");
  Report r = run(g, "SA8295");
  for (const auto& n : union_of(nodes_of(g, "aten.layer_norm.default"), nodes_of(g, "aten.matmul.default")))
    EXPECT_TRUE(has_finding(find_result(r, n), "soc.16a16w-min-arch", "in[1]")) << n;
}

// v68 rework test_conv2d_linear_like (16a4w LPBQ conv on SM8350: not delegated), PR #19629 review
// ("block-wise encodings hard-fail on V68"), htp_rules validate_lpbq_support (>= V69);
// test_qnn_backend_conv2d_block passes on newer SoCs.
TEST(UpstreamExpectations, BlockwiseConvFailsOnV68AndPassesOnV69AndNewer) {
  for (const char* name : {"vision__16a4w_block.json", "vision__16a4w_block_qat.json"}) {
    SCOPED_TRACE(name);
    const json g = load(name);
    std::set<std::string> block_convs;
    for (const auto& n : nodes_of(g, "aten.conv2d.default"))
      if (has_block_size(input_spec(g, n, 1))) block_convs.insert(n);
    ASSERT_GE(block_convs.size(), 4u);
    ASSERT_LT(block_convs.size(), nodes_of(g, "aten.conv2d.default").size()) << "the stem conv is per-channel";
    Report r = run(g, "SM8350");
    EXPECT_EQ(failed(r), block_convs) << describe(r);
    for (const auto& n : block_convs) EXPECT_TRUE(has_finding(find_result(r, n), "soc.lpbq-min-arch", "in[1]")) << n;
    for (const char* soc : {"SM8450", "SM8550", "SM8650", "SM8750"}) {
      Report ok = run(g, soc);
      EXPECT_EQ(ok.summary.failed, 0u) << soc << "\n" << describe(ok);
      for (const auto& n : block_convs) EXPECT_EQ(find_result(ok, n)->status, Status::pass) << soc << " " << n;
    }
  }
}

// executorch PR #5113 ("llama likely won't work with 8450 due to matmul quantization seems to be using v75
// feature"), ET llama README (16a16w matmul >= V73), htp_rules MatMul.validate.
TEST(UpstreamExpectations, SixteenBitMatmulFailsOnSM8450AndPassesOnSM8550) {
  for (const char* name : {"decoder__16a4w.json", "decoder__16a4w_block.json", "decoder__16a8w.json"}) {
    SCOPED_TRACE(name);
    const json g = load(name);
    const auto matmuls = nodes_of(g, "aten.matmul.default");
    for (const auto& m : matmuls) {
      ASSERT_EQ(input_spec(g, m, 1)["dtype"], "int16") << m;
      ASSERT_EQ(input_spec(g, m, 1)["qscheme"], "per_tensor_symmetric") << m;
    }
    Report v69 = run(g, "SM8450");
    for (const auto& m : matmuls) {
      EXPECT_EQ(find_result(v69, m)->status, Status::fail) << m;
      EXPECT_TRUE(has_finding(find_result(v69, m), "soc.16a16w-min-arch", "in[1]")) << m;
    }
    Report v73 = run(g, "SM8550");
    EXPECT_EQ(v73.summary.failed, 0u) << describe(v73);
    for (const auto& m : matmuls) EXPECT_EQ(find_result(v73, m)->status, Status::pass) << m;
  }
}

// executorch#16427: on SA8295 "8a8w lowered fine"; the v68 rework suite passes 8a for every op it lists.
TEST(UpstreamExpectations, EightBitPassesOnEverySoc) {
  size_t socs = 0;
  for (const auto& soc : builtin_data()->socs) {
    if (soc.htp_arch == 0) continue;
    ++socs;
    for (const char* name : {"vision__8a8w.json", "decoder__8a8w.json", "vision__8a8w_qat.json",
                             "decoder__8a8w_qat.json"}) {
      Report r = run(load(name), soc.model);
      EXPECT_EQ(r.summary.failed, 0u) << name << " on " << soc.model << "\n" << describe(r);
      EXPECT_GT(r.summary.passed, 10u) << name;
    }
  }
  EXPECT_GE(socs, 20u);
}

// alibaba/MNN#4475: "<E> BQ is not supported" on MatMul. Give a 16a4w_block matmul the block-wise weight
// spec of the graph's own linear layers on in[1].
TEST(UpstreamExpectations, BlockwiseOnMatmulIsNotAllowed) {
  json g = load("decoder__16a4w_block.json");
  const json block = input_spec(g, "linear", 1);
  ASSERT_TRUE(has_block_size(block));
  Report before = run(g, "SM8750");
  ASSERT_EQ(find_result(before, "matmul")->status, Status::pass);
  node(g, "matmul")["annotation"]["input_qspec_map"][1]["qspec"] = add_qspec(g, block);
  Report r = run(g, "SM8750");
  EXPECT_EQ(failed(r), std::set<std::string>{"matmul"}) << describe(r);
  EXPECT_TRUE(has_finding(find_result(r, "matmul"), "encoding.not-allowed", "in[1]")) << describe(r);
}

// executorch PR #11989 (QNN >= 2.35: reshape/permute must not change scale/offset; the ops moved to
// annotate_single_in_share_out). Replace the shared output spec of one op by the plain activation spec.
TEST(UpstreamExpectations, ReshapeOrPermuteWithItsOwnOutputQparamsFails) {
  struct Case {
    const char* fixture;
    const char* node;
  };
  for (const Case c : {Case{"decoder__16a8w.json", "view"}, Case{"decoder__16a8w.json", "transpose_1"},
                       Case{"decoder__8a8w.json", "reshape"}, Case{"vision__8a8w.json", "flatten"}}) {
    SCOPED_TRACE(std::string(c.fixture) + " " + c.node);
    json g = load(c.fixture);
    json& n = node(g, c.node);
    ASSERT_EQ(spec(g, n["annotation"]["output_qspec"])["kind"], "shared");
    ASSERT_EQ(find_result(run(g, "SM8750"), c.node)->status, Status::pass);
    // the activation spec the producer of this chain was given by its own consumer (a real, observed spec)
    json act;
    for (const auto& x : g["nodes"])
      if (x.contains("annotation") && !x["annotation"]["output_qspec"].is_null() &&
          spec(g, x["annotation"]["output_qspec"])["kind"] == "quant") {
        act = spec(g, x["annotation"]["output_qspec"]);
        break;
      }
    ASSERT_FALSE(act.is_null());
    n["annotation"]["output_qspec"] = add_qspec(g, act);
    Report r = run(g, "SM8750");
    EXPECT_EQ(failed(r), std::set<std::string>{c.node}) << describe(r);
    EXPECT_TRUE(has_finding(find_result(r, c.node), "encoding.math-invariant", "out[0]")) << describe(r);
  }
}

// htp_rules Tanh.annotate ("for the uint16 data type, the scale should be set to 1/32768.0 and the
// zero_point should be 32768", citing the QNN document); QNN offset = -zero_point.
TEST(UpstreamExpectations, SixteenBitTanhNeedsZeroPoint32768) {
  for (const char* name : {"decoder__16a4w.json", "decoder__16a8w_qat.json"}) {
    SCOPED_TRACE(name);
    json g = load(name);
    const auto tanhs = nodes_of(g, "aten.tanh.default");
    ASSERT_EQ(tanhs.size(), 1u);
    const std::string t = *tanhs.begin();
    const json out = spec(g, node(g, t)["annotation"]["output_qspec"]);
    ASSERT_EQ(out["observer"], "FixedQParamsObserver");
    ASSERT_EQ(out["observer_kwargs"]["scale"].get<double>(), 1.0 / 32768);
    ASSERT_EQ(out["observer_kwargs"]["zero_point"], 32768);
    Report r = run(g, "SM8750");
    EXPECT_EQ(find_result(r, t)->status, Status::pass) << describe(r);

    json wrong = out;
    wrong["observer_kwargs"]["zero_point"] = 0;
    node(g, t)["annotation"]["output_qspec"] = add_qspec(g, wrong);
    Report bad = run(g, "SM8750");
    EXPECT_EQ(failed(bad), std::set<std::string>{t}) << describe(bad);
    EXPECT_TRUE(has_finding(find_result(bad, t), "encoding.fixed-qparams", "out[0]")) << describe(bad);
  }
}

// graph_format.md §1.3: the QAT form of a fixed output spec is FixedQParamsFakeQuantize.with_args(observer=
// FixedQParamsObserver.with_args(...), scale=..., zero_point=...). ExecuTorch's own QAT graphs carry the
// observer form (see make_fixtures.py), but the FakeQuantize form must be read the same way.
TEST(UpstreamExpectations, FixedQparamsInFakeQuantizeFormAreRead) {
  for (const char* name : {"decoder__8a8w_qat.json", "decoder__16a4w_qat.json"}) {
    SCOPED_TRACE(name);
    json g = load(name);
    const std::string s = *nodes_of(g, "aten.sigmoid.default").begin();
    const json observer_form = spec(g, node(g, s)["annotation"]["output_qspec"]);
    ASSERT_EQ(observer_form["observer"], "FixedQParamsObserver");
    auto fake_quant = [&](double scale, int zero_point) {
      json kw = observer_form["observer_kwargs"];
      kw["scale"] = scale;
      kw["zero_point"] = zero_point;
      json q = observer_form;
      q["observer"] = "FixedQParamsFakeQuantize";
      q["observer_kwargs"] = kw;
      q["observer_kwargs"]["observer"] = {{"observer", "FixedQParamsObserver"}, {"observer_kwargs", kw}};
      return q;
    };
    const double scale = observer_form["observer_kwargs"]["scale"].get<double>();
    node(g, s)["annotation"]["output_qspec"] = add_qspec(g, fake_quant(scale, 0));
    Report r = run(g, "SM8750");
    EXPECT_EQ(find_result(r, s)->status, Status::pass) << describe(r);
    node(g, s)["annotation"]["output_qspec"] = add_qspec(g, fake_quant(scale * 2, 0));
    Report bad = run(g, "SM8750");
    EXPECT_TRUE(has_finding(find_result(bad, s), "encoding.fixed-qparams", "out[0]")) << describe(bad);
  }
}

// executorch PR #22542: SM7675 and SM8635 (V73) are rejected for FP16 ("The SocModel doesn't support
// FP16"); fp16a8w tests pass on the CI SoCs (SM8650 and newer).
TEST(UpstreamExpectations, Fp16a8wFailsOnSocsWithoutFp16AndPassesOnSM8650) {
  for (const char* name : {"vision_lite__fp16a8w.json", "vision_lite__fp16a8w_qat.json"}) {
    SCOPED_TRACE(name);
    const json g = load(name);
    const auto weighted = union_of(nodes_of(g, "aten.conv2d.default"), nodes_of(g, "aten.linear.default"));
    ASSERT_GE(weighted.size(), 5u);
    for (const char* soc : {"SM7675", "SM8635"}) {
      Report r = run(g, soc);
      EXPECT_EQ(failed(r), weighted) << soc << "\n" << describe(r);
      for (const auto& n : weighted)
        EXPECT_TRUE(has_finding(find_result(r, n), "soc.fp16-unsupported", "in[0]")) << soc << " " << n;
    }
    Report ok = run(g, "SM8650");
    EXPECT_EQ(ok.summary.failed, 0u) << describe(ok);
    for (const auto& n : weighted) EXPECT_EQ(find_result(ok, n)->status, Status::pass) << n;
  }
}

// executorch PR #22542: SM7675/SM8635 (V73) pass 16a4w conv2d, linear and layer_norm.
TEST(UpstreamExpectations, SixteenA4wConvLinearLayerNormPassOnSM8635) {
  for (const char* name : {"vision__16a4w.json", "decoder__16a4w.json", "vision__16a4w_qat.json",
                           "decoder__16a4w_qat.json"}) {
    SCOPED_TRACE(name);
    const json g = load(name);
    for (const char* soc : {"SM8635", "SM7675"}) {
      Report r = run(g, soc);
      EXPECT_EQ(r.summary.failed, 0u) << soc << "\n" << describe(r);
      const auto checked = union_of(union_of(nodes_of(g, "aten.conv2d.default"), nodes_of(g, "aten.linear.default")),
                                    nodes_of(g, "aten.layer_norm.default"));
      ASSERT_GE(checked.size(), 4u);
      for (const auto& n : checked) EXPECT_EQ(find_result(r, n)->status, Status::pass) << soc << " " << n;
    }
  }
}

// qconfig.py: "2 bits weight quantization only supports per channel and symmetric"; ExecuTorch's
// validator raises for a per-tensor 2-bit weight. The 16a2w ptq config's own weight spec is that form.
TEST(UpstreamExpectations, TwoBitWeightsOnlyPerChannel) {
  json g = load("vision__16a2w.json");
  const json per_channel = input_spec(g, "linear", 1);
  ASSERT_EQ(per_channel["qscheme"], "per_channel_symmetric");
  ASSERT_EQ(per_channel["quant_min"], -2);
  ASSERT_EQ(per_channel["quant_max"], 1);
  json per_tensor = per_channel;
  per_tensor["qscheme"] = "per_tensor_symmetric";
  per_tensor["ch_axis"] = nullptr;
  per_tensor["observer"] = "MinMaxObserver";
  node(g, "linear")["annotation"]["input_qspec_map"][1]["qspec"] = add_qspec(g, per_tensor);
  Report r = run(g, "SM8750");
  EXPECT_EQ(failed(r), std::set<std::string>{"linear"}) << describe(r);
  EXPECT_TRUE(has_finding(find_result(r, "linear"), "encoding.2bit-per-tensor", "in[1]")) << describe(r);
}

}  // namespace
}  // namespace qnnv::testing
