// What each built-in rule id means, for renderers that describe rules next to their results (SARIF's
// driver.rules, which GitHub code scanning shows as the alert's help). docs/rules.md is the page the help
// links to: each id has an anchor there (rule_help_uri).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace qnnv::detail {

struct RuleInfo {
  std::string_view id;
  std::string_view title;        // one line
  std::string_view description;  // what the rule checks and why it matters
  std::string_view fix;          // what to change in the quantizer config
  std::string_view tags;         // space-separated
};

// The entry for `id`; for an id the catalog does not know (a user data file may define SoC rules) a generic
// entry with that id.
RuleInfo rule_info(std::string_view id);

// Every entry, in the rules page's order (tests check that page and this table list the same ids).
std::vector<RuleInfo> rule_catalog();

// The absolute link to the rule's entry on the rules page (QNNV_DOCS_URL + "/rules.md#" + id).
std::string rule_help_uri(std::string_view id);

// The project's home page and its documentation folder (absolute URLs, without a trailing slash).
std::string_view home_url();
std::string_view docs_url();

}  // namespace qnnv::detail
