// The constraint kinds of data format v1's second round (docs/data-format.md): attribute conditions,
// offset-only constraints, mixed quantized/float I/O, data checks (cross-port, attribute, accuracy) and
// QNN SDK ranges. Each is written in a small qnnv.data document, loaded by the real loader, and checked
// on a small graph: one case where it fires and one where it does not.
#include <gtest/gtest.h>

#include <array>

#include "graph_builder.h"

namespace qnnv::testing {
namespace {

// One SoC (v79), one op Foo (aten.foo.default) with the given variants and checks.
std::shared_ptr<const ConstraintData> data_with(const std::string& variants, const std::string& checks = "[]",
                                                const std::string& extra = "") {
  const std::string doc = R"({"format": "qnnv.data", "version": 1, "data_version": "t",)" + extra + R"(
    "socs": [{"model": "SM8750", "id": 69, "htp_arch": 79, "source": "t", "basis": "read", "aliases": ["SM8750P"]},
             {"model": "SM8450", "id": 36, "htp_arch": 69, "source": "t", "basis": "read"}],
    "backends": {"htp": {
      "port_templates": {"a8": {"dtype": "UFIXED_POINT_8"}, "a16": {"dtype": "UFIXED_POINT_16"},
                         "f": {"dtype": ["FLOAT_16", "FLOAT_32"]}},
      "rules": [{"target": "aten.foo.default", "qnn_op": "Foo", "source": "t", "basis": "read"}],
      "ops": {"Foo": {"source": "test", "basis": "read", "variants": )" + variants + R"(}},
      "checks": )" + checks + R"(}}})";
  return load_data(doc, "test data", nullptr);
}

// x -> foo(x[, w]) with the given specs; extra args appended after the node references.
std::string graph(const json& in_spec, const json& out_spec, const json& extra_args = json::array(),
                  const json& val = tensor(), const json& w_spec = unannotated()) {
  GraphBuilder g;
  g.input("x");
  std::vector<std::pair<std::string, json>> ins = {{"x", in_spec}};
  if (!w_spec.is_discarded()) {
    g.weight("w");
    ins.push_back({"w", w_spec});
  }
  g.op("foo", "aten.foo.default", ins, out_spec, val);
  for (const auto& a : extra_args) g.doc()["nodes"].back()["args"].push_back(a);
  return g.str();
}

const NodeResult& foo(const Report& r) { return *find_result(r, "foo"); }

Report run(const ConstraintData& d, const std::string& g, const std::string& sdk = "", const std::string& soc = "SM8750") {
  Options o;
  o.backend = "htp";
  o.soc = soc;
  o.qnn_sdk = sdk;
  return validate(g, o, d);
}

// ---- attribute-dependent variants: args[1] (groups) picks the variant --------------------------------
TEST(DataKinds, VariantWhenArgumentPicksTheVariant) {
  auto d = data_with(R"([{"name": "INT8 groups 1", "when": [{"arg": 1, "kwarg": "groups", "values": [1], "absent": 1}],
                         "inputs": ["a8"], "outputs": ["a8"]}])");
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8(), json::array({1})))).status, Status::pass);
  const Report bad = run(*d, graph(act_u8(), act_u8(), json::array({4})));
  EXPECT_EQ(foo(bad).status, Status::fail);
  EXPECT_TRUE(has_rule(&foo(bad), "dtype.unsupported-combination"));
  // absent: the call leaves groups out, which means 1
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8()))).status, Status::pass);
}

TEST(DataKinds, ArgumentConditionReadsKwargsByName) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-dim", "ops": ["Foo"], "when": [{"arg": 1, "kwarg": "dim", "not_values": [-1, 1]}],
                          "message": "{op} only on the last axis", "source": "s", "basis": "read"}])");
  GraphBuilder g;
  g.input("x").op("foo", "aten.foo.default", {{"x", act_u8()}}, act_u8());
  g.doc()["nodes"].back()["kwargs"] = {{"dim", 0}};
  const Report r = run(*d, g.str());
  EXPECT_TRUE(has_rule(&foo(r), "attr.foo-dim"));
  g.doc()["nodes"].back()["kwargs"] = {{"dim", -1}};
  EXPECT_EQ(foo(run(*d, g.str())).status, Status::pass);
  // unknown (not passed, no "absent"): never fires
  g.doc()["nodes"].back().erase("kwargs");
  EXPECT_EQ(foo(run(*d, g.str())).status, Status::pass);
}

TEST(DataKinds, ListArgumentElementCondition) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-kernel", "when": [{"arg": 1, "element": 0, "values": [1]}],
                          "message": "kernel 1", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({json::array({1, 3})})))), "attr.foo-kernel"));
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({json::array({3, 1})})))), "attr.foo-kernel"));
}

