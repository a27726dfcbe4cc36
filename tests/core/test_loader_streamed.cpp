// The two ways the loader reads a node and a "qspecs" entry (core/src/node_stream_decoder.h,
// qspec_stream_decoder.h): straight from the text, or through the unit tree. Whatever the input, both must give the same Graph or the same error (code,
// message, pointer, line:column); the streamed path must actually take the common shapes, and leave
// the others (and every error) to the tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "graph.h"
#include "test_loader_util.h"

namespace qnnv::detail {
namespace {

using loader_test::doc;
using loader_test::read_fixture;

void dump_spec_ref(std::ostream& o, const SpecRef& r) { o << "(" << r.producer << "," << r.consumer << ")"; }

template <class T>
std::string opt(const std::optional<T>& v) {
  if (!v) return "none";
  std::ostringstream o;
  o << *v;
  return o.str();
}

// Every field of a Graph, as text.
std::string dump(const Graph& g) {
  std::ostringstream o;
  o << "producer=" << g.producer_name << " hints=" << g.hint_backend << "," << g.hint_soc << ","
    << g.hint_quant_dtype << " bytes=" << g.input_bytes << "\n";
  for (size_t i = 0; i < g.qspecs.size(); ++i) {
    const QSpec& q = g.qspecs[i];
    o << "qspec " << i << " kind=" << int(q.kind) << " dtype=" << int(q.dtype) << "/" << q.dtype_name
      << " min=" << opt(q.quant_min) << " max=" << opt(q.quant_max) << " qscheme=" << int(q.qscheme) << "/"
      << q.qscheme_name << " ch_axis=" << opt(q.ch_axis) << " dynamic=" << q.is_dynamic << " observer=" << q.observer
      << " block=" << q.has_block_size << ":";
    for (int64_t b : q.block_size) o << b << ",";
    o << " scale=" << opt(q.scale) << " zp=" << opt(q.zero_point) << " shared=";
    dump_spec_ref(o, q.shared);
    o << " derived=";
    for (const SpecRef& r : q.derived_from) dump_spec_ref(o, r);
    o << "\n";
  }
  for (uint32_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    o << "node " << i << " " << n.name << " op=" << int(n.op) << " target=" << n.target << " json=" << n.json_index
      << " val=" << n.val_known << n.val_is_list << " annotated=" << n.annotated << " out_qspec=" << n.output_qspec
      << "\n  inputs:";
    for (uint32_t x : n.inputs) o << " " << x;
    o << "\n  outputs:";
    for (const OutputMeta& m : n.outputs) {
      o << " " << int(m.dtype) << "/" << int(m.rank) << (m.dims_first == kNone ? "/noshape" : "/shape") << "[";
      for (int64_t d : g.dims_of(m)) o << d << ",";
      o << "]";
    }
    o << "\n  qmap:";
    for (const InputSpecEntry& e : n.input_qspec_map) o << " " << e.arg << "=" << e.qspec;
    o << "\n  args:";
    for (const ArgValue& a : g.args_of(i)) {
      o << " [" << g.key_of(a) << "|" << a.position << "|" << a.element << "|" << a.in_list << "|" << a.value << "|"
        << int(a.kind) << "|" << g.text_of(a) << "]";
    }
    if (i < g.node_positions.size()) o << "\n  at " << g.node_positions[i].line << ":" << g.node_positions[i].column;
    if (n.meta != kNone) {
      const NodeMeta& m = g.node_metas.at(n.meta);
      o << "\n  meta " << m.module << " " << m.source_file << ":" << m.source_line;
    }
    o << "\n";
  }
  return o.str();
}

struct Outcome {
  std::string text;  // the Graph's dump, or the error
  size_t streamed = 0;         // nodes
  size_t qspecs_streamed = 0;  // "qspecs" entries
};

Outcome load_as(const std::string& json, const Limits& limits, UnitReading reading) {
  LoadTrace trace;
  try {
    const Graph g = load_graph(json, limits, reading, &trace);
    return {dump(g), trace.nodes_streamed, trace.qspecs_streamed};
  } catch (const InputError& e) {
    const ErrorInfo& i = e.info();
    return {"error " + i.code + " | " + i.message + " | " + i.pointer + " | " + std::to_string(i.line) + ":" +
                std::to_string(i.column),
            trace.nodes_streamed, trace.qspecs_streamed};
  }
}

// Loads `json` both ways; they must agree. Returns the streamed outcome.
Outcome same_both_ways(const std::string& json, const Limits& limits = {}) {
  const Outcome tree = load_as(json, limits, UnitReading::tree_only);
  const Outcome streamed = load_as(json, limits, UnitReading::streamed_where_possible);
  EXPECT_EQ(tree.streamed, 0u);
  EXPECT_EQ(tree.qspecs_streamed, 0u);
  EXPECT_EQ(streamed.text, tree.text) << "input: " << json.substr(0, 2000);
  return streamed;
}

// The table's shared and derived specs (QSpecKind 2 and 3): what the streamed path reads.
size_t count_shared_and_derived(const std::string& dumped) {
  size_t n = 0;
  for (const char* kind : {" kind=2 ", " kind=3 "}) {
    for (size_t p = 0; (p = dumped.find(kind, p)) != std::string::npos; ++p) ++n;
  }
  return n;
}

size_t count_nodes(const std::string& dumped) {
  size_t n = 0;
  for (size_t p = 0; (p = dumped.find("\nnode ", p)) != std::string::npos; ++p) ++n;
  return n + (dumped.rfind("node ", 0) == 0 ? 1 : 0);
}

// Loads `json` both ways with each of the unit reader's limits (max_depth, max_string_bytes,
// max_unit_values, then max_args_per_node if `limits` is 4) set in turn to every value from 0 to `max`.
// Counts the loads a limit refused and those where `streamed(outcome)` says everything was streamed.
struct Sweep {
  size_t refused = 0, all_streamed = 0;
};
template <class AllStreamed>
Sweep sweep_limits(const std::string& json, size_t max, int limits, AllStreamed&& all_streamed) {
  Sweep sweep;
  for (size_t v = 0; v <= max; ++v) {
    for (int which = 0; which < limits; ++which) {
      Limits l;
      if (which == 0) l.max_depth = v;
      if (which == 1) l.max_string_bytes = v;
      if (which == 2) l.max_unit_values = v;
      if (which == 3) l.max_args_per_node = v;
      SCOPED_TRACE("limit " + std::to_string(which) + " = " + std::to_string(v));
      const Outcome o = same_both_ways(json, l);
      if (o.text.rfind("error limit.", 0) == 0) ++sweep.refused;
      if (all_streamed(o)) ++sweep.all_streamed;
    }
  }
  return sweep;
}

// 3,000 copies of `base`, each with one to three random edits at offsets in [from, to) (a byte dropped,
// doubled or replaced by one of `alphabet`, which matter to JSON or to the format), loaded both ways.
// Returns the sum of `streamed(outcome)` over them.
template <class Streamed>
size_t random_edits(const std::string& base, unsigned seed, const std::string& alphabet, size_t from, size_t to,
                    Streamed&& streamed) {
  std::mt19937 rng(seed);
  size_t total = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t end = std::min(to, text.size());  // (to: npos for the whole text, as edited so far)
      const size_t at = from + rng() % (end - from);
      switch (rng() % 3) {
        case 0: text.erase(at, 1); break;
        case 1: text.insert(at, 1, text[at]); break;
        default: text[at] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    SCOPED_TRACE("round " + std::to_string(round));
    total += streamed(same_both_ways(text));
    if (::testing::Test::HasFailure()) break;
  }
  return total;
}

// The samples and every fixture, hostile file and fuzz regression: the same either way; the exporter's
// samples are streamed node for node.
TEST(LoaderStreamed, EveryTestInputGivesTheSameResult) {
  const std::filesystem::path root(QNNV_TESTS_DIR);
  size_t files = 0;
  for (const char* dir : {"fixtures", "hostile/files", "fuzz/regressions"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      SCOPED_TRACE(entry.path().string());
      same_both_ways(s.str());
      ++files;
    }
  }
  EXPECT_GT(files, 50u);
  for (const char* sample : {"fixtures/tiny_decoder__16a4w_block.json", "fixtures/mobilenet_v2__8a8w.json"}) {
    const Outcome o = same_both_ways(read_fixture(sample));
    ASSERT_EQ(o.text.rfind("error", 0), std::string::npos) << o.text;
    EXPECT_EQ(o.streamed, count_nodes(o.text)) << sample;
    EXPECT_GT(o.streamed, 90u) << sample;
    EXPECT_EQ(o.qspecs_streamed, count_shared_and_derived(o.text)) << sample;
    EXPECT_GT(o.qspecs_streamed, 20u) << sample;
  }
}

// Shapes the streamed path reads: all of these nodes are streamed, and give what the tree gives.
TEST(LoaderStreamed, CommonShapesAreStreamed) {
  const std::string nodes = R"([
    {"name": "x", "op": "placeholder", "target": "x", "val": {"dtype": "float32", "shape": [1, "s0", 3]},
     "meta": {"module": "m.block", "other": {"a": [1, 2]}}},
    {"name": "w\u00e9", "op": "get_attr", "target": null, "val": {"dtype": null, "shape": null, "extra": {"k": 1}},
     "users": [1, {"a": null}]},
    {"op": "call_function", "name": "cat", "target": "torch.ops.aten.cat.default",
     "args": [[{"node": "x"}, [{"node": "w\u00e9", "other": [1]}]], 1, true, false, 2.5, "s", null,
              18446744073709551615, [3, -4, [5], true, 1.5, "r\u0065flect", {"dtype": "int8"}, [{"dtype": "int4"}]],
              {"dtype": "float32"}, {"dtype": "int16", "node": "x"}, {"dtype": 3}, "circ\u0075lar", []],
     "kwargs": {"dim": 1, "k\u0065y": [7, 8], "ref": {"node": "x"}, "refs": [{"node": "x"}], "none": null,
                "dtype": {"dtype": "int32", "other": [1]}, "mode": "reflect"},
     "val": [{"dtype": "float32", "shape": []}, null, {"shape": [2, "s1", 18446744073709551615, -3]}],
     "annotation": {"output_qspec": 1, "input_qspec_map": [{"qspec": 0, "arg": "x"}, {"arg": "w\u00e9", "qspec": null, "note": {"x": 1}},
                    {"arg": "later", "qspec": 1}], "annotated": true, "allow_implicit_sharing": true},
     "meta": {"stack_trace": "  File \"/home/me/model.py\", line 12, in forward\n    y = cat(x)\n", "module": 3}},
    {"name": "later", "op": "call_method", "target": "view", "args": [], "kwargs": {}, "val": null,
     "annotation": {"input_qspec_map": null, "output_qspec": null}, "meta": null},
    {"name": "out", "op": "output", "target": "output", "args": [[{"node": "later"}]], "annotation": null}
  ])";
  // The table first (the usual order), and after the nodes (indices checked at the end).
  const std::string table = R"([{"kind": "quant", "dtype": "int8"}, {"kind": "quant", "dtype": "uint8"}])";
  for (const std::string& json :
       {doc(nodes, table), R"({"format": "qnnv.graph", "version": 1, "nodes": )" + nodes + R"(, "qspecs": )" + table + "}"}) {
    const Outcome o = same_both_ways(json);
    ASSERT_EQ(o.text.rfind("error", 0), std::string::npos) << o.text;
    EXPECT_EQ(o.streamed, 5u);
    EXPECT_NE(o.text.find("meta m.block :0"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("[key|0|1|1|8|0|]"), std::string::npos) << o.text;  // an escaped kwarg name
    EXPECT_NE(o.text.find("[key|0|0|0|2|3|]"), std::string::npos) << o.text;  // its length
    EXPECT_NE(o.text.find("[|8|5|1|0|1|reflect]"), std::string::npos) << o.text;  // an escaped string element
    EXPECT_NE(o.text.find("[|8|6|1|0|2|int8]"), std::string::npos) << o.text;     // a dtype element
    EXPECT_EQ(o.text.find("int4"), std::string::npos) << o.text;                  // nested: not kept
    EXPECT_EQ(o.text.find("int16"), std::string::npos) << o.text;  // with a node reference: a reference
    EXPECT_NE(o.text.find("[|12|0|0|0|1|circular]"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("[|13|0|0|0|3|]"), std::string::npos) << o.text;  // an empty list's length
    EXPECT_NE(o.text.find("[dtype|0|0|0|0|2|int32]"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("[mode|0|0|0|0|1|reflect]"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("[|4|0|0|4612811918334230528|4|]"), std::string::npos) << o.text;  // 2.5: a float
    EXPECT_NE(o.text.find("[|8|4|1|4609434218613702656|4|]"), std::string::npos) << o.text;  // 1.5 in a list
    EXPECT_NE(o.text.find("/shape[2,-1,-1,-3,]"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("/noshape[]"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("outputs: 12/-1/noshape[]\n"), std::string::npos) << o.text;  // w: a null shape
    EXPECT_NE(o.text.find("outputs: 0/3/shape[1,-1,3,]"), std::string::npos) << o.text;  // x: a symbolic size
  }
}

// Float arguments (a pad value, an epsilon) are kept as the double the JSON reader gives, the same way on
// both paths: negative, with an exponent, -0.0 (its sign kept), the largest finite double, the smallest
// subnormal, in a list and by keyword.
TEST(LoaderStreamed, FloatArgumentsAreKeptTheSameBothWays) {
  const std::string nodes = R"([{"name": "x", "op": "placeholder", "target": "x"},
    {"name": "p", "op": "call_function", "target": "aten.pad.default",
     "args": [{"node": "x"}, [1, 1], "constant", -65504.0, 1e-5, -0.0, 1.7976931348623157e308, 4.9e-324, [0.5, -2E+3, 7]],
     "kwargs": {"value": -2.5e-1, "eps": 0.0}}])";
  const std::string json = doc(nodes, "[]");
  const Outcome o = same_both_ways(json);
  ASSERT_EQ(o.text.rfind("error", 0), std::string::npos) << o.text;
  for (UnitReading reading : {UnitReading::tree_only, UnitReading::streamed_where_possible}) {
    const Graph g = load_graph(json, {}, reading, nullptr);
    std::vector<std::pair<std::string, double>> floats;
    bool negative_zero = false;
    for (const ArgValue& a : g.args_of(1)) {
      if (a.kind != ArgKind::floating) continue;
      const std::string where = a.key == 0 ? std::to_string(a.position) + (a.in_list ? "." + std::to_string(a.element) : "")
                                           : std::string(g.key_of(a));
      floats.emplace_back(where, a.as_float());
      if (a.position == 5 && a.key == 0) negative_zero = std::signbit(a.as_float());
    }
    const std::vector<std::pair<std::string, double>> expected = {
        {"3", -65504.0}, {"4", 1e-5}, {"5", -0.0}, {"6", 1.7976931348623157e308}, {"7", 4.9e-324},
        {"8.0", 0.5}, {"8.1", -2000.0}, {"value", -0.25}, {"eps", 0.0}};
    EXPECT_EQ(floats, expected) << int(reading);
    EXPECT_TRUE(negative_zero) << int(reading);
  }
}

// Shapes left to the tree (an inline qspec, values of unusual types that are not errors): same result.
TEST(LoaderStreamed, UnusualShapesFallBackToTheTree) {
  const std::vector<std::string> nodes = {
      R"({"name": "y", "op": "call_function", "target": "t", "args": [{"node": "x"}],
          "annotation": {"output_qspec": {"kind": "quant", "dtype": "int8"}}})",
      R"({"name": "y", "op": "call_function", "target": "t", "meta": {"module": {"a": 1}}})",
      R"({"name": "y", "op": "call_function", "target": "t", "meta": [1]})",
  };
  for (const std::string& node : nodes) {
    const Outcome o = same_both_ways(doc(R"([{"name": "x", "op": "placeholder"}, )" + node + "]"));
    ASSERT_EQ(o.text.rfind("error", 0), std::string::npos) << o.text;
    EXPECT_EQ(o.streamed, 1u) << node;  // x only
  }
}

// Nodes with errors: the tree reports them, identically.
TEST(LoaderStreamed, ErrorsComeFromTheTree) {
  const std::vector<std::string> nodes = {
      R"({"op": "placeholder"})",
      R"({"name": "x", "op": "placeholder"})",
      R"({"name": "y", "op": "bogus"})",
      R"({"name": "y", "op": 3})",
      R"({"name": "y", "op": "call_function"})",
      R"({"name": "y", "op": "call_function", "target": 5})",
      R"({"name": "y", "op": "call_function", "target": "t", "args": [{"node": "y"}]})",
      R"({"name": "y", "op": "call_function", "target": "t", "args": [{"node": "z"}]}, {"name": "z", "op": "placeholder"})",
      R"({"name": "y", "op": "call_function", "target": "t", "args": [[{"node": "nowhere"}]]})",
      R"({"name": "y", "op": "call_function", "target": "t", "args": [{"node": 3}]})",
      R"({"name": "y", "op": "call_function", "target": "t", "args": {"a": 1}})",
      R"({"name": "y", "op": "call_function", "target": "t", "kwargs": [1]})",
      R"({"name": "y", "op": "call_function", "target": "t", "kwargs": {"a": 1, "a": 2}})",
      R"({"name": "y", "name": "y2", "op": "placeholder"})",
      R"({"name": "y", "op": "placeholder", "junk": 1, "junk": 2})",
      R"({"name": "y", "op": "placeholder", "meta": {"module": "a", "module": "b"}})",
      R"({"name": "y", "op": "placeholder", "val": 3})",
      R"({"name": "y", "op": "placeholder", "val": [3]})",
      R"({"name": "y", "op": "placeholder", "val": {"dtype": 3}})",
      R"({"name": "y", "op": "placeholder", "val": {"shape": [1.5]}})",
      R"({"name": "y", "op": "placeholder", "val": {"shape": {"a": 1}}})",
      R"({"name": "y", "op": "placeholder", "annotation": 3})",
      R"({"name": "y", "op": "placeholder", "annotation": {"output_qspec": -1}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"output_qspec": 1.0}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"output_qspec": 99}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"output_qspec": "0"}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"input_qspec_map": {}}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"input_qspec_map": [{"arg": "x"}]}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"input_qspec_map": [{"qspec": 0}]}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"input_qspec_map": [{"arg": "x", "qspec": 0}, {"arg": "x", "qspec": 0}]}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"input_qspec_map": [{"arg": "gone", "qspec": 0}]}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"input_qspec_map": [3]}})",
      R"({"name": "y", "op": "placeholder", "annotation": {"x": 1, "x": 2}})",
      R"({"name": "y", "op": "placeholder", "args": [1, 2, 3 4]})",
      R"({"name": "y", "op": "placeholder", "args": ["\ud800"]})",
      R"({"name": "y", "op": "placeholder", "args": [1e999]})",
  };
  for (const std::string& node : nodes) {
    const Outcome o = same_both_ways(doc(R"([{"name": "x", "op": "placeholder"}, )" + node + "]", R"([{"kind": "quant", "dtype": "int8"}])"));
    EXPECT_EQ(o.text.rfind("error", 0), 0u) << node << " -> " << o.text;
  }
  // Not an error: meta is the exporter's free-form record, where only the keys qnnv reads must be unique.
  const Outcome o = same_both_ways(doc(R"([{"name": "y", "op": "placeholder", "meta": {"other": 1, "other": 2}}])"));
  EXPECT_EQ(o.text.rfind("error", 0), std::string::npos) << o.text;
  EXPECT_EQ(o.streamed, 1u);
}

// Every limit the unit reader enforces inside a node, at every value from tiny to roomy: both ways agree,
// whether the limit is reached or not (the streamed path must decline before the unit reader would
// refuse, and stream once it cannot).
TEST(LoaderStreamed, LimitsAgreeAtEveryValue) {
  const std::string json = doc(R"([
    {"name": "x", "op": "placeholder", "val": {"dtype": "float32", "shape": [1, 2, 3]}},
    {"name": "yy", "op": "call_function", "target": "aten.add.Tensor",
     "args": [{"node": "x"}, [{"node": "x"}, [1, [2]]], 3], "kwargs": {"alpha": [1, 2], "beta": {"node": "x"}},
     "val": [{"dtype": "float32", "shape": [1, 2, 3]}, null],
     "annotation": {"input_qspec_map": [{"arg": "x", "qspec": 0}], "output_qspec": 0, "skip": {"a": [[[1]]]}},
     "meta": {"module": "abcdefgh", "deep": [[[[1]]]]}, "unknown": {"b": [[[2]]]}}
  ])", R"([{"kind": "quant", "dtype": "int8"}])");
  const Sweep sweep = sweep_limits(json, 70, 4, [](const Outcome& o) { return o.streamed == 2; });
  EXPECT_GT(sweep.refused, 20u);
  EXPECT_GT(sweep.all_streamed, 100u);
}

// Random edits of a document rich in node shapes (a byte dropped, doubled or replaced by one that
// matters to JSON or to the format): whatever comes out, valid or not, both readings agree.
TEST(LoaderStreamed, RandomEditsAgree) {
  const std::string base = doc(R"([
    {"name": "x", "op": "placeholder", "target": "x", "val": {"dtype": "float32", "shape": [1, "s0", 3]}},
    {"name": "w", "op": "get_attr", "target": "w", "val": {"dtype": "int8", "shape": [4]}, "meta": {"module": "m"}},
    {"name": "y", "op": "call_function", "target": "aten.add.Tensor",
     "args": [{"node": "x"}, [{"node": "w"}, [1, [2]]], 3, true], "kwargs": {"alpha": [1, 2], "b": {"node": "x"}},
     "val": [{"dtype": "float32", "shape": [1, 2]}, null],
     "annotation": {"input_qspec_map": [{"arg": "x", "qspec": 0}, {"arg": "w", "qspec": null}], "output_qspec": 1, "z": [1]},
     "meta": {"stack_trace": "  File \"/a/m.py\", line 3, in f\n", "q": {}}},
    {"name": "out", "op": "output", "target": "output", "args": [[{"node": "y"}]]}
  ])", R"([{"kind": "quant", "dtype": "int8"}, {"kind": "quant", "dtype": "uint8"}])");
  const size_t streamed = random_edits(base, 1234, "{}[],:\"\\ 0-1.eEtfnulxy\x7f\xc3", 0, std::string::npos,
                                       [](const Outcome& o) { return o.streamed; });
  EXPECT_GT(streamed, 3000u);  // most edited documents still stream most of their nodes
}

