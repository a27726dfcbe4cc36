// The validator's rules, one pass and one fail case each, against a small constraint table built in code
// (so these tests pin the engine's semantics independently of the shipped data).
#include <gtest/gtest.h>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

Provenance src(const std::string& s) { return Provenance{s, true, ""}; }

PortSpec port(std::vector<DataType> dtypes, std::vector<QuantConstraint> constraints = {}, bool optional = false,
              bool repeat = false) {
  PortSpec p;
  p.dtypes = std::move(dtypes);
  p.constraints = std::move(constraints);
  p.optional = optional;
  p.repeat = repeat;
  return p;
}

QuantConstraint allow(std::vector<Encoding> e) {
  QuantConstraint q;
  q.encodings = std::move(e);
  return q;
}

const std::vector<Encoding> kPerTensor = {Encoding::SCALE_OFFSET};
const std::vector<Encoding> kWeightEncodings = {Encoding::SCALE_OFFSET, Encoding::AXIS_SCALE_OFFSET,
                                                Encoding::BW_SCALE_OFFSET, Encoding::BW_AXIS_SCALE_OFFSET,
                                                Encoding::BLOCKWISE_EXPANSION};

Variant variant(std::string name, std::vector<PortSpec> in, std::vector<PortSpec> out, int min_arch = 0) {
  Variant v;
  v.name = std::move(name);
  v.inputs = std::move(in);
  v.outputs = std::move(out);
  v.min_arch = min_arch;
  v.provenance = src("test table");
  return v;
}

void rule(BackendData& b, const std::string& target, std::optional<std::string> op, std::vector<int> order = {}) {
  RuleEntry r;
  r.target = target;
  r.qnn_op = std::move(op);
  r.reason = r.qnn_op ? "" : "upstream maps it to no QNN op";
  r.input_order = std::move(order);
  r.provenance = src("test rules");
  b.rules[target] = r;
}

