// report_to_json / report_from_json: the contract's shape, member order, escaping, layout, round trip,
// and located errors for bad input.
#include <gtest/gtest.h>

#include <cstdio>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "qnnv/error.h"
#include "qnnv/report.h"
#include "test_render_fixture.h"

namespace qnnv {
namespace {

using OJson = nlohmann::ordered_json;

std::vector<std::string> keys(const OJson& obj) {
  std::vector<std::string> k;
  for (auto it = obj.begin(); it != obj.end(); ++it) k.push_back(it.key());
  return k;
}

using Keys = std::vector<std::string>;

void expect_same(const Report& a, const Report& b) {
  EXPECT_EQ(a.tool_version, b.tool_version);
  EXPECT_EQ(a.data_version, b.data_version);
  EXPECT_EQ(a.backend, b.backend);
  EXPECT_EQ(a.soc_model, b.soc_model);
  EXPECT_EQ(a.arch, b.arch);
  EXPECT_EQ(a.strict, b.strict);
  EXPECT_EQ(a.backend_from, b.backend_from);
  EXPECT_EQ(a.soc_from, b.soc_from);
  EXPECT_EQ(a.ok, b.ok);
  EXPECT_EQ(a.summary.nodes, b.summary.nodes);
  EXPECT_EQ(a.summary.checked, b.summary.checked);
  EXPECT_EQ(a.summary.passed, b.summary.passed);
  EXPECT_EQ(a.summary.failed, b.summary.failed);
  EXPECT_EQ(a.summary.not_validated, b.summary.not_validated);
  EXPECT_EQ(a.summary.skipped, b.summary.skipped);
  ASSERT_EQ(a.results.size(), b.results.size());
  for (size_t i = 0; i < a.results.size(); ++i) {
    const NodeResult &x = a.results[i], &y = b.results[i];
    EXPECT_EQ(x.node, y.node);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.qnn_op, y.qnn_op);
    EXPECT_EQ(x.status, y.status);
    EXPECT_EQ(x.variant, y.variant);
    ASSERT_EQ(x.findings.size(), y.findings.size());
    for (size_t k = 0; k < x.findings.size(); ++k) {
      const Finding &f = x.findings[k], &g = y.findings[k];
      EXPECT_EQ(f.rule, g.rule);
      EXPECT_EQ(f.severity, g.severity);
      EXPECT_EQ(f.port, g.port);
      EXPECT_EQ(f.message, g.message);
      EXPECT_EQ(f.expected, g.expected);
      EXPECT_EQ(f.actual, g.actual);
      EXPECT_EQ(f.hint, g.hint);
      EXPECT_EQ(f.source, g.source);
      EXPECT_EQ(f.basis, g.basis);
      EXPECT_EQ(f.related_node, g.related_node);
    }
    ASSERT_EQ(x.ports.size(), y.ports.size());
    for (size_t k = 0; k < x.ports.size(); ++k) {
      EXPECT_EQ(port_label(x.ports[k]), port_label(y.ports[k]));
      EXPECT_EQ(a.name(x.ports[k].node), b.name(y.ports[k].node));
      EXPECT_EQ(x.ports[k].dtype, y.ports[k].dtype);
      EXPECT_EQ(x.ports[k].encoding, y.ports[k].encoding);
      EXPECT_EQ(a.qspec_text(x.ports[k]), b.qspec_text(y.ports[k]));
      EXPECT_EQ(a.name(x.ports[k].shared_with), b.name(y.ports[k].shared_with));
    }
  }
}

TEST(RenderJson, StatusAndSeverityNames) {
  EXPECT_EQ(to_string(Status::pass), "pass");
  EXPECT_EQ(to_string(Status::fail), "fail");
  EXPECT_EQ(to_string(Status::not_validated), "not_validated");
  EXPECT_EQ(to_string(Status::skipped), "skipped");
  EXPECT_EQ(to_string(Severity::error), "error");
  EXPECT_EQ(to_string(Severity::warning), "warning");
  EXPECT_EQ(to_string(Severity::info), "info");
}

TEST(RenderJson, ShapeAndMemberOrderFollowTheContract) {
  const OJson j = OJson::parse(report_to_json(test::sample_report()));
  EXPECT_EQ(keys(j), (Keys{"format", "version", "tool", "target", "ok", "summary", "results"}));
  EXPECT_EQ(j["format"], "qnnv.report");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(keys(j["tool"]), (Keys{"name", "version", "data"}));
  EXPECT_EQ(j["tool"]["name"], "qnnv");
  EXPECT_EQ(j["tool"]["version"], "0.1.0");
  EXPECT_EQ(j["tool"]["data"], "2026.11 (built-in)");
  EXPECT_EQ(keys(j["target"]), (Keys{"backend", "soc_model", "arch", "strict", "backend_from", "soc_from"}));
  EXPECT_EQ(j["target"]["soc_model"], "SM8350");
  EXPECT_EQ(j["target"]["strict"], true);
  EXPECT_EQ(j["target"]["backend_from"], "option");
  EXPECT_EQ(j["target"]["soc_from"], "hints");
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(keys(j["summary"]), (Keys{"nodes", "checked", "passed", "failed", "not_validated", "skipped"}));
  EXPECT_EQ(j["summary"]["nodes"], 5);
  EXPECT_EQ(j["summary"]["not_validated"], 1);

  const OJson& res = j["results"];
  ASSERT_EQ(res.size(), 5u);
  // pass with variant and ports: optional port members present only when set
  EXPECT_EQ(keys(res[0]), (Keys{"node", "target", "qnn_op", "status", "variant", "findings", "ports"}));
  EXPECT_EQ(res[0]["variant"], "ufixed16");
  EXPECT_EQ(keys(res[0]["ports"][0]), (Keys{"port", "node", "dtype", "encoding", "qspec"}));
  EXPECT_EQ(keys(res[0]["ports"][1]), (Keys{"port", "node", "dtype", "encoding", "shared_with"}));
  EXPECT_EQ(res[0]["ports"][1]["shared_with"], "x");
  // fail: no variant; a finding with every field
  EXPECT_EQ(keys(res[1]), (Keys{"node", "target", "qnn_op", "status", "findings", "ports"}));
  EXPECT_EQ(res[1]["status"], "fail");
  EXPECT_EQ(keys(res[1]["findings"][0]), (Keys{"rule", "severity", "port", "message", "expected", "actual", "hint",
                                              "source", "basis", "related_node"}));
  EXPECT_EQ(res[1]["findings"][0]["rule"], "soc.lpbq-min-arch");
  EXPECT_EQ(res[1]["findings"][0]["related_node"], "p_conv_weight");
  EXPECT_EQ(res[1]["findings"][1]["severity"], "warning");
  // not_validated: qnn_op null, finding without port/basis/related_node
  EXPECT_TRUE(res[2]["qnn_op"].is_null());
  EXPECT_EQ(res[2]["status"], "not_validated");
  EXPECT_EQ(keys(res[2]["findings"][0]), (Keys{"rule", "severity", "message", "expected", "actual", "hint", "source"}));
  EXPECT_EQ(res[2]["findings"][0]["severity"], "info");
  EXPECT_EQ(res[2]["findings"][0]["expected"], "");
  // skipped node is still a result; empty arrays stay arrays
  EXPECT_EQ(res[3]["status"], "skipped");
  EXPECT_TRUE(res[3]["findings"].is_array() && res[3]["findings"].empty());
  EXPECT_TRUE(res[3]["ports"].is_array() && res[3]["ports"].empty());
}

TEST(RenderJson, EscapesEveryStringAndKeepsUnicode) {
  const Report r = test::sample_report();
  const std::string out = report_to_json(r);
  const OJson j = OJson::parse(out);
  EXPECT_EQ(j["results"][1]["node"].get<std::string>(), test::kNastyName);
  EXPECT_EQ(j["results"][1]["findings"][1]["message"].get<std::string>(), r.results[1].findings[1].message);
  EXPECT_EQ(j["results"][4]["node"].get<std::string>(), "\xe5\xb1\x82_relu");
  // control characters are escapes, never raw bytes; non-ASCII text is kept as UTF-8
  EXPECT_NE(out.find(R"(conv<2>&\"'\\\t\n\u0001\u001b[31m)"), std::string::npos) << out;
  EXPECT_NE(out.find("\xe5\xb1\x82_relu"), std::string::npos);
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || c == '\n') << "raw control byte " << int(u);
  }
}

