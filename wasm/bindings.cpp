// qnnv — the WebAssembly boundary.
//
// A small C ABI (no embind class handles, nothing for callers to delete): text goes in as (pointer,
// length) pairs that the JS side wrote into the module's heap, and every call leaves exactly one JSON
// text in a result buffer that JS reads with qnnv_result_data/size and then frees with
// qnnv_result_clear. Each call returns a status:
//   0  the result is the requested JSON (or text)
//   1  the result is a qnnv.error object (report-format v1): bad input, unknown SoC, out of memory...
//   2  out of memory while even building the error object: no result; JS reports "limit.memory"
// No C++ exception crosses this boundary: every entry point catches everything.
//
// Raw C exports rather than embind: embind (3.1.x) copies std::string arguments into the heap byte
// by byte in JS and decodes results the same way, which is slow for the multi-megabyte graphs and
// reports qnnv handles; here JS uses TextEncoder/TextDecoder and a single memcpy in each direction.

#include <emscripten/emscripten.h>
#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "qnnv/qnnv.h"

namespace {

std::string g_result;  // the text left by the last call
std::string g_host_text;  // a file the CLI's host is reading (qnnv_js_read_file)
// The graph text for the next qnnv_validate: JS writes it straight here (qnnv_input_buffer), and
// qnnv_validate hands it to validate_owned, which frees it once the graph is loaded. The wasm heap never
// shrinks, so its size is the peak of a validation: text + graph, then graph + report, not all three.
std::string g_input;

using DataPtr = std::shared_ptr<const qnnv::ConstraintData>;
std::map<int, DataPtr> g_data;  // user data files loaded with qnnv_load_data, by id (> 0)
int g_next_data_id = 1;

std::string_view view(const char* p, size_t n) { return p ? std::string_view(p, n) : std::string_view(); }
std::string_view cstr(const char* p) { return p ? std::string_view(p) : std::string_view(); }

// The constraint data for an id: 0 = built-in, otherwise a loaded data file.
const qnnv::ConstraintData& data_for(int id) {
  if (id == 0) {
    static const DataPtr builtin = qnnv::builtin_data();
    return *builtin;
  }
  auto it = g_data.find(id);
  if (it == g_data.end())
    throw qnnv::InputError("data.unknown-id", "no loaded data file has id " + std::to_string(id) +
                                                  " (it was released, or never loaded)");
  return *it->second;
}

int set_error(const qnnv::ErrorInfo& info) {
  g_result = qnnv::error_to_json(info);
  return 1;
}

// Runs `body` (which fills g_result) and turns every exception into a qnnv.error result.
template <class F>
int guarded(F&& body) {
  try {
    g_result.clear();
    body();
    return 0;
  } catch (const qnnv::InputError& e) {
    try {
      return set_error(e.info());
    } catch (...) {
      g_result.clear();
      g_result.shrink_to_fit();
      return 2;
    }
  } catch (const std::bad_alloc&) {
    try {
      g_result.clear();
      g_result.shrink_to_fit();
      return set_error({"limit.memory",
                        "out of memory: the input needs more than the WebAssembly memory limit allows",
                        "", 0, 0});
    } catch (...) {
      g_result.clear();
      g_result.shrink_to_fit();
      return 2;
    }
  } catch (const std::exception& e) {
    try {
      return set_error({"internal.error", std::string("internal error: ") + e.what(), "", 0, 0});
    } catch (...) {
      g_result.clear();
      g_result.shrink_to_fit();
      return 2;
    }
  } catch (...) {
    try {
      return set_error({"internal.error", "internal error (unknown exception)", "", 0, 0});
    } catch (...) {
      g_result.clear();
      g_result.shrink_to_fit();
      return 2;
    }
  }
}

nlohmann::json backends_of(const qnnv::ConstraintData& data) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, b] : data.backends)
    list.push_back({{"name", name}, {"version", b.version}, {"complete", b.complete}, {"origin", b.origin}});
  return list;
}

