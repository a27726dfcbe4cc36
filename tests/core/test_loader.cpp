// Graph loader: the two sample graphs, lenient parts of the format, and large inputs.
// Error cases are in test_loader_errors.cpp.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "graph.h"
#include "test_loader_util.h"

namespace qnnv::detail {
namespace {

using loader_test::doc;
using loader_test::index_of;
using loader_test::load;
using loader_test::read_fixture;

TEST(LoaderSamples, TinyDecoderLoads) {
  const Graph g = load(read_fixture("fixtures/tiny_decoder__16a4w_block.json"));
  EXPECT_EQ(g.nodes.size(), 99u);
  EXPECT_EQ(g.qspecs.size(), 30u);  // all specs come from the table: no inline ones
  EXPECT_EQ(g.producer_name, "heldout-harvest");
  EXPECT_EQ(g.hint_backend, "htp");
  EXPECT_EQ(g.hint_soc, "SM8750");
  EXPECT_EQ(g.hint_quant_dtype, "use_16a4w_block");

  // linear: input, LPBQ weight, derived bias.
  const Node& linear = g.nodes[index_of(g, "linear")];
  EXPECT_EQ(linear.op, NodeOp::call_function);
  EXPECT_EQ(linear.target, "aten.linear.default");
  ASSERT_EQ(linear.inputs.size(), 3u);
  EXPECT_EQ(linear.inputs[0], index_of(g, "layer_norm"));
  EXPECT_EQ(linear.inputs[1], index_of(g, "blocks_0_q_weight"));
  ASSERT_EQ(linear.input_qspec_map.size(), 3u);
  EXPECT_EQ(linear.input_qspec_map[1].arg, index_of(g, "blocks_0_q_weight"));
  const QSpec& w = g.qspecs.at(linear.input_qspec_map[1].qspec);
  EXPECT_EQ(w.kind, QSpecKind::quant);
  EXPECT_EQ(w.dtype, TorchDtype::int8);
  EXPECT_EQ(w.quant_min, -7);
  EXPECT_EQ(w.quant_max, 7);
  EXPECT_EQ(w.qscheme, QScheme::per_channel_symmetric);
  EXPECT_EQ(w.ch_axis, 0);
  EXPECT_EQ(w.observer, "PerBlockParamObserver");
  EXPECT_TRUE(w.has_block_size);
  EXPECT_EQ(w.block_size, (std::vector<int64_t>{1, 16}));
  EXPECT_EQ(linear.input_qspec_map[1].qspec, 4u);  // the table's fifth entry

  const QSpec& bias = g.qspecs.at(linear.input_qspec_map[2].qspec);
  EXPECT_EQ(bias.kind, QSpecKind::derived);
  ASSERT_EQ(bias.derived_from.size(), 2u);
  EXPECT_EQ(bias.derived_from[0].producer, index_of(g, "layer_norm"));
  EXPECT_EQ(bias.derived_from[0].consumer, index_of(g, "linear"));
  EXPECT_EQ(bias.derived_from[1].producer, index_of(g, "blocks_0_q_weight"));
  EXPECT_EQ(bias.derived_from[1].consumer, index_of(g, "linear"));
  EXPECT_EQ(bias.quant_min, -2147483648LL);

  // sigmoid: fixed qparams written as observer kwargs (16-bit: 1/65536, 0).
  const Node& sigmoid = g.nodes[index_of(g, "sigmoid")];
  const QSpec& out = g.qspecs.at(sigmoid.output_qspec);
  ASSERT_TRUE(out.scale.has_value());
  EXPECT_DOUBLE_EQ(*out.scale, 1.0 / 65536);
  EXPECT_EQ(out.zero_point, 0);
  EXPECT_EQ(out.observer, "FixedQParamsObserver");
  EXPECT_FALSE(out.has_block_size);

  // shared specs: an input edge and a node output.
  const Node& embedding = g.nodes[index_of(g, "embedding")];
  const QSpec& edge = g.qspecs.at(embedding.output_qspec);
  EXPECT_EQ(edge.kind, QSpecKind::shared);
  EXPECT_EQ(edge.shared.producer, index_of(g, "emb_weight"));
  EXPECT_EQ(edge.shared.consumer, index_of(g, "embedding"));
  const Node& view = g.nodes[index_of(g, "view")];
  const QSpec& node_ref = g.qspecs.at(view.output_qspec);
  EXPECT_EQ(node_ref.kind, QSpecKind::shared);
  EXPECT_EQ(node_ref.shared.producer, index_of(g, "linear"));
  EXPECT_EQ(node_ref.shared.consumer, kNone);

  // annotation on get_attr nodes is kept as written; output node inputs come from nested lists.
  const Node& ln_w = g.nodes[index_of(g, "blocks_0_ln_weight")];
  EXPECT_EQ(ln_w.op, NodeOp::get_attr);
  EXPECT_TRUE(ln_w.annotated);
  EXPECT_EQ(ln_w.output_qspec, kNone);
  const Node& output = g.nodes.back();
  EXPECT_EQ(output.op, NodeOp::output);
  EXPECT_EQ(output.inputs, (std::vector<uint32_t>{index_of(g, "linear_14")}));
  EXPECT_FALSE(output.annotated);
  EXPECT_FALSE(output.val_known);

  const Node& ids = g.nodes[index_of(g, "ids")];
  EXPECT_EQ(ids.op, NodeOp::placeholder);
  ASSERT_EQ(ids.outputs.size(), 1u);
  EXPECT_EQ(ids.outputs[0].dtype, TorchDtype::int64);
  EXPECT_TRUE(ids.val_known);
  EXPECT_FALSE(ids.val_is_list);
  for (size_t i = 0; i < g.nodes.size(); ++i) EXPECT_EQ(g.nodes[i].json_index, i);
}

TEST(LoaderSamples, MobilenetLoads) {
  const Graph g = load(read_fixture("fixtures/mobilenet_v2__8a8w.json"));
  EXPECT_EQ(g.nodes.size(), 210u);
  EXPECT_EQ(g.qspecs.size(), 58u);
  EXPECT_EQ(g.hint_quant_dtype, "use_8a8w");
  const Node& conv = g.nodes[index_of(g, "conv2d")];
  EXPECT_EQ(conv.target, "aten.conv2d.default");
  ASSERT_EQ(conv.input_qspec_map.size(), 3u);
  EXPECT_EQ(conv.input_qspec_map[0].arg, index_of(g, "x"));
  const QSpec& act = g.qspecs.at(conv.input_qspec_map[0].qspec);
  EXPECT_EQ(act.dtype, TorchDtype::uint8);
  EXPECT_EQ(act.qscheme, QScheme::per_tensor_affine);
  EXPECT_FALSE(act.ch_axis.has_value());  // "ch_axis": null
  const QSpec& bias = g.qspecs.at(conv.input_qspec_map[2].qspec);
  ASSERT_EQ(bias.derived_from.size(), 2u);
  EXPECT_EQ(bias.derived_from[0].producer, index_of(g, "x"));
  EXPECT_EQ(bias.derived_from[1].producer, index_of(g, "features_0_0_weight"));
}

TEST(LoaderSamples, Utf8BomAccepted) {
  const std::string text = "\xEF\xBB\xBF" + read_fixture("fixtures/mobilenet_v2__8a8w.json");
  EXPECT_EQ(load(text).nodes.size(), 210u);
}

TEST(LoaderLenient, TargetPrefixStripped) {
  const Graph g = load(doc(R"([
    {"name": "x", "op": "placeholder", "target": "x"},
    {"name": "r", "op": "call_function", "target": "torch.ops.aten.relu.default", "args": [{"node": "x"}]}])"));
  EXPECT_EQ(g.nodes[1].target, "aten.relu.default");
  EXPECT_EQ(g.nodes[0].target, "x");
}

TEST(LoaderLenient, ValForms) {
  const Graph g = load(doc(R"([
    {"name": "a", "op": "placeholder", "target": "a"},
    {"name": "b", "op": "placeholder", "target": "b", "val": null},
    {"name": "c", "op": "placeholder", "target": "c", "val": {"dtype": "bfloat16", "shape": ["s0", -1, 3]}},
    {"name": "d", "op": "call_function", "target": "aten.max.dim", "args": [{"node": "c"}, 0],
     "val": [{"dtype": "float32", "shape": [3]}, null, {"dtype": "torch.int64", "shape": []}]},
    {"name": "e", "op": "placeholder", "target": "e", "val": {"dtype": "complex64", "shape": [2]}},
    {"name": "f", "op": "placeholder", "target": "f", "val": {"shape": [2]}}])"));
  EXPECT_FALSE(g.nodes[0].val_known);
  EXPECT_TRUE(g.nodes[0].outputs.empty());
  EXPECT_FALSE(g.nodes[1].val_known);
  EXPECT_TRUE(g.nodes[2].val_known);
  EXPECT_EQ(g.nodes[2].outputs.at(0).dtype, TorchDtype::bfloat16);
  const Node& d = g.nodes[3];
  EXPECT_TRUE(d.val_is_list);
  ASSERT_EQ(d.outputs.size(), 3u);
  EXPECT_EQ(d.outputs[0].dtype, TorchDtype::float32);
  EXPECT_EQ(d.outputs[1].dtype, TorchDtype::none);
  EXPECT_EQ(d.outputs[2].dtype, TorchDtype::int64);
  EXPECT_EQ(g.nodes[4].outputs.at(0).dtype, TorchDtype::unknown);  // not an error: the validator says so
  EXPECT_EQ(g.nodes[5].outputs.at(0).dtype, TorchDtype::none);
}

TEST(LoaderLenient, InputsFromArgsThenKwargsThroughNestedLists) {
  const Graph g = load(doc(R"([
    {"name": "a", "op": "placeholder", "target": "a"},
    {"name": "b", "op": "placeholder", "target": "b"},
    {"name": "c", "op": "placeholder", "target": "c"},
    {"name": "cat", "op": "call_function", "target": "aten.cat.default",
     "args": [[{"node": "b"}, [{"node": "a"}], "inf", "-inf", "nan", {"dtype": "float32"}], 1, null],
     "kwargs": {"out": {"node": "c"}, "alpha": 2.5, "more": [{"node": "a"}]}}])"));
  EXPECT_EQ(g.nodes[3].inputs, (std::vector<uint32_t>{1, 0, 2, 0}));
}

TEST(LoaderLenient, UnknownNamesAreKeptNotRejected) {
  const Graph g = load(doc(R"([
    {"name": "x", "op": "placeholder", "target": "x"},
    {"name": "r", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "x"}],
     "annotation": {"input_qspec_map": [{"arg": "x", "qspec": 0}], "output_qspec": 0}}])",
                           R"([{"kind": "quant", "dtype": "int4", "quant_min": -8, "quant_max": 7,
                                "qscheme": "per_group_symmetric"}])"));
  const QSpec& q = g.qspecs.at(0);
  EXPECT_EQ(q.dtype, TorchDtype::unknown);
  EXPECT_EQ(q.dtype_name, "int4");
  EXPECT_EQ(q.qscheme, QScheme::unknown);
  EXPECT_EQ(q.qscheme_name, "per_group_symmetric");
}