TEST(DataKinds, RankConditionUsesTheInputShape) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-rank", "when": [{"port": "in[0]", "rank_min": 5}],
                          "message": "{op} takes rank 4 at most", "source": "s", "basis": "read"}])");
  GraphBuilder g;
  g.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"},
                              {"val", {{"dtype", "float32"}, {"shape", {1, 2, 3, 4, 5}}}}});
  g.op("foo", "aten.foo.default", {{"x", act_u8()}}, act_u8());
  const Report r = run(*d, g.str());
  ASSERT_TRUE(has_rule(&foo(r), "attr.foo-rank"));
  EXPECT_EQ(foo(r).findings[0].port, "in[0]");
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8()))).status, Status::pass);  // rank 2
}

TEST(DataKinds, PresentConditionAsksForAMissingPort) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8", "a8?"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-no-second", "when": [{"port": "in[1]", "present": false}],
                          "message": "{op} needs its second input", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*d, graph(act_u8(), act_u8()))), "attr.foo-no-second"));
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array(), tensor(), act_u8()))), "attr.foo-no-second"));
  EXPECT_NE(explain_text(*d, "htp", "Foo", "SM8750").find("in[1] not present"), std::string::npos);
  EXPECT_THROW(data_with("[]", R"([{"id": "a.b", "when": [{"port": "*", "present": false}], "message": "m",
                                   "source": "s", "basis": "read"}])"),
               InputError);
}

// ---- offsets -----------------------------------------------------------------------------------------
TEST(DataKinds, OffsetZeroAcceptsSymmetricSignedAndRejectsAffine) {
  auto d = data_with(R"([{"name": "INT16", "inputs": [{"dtype": "SFIXED_POINT_16",
                           "constraints": [{"encodings": ["SCALE_OFFSET"], "offset": 0}]}], "outputs": [{"dtype": "SFIXED_POINT_16"}]}])");
  EXPECT_EQ(foo(run(*d, graph(weight_s16(), weight_s16()))).status, Status::pass);
  json affine = weight_s16();
  affine["qscheme"] = "per_tensor_affine";
  const Report r = run(*d, graph(affine, weight_s16()));
  ASSERT_TRUE(has_rule(&foo(r), "encoding.offset"));
  EXPECT_EQ(foo(r).findings[0].expected, "zero_point 0");
}

TEST(DataKinds, OffsetMinus32768IsAUint16RangeWithZeroPoint32768) {
  auto d = data_with(R"([{"name": "INT16", "inputs": [{"dtype": "UFIXED_POINT_16",
                           "constraints": [{"encodings": ["SCALE_OFFSET"], "offset": -32768}]}], "outputs": ["a16"]}])");
  // what the real quantizer writes: int32 [0, 65535] with a fixed zero point 32768
  EXPECT_EQ(foo(run(*d, graph(fixed_observer(1.0 / 32768, 32768, 0, 65535), act_u16()))).status, Status::pass);
  const Report r = run(*d, graph(act_u16(), act_u16()));  // affine: the observer picks the zero point
  EXPECT_TRUE(has_rule(&foo(r), "encoding.offset"));
  EXPECT_TRUE(has_rule(&foo(run(*d, graph(fixed_observer(1.0 / 32768, 0, 0, 65535), act_u16()))), "encoding.offset"));
}

// ---- mixed quantized / float I/O -------------------------------------------------------------------
TEST(DataKinds, QuantizedInputWithUnannotatedFloatOutputIsMixedIo) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}, {"name": "FP16", "inputs": ["f"], "outputs": ["f"]}])");
  const Report r = run(*d, graph(act_u8(), nullptr));
  EXPECT_EQ(foo(r).status, Status::fail);
  EXPECT_TRUE(has_rule(&foo(r), "dtype.mixed-io"));
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8()))).status, Status::pass);
  // an integer output (an index) is not a float output: not matched, as before
  EXPECT_EQ(foo(run(*d, graph(act_u8(), nullptr, json::array(), tensor("int64")))).status, Status::pass);
}

TEST(DataKinds, MixedIoVariantWrittenInTheDataMatches) {
  auto d = data_with(R"([{"name": "INT8 in, float out", "inputs": ["a8"], "outputs": ["f"]}])");
  EXPECT_EQ(foo(run(*d, graph(act_u8(), nullptr))).status, Status::pass);
}

