// Hand-built Reports shared by the renderer tests (test_render_*.cpp).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "qnnv/report.h"

namespace qnnv::test {

// A node name with every character that needs escaping somewhere: the five XML specials, a JSON
// backslash, a tab, a newline, C0 controls (\x01, ESC), DEL, a C1 control (U+0085) and non-ASCII text.
inline const std::string kNastyName = "conv<2>&\"'\\\t\n\x01\x1b[31m\x7f\xc2\x85_\xc3\xa9\xe5\xb1\x82";

// A port for a hand-built report; its node names go into the report's name table.
inline PortReport make_port(Report& r, std::string_view label, std::string_view node, DataType dtype, Encoding encoding,
                            int32_t qspec, std::string_view shared_with = {}) {
  PortReport p;
  if (!parse_port_label(label, p.output, p.index)) throw std::invalid_argument("not a port label");
  p.node = r.names.add(node);
  p.dtype = dtype;
  p.encoding = encoding;
  p.qspec = qspec;
  if (!shared_with.empty()) p.shared_with = r.names.add(shared_with);
  return p;
}

// Five results, one per status plus a second pass; every Finding and PortReport field set somewhere and
// every optional one left empty somewhere. Summary and ok agree with the results.
inline Report sample_report() {
  Report r;
  r.tool_version = "0.1.0";
  r.data_version = "2026.11 (built-in)";
  r.backend = "htp";
  r.soc_model = "SM8350";
  r.arch = "v68";
  r.strict = true;
  r.backend_from = "option";
  r.soc_from = "hints";
  r.ok = false;
  r.summary = {5, 4, 2, 1, 1, 1};

  NodeResult pass1;
  pass1.node = "add_1";
  pass1.target = "aten.add.Tensor";
  pass1.qnn_op = "ElementWiseAdd";
  pass1.status = Status::pass;
  pass1.variant = "ufixed16";
  r.qspecs = {"uint16 per-tensor affine", "int4 block 1x64"};
  pass1.ports = {make_port(r, "in[0]", "x", DataType::UFIXED_POINT_16, Encoding::SCALE_OFFSET, 0),
                 make_port(r, "out[0]", "add_1", DataType::UFIXED_POINT_16, Encoding::SCALE_OFFSET, -1, "x")};

  NodeResult fail;
  fail.node = kNastyName;
  fail.target = "aten.conv2d.default";
  fail.qnn_op = "Conv2d";
  fail.status = Status::fail;
  Finding f1;
  f1.rule = "soc.lpbq-min-arch";
  f1.severity = Severity::error;
  f1.port = "in[1]";
  f1.message = "block-wise (LPBQ) weights need HTP v69 or newer; SM8350 is v68";
  f1.expected = ">= v69";
  f1.actual = "v68";
  f1.hint = "choose a v69+ SoC, or quantize this weight per-channel without block_size";
  f1.source = "htp_rules.py validate_lpbq_support (ExecuTorch)";
  f1.basis = "read";
  f1.related_node = "p_conv_weight";
  Finding f2;
  f2.rule = "port.encoding";
  f2.severity = Severity::warning;
  f2.port = "out[0]";
  f2.message = "output \"quoted\" & <tagged>\x02 value";
  f2.expected = "SCALE_OFFSET";
  f2.actual = "AXIS_SCALE_OFFSET";
  f2.hint = "use a per-tensor observer";
  f2.source = "QNN op definition supplement";
  f2.basis = "inferred";
  fail.findings = {f1, f2};
  fail.ports = {make_port(r, "in[1]", "p_conv_weight", DataType::SFIXED_POINT_4, Encoding::BLOCKWISE_EXPANSION, 1)};

  NodeResult nv;
  nv.node = "my_custom_op";
  nv.target = "my_ns.custom.default";
  nv.status = Status::not_validated;  // qnn_op empty -> null
  Finding f3;
  f3.rule = "op.no-qnn-op";
  f3.severity = Severity::info;
  f3.message = "no QNN op is known for my_ns.custom.default";
  f3.hint = "lower it outside the QNN partition or add a rule";
  f3.source = "qnnv op map";
  nv.findings = {f3};

  NodeResult skipped;
  skipped.node = "unannotated_view";
  skipped.target = "aten.view.default";
  skipped.qnn_op = "Reshape";
  skipped.status = Status::skipped;

  NodeResult pass2;
  pass2.node = "\xe5\xb1\x82_relu";  // 层_relu
  pass2.target = "aten.relu.default";
  pass2.qnn_op = "Relu";
  pass2.status = Status::pass;

  r.results = {pass1, fail, nv, skipped, pass2};
  return r;
}

}  // namespace qnnv::test
