// report_to_sarif and report_to_junit: structure required by SARIF 2.1.0 / JUnit consumers, counts,
// consistency between results and rules, and escaping.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include <fstream>
#include <regex>
#include <sstream>

#include "qnnv/report.h"
#include "rule_catalog.h"
#include "test_render_fixture.h"

namespace qnnv {
namespace {

using Json = nlohmann::json;

size_t total_findings(const Report& r) {
  size_t n = 0;
  for (const auto& res : r.results) n += res.findings.size();
  return n;
}

// ---------------------------------------------------------------------------------------------------
// SARIF

TEST(RenderSarif, RequiredStructure) {
  const Report r = test::sample_report();
  const Json s = Json::parse(report_to_sarif(r, "models/net.qnnv.json"));
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_NE(s["$schema"].get<std::string>().find("sarif-schema-2.1.0.json"), std::string::npos);
  ASSERT_EQ(s["runs"].size(), 1u);
  const Json& run = s["runs"][0];
  const Json& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "qnnv");
  EXPECT_EQ(driver["version"], "0.1.0");
  EXPECT_EQ(driver["semanticVersion"], "0.1.0");
  ASSERT_EQ(run["invocations"].size(), 1u);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  EXPECT_EQ(run["properties"]["soc_model"], "SM8350");
  EXPECT_EQ(run["properties"]["summary"]["failed"], 1);
  EXPECT_EQ(run["results"].size(), total_findings(r));
  for (const Json& res : run["results"]) {
    ASSERT_TRUE(res["message"]["text"].is_string());
    EXPECT_FALSE(res["message"]["text"].get<std::string>().empty());
    ASSERT_EQ(res["locations"].size(), 1u);
    EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "models/net.qnnv.json");
    EXPECT_EQ(res["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
    EXPECT_EQ(res["locations"][0]["logicalLocations"][0]["kind"], "function");
    EXPECT_TRUE(res["partialFingerprints"].is_object());
  }
}

TEST(RenderSarif, OneRulePerIdAndRuleIndexConsistent) {
  Report r = test::sample_report();
  // the same rule on a second node must reuse its rule entry
  r.results[4].status = Status::fail;
  r.results[4].findings = {r.results[1].findings[0]};
  const Json s = Json::parse(report_to_sarif(r, "g.json"));
  const Json& rules = s["runs"][0]["tool"]["driver"]["rules"];
  std::vector<std::string> ids;
  for (const Json& rule : rules) {
    ids.push_back(rule["id"]);
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
    EXPECT_NE(rule["help"]["markdown"].get<std::string>().find("How to fix"), std::string::npos);
    EXPECT_FALSE(rule["properties"]["tags"].empty());
    // helpUri is absolute (SARIF requires a URI; GitHub links it) and ends at the rule's anchor
    const std::string help = rule["helpUri"];
    EXPECT_EQ(help.rfind("https://", 0), 0u) << help;
    EXPECT_EQ(help.substr(help.size() - std::string("docs/rules.md#").size() - ids.back().size()),
              "docs/rules.md#" + ids.back());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"soc.lpbq-min-arch", "port.encoding", "op.no-qnn-op"}));
  const Json& results = s["runs"][0]["results"];
  ASSERT_EQ(results.size(), 4u);
  for (const Json& res : results) {
    const size_t idx = res["ruleIndex"];
    ASSERT_LT(idx, rules.size());
    EXPECT_EQ(rules[idx]["id"], res["ruleId"]);
  }
  EXPECT_EQ(results[3]["ruleId"], "soc.lpbq-min-arch");
  EXPECT_EQ(results[3]["ruleIndex"], 0);
}

