// Resolved ports' contract (ports.h): a node's ports in QNN's order with the datatype and encoding their
// resolved spec gives, the faults of a spec as findings on the node, and the report's port rows.
#include <gtest/gtest.h>

#include <string>

#include "graph.h"
#include "graph_builder.h"
#include "ports.h"
#include "resolver.h"
#include "test_loader_util.h"

namespace qnnv::detail {
namespace {

using loader_test::index_of;
using testing::act_u8;
using testing::GraphBuilder;
using testing::json;
using testing::shared_node;
using testing::unannotated;
using testing::weight_s8_per_channel;

Graph load(const GraphBuilder& b) { return load_graph(b.str(), Limits{}); }

struct Built {
  NodePorts ports;
  std::vector<Finding> problems;
};

Built build(const Graph& g, const std::string& node, const RuleEntry& rule = {},
            Severity severity = Severity::error) {
  const SpecResolver resolver(g, 8);
  Built b;
  build_ports(g, resolver, index_of(g, node), rule, severity, b.ports, b.problems);
  return b;
}

TEST(Ports, InputsFollowTheRuleTablesInputOrder) {
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .weight("w")
                           .op("mm", "aten.mm.default", {{"x", act_u8()}, {"w", weight_s8_per_channel()}}, act_u8()));
  RuleEntry swapped;
  swapped.input_order = {1, 0, 7};  // an index the node lacks is left out
  const Built b = build(g, "mm", swapped);
  ASSERT_EQ(b.ports.inputs.size(), 2u);
  EXPECT_EQ(b.ports.inputs[0].node, index_of(g, "w"));
  EXPECT_EQ(b.ports.inputs[0].index, 0u);
  EXPECT_EQ(b.ports.inputs[0].dtype, DataType::SFIXED_POINT_8);
  EXPECT_EQ(b.ports.inputs[0].encoding, Encoding::AXIS_SCALE_OFFSET);
  EXPECT_EQ(b.ports.inputs[1].node, index_of(g, "x"));
  EXPECT_EQ(b.ports.inputs[1].label(), "in[1]");
  EXPECT_EQ(b.ports.inputs[1].dtype, DataType::UFIXED_POINT_8);
  EXPECT_EQ(b.ports.inputs[1].encoding, Encoding::SCALE_OFFSET);
  ASSERT_EQ(b.ports.outputs.size(), 1u);
  EXPECT_EQ(b.ports.outputs[0].node, index_of(g, "mm"));
  EXPECT_EQ(b.ports.outputs[0].rank, 2);
  EXPECT_TRUE(b.problems.empty());
}

TEST(Ports, AnUnquantizedInputHasItsTensorsDatatype) {
  const Graph g = load(GraphBuilder().input("x").input("i", "int32").op(
      "add", "aten.add.Tensor", {{"x", unannotated()}, {"i", act_u8()}}, act_u8()));
  const Built b = build(g, "add");
  ASSERT_EQ(b.ports.inputs.size(), 2u);
  EXPECT_EQ(b.ports.inputs[0].dtype, DataType::FLOAT_32);
  EXPECT_EQ(b.ports.inputs[0].encoding, Encoding::NONE);
  EXPECT_EQ(b.ports.inputs[0].root, nullptr);
  EXPECT_TRUE(b.ports.inputs[0].dtype_known);
  EXPECT_NE(b.ports.inputs[1].root, nullptr);
}

TEST(Ports, AFloatOutputAfterQuantizedInputsIsAPortForMixedIo) {
  // No output spec: the float output is built (unannotated) so that the checks can see the mixed I/O.
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .op("a", "aten.relu.default", {{"x", act_u8()}}, json())
                           .op("b", "aten.relu.default", {{"x", unannotated()}}, json()));
  const Built a = build(g, "a");
  ASSERT_EQ(a.ports.outputs.size(), 1u);
  EXPECT_TRUE(a.ports.outputs[0].unannotated_output);
  EXPECT_EQ(a.ports.outputs[0].dtype, DataType::FLOAT_32);
  const Built b = build(g, "b");  // nothing quantized: no output port
  EXPECT_TRUE(b.ports.outputs.empty());
}