qnnv::ErrorInfo error_from_json(std::string_view text) {
  auto j = nlohmann::json::parse(text.begin(), text.end());
  const auto& e = j.contains("error") ? j.at("error") : j;
  qnnv::ErrorInfo info;
  info.code = e.value("code", std::string());
  info.message = e.value("message", std::string());
  info.pointer = e.value("pointer", std::string());
  info.line = e.value("line", 0);
  info.column = e.value("column", 0);
  return info;
}

// The CLI's host functions, implemented by Module.qnnvHost (wasm/cli.mjs): text crosses as (pointer,
// length) UTF-8; what JS returns is copied into memory it allocates with _malloc and C++ frees.
// The file's bytes go straight into g_host_text (host.readFile(path, room): room(n) gives a view of n bytes
// in the heap to read into, so a 270 MB graph is not also held as a JS buffer and copied); a host that
// returns bytes instead has them copied there. On failure, (data, size) is the reason.
EM_JS(int, qnnv_js_read_file, (const char* path, size_t path_len, char** data, size_t* size), {
  var host = Module["qnnvHost"];
  var name = new TextDecoder().decode(HEAPU8.subarray(path, path + path_len));
  var room = function(n) {
    var at = _qnnv_host_text(n) >>> 0;
    if (!at && n) throw {code: "ENOMEM"};
    return HEAPU8.subarray(at, at + n);
  };
  var bytes;
  try {
    bytes = host.readFile(name, room);
    if (bytes) room(bytes.length).set(bytes);
    return 0;
  } catch (e) {
    // A system error crosses as its POSIX name (worded by the core's table), anything else as its message.
    var status = e && typeof e.code === "string" && /^E[A-Z0-9]+$/.test(e.code) ? 1 : 2;
    bytes = new TextEncoder().encode(status === 1 ? e.code : String(e && e.message ? e.message : e));
    var ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr);
    HEAPU32[data >> 2] = ptr;
    HEAPU32[size >> 2] = bytes.length;
    return status;
  }
});

EM_JS(void, qnnv_js_list_dir, (const char* dir, size_t dir_len, char** data, size_t* size), {
  var names = Module["qnnvHost"].listDir(new TextDecoder().decode(HEAPU8.subarray(dir, dir + dir_len)));
  var bytes = new TextEncoder().encode(names.join("\\0"));
  var ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr);
  HEAPU32[data >> 2] = ptr;
  HEAPU32[size >> 2] = bytes.length;
});

EM_JS(void, qnnv_js_open_output, (const char* path, size_t path_len), {
  Module["qnnvHost"].openOutput(new TextDecoder().decode(HEAPU8.subarray(path, path + path_len)));
});

EM_JS(void, qnnv_js_write, (const char* text, size_t len), {
  Module["qnnvHost"].write(HEAPU8.slice(text, text + len));
});

EM_JS(void, qnnv_js_write_stderr, (const char* text, size_t len), {
  Module["qnnvHost"].writeStderr(HEAPU8.slice(text, text + len));
});

// 0 = closed; 1 = a write failed with the system error named in (data, size); 2 = failed, with a message.
EM_JS(int, qnnv_js_close_output, (char** data, size_t* size), {
  var e = Module["qnnvHost"].closeOutput();
  if (!e) return 0;
  var status = typeof e.code === "string" && /^E[A-Z0-9]+$/.test(e.code) ? 1 : 2;
  var bytes = new TextEncoder().encode(status === 1 ? e.code : String(e.message || e));
  var ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr);
  HEAPU32[data >> 2] = ptr;
  HEAPU32[size >> 2] = bytes.length;
  return status;
});

EM_JS(int, qnnv_js_is_terminal, (), { return Module["qnnvHost"].isTerminal() ? 1 : 0; });

// Takes ownership of a _malloc'd (pointer, size) from a host function.
std::string take(char* data, size_t size) {
  std::string s(data, size);
  std::free(data);
  return s;
}

