// Graph loader: every input error code, with where it points (JSON pointer and/or line:column).
#include <gtest/gtest.h>

#include <string>

#include "graph.h"
#include "qnnv/error.h"
#include "test_loader_util.h"

namespace qnnv::detail {
namespace {

using loader_test::doc;
using loader_test::error_of;
using loader_test::read_fixture;

const char* const kX = R"({"name": "x", "op": "placeholder", "target": "x"})";

// A document with one placeholder "x" and one more node.
std::string with_node(const std::string& node, const std::string& qspecs = "[]") {
  return doc(std::string("[") + kX + ", " + node + "]", qspecs);
}

// A relu on x annotated with `annotation`.
std::string annotated(const std::string& annotation, const std::string& qspecs = "[]") {
  return with_node(R"({"name": "r", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "x"}],
                       "annotation": )" + annotation + "}",
                   qspecs);
}

// ---- JSON level

TEST(LoaderErrors, Empty) {
  EXPECT_EQ(error_of("").code, "json.empty");
  EXPECT_EQ(error_of(" \n\t\r\n").code, "json.empty");
  EXPECT_EQ(error_of("\xEF\xBB\xBF").code, "json.empty");
}

TEST(LoaderErrors, SyntaxErrorLocated) {
  const ErrorInfo e = error_of(read_fixture("fixtures/bad/missing_comma.json"));
  EXPECT_EQ(e.code, "json.syntax");
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(e.column, 26);  // the "op" string that should have been preceded by a comma
  EXPECT_NE(e.message.find("expected"), std::string::npos) << e.message;
}

TEST(LoaderErrors, TruncatedInput) {
  const std::string text = read_fixture("fixtures/bad/truncated.json");
  const ErrorInfo e = error_of(text);
  EXPECT_EQ(e.code, "json.syntax");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 70);  // the string that never ends
  EXPECT_NE(e.message.find("missing closing quote"), std::string::npos) << e.message;
  const std::string cut = R"({"format": "qnnv.graph", "version": 1, "nodes": [)";
  const ErrorInfo end = error_of(cut + "\n");
  EXPECT_EQ(end.code, "json.syntax");
  EXPECT_EQ(end.line, 2);
  EXPECT_EQ(end.column, 1);
  EXPECT_NE(end.message.find("unexpected end of input"), std::string::npos) << end.message;
}

TEST(LoaderErrors, SyntaxColumnsCountCharacters) {
  // "é" is two bytes but one column.
  const ErrorInfo e = error_of("{\"k\": \"\xC3\xA9\", x}");
  EXPECT_EQ(e.code, "json.syntax");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 12);  // 13 if bytes were counted
}

TEST(LoaderErrors, TrailingGarbage) {
  const ErrorInfo e = error_of(doc("[]") + "\n{}");
  EXPECT_EQ(e.code, "json.syntax");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 1);
}

TEST(LoaderErrors, RawNulByte) {
  // nlohmann alone would stop reading at the NUL and accept the document before it.
  const std::string head = doc("[]");
  const ErrorInfo e = error_of(head + std::string(1, '\0') + "{\"more\": 1}");
  EXPECT_EQ(e.code, "json.syntax");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, static_cast<int>(head.size()) + 1);
  EXPECT_EQ(error_of("{\"format\": \"qnnv\0.graph\"}").code, "json.syntax");
}

TEST(LoaderErrors, Utf16Rejected) {
  for (const char* f : {"fixtures/bad/utf16le_bom.json", "fixtures/bad/utf16be_nobom.json"}) {
    const ErrorInfo e = error_of(read_fixture(f));
    EXPECT_EQ(e.code, "json.encoding") << f;
    EXPECT_NE(e.message.find("UTF-8"), std::string::npos) << e.message;
  }
  EXPECT_EQ(error_of(std::string("\x00\x00\xFE\xFF", 4)).code, "json.encoding");  // UTF-32 BE BOM
}

TEST(LoaderErrors, InvalidUtf8Located) {
  const ErrorInfo e = error_of(read_fixture("fixtures/bad/invalid_utf8.json"));
  EXPECT_EQ(e.code, "json.encoding");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 15);
  EXPECT_NE(e.message.find("0x80"), std::string::npos) << e.message;
}

