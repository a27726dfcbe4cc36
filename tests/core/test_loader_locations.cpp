// Node locations: each node's position in the graph file, its meta.module and the innermost frame of the
// user's code in its meta.stack_trace; carried into the report (JSON keys location/module/source).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph.h"
#include "graph_builder.h"
#include "stack_trace.h"
#include "test_loader_util.h"
#include "text.h"

namespace qnnv::detail {
namespace {

using loader_test::index_of;
using loader_test::load;

// Line:column of each node's '{', in characters (the "é" before "b" on line 4 is two bytes, one column).
TEST(LoaderLocations, NodePositionsAreTheirOpeningBraces) {
  const std::string text =
      "{\"format\": \"qnnv.graph\", \"version\": 1,\n"                         // line 1
      " \"nodes\": [\n"                                                          // line 2
      "   {\"name\": \"x\", \"op\": \"placeholder\", \"target\": \"x\"},\n"     // line 3, column 4
      "   {\"name\": \"\xC3\xA9\", \"op\": \"placeholder\"}, {\"name\": \"b\",\n"  // line 4, columns 4 and 40
      "    \"op\": \"call_function\", \"target\": \"aten.relu.default\", \"args\": [{\"node\": \"x\"}]},\n"
      "\t{\"name\": \"c\", \"op\": \"output\", \"args\": [[{\"node\": \"b\"}]]}]}\n";  // line 6, column 2
  const Graph g = load(text);
  ASSERT_EQ(g.node_positions.size(), 4u);
  const auto at = [&](const char* name) { return g.node_positions[index_of(g, name)]; };
  EXPECT_EQ(at("x").line, 3u);
  EXPECT_EQ(at("x").column, 4u);
  EXPECT_EQ(at("\xC3\xA9").line, 4u);
  EXPECT_EQ(at("\xC3\xA9").column, 4u);
  EXPECT_EQ(at("b").line, 4u);
  EXPECT_EQ(at("b").column, 40u);
  EXPECT_EQ(at("c").line, 6u);
  EXPECT_EQ(at("c").column, 2u);
}

// An ASCII document (its columns are byte counts, found without looking at the bytes) and one with a
// non-ASCII name: every node where text_pos() puts its '{'.
TEST(LoaderLocations, PositionsAgreeWithTextPos) {
  for (const std::string name : {"plain", "\xE2\x82\xAC\xF0\x9F\x98\x80"}) {
    std::string text = "{\"format\": \"qnnv.graph\", \"version\": 1, \"nodes\": [";
    std::vector<size_t> starts;
    for (int i = 0; i < 12; ++i) {
      if (i > 0) text += ",";
      text += i % 3 == 0 ? "\n" : i % 3 == 1 ? " " : "\n\t  ";  // new line, same line, indented line
      starts.push_back(text.size());
      text += "{\"name\": \"" + name + std::to_string(i) + "\", \"op\": \"placeholder\"}";
    }
    text += "]}";
    const Graph g = load(text);
    ASSERT_EQ(g.node_positions.size(), starts.size());
    for (size_t i = 0; i < starts.size(); ++i) {
      const TextPos want = text_pos(text, starts[i]);
      ASSERT_EQ(text[starts[i]], '{');
      EXPECT_EQ(g.node_positions[i].line, static_cast<uint32_t>(want.line)) << name << i;
      EXPECT_EQ(g.node_positions[i].column, static_cast<uint32_t>(want.column)) << name << i;
    }
  }
}

// The same definition as error positions (text_pos): a syntax error at the second node's '{' is
// reported where that node is located once the error is fixed.
TEST(LoaderLocations, PositionsCountLikeErrors) {
  const std::string head = "{\"format\": \"qnnv.graph\", \"version\": 1, \"nodes\": [\n  {\"name\": \"\xC3\xA9\xC3\xA9\", "
                           "\"op\": \"placeholder\"}, ";
  const std::string good = head + "{\"name\": \"x\", \"op\": \"placeholder\"}]}";
  const std::string bad = head + "{\"name\" \"x\", \"op\": \"placeholder\"}]}";  // no colon after "name"
  const Graph g = load(good);
  ASSERT_EQ(g.node_positions.size(), 2u);
  const TextPos want = text_pos(good, head.size());
  EXPECT_EQ(want.line, 2);
  EXPECT_EQ(want.column, 40);  // 41 bytes before it on its line, two of them continuation bytes
  EXPECT_EQ(g.node_positions[1].line, 2u);
  EXPECT_EQ(g.node_positions[1].column, 40u);
  try {
    load(bad);
    ADD_FAILURE() << "a syntax error loaded";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "json.syntax");
    EXPECT_EQ(e.info().line, 2);
    EXPECT_EQ(e.info().column, 40 + 8);  // the string after "name", 8 characters into the node
  }
}

TEST(LoaderLocations, MetaModuleAndUserFrame) {
  const std::string text = R"({"format": "qnnv.graph", "version": 1, "nodes": [
    {"name": "x", "op": "placeholder", "target": "x"},
    {"name": "a", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "x"}],
     "meta": {"module": "features.0.1", "nn_module_stack": {"k": ["a", "b"]},
              "stack_trace": "  File \"/home/me/model.py\", line 40, in forward\n    x = self.features(x)\n  File \"/usr/lib/python3/dist-packages/torch/nn/modules/container.py\", line 217, in forward\n    input = module(input)\n  File \"/home/me/blocks.py\", line 12, in forward\n    return self.act(y)\n  File \"/usr/lib/python3/dist-packages/torch/nn/modules/activation.py\", line 101, in forward\n    return F.relu(input)\n"}},
    {"name": "b", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "a"}],
     "meta": {"module": 7, "stack_trace": "  File \"/site/torch/fx/x.py\", line 3, in f\n"}},
    {"name": "c", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "b"}],
     "meta": {"module": "head", "k": 1, "k": 2}}]})";
  const Graph g = load(text);
  const Node& x = g.nodes[index_of(g, "x")];
  EXPECT_EQ(x.meta, kNone);
  const Node& a = g.nodes[index_of(g, "a")];
  ASSERT_NE(a.meta, kNone);
  EXPECT_EQ(g.node_metas[a.meta].module, "features.0.1");
  EXPECT_EQ(g.node_metas[a.meta].source_file, "/home/me/blocks.py");  // innermost frame of user code
  EXPECT_EQ(g.node_metas[a.meta].source_line, 12u);
  // A module that is not a string and a trace of library frames only: nothing (never an error).
  EXPECT_EQ(g.nodes[index_of(g, "b")].meta, kNone);
  // Keys qnnv does not read may repeat in meta, as before it read any of meta.
  const Node& c = g.nodes[index_of(g, "c")];
  ASSERT_NE(c.meta, kNone);
  EXPECT_EQ(g.node_metas[c.meta].module, "head");
  EXPECT_EQ(g.node_metas[c.meta].source_line, 0u);
}