TEST(RenderJson, InvalidUtf8BecomesReplacementCharacter) {
  Report r;
  NodeResult n;
  n.node = "bad\xff\xc3(\xed\xa0\x80" "end";  // stray byte, truncated sequence, UTF-16 surrogate
  n.target = "t";
  r.results = {n};
  const std::string out = report_to_json(r, -1);
  const OJson j = OJson::parse(out);  // would throw on invalid UTF-8
  EXPECT_EQ(j["results"][0]["node"].get<std::string>(),
            "bad\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "end");
}

TEST(RenderJson, LayoutMatchesNlohmannDumpForEveryIndent) {
  const Report r = test::sample_report();
  for (int indent : {-1, 0, 2, 4}) {
    const std::string out = report_to_json(r, indent);
    const std::string ref = OJson::parse(out).dump(indent);
    EXPECT_EQ(out, ref) << "indent " << indent;
  }
  const std::string compact = report_to_json(r, -1);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_EQ(compact.rfind(R"({"format":"qnnv.report","version":1,"tool":{"name":"qnnv")", 0), 0u);
}

TEST(RenderJson, LargeCountsAreExactIntegers) {
  Report r;
  r.summary.nodes = size_t(1) << 40;
  r.summary.skipped = 1234567890123ull;
  const OJson j = OJson::parse(report_to_json(r));
  EXPECT_EQ(j["summary"]["nodes"].get<uint64_t>(), uint64_t(1) << 40);
  EXPECT_EQ(j["summary"]["skipped"].get<uint64_t>(), 1234567890123ull);
  EXPECT_NE(report_to_json(r).find("\"skipped\": 1234567890123"), std::string::npos);
}

TEST(RenderJson, RoundTripsThroughReportFromJson) {
  const Report r = test::sample_report();
  const std::string out = report_to_json(r);
  const Report back = report_from_json(out);
  expect_same(r, back);
  EXPECT_EQ(report_to_json(back), out);
  EXPECT_EQ(report_to_json(report_from_json(report_to_json(r, -1)), -1), report_to_json(r, -1));
}

TEST(RenderJson, ReaderAcceptsOmittedOptionalMembersAndIgnoresUnknownOnes) {
  // The contract's own example (no backend_from/soc_from/ports) plus a member from a later version.
  const std::string text = R"json({"format": "qnnv.report", "version": 1,
    "tool": {"name": "qnnv", "version": "0.1.0", "data": "htp-2026.11 (built-in)"},
    "target": {"backend": "htp", "soc_model": "SM8650", "arch": "v75", "strict": false},
    "ok": true, "future": [1, 2],
    "summary": {"nodes": 1, "checked": 1, "passed": 0, "failed": 1, "not_validated": 0, "skipped": 0},
    "results": [{"node": "conv2d_3", "target": "aten.conv2d.default", "qnn_op": "Conv2d", "status": "fail",
      "findings": [{"rule": "soc.lpbq-min-arch", "severity": "warning", "port": "in[1]", "message": "m",
                    "expected": ">= v69", "actual": "v68", "hint": "h", "source": "s"}]}]})json";
  const Report r = report_from_json(text);
  EXPECT_FALSE(r.strict);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.backend_from, "");
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_EQ(r.results[0].status, Status::fail);
  EXPECT_TRUE(r.results[0].ports.empty());
  ASSERT_EQ(r.results[0].findings.size(), 1u);
  EXPECT_EQ(r.results[0].findings[0].severity, Severity::warning);
  EXPECT_EQ(r.results[0].findings[0].port, "in[1]");
  EXPECT_EQ(r.results[0].findings[0].basis, "");
}

