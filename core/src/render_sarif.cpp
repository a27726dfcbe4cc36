// SARIF 2.1.0 rendering of a Report, for GitHub code scanning and other SARIF viewers.
//
// One result per finding (of every node, whatever its status); the graph file is the artifact and the node
// (plus port) the logical location. Rules are listed in order of first use so ruleIndex is stable for a
// given report. Members are written in a fixed order (ordered_json), so the output is deterministic.
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "qnnv/report.h"
#include "string_hash.h"

// The project's home page. When it is set at build time, SARIF links (informationUri, rule helpUri) are
// absolute; otherwise helpUri is the repository-relative path of the rules page and informationUri is left
// out (SARIF requires it to be an absolute URI).
#ifndef QNNV_HOME_URL
#define QNNV_HOME_URL ""
#endif

namespace qnnv {
namespace {

using OJson = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

std::string help_uri(std::string_view rule) {
  std::string_view home = QNNV_HOME_URL;
  std::string uri;
  if (!home.empty()) {
    uri.append(home);
    if (uri.back() != '/') uri += '/';
    uri += "blob/main/";
  }
  uri += "docs/rules.md#";
  uri.append(rule);
  return uri;
}

// Finding severity -> SARIF level. A node that could not be validated is a "note" (it is not a
// violation), unless its finding is an error: then the SARIF level agrees with the report's `ok`.
std::string_view level(const NodeResult& res, const Finding& f) {
  if (f.severity == Severity::error) return "error";
  if (res.status == Status::not_validated) return "note";
  return f.severity == Severity::warning ? "warning" : "note";
}

OJson nullable(std::string_view s) { return s.empty() ? OJson(nullptr) : OJson(s); }

}  // namespace

std::string report_to_sarif(const Report& r, std::string_view artifact_uri) {
  OJson rules = OJson::array();
  std::unordered_map<std::string, size_t, detail::StringHash> rule_index;
  OJson results = OJson::array();

  for (const auto& res : r.results) {
    for (const auto& f : res.findings) {
      auto [it, added] = rule_index.emplace(f.rule, rule_index.size());
      if (added) {
        rules.push_back({{"id", f.rule},
                         {"shortDescription", {{"text", "qnnv rule " + f.rule}}},
                         {"helpUri", help_uri(f.rule)}});
      }

      std::string text = f.message;
      if (!f.hint.empty()) {
        text += (text.empty() || text.back() == '.') ? " Hint: " : ". Hint: ";
        text += f.hint;
      }

      OJson location = OJson::object();
      if (!artifact_uri.empty()) {
        location["physicalLocation"] = {{"artifactLocation", {{"uri", artifact_uri}}},
                                        {"region", {{"startLine", 1}}}};
      }
      std::string fqn = res.node;
      if (!f.port.empty()) fqn += "/" + f.port;
      location["logicalLocations"] = OJson::array(
          {{{"name", res.node}, {"kind", "function"}, {"fullyQualifiedName", fqn}}});

      OJson props = {{"status", std::string(to_string(res.status))},
                     {"qnn_op", nullable(res.qnn_op)},
                     {"target", res.target},
                     {"port", nullable(f.port)},
                     {"expected", f.expected},
                     {"actual", f.actual},
                     {"hint", f.hint},
                     {"source", f.source}};
      if (!f.basis.empty()) props["basis"] = f.basis;
      if (!f.related_node.empty()) props["related_node"] = f.related_node;

      results.push_back({{"ruleId", f.rule},
                         {"ruleIndex", it->second},
                         {"level", std::string(level(res, f))},
                         {"message", {{"text", text}}},
                         {"locations", OJson::array({location})},
                         {"partialFingerprints", {{"qnnvFinding/v1", f.rule + "|" + res.node + "|" + f.port}}},
                         {"properties", props}});
    }
  }

  OJson driver = {{"name", "qnnv"}, {"version", r.tool_version}, {"semanticVersion", r.tool_version}};
  if (std::string_view(QNNV_HOME_URL).size() > 0) driver["informationUri"] = QNNV_HOME_URL;
  driver["rules"] = std::move(rules);

  const Summary& s = r.summary;
  OJson run = {
      {"tool", {{"driver", std::move(driver)}}},
      {"invocations", OJson::array({{{"executionSuccessful", true}}})},
      {"properties",
       {{"backend", r.backend},
        {"soc_model", r.soc_model},
        {"arch", r.arch},
        {"strict", r.strict},
        {"data", r.data_version},
        {"ok", r.ok},
        {"summary",
         {{"nodes", s.nodes},
          {"checked", s.checked},
          {"passed", s.passed},
          {"failed", s.failed},
          {"not_validated", s.not_validated},
          {"skipped", s.skipped}}}}},
      {"results", std::move(results)}};

  OJson doc = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", OJson::array({std::move(run)})}};
  // invalid UTF-8 from the graph becomes U+FFFD instead of an exception
  return doc.dump(2, ' ', false, OJson::error_handler_t::replace);
}

}  // namespace qnnv