TEST(LoaderLocations, MetaKeysQnnvReadsMustBeUnique) {
  try {
    load(R"({"format": "qnnv.graph", "version": 1, "nodes": [
      {"name": "x", "op": "placeholder", "meta": {"module": "a", "module": "b"}}]})");
    ADD_FAILURE() << "duplicate meta.module loaded";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "json.duplicate-key");
    EXPECT_EQ(e.info().pointer, "/nodes/0/meta/module");
  }
}

TEST(StackTrace, InnermostUserFrame) {
  struct Case {
    const char* trace;
    const char* file;
    uint32_t line;
  };
  const Case cases[] = {
      // Python order: most recent call last, so the last user frame wins.
      {"  File \"/a/m.py\", line 5, in f\n  File \"/a/n.py\", line 9, in g\n", "/a/n.py", 9},
      // Library frames after it are passed over: torch, executorch, torchao, site-packages, dist-packages.
      {"  File \"/a/m.py\", line 5, in f\n  File \"/x/torch/nn/a.py\", line 1, in f\n"
       "  File \"/x/executorch/b.py\", line 2, in f\n  File \"/x/torchao/c.py\", line 3, in f\n"
       "  File \"/v/lib/python3.11/site-packages/d.py\", line 4, in f\n  File \"/usr/lib/python3/dist-packages/e.py\", "
       "line 5, in f\n",
       "/a/m.py", 5},
      // Windows separators; generated code ("<eval_with_key>") is not the user's.
      {"  File \"C:\\\\proj\\\\net.py\", line 7, in forward\n  File \"<eval_with_key>.3\", line 4, in forward\n",
       "C:\\\\proj\\\\net.py", 7},
      // A directory merely named like a library is not one ("torch_utils", "mytorch").
      {"  File \"/a/torch_utils/mytorch/m.py\", line 8, in f\n", "/a/torch_utils/mytorch/m.py", 8},
      // Only frame lines count: the quoted source below a frame, or text mid-line, is not a frame.
      {"  File \"/a/m.py\", line 5, in f\n    s = 'File \"/b/x.py\", line 6, in h'\n", "/a/m.py", 5},
      // No frame of user code, no frame at all, a frame without a line number.
      {"  File \"/x/torch/a.py\", line 1, in f\n", "", 0},
      {"no trace here", "", 0},
      {"  File \"/a/m.py\", line ?, in f\n", "", 0},
      {"", "", 0},
  };
  for (const Case& c : cases) {
    const SourceFrame f = innermost_user_frame(c.trace);
    EXPECT_EQ(f.file, c.file) << c.trace;
    EXPECT_EQ(f.line, c.line) << c.trace;
  }
}

