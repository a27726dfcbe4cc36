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

// F-036: pytorch/executorch PR #19537 (merged 2026-05-13): fp16 activations with int8 weights only for 1x1 Conv2d
// and Linear; F-075: qualcomm/aimet issue #4090 (2026-05-12, QNN 2.44): FLOAT_16 x UFIXED_POINT_8 MatMul refused.
TEST(Facts, Fp16ActivationInt8WeightOnlyConvAndLinear_EtPr19537) {
  auto g = [](const std::string& target) {
    GraphBuilder b;
    b.input("x").weight("w").op("op", target, {{"x", unannotated()}, {"w", weight_s8_per_channel()}}, nullptr);
    return b;
  };
  EXPECT_EQ(run(g("aten.linear.default")).status(), Status::pass);
  EXPECT_TRUE(run(g("aten.conv_transpose2d.input")).has("dtype.unsupported-combination"));
  json w = weight_s8_per_channel();
  w["qscheme"] = "per_tensor_symmetric";
  GraphBuilder mm;
  mm.input("x").input("y").op("op", "aten.matmul.default", {{"x", unannotated()}, {"y", w}}, nullptr);
  EXPECT_EQ(run(mm, "2.44").status(), Status::fail);
  EXPECT_EQ(run(mm, "2.49").status(), Status::pass);
}

// F-064: UbiquitousLearning/mllm issue #658 (2026-03-22): quantized inputs with a float output fail QNN validation.
TEST(Facts, QuantizedInputsWithFloatOutputRejected_MllmIssue658) {
  const Check c = run(weighted("aten.conv2d.default", act_u8(), weight_s8_per_channel(), nullptr));
  EXPECT_TRUE(c.has("dtype.mixed-io"));
  EXPECT_EQ(c.status(), Status::fail);
}

// F-059: pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py:4398 (hadamard after QNN 2.47).
TEST(Facts, Int16HadamardNeedsSdk247_EtDelegateTests) {
  const auto g = unary("qnn_custom.hadamard_transform.default", act_u16(), act_u16());
  EXPECT_TRUE(run(g, "2.44").has("sdk.hadamard-int16"));
  EXPECT_EQ(run(g, "2.47").status(), Status::pass);
}

// F-007/F-008: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder/
// batchnormalization_op_builder.cc:685-740 (CheckHtpDataTypes: the accepted (x, scale, bias, y) tuples) and
// onnxruntime/test/providers/qnn/batchnormalization_test.cc:318-392 (U8 x with an S8 scale not assigned to HTP),
// :443-452 (rank 5 not assigned); PR #497 (2026-06-08: quantized in, float out accepted).
TEST(Facts, BatchnormDatatypeTable_OrtQnnBatchNormBuilder) {
  auto g = [](const json& x, const json& w, const json& b, const json& out, std::vector<int> dims = {1, 4, 8, 8}) {
    GraphBuilder gb;
    gb.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape(dims)}});
    gb.weight("w").weight("b").weight("mean").weight("var");
    gb.op("op", "aten.batch_norm.default",
          {{"x", x}, {"w", w}, {"b", b}, {"mean", unannotated()}, {"var", unannotated()}}, out);
    return gb;
  };
  const json b32 = bias_s32("x", "w", "op");
  EXPECT_EQ(run(g(act_u8(), act_u8(), b32, act_u8())).status(), Status::pass);  // what QnnQuantizer writes
  EXPECT_EQ(run(g(act_u16(), act_u16(), b32, act_u16())).status(), Status::pass);
  EXPECT_EQ(run(g(act_s8(), act_s8(), act_s8(), act_s8())).status(), Status::pass);
  EXPECT_EQ(run(g(act_u8(), act_u8(), b32, nullptr)).status(), Status::pass);  // float island (PR #497)
  const Check s8_scale = run(g(act_u8(), act_s8(), b32, act_u8()));
  EXPECT_TRUE(s8_scale.has("dtype.unsupported-combination"));
  EXPECT_EQ(s8_scale.status(), Status::fail);
  EXPECT_EQ(run(g(act_u8(), act_u16(), b32, act_u8())).status(), Status::fail);
  EXPECT_TRUE(run(g(act_u8(), act_u8(), b32, act_u8(), {1, 4, 2, 8, 8})).has("attr.batchnorm-rank"));
  // batch_norm(affine=False): the references are x, running_mean, running_var; ExecuTorch supplies the weight
  GraphBuilder plain;
  plain.input("x").weight("mean").weight("var");
  plain.op("op", "aten.batch_norm.default", {{"x", act_u8()}, {"mean", unannotated()}, {"var", unannotated()}}, act_u8());
  EXPECT_EQ(run(plain).status(), Status::pass);
}