std::shared_ptr<ConstraintData> test_data(bool complete = false) {
  auto d = std::make_shared<ConstraintData>();
  d->version = "test";
  auto soc = [&](std::string m, int arch, bool fp16, int lpai = 0) {
    SocInfo s;
    s.model = std::move(m);
    s.htp_arch = arch;
    s.fp16 = fp16;
    s.lpai_version = lpai;
    d->socs.push_back(s);
  };
  soc("SM8350", 68, false);
  soc("SM8450", 69, true);
  soc("SM8550", 73, true);
  soc("SM8750", 79, true);
  soc("SM8850", 81, true, 6);

  BackendData b;
  b.name = "htp";
  b.version = "test-htp";
  b.origin = "test";
  b.complete = complete;
  const auto U8 = DataType::UFIXED_POINT_8, U16 = DataType::UFIXED_POINT_16, S8 = DataType::SFIXED_POINT_8,
             S16 = DataType::SFIXED_POINT_16, S32 = DataType::SFIXED_POINT_32, F32 = DataType::FLOAT_32;
  QuantConstraint sym_weight = allow(kWeightEncodings);
  sym_weight.symmetric = true;
  QuantConstraint sym_bias = allow({Encoding::SCALE_OFFSET, Encoding::AXIS_SCALE_OFFSET});
  sym_bias.symmetric = true;

  rule(b, "aten.linear.default", "FullyConnected");
  rule(b, "aten.addmm.default", "FullyConnected", {1, 2, 0});
  b.ops["FullyConnected"].name = "FullyConnected";
  b.ops["FullyConnected"].variants = {
      variant("INT8", {port({U8}, {allow(kPerTensor)}), port({S8}, {sym_weight}), port({S32}, {sym_bias}, true)},
              {port({U8}, {allow(kPerTensor)})}),
      variant("INT16", {port({U16}, {allow(kPerTensor)}), port({S8, S16}, {sym_weight}), port({S32}, {sym_bias}, true)},
              {port({U16}, {allow(kPerTensor)})}),
      variant("FP", {port({F32}), port({S8, F32}), port({F32, S32}, {}, true)}, {port({F32})})};

  rule(b, "aten.matmul.default", "MatMul");
  QuantConstraint mm_in1 = allow(kPerTensor);
  mm_in1.symmetric = true;
  b.ops["MatMul"].variants = {
      variant("INT8", {port({U8}, {allow(kPerTensor)}), port({U8}, {allow(kPerTensor)})}, {port({U8}, {allow(kPerTensor)})}),
      variant("INT16 w16", {port({U16}, {allow(kPerTensor)}), port({S16}, {mm_in1})}, {port({U16}, {allow(kPerTensor)})}),
      variant("INT16", {port({U16}, {allow(kPerTensor)}), port({U16}, {allow(kPerTensor)})}, {port({U16}, {allow(kPerTensor)})})};

  rule(b, "aten.sigmoid.default", "Sigmoid");
  QuantConstraint sig8 = allow(kPerTensor), sig16 = allow(kPerTensor);
  sig8.scale = 1.0 / 256;
  sig8.offset = 0;
  sig16.scale = 1.0 / 65536;
  sig16.offset = 0;
  b.ops["Sigmoid"].variants = {variant("INT8", {port({U8}, {allow(kPerTensor)})}, {port({U8}, {sig8})}),
                               variant("INT16", {port({U16}, {allow(kPerTensor)})}, {port({U16}, {sig16})})};

  rule(b, "aten.tanh.default", "Tanh");
  QuantConstraint tanh16 = allow(kPerTensor);
  tanh16.scale = 1.0 / 32768;
  tanh16.offset = -32768;
  b.ops["Tanh"].variants = {variant("INT16", {port({U16}, {allow(kPerTensor)})}, {port({U16}, {tanh16})})};

  rule(b, "aten.view.default", "Reshape");
  QuantConstraint invariant = allow(kPerTensor);
  invariant.math_invariant = true;
  b.ops["Reshape"].variants = {variant("INT", {port({U8, U16}, {allow(kPerTensor)})}, {port({U8, U16}, {invariant})})};

  rule(b, "aten.cat.default", "Concat");
  b.ops["Concat"].variants = {
      variant("INT8", {port({U8}, {allow(kPerTensor)}, false, true)}, {port({U8}, {allow(kPerTensor)})})};

  rule(b, "aten.split.Tensor", "Split");
  b.ops["Split"].variants = {
      variant("INT8", {port({U8}, {allow(kPerTensor)})}, {port({U8}, {invariant}, false, true)})};

  rule(b, "aten.relu.default", "Relu");
  b.ops["Relu"].variants = {variant("INT8", {port({U8}, {allow(kPerTensor)})}, {port({U8}, {allow(kPerTensor)})}),
                            variant("FP16", {port({F32})}, {port({F32})}, 69)};

  rule(b, "aten.rsqrt.default", std::nullopt);
  rule(b, "aten.exotic.default", "Exotic");  // a QNN op with no data

  SocRule lpbq;
  lpbq.id = "soc.lpbq-min-arch";
  lpbq.ops = {"FullyConnected"};
  lpbq.when = {Condition{"in[1]", {Encoding::BLOCKWISE_EXPANSION}, {}, 0}};
  lpbq.min_arch = 69;
  lpbq.message = "block-wise (LPBQ) weights need HTP v{min} or newer; {soc} is v{arch}";
  lpbq.hint = "choose a v69+ SoC";
  lpbq.provenance = src("htp_rules.py validate_lpbq_support");
  SocRule w16;
  w16.id = "soc.16a16w-min-arch";
  w16.ops = {"FullyConnected", "MatMul"};
  w16.when = {Condition{"in[0]", {}, {}, 16}, Condition{"in[1]", {}, {}, 16}};
  w16.min_arch = 73;
  w16.message = "16-bit activations with 16-bit weights need v{min}";
  w16.provenance = src("htp_rules.py validate_16a16w_support");
  SocRule fp16;
  fp16.id = "soc.fp16-unsupported";
  fp16.when = {Condition{"*", {}, {DataType::FLOAT_16, DataType::FLOAT_32}, 0}};
  fp16.requires_fp16 = true;
  fp16.message = "float on {soc}";
  fp16.provenance = src("soc table");
  b.soc_rules = {lpbq, w16, fp16};
  d->backends["htp"] = b;
  return d;
}