TEST(Ports, EveryOutputOfAMultiOutputNodeIsAPort) {
  GraphBuilder gb;
  gb.input("x").op("split", "aten.split.Tensor", {{"x", act_u8()}}, act_u8(),
                   json::array({testing::tensor(), testing::tensor()}));
  const Graph g = load(gb);
  const Built b = build(g, "split");
  ASSERT_EQ(b.ports.outputs.size(), 2u);
  EXPECT_EQ(b.ports.outputs[1].label(), "out[1]");
  EXPECT_EQ(b.ports.outputs[1].dtype, DataType::UFIXED_POINT_8);
}

TEST(Ports, AFaultOfTheSpecIsAFindingWithTheValidationsSeverity) {
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .op("a", "aten.relu.default", {{"x", act_u8()}}, shared_node("b"))
                           .op("b", "aten.relu.default", {{"a", act_u8()}}, shared_node("a")));
  const Built b = build(g, "a", {}, Severity::warning);
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_EQ(b.problems[0].rule, "qspec.shared-cycle");
  EXPECT_EQ(b.problems[0].severity, Severity::warning);
  EXPECT_EQ(b.problems[0].port, "out[0]");
  ASSERT_EQ(b.ports.outputs.size(), 1u);  // the port is still there, without a datatype
  EXPECT_FALSE(b.ports.outputs[0].dtype_known);
  EXPECT_EQ(b.ports.outputs[0].root, nullptr);
}

TEST(Ports, ARangeItsDtypeCannotHoldIsAFinding) {
  json wide = act_u8();
  wide["quant_min"] = -1;
  const Graph g = load(GraphBuilder().input("x").op("a", "aten.relu.default", {{"x", wide}}, act_u8()));
  const Built b = build(g, "a");
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_EQ(b.problems[0].rule, "qspec.invalid");
  EXPECT_EQ(b.problems[0].port, "in[0]");
  EXPECT_EQ(b.problems[0].actual, "[-1, 255]");
}

TEST(Ports, RowsKeepEachSummaryAndNameOnce) {
  const Graph g = load(GraphBuilder()
                           .input("x")
                           .op("a", "aten.relu.default", {{"x", act_u8()}}, act_u8())
                           .op("b", "aten.relu.default", {{"a", shared_node("a")}}, shared_node("a")));
  const SpecResolver resolver(g, 8);
  PortRows rows(g);
  Report report;
  NodeResult ra, rb;
  NodePorts ports;
  std::vector<Finding> problems;
  build_ports(g, resolver, index_of(g, "a"), {}, Severity::error, ports, problems);
  rows.add(ports, ra, report);
  build_ports(g, resolver, index_of(g, "b"), {}, Severity::error, ports, problems);
  rows.add(ports, rb, report);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(ra.ports.size(), 2u);
  ASSERT_EQ(rb.ports.size(), 2u);
  // a's output spec is the root of b's input and output: one summary for the three ports.
  EXPECT_EQ(ra.ports[1].qspec, rb.ports[0].qspec);
  EXPECT_EQ(rb.ports[0].qspec, rb.ports[1].qspec);
  EXPECT_EQ(report.qspec_text(rb.ports[1]), "uint8 [0, 255] per_tensor_affine MovingAverageMinMaxObserver");
  EXPECT_EQ(report.name(rb.ports[1].shared_with), "a");
  EXPECT_EQ(ra.ports[1].shared_with, -1);  // a concrete spec shares with nothing
  EXPECT_EQ(report.names.size(), 3u);      // x, a, b
}

TEST(Ports, QspecSummaryNamesWhatTheSpecFixes) {
  QSpec q;
  q.kind = QSpecKind::fixed;
  q.dtype = TorchDtype::uint16;
  q.quant_min = 0;
  q.quant_max = 65535;
  q.qscheme = QScheme::per_tensor_affine;
  q.scale = 1.0 / 65536;
  q.zero_point = 0;
  EXPECT_EQ(qspec_summary(q), "uint16 [0, 65535] per_tensor_affine scale 1.52587891e-05 zero_point 0");
}

}  // namespace
}  // namespace qnnv::detail