// F-080: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder/
// instancenormalization_op_builder.cc:55-74 (input rank 3 or 4, not per-channel), :150-180 (an S8 scale is
// re-encoded as U8 for HTP); onnxruntime/test/providers/qnn/instancenormalization_test.cc:199-205 (rank 5 refused).
TEST(Facts, InstanceNormRankAndScale_OrtQnnInstanceNormBuilder) {
  auto g = [](const json& x, const json& w, std::vector<int> dims = {1, 4, 8, 8}) {
    GraphBuilder gb;
    gb.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape(dims)}});
    gb.weight("w").weight("b");
    gb.op("op", "aten.instance_norm.default", {{"x", x}, {"w", w}, {"b", bias_s32("x", "w", "op")}}, act_u8());
    return gb;
  };
  EXPECT_EQ(run(g(act_u8(), act_u8())).status(), Status::pass);
  EXPECT_TRUE(run(g(act_u8(), act_s8())).has("dtype.unsupported-combination"));
  const Check rank5 = run(g(act_u8(), act_u8(), {1, 4, 2, 8, 8}));
  EXPECT_TRUE(rank5.has("attr.instance-norm-rank"));
  EXPECT_EQ(rank5.status(), Status::fail);
  json per_channel = act_u8();
  per_channel["qscheme"] = "per_channel_affine";
  per_channel["ch_axis"] = 1;
  EXPECT_TRUE(run(g(per_channel, act_u8())).has("port.instance-norm-per-channel-input"));
  // instance_norm(affine=False), the InstanceNorm2d default: only the input is a reference
  GraphBuilder plain;
  plain.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape({1, 4, 8, 8})}});
  plain.op("op", "aten.instance_norm.default", {{"x", act_u8()}}, act_u8());
  EXPECT_EQ(run(plain).status(), Status::pass);
}

// F-053: QNN HTP Op Support Revision History 2.39.0 (Pad rank-5 support; Cast SFIXED_POINT_16 -> UFIXED_POINT_16).
TEST(Facts, Rank5PadAndInt16ToUint16CastFrom239_QnnHtpHistory) {
  const auto pad = unary("aten.pad.default", act_u8(), act_u8(), json::array({json::array({1, 1})}), shape({1, 2, 3, 4, 5}));
  EXPECT_TRUE(run(pad, "2.37").has("sdk.pad-rank5"));
  EXPECT_EQ(run(pad, "2.39").status(), Status::pass);
  const auto cast = unary("aten.to.dtype", act_s16(true), act_u16());
  EXPECT_TRUE(run(cast, "2.37").has("sdk.cast-int16-to-uint16"));
  EXPECT_EQ(run(cast, "2.39").status(), Status::pass);
}

// F-060 (h), F-031: onnxruntime/onnxruntime-qnn@cee6c0d9 .../opbuilder/simple_op_builder.cc:356-373 (QNN SDK
// 2.28-2.30 validators reject the documented UFIXED_POINT_16 Tanh output encoding).
TEST(Facts, Uint16TanhRejectedBySdk228To230_OrtQnnSimpleOpBuilder) {
  const auto g = unary("aten.tanh.default", act_u16(), fixed_observer(1.0 / 32768, 32768, 0, 65535));
  const Check bug = run(g, "2.28");
  EXPECT_TRUE(bug.has("sdk.tanh-uint16-validator"));
  EXPECT_EQ(bug.status(), Status::fail);
  EXPECT_EQ(run(g, "2.37").status(), Status::pass);
}

// F-060 (g): onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/conv_test.cc:1788-1790
// (per-channel ConvTranspose3D disabled for QNN 2.21 because it failed, re-enabled for 2.22).
TEST(Facts, PerChannelTransposeConv3dFailsInSdk221_OrtQnnConvTest) {
  json w = weight_s8_per_channel();
  w["ch_axis"] = 1;
  const auto g = weighted("aten.conv_transpose3d.input", act_u8(), w, act_u8());
  EXPECT_TRUE(run(g, "2.21").has("sdk.transpose-conv3d-per-channel"));
  EXPECT_EQ(run(g, "2.22").status(), Status::pass);
}

// F-060 (e): onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder/
// matmul_op_builder.cc:62-66 (FullyConnected validation crashes in QNN 2.26-2.27).
TEST(Facts, FullyConnectedCrashesInSdk226And227_OrtQnnMatMulBuilder) {
  const auto g = weighted("aten.linear.default", act_u8(), weight_s8_per_channel(), act_u8());
  EXPECT_TRUE(run(g, "2.26").has("sdk.fully-connected-2.26"));
  EXPECT_EQ(run(g, "2.28").status(), Status::pass);
}