TEST(LoaderErrors, InvalidUtf8Forms) {
  // overlong "/", a UTF-16 surrogate, a truncated sequence at the end of a string, a byte outside strings
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\xFF"}) {
    const ErrorInfo e = error_of("{\"format\": \"a" + bad + "\"}");
    EXPECT_EQ(e.code, "json.encoding");
    EXPECT_EQ(e.line, 1);
    EXPECT_EQ(e.column, 14);
  }
  const ErrorInfo outside = error_of("{\"format\": \xFF}");
  EXPECT_EQ(outside.code, "json.encoding");
  EXPECT_EQ(outside.column, 12);
}

TEST(LoaderErrors, DuplicateKeys) {
  ErrorInfo e = error_of(with_node(R"({"name": "r", "op": "placeholder", "name": "s"})"));
  EXPECT_EQ(e.code, "json.duplicate-key");
  EXPECT_EQ(e.pointer, "/nodes/1/name");
  // a skipped member still counts as a key of the node object
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "meta": {}, "meta": 1})"));
  EXPECT_EQ(e.code, "json.duplicate-key");
  EXPECT_EQ(e.pointer, "/nodes/1/meta");
  e = error_of(R"({"format": "qnnv.graph", "version": 1, "nodes": [], "nodes": []})");
  EXPECT_EQ(e.code, "json.duplicate-key");
  EXPECT_EQ(e.pointer, "/nodes");
  e = error_of(R"({"format": "qnnv.graph", "version": 1, "x": 1, "nodes": [], "x": 2})");
  EXPECT_EQ(e.code, "json.duplicate-key");
  EXPECT_EQ(e.pointer, "/x");
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int8", "observer_kwargs": {"eps": 1, "eps": 2}}])"));
  EXPECT_EQ(e.code, "json.duplicate-key");
  EXPECT_EQ(e.pointer, "/qspecs/0/observer_kwargs/eps");
}

// ---- limits

TEST(LoaderErrors, DepthLimitDeepNesting) {
  const size_t n = 100'000;
  const std::string deep = std::string(n, '[') + std::string(n, ']');
  ErrorInfo e = error_of(with_node(R"({"name": "r", "op": "placeholder", "args": )" + deep + "}"));
  EXPECT_EQ(e.code, "limit.depth");
  // 64 levels are allowed: root object, nodes, node 1, args, then 60 more; the 65th is refused
  std::string expected = "/nodes/1/args";
  for (int i = 0; i < 64 - 3; ++i) expected += "/0";
  EXPECT_EQ(e.pointer, expected);
  // skipped subtrees are limited too
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "meta": )" + deep + "}"));
  EXPECT_EQ(e.code, "limit.depth");
  EXPECT_EQ(e.pointer.rfind("/nodes/1/meta/0/0", 0), 0u) << e.pointer;
  // a bare deep array is not a graph at all
  EXPECT_EQ(error_of(deep).code, "format.wrong");
  // and the limit is the one given
  Limits tight;
  tight.max_depth = 3;
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "args": [[1]]})"), tight);
  EXPECT_EQ(e.code, "limit.depth");
  EXPECT_EQ(e.pointer, "/nodes/1/args");
}

TEST(LoaderErrors, InputSizeLimit) {
  Limits l;
  l.max_input_bytes = 16;
  EXPECT_EQ(error_of(doc("[]"), l).code, "limit.input-size");
}

TEST(LoaderErrors, StringLimit) {
  Limits l;
  l.max_string_bytes = 12;  // "qnnv.graph" fits
  ErrorInfo e = error_of(with_node(R"({"name": "a_long_node_name", "op": "placeholder"})"), l);
  EXPECT_EQ(e.code, "limit.string");
  EXPECT_EQ(e.pointer, "/nodes/1/name");
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "meta": {"a_long_key_here": 1}})"), l);
  EXPECT_EQ(e.code, "limit.string");
  EXPECT_EQ(e.pointer, "/nodes/1/meta") << "an over-long key is located at its object, never spelled out whole";
  EXPECT_NE(e.message.find("a_long_key_here"), std::string::npos) << "its start is quoted in the message";
}