Report run(GraphBuilder& g, const std::string& soc = "SM8750", bool strict = true, bool complete = false) {
  static auto data = test_data(false);
  static auto complete_data = test_data(true);
  Options o;
  o.soc = soc;
  o.strict = strict;
  return validate(g.str(), o, complete ? *complete_data : *data);
}

GraphBuilder linear_graph(const json& act, const json& weight, const json& out) {
  GraphBuilder g;
  g.input("x").weight("w").weight("b");
  g.op("linear", "aten.linear.default", {{"x", act}, {"w", weight}, {"b", bias_s32("x", "w", "linear")}}, out);
  return g;
}

TEST(Validator, UnannotatedNodeIsSkipped) {
  GraphBuilder g;
  g.input("x").plain("relu", "aten.relu.default", {"x"});
  Report r = run(g);
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_EQ(r.results[0].status, Status::skipped);
  EXPECT_TRUE(r.results[0].findings.empty());
  EXPECT_EQ(r.summary.skipped, 1u);
  EXPECT_EQ(r.summary.checked, 0u);
  EXPECT_TRUE(r.ok);
}

TEST(Validator, EightBitLinearPasses) {
  GraphBuilder g = linear_graph(act_u8(), weight_s8_per_channel(), act_u8());
  Report r = run(g);
  const NodeResult* n = find_result(r, "linear");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->status, Status::pass) << (n->findings.empty() ? "" : n->findings[0].message);
  EXPECT_EQ(n->qnn_op, "FullyConnected");
  EXPECT_EQ(n->variant, "INT8");
  ASSERT_EQ(n->ports.size(), 4u);
  EXPECT_EQ(n->ports[1].dtype, DataType::SFIXED_POINT_8);
  EXPECT_EQ(n->ports[1].encoding, Encoding::AXIS_SCALE_OFFSET);
  EXPECT_EQ(n->ports[2].dtype, DataType::SFIXED_POINT_32);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.summary.passed, 1u);
}

TEST(Validator, UnknownTargetIsNotValidatedNeverPassed) {
  GraphBuilder g;
  g.input("x").op("d", "aten.dropout.default", {{"x", act_u8()}}, act_u8());
  Report r = run(g);
  EXPECT_EQ(r.results[0].status, Status::not_validated);
  EXPECT_TRUE(has_rule(&r.results[0], "op.unknown-target"));
  EXPECT_EQ(r.summary.passed, 0u);
  EXPECT_EQ(r.summary.not_validated, 1u);
  EXPECT_TRUE(r.ok) << "not validated is not an error";
}

TEST(Validator, TargetMappedToNoOpIsNotValidatedWithReason) {
  GraphBuilder g;
  g.input("x").op("rs", "aten.rsqrt.default", {{"x", act_u8()}}, act_u8());
  Report r = run(g);
  EXPECT_EQ(r.results[0].status, Status::not_validated);
  ASSERT_TRUE(has_rule(&r.results[0], "op.no-qnn-op"));
  EXPECT_NE(r.results[0].findings[0].message.find("upstream maps it to no QNN op"), std::string::npos);
}

TEST(Validator, TorchOpsPrefixIsIgnored) {
  GraphBuilder g;
  g.input("x").op("rs", "torch.ops.aten.relu.default", {{"x", act_u8()}}, act_u8());
  EXPECT_EQ(run(g).results[0].status, Status::pass);
}

TEST(Validator, OpWithoutDataIsNotValidatedUnlessBackendListIsComplete) {
  GraphBuilder g;
  g.input("x").op("e", "aten.exotic.default", {{"x", act_u8()}}, act_u8());
  Report open = run(g);
  EXPECT_EQ(open.results[0].status, Status::not_validated);
  EXPECT_TRUE(has_rule(&open.results[0], "op.no-constraint-data"));
  Report closed = run(g, "SM8750", true, /*complete=*/true);
  EXPECT_EQ(closed.results[0].status, Status::fail);
  EXPECT_TRUE(has_rule(&closed.results[0], "op.unsupported-by-backend"));
  EXPECT_FALSE(closed.ok);
}

TEST(Validator, UnknownInputDtypeIsNotValidated) {
  GraphBuilder g;
  g.input("x");
  g.doc()["nodes"][0].erase("val");
  g.op("relu", "aten.relu.default", {{"x", unannotated()}}, act_u8());
  Report r = run(g);
  EXPECT_EQ(r.results[0].status, Status::not_validated);
  EXPECT_TRUE(has_rule(&r.results[0], "port.dtype-unknown"));
}