// Parses `mutated` (the sample report after one edit) and expects report.invalid at `pointer`.
void expect_invalid(const OJson& mutated, const std::string& pointer, const std::string& what_contains = "") {
  try {
    report_from_json(mutated.dump());
    ADD_FAILURE() << "accepted an invalid report; expected an error at " << pointer;
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "report.invalid");
    EXPECT_EQ(e.info().pointer, pointer) << e.what();
    if (!what_contains.empty()) {
      EXPECT_NE(std::string(e.what()).find(what_contains), std::string::npos) << e.what();
    }
  }
}

TEST(RenderJson, ReaderLocatesStructuralErrors) {
  const OJson good = OJson::parse(report_to_json(test::sample_report()));
  auto edit = [&](auto&& f) {
    OJson j = good;
    f(j);
    return j;
  };
  expect_invalid(OJson::array(), "", "expected an object");
  expect_invalid(edit([](OJson& j) { j["format"] = "qnnv.graph"; }), "/format");
  expect_invalid(edit([](OJson& j) { j["version"] = 2; }), "/version", "version 2");
  expect_invalid(edit([](OJson& j) { j["version"] = "1"; }), "/version");
  expect_invalid(edit([](OJson& j) { j.erase("results"); }), "", "\"results\"");
  expect_invalid(edit([](OJson& j) { j["tool"] = "qnnv"; }), "/tool", "expected an object");
  expect_invalid(edit([](OJson& j) { j["target"]["strict"] = "yes"; }), "/target/strict");
  expect_invalid(edit([](OJson& j) { j["ok"] = nullptr; }), "/ok");
  expect_invalid(edit([](OJson& j) { j["summary"]["failed"] = -1; }), "/summary/failed", "-1");
  expect_invalid(edit([](OJson& j) { j["summary"]["passed"] = 2.5; }), "/summary/passed");
  expect_invalid(edit([](OJson& j) { j["results"] = OJson::object(); }), "/results", "expected an array");
  expect_invalid(edit([](OJson& j) { j["results"][2] = 7; }), "/results/2");
  expect_invalid(edit([](OJson& j) { j["results"][1]["status"] = "passed"; }), "/results/1/status", "passed");
  expect_invalid(edit([](OJson& j) { j["results"][0]["qnn_op"] = 3; }), "/results/0/qnn_op");
  expect_invalid(edit([](OJson& j) { j["results"][0].erase("qnn_op"); }), "/results/0");
  expect_invalid(edit([](OJson& j) { j["results"][4]["node"] = false; }), "/results/4/node");
  expect_invalid(edit([](OJson& j) { j["results"][1]["findings"][1].erase("rule"); }), "/results/1/findings/1",
                 "\"rule\"");
  expect_invalid(edit([](OJson& j) { j["results"][1]["findings"][0]["severity"] = "fatal"; }),
                 "/results/1/findings/0/severity");
  expect_invalid(edit([](OJson& j) { j["results"][1]["findings"][0]["basis"] = 1; }),
                 "/results/1/findings/0/basis");
  expect_invalid(edit([](OJson& j) { j["results"][0]["ports"] = "in[0]"; }), "/results/0/ports");
  expect_invalid(edit([](OJson& j) { j["results"][0]["ports"][1].erase("dtype"); }), "/results/0/ports/1");
  expect_invalid(edit([](OJson& j) { j["results"][0]["ports"][1]["dtype"] = "UINT_7"; }),
                 "/results/0/ports/1/dtype", "QNN datatype name");
  expect_invalid(edit([](OJson& j) { j["results"][0]["ports"][0]["encoding"] = "scale_offset"; }),
                 "/results/0/ports/0/encoding", "QNN encoding name");
  // A port label is in[i] or out[i] with i written as port_label writes it.
  for (const char* label : {"in[x]", "in[]", "in[01]", "in[-1]", "in[1", "in[1]]", "inp[0]", "out0", "", "IN[0]",
                            "in[4294967296]", "out[ 1]"}) {
    expect_invalid(edit([&](OJson& j) { j["results"][0]["ports"][1]["port"] = label; }), "/results/0/ports/1/port",
                   "in[i] or out[i]");
  }
  expect_invalid(edit([](OJson& j) { j["results"][0]["ports"][1]["port"] = 0; }), "/results/0/ports/1/port");
  expect_invalid(edit([](OJson& j) { j["results"][0]["ports"][1]["shared_with"] = 1; }),
                 "/results/0/ports/1/shared_with");
}

