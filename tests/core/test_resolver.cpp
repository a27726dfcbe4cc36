// The shared-spec resolver's contract (resolver.h): where each port's spec really lives once shared
// specs are followed; cycles, dangling references, implicit sharing of equal edge specs, the chain limit.
#include <gtest/gtest.h>

#include <string>

#include "graph.h"
#include "graph_builder.h"
#include "resolver.h"
#include "test_loader_util.h"

namespace qnnv::detail {
namespace {

using loader_test::index_of;
using testing::act_u8;
using testing::act_u16;
using testing::GraphBuilder;
using testing::json;
using testing::shared_edge;
using testing::shared_node;
using testing::unannotated;

Graph load(const GraphBuilder& b) { return load_graph(b.str(), Limits{}); }

TEST(Resolver, ConcreteOutputIsItsOwnRoot) {
  const Graph g = load(GraphBuilder().input("x").op("a", "aten.relu.default", {{"x", act_u8()}}, act_u8()));
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a");
  const ResolvedSpec s = r.output(a);
  EXPECT_EQ(s.state, ResolveState::resolved);
  EXPECT_EQ(s.own_qspec, g.nodes[a].output_qspec);
  EXPECT_EQ(s.root_qspec, g.nodes[a].output_qspec);
  EXPECT_EQ(s.root, a);  // a node's output location is its index
  EXPECT_EQ(s.root_node, a);
  EXPECT_EQ(s.hops, 0u);
}

TEST(Resolver, UnannotatedPortsAreUnquantized) {
  const Graph g = load(GraphBuilder().input("x").plain("a", "aten.relu.default", {"x"}));
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a"), x = index_of(g, "x");
  EXPECT_EQ(r.output(a).state, ResolveState::unquantized);
  const ResolvedSpec in = r.input(a, x);  // no input_qspec_map entry for x
  EXPECT_EQ(in.state, ResolveState::unquantized);
  EXPECT_EQ(in.own_qspec, kNone);
  EXPECT_EQ(in.root_qspec, kNone);
}

TEST(Resolver, SharedNodeFollowsToTheProducersOutput) {
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .op("a", "aten.relu.default", {{"x", act_u8()}}, act_u8())
                           .op("b", "aten.hardtanh.default", {{"a", shared_node("a")}}, shared_node("a")));
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a"), b = index_of(g, "b");
  const ResolvedSpec out = r.output(b);
  EXPECT_EQ(out.state, ResolveState::resolved);
  EXPECT_EQ(out.own_qspec, g.nodes[b].output_qspec);
  EXPECT_EQ(out.root_qspec, g.nodes[a].output_qspec);
  EXPECT_EQ(out.root, a);
  EXPECT_EQ(out.root_node, a);
  EXPECT_EQ(out.hops, 1u);
  const ResolvedSpec in = r.input(b, a);
  EXPECT_EQ(in.state, ResolveState::resolved);
  EXPECT_EQ(in.root, a);
  EXPECT_EQ(in.hops, 1u);
}

TEST(Resolver, SharedEdgeUsesTheConsumersEntryElseTheProducersOutput) {
  // b's input edge x -> b has its own spec; c shares the edge (x, b): that entry, not x's output.
  // d shares the edge (a, c), which has no entry in c's map: a's output.
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .op("a", "aten.relu.default", {{"x", act_u8()}}, act_u8())
                           .op("b", "aten.relu.default", {{"x", act_u16()}}, act_u16())
                           .op("c", "aten.add.Tensor", {{"b", shared_edge("x", "b")}, {"a", unannotated()}},
                               act_u8())
                           .op("d", "aten.relu.default", {{"c", shared_edge("a", "c")}}, act_u8()));
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a"), b = index_of(g, "b"), c = index_of(g, "c"), d = index_of(g, "d");
  const ResolvedSpec via_entry = r.input(c, b);
  EXPECT_EQ(via_entry.state, ResolveState::resolved);
  EXPECT_EQ(via_entry.root_qspec, g.nodes[b].input_qspec_map[0].qspec);
  EXPECT_GE(via_entry.root, g.nodes.size());  // an edge location
  EXPECT_EQ(via_entry.root_node, b);          // the consumer owns an edge
  EXPECT_EQ(via_entry.hops, 1u);
  const ResolvedSpec via_output = r.input(d, c);
  EXPECT_EQ(via_output.state, ResolveState::resolved);
  EXPECT_EQ(via_output.root, a);
  EXPECT_EQ(via_output.root_qspec, g.nodes[a].output_qspec);
}