// The report carries the location keys only where known, and reads them back.
TEST(LoaderLocations, ReportWritesAndReadsLocations) {
  using testing::act_u8;
  using testing::GraphBuilder;
  GraphBuilder b;
  b.input("x").op("a", "aten.relu.default", {{"x", act_u8()}}, act_u8()).op("z", "aten.relu.default",
                                                                              {{"a", act_u8()}}, act_u8());
  b.doc()["nodes"][1]["meta"] = {{"module", "features.0"},
                                 {"stack_trace", "  File \"/home/me/m.py\", line 3, in forward\n    y = f(x)\n"}};
  const Report r = validate(b.str(), Options{}, *builtin_data());
  ASSERT_EQ(r.results.size(), 2u);
  const NodeResult& a = r.results[0];
  EXPECT_EQ(a.node, "a");
  EXPECT_EQ(a.line, 1u);
  EXPECT_GT(a.column, 1u);
  EXPECT_EQ(a.module, "features.0");
  EXPECT_EQ(a.source_file, "/home/me/m.py");
  EXPECT_EQ(a.source_line, 3u);
  EXPECT_TRUE(r.results[1].module.empty());
  EXPECT_EQ(r.results[1].source_line, 0u);

  const std::string json = report_to_json(r);
  EXPECT_NE(json.find("\"location\": {\n        \"line\": 1,\n        \"column\": " + std::to_string(a.column)),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"module\": \"features.0\""), std::string::npos);
  EXPECT_NE(json.find("\"source\": {\n        \"file\": \"/home/me/m.py\",\n        \"line\": 3\n      }"),
            std::string::npos);
  const Report back = report_from_json(json);
  ASSERT_EQ(back.results.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(back.results[i].line, r.results[i].line);
    EXPECT_EQ(back.results[i].column, r.results[i].column);
    EXPECT_EQ(back.results[i].module, r.results[i].module);
    EXPECT_EQ(back.results[i].source_file, r.results[i].source_file);
    EXPECT_EQ(back.results[i].source_line, r.results[i].source_line);
  }
  EXPECT_EQ(report_to_json(back), json);
}

TEST(LoaderLocations, ReportRejectsABadLocation) {
  const Report r = validate(testing::GraphBuilder().input("x").plain("a", "aten.relu.default", {"x"}).str(),
                            Options{}, *builtin_data());
  std::string json = report_to_json(r);
  const size_t at = json.find("\"location\"");
  ASSERT_NE(at, std::string::npos);
  const std::string bad = json.substr(0, at) + "\"location\": {\"line\": 0, \"column\": 1}" +
                          json.substr(json.find('}', at) + 1);
  try {
    report_from_json(bad);
    ADD_FAILURE() << "line 0 accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "report.invalid");
    EXPECT_EQ(e.info().pointer, "/results/0/location/line");
  }
}

}  // namespace
}  // namespace qnnv::detail