// ---- cross-port checks -------------------------------------------------------------------------------
TEST(DataKinds, CrossPortCheckFiresOnlyForTheGivenCombination) {
  auto d = data_with(R"([{"name": "any", "inputs": [{"dtype": ["UFIXED_POINT_8", "UFIXED_POINT_16"]},
                           {"dtype": "SFIXED_POINT_8"}], "outputs": [{"dtype": ["UFIXED_POINT_8", "UFIXED_POINT_16"]}]}])",
                     R"([{"id": "cross.foo-block-weight", "ops": ["Foo"], "port": "in[1]",
                          "when": [{"port": "in[0]", "bits": 8}, {"port": "in[1]", "encodings": ["BLOCKWISE_EXPANSION"]}],
                          "message": "block-wise weights need 16-bit activations", "expected": "UFIXED_POINT_16 in[0]",
                          "source": "s", "basis": "read"}])");
  const Report r = run(*d, graph(act_u8(), act_u8(), json::array(), tensor(), weight_s4_block()));
  ASSERT_TRUE(has_rule(&foo(r), "cross.foo-block-weight"));
  EXPECT_EQ(foo(r).findings[0].port, "in[1]");
  EXPECT_EQ(foo(r).findings[0].basis, "read");
  EXPECT_EQ(foo(run(*d, graph(act_u16(), act_u16(), json::array(), tensor(), weight_s4_block()))).status, Status::pass);
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8(), json::array(), tensor(), weight_s8_per_channel()))).status, Status::pass);
}

// ---- accuracy warnings -------------------------------------------------------------------------------
TEST(DataKinds, AccuracyCheckWarnsButTheNodePasses) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "accuracy.foo-range", "severity": "accuracy",
                          "when": [{"port": "out[0]", "quantized": true, "fixed_qparams": false}],
                          "message": "{op} output has a fixed range", "source": "s", "basis": "read"}])");
  const Report r = run(*d, graph(act_u8(), act_u8()));
  EXPECT_EQ(foo(r).status, Status::pass);
  ASSERT_TRUE(has_rule(&foo(r), "accuracy.foo-range"));
  EXPECT_EQ(foo(r).findings[0].severity, Severity::warning);
  EXPECT_TRUE(r.ok);
  const Report fixed = run(*d, graph(act_u8(), fixed_observer(1.0 / 256, 0, 0, 255)));
  EXPECT_FALSE(has_rule(&foo(fixed), "accuracy.foo-range"));
}

TEST(DataKinds, AccuracyIdsAndSeverityGoTogether) {
  EXPECT_THROW(data_with("[]", R"([{"id": "attr.x", "severity": "accuracy", "when": [{"port": "out[0]"}],
                                    "message": "m", "source": "s", "basis": "read"}])"),
               InputError);
  EXPECT_THROW(data_with("[]", R"([{"id": "accuracy.x", "when": [{"port": "out[0]"}], "message": "m",
                                    "source": "s", "basis": "read"}])"),
               InputError);
}

// ---- QNN SDK ranges ----------------------------------------------------------------------------------
TEST(DataKinds, SdkRangesSelectFactsAndTheNewestIsTheDefault) {
  auto d = data_with(R"([{"name": "INT16", "sdk_from": "2.39", "inputs": ["a16"], "outputs": ["a16"]},
                         {"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-old-sdk", "sdk_until": "2.30", "when": [{"port": "in[0]", "bits": 8}],
                          "message": "QNN {sdk} rejects it", "source": "s", "basis": "read"}])",
                     R"("qnn_sdk_versions": ["2.28", "2.49"],)");
  EXPECT_EQ(d->sdk_versions, (std::vector<int>{2028, 2030, 2039, 2049}));
  const Report def = run(*d, graph(act_u16(), act_u16()));
  EXPECT_EQ(def.qnn_sdk, "2.49");
  EXPECT_EQ(def.qnn_sdk_from, "default");
  EXPECT_EQ(foo(def).status, Status::pass);
  const Report old = run(*d, graph(act_u16(), act_u16()), "2.37");
  EXPECT_EQ(old.qnn_sdk, "2.37");
  EXPECT_EQ(old.qnn_sdk_from, "option");
  EXPECT_TRUE(has_rule(&foo(old), "dtype.unsupported-combination"));
  const Report older = run(*d, graph(act_u8(), act_u8()), "2.28");
  ASSERT_TRUE(has_rule(&foo(older), "attr.foo-old-sdk"));
  EXPECT_EQ(foo(older).findings[0].message, "QNN 2.28 rejects it");
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8()), "2.30")), "attr.foo-old-sdk"));
  EXPECT_NE(report_to_json(def).find("\"qnn_sdk\": \"2.49\""), std::string::npos);
  try {
    run(*d, graph(act_u8(), act_u8()), "latest");
    FAIL() << "a bad version is an input error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "options.bad-qnn-sdk");
  }
}