TEST(RenderJson, PortLabelsAndNamesRoundTrip) {
  EXPECT_EQ(port_label(false, 0), "in[0]");
  EXPECT_EQ(port_label(true, 12), "out[12]");
  EXPECT_EQ(port_label(false, 4294967295u), "in[4294967295]");
  Report r = test::sample_report();
  r.results[0].ports[0].index = 4294967295u;
  r.results[0].ports[1].index = 10;
  const std::string text = report_to_json(r, -1);
  EXPECT_NE(text.find("\"port\":\"in[4294967295]\""), std::string::npos);
  EXPECT_NE(text.find("\"port\":\"out[10]\""), std::string::npos);
  const Report back = report_from_json(text);
  EXPECT_EQ(port_label(back.results[0].ports[0]), "in[4294967295]");
  EXPECT_TRUE(back.results[0].ports[1].output);
  EXPECT_EQ(back.results[0].ports[1].index, 10u);
  // Each distinct name is stored once however many ports mention it; -1 is "no node".
  EXPECT_EQ(back.name(back.results[0].ports[1].shared_with), "x");
  EXPECT_EQ(back.results[0].ports[0].node, back.results[0].ports[1].shared_with);
  EXPECT_EQ(back.results[1].ports[0].shared_with, -1);
  EXPECT_EQ(back.name(-1), "");
  EXPECT_EQ(back.name(static_cast<int32_t>(back.names.size())), "");
  EXPECT_EQ(report_to_json(back, -1), text);
}