TEST(RenderSarif, LevelsLocationsAndProperties) {
  const Report r = test::sample_report();
  const Json results = Json::parse(report_to_sarif(r, "g.json"))["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  const Json& err = results[0];
  EXPECT_EQ(err["level"], "error");
  EXPECT_EQ(err["message"]["text"],
            "block-wise (LPBQ) weights need HTP v69 or newer; SM8350 is v68. Hint: choose a v69+ SoC, or quantize "
            "this weight per-channel without block_size");
  const Json& logical = err["locations"][0]["logicalLocations"][0];
  EXPECT_EQ(logical["name"], test::kNastyName);
  EXPECT_EQ(logical["fullyQualifiedName"], test::kNastyName + "/in[1]");
  const Json& p = err["properties"];
  EXPECT_EQ(p["qnn_op"], "Conv2d");
  EXPECT_EQ(p["target"], "aten.conv2d.default");
  EXPECT_EQ(p["port"], "in[1]");
  EXPECT_EQ(p["expected"], ">= v69");
  EXPECT_EQ(p["actual"], "v68");
  EXPECT_EQ(p["hint"], "choose a v69+ SoC, or quantize this weight per-channel without block_size");
  EXPECT_EQ(p["source"], "htp_rules.py validate_lpbq_support (ExecuTorch)");
  EXPECT_EQ(p["basis"], "read");
  EXPECT_EQ(p["related_node"], "p_conv_weight");
  EXPECT_EQ(p["status"], "fail");

  EXPECT_EQ(results[1]["level"], "warning");
  // a node that could not be validated is a note, with its finding; no port, no QNN op
  const Json& note = results[2];
  EXPECT_EQ(note["level"], "note");
  EXPECT_EQ(note["ruleId"], "op.no-qnn-op");
  EXPECT_TRUE(note["properties"]["qnn_op"].is_null());
  EXPECT_TRUE(note["properties"]["port"].is_null());
  EXPECT_FALSE(note["properties"].contains("basis"));
  EXPECT_EQ(note["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "my_custom_op");
}

TEST(RenderSarif, NotValidatedErrorStaysAnErrorSoSarifAgreesWithOk) {
  Report r = test::sample_report();
  r.results[2].findings[0].severity = Severity::error;
  const Json results = Json::parse(report_to_sarif(r, "g.json"))["runs"][0]["results"];
  EXPECT_EQ(results[2]["level"], "error");
}

TEST(RenderSarif, NoArtifactGivesTheDefaultArtifactAndBadUtf8IsReplaced) {
  Report r = test::sample_report();
  r.results[0].findings = {r.results[2].findings[0]};
  r.results[0].findings[0].message = "bad \xff byte";
  const std::string out = report_to_sarif(r, "");
  const Json s = Json::parse(out);
  for (const Json& res : s["runs"][0]["results"]) {  // GitHub refuses a result without a physical location
    EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], std::string(kDefaultSarifArtifact));
    EXPECT_TRUE(res["locations"][0].contains("logicalLocations"));
  }
  EXPECT_EQ(s["runs"][0]["results"][0]["message"]["text"].get<std::string>().rfind("bad \xef\xbf\xbd byte", 0), 0u);
}

TEST(RenderSarif, ResultsAreAtTheNodesLineAndColumnOrTheUsersSourceLine) {
  Report r = test::sample_report();
  r.results[1].line = 12;
  r.results[1].column = 5;
  r.results[2].line = 40;
  r.results[2].column = 7;
  r.results[2].module = "model.block";
  r.results[2].source_file = "src/my model#1.py";
  r.results[2].source_line = 88;
  const Json results = Json::parse(report_to_sarif(r, "out dir/g.json"))["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  for (int i : {0, 1}) {  // both findings of the conv node: its object in the graph file
    const Json& loc = results[i]["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "out%20dir/g.json");  // a URI reference, not a raw path
    EXPECT_EQ(loc["region"]["startLine"], 12);
    EXPECT_EQ(loc["region"]["startColumn"], 5);
  }
  const Json& user = results[2]["locations"][0]["physicalLocation"];
  EXPECT_EQ(user["artifactLocation"]["uri"], "src/my%20model%231.py");
  EXPECT_EQ(user["region"]["startLine"], 88);
  EXPECT_FALSE(user["region"].contains("startColumn"));
}

TEST(RenderSarif, FingerprintsAreStableAndDistinct) {
  Report r = test::sample_report();
  const Json a = Json::parse(report_to_sarif(r, "g.json"))["runs"][0]["results"];
  r.results[1].line = 99;  // the node moved in the file: its alerts must stay the same alerts
  r.results[1].findings[0].message = "reworded";
  const Json b = Json::parse(report_to_sarif(r, "g.json"))["runs"][0]["results"];
  std::set<std::string> seen;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i]["partialFingerprints"], b[i]["partialFingerprints"]);
    EXPECT_TRUE(seen.insert(a[i]["partialFingerprints"].dump()).second);
  }
}