// ---- accuracy warnings: never a fail -----------------------------------------------------------------------

// F-015: onnxruntime/onnxruntime-qnn PR #473 (2026-06-02) and PR #558 (2026-06-22): [0,1] outputs need a full-range
// fixed encoding; a calibrated one compiles but computes wrong results.
TEST(Facts, SoftmaxFreeOutputWarns_OrtQnnPr473) {
  const Check c = run(unary("aten._softmax.default", act_u8(), act_u8(), json::array({-1, false})));
  EXPECT_TRUE(c.has("accuracy.fixed-range-output"));
  EXPECT_EQ(c.status(), Status::pass);
  EXPECT_TRUE(c.report.ok);
}

// F-012: onnxruntime/mobius PR #372 (2026-06-23): rank-4 RmsNorm computes wrong on HTP.
TEST(Facts, RmsNormRank4Warns_OrtMobiusPr372) {
  GraphBuilder g;
  g.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape({1, 2, 4, 8})}});
  g.weight("w").op("op", "aten.rms_norm.default", {{"x", act_u16()}, {"w", act_u16()}}, act_u16());
  const Check c = run(g);
  EXPECT_TRUE(c.has("accuracy.rmsnorm-rank4"));
  EXPECT_EQ(c.status(), Status::pass);
}

// F-030: qualcomm/aimet@2ec42617 htp_quantsim_config_v73.json pins Tanh to [-1, 1] (the v68 config does not).
TEST(Facts, Tanh8BitFreeOutputWarnsFromV73_AimetHtpConfigV73) {
  const auto g = unary("aten.tanh.default", act_u8(), act_u8());
  EXPECT_TRUE(run(g).has("accuracy.tanh-range"));
  EXPECT_FALSE(run(g, "", "SM8450").has("accuracy.tanh-range"));  // v69
}

// F-060 (c): onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/layernormalization_test.cc:180-193
// (QNN 2.24-2.27: LayerNorm without a bias fails validation intermittently; 2.28.0: accuracy errors).
TEST(Facts, LayerNormWithoutBiasInSdk224To228_OrtQnnLayerNormTest) {
  auto g = [](bool bias) {
    GraphBuilder b;
    b.input("x").weight("w").weight("b");
    std::vector<std::pair<std::string, json>> ins = {{"x", act_u8()}, {"w", act_u8()}};
    if (bias) ins.push_back({"b", bias_s32("x", "w", "op")});
    b.op("op", "aten.layer_norm.default", ins, act_u8());
    return b;
  };
  const Check old = run(g(false), "2.26");
  EXPECT_TRUE(old.has("sdk.layernorm-no-bias"));
  EXPECT_EQ(old.status(), Status::fail);
  EXPECT_EQ(run(g(true), "2.26").status(), Status::pass);
  const Check acc = run(g(false), "2.28");
  EXPECT_TRUE(acc.has("accuracy.layernorm-no-bias"));
  EXPECT_EQ(acc.status(), Status::pass);
  EXPECT_FALSE(run(g(false), "2.37").has("accuracy.layernorm-no-bias"));
}

// F-028: google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/transformation/mha_to_sha.cc:955-965
// (Concat instead of Pack(axis=2) because of an HTP accuracy issue).
TEST(Facts, PackAxis2Warns_LiteRtMhaToSha) {
  auto g = [](int dim) {
    GraphBuilder b;
    b.input("x").input("y");
    json node = {{"name", "op"}, {"op", "call_function"}, {"target", "aten.stack.default"},
                 {"args", json::array({json::array({{{"node", "x"}}, {{"node", "y"}}}), dim})}, {"val", tensor()}};
    node["annotation"] = {{"input_qspec_map", json::array({{{"arg", "x"}, {"qspec", act_u8()}}, {{"arg", "y"}, {"qspec", act_u8()}}})},
                          {"output_qspec", act_u8()}};
    b.doc()["nodes"].push_back(node);
    return b;
  };
  const Check axis2 = run(g(2));
  EXPECT_TRUE(axis2.has("accuracy.pack-axis2"));
  EXPECT_EQ(axis2.status(), Status::pass);
  EXPECT_FALSE(run(g(0)).has("accuracy.pack-axis2"));
}

// ---- SoCs ------------------------------------------------------------------------------------------------

