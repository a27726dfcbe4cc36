// The command line of both CLIs (the native one, core/cli/main.cpp, and the Node one, wasm/cli.mjs): one
// table of commands and one of flags, from which parsing, the checks of operands and values, and the usage
// text all come, so the two CLIs cannot drift. A host (CliHost) does the file and stream I/O.
//
// Adding a flag is one row in kFlags (its name, value, the commands that take it, help, and how it sets
// CommandLine); adding a command is one row in kCommands plus its run function.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_globs.h"
#include "qnnv/qnnv.h"
#include "text.h"

namespace qnnv {
namespace {

constexpr int kExitOk = 0, kExitFindings = 1, kExitUsage = 2;

class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CommandLine {
  std::string command;
  std::vector<std::string> operands;
  std::string backend, soc, format, output, data, color = "auto";
  std::string qnn_sdk;  // "" = the newest the data knows
  std::optional<bool> strict;
  bool coverage = false, quiet = false;
  long max_warnings = -1;  // -1 = no limit
  bool fail_on_not_validated = false;
};

long parse_count(const std::string& flag, const std::string& v) {
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    throw UsageError(flag + " takes a count (0 or more), not " + detail::quote_text(v));
  return std::stol(v);
}

struct Flag {
  std::string_view name;      // "--soc"
  std::string_view alias;     // "-o", or ""
  std::string_view value;     // the value's placeholder in the usage text; "" = a switch
  std::string_view choices;   // "a|b|c" when the value is one of a fixed set, else ""
  std::string_view commands;  // the commands that take it, space-separated
  std::string_view help;
  void (*apply)(CommandLine&, const std::string& value);
};

// The flags, in the order the usage text lists them.
const Flag kFlags[] = {
    {"--backend", "", "B", "", "validate socs ops explain fix-plan", "backend: htp or lpai (default below)",
     [](CommandLine& c, const std::string& v) { c.backend = v; }},
    {"--soc", "", "SOC", "", "validate explain fix-plan",
     "SoC model (default below); validate also takes A,B,... or all: a matrix",
     [](CommandLine& c, const std::string& v) { c.soc = v; }},
    {"--qnn-sdk", "", "X.Y", "", "validate fix-plan", "QNN SDK version whose facts apply (default: the newest the data knows)",
     [](CommandLine& c, const std::string& v) { c.qnn_sdk = v; }},
    {"--strict", "", "", "", "validate fix-plan", "every finding is an error (the default)",
     [](CommandLine& c, const std::string&) { c.strict = true; }},
    {"--no-strict", "", "", "", "validate fix-plan", "findings are warnings (exit 0)",
     [](CommandLine& c, const std::string&) { c.strict = false; }},
    {"--format", "", "F", "", "validate socs ops explain fix-plan", "output format (each command's are listed above; the first is the default)",
     [](CommandLine& c, const std::string& v) { c.format = v; }},
    {"--output", "-o", "FILE", "", "validate socs ops explain fix-plan", "write the output to FILE instead of standard output",
     [](CommandLine& c, const std::string& v) { c.output = v; }},
    {"--data", "", "FILE", "", "validate socs ops explain fix-plan", "a qnnv.data file over the built-in constraint data",
     [](CommandLine& c, const std::string& v) { c.data = v; }},
    {"--color", "", "WHEN", "auto|always|never", "validate", "colour the text output",
     [](CommandLine& c, const std::string& v) { c.color = v; }},
    {"--max-warnings", "", "N", "", "validate", "exit 1 when the reports have more than N warnings in all",
     [](CommandLine& c, const std::string& v) { c.max_warnings = parse_count("--max-warnings", v); }},
    {"--fail-on", "", "WHAT", "not_validated", "validate", "exit 1 when any node could not be validated",
     [](CommandLine& c, const std::string&) { c.fail_on_not_validated = true; }},
    {"--quiet", "-q", "", "", "validate", "text output only for reports that fail",
     [](CommandLine& c, const std::string&) { c.quiet = true; }},
    {"--coverage", "", "", "", "ops", "per backend: the ops known, read vs inferred",
     [](CommandLine& c, const std::string&) { c.coverage = true; }},
};

int cmd_validate(const CommandLine&, CliHost&);
int cmd_info(const CommandLine&, CliHost&);
int cmd_fix_plan(const CommandLine&, CliHost&);

struct Command {
  std::string_view name;
  std::string_view operands;       // in the usage text
  size_t min_operands, max_operands;
  std::string_view operand_error;  // the usage error when the count is wrong
  std::string_view formats;        // "text|json..."; the first is the default
  int (*run)(const CommandLine&, CliHost&);
};

constexpr size_t kMany = size_t(-1);
const Command kCommands[] = {
    {"validate", "GRAPH.json|-|GLOB...", 1, kMany, "validate takes one or more graph files (or - for standard input)",
     "text|json|sarif|junit", cmd_validate},
    {"socs", "", 0, 0, "socs takes no arguments", "text|json", cmd_info},
    {"ops", "", 0, 0, "ops takes no arguments", "text|json", cmd_info},
    {"explain", "OP|TARGET", 1, 1, "explain takes one QNN op or aten target", "text|json", cmd_info},
    {"fix-plan", "GRAPH.json|-", 1, 1, "fix-plan takes one graph file (or - for standard input)", "text|json",
     cmd_fix_plan},
};

bool listed(std::string_view list, std::string_view word, char sep) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(sep, pos);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(pos, end - pos) == word) return true;
    pos = end + 1;
  }
  return false;
}

