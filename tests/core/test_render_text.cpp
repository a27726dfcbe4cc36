// report_to_text: order of rows, findings under their row, safe printing, truncation, colour, summary.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "qnnv/report.h"
#include "test_render_fixture.h"

namespace qnnv {
namespace {

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

size_t find_line(const std::vector<std::string>& ls, const std::string& needle) {
  for (size_t i = 0; i < ls.size(); ++i) {
    if (ls[i].find(needle) != std::string::npos) return i;
  }
  return std::string::npos;
}

TEST(RenderText, HeaderNamesTargetAndWhereItCameFrom) {
  const auto ls = lines(report_to_text(test::sample_report()));
  ASSERT_GE(ls.size(), 2u);
  EXPECT_EQ(ls[0], "qnnv 0.1.0, data 2026.11 (built-in)");
  EXPECT_EQ(ls[1], "backend htp (option), SoC SM8350 (graph hints), arch v68, strict");
}

TEST(RenderText, FailuresFirstThenNotValidatedThenPassesAndSkippedOnlyCounted) {
  const std::string out = report_to_text(test::sample_report());
  const auto ls = lines(out);
  const size_t fail = find_line(ls, "Conv2d");
  const size_t nv = find_line(ls, "my_custom_op");
  const size_t pass1 = find_line(ls, "add_1");
  const size_t pass2 = find_line(ls, "\xe5\xb1\x82_relu");
  ASSERT_NE(fail, std::string::npos) << out;
  ASSERT_NE(nv, std::string::npos) << out;
  ASSERT_NE(pass1, std::string::npos) << out;
  ASSERT_NE(pass2, std::string::npos) << out;
  EXPECT_LT(fail, nv);
  EXPECT_LT(nv, pass1);
  EXPECT_LT(pass1, pass2);  // graph order within a status
  EXPECT_EQ(out.find("unannotated_view"), std::string::npos) << "skipped nodes get no row";
  // the table's header row comes before every node row
  const size_t header = find_line(ls, "QNN op");
  EXPECT_LT(header, fail);
  EXPECT_NE(ls[header].find("node"), std::string::npos);
  EXPECT_NE(ls[header].find("status"), std::string::npos);
  EXPECT_EQ(ls[header + 1].substr(ls[header + 1].rfind(' ') + 1), std::string(13, '-'));  // "not_validated"
  // a row carries target, QNN op ("-" when none) and status
  EXPECT_NE(ls[nv].find("my_ns.custom.default"), std::string::npos);
  EXPECT_NE(ls[nv].find(" - "), std::string::npos) << ls[nv];
  EXPECT_NE(ls[nv].find("not_validated"), std::string::npos);
  EXPECT_NE(ls[pass1].find("pass"), std::string::npos);
}

TEST(RenderText, FindingsAreIndentedUnderTheirRowWithEveryField) {
  const auto ls = lines(report_to_text(test::sample_report()));
  const size_t row = find_line(ls, "Conv2d");
  ASSERT_NE(row, std::string::npos);
  ASSERT_GT(ls.size(), row + 8);
  EXPECT_EQ(ls[row + 1],
            "    error soc.lpbq-min-arch in[1]: block-wise (LPBQ) weights need HTP v69 or newer; SM8350 is v68");
  EXPECT_EQ(ls[row + 2], "      expected >= v69, actual v68");
  EXPECT_EQ(ls[row + 3], "      hint: choose a v69+ SoC, or quantize this weight per-channel without block_size");
  EXPECT_EQ(ls[row + 4], "      related node: p_conv_weight");
  EXPECT_EQ(ls[row + 5], "      source: htp_rules.py validate_lpbq_support (ExecuTorch) [read]");
  EXPECT_EQ(ls[row + 6].rfind("    warning port.encoding out[0]: output \"quoted\" & <tagged>\\x02 value", 0), 0u)
      << ls[row + 6];
  // the not-validated node's finding has no port and no expected/actual line
  const size_t nv = find_line(ls, "my_custom_op");
  EXPECT_EQ(ls[nv + 1], "    info op.no-qnn-op: no QNN op is known for my_ns.custom.default");
  EXPECT_EQ(ls[nv + 2], "      hint: lower it outside the QNN partition or add a rule");
}

TEST(RenderText, SummaryLine) {
  Report r = test::sample_report();
  EXPECT_EQ(lines(report_to_text(r)).back(), "FAIL: 1 failed, 1 not validated, 2 passed, 1 skipped of 5 nodes");
  r.ok = true;
  r.strict = false;
  EXPECT_EQ(lines(report_to_text(r)).back(),
            "OK (warnings only, not strict): 1 failed, 1 not validated, 2 passed, 1 skipped of 5 nodes");
  Report empty;
  empty.summary = {3, 0, 0, 0, 0, 3};
  const std::string out = report_to_text(empty);
  EXPECT_NE(out.find("no annotated nodes to check"), std::string::npos);
  EXPECT_EQ(lines(out).back(), "OK: 0 failed, 0 not validated, 0 passed, 3 skipped of 3 nodes");
}

TEST(RenderText, NoAnsiWithoutColourAndAnsiWithIt) {
  const Report r = test::sample_report();  // its nasty node name carries a raw ESC[31m
  const std::string plain = report_to_text(r, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  const std::string colored = report_to_text(r, true);
  EXPECT_NE(colored.find("\x1b[31mfail\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[32mpass\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[33mnot_validated\x1b[0m"), std::string::npos);
}

TEST(RenderText, ControlCharactersAndBadBytesAreShownNotSent) {
  Report r = test::sample_report();
  r.results[1].findings[0].related_node = "w\xff\xc2\x85x";  // invalid byte, C1 control
  r.results[1].findings[1].related_node = test::kNastyName;   // findings show it in full
  const std::string out = report_to_text(r);
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || c == '\n') << "raw control byte " << int(u);
    EXPECT_NE(u, 0x7f);
  }
  EXPECT_NE(out.find("related node: w\\xff\\u0085x"), std::string::npos) << out;
  EXPECT_NE(out.find("related node: conv<2>&\"'\\\\x09\\x0a\\x01\\x1b[31m\\x7f\\u0085_\xc3\xa9\xe5\xb1\x82"), std::string::npos)
      << out;
}

TEST(RenderText, LongNamesShortenedInTheTableOnly) {
  Report r = test::sample_report();
  const std::string long_name = "model.layers.31.self_attn.q_proj.weight_fake_quant_per_block_" + std::string(40, 'x') + "_42";
  r.results[1].node = long_name;
  r.results[1].findings[0].related_node = long_name;
  const std::string out = report_to_text(r);
  const auto ls = lines(out);
  const size_t row = find_line(ls, "Conv2d");
  ASSERT_NE(row, std::string::npos);
  EXPECT_EQ(ls[row].find(long_name), std::string::npos);
  EXPECT_EQ(ls[row].rfind("model.layers.31.self", 0), 0u) << ls[row];  // head kept
  EXPECT_NE(ls[row].find("\xe2\x80\xa6"), std::string::npos);          // ellipsis
  EXPECT_NE(ls[row].find("xxx_42 "), std::string::npos) << ls[row];   // tail kept
  EXPECT_NE(out.find("related node: " + long_name + "\n"), std::string::npos);
  // every table row has its columns at the same positions
  const size_t header = find_line(ls, "QNN op");
  const size_t target_col = ls[header].find("target");
  EXPECT_EQ(ls[find_line(ls, "add_1")].find("aten.add.Tensor"), target_col);
  // the row with the ellipsis (3 bytes, 1 column) is 2 bytes longer up to the target column
  EXPECT_EQ(ls[row].find("aten.conv2d.default"), target_col + 2);
}

}  // namespace
}  // namespace qnnv
