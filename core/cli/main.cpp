// qnnv — the native command line. A thin shell over the public API: parse flags, read files, pick a
// renderer, map the outcome to the exit code (0 ok, 1 findings, 2 usage or input error).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qnnv/qnnv.h"

namespace {

constexpr int kExitOk = 0, kExitFindings = 1, kExitUsage = 2;

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::string backend, soc, format, output, data, color = "auto";
  std::optional<bool> strict;
  bool coverage = false;
  std::string qnn_sdk;
};

class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

Args parse_args(int argc, char** argv) {
  Args a;
  auto value = [&](int& i, const std::string& flag) -> std::string {
    if (i + 1 >= argc) throw UsageError(flag + " needs a value");
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
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
    auto take = [&](const std::string& flag) { return has_inline ? inline_value : value(i, flag); };
    if (arg == "--help" || arg == "-h") a.command = "help";
    else if (arg == "--version" || arg == "-V") a.command = "version";
    else if (arg == "--backend") a.backend = take(arg);
    else if (arg == "--soc") a.soc = take(arg);
    else if (arg == "--format") a.format = take(arg);
    else if (arg == "-o" || arg == "--output") a.output = take(arg);
    else if (arg == "--data") a.data = take(arg);
    else if (arg == "--color") a.color = take(arg);
    else if (arg == "--strict") a.strict = true;
    else if (arg == "--no-strict") a.strict = false;
    else if (arg == "--coverage") a.coverage = true;
    else if (arg == "--qnn-sdk") a.qnn_sdk = take(arg);
    else if (arg.size() > 1 && arg[0] == '-') throw UsageError("unknown option " + arg);
    else if (a.command.empty()) a.command = arg;
    else a.positional.push_back(arg);
  }
  return a;
}

// The whole of a file (or standard input for "-") in one string: a regular file is read in one go into
// a string sized from fstat (one byte over, so that the read which meets the end needs no growth); a pipe
// in 1 MiB chunks. (A stringstream would hold up to twice the file and then copy it once more: for a
// 30 MB graph that was 60 MB of peak memory before any parsing.)
std::string read_input(const std::string& path) {
  const bool is_stdin = path == "-";
  std::FILE* f = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) throw qnnv::InputError("io.read", "cannot read " + path + ": " + std::strerror(errno));
  struct Closer {
    std::FILE* f;
    bool owned;
    ~Closer() {
      if (owned) std::fclose(f);
    }
  } closer{f, !is_stdin};
  std::string text;
  struct stat st {};
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) text.reserve(size_t(st.st_size) + 1);
  constexpr size_t kChunk = size_t{1} << 20;
  for (;;) {
    const size_t have = text.size();
    // Read into the room there is (a regular file: all of it), else grow by a chunk.
    const size_t room = text.capacity() > have ? text.capacity() - have : kChunk;
    text.resize(have + room);
    const size_t got = std::fread(&text[have], 1, room, f);
    text.resize(have + got);
    if (got < room) break;
  }
  if (std::ferror(f)) throw qnnv::InputError("io.read", "cannot read " + path + ": " + std::strerror(errno));
  return text;
}

// Writes to -o FILE, or stdout. `produce` calls the sink it is given for each piece of the text (one
// piece, or a large report in many). A failed write to a file (disk full, /dev/full) is an io.write error,
// exit 2, never a silent success.
void write_streamed(const Args& a, const std::function<void(const qnnv::JsonSink&)>& produce) {
  const bool to_stdout = a.output.empty() || a.output == "-";
  std::FILE* f = to_stdout ? stdout : std::fopen(a.output.c_str(), "wb");
  if (!f) throw qnnv::InputError("io.write", "cannot write " + a.output + ": " + std::strerror(errno));
  bool failed = false;
  int err = 0;
  produce([&](std::string_view piece) {
    if (!failed && std::fwrite(piece.data(), 1, piece.size(), f) != piece.size()) failed = true, err = errno;
  });
  if (std::fflush(f) != 0 && !failed) failed = true, err = errno;
  if (!to_stdout && std::fclose(f) != 0 && !failed) failed = true, err = errno;
  if (failed && !to_stdout)
    throw qnnv::InputError("io.write", "cannot write " + a.output + ": " + std::strerror(err));
}

void write_output(const Args& a, const std::string& text) {
  write_streamed(a, [&](const qnnv::JsonSink& sink) { sink(text); });
}

std::shared_ptr<const qnnv::ConstraintData> load_data(const Args& a) {
  auto builtin = qnnv::builtin_data();
  if (a.data.empty()) return builtin;
  try {
    return qnnv::load_data(read_input(a.data), a.data, builtin.get());
  } catch (qnnv::InputError& e) {
    // Errors in the data file are located in the data file, not the graph.
    throw qnnv::InputError(qnnv::ErrorInfo{e.info().code, a.data + ": " + e.info().message, e.info().pointer,
                                           e.info().line, e.info().column});
  }
}