// Data read from an SDK (scripts/import_backend_opinfo.py writes "qnn_sdk") is checked for that SDK by default,
// not for the newest version another document (here the built-in data under it) knows.
TEST(DataKinds, DataReadFromAnSdkMakesItTheDefault) {
  const std::string doc = R"({"format": "qnnv.data", "version": 1, "data_version": "imported", "qnn_sdk": "2.41"})";
  auto d = load_data(doc, "imported", builtin_data().get());
  EXPECT_EQ(d->default_sdk(), 2041);
  EXPECT_EQ(builtin_data()->default_sdk(), builtin_data()->sdk_versions.back());
  EXPECT_GT(builtin_data()->default_sdk(), 2041);
  GraphBuilder g;
  g.input("x").op("op", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  Options o;
  o.backend = "htp";
  o.soc = "SM8750";
  const Report def = validate(g.str(), o, *d);
  EXPECT_EQ(def.qnn_sdk, "2.41");
  EXPECT_EQ(def.qnn_sdk_from, "default");
  o.qnn_sdk = "2.49";
  EXPECT_EQ(validate(g.str(), o, *d).qnn_sdk, "2.49");
  // a later document without "qnn_sdk" keeps it; a bad one is a located error
  EXPECT_EQ(load_data(R"({"format": "qnnv.data", "version": 1, "data_version": "t"})", "t", d.get())->default_sdk(), 2041);
  try {
    load_data(R"({"format": "qnnv.data", "version": 1, "data_version": "t", "qnn_sdk": "2.x"})", "t", nullptr);
    FAIL() << "a bad qnn_sdk is an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "data.bad-value");
    EXPECT_EQ(e.info().pointer, "/qnn_sdk");
  }
}

TEST(DataKinds, SdkVersionTextRoundTrips) {
  EXPECT_EQ(parse_sdk_version("2.39"), 2039);
  EXPECT_EQ(parse_sdk_version("2.39.0"), 2039);
  EXPECT_EQ(parse_sdk_version("2.4"), 2004);
  EXPECT_FALSE(parse_sdk_version("2"));
  EXPECT_FALSE(parse_sdk_version("2.x"));
  EXPECT_FALSE(parse_sdk_version("v2.39"));
  EXPECT_EQ(sdk_version_text(2039), "2.39");
}

TEST(DataKinds, BadConditionsAreLocatedErrors) {
  auto code_at = [](const std::string& checks) -> std::pair<std::string, std::string> {
    try {
      data_with("[]", checks);
    } catch (const InputError& e) {
      return {e.info().code, e.info().pointer};
    }
    return {"", ""};
  };
  EXPECT_EQ(code_at(R"([{"id": "a.b", "when": [{"arg": 1}], "message": "m", "source": "s", "basis": "read"}])"),
            (std::pair<std::string, std::string>{"data.bad-value", "/backends/htp/checks/0/when/0"}));
  EXPECT_EQ(code_at(R"([{"id": "a.b", "when": [{"port": "in[0]", "arg": 1, "values": [1]}], "message": "m", "source": "s", "basis": "read"}])"),
            (std::pair<std::string, std::string>{"data.bad-value", "/backends/htp/checks/0/when/0"}));
  EXPECT_EQ(code_at(R"([{"id": "a.b", "sdk_from": "2.x", "when": [{"port": "in[0]"}], "message": "m", "source": "s", "basis": "read"}])"),
            (std::pair<std::string, std::string>{"data.bad-value", "/backends/htp/checks/0/sdk_from"}));
  EXPECT_EQ(code_at(R"([{"id": "a.b", "when": [], "message": "m", "source": "s", "basis": "read"}])").first, "data.bad-value");
  EXPECT_EQ(code_at(R"([{"id": "a.b", "when": [{"port": "in[0]"}], "message": "m"}])").first, "data.missing-field");
}

TEST(DataKinds, SocAliasFindsTheSoc) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])");
  ASSERT_NE(d->find_soc("sm8750p"), nullptr);
  EXPECT_EQ(d->find_soc("SM8750P")->model, "SM8750");
}