TEST(Resolver, CyclesAreReportedAtEveryPortOnThem) {
  // a's output is shared with b's, b's with a's: no concrete spec anywhere.
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .op("a", "aten.relu.default", {{"x", act_u8()}}, shared_node("b"))
                           .op("b", "aten.relu.default", {{"a", act_u8()}}, shared_node("a")));
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a"), b = index_of(g, "b");
  const ResolvedSpec sa = r.output(a), sb = r.output(b);
  EXPECT_EQ(sa.state, ResolveState::cycle);
  EXPECT_EQ(sb.state, ResolveState::cycle);  // answered from the memo, same verdict
  EXPECT_EQ(sa.root_qspec, kNone);
  EXPECT_TRUE(sa.root_node == a || sa.root_node == b);
}

TEST(Resolver, SharingWithAnUnannotatedTensorIsDangling) {
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .plain("a", "aten.relu.default", {"x"})
                           .op("b", "aten.relu.default", {{"a", shared_node("a")}}, act_u8()));
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a"), b = index_of(g, "b");
  const ResolvedSpec s = r.input(b, a);
  EXPECT_EQ(s.state, ResolveState::dangling);
  EXPECT_EQ(s.root_node, a);  // where the chain ended
  EXPECT_EQ(s.root_qspec, kNone);
}

// Implicit sharing compares spec identity: the same entry of the "qspecs" table at an edge and at the
// producer's output makes one observer (the producer's); an equal spec written twice does not.
TEST(Resolver, AnEdgeWithTheProducersOwnSpecIsImplicitlyShared) {
  const std::string text = R"({"format": "qnnv.graph", "version": 1, "qspecs": [)" + act_u8().dump() + "," +
                           act_u8().dump() + R"(], "nodes": [
    {"name": "x", "op": "placeholder", "target": "x", "val": {"dtype": "float32", "shape": [1]}},
    {"name": "a", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "x"}],
     "annotation": {"input_qspec_map": [], "output_qspec": 0}},
    {"name": "b", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "a"}],
     "annotation": {"input_qspec_map": [{"arg": "a", "qspec": 0}], "output_qspec": 0}},
    {"name": "c", "op": "call_function", "target": "aten.relu.default", "args": [{"node": "a"}],
     "annotation": {"input_qspec_map": [{"arg": "a", "qspec": 1}], "output_qspec": 1}}]})";
  const Graph g = load_graph(text, Limits{});
  const SpecResolver r(g, 8);
  const uint32_t a = index_of(g, "a"), b = index_of(g, "b"), c = index_of(g, "c");
  const ResolvedSpec same_entry = r.input(b, a);
  EXPECT_EQ(same_entry.state, ResolveState::resolved);
  EXPECT_EQ(same_entry.root, a);  // the producer's output: one observer
  EXPECT_EQ(same_entry.hops, 0u);  // an implicit merge is no link of the user's
  const ResolvedSpec equal_copy = r.input(c, a);
  EXPECT_EQ(equal_copy.state, ResolveState::resolved);
  EXPECT_GE(equal_copy.root, g.nodes.size());  // its own edge location
  EXPECT_EQ(equal_copy.root_node, c);
  EXPECT_EQ(equal_copy.root_qspec, 1u);
}

// A chain n0 <- n1 <- ... <- n5 of shared outputs: port k is k hops from n0's concrete spec. With a
// limit of 3, ports up to 3 hops resolve and the others are too long, whichever is resolved first.
TEST(Resolver, ChainLimitIsJudgedPerPort) {
  GraphBuilder b;
  b.input("x").op("n0", "aten.relu.default", {{"x", act_u8()}}, act_u8());
  for (int k = 1; k <= 5; ++k) {
    const std::string prev = "n" + std::to_string(k - 1);
    b.op("n" + std::to_string(k), "aten.relu.default", {{prev, shared_node(prev)}}, shared_node(prev));
  }
  const Graph g = load(b);
  for (const bool far_end_first : {false, true}) {
    const SpecResolver r(g, 3);
    if (far_end_first) r.output(index_of(g, "n5"));
    for (int k = 0; k <= 5; ++k) {
      const ResolvedSpec s = r.output(index_of(g, "n" + std::to_string(k)));
      EXPECT_EQ(s.hops, static_cast<uint32_t>(k)) << "n" << k;
      EXPECT_EQ(s.state, k <= 3 ? ResolveState::resolved : ResolveState::too_long) << "n" << k;
      EXPECT_EQ(s.root, index_of(g, "n0")) << "n" << k;
    }
  }
}

}  // namespace
}  // namespace qnnv::detail