// SARIF's helpUri points at docs/rules.md#<id>: the page must have that anchor for every catalog entry,
// and the catalog an entry for every id the page lists.
TEST(RenderSarif, RuleCatalogAndRulesPageListTheSameIds) {
  std::ifstream in(std::string(QNNV_TESTS_DIR) + "/../docs/rules.md");
  ASSERT_TRUE(in);
  std::stringstream page;
  page << in.rdbuf();
  const std::string text = page.str();
  std::set<std::string> anchors;
  const std::regex anchor("<a id=\"([^\"]+)\"></a>");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), anchor); it != std::sregex_iterator(); ++it)
    anchors.insert((*it)[1]);
  std::set<std::string> catalog;
  for (const detail::RuleInfo& r : detail::rule_catalog()) {
    catalog.insert(std::string(r.id));
    EXPECT_FALSE(r.title.empty() || r.description.empty() || r.fix.empty() || r.tags.empty()) << r.id;
  }
  EXPECT_EQ(anchors, catalog);
}

TEST(RenderSarif, CleanReportHasNoResultsButAValidRun) {
  Report r;
  r.tool_version = "0.1.0";
  const Json s = Json::parse(report_to_sarif(r, "g.json"));
  EXPECT_TRUE(s["runs"][0]["results"].is_array());
  EXPECT_TRUE(s["runs"][0]["results"].empty());
  EXPECT_TRUE(s["runs"][0]["tool"]["driver"]["rules"].empty());
}

// ---------------------------------------------------------------------------------------------------
// JUnit: a small XML 1.0 reader, strict enough to reject what a CI parser would reject (unbalanced tags,
// raw & or <, undefined entities, unquoted attributes, characters XML 1.0 does not allow).

struct Element {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::string text;
  std::vector<std::unique_ptr<Element>> children;
  const Element* child(const std::string& n) const {
    for (const auto& c : children) {
      if (c->name == n) return c.get();
    }
    return nullptr;
  }
  std::vector<const Element*> all(const std::string& n) const {
    std::vector<const Element*> v;
    for (const auto& c : children) {
      if (c->name == n) v.push_back(c.get());
    }
    return v;
  }
};

class XmlReader {
 public:
  explicit XmlReader(const std::string& s) : s_(s) {}