// "a|b|c" -> "a, b or c"
std::string spoken(std::string_view choices) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos <= choices.size()) {
    size_t end = choices.find('|', pos);
    if (end == std::string_view::npos) end = choices.size();
    words.emplace_back(choices.substr(pos, end - pos));
    pos = end + 1;
  }
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  return out;
}

const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands)
    if (c.name == name) return &c;
  return nullptr;
}

CommandLine parse(const std::vector<std::string>& args) {
  CommandLine c;
  std::vector<std::pair<const Flag*, std::string>> given;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string inline_value;
    bool has_inline = false;
    if (arg.rfind("--", 0) == 0) {
      const auto eq = arg.find('=');
      if (eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline = true;
      }
    }
    if (arg == "--help" || arg == "-h") {
      c.command = "help";
      continue;
    }
    if (arg == "--version" || arg == "-V") {
      c.command = "version";
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      const Flag* flag = nullptr;
      for (const Flag& f : kFlags)
        if (arg == f.name || (!f.alias.empty() && arg == f.alias)) flag = &f;
      if (!flag) throw UsageError("unknown option " + detail::quote_text(arg));
      std::string value;
      if (!flag->value.empty()) {
        if (has_inline) value = inline_value;
        else if (i + 1 < args.size()) value = args[++i];
        else throw UsageError(std::string(flag->name) + " needs a value");
        if (!flag->choices.empty() && !listed(flag->choices, value, '|'))
          throw UsageError(std::string(flag->name) + " takes " + spoken(flag->choices) + ", not " + detail::quote_text(value));
      } else if (has_inline) {
        throw UsageError(std::string(flag->name) + " takes no value");
      }
      given.emplace_back(flag, value);
      continue;
    }
    if (c.command.empty()) c.command = arg;
    else c.operands.push_back(arg);
  }
  if (c.command.empty() || c.command == "help" || c.command == "version") return c;
  const Command* cmd = find_command(c.command);
  if (!cmd) throw UsageError("unknown command " + detail::quote_text(c.command));
  for (const auto& [flag, value] : given) {
    if (!listed(flag->commands, cmd->name, ' '))
      throw UsageError(std::string(flag->name) + " does not apply to " + c.command);
    flag->apply(c, value);
  }
  if (c.operands.size() < cmd->min_operands || c.operands.size() > cmd->max_operands)
    throw UsageError(std::string(cmd->operand_error));
  if (c.format.empty()) c.format = std::string(cmd->formats.substr(0, cmd->formats.find('|')));
  if (!listed(cmd->formats, c.format, '|')) {
    throw UsageError("--format takes " + spoken(cmd->formats) +
                     (cmd->formats.find("sarif") == std::string_view::npos ? " here" : "") + ", not " +
                     detail::quote_text(c.format));
  }
  return c;
}

// ----------------------------------------------------------------------------------------------------------
// Output

class Output {
 public:
  Output(CliHost& host, const std::string& path) : host_(host) {
    host_.open_output(path == "-" ? std::string() : path);
  }
  void operator()(std::string_view piece) { host_.write(piece); }
  void close() { host_.close_output(); }