TEST(RenderJson, StringTableKeepsEmptyAndRepeatedStrings) {
  StringTable t;
  EXPECT_EQ(t.add("abc"), 0);
  EXPECT_EQ(t.add(""), 1);
  EXPECT_EQ(t.add("abc"), 2);  // no deduplication inside the table: the caller interns
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], "abc");
  EXPECT_EQ(t[1], "");
  EXPECT_EQ(t[2], "abc");
  t.clear();
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t[0], "");
}

TEST(RenderJson, UnknownDatatypeRoundTripsAsUNKNOWN) {
  Report r = test::sample_report();
  r.results[0].ports[0].dtype = DataType::UNDEFINED;
  const std::string text = report_to_json(r, -1);
  EXPECT_NE(text.find("\"dtype\":\"UNKNOWN\""), std::string::npos);
  EXPECT_EQ(report_from_json(text).results[0].ports[0].dtype, DataType::UNDEFINED);
  EXPECT_EQ(report_to_json(report_from_json(text), -1), text);
}

TEST(RenderJson, ReaderReportsSyntaxErrorsWithLineAndColumn) {
  try {
    report_from_json("{\n  \"format\": \"qnnv.report\",\n  \"version\": 1,,\n}");
    ADD_FAILURE() << "accepted malformed JSON";
  } catch (const InputError& e) {
    EXPECT_EQ(e.info().code, "report.invalid");
    EXPECT_EQ(e.info().pointer, "");
    EXPECT_EQ(e.info().line, 3);
    EXPECT_EQ(e.info().column, 16);  // the second comma
    EXPECT_EQ(std::string(e.what()).find("[json.exception"), std::string::npos) << e.what();
  }
  EXPECT_THROW(report_from_json(""), InputError);
  EXPECT_THROW(report_from_json(std::string(200000, '[')), InputError);  // deep nesting: an error, not a crash
}

