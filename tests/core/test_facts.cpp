// One test per sourced fact of the shipped data (core/data) that changes a verdict: each builds the smallest
// graph the fact is about, validates it with the built-in data on SM8750 (unless the fact is about another SoC
// or QNN SDK), and checks the verdict both ways. The test name ends with the source; the comment gives it in
// full (repository@commit path, or PR/issue with its date). The F-nnn numbers are the fact ledger's.
#include <gtest/gtest.h>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

json act_s8() {
  return {{"kind", "quant"}, {"dtype", "int8"}, {"quant_min", -128}, {"quant_max", 127},
          {"qscheme", "per_tensor_affine"}, {"observer", "MinMaxObserver"}};
}
json act_s16(bool symmetric) {
  return {{"kind", "quant"}, {"dtype", "int16"}, {"quant_min", -32768}, {"quant_max", 32767},
          {"qscheme", symmetric ? "per_tensor_symmetric" : "per_tensor_affine"}, {"observer", "MinMaxObserver"}};
}
json weight_s2_per_channel() {
  json w = weight_s8_per_channel();
  w["quant_min"] = -2;
  w["quant_max"] = 1;
  return w;
}
json fixed_s16(double scale, int zero_point) {
  json f = fixed_observer(scale, zero_point, -32768, 32767);
  f["dtype"] = "int16";
  return f;
}
json shape(std::vector<int> dims, const std::string& dtype = "float32") { return {{"dtype", dtype}, {"shape", dims}}; }

struct Check {
  Report report;
  const NodeResult& node(const std::string& n = "op") const { return *find_result(report, n); }
  Status status(const std::string& n = "op") const { return node(n).status; }
  bool has(const std::string& rule, const std::string& n = "op") const { return has_rule(&node(n), rule); }
};

Check run(const GraphBuilder& g, const std::string& sdk = "", const std::string& soc = "SM8750") {
  Options o;
  o.backend = "htp";
  o.soc = soc;
  o.qnn_sdk = sdk;
  return Check{validate(g.str(), o, *builtin_data())};
}

// x -> target(x[, y]) with specs; extra arguments appended.
GraphBuilder unary(const std::string& target, const json& in, const json& out, const json& extra = json::array(),
                   const json& x_val = tensor(), const json& out_val = tensor()) {
  GraphBuilder g;
  g.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", x_val}});
  g.op("op", target, {{"x", in}}, out, out_val);
  for (const auto& a : extra) g.doc()["nodes"].back()["args"].push_back(a);
  return g;
}
GraphBuilder binary(const std::string& target, const json& a, const json& b, const json& out) {
  GraphBuilder g;
  g.input("x").input("y").op("op", target, {{"x", a}, {"y", b}}, out);
  return g;
}
// x, w, b -> target, bias derived from x and w (as QnnQuantizer writes it).
GraphBuilder weighted(const std::string& target, const json& act, const json& w, const json& out,
                      const json& extra = json::array()) {
  GraphBuilder g;
  g.input("x").weight("w").weight("b");
  g.op("op", target, {{"x", act}, {"w", w}, {"b", bias_s32("x", "w", "op")}}, out);
  for (const auto& a : extra) g.doc()["nodes"].back()["args"].push_back(a);
  return g;
}

// ---- signed activations accepted where a QNN-backed test accepts them ---------------------------------------

// F-001: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/conv_test.cc:1476-1524
// (ConvS8S8S32_PerChannel_ReluClipFusion: S8 activation, S8 per-channel weight, S32 bias all on HTP).
TEST(Facts, Conv2dSignedInt8Activation_OrtQnnConvTest) {
  EXPECT_EQ(run(weighted("aten.conv2d.default", act_s8(), weight_s8_per_channel(), act_s8())).status(), Status::pass);
}

// F-002: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/qnn_basic_test.cc:1194-1216 (CastAddQDQS8).
TEST(Facts, AddSignedInt8_OrtQnnBasicTest) {
  EXPECT_EQ(run(binary("aten.add.Tensor", act_s8(), act_s8(), act_s8())).status(), Status::pass);
  EXPECT_EQ(run(binary("aten.add.Tensor", act_s8(), act_u8(), act_s8())).status(), Status::fail);  // mixed signedness
}

// F-003: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/reduce_test.cc:514-557
// (ReduceSumS8 on HTP; ReduceSum S8 rank 6 refused by QNN validation).
TEST(Facts, ReduceSumSignedInt8AndRank6_OrtQnnReduceTest) {
  EXPECT_EQ(run(unary("aten.sum.dim_IntList", act_s8(), act_s8())).status(), Status::pass);
  const Check rank6 = run(unary("aten.sum.dim_IntList", act_u8(), act_u8(), json::array(), shape({1, 2, 2, 2, 2, 4})));
  EXPECT_TRUE(rank6.has("attr.reduce-sum-rank"));
  EXPECT_EQ(rank6.status(), Status::fail);
}