TEST(LoaderErrors, NodeLimit) {
  Limits l;
  l.max_nodes = 2;
  EXPECT_NO_THROW(load_graph(with_node(R"({"name": "y", "op": "placeholder"})"), l));
  const ErrorInfo e = error_of(doc(std::string("[") + kX + R"(, {"name": "y", "op": "placeholder"},
                                                           {"name": "z", "op": "placeholder"}])"),
                               l);
  EXPECT_EQ(e.code, "limit.nodes");
  EXPECT_EQ(e.pointer, "/nodes/2");
}

TEST(LoaderErrors, ArgsLimit) {
  Limits l;
  l.max_args_per_node = 2;
  const ErrorInfo e = error_of(
      with_node(R"({"name": "c", "op": "call_function", "target": "aten.cat.default",
                    "args": [[{"node": "x"}, {"node": "x"}, {"node": "x"}]]})"),
      l);
  EXPECT_EQ(e.code, "limit.args");
  EXPECT_EQ(e.pointer, "/nodes/1/args/0/1");  // the inner list counts, then each element
}

TEST(LoaderErrors, ArgsValuesLimited) {
  // Plain values count too: one node's args cannot grow memory without bound.
  Limits l;
  l.max_args_per_node = 3;
  EXPECT_NO_THROW(load_graph(with_node(R"({"name": "c", "op": "call_function", "target": "aten.zeros.default",
                                           "args": [[1], {"node": "x"}]})"), l));
  const ErrorInfo e = error_of(with_node(R"({"name": "c", "op": "call_function", "target": "aten.zeros.default",
                                             "args": [[1], 2], "kwargs": {"a": 3}})"), l);
  EXPECT_EQ(e.code, "limit.args");
  EXPECT_EQ(e.pointer, "/nodes/1/kwargs/a");
  EXPECT_NE(e.message.find("node \"c\""), std::string::npos) << e.message;
}

TEST(LoaderErrors, QspecLimit) {
  Limits l;
  l.max_qspecs = 1;
  ErrorInfo e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int8"}, {"kind": "quant", "dtype": "int8"}])"), l);
  EXPECT_EQ(e.code, "limit.qspecs");
  EXPECT_EQ(e.pointer, "/qspecs/1");
  e = error_of(annotated(R"({"output_qspec": {"kind": "quant", "dtype": "int8"}})",
                         R"([{"kind": "quant", "dtype": "int8"}])"),
               l);
  EXPECT_EQ(e.code, "limit.qspecs");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/output_qspec");
}

// ---- numbers

TEST(LoaderErrors, HugeNumbers) {
  // a double overflow is caught by the JSON reader, wherever it is
  ErrorInfo e = error_of(doc("[]", R"([{"kind": "fixed", "dtype": "uint8", "scale": 1e999, "zero_point": 0}])"));
  EXPECT_EQ(e.code, "graph.number");
  EXPECT_EQ(e.pointer, "/qspecs/0/scale");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 96);
  EXPECT_NE(e.message.find("1e999"), std::string::npos) << e.message;
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "meta": {"v": -1e400}})"));
  EXPECT_EQ(e.code, "graph.number");
  EXPECT_EQ(e.pointer, "/nodes/1/meta/v");
  // the format's way of writing non-finite values is fine in args, not as a scale
  EXPECT_NO_THROW(load_graph(with_node(R"({"name": "c", "op": "call_function", "target": "aten.clamp.default",
                                           "args": [{"node": "x"}, "-inf", "inf"], "kwargs": {"v": "nan"}})"),
                             Limits{}));
  e = error_of(doc("[]", R"([{"kind": "fixed", "dtype": "uint8", "scale": "inf", "zero_point": 0}])"));
  EXPECT_EQ(e.code, "graph.number");
  EXPECT_EQ(e.pointer, "/qspecs/0/scale");
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "uint8", "observer_kwargs": {"scale": "nan"}}])"));
  EXPECT_EQ(e.code, "graph.number");
  EXPECT_EQ(e.pointer, "/qspecs/0/observer_kwargs/scale");
  // integers beyond int64
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int32", "quant_max": 9223372036854775808}])"));
  EXPECT_EQ(e.code, "graph.number");
  EXPECT_EQ(e.pointer, "/qspecs/0/quant_max");
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int32", "quant_min": 100000000000000000000000000000}])"));
  EXPECT_EQ(e.code, "graph.number");
  EXPECT_EQ(e.pointer, "/qspecs/0/quant_min");
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int32", "quant_min": 0.5}])"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/qspecs/0/quant_min");
}