TEST(DataKinds, ExplainShowsChecksConditionsAndSdkRanges) {
  auto d = data_with(R"([{"name": "INT16", "sdk_from": "2.39", "when": [{"arg": 1, "values": [1]}], "inputs": ["a16"], "outputs": ["a16"]}])",
                     R"([{"id": "accuracy.foo-range", "severity": "accuracy", "sdk_until": "2.45",
                          "when": [{"port": "out[0]", "fixed_qparams": false}], "message": "m", "source": "src-x", "basis": "read"}])");
  const std::string text = explain_text(*d, "htp", "Foo", "SM8750");
  EXPECT_NE(text.find("[QNN SDK 2.39+]"), std::string::npos) << text;
  EXPECT_NE(text.find("when args[1] in {1}"), std::string::npos) << text;
  EXPECT_NE(text.find("accuracy.foo-range (accuracy) [QNN SDK before 2.45]"), std::string::npos) << text;
  EXPECT_NE(text.find("when out[0] not fixed_qparams"), std::string::npos) << text;
  const std::string cov = coverage_text(*d);
  EXPECT_NE(cov.find("QNN SDK 2.39: 1 variants (1 read, 0 inferred), 1 SoC rules and checks (1 read)"), std::string::npos) << cov;
  EXPECT_NE(cov.find("QNN SDK 2.45: 1 variants (1 read, 0 inferred), 0 SoC rules and checks"), std::string::npos) << cov;
}

// ---- string, dtype, size and comparison conditions ----------------------------------------------------
TEST(DataKinds, StringConditionReadsAStringArgumentPositionalOrByName) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-mode", "when": [{"arg": 1, "kwarg": "mode", "strings": ["circular"]}],
                          "message": "no wrap", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({"circular"})))), "attr.foo-mode"));
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({"reflect"})))), "attr.foo-mode"));
  // an integer in that place is not a string: as good as absent, unknown, never fires
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8(), json::array({3})))).status, Status::pass);
  GraphBuilder g;
  g.input("x").op("foo", "aten.foo.default", {{"x", act_u8()}}, act_u8());
  g.doc()["nodes"].back()["kwargs"] = {{"mode", "circular"}};
  EXPECT_TRUE(has_rule(&foo(run(*d, g.str())), "attr.foo-mode"));
  auto not_d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                         R"([{"id": "attr.foo-mode", "when": [{"arg": 1, "not_strings": ["constant", "reflect"]}],
                              "message": "m", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*not_d, graph(act_u8(), act_u8(), json::array({"circular"})))), "attr.foo-mode"));
  EXPECT_FALSE(has_rule(&foo(run(*not_d, graph(act_u8(), act_u8(), json::array({"reflect"})))), "attr.foo-mode"));
}

TEST(DataKinds, DtypeConditionReadsADtypeArgument) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-to", "when": [{"arg": 1, "kwarg": "dtype", "torch_dtypes": ["int32", "int64"]}],
                          "message": "m", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({json{{"dtype", "int64"}}})))), "attr.foo-to"));
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({json{{"dtype", "float16"}}})))), "attr.foo-to"));
  // a string "int32" is a string, not a dtype argument
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({"int32"})))), "attr.foo-to"));
}

TEST(DataKinds, SizeConditionReadsOneSizeOfAPortsShape) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-width", "when": [{"port": "in[0]", "dim": -1, "not_values": [1]}],
                          "message": "m", "source": "s", "basis": "read"}])");
  const auto with_shape = [&](const json& shape) {
    GraphBuilder g;
    g.doc()["nodes"].push_back({{"name", "x"}, {"op", "placeholder"}, {"target", "x"},
                                {"val", {{"dtype", "float32"}, {"shape", shape}}}});
    g.op("foo", "aten.foo.default", {{"x", act_u8()}}, act_u8());
    return foo(run(*d, g.str()));
  };
  const NodeResult wide = with_shape(json::array({8, 3})), narrow = with_shape(json::array({8, 1}));
  EXPECT_TRUE(has_rule(&wide, "attr.foo-width"));
  EXPECT_FALSE(has_rule(&narrow, "attr.foo-width"));
  EXPECT_EQ(with_shape(json::array({8, "s0"})).status, Status::pass);  // a symbolic size: unknown
  EXPECT_EQ(with_shape(json::array()).status, Status::pass);           // no such size: unknown
}