TEST(LoaderLenient, InlineQspecsAppendedAfterTable) {
  // The table comes after the nodes here: inline specs must still land after it.
  const std::string text = R"({"format": "qnnv.graph", "version": 1,
    "nodes": [
      {"name": "x", "op": "placeholder", "target": "x"},
      {"name": "r", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "x"}],
       "annotation": {"input_qspec_map": [{"arg": "x", "qspec": {"kind": "fixed", "dtype": "uint8",
                        "scale": 0.00390625, "zero_point": 0, "quant_min": 0, "quant_max": 255}}],
                      "output_qspec": {"kind": "shared", "edge": ["x", "r"]}}},
      {"name": "s", "op": "call_function", "target": "aten.sigmoid.default", "args": [{"node": "r"}],
       "annotation": {"input_qspec_map": [{"arg": "r", "qspec": 1}], "output_qspec": null}}],
    "qspecs": [{"kind": "quant", "dtype": "uint8"}, {"kind": "shared", "node": "r"}]})";
  const Graph g = load(text);
  ASSERT_EQ(g.qspecs.size(), 4u);
  const Node& r = g.nodes[1];
  EXPECT_EQ(r.input_qspec_map.at(0).qspec, 2u);
  EXPECT_EQ(r.output_qspec, 3u);
  const QSpec& fixed = g.qspecs[2];
  EXPECT_EQ(fixed.kind, QSpecKind::fixed);
  EXPECT_DOUBLE_EQ(*fixed.scale, 1.0 / 256);
  EXPECT_EQ(fixed.zero_point, 0);
  const QSpec& shared = g.qspecs[3];
  EXPECT_EQ(shared.kind, QSpecKind::shared);
  EXPECT_EQ(shared.shared.producer, 0u);
  EXPECT_EQ(shared.shared.consumer, 1u);
  EXPECT_EQ(g.qspecs[1].shared.producer, 1u);  // table spec naming a node defined after the table
  EXPECT_EQ(g.nodes[2].input_qspec_map.at(0).qspec, 1u);
  EXPECT_TRUE(g.nodes[2].annotated);
  EXPECT_EQ(g.nodes[2].output_qspec, kNone);
}