 private:
  CliHost& host_;
};

// An input error in a file other than the graph being validated (the --data file): printed located in
// that file, "data.json:3:7: message [code]", its path named once.
struct FileError {
  std::string file;
  ErrorInfo info;
};

std::shared_ptr<const ConstraintData> load_cli_data(const CommandLine& c, CliHost& host) {
  auto builtin = builtin_data();
  if (c.data.empty()) return builtin;
  const std::string text = host.read_file(c.data);  // io.read: "cannot read data.json: ..." as for a graph
  try {
    return load_data(text, c.data, builtin.get());
  } catch (const InputError& e) {
    // The data loader names its origin at the start of the message (for the API's callers); the CLI names
    // the file in front of the line:column instead.
    ErrorInfo info = e.info();
    const std::string prefix = c.data + ": ";
    if (info.message.rfind(prefix, 0) == 0) info.message.erase(0, prefix.size());
    throw FileError{c.data, std::move(info)};
  }
}

// ----------------------------------------------------------------------------------------------------------
// validate

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }
std::string artifact_name(const std::string& path) { return path == "-" ? "stdin" : path; }

struct Tally {
  size_t warnings = 0, not_validated = 0;
  bool findings = false;  // a report is not ok
  bool input_error = false;
  void add(const Report& r) {
    findings = findings || !r.ok;
    not_validated += r.summary.not_validated;
    for (const NodeResult& res : r.results)
      for (const Finding& f : res.findings) warnings += f.severity == Severity::warning;
  }
};

std::vector<std::string> split_socs(const std::string& list) {
  std::vector<std::string> socs;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(',', pos);
    if (end == std::string::npos) end = list.size();
    if (end == pos) throw UsageError("--soc takes SOC, A,B,... or all (an empty name in " + detail::quote_text(list) + ")");
    socs.push_back(list.substr(pos, end - pos));
    pos = end + 1;
  }
  return socs;
}

bool use_color(const CommandLine& c, CliHost& host) {
  if (c.color == "always") return true;
  if (c.color == "never") return false;
  return (c.output.empty() || c.output == "-") && host.stdout_is_terminal();
}

// One SoC's column of the matrix.
struct MatrixColumn {
  std::string soc, arch;
  bool ok = true;
  Summary summary;
};

// The matrix of one file: per SoC its summary, per node its status on each SoC and the rules that fired.
struct Matrix {
  std::string file, backend;
  std::vector<MatrixColumn> socs;
  struct Row {
    std::string node, target, qnn_op;
    std::vector<Status> status;
    std::vector<std::string> rules;  // per SoC: the rule ids of its findings, space-separated
  };
  std::vector<Row> rows;

  Matrix(std::string file_name, size_t columns) : file(std::move(file_name)), socs(columns) {}

  // The report of column i (reports come in any order).
  void add(size_t i, const Report& r) {
    socs[i] = {r.soc_model, r.arch, r.ok, r.summary};
    backend = r.backend;
    if (rows.empty()) {
      rows.resize(r.results.size());
      for (size_t n = 0; n < r.results.size(); ++n) {
        rows[n].node = r.results[n].node, rows[n].target = r.results[n].target, rows[n].qnn_op = r.results[n].qnn_op;
        rows[n].status.resize(socs.size());
        rows[n].rules.resize(socs.size());
      }
    }
    for (size_t n = 0; n < r.results.size() && n < rows.size(); ++n) {
      rows[n].status[i] = r.results[n].status;
      std::string ids;
      for (const Finding& f : r.results[n].findings) ids += (ids.empty() ? "" : " ") + f.rule;
      rows[n].rules[i] = std::move(ids);
    }
  }
  bool differs(const Row& row) const {
    for (size_t k = 1; k < row.status.size(); ++k)
      if (row.status[k] != row.status[0] || row.rules[k] != row.rules[0]) return true;
    return false;
  }
};