// F-020: google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/qnn_backend_test/builder_test/elementwise_test.cc:128-175.
TEST(Facts, MultiplySignedInt8Asymmetric_LiteRtElementwiseTest) {
  EXPECT_EQ(run(binary("aten.mul.Tensor", act_s8(), act_s8(), act_s8())).status(), Status::pass);
}

// F-018 (LiteRT elementwise_test.cc:25-82, S16 offset 0 divide finalizes) and F-050 (QNN HTP Op Support Revision
// History 2.44.0: ElementWiseBinary DIVIDE enabled on SFIXED_POINT_8); F-061 (LiteRT PR #9048: asymmetric int16
// activations are not what HTP expects).
TEST(Facts, DivideSignedInt16SymmetricAndInt8From244_LiteRtAndQnnHistory) {
  EXPECT_EQ(run(binary("aten.div.Tensor", act_s16(true), act_s16(true), act_s16(true))).status(), Status::pass);
  const Check affine = run(binary("aten.div.Tensor", act_s16(false), act_s16(false), act_s16(false)));
  EXPECT_TRUE(affine.has("encoding.offset"));
  EXPECT_EQ(run(binary("aten.div.Tensor", act_s8(), act_s8(), act_s8()), "2.37").status(), Status::fail);
  EXPECT_EQ(run(binary("aten.div.Tensor", act_s8(), act_s8(), act_s8()), "2.44").status(), Status::pass);
}

// F-019: google-ai-edge/LiteRT@f6745779 .../builder_test/elementwise_test.cc:84-126.
TEST(Facts, MaximumSignedInt16_LiteRtElementwiseTest) {
  EXPECT_EQ(run(binary("aten.maximum.default", act_s16(true), act_s16(true), act_s16(true))).status(), Status::pass);
}

// F-004: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder/mod_op_builder.cc:32-41.
TEST(Facts, FloorSignedInt8ButNotInt16_OrtQnnModOpBuilder) {
  EXPECT_EQ(run(unary("aten.floor.default", act_s8(), act_s8())).status(), Status::pass);
  EXPECT_EQ(run(unary("aten.floor.default", act_s16(true), act_s16(true))).status(), Status::fail);
}

// F-005: onnxruntime/onnxruntime-qnn@cee6c0d9 .../opbuilder/thresholdedrelu_op_builder.cc:34-53.
TEST(Facts, GreaterSignedInputs_OrtQnnThresholdedReluBuilder) {
  GraphBuilder g;
  g.input("x").input("y").op("op", "aten.gt.Tensor", {{"x", act_s16(true)}, {"y", act_s16(true)}}, nullptr, tensor("bool"));
  EXPECT_EQ(run(g).status(), Status::pass);
}

// F-024: google-ai-edge/LiteRT@f6745779 .../builder_test/spatial_transform_test.cc:22-88.
TEST(Facts, DepthToSpaceSignedInt8_LiteRtSpatialTransformTest) {
  EXPECT_EQ(run(unary("aten.pixel_shuffle.default", act_s8(), shared_edge("x", "op"), json::array({2}))).status(),
            Status::pass);
}

// F-022: google-ai-edge/LiteRT@f6745779 .../builder_test/fully_connected_int2_test.cc:22-76 (A16W2 validates) and
// F-057: pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py:3043-3075 (16a2w after QNN 2.41).
TEST(Facts, LinearSignedInt16With2BitWeights_LiteRtAndEtSdk241) {
  EXPECT_EQ(run(weighted("aten.linear.default", act_s16(true), weight_s2_per_channel(), act_s16(true))).status(),
            Status::pass);
  const Check old = run(weighted("aten.linear.default", act_u16(), weight_s2_per_channel(), act_u16()), "2.37");
  EXPECT_TRUE(old.has("sdk.2bit-weight-min-sdk"));
  EXPECT_EQ(run(weighted("aten.linear.default", act_u16(), weight_s2_per_channel(), act_u16()), "2.41").status(),
            Status::pass);
}

// F-031: onnxruntime/onnxruntime-qnn@cee6c0d9 .../opbuilder/simple_op_builder.cc:460-500 (SFIXED_POINT_16 Tanh
// output scale 1/32768, offset 0).
TEST(Facts, TanhSignedInt16FixedOutput_OrtQnnSimpleOpBuilder) {
  EXPECT_EQ(run(unary("aten.tanh.default", act_s16(true), fixed_s16(1.0 / 32768, 0))).status(), Status::pass);
  EXPECT_TRUE(run(unary("aten.tanh.default", act_s16(true), act_s16(true))).has("encoding.fixed-qparams"));
}