// socs.md: google-ai-edge/LiteRT@cae48b7a litert/vendors/qualcomm/core/schema/soc_table.cc IsFp16Supported is
// false for SAR2230P (v81), so a float op fails there; SA8775P is SA8255's id 52 (LiteRT soc_table.h@f6745779).
TEST(Facts, Sar2230pHasNoFp16AndSa8775pIsSa8255_LiteRtSocTable) {
  GraphBuilder g;
  g.input("x").doc()["nodes"].push_back(
      {{"name", "op"}, {"op", "call_function"}, {"target", "aten.relu.default"}, {"args", {{{"node", "x"}}}},
       {"val", tensor()}, {"annotation", {{"input_qspec_map", json::array()}, {"output_qspec", nullptr}}}});
  EXPECT_TRUE(run(g, "", "SAR2230P").has("soc.fp16-unsupported"));
  EXPECT_EQ(run(g, "", "SW6100").status(), Status::pass);
  const Check alias = run(g, "", "SA8775P");
  EXPECT_EQ(alias.report.soc_model, "SA8255");
  EXPECT_EQ(alias.report.arch, "v73");
}

// ---- LPAI ------------------------------------------------------------------------------------------------

// F-070: pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/lpai_rules.py:1083-1125 (16-bit Tanh
// output scale 1/32768, zero_point 32768, from the QNN document).
TEST(Facts, LpaiTanh16BitFixedOutput_EtLpaiRules) {
  Options o;
  o.backend = "lpai";
  o.soc = "SM8850";
  const auto free = unary("aten.tanh.default", act_u16(), act_u16());
  const auto fixed = unary("aten.tanh.default", act_u16(), fixed_observer(1.0 / 32768, 32768, 0, 65535));
  EXPECT_TRUE(has_rule(find_result(validate(free.str(), o, *builtin_data()), "op"), "encoding.fixed-qparams"));
  EXPECT_EQ(find_result(validate(fixed.str(), o, *builtin_data()), "op")->status, Status::pass);
}

// F-056: QNN LPAI Op Support Revision History (docs.qualcomm.com 80-63442-10 lpai_opdef_version_history, 2026-06-04):
// RmsNorm added to LPAI in 2.36.
TEST(Facts, LpaiRmsNormFrom236_QnnLpaiHistory) {
  Options o;
  o.backend = "lpai";
  o.soc = "SM8850";
  GraphBuilder g;
  g.input("x").weight("w").op("op", "aten.rms_norm.default", {{"x", act_u8()}, {"w", act_u8()}}, act_u8());
  o.qnn_sdk = "2.35";
  const Report old = validate(g.str(), o, *builtin_data());
  EXPECT_TRUE(has_rule(find_result(old, "op"), "sdk.lpai-rmsnorm-min-sdk"));
  o.qnn_sdk = "2.36";
  EXPECT_EQ(find_result(validate(g.str(), o, *builtin_data()), "op")->status, Status::pass);
}

// F-070: pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/lpai_rules.py:953-1016 (LPAI Sigmoid
// output: a fixed encoding). A warning: the annotation is read, the accuracy effect inferred.
TEST(Facts, LpaiSigmoidFreeOutputWarns_EtLpaiRules) {
  Options o;
  o.backend = "lpai";
  o.soc = "SM8850";
  const Report free = validate(unary("aten.sigmoid.default", act_u8(), act_u8()).str(), o, *builtin_data());
  EXPECT_TRUE(has_rule(find_result(free, "op"), "accuracy.lpai-sigmoid-range"));
  EXPECT_EQ(find_result(free, "op")->status, Status::pass);
  const Report fixed =
      validate(unary("aten.sigmoid.default", act_u8(), fixed_observer(1.0 / 256, 0, 0, 255)).str(), o, *builtin_data());
  EXPECT_FALSE(has_rule(find_result(fixed, "op"), "accuracy.lpai-sigmoid-range"));
}

// ---- data helper "gaps": verdict-corpus misses (tests/verdicts, docs/verdicts.md) ------------------------

// research §9: QNN HtpOpDefSupplement (Argmax, Argmin: input rank at most 4) and onnxruntime/onnxruntime-qnn@cee6c0d9
// onnxruntime/test/providers/qnn/argmax_argmin_test.cc:150-160 (ArgMaxMinU8_RankGreaterThan4_Unsupported).
TEST(Facts, ArgmaxArgminRank5Rejected_QnnHtpSupplementAndOrtQnnArgMaxMinTest) {
  for (const char* target : {"aten.argmax.default", "aten.argmin.default"}) {
    SCOPED_TRACE(target);
    const Check rank5 = run(unary(target, act_u8(), nullptr, json::array({1, true}), shape({1, 3, 4, 4, 4}),
                                  shape({1, 1, 4, 4, 4}, "int64")));
    EXPECT_TRUE(rank5.has("attr.argmax-rank"));
    EXPECT_EQ(rank5.status(), Status::fail);
    EXPECT_EQ(run(unary(target, act_u8(), nullptr, json::array({1, true}), shape({1, 3, 4, 4}),
                        shape({1, 1, 4, 4}, "int64"))).status(),
              Status::pass);
  }
}