TEST(DataKinds, ComparisonConditionComparesTwoValues) {
  // rank of a port against the length of a list argument
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-rank-vs-len", "when": [{"compare": [{"port": "in[0]", "measure": "rank"},
                          {"arg": 1, "kwarg": "shape", "measure": "length"}], "relation": "not_equal"}],
                          "message": "m", "source": "s", "basis": "read"}])");
  // tensor() is rank 2
  EXPECT_TRUE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({json::array({8})})))), "attr.foo-rank-vs-len"));
  EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({json::array({1, 8})})))), "attr.foo-rank-vs-len"));
  EXPECT_EQ(foo(run(*d, graph(act_u8(), act_u8()))).status, Status::pass);  // not passed: unknown
  // an integer argument against the product of a list argument
  auto p = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-area", "when": [{"compare": [{"arg": 2}, {"arg": 1, "measure": "product"}],
                          "relation": "not_equal"}], "message": "m", "source": "s", "basis": "read"}])");
  const auto area = [&](const json& kernel, const json& divisor) {
    return has_rule(&foo(run(*p, graph(act_u8(), act_u8(), json::array({kernel, divisor})))), "attr.foo-area");
  };
  EXPECT_TRUE(area(json::array({3, 3}), 4));
  EXPECT_FALSE(area(json::array({3, 3}), 9));
  EXPECT_FALSE(area(json::array({3, "s0"}), 4));  // an element that is not an integer: unknown
  EXPECT_FALSE(area(json::array({3, 3}), nullptr));  // None: unknown
  // a constant and a size
  auto c = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-eight", "when": [{"compare": [{"port": "in[0]", "measure": "dim", "dim": 1},
                          {"constant": 8}]}], "message": "m", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*c, graph(act_u8(), act_u8()))), "attr.foo-eight"));  // tensor() is [1, 8]
}

TEST(DataKinds, OrderingComparisonsHoldBothWays) {
  // each relation against a constant: the argument 4, 5 or 6 compared with 5
  const std::pair<const char*, std::array<bool, 3>> table[] = {
      {"equal", {false, true, false}}, {"not_equal", {true, false, true}},  {"less", {true, false, false}},
      {"less_equal", {true, true, false}}, {"greater", {false, false, true}}, {"greater_equal", {false, true, true}}};
  for (const auto& [relation, expected] : table) {
    auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                       std::string(R"([{"id": "attr.foo-five", "when": [{"compare": [{"arg": 1}, {"constant": 5}], "relation": ")") +
                           relation + R"("}], "message": "m", "source": "s", "basis": "read"}])");
    for (int v = 4; v <= 6; ++v)
      EXPECT_EQ(has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({v})))), "attr.foo-five"), expected[size_t(v - 4)])
          << relation << " " << v;
    EXPECT_FALSE(has_rule(&foo(run(*d, graph(act_u8(), act_u8()))), "attr.foo-five")) << relation;  // absent: unknown
  }
  // an element of a list argument against a size of the input's shape (tensor() is [1, 8])
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-pad", "when": [{"compare": [{"arg": 1, "element": 1}, {"port": "in[0]", "measure": "dim", "dim": -1}],
                          "relation": "greater_equal"}], "message": "m", "source": "s", "basis": "read"}])");
  const auto fires = [&](const json& pad) {
    return has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({pad})))), "attr.foo-pad");
  };
  EXPECT_TRUE(fires(json::array({0, 8})));
  EXPECT_FALSE(fires(json::array({0, 7})));   // the nearest accepted neighbour
  EXPECT_FALSE(fires(json::array({8, 0})));   // element 0 is not the one compared
  EXPECT_FALSE(fires(json::array({9})));      // no element 1: unknown
  EXPECT_FALSE(fires(json::array({0, "s0"})));  // not an integer: unknown
  EXPECT_FALSE(fires(3));                     // a scalar has no elements: unknown
}

TEST(DataKinds, ComparisonsReadFloatArguments) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-low", "when": [{"compare": [{"arg": 1, "kwarg": "value"}, {"constant": -65472}], "relation": "less"}],
                          "message": "m", "source": "s", "basis": "read"},
                         {"id": "attr.foo-zero", "when": [{"compare": [{"arg": 1, "kwarg": "value"}, {"constant": 0}], "relation": "equal"}],
                          "message": "m", "source": "s", "basis": "read"}])");
  const auto fires = [&](const json& value, const char* id) {
    return has_rule(&foo(run(*d, graph(act_u8(), act_u8(), json::array({value})))), id);
  };
  EXPECT_TRUE(fires(-65504.0, "attr.foo-low"));
  EXPECT_TRUE(fires(-65472.5, "attr.foo-low"));
  EXPECT_FALSE(fires(-65472.0, "attr.foo-low"));  // the nearest accepted neighbour
  EXPECT_FALSE(fires(1.7976931348623157e308, "attr.foo-low"));
  EXPECT_TRUE(fires(-1.7976931348623157e308, "attr.foo-low"));
  EXPECT_TRUE(fires(-65473, "attr.foo-low"));  // an integer argument compares the same way
  EXPECT_TRUE(fires(-0.0, "attr.foo-zero"));   // -0.0 equals 0
  EXPECT_TRUE(fires(0.0, "attr.foo-zero"));
  EXPECT_FALSE(fires(4.9e-324, "attr.foo-zero"));
  EXPECT_FALSE(fires("-1e9", "attr.foo-low"));  // a string is not a number: unknown
  // by keyword
  GraphBuilder kw;
  kw.input("x");
  kw.op("foo", "aten.foo.default", {{"x", act_u8()}}, act_u8());
  kw.doc()["nodes"].back()["kwargs"] = {{"value", -1e5}};
  EXPECT_TRUE(has_rule(&foo(run(*d, kw.str())), "attr.foo-low"));
  // integer conditions still read integer arguments only: a float 1.0 is not the integer 1
  auto i = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-one", "when": [{"arg": 1, "values": [1]}], "message": "m", "source": "s", "basis": "read"}])");
  EXPECT_TRUE(has_rule(&foo(run(*i, graph(act_u8(), act_u8(), json::array({1})))), "attr.foo-one"));
  EXPECT_FALSE(has_rule(&foo(run(*i, graph(act_u8(), act_u8(), json::array({1.0})))), "attr.foo-one"));
}