// F-054: QNN HTP Op Support Revision History 2.39.0 (ElementWiseSqrt enabled on SFIXED_POINT_16).
TEST(Facts, SqrtSignedInt16From239_QnnHtpHistory) {
  const auto g = unary("aten.sqrt.default", act_s16(true), act_s16(true));
  EXPECT_EQ(run(g, "2.37").status(), Status::fail);
  EXPECT_EQ(run(g, "2.39").status(), Status::pass);
}

// F-014: onnxruntime/onnxruntime-qnn PR #300 (2026-04-24, "HTP now supports symmetric uint16 for MatMul input 1"),
// PR #765 (2026-08-26, offset -32768).
TEST(Facts, MatMulSymmetricUint16SecondInput_OrtQnnPr300) {
  EXPECT_EQ(run(binary("aten.matmul.default", act_u16(), fixed_observer(1e-3, 32768, 0, 65535), act_u16())).status(),
            Status::pass);
  EXPECT_TRUE(run(binary("aten.matmul.default", act_u16(), act_u16(), act_u16())).has("encoding.offset"));
}

// F-009: onnxruntime/onnxruntime-qnn PR #773 (2026-08-27): HTP rejects an SFIXED_POINT_16 RmsNorm gamma with a
// non-zero offset; a UFIXED_POINT_16 gamma may have any offset.
TEST(Facts, RmsNormSignedInt16GammaOffset_OrtQnnPr773) {
  auto g = [](const json& gamma) {
    GraphBuilder b;
    b.input("x").weight("w").op("op", "aten.rms_norm.default", {{"x", act_u16()}, {"w", gamma}}, act_u16());
    return b;
  };
  EXPECT_TRUE(run(g(act_s16(false))).has("encoding.offset"));
  EXPECT_EQ(run(g(act_s16(true))).status(), Status::pass);
  EXPECT_EQ(run(g(act_u16())).status(), Status::pass);
}

// F-013: onnxruntime/onnxruntime-qnn PR #756 (2026-08-24): 8-bit LayerNorm X and scale must have the same signedness.
TEST(Facts, LayerNormWeightSignednessMatchesActivation_OrtQnnPr756) {
  auto g = [](const json& w) {
    GraphBuilder b;
    b.input("x").weight("w").op("op", "aten.layer_norm.default", {{"x", act_u8()}, {"w", w}}, act_u8());
    return b;
  };
  EXPECT_EQ(run(g(act_u8())).status(), Status::pass);
  EXPECT_TRUE(run(g(act_s8())).has("dtype.unsupported-combination"));
}

// ---- rejections --------------------------------------------------------------------------------------------

// F-047: pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py:339-343 (float asin: expected
// failure) and tests/rework/htp/op/v68/test.py test_asin (fp not fully delegated).
TEST(Facts, FloatAsinRejected_EtDelegateTests) {
  GraphBuilder g;
  g.input("x").doc()["nodes"].push_back(
      {{"name", "op"}, {"op", "call_function"}, {"target", "aten.asin.default"}, {"args", {{{"node", "x"}}}},
       {"val", tensor()}, {"annotation", {{"input_qspec_map", json::array()}, {"output_qspec", nullptr}}}});
  EXPECT_TRUE(run(g).has("dtype.unsupported-combination"));
  EXPECT_EQ(run(unary("aten.asin.default", act_u8(), act_u8())).status(), Status::pass);
}

// F-039: pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py:3783 (block-quantized
// conv_transpose2d skipped: QNN does not support it).
TEST(Facts, TransposeConvBlockWiseWeightRejected_EtDelegateTests) {
  json w = weight_s4_block();
  w["ch_axis"] = 1;
  EXPECT_TRUE(run(weighted("aten.conv_transpose2d.input", act_u16(), w, act_u16())).has("port.transpose-conv-block-weight"));
  EXPECT_EQ(run(weighted("aten.conv2d.default", act_u16(), weight_s4_block(), act_u16())).status(), Status::pass);
}

// F-016: onnxruntime/onnxruntime-qnn PR #604 (2026-08, IsHTPSupportedNativeBQ: native block quantization needs
// UFIXED_POINT_16 activations). Basis inferred (the EP's gate; QNN's own error not quoted).
TEST(Facts, BlockWiseWeightsNeed16BitActivations_OrtQnnPr604) {
  const Check c = run(weighted("aten.conv2d.default", act_u8(), weight_s4_block(), act_u8()));
  ASSERT_TRUE(c.has("cross.lpbq-activation-bits"));
  EXPECT_EQ(c.node().findings.back().basis, "inferred");
}