TEST(RenderJson, HundredThousandNodesSerializeAndReadBack) {
  Report r = test::sample_report();
  r.results.clear();
  r.qspecs = {"uint16 affine", "int4 1x64"};
  const size_t n = 100000;
  r.results.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    NodeResult res;
    res.node = "model.layers." + std::to_string(i) + ".self_attn.q_proj";
    res.target = "aten.linear.default";
    res.qnn_op = "FullyConnected";
    res.status = i % 10 == 0 ? Status::fail : Status::pass;
    res.ports = {test::make_port(r, "in[0]", "x_" + std::to_string(i), DataType::UFIXED_POINT_16, Encoding::SCALE_OFFSET, 0),
                 test::make_port(r, "in[1]", "w_" + std::to_string(i), DataType::SFIXED_POINT_4, Encoding::BLOCKWISE_EXPANSION, 1),
                 test::make_port(r, "out[0]", res.node, DataType::UFIXED_POINT_16, Encoding::SCALE_OFFSET, 0)};
    if (res.status == Status::fail) {
      Finding f;
      f.rule = "soc.lpbq-min-arch";
      f.port = "in[1]";
      f.message = "block-wise (LPBQ) weights need HTP v69 or newer";
      f.expected = ">= v69";
      f.actual = "v68";
      f.hint = "choose a v69+ SoC";
      f.source = "htp_rules.py";
      f.basis = "read";
      res.findings = {f};
    }
    r.results.push_back(std::move(res));
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::string out = report_to_json(r);
  const auto t1 = std::chrono::steady_clock::now();
  RecordProperty("serialize_ms",
                 static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count()));
  const Report back = report_from_json(out);
  ASSERT_EQ(back.results.size(), n);
  EXPECT_EQ(back.results[99990].node, "model.layers.99990.self_attn.q_proj");
  EXPECT_EQ(back.results[99990].status, Status::fail);
  EXPECT_EQ(back.name(back.results[99991].ports[1].node), "w_99991");
  EXPECT_EQ(report_to_json(back), out);

  // The streamed form: several pieces, each cut after a whole result, that add up to the same text.
  for (int indent : {2, -1}) {
    std::string joined;
    std::vector<size_t> sizes;
    report_to_json(r, indent, [&](std::string_view piece) {
      joined += piece;
      sizes.push_back(piece.size());
    });
    EXPECT_EQ(joined, report_to_json(r, indent)) << "indent " << indent;
    EXPECT_GT(sizes.size(), 3u) << "indent " << indent;
    for (size_t k = 0; k + 1 < sizes.size(); ++k) EXPECT_LT(sizes[k], size_t{2} << 20);
  }
}

// The writer skips plain runs eight bytes at a time: every byte value, at every offset of a 16-byte string
// (so inside and across the 8-byte words and in the tail), must still be escaped exactly as one byte at a
// time would. A lone byte >= 0x80 is invalid UTF-8 and becomes U+FFFD.
TEST(RenderJson, EveryByteAtEveryOffsetIsEscapedAsByteByByte) {
  auto escaped = [](unsigned char c) -> std::string {
    switch (c) {
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case '\b': return "\\b";
      case '\f': return "\\f";
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      default: break;
    }
    if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      return buf;
    }
    if (c >= 0x80) return "\xEF\xBF\xBD";
    return std::string(1, char(c));
  };
  Report r = test::sample_report();
  r.results.resize(1);
  r.results[0].findings.clear();
  r.results[0].ports.clear();
  for (int b = 0; b < 256; ++b) {
    for (size_t at = 0; at < 16; ++at) {
      std::string name(16, 'a');
      name[at] = char(b);
      r.results[0].node = name;
      const std::string want = "\"node\":\"" + std::string(at, 'a') + escaped(uint8_t(b)) + std::string(15 - at, 'a') + "\"";
      const std::string out = report_to_json(r, -1);
      ASSERT_NE(out.find(want), std::string::npos) << "byte " << b << " at " << at << ": " << out;
    }
  }
}

TEST(RenderJson, StreamedSmallReportIsOnePieceEqualToTheString) {
  const Report r = test::sample_report();
  std::vector<std::string> pieces;
  report_to_json(r, 2, [&](std::string_view p) { pieces.emplace_back(p); });
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0], report_to_json(r, 2));
}

}  // namespace
}  // namespace qnnv