TEST(Validator, UnsupportedCombinationFailsAndListsWhatIsSupported) {
  // Relu has only an 8-bit quantized variant: a 16-bit activation matches nothing. Upstream would pass it.
  GraphBuilder g;
  g.input("x").op("relu", "aten.relu.default", {{"x", act_u16()}}, act_u16());
  Report r = run(g);
  const NodeResult& n = r.results[0];
  EXPECT_EQ(n.status, Status::fail);
  ASSERT_TRUE(has_rule(&n, "dtype.unsupported-combination"));
  EXPECT_NE(n.findings[0].expected.find("UFIXED_POINT_8"), std::string::npos);
  EXPECT_NE(n.findings[0].actual.find("UFIXED_POINT_16"), std::string::npos);
  EXPECT_FALSE(n.findings[0].hint.empty());
  EXPECT_EQ(n.findings[0].source, "test table");
  EXPECT_FALSE(r.ok);
}

TEST(Validator, VariantsAreLimitedToTheirArch) {
  GraphBuilder g;
  g.input("x").op("relu", "aten.relu.default", {{"x", unannotated()}}, unannotated());
  g.doc()["nodes"][1]["annotation"]["output_qspec"] = nullptr;
  // Float Relu exists from v69 only; an annotated node with only float ports.
  g.doc()["nodes"][1]["annotation"]["input_qspec_map"] = json::array();
  EXPECT_EQ(run(g, "SM8750").results[0].status, Status::pass);
  Report old = run(g, "SM8350");
  EXPECT_EQ(old.results[0].status, Status::fail);
  EXPECT_TRUE(has_rule(&old.results[0], "dtype.unsupported-combination"));
  EXPECT_TRUE(has_rule(&old.results[0], "soc.fp16-unsupported"));
}

TEST(Validator, BlockwiseOnMatMulIsNotAllowed) {
  GraphBuilder g;
  g.input("a").input("b");
  json block = weight_s4_block();
  block["dtype"] = "int16";
  block["quant_min"] = -32767;
  block["quant_max"] = 32767;
  g.op("mm", "aten.matmul.default", {{"a", act_u16()}, {"b", block}}, act_u16());
  Report r = run(g);
  const NodeResult& n = r.results[0];
  EXPECT_EQ(n.status, Status::fail);
  ASSERT_TRUE(has_rule(&n, "encoding.not-allowed"));
  EXPECT_EQ(n.findings[0].port, "in[1]");
  EXPECT_EQ(n.findings[0].actual, "BLOCKWISE_EXPANSION");
  EXPECT_EQ(n.findings[0].expected, "SCALE_OFFSET");
}

TEST(Validator, SixteenBitMatMulNeedsSymmetricIn1AndV73) {
  GraphBuilder good;
  good.input("a").input("b").op("mm", "aten.matmul.default", {{"a", act_u16()}, {"b", weight_s16()}}, act_u16());
  EXPECT_EQ(run(good, "SM8550").results[0].status, Status::pass);
  Report v69 = run(good, "SM8450");
  EXPECT_EQ(v69.results[0].status, Status::fail);
  ASSERT_TRUE(has_rule(&v69.results[0], "soc.16a16w-min-arch"));
  EXPECT_EQ(v69.results[0].findings[0].expected, ">= v73");

  json affine = weight_s16();
  affine["qscheme"] = "per_tensor_affine";
  GraphBuilder bad;
  bad.input("a").input("b").op("mm", "aten.matmul.default", {{"a", act_u16()}, {"b", affine}}, act_u16());
  Report r = run(bad, "SM8550");
  EXPECT_TRUE(has_rule(&r.results[0], "encoding.symmetric"));
  EXPECT_EQ(r.results[0].findings[0].expected, "per_tensor_symmetric");
}