TEST(DataKinds, TargetAndAlternativeConditions) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-target", "when": [{"targets": ["aten.foo.default"]}], "message": "m", "source": "s", "basis": "read"},
                         {"id": "attr.foo-other-target", "when": [{"targets": ["aten.bar.default"]}], "message": "m", "source": "s", "basis": "read"},
                         {"id": "attr.foo-one-or-two", "when": [{"any": [{"arg": 1, "values": [1]}, {"arg": 1, "values": [2]}]}],
                          "message": "m", "source": "s", "basis": "read"},
                         {"id": "attr.foo-known-or-not", "when": [{"any": [{"targets": ["aten.bar.default"]}, {"arg": 1, "values": [7]}]}],
                          "message": "m", "source": "s", "basis": "read"}])");
  const auto fires = [&](const json& args, const char* id) {
    return has_rule(&foo(run(*d, graph(act_u8(), act_u8(), args))), id);
  };
  EXPECT_TRUE(fires(json::array(), "attr.foo-target"));
  EXPECT_FALSE(fires(json::array(), "attr.foo-other-target"));
  EXPECT_TRUE(fires(json::array({1}), "attr.foo-one-or-two"));
  EXPECT_TRUE(fires(json::array({2}), "attr.foo-one-or-two"));
  EXPECT_FALSE(fires(json::array({3}), "attr.foo-one-or-two"));
  EXPECT_FALSE(fires(json::array(), "attr.foo-one-or-two"));  // absent: unknown
  // one alternative fails, the other is unknown: unknown, which never fires a check
  EXPECT_FALSE(fires(json::array(), "attr.foo-known-or-not"));
  EXPECT_TRUE(fires(json::array({7}), "attr.foo-known-or-not"));
}