TEST(LoaderLenient, NestedFakeQuantizeObserverKwargs) {
  const Graph g = load(doc(R"([{"name": "x", "op": "placeholder", "target": "x"}])",
                           R"([{"kind": "quant", "dtype": "int8", "quant_min": -8, "quant_max": 7,
                                "qscheme": "per_channel_symmetric", "ch_axis": 0,
                                "observer": "FakeQuantize",
                                "observer_kwargs": {"observer": {"observer": "PerBlockParamObserver",
                                                                 "observer_kwargs": {"block_size": [1, 32, 1, 1]}},
                                                    "quant_min": -8}},
                               {"kind": "quant", "dtype": "uint8", "observer": "FixedQParamsFakeQuantize",
                                "observer_kwargs": {"observer": {"observer": "FixedQParamsObserver",
                                                    "observer_kwargs": {"scale": 0.5, "zero_point": 3}}}},
                               {"kind": "quant", "dtype": "uint8", "observer": "MinMaxObserver",
                                "observer_kwargs": null}])"));
  const QSpec& lpbq = g.qspecs.at(0);
  EXPECT_TRUE(lpbq.has_block_size);
  EXPECT_EQ(lpbq.block_size, (std::vector<int64_t>{1, 32, 1, 1}));
  EXPECT_EQ(lpbq.observer, "FakeQuantize(PerBlockParamObserver)");
  const QSpec& fixed = g.qspecs.at(1);
  EXPECT_DOUBLE_EQ(*fixed.scale, 0.5);
  EXPECT_EQ(fixed.zero_point, 3);
  EXPECT_FALSE(g.qspecs.at(2).has_block_size);
  EXPECT_FALSE(g.qspecs.at(2).scale.has_value());
}

