// SARIF 2.1.0 rendering of a Report, for GitHub code scanning and other SARIF viewers.
//
// One result per finding (of every node, whatever its status); the graph file is the artifact and the node
// (plus port) the logical location. Rules are listed in order of first use so ruleIndex is stable for a
// given report. Members are written in a fixed order (ordered_json), so the output is deterministic.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "qnnv/qnnv.h"
#include "render_size.h"
#include "rule_catalog.h"
#include "string_hash.h"

namespace qnnv {
namespace {

using OJson = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// A file path as a SARIF URI reference: '\\' becomes '/', and every byte outside RFC 3986's unreserved and
// path characters is percent-encoded (a space or a '#' in a file name would otherwise make the URI invalid).
std::string path_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto b = static_cast<unsigned char>(ch);
    const bool keep = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                      std::string_view("-._~/:@!$&'()*+,;=").find(ch) != std::string_view::npos;
    if (ch == '\\') out += '/';
    else if (keep) out += ch;
    else out += {'%', kHex[b >> 4], kHex[b & 15]};
  }
  return out;
}

OJson rule_entry(std::string_view id) {
  const detail::RuleInfo info = detail::rule_info(id);
  const std::string uri = detail::rule_help_uri(id);
  std::string help_text = std::string(info.description) + "\n\nHow to fix: " + std::string(info.fix) +
                          "\n\nSee " + uri;
  std::string help_md = "**" + std::string(info.title) + "** (`" + std::string(id) + "`)\n\n" +
                        std::string(info.description) + "\n\n**How to fix:** " + std::string(info.fix) +
                        "\n\n[Rule reference](" + uri + ")";
  OJson tags = OJson::array();
  std::string_view rest = info.tags;
  while (!rest.empty()) {
    const size_t sp = rest.find(' ');
    tags.push_back(std::string(rest.substr(0, sp)));
    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  }
  tags.push_back("qnn");
  return {{"id", id},
          {"name", std::string(info.title)},
          {"shortDescription", {{"text", std::string(info.title)}}},
          {"fullDescription", {{"text", std::string(info.description)}}},
          {"help", {{"text", help_text}, {"markdown", help_md}}},
          {"helpUri", uri},
          {"properties", {{"tags", tags}}}};
}

// Where a result is: the user's source line when the export recorded a stack trace, else the node's
// object in the graph file (line 1 when the loader could not tell).
OJson physical_location(const NodeResult& res, std::string_view artifact_uri) {
  if (res.source_line > 0 && !res.source_file.empty()) {
    return {{"artifactLocation", {{"uri", path_uri(res.source_file)}}},
            {"region", {{"startLine", res.source_line}}}};
  }
  OJson region = {{"startLine", res.line > 0 ? res.line : 1}};
  if (res.line > 0 && res.column > 0) region["startColumn"] = res.column;
  return {{"artifactLocation", {{"uri", path_uri(artifact_uri)}}}, {"region", std::move(region)}};
}

// Finding severity -> SARIF level. A node that could not be validated is a "note" (it is not a
// violation), unless its finding is an error: then the SARIF level agrees with the report's `ok`.
std::string_view level(const NodeResult& res, const Finding& f) {
  if (f.severity == Severity::error) return "error";
  if (res.status == Status::not_validated) return "note";
  return f.severity == Severity::warning ? "warning" : "note";
}

OJson nullable(std::string_view s) { return s.empty() ? OJson(nullptr) : OJson(s); }

OJson run_properties(const Report& r) {
  const Summary& s = r.summary;
  return {{"backend", r.backend},
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
            {"skipped", s.skipped}}}};
}