// F-041: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/simplifiedlayernormalization_test.cc:195-212
// (SimplifiedLayerNorm_Rank5_Unsupported). A limit on the input rank, apart from the gamma rank (F-010).
TEST(Facts, RmsNormRank5Rejected_OrtQnnSimplifiedLayerNormTest) {
  auto g = [](std::vector<int> dims) {
    GraphBuilder b;
    b.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape(dims)}});
    b.weight("w").op("op", "aten.rms_norm.default", {{"x", act_u16()}, {"w", act_u16()}}, act_u16(), shape(dims));
    return b;
  };
  const Check rank5 = run(g({1, 2, 3, 3, 4}));
  EXPECT_TRUE(rank5.has("attr.rmsnorm-rank"));
  EXPECT_EQ(rank5.status(), Status::fail);
  EXPECT_EQ(run(g({1, 3, 4})).status(), Status::pass);
}

// F-041: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_layer_norm.py:50-57 (only the last input
// dimension) and onnxruntime/onnxruntime-qnn@cee6c0d9 .../layernormalization_test.cc:152-159.
TEST(Facts, LayerNormOverTwoDimsRejected_EtOpLayerNorm) {
  auto g = [](json normalized_shape) {
    GraphBuilder b;
    b.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape({1, 8, 64})}});
    b.weight("w").weight("b").op("op", "aten.layer_norm.default",
                                 {{"x", act_u8()}, {"w", act_u8()}, {"b", bias_s32("x", "w", "op")}}, act_u8(),
                                 shape({1, 8, 64}));
    json& args = b.doc()["nodes"].back()["args"];
    args.insert(args.begin() + 1, normalized_shape);
    return b;
  };
  const Check two = run(g(json::array({8, 64})));
  EXPECT_TRUE(two.has("attr.layernorm-last-dim"));
  EXPECT_EQ(two.status(), Status::fail);
  EXPECT_EQ(run(g(json::array({64}))).status(), Status::pass);
}

// F-042: pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_avg_pool2d.py:86-95 (divisor_override other
// than the pooling region is not supported).
TEST(Facts, AvgPoolDivisorOverrideRejected_EtOpAvgPool2d) {
  json args = json::array({json::array({2, 2}), json::array({2, 2}), json::array({0, 0}), false, true});
  const auto plain = unary("aten.avg_pool2d.default", act_u8(), act_u8(), args, shape({1, 8, 16, 16}),
                           shape({1, 8, 8, 8}));
  EXPECT_EQ(run(plain).status(), Status::pass);
  args.push_back(3);
  const Check divisor = run(unary("aten.avg_pool2d.default", act_u8(), act_u8(), args, shape({1, 8, 16, 16}),
                                  shape({1, 8, 8, 8})));
  EXPECT_TRUE(divisor.has("attr.avg-pool-divisor"));
  EXPECT_EQ(divisor.status(), Status::fail);
}

// executorch issue #14052 (2025-09-08): a view_copy to a rank-6 tensor fails QNN op validation ("incorrect Rank 6").
TEST(Facts, ReshapeToRank6Rejected_EtIssue14052) {
  auto g = [](std::vector<int> out) {
    json sizes = json::array();
    for (int d : out) sizes.push_back(d);
    return unary("aten.view.default", act_u8(), shared_edge("x", "op"), json::array({sizes}), shape({1, 8, 8, 16}),
                 shape(out));
  };
  const Check rank6 = run(g({1, 2, 4, 2, 4, 16}));
  EXPECT_TRUE(rank6.has("attr.rank6-tensor"));
  EXPECT_EQ(rank6.status(), Status::fail);
  EXPECT_EQ(run(g({2, 4, 2, 4, 16})).status(), Status::pass);
}