// ---- "qspecs" entries

const char* const kQSpecNodes = R"([
    {"name": "x", "op": "placeholder", "target": "x"},
    {"name": "w", "op": "get_attr", "target": "w"},
    {"name": "y", "op": "call_function", "target": "aten.add.Tensor", "args": [{"node": "x"}, {"node": "w"}]},
    {"name": "later", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "y"}]}
  ])";

// The table before the nodes (the usual order: every name is resolved at the end) and after them (names
// already known).
std::vector<std::string> both_orders(const std::string& table) {
  return {doc(kQSpecNodes, table),
          R"({"format": "qnnv.graph", "version": 1, "nodes": )" + std::string(kQSpecNodes) + R"(, "qspecs": )" + table + "}"};
}

// The shared and derived specs exporters write, with their members in any order and the optional ones
// null or absent: all streamed, and read as the tree reads them.
TEST(LoaderStreamed, SharedAndDerivedQSpecsAreStreamed) {
  const std::string table = R"([
    {"kind": "shared", "node": "x"},
    {"edge": ["x", "y"], "kind": "shared"},
    {"kind": "derived", "derived_from": [{"edge": ["x", "y"]}, {"node": "w"}], "dtype": "int32",
     "quant_min": -2147483648, "quant_max": 2147483647, "qscheme": "per_channel_symmetric", "ch_axis": 0,
     "is_dynamic": false},
    {"kind": "derived", "derived_from": [], "dtype": "torch.uint8", "quant_min": null,
     "quant_max": 9223372036854775807, "qscheme": null, "ch_axis": null, "is_dynamic": true},
    {"dtype": "int16", "is_dynamic": null, "kind": "derived", "derived_from": [{"node": "later"}]},
    {"kind": "shared", "node": "l\u0061ter"},
    {"kind": "quant", "dtype": "int8"}
  ])";
  for (const std::string& json : both_orders(table)) {
    const Outcome o = same_both_ways(json);
    ASSERT_EQ(o.text.rfind("error", 0), std::string::npos) << o.text;
    EXPECT_EQ(o.qspecs_streamed, 5u);  // not the escaped name, nor the quant spec
    EXPECT_NE(o.text.find("qspec 0 kind=2 "), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("shared=(0,4294967295)"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("shared=(0,2)"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("derived=(0,2)(1,4294967295)"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("max=9223372036854775807 qscheme=5/ ch_axis=none dynamic=1"), std::string::npos) << o.text;
    EXPECT_NE(o.text.find("derived=(3,4294967295)"), std::string::npos) << o.text;
  }
}

// Entries that are valid but not of those shapes: read by the tree, the same either way.
TEST(LoaderStreamed, OtherQSpecsFallBackToTheTree) {
  const std::vector<std::string> entries = {
      R"({"kind": "quant", "dtype": "int8", "quant_min": -128, "quant_max": 127})",
      R"({"kind": "fixed", "dtype": "uint8", "scale": 0.00390625, "zero_point": 0})",
      R"({"kind": "shared", "node": "x", "note": 1})",
      R"({"kind": "shared", "node": "x", "dtype": "int8"})",
      R"({"kind": "shared", "edge": ["x", "\u0079"]})",
      R"({"kind": "derived", "derived_from": [{"node": "x", "why": 1}], "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int4x"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "qscheme": "per_foo"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "observer": "MinMaxObserver"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "node": "x"})",
  };
  for (const std::string& entry : entries) {
    for (const std::string& json : both_orders("[" + entry + "]")) {
      const Outcome o = same_both_ways(json);
      ASSERT_EQ(o.text.rfind("error", 0), std::string::npos) << entry << " -> " << o.text;
      EXPECT_EQ(o.qspecs_streamed, 0u) << entry;
    }
  }
}

// Entries with errors (each after a good one, whose deferred references must not change the error): the
// tree reports them, identically.
TEST(LoaderStreamed, QSpecErrorsComeFromTheTree) {
  const std::vector<std::string> entries = {
      R"(3)",
      R"({})",
      R"({"kind": 3})",
      R"({"kind": "bogus"})",
      R"({"kind": "shared"})",
      R"({"kind": "shared", "node": "x", "edge": ["x", "y"]})",
      R"({"kind": "shared", "node": 3})",
      R"({"kind": "shared", "edge": ["x"]})",
      R"({"kind": "shared", "edge": ["x", "y", "w"]})",
      R"({"kind": "shared", "node": "nowhere"})",
      R"({"kind": "shared", "edge": ["x", "nowhere"]})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}, {"node": "nowhere"}], "dtype": "int8"})",
      R"({"kind": "shared", "kind": "shared", "node": "x"})",
      R"({"kind": "derived", "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}]})",
      R"({"kind": "derived", "derived_from": {"node": "x"}, "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [3], "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [{}], "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [{"node": "x", "edge": ["x", "y"]}], "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [{"node": "x", "node": "y"}], "dtype": "int8"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": 8})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "quant_min": 1.0})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "quant_max": 9223372036854775808})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "ch_axis": "0"})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "is_dynamic": 0})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}], "dtype": "int8", "qscheme": 1})",
      R"({"kind": "derived", "derived_from": [{"node": "x"}, {"edge": ["x", "nowhere"]}], "dtype": "int8"})",
  };
  for (const std::string& entry : entries) {
    for (const std::string& json : both_orders(R"([{"kind": "derived", "derived_from": [{"edge": ["x", "y"]}], "dtype": "int8"}, )" + entry + "]")) {
      const Outcome o = same_both_ways(json);
      EXPECT_EQ(o.text.rfind("error", 0), 0u) << entry << " -> " << o.text;
    }
  }
}