// Hands each SARIF result of `reports` to each(result), in order, adding the rules they use to `rules`.
template <class Each>
void for_each_result(const std::vector<NamedReport>& reports, OJson& rules, Each&& each) {
  std::unordered_map<std::string, size_t, detail::StringHash> rule_index;
  for (const NamedReport& named : reports) {
  const Report& r = *named.report;
  const std::string_view artifact_uri = named.name.empty() ? kDefaultSarifArtifact : std::string_view(named.name);
  for (const auto& res : r.results) {
    for (const auto& f : res.findings) {
      auto [it, added] = rule_index.emplace(f.rule, rule_index.size());
      if (added) rules.push_back(rule_entry(f.rule));

      std::string text = f.message;
      if (!f.hint.empty()) {
        text += (text.empty() || text.back() == '.') ? " Hint: " : ". Hint: ";
        text += f.hint;
      }

      OJson location = {{"physicalLocation", physical_location(res, artifact_uri)}};
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

      each(OJson{{"ruleId", f.rule},
                 {"ruleIndex", it->second},
                 {"level", std::string(level(res, f))},
                 {"message", {{"text", text}}},
                 {"locations", OJson::array({location})},
                 {"partialFingerprints", {{"qnnvFinding/v1", f.rule + "|" + res.node + "|" + f.port}}},
                 {"properties", props}});
    }
  }
  }
}

// The SARIF log around `rules` and `results`.
OJson sarif_log(const std::vector<NamedReport>& reports, OJson rules, OJson results) {
  const std::string tool_version = reports.empty() ? std::string(version()) : reports[0].report->tool_version;
  OJson driver = {{"name", "qnnv"}, {"version", tool_version}, {"semanticVersion", tool_version}};
  driver["informationUri"] = std::string(detail::home_url());
  driver["rules"] = std::move(rules);

  OJson properties;
  if (reports.size() == 1) {
    properties = run_properties(*reports[0].report);
  } else {
    properties = {{"reports", OJson::array()}};
    for (const NamedReport& named : reports) {
      OJson one = {{"artifact", named.name}};
      one.update(run_properties(*named.report));
      properties["reports"].push_back(std::move(one));
    }
  }
  OJson run = {
      {"tool", {{"driver", std::move(driver)}}},
      {"invocations", OJson::array({{{"executionSuccessful", true}}})},
      {"properties", std::move(properties)},
      {"results", std::move(results)}};

  return {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", OJson::array({std::move(run)})}};
}

constexpr int kIndent = 2;
// A result's depth in the log: $schema's object, "runs", the run, "results".
constexpr size_t kResultDepth = 4;

std::string dump(const OJson& j) {
  // invalid UTF-8 from the graph becomes U+FFFD instead of an exception
  return j.dump(kIndent, ' ', false, OJson::error_handler_t::replace);
}

}  // namespace

std::string report_to_sarif(const Report& r, std::string_view artifact_uri) {
  return reports_to_sarif({{&r, std::string(artifact_uri)}});
}

std::string reports_to_sarif(const std::vector<NamedReport>& reports) {
  OJson rules = OJson::array(), results = OJson::array();
  for_each_result(reports, rules, [&](OJson result) { results.push_back(std::move(result)); });
  return dump(sarif_log(reports, std::move(rules), std::move(results)));
}

// report_to_sarif's size, with one result in memory at a time: the log with no results, plus each result
// dumped alone and indented as it is inside the log.
uint64_t detail::sarif_size(const Report& r, std::string_view artifact_uri) {
  const std::vector<NamedReport> reports = {{&r, std::string(artifact_uri)}};
  const uint64_t pad = kIndent * kResultDepth;
  OJson rules = OJson::array();
  uint64_t results = 0, count = 0;
  for_each_result(reports, rules, [&](const OJson& result) {
    const std::string text = dump(result);
    results += pad + text.size() + pad * static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
    ++count;
  });
  const uint64_t empty = dump(sarif_log(reports, std::move(rules), OJson::array())).size();
  if (count == 0) return empty;
  // "[]" becomes "[\n", the results joined by ",\n", "\n", the closing bracket's indent and "]".
  return empty - 2 + 2 + results + 2 * (count - 1) + 1 + kIndent * (kResultDepth - 1) + 1;
}

}  // namespace qnnv