  std::unique_ptr<Element> document() {
    check_chars();
    const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (s_.compare(0, decl.size(), decl) != 0) fail("missing XML declaration");
    i_ = decl.size();
    auto root = element();
    skip_space();
    if (i_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& why) {
    throw std::runtime_error(why + " at byte " + std::to_string(i_));
  }

  // Valid UTF-8, and only characters XML 1.0 allows.
  void check_chars() {
    for (size_t k = 0; k < s_.size();) {
      const auto c = static_cast<unsigned char>(s_[k]);
      if (c < 0x80) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') fail("control character " + std::to_string(c));
        ++k;
        continue;
      }
      const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (n == 0 || k + n > s_.size()) fail("invalid UTF-8");
      for (size_t m = 1; m < n; ++m) {
        if ((static_cast<unsigned char>(s_[k + m]) & 0xC0) != 0x80) fail("invalid UTF-8");
      }
      if (n == 3 && c == 0xEF && static_cast<unsigned char>(s_[k + 1]) == 0xBF &&
          static_cast<unsigned char>(s_[k + 2]) >= 0xBE) {
        fail("U+FFFE/U+FFFF");
      }
      k += n;
    }
  }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }

  std::string name() {
    const size_t b = i_;
    while (i_ < s_.size() && (isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' || s_[i_] == '_' ||
                              s_[i_] == '.' || s_[i_] == ':')) {
      ++i_;
    }
    if (i_ == b) fail("expected a name");
    return s_.substr(b, i_ - b);
  }

  // Text up to `stop`, with references decoded; attribute values also forbid '<'.
  std::string chars(char stop) {
    std::string out;
    while (i_ < s_.size() && s_[i_] != stop) {
      const char c = s_[i_];
      if (c == '<') fail("raw '<'");
      if (c == '>' && stop == '"') fail("raw '>' in an attribute (we escape it)");
      if (c == '&') {
        const size_t semi = s_.find(';', i_);
        if (semi == std::string::npos) fail("unterminated reference");
        const std::string ref = s_.substr(i_ + 1, semi - i_ - 1);
        static const std::map<std::string, std::string> kEntities = {
            {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
        if (auto it = kEntities.find(ref); it != kEntities.end()) {
          out += it->second;
        } else if (ref.size() > 1 && ref[0] == '#' && ref.find_first_not_of("0123456789", 1) == std::string::npos) {
          const int v = std::stoi(ref.substr(1));
          if (v != 9 && v != 10 && v != 13) fail("unexpected character reference " + ref);
          out += static_cast<char>(v);
        } else {
          fail("undefined entity &" + ref + ";");
        }
        i_ = semi + 1;
        continue;
      }
      if (stop == '"' && (c == '\n' || c == '\t')) out += ' ';  // attribute-value normalization
      else out += c;
      ++i_;
    }
    if (i_ >= s_.size()) fail("unexpected end");
    return out;
  }

  std::unique_ptr<Element> element() {
    skip_space();
    if (s_[i_] != '<') fail("expected '<'");
    ++i_;
    auto e = std::make_unique<Element>();
    e->name = name();
    for (;;) {
      skip_space();
      if (s_.compare(i_, 2, "/>") == 0) {
        i_ += 2;
        return e;
      }
      if (s_[i_] == '>') {
        ++i_;
        break;
      }
      const std::string a = name();
      if (s_[i_] != '=' || s_[i_ + 1] != '"') fail("attribute " + a + " without a quoted value");
      i_ += 2;
      if (e->attrs.count(a)) fail("duplicate attribute " + a);
      e->attrs[a] = chars('"');
      ++i_;
    }
    for (;;) {
      e->text += chars('<');
      if (s_.compare(i_, 2, "</") == 0) {
        i_ += 2;
        if (name() != e->name) fail("mismatched end tag for " + e->name);
        if (s_[i_] != '>') fail("bad end tag");
        ++i_;
        return e;
      }
      e->children.push_back(element());
    }
  }

  const std::string& s_;
  size_t i_ = 0;
};

std::unique_ptr<Element> parse_junit(const Report& r, const std::string& suite = "qnnv SM8350") {
  const std::string xml = report_to_junit(r, suite);
  try {
    return XmlReader(xml).document();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not well-formed: " << e.what() << "\n" << xml;
    return nullptr;
  }
}

TEST(RenderJunit, WellFormedWithCorrectCounts) {
  const auto doc = parse_junit(test::sample_report());
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->name, "testsuites");
  const auto suites = doc->all("testsuite");
  ASSERT_EQ(suites.size(), 1u);
  const Element& suite = *suites[0];
  EXPECT_EQ(suite.attrs.at("name"), "qnnv SM8350");
  EXPECT_EQ(suite.attrs.at("tests"), "4");  // skipped (unannotated) node has no test case
  EXPECT_EQ(suite.attrs.at("failures"), "1");
  EXPECT_EQ(suite.attrs.at("errors"), "0");
  EXPECT_EQ(suite.attrs.at("skipped"), "1");
  EXPECT_EQ(doc->attrs.at("tests"), "4");
  EXPECT_EQ(suite.all("testcase").size(), 4u);

  std::map<std::string, std::string> props;
  for (const Element* p : suite.child("properties")->all("property")) props[p->attrs.at("name")] = p->attrs.at("value");
  EXPECT_EQ(props["qnnv.unannotated_skipped"], "1");
  EXPECT_EQ(props["qnnv.soc_model"], "SM8350");
  EXPECT_EQ(props["qnnv.backend"], "htp");
  EXPECT_EQ(props["qnnv.strict"], "true");
  EXPECT_EQ(props["qnnv.nodes"], "5");
}