TEST(Validator, LpbqWeightsNeedV69) {
  GraphBuilder g = linear_graph(act_u16(), weight_s4_block(), act_u16());
  Report v68 = run(g, "SM8350");
  const NodeResult& n = v68.results[0];
  EXPECT_EQ(n.status, Status::fail);
  ASSERT_TRUE(has_rule(&n, "soc.lpbq-min-arch"));
  EXPECT_EQ(n.findings.back().port, "in[1]");
  EXPECT_EQ(n.findings.back().actual, "v68 (SM8350)");
  EXPECT_NE(n.findings.back().message.find("SM8350 is v68"), std::string::npos);
  EXPECT_EQ(run(g, "SM8450").results[0].status, Status::pass);
}

TEST(Validator, FixedQParamsOfSigmoid) {
  auto graph = [](const json& out) {
    GraphBuilder g;
    g.input("x").op("sig", "aten.sigmoid.default", {{"x", act_u16()}}, out);
    return g;
  };
  GraphBuilder exact = graph(fixed_observer(1.0 / 65536, 0, 0, 65535));
  EXPECT_EQ(run(exact).results[0].status, Status::pass);

  GraphBuilder wrong_scale = graph(fixed_observer(1.0 / 32768, 0, 0, 65535));
  Report r = run(wrong_scale);
  ASSERT_TRUE(has_rule(&r.results[0], "encoding.fixed-qparams"));
  EXPECT_EQ(r.results[0].findings[0].port, "out[0]");

  GraphBuilder observed = graph(act_u16());  // computed by an observer, not fixed
  EXPECT_TRUE(has_rule(&run(observed).results[0], "encoding.fixed-qparams"));

  json fixed_kind = {{"kind", "fixed"}, {"dtype", "int32"}, {"quant_min", 0}, {"quant_max", 65535},
                     {"qscheme", "per_tensor_affine"}, {"scale", 1.0 / 65536}, {"zero_point", 0}};
  GraphBuilder spec = graph(fixed_kind);
  EXPECT_EQ(run(spec).results[0].status, Status::pass);
}

TEST(Validator, SixteenBitTanhOffsetIsMinusZeroPoint) {
  auto graph = [](int zp) {
    GraphBuilder g;
    g.input("x").op("t", "aten.tanh.default", {{"x", act_u16()}}, fixed_observer(1.0 / 32768, zp, 0, 65535));
    return g;
  };
  GraphBuilder good = graph(32768), bad = graph(0);
  EXPECT_EQ(run(good).results[0].status, Status::pass);
  Report r = run(bad);
  ASSERT_TRUE(has_rule(&r.results[0], "encoding.fixed-qparams"));
  EXPECT_NE(r.results[0].findings[0].expected.find("zero_point 32768"), std::string::npos);
  EXPECT_NE(r.results[0].findings[0].actual.find("zero_point 0"), std::string::npos);
}