bool use_color(const Args& a) {
  if (a.color == "always") return true;
  if (a.color == "never") return false;
  if (a.color != "auto") throw UsageError("--color takes auto, always or never");
  return a.output.empty() && isatty(fileno(stdout)) && !std::getenv("NO_COLOR");
}

std::string format_or(const Args& a, const std::string& fallback) { return a.format.empty() ? fallback : a.format; }

int cmd_validate(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("validate takes one graph file (or - for standard input)");
  const std::string format = format_or(a, "text");
  if (format != "text" && format != "json" && format != "sarif" && format != "junit")
    throw UsageError("--format takes text, json, sarif or junit");
  const bool color = format == "text" && use_color(a);
  auto data = load_data(a);
  const std::string& path = a.positional[0];
  qnnv::Options options;
  options.backend = a.backend;
  options.soc = a.soc;
  options.strict = a.strict;
  options.qnn_sdk = a.qnn_sdk;
  const qnnv::Report report = qnnv::validate_owned(read_input(path), options, *data);
  if (format == "json") {  // streamed: a 100k-node report is ~55 MB of text
    write_streamed(a, [&](const qnnv::JsonSink& sink) {
      qnnv::report_to_json(report, 2, sink);
      sink("\n");
    });
    return report.ok ? kExitOk : kExitFindings;
  }
  std::string out;
  if (format == "sarif") out = qnnv::report_to_sarif(report, path == "-" ? "stdin" : path) + "\n";
  else if (format == "junit") out = qnnv::report_to_junit(report, path == "-" ? "stdin" : path);
  else out = qnnv::report_to_text(report, color);
  write_output(a, out);
  return report.ok ? kExitOk : kExitFindings;
}

int cmd_info(const Args& a) {
  const std::string format = format_or(a, "text");
  if (format != "text" && format != "json") throw UsageError("--format takes text or json here");
  const bool json = format == "json";
  auto data = load_data(a);
  std::string out;
  if (a.command == "socs") {
    if (!a.positional.empty()) throw UsageError("socs takes no arguments");
    out = json ? qnnv::socs_json(*data, a.backend) : qnnv::socs_text(*data, a.backend);
  } else if (a.command == "ops") {
    if (!a.positional.empty()) throw UsageError("ops takes no arguments");
    if (a.coverage) out = json ? qnnv::coverage_json(*data) : qnnv::coverage_text(*data);
    else out = json ? qnnv::ops_json(*data, a.backend) : qnnv::ops_text(*data, a.backend);
  } else {
    if (a.positional.size() != 1) throw UsageError("explain takes one QNN op or aten target");
    const std::string backend = a.backend.empty() ? "htp" : a.backend;
    const std::string soc = a.soc.empty() ? "SM8750" : a.soc;
    out = json ? qnnv::explain_json(*data, backend, a.positional[0], soc)
               : qnnv::explain_text(*data, backend, a.positional[0], soc);
  }
  if (!out.empty() && out.back() != '\n') out += "\n";
  write_output(a, out);
  return kExitOk;
}

int run(const Args& a) {
  if (a.command.empty() || a.command == "help") {
    const std::string_view usage = qnnv::cli_usage();
    std::fwrite(usage.data(), 1, usage.size(), a.command.empty() ? stderr : stdout);
    return a.command.empty() ? kExitUsage : kExitOk;
  }
  if (a.command == "version") {
    std::printf("qnnv %s (data %s)\n", qnnv::version(), qnnv::builtin_data()->version.c_str());
    return kExitOk;
  }
  if (a.command == "validate") return cmd_validate(a);
  if (a.command == "socs" || a.command == "ops" || a.command == "explain") return cmd_info(a);
  throw UsageError("unknown command \"" + a.command + "\"");
}

}  // namespace

int main(int argc, char** argv) {
  std::string file = "qnnv";  // what located errors are prefixed with
  try {
    const Args a = parse_args(argc, argv);
    if (a.command == "validate" && a.positional.size() == 1) file = a.positional[0] == "-" ? "<stdin>" : a.positional[0];
    return run(a);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "qnnv: %s\n(run qnnv --help for usage)\n", e.what());
    return kExitUsage;
  } catch (const qnnv::InputError& e) {
    std::fprintf(stderr, "%s\n", qnnv::error_to_text(e.info(), file).c_str());
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "qnnv: out of memory [limit.memory]\n");
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "qnnv: internal error: %s\n", e.what());
    return kExitUsage;
  }
}