// F-058: pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py:5104, 5125 (LPBQ linear from QNN 2.30).
TEST(Facts, BlockWiseWeightsNeedSdk230_EtDelegateTests) {
  const auto g = weighted("aten.linear.default", act_u16(), weight_s4_block(), act_u16());
  EXPECT_TRUE(run(g, "2.28").has("sdk.lpbq-min-sdk"));
  EXPECT_EQ(run(g, "2.30").status(), Status::pass);
}

// F-040: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_topk.py:103 (HTP TopK: largest must be 1).
TEST(Facts, TopKSmallestRejected_EtOpTopk) {
  auto g = [](bool largest) {
    GraphBuilder b;
    b.input("x").op("op", "aten.topk.default", {{"x", act_u8()}}, shared_edge("x", "op"),
                    json::array({tensor(), tensor("int64")}));
    for (const json& a : {json(2), json(-1), json(largest)}) b.doc()["nodes"].back()["args"].push_back(a);
    return b;
  };
  EXPECT_TRUE(run(g(false)).has("attr.topk-largest"));
  EXPECT_FALSE(run(g(true)).has("attr.topk-largest"));
}

// F-041: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_softmax.py:57-61 (softmax only on the last dim).
TEST(Facts, SoftmaxNotOnLastDimRejected_EtOpSoftmax) {
  const auto out = fixed_observer(1.0 / 256, 0, 0, 255);
  EXPECT_TRUE(run(unary("aten._softmax.default", act_u8(), out, json::array({0, false}))).has("attr.softmax-last-dim"));
  EXPECT_EQ(run(unary("aten._softmax.default", act_u8(), out, json::array({-1, false}))).status(), Status::pass);
  EXPECT_EQ(run(unary("aten._softmax.default", act_u8(), out, json::array({1, false}))).status(), Status::pass);
}

// F-042: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_max_pool2d.py:80-87 (dilation must be 1).
TEST(Facts, MaxPoolDilationRejected_EtOpMaxPool2d) {
  const json base = json::array({json::array({2, 2}), json::array({2, 2}), json::array({0, 0})});
  json dilated = base, plain = base;
  dilated.push_back(json::array({1, 2}));
  plain.push_back(json::array({1, 1}));
  EXPECT_TRUE(run(unary("aten.max_pool2d.default", act_u8(), act_u8(), dilated)).has("attr.max-pool-dilation"));
  EXPECT_EQ(run(unary("aten.max_pool2d.default", act_u8(), act_u8(), plain)).status(), Status::pass);
}

// F-029: google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/builders/conv3d_op_builder.cc:95-110.
TEST(Facts, Conv3dGroupsRejected_LiteRtConv3dBuilder) {
  const json args = json::array({json::array({1, 1, 1}), json::array({0, 0, 0}), json::array({1, 1, 1})});
  json grouped = args, plain = args;
  grouped.push_back(2);
  plain.push_back(1);
  EXPECT_TRUE(run(weighted("aten.conv3d.default", act_u8(), weight_s8_per_channel(), act_u8(), grouped)).has("attr.conv3d-groups"));
  EXPECT_EQ(run(weighted("aten.conv3d.default", act_u8(), weight_s8_per_channel(), act_u8(), plain)).status(), Status::pass);
}

// F-045: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_round.py:37 (decimals unsupported).
TEST(Facts, RoundDecimalsRejected_EtOpRound) {
  auto g = unary("aten.round.decimals", act_u8(), act_u8());
  g.doc()["nodes"].back()["kwargs"] = {{"decimals", 2}};
  EXPECT_TRUE(run(g).has("attr.round-decimals"));
  g.doc()["nodes"].back()["kwargs"] = {{"decimals", 0}};
  EXPECT_EQ(run(g).status(), Status::pass);
}

// F-043: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_grid_sampler_2d.py:55-72 (rank 4 or 5).
TEST(Facts, GridSampleRank3Rejected_EtOpGridSampler) {
  auto g = [](std::vector<int> dims) {
    GraphBuilder b;
    b.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape(dims)}});
    b.input("grid").op("op", "aten.grid_sampler.default", {{"x", act_u8()}, {"grid", act_u8()}}, act_u8());
    return b;
  };
  EXPECT_TRUE(run(g({1, 8, 8})).has("attr.grid-sample-rank"));
  EXPECT_EQ(run(g({1, 3, 8, 8})).status(), Status::pass);
}

}  // namespace
}  // namespace qnnv::testing