// research §7: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn/conv_test.cc:1600-1625
// (Conv_PerChannel_UnsupportedAxis) and :1757-1785 (ConvTranspose_PerChannel_UnsupportedAxis: only axis 1).
TEST(Facts, ConvWeightPerChannelAxis_OrtQnnConvTest) {
  auto weight = [](int axis) {
    json w = weight_s8_per_channel();
    w["ch_axis"] = axis;
    return w;
  };
  EXPECT_EQ(run(weighted("aten.conv2d.default", act_u8(), weight(0), act_u8())).status(), Status::pass);
  const Check conv = run(weighted("aten.conv2d.default", act_u8(), weight(2), act_u8()));
  EXPECT_TRUE(conv.has("encoding.axis"));
  EXPECT_EQ(conv.status(), Status::fail);
  EXPECT_EQ(run(weighted("aten.conv_transpose2d.input", act_u8(), weight(1), act_u8())).status(), Status::pass);
  EXPECT_TRUE(run(weighted("aten.conv_transpose2d.input", act_u8(), weight(0), act_u8())).has("encoding.axis"));
  EXPECT_TRUE(run(weighted("aten.conv_transpose2d.input", act_u8(), weight(2), act_u8())).has("encoding.axis"));
}

// google-ai-edge/LiteRT@1122d606 litert/vendors/qualcomm/qnn_backend_test/builder_test/transpose_conv_test.cc:25-89
// (TransposeConvInt64BiasConvertedToInt32: S8 activations with offset 0, S8 filter, S32 bias pass ValidateOpConfig).
TEST(Facts, TransposeConvSignedInt8_LiteRtTransposeConvTest) {
  json s8 = act_s8();
  s8["qscheme"] = "per_tensor_symmetric";
  json filter = weight_s8_per_channel();
  filter["qscheme"] = "per_tensor_symmetric";
  filter.erase("ch_axis");
  EXPECT_EQ(run(weighted("aten.conv_transpose2d.input", s8, filter, s8)).status(), Status::pass);
  // signed in, unsigned out: no such variant
  EXPECT_EQ(run(weighted("aten.conv_transpose2d.input", s8, filter, act_u8())).status(), Status::fail);
}

// google-ai-edge/LiteRT@1122d606 litert/vendors/qualcomm/qnn_backend_test/builder_test/pad_test.cc:52-69,180-184
// (QuantizedPadDefaultConstValueValidatesWithQnn: an SFIXED_POINT_8 Pad, scale 0.5 offset 10 in and out, passes
// ValidateOpConfig and Finalize).
TEST(Facts, PadSignedInt8_LiteRtPadTest) {
  const json pads = json::array({json::array({1, 1, 1, 1}), "constant", 0.0});
  EXPECT_EQ(run(unary("aten.pad.default", act_s8(), act_s8(), pads)).status(), Status::pass);
  // signed in, unsigned out: no such variant
  EXPECT_EQ(run(unary("aten.pad.default", act_s8(), act_u8(), pads)).status(), Status::fail);
}

// research §8: pytorch/executorch@cff6f4dd backends/qualcomm/tests/rework/htp/op/v68/test.py (test_linear_general
// 16a16w_ptq fully delegated on SM8350) against microsoft/onnxruntime#21848 (the HtpOpDefSupplement's Conv2d
// constraint: 16-bit activations with 16-bit weights need v73): decided, FullyConnected passes, Conv2d fails.
TEST(Facts, SixteenBitWeightLinearPassesOnV68ButConvFails_EtV68LinearGeneral) {
  EXPECT_EQ(run(weighted("aten.linear.default", act_u16(), weight_s16(), act_u16()), "2.37", "SM8350").status(),
            Status::pass);
  const Check conv = run(weighted("aten.conv2d.default", act_u16(), weight_s16(), act_u16()), "2.37", "SM8350");
  EXPECT_TRUE(conv.has("soc.16a16w-min-arch"));
  EXPECT_EQ(conv.status(), Status::fail);
}

// ---- facts that need string, dtype and shape arguments or two values compared (graph keeps them since #12) ----

// F-027: google-ai-edge/LiteRT litert/vendors/qualcomm pad_op_builder.cc:132 (mirror padding is REFLECT or
// SYMMETRIC only) and onnxruntime/onnxruntime-qnn onnxruntime/test/providers/qnn/pad_test.cc:520-590 (Pad in wrap
// mode not assigned to HTP; edge mode, torch's "replicate", assigned).
TEST(Facts, PadCircularModeRejected_LiteRtPadBuilderAndOrtQnnPadTest) {
  auto pad = [](const json& mode) {
    json extra = json::array({json::array({1, 1, 1, 1})});
    if (!mode.is_null()) extra.push_back(mode);
    return unary("aten.pad.default", act_u8(), act_u8(), extra, shape({1, 8, 16, 16}), shape({1, 8, 18, 18}));
  };
  const Check circular = run(pad("circular"));
  EXPECT_TRUE(circular.has("attr.pad-circular"));
  EXPECT_EQ(circular.status(), Status::fail);
  EXPECT_EQ(run(pad("replicate")).status(), Status::pass);
  EXPECT_EQ(run(pad("constant")).status(), Status::pass);
  EXPECT_EQ(run(pad(nullptr)).status(), Status::pass);  // mode left at its default, constant
  // the mode given by keyword is read the same way
  GraphBuilder kw = pad(nullptr);
  kw.doc()["nodes"].back()["kwargs"] = {{"mode", "circular"}};
  EXPECT_TRUE(run(kw).has("attr.pad-circular"));
}