TEST(LoaderLenient, SkippedPartsAreNotRead) {
  // meta, unknown keys and producer details may hold anything well formed, duplicate keys included.
  const Graph g = load(R"({"format": "qnnv.graph", "version": 1,
    "producer": {"name": "me", "torch": {"a": [1, 2, {"b": null, "b": 1}]}},
    "hints": {"backend": "lpai", "other": {"deep": [[[]]]}},
    "extension": {"anything": [true, false, null], "anything": 1},
    "nodes": [{"name": "x", "op": "placeholder", "target": "x",
               "meta": {"stack_trace": "File \"m.py\", line 3", "k": 1, "k": 2}, "future_field": [1]}]})");
  EXPECT_EQ(g.producer_name, "me");
  EXPECT_EQ(g.hint_backend, "lpai");
  EXPECT_EQ(g.hint_soc, "");
  ASSERT_EQ(g.nodes.size(), 1u);
}

TEST(LoaderLenient, QspecsNullAndNoAnnotation) {
  const Graph g = load(R"({"format": "qnnv.graph", "version": 1, "qspecs": null, "hints": null,
                           "nodes": [{"name": "x", "op": "placeholder", "target": "x", "annotation": null}]})");
  EXPECT_TRUE(g.qspecs.empty());
  EXPECT_FALSE(g.nodes[0].annotated);
}

TEST(LoaderLenient, EmptyAnnotationIsAnnotated) {
  const Graph g = load(doc(R"([{"name": "x", "op": "placeholder", "target": "x", "annotation": {}}])"));
  EXPECT_TRUE(g.nodes[0].annotated);
  EXPECT_TRUE(g.nodes[0].input_qspec_map.empty());
  EXPECT_EQ(g.nodes[0].output_qspec, kNone);
}

TEST(LoaderLenient, VersionAsFloatOne) {
  EXPECT_EQ(load(R"({"format": "qnnv.graph", "version": 1.0, "nodes": []})").nodes.size(), 0u);
}

TEST(LoaderLenient, KeysNeedEscapingInPointers) {
  // A kwargs key with "/" and "~" reaches a pointer escaped per RFC 6901.
  try {
    load(doc(R"([{"name": "x", "op": "placeholder", "target": "x", "kwargs": {"a/b~c": {"node": 5}}}])"));
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "graph.type");
    EXPECT_EQ(e.info().pointer, "/nodes/0/kwargs/a~1b~0c/node");
  }
}