TEST(DataKinds, BadNewConditionsAreLocatedErrors) {
  auto code_at = [](const std::string& cond) -> std::pair<std::string, std::string> {
    try {
      data_with("[]", R"([{"id": "a.b", "when": [)" + cond + R"(], "message": "m", "source": "s", "basis": "read"}])");
    } catch (const InputError& e) {
      return {e.info().code, e.info().pointer};
    }
    return {"", ""};
  };
  using P = std::pair<std::string, std::string>;
  const std::string when = "/backends/htp/checks/0/when/0";
  EXPECT_EQ(code_at(R"({"arg": 1, "torch_dtypes": ["int33"]})"), (P{"data.bad-value", when + "/torch_dtypes/0"}));
  EXPECT_EQ(code_at(R"({"arg": 1, "strings": ["a"], "values": [1]})"), (P{"data.bad-value", when}));
  EXPECT_EQ(code_at(R"({"port": "in[0]", "strings": ["a"]})"), (P{"data.bad-value", when}));
  EXPECT_EQ(code_at(R"({"port": "in[0]", "values": [1]})"), (P{"data.bad-value", when}));
  EXPECT_EQ(code_at(R"({"port": "*", "dim": 0, "values": [1]})"), (P{"data.bad-value", when + "/dim"}));
  EXPECT_EQ(code_at(R"({"arg": 1, "dim": 0, "values": [1]})"), (P{"data.bad-value", when + "/dim"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}]})"), (P{"data.bad-value", when + "/compare"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"port": "in[0]", "measure": "length"}]})"),
            (P{"data.bad-value", when + "/compare/1/measure"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"port": "in[0]", "measure": "dim"}]})"),
            (P{"data.missing-field", when + "/compare/1"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"arg": 1, "port": "in[0]"}]})"), (P{"data.bad-value", when + "/compare/1"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"arg": 1, "measure": "size"}]})"),
            (P{"data.bad-value", when + "/compare/1/measure"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"constant": 2}], "port": "in[0]"})"), (P{"data.bad-value", when + "/port"}));
  EXPECT_EQ(code_at(R"({"port": "in[0]", "relation": "equal"})"), (P{"data.bad-value", when + "/relation"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"constant": "x"}]})"), (P{"data.type", when + "/compare/1/constant"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"constant": 2}], "relation": "lt"})"), (P{"data.bad-value", when + "/relation"}));
  // the old boolean "equal" is gone: "relation" says it
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1}, {"constant": 2}], "equal": false})"), (P{"data.unknown-field", when + "/equal"}));
  EXPECT_EQ(code_at(R"({"compare": [{"constant": 1, "element": 0}, {"constant": 2}]})"), (P{"data.bad-value", when + "/compare/0"}));
  EXPECT_EQ(code_at(R"({"compare": [{"arg": 1, "measure": "length", "element": 0}, {"constant": 2}]})"),
            (P{"data.bad-value", when + "/compare/0/element"}));
  EXPECT_EQ(code_at(R"({"compare": [{"port": "in[0]", "measure": "rank", "element": 0}, {"constant": 2}]})"),
            (P{"data.bad-value", when + "/compare/0/element"}));
  EXPECT_EQ(code_at(R"({"targets": []})"), (P{"data.bad-value", when + "/targets"}));
  EXPECT_EQ(code_at(R"({"targets": ["aten.foo.default"], "port": "in[0]"})"), (P{"data.bad-value", when + "/port"}));
  EXPECT_EQ(code_at(R"({"any": [{"arg": 1, "values": [1]}]})"), (P{"data.bad-value", when + "/any"}));
  EXPECT_EQ(code_at(R"({"any": [{"arg": 1, "values": [1]}, {"any": []}]})"), (P{"data.bad-value", when + "/any/1/any"}));
  EXPECT_EQ(code_at(R"({"any": [{"arg": 1, "values": [1]}, {"arg": 1}]})"), (P{"data.bad-value", when + "/any/1"}));
  // An unknown relation's message lists every relation the evaluator knows (its one table).
  try {
    data_with("[]", R"([{"id": "a.b", "when": [{"compare": [{"constant": 1}, {"constant": 2}], "relation": "lt"}], )"
                    R"("message": "m", "source": "s", "basis": "read"}])");
    FAIL() << "an unknown relation is an error";
  } catch (const InputError& e) {
    EXPECT_NE(e.info().message.find(R"(relation is "equal", "not_equal", "less", "less_equal", "greater" or )"
                                    R"("greater_equal", got "lt")"),
              std::string::npos)
        << e.info().message;
  }
}

TEST(DataKinds, ExplainShowsStringDtypeSizeAndComparisonConditions) {
  auto d = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-a", "when": [{"arg": 2, "kwarg": "mode", "strings": ["circular"]},
                          {"arg": 1, "torch_dtypes": ["int32"]}, {"port": "in[1]", "dim": -1, "not_values": [1]},
                          {"compare": [{"port": "in[1]", "measure": "rank"}, {"arg": 1, "kwarg": "normalized_shape", "measure": "length"}],
                           "relation": "not_equal"}], "message": "m", "source": "s", "basis": "read"}])");
  const std::string text = explain_text(*d, "htp", "Foo", "SM8750");
  EXPECT_NE(text.find("when args[2]/mode in {\"circular\"}"), std::string::npos) << text;
  EXPECT_NE(text.find("when args[1] dtype in {\"int32\"}"), std::string::npos) << text;
  EXPECT_NE(text.find("when in[1] size[-1] not in {1}"), std::string::npos) << text;
  EXPECT_NE(text.find("when in[1] rank != args[1]/normalized_shape length"), std::string::npos) << text;
  auto o = data_with(R"([{"name": "INT8", "inputs": ["a8"], "outputs": ["a8"]}])",
                     R"([{"id": "attr.foo-b", "when": [{"any": [{"targets": ["aten.foo.default"]}, {"arg": 2, "kwarg": "mode", "strings": ["reflect"]}]},
                          {"compare": [{"arg": 1, "kwarg": "pad", "element": 0}, {"port": "in[0]", "measure": "dim", "dim": -1}],
                           "relation": "greater_equal"}], "message": "m", "source": "s", "basis": "read"}])");
  const std::string ordered = explain_text(*o, "htp", "Foo", "SM8750");
  EXPECT_NE(ordered.find("when any of (target in {aten.foo.default}; args[2]/mode in {\"reflect\"})"), std::string::npos) << ordered;
  EXPECT_NE(ordered.find("when args[1]/pad[0] >= in[0] size[-1]"), std::string::npos) << ordered;
}

}  // namespace
}  // namespace qnnv::testing