// F-027: onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder/pad_op_builder.cc:
// 251-255 (reflect mode: a pad amount greater than shape(input[0])[i] - 1 is refused) and
// onnxruntime/test/providers/qnn/pad_test.cc:521-550 (PadReflectMode, pad 1 on a dimension of 2: on HTP;
// PadReflectModeOutOfRangePadAmount, pad 2: not assigned to HTP). Torch's pad list runs from the last dimension: pad[0], pad[1] pad dim -1, pad[2], pad[3] dim -2.
TEST(Facts, PadReflectAmountAtMostSizeMinusOne_OrtQnnPadBuilder) {
  auto pad = [](const std::string& target, const json& pads, const json& mode = nullptr) {
    json extra = json::array({pads});
    if (!mode.is_null()) extra.push_back(mode);
    return unary(target, act_u8(), act_u8(), extra, shape({1, 8, 4, 6}), shape({1, 8, 8, 12}));
  };
  // width 6 takes at most 5, height 4 at most 3
  const Check wide = run(pad("aten.pad.default", json::array({6, 0, 0, 0}), "reflect"));
  EXPECT_TRUE(wide.has("attr.pad-reflect-amount"));
  EXPECT_EQ(wide.status(), Status::fail);
  EXPECT_EQ(run(pad("aten.pad.default", json::array({5, 5, 3, 3}), "reflect")).status(), Status::pass);
  EXPECT_TRUE(run(pad("aten.pad.default", json::array({0, 0, 0, 4}), "reflect")).has("attr.pad-reflect-amount"));
  EXPECT_FALSE(run(pad("aten.pad.default", json::array({6, 6, 4, 4}), "constant")).has("attr.pad-reflect-amount"));
  EXPECT_FALSE(run(pad("aten.pad.default", json::array({6, 6, 4, 4}), "replicate")).has("attr.pad-reflect-amount"));
  EXPECT_FALSE(run(pad("aten.pad.default", json::array({6, 6, 4, 4}))).has("attr.pad-reflect-amount"));  // constant
  // the reflection_pad targets have no mode argument: they are reflect padding
  EXPECT_TRUE(run(pad("aten.reflection_pad2d.default", json::array({0, 6, 0, 0}))).has("attr.pad-reflect-amount"));
  EXPECT_TRUE(run(pad("aten.reflection_pad2d.default", json::array({0, 0, 4, 0}))).has("attr.pad-reflect-amount"));
  EXPECT_EQ(run(pad("aten.reflection_pad2d.default", json::array({5, 5, 3, 3}))).status(), Status::pass);
  EXPECT_TRUE(run(pad("aten.reflection_pad1d.default", json::array({6, 0}))).has("attr.pad-reflect-amount"));
  EXPECT_EQ(run(pad("aten.reflection_pad1d.default", json::array({5, 5}))).status(), Status::pass);
  // a shape without sizes: unknown, never a fail
  GraphBuilder unshaped = pad("aten.pad.default", json::array({60, 60}), "reflect");
  unshaped.doc()["nodes"][0]["val"] = {{"dtype", "float32"}};
  EXPECT_FALSE(run(unshaped).has("attr.pad-reflect-amount"));
}