TEST(Validator, MathInvariantOutputMustShareInputQparams) {
  GraphBuilder shared;
  shared.input("x").op("lin", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  shared.op("view", "aten.view.default", {{"lin", shared_node("lin")}}, shared_node("lin"));
  EXPECT_EQ(run(shared).results[1].status, Status::pass);

  GraphBuilder own;
  own.input("x").op("lin", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  own.op("view", "aten.view.default", {{"lin", shared_node("lin")}}, act_u8());
  Report r = run(own);
  ASSERT_TRUE(has_rule(&r.results[1], "encoding.math-invariant"));
  EXPECT_EQ(r.results[1].findings[0].port, "out[0]");

  // Shared, but with some other tensor than its input.
  GraphBuilder elsewhere;
  elsewhere.input("x").op("a", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  elsewhere.op("b", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  elsewhere.op("view", "aten.view.default", {{"a", shared_node("a")}}, shared_node("b"));
  Report e = run(elsewhere);
  ASSERT_TRUE(has_rule(&e.results[2], "encoding.math-invariant"));
  EXPECT_EQ(e.results[2].findings[0].related_node, "b");
}

TEST(Validator, EdgeSpecEqualToProducerOutputIsImplicitlyShared) {
  // PT2E merges an input edge's observer into the producer's when their specs are equal: a view whose
  // input edge repeats the producer's spec and whose output shares the producer's output is invariant.
  GraphBuilder g;
  g.doc()["qspecs"] = json::array({act_u8()});
  g.input("x").op("a", "aten.relu.default", {{"x", 0}}, 0);
  g.op("view", "aten.view.default", {{"a", 0}}, shared_node("a"));
  Report r = run(g);
  EXPECT_EQ(r.results[1].status, Status::pass) << (r.results[1].findings.empty() ? "" : r.results[1].findings[0].message);
}

TEST(Validator, VariadicInputsRepeatThePortSpec) {
  GraphBuilder g;
  g.input("a").input("b").input("c");
  g.op("cat", "aten.cat.default", {{"a", act_u8()}, {"b", act_u8()}, {"c", act_u8()}}, act_u8());
  EXPECT_EQ(run(g).results[0].status, Status::pass);
  GraphBuilder mixed;
  mixed.input("a").input("b").input("c");
  mixed.op("cat", "aten.cat.default", {{"a", act_u8()}, {"b", act_u8()}, {"c", act_u16()}}, act_u8());
  EXPECT_TRUE(has_rule(&run(mixed).results[0], "dtype.unsupported-combination"));
}

TEST(Validator, EveryOutputOfAMultiOutputNodeIsChecked) {
  GraphBuilder g;
  g.input("x").op("split", "aten.split.Tensor", {{"x", act_u8()}}, shared_edge("x", "split"),
                  json::array({tensor(), tensor(), tensor()}));
  Report ok = run(g);
  EXPECT_EQ(ok.results[0].status, Status::pass);
  EXPECT_EQ(ok.results[0].ports.size(), 4u);
  GraphBuilder bad;
  bad.input("x").op("split", "aten.split.Tensor", {{"x", act_u8()}}, act_u8(), json::array({tensor(), tensor()}));
  Report r = run(bad);
  int invariant_findings = 0;
  for (const auto& f : r.results[0].findings) invariant_findings += f.rule == "encoding.math-invariant";
  EXPECT_EQ(invariant_findings, 2);
}

TEST(Validator, InputOrderFollowsTheRuleTable) {
  // aten.addmm(bias, x, w) is FullyConnected(x, w, bias).
  GraphBuilder g;
  g.input("x").weight("w").weight("b");
  g.op("addmm", "aten.addmm.default",
       {{"b", bias_s32("x", "w", "addmm")}, {"x", act_u8()}, {"w", weight_s8_per_channel()}}, act_u8());
  Report r = run(g);
  EXPECT_EQ(r.results[0].status, Status::pass) << (r.results[0].findings.empty() ? "" : r.results[0].findings[0].message);
  EXPECT_EQ(r.name(r.results[0].ports[0].node), "x");
  EXPECT_EQ(r.name(r.results[0].ports[2].node), "b");
}

TEST(Validator, TwoBitPerTensorIsAFinding) {
  json w2 = weight_s8_per_channel();
  w2["qscheme"] = "per_tensor_symmetric";
  w2["quant_min"] = -2;
  w2["quant_max"] = 1;
  GraphBuilder g = linear_graph(act_u16(), w2, act_u16());
  Report r = run(g);
  EXPECT_TRUE(has_rule(&r.results[0], "encoding.2bit-per-tensor"));
  json w2pc = weight_s8_per_channel();
  w2pc["quant_min"] = -2;
  w2pc["quant_max"] = 1;
  GraphBuilder ok = linear_graph(act_u16(), w2pc, act_u16());
  EXPECT_EQ(run(ok).results[0].status, Status::pass);
}

TEST(Validator, SharedSpecCycleIsAFindingNotAHang) {
  GraphBuilder g;
  g.input("x");
  g.op("a", "aten.relu.default", {{"x", shared_node("b")}}, shared_node("b"));
  g.op("b", "aten.relu.default", {{"a", shared_node("a")}}, shared_node("a"));
  Report r = run(g);
  EXPECT_EQ(r.results[0].status, Status::fail);
  EXPECT_TRUE(has_rule(&r.results[0], "qspec.shared-cycle"));
  EXPECT_TRUE(has_rule(&r.results[1], "qspec.shared-cycle"));
}

TEST(Validator, LongSharedChainsResolveWithoutRecursion) {
  // 20,000 views each sharing the previous one's output: resolution must be iterative and linear.
  GraphBuilder g;
  g.input("x").op("n0", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  for (int i = 1; i <= 20000; ++i) {
    const std::string prev = "n" + std::to_string(i - 1), cur = "n" + std::to_string(i);
    g.op(cur, "aten.view.default", {{prev, shared_node(prev)}}, shared_node(prev));
  }
  Report r = run(g);
  EXPECT_EQ(r.summary.passed, 20001u);
  EXPECT_EQ(r.name(r.results.back().ports.back().shared_with), "n0");
}

TEST(Validator, DanglingSharedSpecIsAFinding) {
  GraphBuilder g;
  g.input("x").plain("a", "aten.relu.default", {"x"});
  g.op("view", "aten.view.default", {{"a", shared_node("a")}}, shared_node("a"));
  Report r = run(g);
  EXPECT_TRUE(has_rule(&r.results[1], "qspec.shared-dangling"));
  EXPECT_EQ(r.results[1].findings[0].related_node, "a");
}

TEST(Validator, OddAnnotationOnOneNodeDoesNotStopTheOthers) {
  json odd = act_u8();
  odd["qscheme"] = "per_tensor_wobbly";
  GraphBuilder g;
  g.input("x").op("a", "aten.relu.default", {{"x", odd}}, act_u8());
  g.op("b", "aten.relu.default", {{"a", act_u8()}}, act_u8());
  Report r = run(g);
  EXPECT_EQ(r.results[0].status, Status::fail);
  ASSERT_TRUE(has_rule(&r.results[0], "qspec.invalid"));
  EXPECT_NE(r.results[0].findings[0].message.find("per_tensor_wobbly"), std::string::npos);
  EXPECT_EQ(r.results[1].status, Status::pass);
}

TEST(Validator, NonStrictTurnsErrorsIntoWarnings) {
  GraphBuilder g = linear_graph(act_u16(), weight_s4_block(), act_u16());
  Report strict = run(g, "SM8350", true);
  Report lenient = run(g, "SM8350", false);
  EXPECT_FALSE(strict.ok);
  EXPECT_TRUE(lenient.ok);
  EXPECT_EQ(lenient.results[0].status, Status::fail);
  ASSERT_FALSE(lenient.results[0].findings.empty());
  EXPECT_EQ(strict.results[0].findings.size(), lenient.results[0].findings.size());
  for (const auto& f : lenient.results[0].findings) EXPECT_EQ(f.severity, Severity::warning);
  for (const auto& f : strict.results[0].findings) EXPECT_EQ(f.severity, Severity::error);
}

TEST(Validator, TargetComesFromOptionsThenHintsThenDefaults) {
  auto data = test_data();
  GraphBuilder g;
  g.input("x").op("relu", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  Report d = validate(g.str(), Options{}, *data);
  EXPECT_EQ(d.soc_model, "SM8750");
  EXPECT_EQ(d.soc_from, "default");
  EXPECT_EQ(d.backend_from, "default");
  EXPECT_EQ(d.arch, "v79");
  EXPECT_TRUE(d.strict);
  g.hints("htp", "QcomChipset.SM8450");
  Report h = validate(g.str(), Options{}, *data);
  EXPECT_EQ(h.soc_model, "SM8450");
  EXPECT_EQ(h.soc_from, "hints");
  Options o;
  o.soc = "sm8550";
  Report opt = validate(g.str(), o, *data);
  EXPECT_EQ(opt.soc_model, "SM8550");
  EXPECT_EQ(opt.soc_from, "option");
}

TEST(Validator, UnknownSocBackendOrHintAreInputErrors) {
  auto data = test_data();
  GraphBuilder g;
  g.input("x");
  Options bad_soc;
  bad_soc.soc = "SM9999";
  try {
    validate(g.str(), bad_soc, *data);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "options.unknown-soc");
    EXPECT_NE(e.info().message.find("SM8750"), std::string::npos) << "lists the known SoCs";
  }
  Options bad_backend;
  bad_backend.backend = "gpu";
  EXPECT_THROW(validate(g.str(), bad_backend, *data), InputError);
  g.hints("htp", "SM0000");
  try {
    validate(g.str(), Options{}, *data);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "options.unknown-soc");
    EXPECT_EQ(e.info().pointer, "/hints/soc_model");
  }
}

}  // namespace
}  // namespace qnnv::testing