std::string json_string(std::string_view s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string matrix_to_json(const Matrix& m) {
  std::string out = "{\n  \"format\": \"qnnv.matrix\",\n  \"version\": 1,\n  \"file\": " + json_string(m.file) +
                    ",\n  \"backend\": " + json_string(m.backend) + ",\n  \"socs\": [";
  for (size_t k = 0; k < m.socs.size(); ++k) {
    const MatrixColumn& c = m.socs[k];
    const Summary& s = c.summary;
    out += std::string(k ? "," : "") + "\n    {\"soc_model\": " + json_string(c.soc) + ", \"arch\": " + json_string(c.arch) +
           ", \"ok\": " + (c.ok ? "true" : "false") + ", \"summary\": {\"nodes\": " + std::to_string(s.nodes) +
           ", \"checked\": " + std::to_string(s.checked) + ", \"passed\": " + std::to_string(s.passed) +
           ", \"failed\": " + std::to_string(s.failed) + ", \"not_validated\": " + std::to_string(s.not_validated) +
           ", \"skipped\": " + std::to_string(s.skipped) + "}}";
  }
  out += "\n  ],\n  \"nodes\": [";
  for (size_t i = 0; i < m.rows.size(); ++i) {
    const Matrix::Row& r = m.rows[i];
    out += std::string(i ? "," : "") + "\n    {\"node\": " + json_string(r.node) + ", \"target\": " + json_string(r.target) +
           ", \"qnn_op\": " + (r.qnn_op.empty() ? std::string("null") : json_string(r.qnn_op)) + ", \"status\": [";
    for (size_t k = 0; k < r.status.size(); ++k)
      out += std::string(k ? ", " : "") + "\"" + std::string(to_string(r.status[k])) + "\"";
    out += "], \"rules\": [";
    for (size_t k = 0; k < r.rules.size(); ++k) out += std::string(k ? ", " : "") + json_string(r.rules[k]);
    out += "]}";
  }
  out += "\n  ]\n}";
  return out;
}

std::string matrix_to_text(const Matrix& m) {
  std::ostringstream o;
  o << m.file << ": " << m.socs.size() << " SoCs (" << m.backend << ")\n";
  o << "  SoC        arch  result  passed  failed  not_validated\n";
  for (const MatrixColumn& c : m.socs) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-10s %-5s %-7s %6zu  %6zu  %13zu\n", c.soc.c_str(), c.arch.c_str(),
                  c.ok ? "ok" : "FAIL", c.summary.passed, c.summary.failed, c.summary.not_validated);
    o << line;
  }
  size_t differing = 0;
  for (const Matrix::Row& r : m.rows) differing += m.differs(r);
  if (differing == 0) {
    o << "Every node has the same result on every SoC.\n";
    return detail::terminal_safe(o.str());
  }
  o << differing << " node(s) whose result depends on the SoC:\n";
  for (const Matrix::Row& r : m.rows) {
    if (!m.differs(r)) continue;
    o << "  " << r.node << " (" << (r.qnn_op.empty() ? r.target : r.qnn_op) << ")\n";
    for (size_t k = 0; k < r.status.size(); ++k) {
      o << "    " << m.socs[k].soc << ": " << to_string(r.status[k]);
      if (!r.rules[k].empty()) o << " [" << r.rules[k] << "]";
      o << "\n";
    }
  }
  return detail::terminal_safe(o.str());  // node names and file names from the user: no control characters
}

// One input's outcome: a report, a matrix, or an input error.
struct Outcome {
  std::string path;
  std::optional<Report> report;
  std::optional<Matrix> matrix;
  std::optional<ErrorInfo> error;
};