// The unit reader's limits on a table entry (depth, string and key size, values kept), at every value:
// both ways agree, whether the limit is reached or not.
TEST(LoaderStreamed, QSpecLimitsAgreeAtEveryValue) {
  const std::string json = doc(kQSpecNodes, R"([
    {"kind": "shared", "edge": ["x", "later"]},
    {"kind": "derived", "derived_from": [{"edge": ["x", "y"]}, {"node": "w"}], "dtype": "int32",
     "quant_min": -2147483648, "quant_max": 2147483647, "qscheme": "per_channel_symmetric", "ch_axis": 0,
     "is_dynamic": false}
  ])");
  const Sweep sweep = sweep_limits(json, 40, 3, [](const Outcome& o) { return o.qspecs_streamed == 2; });
  EXPECT_GT(sweep.refused, 15u);
  EXPECT_GT(sweep.all_streamed, 40u);
}

// Random edits of a table rich in shapes: whatever comes out, both readings agree.
TEST(LoaderStreamed, RandomQSpecEditsAgree) {
  const std::string base = doc(kQSpecNodes, R"([
    {"kind": "shared", "node": "x"},
    {"kind": "shared", "edge": ["w", "y"]},
    {"kind": "derived", "derived_from": [{"edge": ["x", "y"]}, {"node": "w"}], "dtype": "int32",
     "quant_min": -2147483648, "quant_max": 2147483647, "qscheme": "per_channel_symmetric", "ch_axis": 0,
     "is_dynamic": false},
    {"kind": "derived", "derived_from": [{"node": "later"}], "dtype": "uint8", "ch_axis": null, "is_dynamic": true},
    {"kind": "quant", "dtype": "int8"}
  ])");
  // Edits inside the table only.
  const size_t table = base.find("\"qspecs\""), nodes = base.find("\"nodes\"");
  const size_t streamed = random_edits(base, 4321, "{}[],:\"\\ 0-1.eEtfnulxyw\x7f\xc3", table, nodes,
                                       [](const Outcome& o) { return o.qspecs_streamed; });
  // Most edits leave JSON that is not valid (read by nlohmann's parser, never streamed); the rest still
  // stream the entries they did not touch.
  EXPECT_GT(streamed, 2000u);
}

}  // namespace
}  // namespace qnnv::detail