class JsHost : public qnnv::CliHost {
 public:
  std::string read_file(const std::string& path) override {
    char* data = nullptr;
    size_t size = 0;
    std::string().swap(g_host_text);
    const int status = qnnv_js_read_file(path.data(), path.size(), &data, &size);
    if (status != 0) {
      std::string().swap(g_host_text);
      const std::string text = take(data, size);
      if (text == "ENOMEM") throw std::bad_alloc();
      throw qnnv::InputError("io.read", "cannot read " + path + ": " + (status == 1 ? qnnv::system_error_text(text) : text));
    }
    std::string text;
    text.swap(g_host_text);
    return text;
  }
  std::vector<std::string> list_dir(const std::string& dir) override {
    char* data = nullptr;
    size_t size = 0;
    qnnv_js_list_dir(dir.data(), dir.size(), &data, &size);
    const std::string all = take(data, size);
    std::vector<std::string> names;
    for (size_t pos = 0; !all.empty() && pos <= all.size();) {
      size_t end = all.find('\0', pos);
      if (end == std::string::npos) end = all.size();
      names.push_back(all.substr(pos, end - pos));
      pos = end + 1;
    }
    return names;
  }
  void open_output(const std::string& path) override {
    path_ = path;
    qnnv_js_open_output(path.data(), path.size());
  }
  void write(std::string_view piece) override { qnnv_js_write(piece.data(), piece.size()); }
  void close_output() override {
    char* data = nullptr;
    size_t size = 0;
    const int status = qnnv_js_close_output(&data, &size);
    if (status != 0) {
      const std::string text = take(data, size);
      throw qnnv::InputError("io.write", "cannot write " + (path_.empty() ? std::string("standard output") : path_) +
                                             ": " + (status == 1 ? qnnv::system_error_text(text) : text));
    }
  }
  void write_stderr(std::string_view text) override { qnnv_js_write_stderr(text.data(), text.size()); }
  bool stdout_is_terminal() override { return qnnv_js_is_terminal() != 0; }

 private:
  std::string path_;
};

// The options every validating export takes: strings ("" = unset) and strict as -1 (unset), 0 or 1.
qnnv::Options options_of(const char* backend, const char* soc, const char* qnn_sdk, int strict) {
  qnnv::Options options;
  options.backend = std::string(cstr(backend));
  options.soc = std::string(cstr(soc));
  options.qnn_sdk = std::string(cstr(qnn_sdk));
  if (strict >= 0) options.strict = strict != 0;
  return options;
}

// The report a re-render export reads (its JSON text), with limit.report-size checked for `format`.
qnnv::Report report_to_render(const char* report_json, size_t len, qnnv::ReportFormat format, std::string_view name) {
  qnnv::Report report = qnnv::report_from_json(view(report_json, len));
  qnnv::check_report_size(report, format, name, len, qnnv::Limits{});
  return report;
}

// `buffer` resized to `len` bytes, its first bytes kept; null when out of memory, and the buffer then freed,
// so that a failed allocation leaves nothing half-grown behind.
char* resized(std::string& buffer, size_t len) {
  try {
    buffer.resize(len);
    return buffer.data();
  } catch (...) {
    std::string().swap(buffer);
    return nullptr;
  }
}

}  // namespace