int cmd_validate(const CommandLine& c, CliHost& host) {
  const bool color = c.format == "text" && use_color(c, host);
  auto data = load_cli_data(c, host);
  std::vector<std::string> socs;
  const bool matrix = c.soc == "all" || c.soc.find(',') != std::string::npos;
  if (matrix) {
    if (c.format == "sarif" || c.format == "junit")
      throw UsageError("--soc " + detail::quote_text(c.soc) + " gives a matrix: --format text or json");
    socs = c.soc == "all" ? socs_with_backend(*data, c.backend) : split_socs(c.soc);
  }
  Options options;
  options.backend = c.backend;
  options.soc = matrix ? std::string() : c.soc;
  options.qnn_sdk = c.qnn_sdk;
  options.strict = c.strict;
  // limit.report-size is checked here, on what --format writes of each file (a matrix is not a report).
  options.report_format = std::nullopt;
  const ReportFormat format = report_format_named(c.format).value_or(ReportFormat::json);
  const auto validate_file = [&](const std::string& f) {
    std::string text = host.read_file(f);
    const uint64_t bytes = text.size();
    Report report = validate_owned(std::move(text), options, *data);
    check_report_size(report, format, artifact_name(f), bytes, options.limits);
    return report;
  };
  const std::vector<std::string> files = detail::expand_operands(host, c.operands);

  Tally tally;
  Output out(host, c.output);
  // One graph, one SoC, JSON: streamed as before (a 100k-node report is ~55 MB of text).
  if (files.size() == 1 && !matrix && c.format == "json") {
    try {
      const Report report = validate_file(files[0]);
      tally.add(report);
      report_to_json(report, 2, [&](std::string_view piece) { out(piece); });
      out("\n");
    } catch (const InputError& e) {
      host.write_stderr(error_to_text(e.info(), display_name(files[0])) + "\n");
      tally.input_error = true;
    }
  } else {
    std::vector<Outcome> outcomes;
    for (const std::string& f : files) {
      Outcome o;
      o.path = f;
      try {
        if (matrix) {
          Matrix m(display_name(f), socs.size());
          validate_socs(host.read_file(f), options, socs, *data, [&](size_t i, const Report& r) {
            tally.add(r);
            m.add(i, r);
          });
          o.matrix = std::move(m);
        } else {
          o.report = validate_file(f);
          tally.add(*o.report);
        }
      } catch (const InputError& e) {
        host.write_stderr(error_to_text(e.info(), display_name(f)) + "\n");
        tally.input_error = true;
        o.error = e.info();
      }
      outcomes.push_back(std::move(o));
    }
    const bool several = files.size() > 1;
    if (c.format == "text") {
      for (const Outcome& o : outcomes) {
        if (o.error) continue;
        const bool ok = o.report ? o.report->ok : std::all_of(o.matrix->socs.begin(), o.matrix->socs.end(),
                                                              [](const MatrixColumn& m) { return m.ok; });
        if (c.quiet && ok) continue;
        if (several && o.report) out(detail::terminal_safe("== " + display_name(o.path)) + "\n");
        out(o.report ? report_to_text(*o.report, color) : matrix_to_text(*o.matrix));
      }
    } else if (c.format == "json") {
      // Reports are written in pieces (report_to_json's sink), never built whole.
      const auto sink = [&](std::string_view piece) { out(piece); };
      if (!several && outcomes[0].report) {
        report_to_json(*outcomes[0].report, 2, sink);
        out("\n");
      } else if (!several && outcomes[0].matrix) {
        out(matrix_to_json(*outcomes[0].matrix) + "\n");
      } else if (several) {
        out("{\"format\": \"qnnv.reports\", \"version\": 1, \"files\": [");
        for (size_t i = 0; i < outcomes.size(); ++i) {
          const Outcome& o = outcomes[i];
          out(std::string(i ? ",\n" : "\n") + "{\"file\": " + json_string(display_name(o.path)) + ", ");
          if (o.error) out("\"error\": " + error_to_json(*o.error) + "}");
          else if (o.report) {
            out("\"report\": ");
            report_to_json(*o.report, 2, sink);
            out("}");
          }
          else out("\"matrix\": " + matrix_to_json(*o.matrix) + "}");
        }
        out("\n]}\n");
      }
    } else {
      std::vector<NamedReport> named;
      for (const Outcome& o : outcomes)
        if (o.report) named.push_back({&*o.report, artifact_name(o.path)});
      if (!named.empty() || several) {
        out(c.format == "sarif" ? reports_to_sarif(named) + "\n" : reports_to_junit(named));
      }
    }
  }
  out.close();
  if (tally.input_error) return kExitUsage;
  if (tally.findings) return kExitFindings;
  if (c.max_warnings >= 0 && tally.warnings > static_cast<size_t>(c.max_warnings)) {
    host.write_stderr("qnnv: " + std::to_string(tally.warnings) + " warnings (more than --max-warnings " +
                      std::to_string(c.max_warnings) + ")\n");
    return kExitFindings;
  }
  if (c.fail_on_not_validated && tally.not_validated > 0) {
    host.write_stderr("qnnv: " + std::to_string(tally.not_validated) +
                      " node(s) could not be validated (--fail-on not_validated)\n");
    return kExitFindings;
  }
  return kExitOk;
}