// ---- format

TEST(LoaderErrors, FormatWrong) {
  ErrorInfo e = error_of(R"({"version": 1, "nodes": []})");
  EXPECT_EQ(e.code, "format.wrong");
  EXPECT_EQ(e.pointer, "/format");
  e = error_of(read_fixture("fixtures/bad/report_not_graph.json"));
  EXPECT_EQ(e.code, "format.wrong");
  EXPECT_EQ(e.pointer, "/format");
  EXPECT_NE(e.message.find("report"), std::string::npos) << e.message;
  e = error_of(R"({"format": 1, "version": 1, "nodes": []})");
  EXPECT_EQ(e.code, "format.wrong");
  EXPECT_EQ(error_of("[]").code, "format.wrong");
  EXPECT_EQ(error_of("42").code, "format.wrong");
  EXPECT_EQ(error_of("\"qnnv.graph\"").code, "format.wrong");
}

TEST(LoaderErrors, FormatCheckedBeforeContent) {
  // Something else with a "nodes" list: its odd nodes are not what to report.
  ErrorInfo e = error_of(R"({"nodes": [{"id": 3}], "format": "onnx"})");
  EXPECT_EQ(e.code, "format.wrong");
  e = error_of(R"({"nodes": [{"id": 3}]})");
  EXPECT_EQ(e.code, "format.wrong");
  // once format and version are right, the first node error is reported
  e = error_of(R"({"nodes": [{"id": 3}, {"name": 5}], "version": 1, "format": "qnnv.graph"})");
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_EQ(e.pointer, "/nodes/0");
}

TEST(LoaderErrors, FormatVersion) {
  ErrorInfo e = error_of(R"({"format": "qnnv.graph", "nodes": []})");
  EXPECT_EQ(e.code, "format.version");
  EXPECT_EQ(e.pointer, "/version");
  e = error_of(R"({"format": "qnnv.graph", "version": 2, "nodes": []})");
  EXPECT_EQ(e.code, "format.version");
  EXPECT_NE(e.message.find("version 1"), std::string::npos) << e.message;
  EXPECT_EQ(error_of(R"({"format": "qnnv.graph", "version": "1", "nodes": []})").code, "format.version");
}

// ---- graph structure