TEST(RenderJunit, TestcasesCarryStatusRuleAndDetails) {
  const auto doc = parse_junit(test::sample_report());
  ASSERT_TRUE(doc);
  const auto cases = doc->child("testsuite")->all("testcase");
  ASSERT_EQ(cases.size(), 4u);
  // graph order: add_1 (pass), nasty (fail), my_custom_op (not validated), 层_relu (pass)
  EXPECT_EQ(cases[0]->attrs.at("name"), "add_1");
  EXPECT_EQ(cases[0]->attrs.at("classname"), "ElementWiseAdd");
  EXPECT_TRUE(cases[0]->children.empty());

  const Element* failure = cases[1]->child("failure");
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->attrs.at("type"), "soc.lpbq-min-arch");
  EXPECT_EQ(failure->attrs.at("message"), "block-wise (LPBQ) weights need HTP v69 or newer; SM8350 is v68 (+1 more)");
  for (const char* part : {"[error] soc.lpbq-min-arch in[1]: block-wise", "expected: >= v69", "actual: v68",
                           "hint: choose a v69+ SoC", "related node: p_conv_weight",
                           "source: htp_rules.py validate_lpbq_support (ExecuTorch) [read]",
                           "[warning] port.encoding out[0]: output \"quoted\" & <tagged>\\x02 value"}) {
    EXPECT_NE(failure->text.find(part), std::string::npos) << part << "\n---\n" << failure->text;
  }

  EXPECT_EQ(cases[2]->attrs.at("classname"), "my_ns.custom.default");  // no QNN op: the aten target
  const Element* skipped = cases[2]->child("skipped");
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->attrs.empty());  // the common (Jenkins) schema gives <skipped> text only
  EXPECT_EQ(skipped->text, "no QNN op is known for my_ns.custom.default");
  EXPECT_FALSE(cases[2]->child("failure"));
  EXPECT_EQ(cases[3]->attrs.at("name"), "\xe5\xb1\x82_relu");
}

// --no-strict: findings are warnings and the exit code is 0, so JUnit must not report failures either.
TEST(RenderJunit, NonStrictFindingsAreNotFailures) {
  Report r = test::sample_report();
  r.strict = false;
  r.ok = true;
  for (auto& res : r.results)
    for (auto& f : res.findings) f.severity = Severity::warning;
  const auto doc = parse_junit(r);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->attrs.at("failures"), "0");
  EXPECT_EQ(doc->child("testsuite")->attrs.at("failures"), "0");
  const auto cases = doc->child("testsuite")->all("testcase");
  EXPECT_FALSE(cases[1]->child("failure"));
  EXPECT_FALSE(cases[1]->child("skipped"));
  ASSERT_TRUE(cases[1]->child("system-out"));  // the findings are still shown
  EXPECT_NE(cases[1]->child("system-out")->text.find("[warning] soc.lpbq-min-arch"), std::string::npos);
}

TEST(RenderJunit, EscapesSpecialCharactersAndReplacesIllegalOnes) {
  Report r = test::sample_report();
  r.results[1].qnn_op = "Op\xff\xef\xbf\xbe";  // invalid byte and U+FFFE
  const std::string xml = report_to_junit(r, "suite <&> \"'");
  EXPECT_NE(xml.find("&lt;"), std::string::npos);
  EXPECT_NE(xml.find("&amp;"), std::string::npos);
  EXPECT_NE(xml.find("&quot;"), std::string::npos);
  EXPECT_NE(xml.find("&apos;"), std::string::npos);
  EXPECT_NE(xml.find("&gt;"), std::string::npos);
  const auto doc = parse_junit(r, "suite <&> \"'");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->child("testsuite")->attrs.at("name"), "suite <&> \"'");
  const Element* tc = doc->child("testsuite")->all("testcase")[1];
  // the five specials, backslash, tab and newline survive exactly; C0/DEL/C1 controls become visible text
  EXPECT_EQ(tc->attrs.at("name"), "conv<2>&\"'\\\t\n\\x01\\x1b[31m\x7f\xc2\x85_\xc3\xa9\xe5\xb1\x82");
  EXPECT_EQ(tc->attrs.at("classname"), "Op\\xff\\ufffe");
}

}  // namespace
}  // namespace qnnv