// F-027: google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/builders/pad_op_builder.cc:123-136 (a float pad
// constant is clamped to at least -65472 until HTP resolves an accuracy issue): a warning, never a fail.
TEST(Facts, FloatPadConstantBelowMinus65472Warns_LiteRtPadBuilder) {
  auto pad = [](const json& value, const json& in = unannotated(), const json& out = nullptr) {
    json extra = json::array({json::array({1, 1}), "constant"});
    if (!value.is_null()) extra.push_back(value);
    return unary("aten.pad.default", in, out, extra, shape({1, 8, 4, 6}), shape({1, 8, 4, 8}));
  };
  const Check low = run(pad(-65504.0));
  EXPECT_TRUE(low.has("accuracy.pad-constant-low"));
  EXPECT_NE(low.status(), Status::fail);
  EXPECT_TRUE(run(pad(-1e9)).has("accuracy.pad-constant-low"));
  EXPECT_TRUE(run(pad(-65473)).has("accuracy.pad-constant-low"));  // an integer value compares the same way
  EXPECT_FALSE(run(pad(-65472.0)).has("accuracy.pad-constant-low"));  // the clamp itself
  EXPECT_FALSE(run(pad(-0.0)).has("accuracy.pad-constant-low"));
  EXPECT_FALSE(run(pad(1.5)).has("accuracy.pad-constant-low"));
  EXPECT_FALSE(run(pad(nullptr)).has("accuracy.pad-constant-low"));  // no value: unknown
  EXPECT_FALSE(run(pad(-1e9, act_u8(), act_u8())).has("accuracy.pad-constant-low"));  // quantized: not the float path
  GraphBuilder kw = pad(nullptr);
  kw.doc()["nodes"].back()["kwargs"] = {{"value", -7e4}};
  EXPECT_TRUE(run(kw).has("accuracy.pad-constant-low"));
}

// F-053: QNN HTP Op Support Revision History 2.44.0 (Cast: SFIXED_POINT_16 to INT_32 enabled): a Cast from a
// signed 16-bit tensor to int32 is refused before SDK 2.44; an int8 -> int32 cast is not concerned.
TEST(Facts, CastInt16ToInt32NeedsSdk244_QnnHtpHistory) {
  auto cast = [](const json& in, const std::string& to) {
    return unary("aten.to.dtype", in, nullptr, json::array({{{"dtype", to}}}), shape({1, 8, 16, 16}),
                 shape({1, 8, 16, 16}, to));
  };
  const Check old_sdk = run(cast(act_s16(true), "int32"), "2.43");
  EXPECT_TRUE(old_sdk.has("sdk.cast-int16-to-int32"));
  EXPECT_EQ(old_sdk.status(), Status::fail);
  EXPECT_FALSE(run(cast(act_s16(true), "int32"), "2.44").has("sdk.cast-int16-to-int32"));
  EXPECT_FALSE(run(cast(act_s16(true), "float32"), "2.43").has("sdk.cast-int16-to-int32"));
  EXPECT_FALSE(run(cast(act_s8(), "int32"), "2.43").has("sdk.cast-int16-to-int32"));
}

// F-010: onnxruntime/onnxruntime-qnn PR #674 (merged 2026-07-28): QNN's RmsNorm validation fails (3110) when the
// gamma's rank differs from the number of normalized axes (gamma [1, 1, 64] for normalized_shape [64]).
TEST(Facts, RmsNormGammaRankEqualsNormalizedAxes_OrtQnnPr674) {
  auto rms = [](std::vector<int> gamma) {
    GraphBuilder g;
    g.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"}, {"val", shape({1, 8, 64})}});
    g.doc()["nodes"].push_back({{"name", "w"}, {"op", "get_attr"}, {"target", "w"}, {"val", shape(gamma)}});
    g.op("op", "aten.rms_norm.default", {{"x", act_u16()}, {"w", act_u16()}}, act_u16(), shape({1, 8, 64}));
    json& args = g.doc()["nodes"].back()["args"];
    args = json::array({args[0], json::array({64}), args[1], 1e-6});
    return g;
  };
  const Check wrong = run(rms({1, 1, 64}));
  EXPECT_TRUE(wrong.has("attr.rms-norm-gamma-rank"));
  EXPECT_EQ(wrong.status(), Status::fail);
  EXPECT_FALSE(run(rms({64})).has("attr.rms-norm-gamma-rank"));
}

// F-042: pytorch/executorch backends/qualcomm/builders/op_avg_pool2d.py (divisor_override other than the kernel
// area is refused): an override equal to the kernel area is the plain average and passes.
TEST(Facts, AvgPoolDivisorOverrideEqualToKernelAreaPasses_EtOpAvgPool2d) {
  json args = json::array({json::array({2, 2}), json::array({2, 2}), json::array({0, 0}), false, true, 4});
  const Check area = run(unary("aten.avg_pool2d.default", act_u8(), act_u8(), args, shape({1, 8, 16, 16}),
                               shape({1, 8, 8, 8})));
  EXPECT_FALSE(area.has("attr.avg-pool-divisor"));
  EXPECT_EQ(area.status(), Status::pass);
}

}  // namespace
}  // namespace qnnv::testing