// A synthetic chain: placeholder -> 200k annotated ops. Checks that size is no problem (and, under
// sanitizers, that nothing on the way is quadratic or recursive enough to matter).
TEST(LoaderLarge, TwoHundredThousandNodes) {
  constexpr size_t kNodes = 200'000;
  std::string text = R"({"format": "qnnv.graph", "version": 1, "qspecs": [{"kind": "quant", "dtype": "uint8",
    "quant_min": 0, "quant_max": 255, "qscheme": "per_tensor_affine"}], "nodes": [
    {"name": "n0", "op": "placeholder", "target": "x", "val": {"dtype": "float32", "shape": [1, 8]}})";
  text.reserve(kNodes * 300);
  for (size_t i = 1; i < kNodes; ++i) {
    const std::string prev = "n" + std::to_string(i - 1);
    text += ",\n{\"name\": \"n" + std::to_string(i) +
            "\", \"op\": \"call_function\", \"target\": \"aten.relu.default\", \"args\": [{\"node\": \"" + prev +
            "\"}], \"val\": {\"dtype\": \"float32\", \"shape\": [1, 8]}, \"annotation\": {\"input_qspec_map\": "
            "[{\"arg\": \"" + prev + "\", \"qspec\": 0}], \"output_qspec\": {\"kind\": \"shared\", \"node\": \"" +
            prev + "\"}}, \"meta\": {\"stack_trace\": \"line " + std::to_string(i) + "\"}}";
  }
  text += "]}";
  const Graph g = load(text);
  ASSERT_EQ(g.nodes.size(), kNodes);
  EXPECT_EQ(g.qspecs.size(), kNodes);  // the table entry + one inline shared spec per op
  const Node& last = g.nodes.back();
  EXPECT_EQ(last.name, "n199999");
  EXPECT_EQ(last.inputs, (std::vector<uint32_t>{199998}));
  EXPECT_EQ(last.input_qspec_map.at(0).arg, 199998u);
  EXPECT_EQ(last.input_qspec_map.at(0).qspec, 0u);
  EXPECT_EQ(g.qspecs.at(last.output_qspec).shared.producer, 199998u);
}

// Many keys in one object take the hashed duplicate check; this must still find a repeat at the end.
TEST(LoaderLarge, WideObjectDuplicateFound) {
  std::string kwargs;
  for (int i = 0; i < 50'000; ++i) kwargs += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  const std::string ok = doc(R"([{"name": "x", "op": "placeholder", "target": "x", "kwargs": {)" + kwargs +
                             R"("last": 1}}])");
  EXPECT_EQ(load(ok).nodes.size(), 1u);
  const std::string bad = doc(R"([{"name": "x", "op": "placeholder", "target": "x", "kwargs": {)" + kwargs +
                              R"("k7": 1}}])");
  try {
    load(bad);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "json.duplicate-key");
    EXPECT_EQ(e.info().pointer, "/nodes/0/kwargs/k7");
  }
}

TEST(TorchNames, RoundTrip) {
  for (auto d : {TorchDtype::float32, TorchDtype::float16, TorchDtype::bfloat16, TorchDtype::float64, TorchDtype::int8,
                 TorchDtype::uint8, TorchDtype::int16, TorchDtype::uint16, TorchDtype::int32, TorchDtype::int64,
                 TorchDtype::bool_}) {
    EXPECT_EQ(parse_torch_dtype(to_string(d)), d) << to_string(d);
  }
  EXPECT_EQ(to_string(TorchDtype::bool_), "bool");
  EXPECT_EQ(parse_torch_dtype("torch.int32"), TorchDtype::int32);
  EXPECT_EQ(parse_torch_dtype("long"), TorchDtype::int64);
  EXPECT_EQ(parse_torch_dtype("float8_e4m3fn"), TorchDtype::unknown);
  EXPECT_EQ(parse_torch_dtype(""), TorchDtype::unknown);
  for (auto q : {QScheme::per_tensor_affine, QScheme::per_tensor_symmetric, QScheme::per_channel_affine,
                 QScheme::per_channel_symmetric, QScheme::per_channel_affine_float_qparams}) {
    EXPECT_EQ(parse_qscheme(to_string(q)), q) << to_string(q);
  }
  EXPECT_EQ(parse_qscheme("torch.per_tensor_affine"), QScheme::per_tensor_affine);
  EXPECT_EQ(parse_qscheme("per_block"), QScheme::unknown);
  EXPECT_EQ(to_string(QScheme::none), "none");
}

}  // namespace
}  // namespace qnnv::detail