extern "C" {

// Room for `len` bytes of a file the host reads (see qnnv_js_read_file); null when out of memory.
EMSCRIPTEN_KEEPALIVE char* qnnv_host_text(size_t len) { return resized(g_host_text, len); }

EMSCRIPTEN_KEEPALIVE const char* qnnv_result_data() { return g_result.data(); }
EMSCRIPTEN_KEEPALIVE size_t qnnv_result_size() { return g_result.size(); }
EMSCRIPTEN_KEEPALIVE void qnnv_result_clear() {
  g_result.clear();
  g_result.shrink_to_fit();
}

// Bytes currently allocated on the WebAssembly heap (dlmalloc's mallinfo), for leak checks.
EMSCRIPTEN_KEEPALIVE size_t qnnv_heap_used() { return mallinfo().uordblks; }

// {"version": tool, "data_version": ..., "backends": [{name, version, complete, origin}]}
EMSCRIPTEN_KEEPALIVE int qnnv_info(int data_id) {
  return guarded([&] {
    const auto& data = data_for(data_id);
    nlohmann::json sdks = nlohmann::json::array();
    for (int v : data.sdk_versions) sdks.push_back(qnnv::sdk_version_text(v));
    nlohmann::json j = {{"version", qnnv::version()}, {"data_version", data.version},
                        {"backends", backends_of(data)}, {"qnn_sdk_versions", sdks},
                        {"limits", {{"max_input_bytes", qnnv::Limits{}.max_input_bytes}}}};
    g_result = j.dump();
  });
}

// Loads a user data file over the built-in data; the result is {"id": N, "version", "backends"}.
EMSCRIPTEN_KEEPALIVE int qnnv_load_data(const char* text, size_t len, const char* origin) {
  return guarded([&] {
    DataPtr base = qnnv::builtin_data();
    DataPtr loaded = qnnv::load_data(view(text, len), cstr(origin), base.get());
    if (!loaded) throw qnnv::InputError("data.invalid", "the data file could not be loaded");
    int id = g_next_data_id++;
    nlohmann::json j = {{"id", id}, {"version", loaded->version}, {"backends", backends_of(*loaded)}};
    std::string text_out = j.dump();
    g_data.emplace(id, std::move(loaded));
    g_result = std::move(text_out);
  });
}

EMSCRIPTEN_KEEPALIVE int qnnv_release_data(int id) {
  return guarded([&] {
    g_data.erase(id);
    g_result = "true";
  });
}

// Room for `len` bytes of graph text (the previous one, if any, is dropped); null when out of memory.
EMSCRIPTEN_KEEPALIVE char* qnnv_input_buffer(size_t len) {
  std::string().swap(g_input);
  return resized(g_input, len);
}

// The input buffer resized to `len` bytes, its first bytes kept (a graph streamed in by
// validateJsonChunksFromStream: grown when its size is not known, cut to what came); null when out of memory.
EMSCRIPTEN_KEEPALIVE char* qnnv_input_resize(size_t len) { return resized(g_input, len); }

// Validates the text in the input buffer (consumed: the buffer is empty afterwards, whatever happens).
// strict: -1 = unset (the core's default), 0 = false, 1 = true. indent: as report_to_json (-1 = compact,
// which the object-returning API uses: smaller text to decode on the JS side).
EMSCRIPTEN_KEEPALIVE int qnnv_validate(const char* backend, const char* soc, const char* qnn_sdk, int strict, int data_id,
                                       int indent) {
  std::string text;
  text.swap(g_input);
  return guarded([&] {
    const qnnv::Options options = options_of(backend, soc, qnn_sdk, strict);
    qnnv::Report report = qnnv::validate_owned(std::move(text), options, data_for(data_id));
    g_result = qnnv::report_to_json(report, indent);
  });
}

// The fix plan of the graph in the input buffer (consumed, as by qnnv_validate). format: "json" or "text".
EMSCRIPTEN_KEEPALIVE int qnnv_fix_plan(const char* backend, const char* soc, const char* qnn_sdk, int strict,
                                       int data_id, const char* format) {
  std::string text;
  text.swap(g_input);
  return guarded([&] {
    const qnnv::Options options = options_of(backend, soc, qnn_sdk, strict);
    const qnnv::FixPlan plan = qnnv::fix_plan(text, options, data_for(data_id));
    g_result = cstr(format) == "text" ? qnnv::fix_plan_to_text(plan) : qnnv::fix_plan_to_json(plan);
  });
}

// The limit.input-size error object for an input of `size` bytes (a double: sizes past 4 GiB), which the
// JS API reports before copying such an input into the heap.
EMSCRIPTEN_KEEPALIVE int qnnv_input_size_error(double size) {
  return guarded([&] { throw qnnv::InputError(qnnv::input_size_error(static_cast<uint64_t>(size), qnnv::Limits{})); });
}

// Reports pulled in pieces (validateJsonChunks): a validation whose JSON is handed out ~1 MiB at a time,
// so that no report depends on V8's maximum string length (~512 MiB; a 1M-node report is ~600 MB).
struct ReportStream {
  qnnv::Report report;
  std::unique_ptr<qnnv::ReportJsonStream> json;
};
std::map<int, std::unique_ptr<ReportStream>> g_streams;
int g_next_stream_id = 1;

// Validates the text in the input buffer (consumed), as qnnv_validate; the result is the stream's id.
EMSCRIPTEN_KEEPALIVE int qnnv_validate_stream(const char* backend, const char* soc, const char* qnn_sdk, int strict,
                                              int data_id, int indent) {
  std::string text;
  text.swap(g_input);
  return guarded([&] {
    const qnnv::Options options = options_of(backend, soc, qnn_sdk, strict);
    auto stream = std::make_unique<ReportStream>();
    stream->report = qnnv::validate_owned(std::move(text), options, data_for(data_id));
    stream->json = std::make_unique<qnnv::ReportJsonStream>(stream->report, indent);
    const int id = g_next_stream_id++;
    g_streams.emplace(id, std::move(stream));
    g_result = std::to_string(id);
  });
}

// The next piece of stream `id`'s JSON; "" at the end, when the stream is released.
EMSCRIPTEN_KEEPALIVE int qnnv_stream_next(int id) {
  return guarded([&] {
    auto it = g_streams.find(id);
    if (it == g_streams.end()) throw qnnv::InputError("internal.stream", "no report stream has id " + std::to_string(id));
    g_result = std::string(it->second->json->next());
    if (g_result.empty()) g_streams.erase(it);
  });
}

// Releases a stream before its end (a consumer that stops early).
EMSCRIPTEN_KEEPALIVE int qnnv_stream_close(int id) {
  return guarded([&] {
    g_streams.erase(id);
    g_result = "true";
  });
}

EMSCRIPTEN_KEEPALIVE int qnnv_socs(int data_id, const char* backend) {
  return guarded([&] { g_result = qnnv::socs_json(data_for(data_id), cstr(backend)); });
}

EMSCRIPTEN_KEEPALIVE int qnnv_ops(int data_id, const char* backend) {
  return guarded([&] { g_result = qnnv::ops_json(data_for(data_id), cstr(backend)); });
}

EMSCRIPTEN_KEEPALIVE int qnnv_coverage(int data_id) {
  return guarded([&] { g_result = qnnv::coverage_json(data_for(data_id)); });
}

EMSCRIPTEN_KEEPALIVE int qnnv_explain(int data_id, const char* backend, const char* op, const char* soc) {
  return guarded([&] { g_result = qnnv::explain_json(data_for(data_id), cstr(backend), cstr(op), cstr(soc)); });
}

// The human-readable introspection texts (what the native CLI prints without --format json): one export
// each, like their JSON forms above.
EMSCRIPTEN_KEEPALIVE int qnnv_socs_text(int data_id, const char* backend) {
  return guarded([&] { g_result = qnnv::socs_text(data_for(data_id), cstr(backend)); });
}

EMSCRIPTEN_KEEPALIVE int qnnv_ops_text(int data_id, const char* backend) {
  return guarded([&] { g_result = qnnv::ops_text(data_for(data_id), cstr(backend)); });
}

EMSCRIPTEN_KEEPALIVE int qnnv_coverage_text(int data_id) {
  return guarded([&] { g_result = qnnv::coverage_text(data_for(data_id)); });
}

EMSCRIPTEN_KEEPALIVE int qnnv_explain_text(int data_id, const char* backend, const char* op, const char* soc) {
  return guarded([&] { g_result = qnnv::explain_text(data_for(data_id), cstr(backend), cstr(op), cstr(soc)); });
}

// The CLI's usage text (generated from the CLI's tables in core/src/cli.cpp).
EMSCRIPTEN_KEEPALIVE int qnnv_usage() {
  return guarded([&] { g_result = qnnv::cli_usage(); });
}

// Re-renders a report (its JSON text), one export per output format. limit.report-size applies as to a
// validation, the report's text being the input: a SARIF log repeats a node's name at each finding.
EMSCRIPTEN_KEEPALIVE int qnnv_render_json(const char* report_json, size_t len, int indent) {
  return guarded([&] {
    g_result = qnnv::report_to_json(report_to_render(report_json, len, qnnv::ReportFormat::json, {}), indent);
  });
}

EMSCRIPTEN_KEEPALIVE int qnnv_render_text(const char* report_json, size_t len, bool color) {
  return guarded([&] {
    g_result = qnnv::report_to_text(report_to_render(report_json, len, qnnv::ReportFormat::text, {}), color);
  });
}

EMSCRIPTEN_KEEPALIVE int qnnv_render_sarif(const char* report_json, size_t len, const char* artifact_uri) {
  return guarded([&] {
    const std::string_view uri = cstr(artifact_uri);
    g_result = qnnv::report_to_sarif(report_to_render(report_json, len, qnnv::ReportFormat::sarif, uri), uri);
  });
}

EMSCRIPTEN_KEEPALIVE int qnnv_render_junit(const char* report_json, size_t len, const char* suite_name) {
  return guarded([&] {
    const std::string_view suite = cstr(suite_name);
    g_result = qnnv::report_to_junit(report_to_render(report_json, len, qnnv::ReportFormat::junit, suite), suite);
  });
}

// Every SoC in one pass over the text in the input buffer (consumed). socs: comma-separated models, "" =
// every SoC of the backend. The result is a JSON array of reports, one per SoC, in order.
// detail "report": each SoC's whole report; "summary": its target, ok and summary only (what a SoC matrix
// needs: 37 reports of a 100k-node graph are over a gigabyte of JSON, their summaries a few kilobytes).
EMSCRIPTEN_KEEPALIVE int qnnv_validate_socs(const char* backend, const char* socs, const char* qnn_sdk, int strict,
                                            int data_id, int indent, const char* detail) {
  std::string text;
  text.swap(g_input);
  return guarded([&] {
    qnnv::Options options = options_of(backend, "", qnn_sdk, strict);
    std::vector<std::string> models;
    const std::string list(cstr(socs));
    for (size_t pos = 0; pos < list.size();) {
      size_t end = list.find(',', pos);
      if (end == std::string::npos) end = list.size();
      models.push_back(list.substr(pos, end - pos));
      pos = end + 1;
    }
    // Reports come grouped, not in order: each one's text goes to its place, then all are joined.
    const std::string_view what = cstr(detail);
    if (what != "report" && what != "summary")
      throw qnnv::InputError("input.type", "detail must be \"report\" or \"summary\"");
    if (what == "summary") options.report_format = std::nullopt;  // no report is written: no limit.report-size
    std::vector<std::string> texts(models.empty() ? 0 : models.size());
    qnnv::validate_socs(std::move(text), options, models, data_for(data_id), [&](size_t i, const qnnv::Report& r) {
      if (i >= texts.size()) texts.resize(i + 1);
      if (what == "report") {
        texts[i] = qnnv::report_to_json(r, indent);
        return;
      }
      const qnnv::Summary& m = r.summary;
      texts[i] = nlohmann::json{{"soc_model", r.soc_model}, {"arch", r.arch}, {"ok", r.ok},
                                {"summary", {{"nodes", m.nodes}, {"checked", m.checked}, {"passed", m.passed},
                                             {"failed", m.failed}, {"not_validated", m.not_validated},
                                             {"skipped", m.skipped}}}}
                     .dump();
    });
    std::string out = "[";
    for (const std::string& t : texts) out += (out.size() > 1 ? "," : "") + t;
    out += "]";
    g_result = std::move(out);
  });
}

// The command line (wasm/cli.mjs): argv as a JSON array of strings; files and streams go through the host
// object the caller put on the module (Module.qnnvHost, see wasm/cli.mjs). The result is the exit status.
EMSCRIPTEN_KEEPALIVE int qnnv_cli(const char* argv_json, size_t len) {
  return guarded([&] {
    const auto j = nlohmann::json::parse(view(argv_json, len));
    std::vector<std::string> args = j.get<std::vector<std::string>>();
    JsHost host;
    g_result = std::to_string(qnnv::run_cli(args, host));
  });
}

// The one-line located text of a qnnv.error object (the CLI's stderr line), via the core's
// error_to_text so that both CLIs word it alike.
EMSCRIPTEN_KEEPALIVE int qnnv_error_text(const char* error_json, size_t len, const char* file) {
  return guarded([&] { g_result = qnnv::error_to_text(error_from_json(view(error_json, len)), cstr(file)); });
}

}  // extern "C"