int cmd_info(const CommandLine& c, CliHost& host) {
  const bool json = c.format == "json";
  auto data = load_cli_data(c, host);
  std::string text;
  if (c.command == "socs") {
    text = json ? socs_json(*data, c.backend) : socs_text(*data, c.backend);
  } else if (c.command == "ops") {
    if (c.coverage) text = json ? coverage_json(*data) : coverage_text(*data);
    else text = json ? ops_json(*data, c.backend) : ops_text(*data, c.backend);
  } else {
    const std::string backend = c.backend.empty() ? std::string(kDefaultBackend) : c.backend;
    const std::string soc = c.soc.empty() ? std::string(kDefaultSoc) : c.soc;
    text = json ? explain_json(*data, backend, c.operands[0], soc) : explain_text(*data, backend, c.operands[0], soc);
  }
  if (!text.empty() && text.back() != '\n') text += "\n";
  Output out(host, c.output);
  out(text);
  out.close();
  return kExitOk;
}

// The QuantRecipe changes that make the failing nodes pass, checked on the re-annotated graph: exit 0 when
// the plan reaches 0 failures, 1 when it does not.
int cmd_fix_plan(const CommandLine& c, CliHost& host) {
  auto data = load_cli_data(c, host);
  Options options;
  options.backend = c.backend;
  options.soc = c.soc;
  options.qnn_sdk = c.qnn_sdk;
  options.strict = c.strict;
  const std::string& file = c.operands[0];
  FixPlan plan;
  try {
    plan = fix_plan(host.read_file(file), options, *data);
  } catch (const InputError& e) {
    host.write_stderr(error_to_text(e.info(), display_name(file)) + "\n");
    return kExitUsage;
  }
  Output out(host, c.output);
  out(c.format == "json" ? fix_plan_to_json(plan) + "\n" : fix_plan_to_text(plan));
  out.close();
  return plan.verified ? kExitOk : kExitFindings;
}

// The host as run_cli uses it: what goes to standard error is made terminal-safe here, once, whatever the
// message holds (a graph's strings, a data file's bytes, a file name): valid UTF-8, no control characters
// but newline and tab.
class SafeStderrHost : public CliHost {
 public:
  explicit SafeStderrHost(CliHost& host) : host_(host) {}
  std::string read_file(const std::string& path) override { return host_.read_file(path); }
  std::vector<std::string> list_dir(const std::string& dir) override { return host_.list_dir(dir); }
  void open_output(const std::string& path) override { host_.open_output(path); }
  void write(std::string_view piece) override { host_.write(piece); }
  void close_output() override { host_.close_output(); }
  void write_stderr(std::string_view text) override { host_.write_stderr(detail::terminal_safe(text)); }
  bool stdout_is_terminal() override { return host_.stdout_is_terminal(); }

 private:
  CliHost& host_;
};

// The wording of the system errors a CLI meets, by POSIX name: both CLIs print these (the native one looks
// its errno up here, the Node one its error's code), so that one failure reads the same in both.
struct SystemError {
  int number;
  std::string_view name, text;
};
const SystemError kSystemErrors[] = {
    {ENOENT, "ENOENT", "No such file or directory"},
    {EACCES, "EACCES", "Permission denied"},
    {EPERM, "EPERM", "Operation not permitted"},
    {EISDIR, "EISDIR", "Is a directory"},
    {ENOTDIR, "ENOTDIR", "Not a directory"},
    {ELOOP, "ELOOP", "Too many levels of symbolic links"},
    {ENAMETOOLONG, "ENAMETOOLONG", "File name too long"},
    {EMFILE, "EMFILE", "Too many open files"},
    {ENFILE, "ENFILE", "Too many open files in system"},
    {EROFS, "EROFS", "Read-only file system"},
    {ENOSPC, "ENOSPC", "No space left on device"},
    {EDQUOT, "EDQUOT", "Disk quota exceeded"},
    {EFBIG, "EFBIG", "File too large"},
    {EBADF, "EBADF", "Bad file descriptor"},
    {EPIPE, "EPIPE", "Broken pipe"},
    {EIO, "EIO", "Input/output error"},
    {ENXIO, "ENXIO", "No such device or address"},
    {EINVAL, "EINVAL", "Invalid argument"},
    {ENOMEM, "ENOMEM", "Cannot allocate memory"},
    {EAGAIN, "EAGAIN", "Resource temporarily unavailable"},
    {ETXTBSY, "ETXTBSY", "Text file busy"},
    {EEXIST, "EEXIST", "File exists"},
};

}  // namespace