TEST(LoaderErrors, WrongTypes) {
  ErrorInfo e = error_of(doc(std::string("[") + kX + R"(, {"name": "y", "op": "placeholder"},
      {"name": "z", "op": "placeholder"}, {"name": 7, "op": "output"}])"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/3/name");
  EXPECT_NE(e.message.find("expected"), std::string::npos);
  EXPECT_NE(e.message.find("a string, got number 7"), std::string::npos) << e.message;

  e = error_of(R"({"format": "qnnv.graph", "version": 1, "nodes": {}})");
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes");
  e = error_of(R"({"format": "qnnv.graph", "version": 1, "nodes": 3})");
  EXPECT_EQ(e.code, "graph.type");
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "args": {"a": 1}})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/args");
  EXPECT_NE(e.message.find("node \"r\""), std::string::npos) << e.message;  // names the node
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "val": "float32"})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/val");
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "val": {"dtype": "float32", "shape": [1, 2.5]}})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/val/shape/1");
  e = error_of(with_node(R"({"name": "r", "op": "placeholder", "val": [{"dtype": 1}]})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/val/0/dtype");
  e = error_of(with_node(R"({"name": "r", "op": "call_function", "target": "aten.relu.default", "args": [{"node": 1}]})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/args/0/node");
  e = error_of(annotated(R"({"input_qspec_map": {"x": 0}})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/input_qspec_map");
  e = error_of(annotated(R"({"output_qspec": "int8"})"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/output_qspec");
  e = error_of(annotated(R"([])"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation");
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int8", "observer_kwargs": {"block_size": [1, "a"]}}])"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/qspecs/0/observer_kwargs/block_size/1");
  e = error_of(doc("[]", R"([{"kind": "shared", "edge": ["x"]}])"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/qspecs/0/edge");
  e = error_of(doc("[]", R"([{"kind": "quant", "dtype": "int8", "is_dynamic": "no"}])"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/qspecs/0/is_dynamic");
  e = error_of(doc("[]", "[3]"));
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/qspecs/0");
  e = error_of(R"({"format": "qnnv.graph", "version": 1, "hints": {"backend": 1}, "nodes": []})");
  EXPECT_EQ(e.code, "graph.type");
  EXPECT_EQ(e.pointer, "/hints/backend");
}

TEST(LoaderErrors, MissingFields) {
  ErrorInfo e = error_of(R"({"format": "qnnv.graph", "version": 1})");
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_EQ(e.pointer, "/nodes");
  e = error_of(with_node(R"({"op": "placeholder"})"));
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_EQ(e.pointer, "/nodes/1");
  e = error_of(with_node(R"({"name": "r"})"));
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_EQ(e.pointer, "/nodes/1");
  EXPECT_NE(e.message.find("\"op\""), std::string::npos) << e.message;
  e = error_of(with_node(R"({"name": "r", "op": "call_function", "args": [{"node": "x"}]})"));
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_NE(e.message.find("target"), std::string::npos) << e.message;
  e = error_of(annotated(R"({"input_qspec_map": [{"arg": "x"}]})"));
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/input_qspec_map/0");
  e = error_of(annotated(R"({"input_qspec_map": [{"qspec": null}]})"));
  EXPECT_EQ(e.code, "graph.missing");
  e = error_of(doc("[]", R"([{"dtype": "int8"}])"));
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_EQ(e.pointer, "/qspecs/0");
  e = error_of(doc("[]", R"([{"kind": "fixed", "dtype": "uint8", "zero_point": 0}])"));
  EXPECT_EQ(e.code, "graph.missing");
  EXPECT_NE(e.message.find("scale"), std::string::npos) << e.message;
  e = error_of(doc("[]", R"([{"kind": "derived", "dtype": "int32"}])"));
  EXPECT_EQ(e.code, "graph.missing");
  e = error_of(doc("[]", R"([{"kind": "shared"}])"));
  EXPECT_EQ(e.code, "graph.missing");
  e = error_of(doc("[]", R"([{"kind": "quant"}])"));
  EXPECT_EQ(e.code, "graph.missing");
}

TEST(LoaderErrors, DuplicateNode) {
  const ErrorInfo e = error_of(read_fixture("fixtures/bad/duplicate_node.json"));
  EXPECT_EQ(e.code, "graph.duplicate-node");
  EXPECT_EQ(e.pointer, "/nodes/2/name");
  EXPECT_NE(e.message.find("/nodes/0"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("/nodes/2"), std::string::npos) << e.message;
}

// A node is named by its position until its name is read, then by its name (the label is written out
// only when a message needs it).
TEST(LoaderErrors, MessagesNameTheNodeByPositionThenByName) {
  EXPECT_EQ(error_of(with_node(R"({"op": "placeholder"})")).message,
            "the node at /nodes/1 has no \"name\": every node needs its fx name");
  EXPECT_EQ(error_of(with_node(R"({"name": 7, "op": "placeholder"})")).message,
            "the node at /nodes/1: \"name\": expected a string, got number 7");
  EXPECT_EQ(error_of(with_node("[1]")).message, "the node at /nodes/1: a node: expected an object, got a list");
  EXPECT_EQ(error_of(with_node(R"({"name": "r\"q", "op": "bogus"})")).message,
            "node \"r\\\"q\": unknown op \"bogus\": expected placeholder, get_attr, call_function, call_method, "
            "call_module or output");
  EXPECT_EQ(error_of(with_node(R"({"name": "", "op": "bogus"})")).message.rfind("node \"\": unknown op \"bogus\"", 0), 0u);
  // An inline qspec's label extends its node's, and the node's comes back after it.
  EXPECT_EQ(error_of(annotated(R"({"output_qspec": {"kind": "quant"}})")).message,
            "node \"r\": the qspec at /nodes/1/annotation/output_qspec has no \"dtype\"");
}

TEST(LoaderErrors, DanglingRefs) {
  ErrorInfo e = error_of(with_node(R"({"name": "r", "op": "call_function", "target": "aten.relu.default",
                                       "args": [{"node": "nope"}]})"));
  EXPECT_EQ(e.code, "graph.dangling-ref");
  EXPECT_EQ(e.pointer, "/nodes/1/args/0/node");
  EXPECT_NE(e.message.find("\"nope\""), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("node \"r\""), std::string::npos) << e.message;
  e = error_of(with_node(R"({"name": "r", "op": "call_function", "target": "aten.relu.default",
                             "kwargs": {"input": [{"node": "nope"}]}})"));
  EXPECT_EQ(e.code, "graph.dangling-ref");
  EXPECT_EQ(e.pointer, "/nodes/1/kwargs/input/0/node");
  e = error_of(annotated(R"({"input_qspec_map": [{"arg": "x", "qspec": null}, {"arg": "ghost", "qspec": null}]})"));
  EXPECT_EQ(e.code, "graph.dangling-ref");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/input_qspec_map/1/arg");
  e = error_of(annotated(R"({"output_qspec": 0})", R"([{"kind": "shared", "node": "ghost"}])"));
  EXPECT_EQ(e.code, "graph.dangling-ref");
  EXPECT_EQ(e.pointer, "/qspecs/0/node");
  e = error_of(annotated(R"({"output_qspec": {"kind": "shared", "edge": ["x", "ghost"]}})"));
  EXPECT_EQ(e.code, "graph.dangling-ref");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/output_qspec/edge/1");
  EXPECT_NE(e.message.find("node \"r\""), std::string::npos) << e.message;
  e = error_of(doc(std::string("[") + kX + "]",
                   R"([{"kind": "derived", "dtype": "int32", "derived_from": [{"node": "x"}, {"edge": ["ghost", "x"]}]}])"));
  EXPECT_EQ(e.code, "graph.dangling-ref");
  EXPECT_EQ(e.pointer, "/qspecs/0/derived_from/1/edge/0");
  EXPECT_EQ(e.message, "qspec /qspecs/0 refers to \"ghost\", which is not a node of the graph");
  // Table qspecs come before the nodes, so all their references wait for the end of the file: the
  // message and pointer of one that never resolves are rebuilt then, and must read as if made at once.
  e = error_of(doc(std::string("[") + kX + "]",
                   R"([{"kind": "shared", "node": "x"}, {"kind": "shared", "edge": ["x", "gh\"ost_with_a_long_name"]}])"));
  EXPECT_EQ(e.pointer, "/qspecs/1/edge/1");
  EXPECT_EQ(e.message, "qspec /qspecs/1 refers to \"gh\\\"ost_with_a_long_name\", which is not a node of the graph");
  e = error_of(doc(std::string("[") + kX + "]", R"([{"kind": "shared", "node": "x"}, {"kind": "shared", "node": "nope"}])"));
  EXPECT_EQ(e.pointer, "/qspecs/1/node");
  EXPECT_EQ(e.message, "qspec /qspecs/1 refers to \"nope\", which is not a node of the graph");
}

TEST(LoaderErrors, ForwardRefs) {
  ErrorInfo e = error_of(read_fixture("fixtures/bad/forward_ref.json"));
  EXPECT_EQ(e.code, "graph.forward-ref");
  EXPECT_EQ(e.pointer, "/nodes/1/args/1/node");
  EXPECT_NE(e.message.find("\"later\""), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("/nodes/2"), std::string::npos) << e.message;
  e = error_of(with_node(R"({"name": "r", "op": "call_function", "target": "aten.add.Tensor",
                             "args": [{"node": "x"}, {"node": "r"}]})"));
  EXPECT_EQ(e.code, "graph.forward-ref");
  EXPECT_EQ(e.pointer, "/nodes/1/args/1/node");
  EXPECT_NE(e.message.find("itself"), std::string::npos) << e.message;
}

TEST(LoaderErrors, QspecIndex) {
  const std::string table = R"([{"kind": "quant", "dtype": "uint8"}])";
  struct Case {
    const char* index;
    const char* what;
  };
  for (const Case c : {Case{"-1", "negative"}, Case{"1000000000000000000000000000000", "out of range"},
                       Case{"1.5", "not an integer"}, Case{"1", "out of range"},
                       Case{"18446744073709551615", "out of range"}}) {
    const ErrorInfo e = error_of(annotated(std::string(R"({"output_qspec": )") + c.index + "}", table));
    EXPECT_EQ(e.code, "graph.qspec-index") << c.index;
    EXPECT_EQ(e.pointer, "/nodes/1/annotation/output_qspec") << c.index;
    EXPECT_NE(e.message.find(c.what), std::string::npos) << e.message;
  }
  const ErrorInfo e = error_of(annotated(R"({"input_qspec_map": [{"arg": "x", "qspec": 7}]})", table));
  EXPECT_EQ(e.code, "graph.qspec-index");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/input_qspec_map/0/qspec");
}

TEST(LoaderErrors, QspecIndexCheckedWhenTableComesLast) {
  const std::string text = R"({"format": "qnnv.graph", "version": 1, "nodes": [)" + std::string(kX) +
                           R"(, {"name": "r", "op": "call_function", "target": "aten.relu.default",
                                 "args": [{"node": "x"}], "annotation": {"input_qspec_map": [{"arg": "x", "qspec": 0}],
                                 "output_qspec": 1}}], "qspecs": [{"kind": "quant", "dtype": "uint8"}]})";
  const ErrorInfo e = error_of(text);
  EXPECT_EQ(e.code, "graph.qspec-index");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/output_qspec");
  // without any table, index 0 is out of range too
  EXPECT_EQ(error_of(R"({"format": "qnnv.graph", "version": 1, "nodes": [)" + std::string(kX) +
                     R"(, {"name": "r", "op": "placeholder", "annotation": {"output_qspec": 0}}]})")
                .code,
            "graph.qspec-index");
}

TEST(LoaderErrors, QspecKind) {
  const ErrorInfo e = error_of(annotated(R"({"output_qspec": {"kind": "dynamic", "dtype": "int8"}})"));
  EXPECT_EQ(e.code, "graph.qspec-kind");
  EXPECT_EQ(e.pointer, "/nodes/1/annotation/output_qspec/kind");
  EXPECT_NE(e.message.find("\"dynamic\""), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("node \"r\""), std::string::npos) << e.message;
}

TEST(LoaderErrors, NodeOp) {
  const ErrorInfo e = error_of(with_node(R"({"name": "r", "op": "call_funtion", "target": "aten.relu.default"})"));
  EXPECT_EQ(e.code, "graph.node-op");
  EXPECT_EQ(e.pointer, "/nodes/1/op");
  EXPECT_NE(e.message.find("\"call_funtion\""), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("call_function"), std::string::npos) << e.message;
}

TEST(LoaderErrors, FirstErrorInDocumentOrder) {
  const ErrorInfo e = error_of(doc(std::string("[") + kX + R"(, {"name": "a", "op": "bogus"}, {"name": 5}])"));
  EXPECT_EQ(e.code, "graph.node-op");
  EXPECT_EQ(e.pointer, "/nodes/1/op");
}

// ---- rendering

TEST(ErrorRendering, JsonAndText) {
  const ErrorInfo e{"graph.type", "node \"r\": \"args\" must be a list, got an object", "/nodes/1/args", 0, 0};
  EXPECT_EQ(error_to_json(e),
            R"({"format":"qnnv.error","version":1,"error":{"code":"graph.type","message":"node \"r\": \"args\" must )"
            R"(be a list, got an object","pointer":"/nodes/1/args"}})");
  EXPECT_EQ(error_to_text(e, "g.json"),
            "g.json: node \"r\": \"args\" must be a list, got an object [graph.type] (at /nodes/1/args)");
  const ErrorInfo s{"json.syntax", "invalid JSON: x", "", 4, 26};
  EXPECT_EQ(error_to_json(s),
            R"({"format":"qnnv.error","version":1,"error":{"code":"json.syntax","message":"invalid JSON: x","line":4,)"
            R"("column":26}})");
  EXPECT_EQ(error_to_text(s, "g.json"), "g.json:4:26: invalid JSON: x [json.syntax]");
  EXPECT_EQ(error_to_text(s, ""), "4:26: invalid JSON: x [json.syntax]");
}

}  // namespace
}  // namespace qnnv::detail