std::string system_error_text(std::string_view name) {
  for (const SystemError& e : kSystemErrors)
    if (e.name == name) return std::string(e.text);
  return "system error " + detail::echo_text(name.empty() ? std::string_view("(unknown)") : name);
}

std::string system_error_text(int number) {
  for (const SystemError& e : kSystemErrors)
    if (e.number == number) return std::string(e.text);
  return "system error " + std::to_string(number);
}

std::string cli_usage() {
  std::string u = "qnnv — check ExecuTorch QNN quantization annotations against QNN backend constraints\n\nUsage:\n";
  for (const Command& cmd : kCommands) {
    std::string line = "  qnnv " + std::string(cmd.name);
    line.resize(std::max<size_t>(line.size(), 15), ' ');
    if (!cmd.operands.empty()) line += " " + std::string(cmd.operands);
    const size_t indent = 16;
    std::string cur = line;
    for (const Flag& f : kFlags) {
      if (!listed(f.commands, cmd.name, ' ')) continue;
      std::string item = "[" + std::string(f.name);
      // --format's values are the command's own (Command::formats)
      if (!f.value.empty()) item += " " + std::string(f.name == "--format" ? cmd.formats : f.choices.empty() ? f.value : f.choices);
      item += "]";
      if (cur.size() + 1 + item.size() > 110) {
        u += cur + "\n";
        cur = std::string(indent, ' ') + item;
      } else {
        cur += " " + item;
      }
    }
    u += cur + "\n";
  }
  u += "  qnnv --version | --help\n\nOptions:\n";
  for (const Flag& f : kFlags) {
    std::string name = "  " + std::string(f.name);
    if (!f.alias.empty()) name = "  " + std::string(f.alias) + ", " + std::string(f.name);
    if (!f.value.empty()) name += " " + std::string(f.value);
    name.resize(std::max<size_t>(name.size() + 1, 26), ' ');
    u += name + std::string(f.help) + "\n";
  }
  u += "\nvalidate reads qnnv.graph v1 files (see docs/graph-format.md; '-' reads standard input), a report each;\n"
       "a quoted GLOB (models/**/*.json) is expanded by qnnv. Backend and SoC default to the graph's hints, else " +
       std::string(kDefaultBackend) + " and " + std::string(kDefaultSoc) +
       ".\nStrict (the default) makes every finding an error.\n"
       "fix-plan prints the QuantRecipe changes that make the failing nodes pass, checked on the re-annotated\n"
       "graph (exit 1: the plan does not reach 0 failures).\n"
       "Exit status: 0 no errors, 1 findings that are errors (or over --max-warnings, or --fail-on),\n"
       "2 usage or input error (in any of the files).\n";
  return u;
}

int run_cli(const std::vector<std::string>& args, CliHost& raw_host) {
  SafeStderrHost host(raw_host);
  std::string file = "qnnv";  // what located errors outside a graph are prefixed with
  try {
    const CommandLine c = parse(args);
    if (c.command.empty() || c.command == "help") {
      const std::string usage = cli_usage();
      if (c.command.empty()) {
        host.write_stderr(usage);
        return kExitUsage;
      }
      Output out(host, "");
      out(usage);
      out.close();
      return kExitOk;
    }
    if (c.command == "version") {
      Output out(host, "");
      out("qnnv " + std::string(version()) + " (data " + builtin_data()->version + ")\n");
      out.close();
      return kExitOk;
    }
    return find_command(c.command)->run(c, host);
  } catch (const UsageError& e) {
    host.write_stderr("qnnv: " + std::string(e.what()) + "\n(run qnnv --help for usage)\n");
  } catch (const InputError& e) {
    host.write_stderr(error_to_text(e.info(), file) + "\n");
  } catch (const FileError& e) {
    host.write_stderr(error_to_text(e.info, e.file) + "\n");
  } catch (const std::bad_alloc&) {
    host.write_stderr("qnnv: out of memory [limit.memory]\n");
  } catch (const std::exception& e) {
    host.write_stderr("qnnv: internal error: " + std::string(e.what()) + "\n");
  }
  return kExitUsage;
}

}  // namespace qnnv
