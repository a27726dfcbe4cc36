// The Report model's JSON form (report format v1): a hand-written serializer and a checked reader.
//
// The writer does not build a JSON DOM: it appends to one pre-sized std::string with its own escaper, so
// a 100k-node report serializes in a few tens of milliseconds. Its layout is the one nlohmann::json's
// dump(indent) produces (so the two are interchangeable in tests), but its bytes never depend on the
// locale, the platform or the library version: the native CLI and the wasm module write identical text.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <string_view>

#include <nlohmann/json.hpp>

#include "qnnv/error.h"
#include "qnnv/report.h"
#include "render_size.h"
#include "string_hash.h"
#include "text.h"

namespace qnnv {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::not_validated: return "not_validated";
    case Status::skipped: return "skipped";
  }
  return "skipped";
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

std::string_view report_dtype_name(DataType d) {
  return d == DataType::UNDEFINED ? std::string_view("UNKNOWN") : to_string(d);
}

namespace {
// Writes "in[i]" / "out[i]" at `out` (room for 16 bytes) and returns its end: port_label and the JSON
// writer, which puts ~160k of them into a large report without building a string each, share it.
char* write_port_label(char* out, bool output, uint32_t index) {
  const std::string_view prefix = output ? "out[" : "in[";
  std::memcpy(out, prefix.data(), prefix.size());
  char* end = std::to_chars(out + prefix.size(), out + 15, index).ptr;  // uint32_t: at most 10 digits
  *end++ = ']';
  return end;
}
}  // namespace

std::string port_label(bool output, uint32_t index) {
  char buf[16];
  return std::string(buf, write_port_label(buf, output, index));
}

bool parse_port_label(std::string_view label, bool& output, uint32_t& index) {
  const bool out = label.substr(0, 4) == "out[";
  if (!out && label.substr(0, 3) != "in[") return false;
  const std::string_view digits = label.substr(out ? 4 : 3);
  uint32_t i = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
  if (ec != std::errc() || (digits[0] == '0' && end != digits.data() + 1)) return false;  // no leading zeros
  if (std::string_view(end, static_cast<size_t>(digits.data() + digits.size() - end)) != "]") return false;
  output = out;
  index = i;
  return true;
}

namespace {

// An append-only byte buffer over a std::string used as raw storage: the string is kept resized to its
// capacity and `len_` marks the end of what was written, so each append is a bounds check and a memcpy.
// (std::string's own push_back / operator+= are not inlined in the wasm build, where per-byte appends
// cost more than the rest of rendering put together.)
class Buf {
 public:
  explicit Buf(std::string& s) : s_(s), len_(s.size()) { s_.resize(s_.capacity()); }
  ~Buf() { s_.resize(len_); }
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;

  char* room(size_t n) {  // at least n writable bytes at the end; commit with advance()
    if (s_.size() - len_ < n) s_.resize(std::max(s_.size() * 2, len_ + n + 4096));
    return &s_[len_];
  }
  void advance(size_t n) { len_ += n; }
  void put(char c) {
    *room(1) = c;
    ++len_;
  }
  void put(std::string_view v) {
    if (v.empty()) return;
    std::memcpy(room(v.size()), v.data(), v.size());
    len_ += v.size();
  }
  void fill(size_t n, char c) {
    std::memset(room(n), c, n);
    len_ += n;
  }
  size_t size() const { return len_; }
  std::string_view view() const { return {s_.data(), len_}; }
  void clear() { len_ = 0; }

 private:
  std::string& s_;
  size_t len_;
};

// A JSON string literal: quotes, backslash and control characters escaped the way nlohmann does
// (\b \f \n \r \t, otherwise \u00xx in lower-case hex); valid UTF-8 is copied as is; every invalid
// byte becomes U+FFFD so the output is always valid JSON and valid UTF-8.
void put_json_string(Buf& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = detail::find_json_special(s, 0);
  if (i == s.size()) {  // the common case, nothing to escape: one bounds check and one copy
    char* d = out.room(s.size() + 2);
    d[0] = '"';
    if (!s.empty()) std::memcpy(d + 1, s.data(), s.size());
    d[s.size() + 1] = '"';
    out.advance(s.size() + 2);
    return;
  }
  out.put('"');
  size_t run = 0;  // start of the pending run of bytes copied verbatim
  for (; i < s.size(); i = detail::find_json_special(s, i)) {  // i is at a special byte
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      char32_t cp;
      const size_t n = detail::utf8_decode(s, i, cp);
      if (cp <= 0x10FFFF) {  // well-formed: copied with its run
        i += n;
        continue;
      }
      out.put(s.substr(run, i - run));
      out.put("\xEF\xBF\xBD");
      run = ++i;
      continue;
    }
    out.put(s.substr(run, i - run));
    switch (c) {
      case '"': out.put("\\\""); break;
      case '\\': out.put("\\\\"); break;
      case '\b': out.put("\\b"); break;
      case '\f': out.put("\\f"); break;
      case '\n': out.put("\\n"); break;
      case '\r': out.put("\\r"); break;
      case '\t': out.put("\\t"); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.put(std::string_view(esc, 6));
      }
    }
    run = ++i;
  }
  out.put(s.substr(run, s.size() - run));
  out.put('"');
}

// Writes JSON with nlohmann's layout: indent < 0 is one line without spaces; otherwise every member
// and element on its own line, `"key": value`, and empty containers as {} / [].
class JsonWriter {
 public:
  JsonWriter(Buf& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view k) {  // k is one of our ASCII field names: no escaping needed
    separator();
    char* d = out_.room(k.size() + 4);
    d[0] = '"';
    std::memcpy(d + 1, k.data(), k.size());
    d[k.size() + 1] = '"';
    d[k.size() + 2] = ':';
    d[k.size() + 3] = ' ';
    out_.advance(k.size() + (indent_ >= 0 ? 4 : 3));
    pending_value_ = true;
  }
  void string(std::string_view v) {
    separator();
    put_json_string(out_, v);
  }
  void number(uint64_t v) {
    separator();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.put(std::string_view(buf, size_t(r.ptr - buf)));
  }
  void boolean(bool v) {
    separator();
    out_.put(v ? std::string_view("true") : std::string_view("false"));
  }
  void null() {
    separator();
    out_.put("null");
  }

  // Convenience: a member with a string value, and one that is left out when the value is empty.
  void member(std::string_view k, std::string_view v) {
    key(k);
    string(v);
  }
  void member_nonempty(std::string_view k, std::string_view v) {
    if (!v.empty()) member(k, v);
  }
  void member(std::string_view k, uint64_t v) {
    key(k);
    number(v);
  }
  // A port's label ("in[2]", "out[0]") as a string value, written in place (no escaping needed).
  void port_value(const PortReport& p) {
    separator();
    char buf[18];
    buf[0] = '"';
    char* end = write_port_label(buf + 1, p.output, p.index);
    *end++ = '"';
    out_.put(std::string_view(buf, static_cast<size_t>(end - buf)));
  }

 private:
  void separator() {
    if (pending_value_) {  // value right after its key
      pending_value_ = false;
      return;
    }
    if (depth_ == 0) return;
    if (!first_) out_.put(',');
    first_ = false;
    newline(depth_);
  }
  void newline(int depth) {
    if (indent_ < 0) return;
    out_.put('\n');
    out_.fill(static_cast<size_t>(depth) * static_cast<size_t>(indent_), ' ');
  }
  void open(char c) {
    separator();
    out_.put(c);
    ++depth_;
    first_ = true;
  }
  void close(char c) {
    --depth_;
    if (!first_) newline(depth_);  // non-empty container
    out_.put(c);
    first_ = false;
  }

  Buf& out_;
  int indent_;
  int depth_ = 0;
  bool first_ = true;
  bool pending_value_ = false;
};

// A slightly generous guess of the output size, so that the string is allocated once: growing it would
// briefly hold the old and the doubled buffer (for the 100k-node benchmark graph's indented report,
// 55 MB of text, that was a 107 MB buffer plus the 53 MB one it replaced). Per object: the bytes of its
// keys and punctuation, its values, and (indented) one newline plus indent x depth spaces per line.
// A sum over the results (JsonSizeEstimate), so that a report changed in a few results is re-counted
// in those alone (validate_socs).
uint64_t estimate_size(const Report& r, int indent) {
  detail::JsonSizeEstimate e(indent);
  uint64_t n = e.head(r) + e.target(r);
  for (const auto& res : r.results) n += e.fixed_part(r, res) + e.variable_part(res);
  return e.total(n);
}

// Writes the report's JSON into `out`; with a sink, hands `out` over (and empties it) whenever it holds
// more than kSinkChunk bytes after a result, and once at the end.
constexpr size_t kSinkChunk = size_t{1} << 20;

// The report's JSON in three parts, so that it can be written all at once, pushed to a sink, or pulled
// in pieces (ReportJsonStream): everything up to the results array, one result, and the closing.
void write_head(JsonWriter& w, const Report& r) {
  w.begin_object();
  w.member("format", "qnnv.report");
  w.member("version", uint64_t{1});
  w.key("tool");
  w.begin_object();
  w.member("name", "qnnv");
  w.member("version", r.tool_version);
  w.member("data", r.data_version);
  w.end_object();
  w.key("target");
  w.begin_object();
  w.member("backend", r.backend);
  w.member("soc_model", r.soc_model);
  w.member("arch", r.arch);
  w.key("strict");
  w.boolean(r.strict);
  w.member("backend_from", r.backend_from);
  w.member("soc_from", r.soc_from);
  if (!r.qnn_sdk.empty()) {
    w.member("qnn_sdk", r.qnn_sdk);
    w.member("qnn_sdk_from", r.qnn_sdk_from);
  }
  w.end_object();
  w.key("ok");
  w.boolean(r.ok);
  w.key("summary");
  w.begin_object();
  w.member("nodes", uint64_t{r.summary.nodes});
  w.member("checked", uint64_t{r.summary.checked});
  w.member("passed", uint64_t{r.summary.passed});
  w.member("failed", uint64_t{r.summary.failed});
  w.member("not_validated", uint64_t{r.summary.not_validated});
  w.member("skipped", uint64_t{r.summary.skipped});
  w.end_object();
  w.key("results");
  w.begin_array();
}

void write_result(JsonWriter& w, const Report& r, const NodeResult& res) {
  w.begin_object();
  w.member("node", res.node);
  w.member("target", res.target);
  w.key("qnn_op");
  if (res.qnn_op.empty()) {
    w.null();
  } else {
    w.string(res.qnn_op);
  }
  w.member("status", to_string(res.status));
  w.member_nonempty("variant", res.variant);
  if (res.line > 0) {  // where the node is: only when known (docs/report-format.md)
    w.key("location");
    w.begin_object();
    w.member("line", uint64_t{res.line});
    w.member("column", uint64_t{res.column});
    w.end_object();
  }
  w.member_nonempty("module", res.module);
  if (res.source_line > 0) {
    w.key("source");
    w.begin_object();
    w.member("file", res.source_file);
    w.member("line", uint64_t{res.source_line});
    w.end_object();
  }
  w.key("findings");
  w.begin_array();
  for (const auto& f : res.findings) {
    w.begin_object();
    w.member("rule", f.rule);
    w.member("severity", to_string(f.severity));
    w.member_nonempty("port", f.port);
    w.member("message", f.message);
    w.member("expected", f.expected);
    w.member("actual", f.actual);
    w.member("hint", f.hint);
    w.member("source", f.source);
    w.member_nonempty("basis", f.basis);
    w.member_nonempty("related_node", f.related_node);
    w.end_object();
  }
  w.end_array();
  w.key("ports");
  w.begin_array();
  for (const auto& p : res.ports) {
    w.begin_object();
    w.key("port");
    w.port_value(p);
    w.member("node", r.name(p.node));
    w.member("dtype", report_dtype_name(p.dtype));
    w.member("encoding", to_string(p.encoding));
    w.member_nonempty("qspec", r.qspec_text(p));
    if (p.shared_with >= 0) w.member("shared_with", r.name(p.shared_with));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_tail(JsonWriter& w) {
  w.end_array();
  w.end_object();
}

void write_json(const Report& r, int indent, Buf& out, const JsonSink* sink) {
  JsonWriter w(out, indent < 0 ? -1 : indent);
  write_head(w, r);
  for (const auto& res : r.results) {
    write_result(w, r, res);
    if (sink && out.size() >= kSinkChunk) {
      (*sink)(out.view());
      out.clear();
    }
  }
  write_tail(w);
  if (sink) {
    (*sink)(out.view());
    out.clear();
  }
}

}  // namespace

uint64_t report_json_size(const Report& r, int indent) { return estimate_size(r, indent); }

std::optional<ReportFormat> report_format_named(std::string_view name) {
  if (name == "json") return ReportFormat::json;
  if (name == "text") return ReportFormat::text;
  if (name == "sarif") return ReportFormat::sarif;
  if (name == "junit") return ReportFormat::junit;
  return std::nullopt;
}

uint64_t report_size(const Report& r, ReportFormat format, std::string_view name) {
  switch (format) {
    case ReportFormat::json: return estimate_size(r, detail::kReportSizeIndent);
    case ReportFormat::text: return detail::text_size(r, true);  // colours only add bytes
    case ReportFormat::sarif: return detail::sarif_size(r, name);
    case ReportFormat::junit: return detail::junit_size(r, name);
  }
  return estimate_size(r, detail::kReportSizeIndent);
}

std::string report_to_json(const Report& r, int indent) {
  std::string out;
  out.reserve(static_cast<size_t>(std::min<uint64_t>(estimate_size(r, indent), SIZE_MAX / 2)));
  {
    Buf buf(out);
    write_json(r, indent, buf, nullptr);
  }  // ~Buf trims the string to what was written
  return out;  // no trailing newline, like nlohmann's dump(); callers that print add one
}

struct ReportJsonStream::State {
  State(const Report& report, int indent) : r(report), buf(text), w(buf, indent < 0 ? -1 : indent) {}
  const Report& r;
  std::string text;
  Buf buf;
  JsonWriter w;
  size_t next = 0;
  bool started = false, done = false;
};

ReportJsonStream::ReportJsonStream(const Report& report, int indent) : s_(std::make_unique<State>(report, indent)) {}
ReportJsonStream::~ReportJsonStream() = default;

std::string_view ReportJsonStream::next() {
  State& s = *s_;
  if (s.done) return {};
  s.buf.clear();
  if (!s.started) {
    write_head(s.w, s.r);
    s.started = true;
  }
  while (s.next < s.r.results.size() && s.buf.size() < kSinkChunk) write_result(s.w, s.r, s.r.results[s.next++]);
  if (s.next == s.r.results.size()) {
    write_tail(s.w);
    s.done = true;
  }
  return s.buf.view();
}

void report_to_json(const Report& r, int indent, const JsonSink& sink) {
  std::string out;
  out.reserve(kSinkChunk + 64 * 1024);
  Buf buf(out);
  write_json(r, indent, buf, &sink);
}

// ---------------------------------------------------------------------------------------------------
// Reading a report back. Every structural problem is an InputError "report.invalid" whose pointer names
// the offending value. What report_to_json always writes is required; what it leaves out when empty
// (and the fields added after v1's first draft: backend_from, soc_from, ports) is optional; unknown
// members are ignored, since the format allows fields to be added.

namespace {

using Json = nlohmann::json;

[[noreturn]] void invalid(const std::string& pointer, const std::string& what) {
  throw InputError("report.invalid", "not a qnnv report: " + what, pointer);
}

std::string_view type_name(const Json& v) { return detail::json_type_name(v); }

class Reader {
 public:
  // The member `key` of object `obj` (found at `ptr`); nullptr when absent and not required.
  static const Json* find(const Json& obj, const std::string& ptr, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) invalid(ptr, "missing member \"" + std::string(key) + "\"");
      return nullptr;
    }
    return &*it;
  }

  static const Json& object(const Json& v, const std::string& ptr) {
    if (!v.is_object()) invalid(ptr, "expected an object, got " + std::string(type_name(v)));
    return v;
  }
  static const Json& array(const Json& v, const std::string& ptr) {
    if (!v.is_array()) invalid(ptr, "expected an array, got " + std::string(type_name(v)));
    return v;
  }

  static std::string string(const Json& obj, const std::string& ptr, const char* key, bool required = true) {
    const Json* v = find(obj, ptr, key, required);
    if (!v) return {};
    if (!v->is_string()) invalid(ptr + "/" + key, "expected a string, got " + std::string(type_name(*v)));
    return v->get<std::string>();
  }

  // A port's "port": in[i] / out[i] (parse_port_label).
  static void port(const Json& port, const std::string& ptr, PortReport& p) {
    const std::string label = string(port, ptr, "port");
    if (!parse_port_label(label, p.output, p.index)) {
      invalid(ptr + "/port", "expected a port label in[i] or out[i], got \"" + label + "\"");
    }
  }
  // A port's "dtype": a QNN datatype name or "UNKNOWN" (report_dtype_name's inverse).
  static DataType dtype(const Json& port, const std::string& ptr) {
    const std::string name = string(port, ptr, "dtype");
    if (name == "UNKNOWN") return DataType::UNDEFINED;
    if (auto d = parse_datatype(name)) return *d;
    invalid(ptr + "/dtype", "expected a QNN datatype name (UFIXED_POINT_8, ..., or UNKNOWN)");
  }
  static Encoding encoding(const Json& port, const std::string& ptr) {
    const std::string name = string(port, ptr, "encoding");
    if (auto e = parse_encoding(name)) return *e;
    invalid(ptr + "/encoding", "expected a QNN encoding name (SCALE_OFFSET, ..., or NONE)");
  }

  static bool boolean(const Json& obj, const std::string& ptr, const char* key) {
    const Json& v = *find(obj, ptr, key, true);
    if (!v.is_boolean()) invalid(ptr + "/" + key, "expected true or false, got " + std::string(type_name(v)));
    return v.get<bool>();
  }

  static size_t count(const Json& obj, const std::string& ptr, const char* key) {
    const Json& v = *find(obj, ptr, key, true);
    if (!v.is_number_unsigned()) {
      invalid(ptr + "/" + key, "expected a non-negative integer, got " +
                                   (v.is_number() ? v.dump() : std::string(type_name(v))));
    }
    const auto n = v.get<uint64_t>();
    if (n > SIZE_MAX) invalid(ptr + "/" + key, "count too large");
    return static_cast<size_t>(n);
  }

  // A line or column number: a positive integer.
  static uint32_t line_number(const Json& obj, const std::string& ptr, const char* key) {
    const size_t n = count(obj, ptr, key);
    if (n == 0 || n > UINT32_MAX) invalid(ptr + "/" + key, "expected a line or column number (1 or more)");
    return static_cast<uint32_t>(n);
  }
};

Status parse_status(const std::string& s, const std::string& ptr) {
  if (s == "pass") return Status::pass;
  if (s == "fail") return Status::fail;
  if (s == "not_validated") return Status::not_validated;
  if (s == "skipped") return Status::skipped;
  invalid(ptr, "unknown status \"" + s + "\" (pass, fail, not_validated or skipped)");
}

Severity parse_severity(const std::string& s, const std::string& ptr) {
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "info") return Severity::info;
  invalid(ptr, "unknown severity \"" + s + "\" (error, warning or info)");
}

}  // namespace

Report report_from_json(std::string_view text) {
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    const detail::TextPos tp = detail::text_pos(text, e.byte > 0 ? e.byte - 1 : 0);  // nlohmann counts the offending byte
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);  // drop "[json.exception...]"
    throw InputError("report.invalid", "not a qnnv report: the text is not valid JSON (" + what + ")", "", tp.line,
                     tp.column);
  } catch (const Json::out_of_range& e) {
    // A number past a double's range ("5e555"): nlohmann's error 406, not a parse_error (found by fuzz_render).
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what.erase(0, p + 2);
    throw InputError("report.invalid", "not a qnnv report: " + detail::echo_text(what));
  }

  using R = Reader;
  Report r;
  std::unordered_map<std::string, int32_t, detail::StringHash> qspec_ids;
  std::unordered_map<std::string, int32_t, detail::StringHash> name_ids;
  auto name_id = [&](const std::string& name) {
    auto [it, fresh] = name_ids.try_emplace(name, 0);
    if (fresh) it->second = r.names.add(name);
    return it->second;
  };
  R::object(root, "");
  if (R::string(root, "", "format") != "qnnv.report") {
    invalid("/format", "format is not \"qnnv.report\"");
  }
  {
    const Json& v = *R::find(root, "", "version", true);
    if (!v.is_number_unsigned() || v.get<uint64_t>() != 1) {
      invalid("/version", "unsupported report version " + v.dump() + " (this reader knows version 1)");
    }
  }

  const Json& tool = R::object(*R::find(root, "", "tool", true), "/tool");
  R::string(tool, "/tool", "name");
  r.tool_version = R::string(tool, "/tool", "version");
  r.data_version = R::string(tool, "/tool", "data");

  const Json& target = R::object(*R::find(root, "", "target", true), "/target");
  r.backend = R::string(target, "/target", "backend");
  r.soc_model = R::string(target, "/target", "soc_model");
  r.arch = R::string(target, "/target", "arch");
  r.strict = R::boolean(target, "/target", "strict");
  r.backend_from = R::string(target, "/target", "backend_from", false);
  r.soc_from = R::string(target, "/target", "soc_from", false);
  r.qnn_sdk = R::string(target, "/target", "qnn_sdk", false);
  r.qnn_sdk_from = R::string(target, "/target", "qnn_sdk_from", false);

  r.ok = R::boolean(root, "", "ok");

  const Json& summary = R::object(*R::find(root, "", "summary", true), "/summary");
  r.summary.nodes = R::count(summary, "/summary", "nodes");
  r.summary.checked = R::count(summary, "/summary", "checked");
  r.summary.passed = R::count(summary, "/summary", "passed");
  r.summary.failed = R::count(summary, "/summary", "failed");
  r.summary.not_validated = R::count(summary, "/summary", "not_validated");
  r.summary.skipped = R::count(summary, "/summary", "skipped");

  const Json& results = R::array(*R::find(root, "", "results", true), "/results");
  r.results.reserve(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const std::string rp = "/results/" + std::to_string(i);
    const Json& jr = R::object(results[i], rp);
    NodeResult& res = r.results.emplace_back();
    res.node = R::string(jr, rp, "node");
    res.target = R::string(jr, rp, "target");
    {
      const Json& q = *R::find(jr, rp, "qnn_op", true);
      if (q.is_string()) {
        res.qnn_op = q.get<std::string>();
      } else if (!q.is_null()) {
        invalid(rp + "/qnn_op", "expected a string or null, got " + std::string(type_name(q)));
      }
    }
    res.status = parse_status(R::string(jr, rp, "status"), rp + "/status");
    res.variant = R::string(jr, rp, "variant", false);
    if (const Json* loc = R::find(jr, rp, "location", false)) {
      const std::string lp = rp + "/location";
      R::object(*loc, lp);
      res.line = R::line_number(*loc, lp, "line");
      res.column = R::line_number(*loc, lp, "column");
    }
    res.module = R::string(jr, rp, "module", false);
    if (const Json* src = R::find(jr, rp, "source", false)) {
      const std::string sp = rp + "/source";
      R::object(*src, sp);
      res.source_file = R::string(*src, sp, "file");
      res.source_line = R::line_number(*src, sp, "line");
    }

    const Json& findings = R::array(*R::find(jr, rp, "findings", true), rp + "/findings");
    res.findings.reserve(findings.size());
    for (size_t k = 0; k < findings.size(); ++k) {
      const std::string fp = rp + "/findings/" + std::to_string(k);
      const Json& jf = R::object(findings[k], fp);
      Finding& f = res.findings.emplace_back();
      f.rule = R::string(jf, fp, "rule");
      f.severity = parse_severity(R::string(jf, fp, "severity"), fp + "/severity");
      f.port = R::string(jf, fp, "port", false);
      f.message = R::string(jf, fp, "message");
      f.expected = R::string(jf, fp, "expected");
      f.actual = R::string(jf, fp, "actual");
      f.hint = R::string(jf, fp, "hint");
      f.source = R::string(jf, fp, "source");
      f.basis = R::string(jf, fp, "basis", false);
      f.related_node = R::string(jf, fp, "related_node", false);
    }

    if (const Json* jports = R::find(jr, rp, "ports", false)) {
      R::array(*jports, rp + "/ports");
      res.ports.reserve(jports->size());
      for (size_t k = 0; k < jports->size(); ++k) {
        const std::string pp = rp + "/ports/" + std::to_string(k);
        const Json& jp = R::object((*jports)[k], pp);
        PortReport& p = res.ports.emplace_back();
        R::port(jp, pp, p);
        p.node = name_id(R::string(jp, pp, "node"));
        p.dtype = R::dtype(jp, pp);
        p.encoding = R::encoding(jp, pp);
        const std::string qspec = R::string(jp, pp, "qspec", false);
        if (!qspec.empty()) {
          auto [it, fresh] = qspec_ids.try_emplace(qspec, static_cast<int32_t>(r.qspecs.size()));
          if (fresh) r.qspecs.push_back(qspec);
          p.qspec = it->second;
        }
        if (R::find(jp, pp, "shared_with", false)) p.shared_with = name_id(R::string(jp, pp, "shared_with"));
      }
    }
  }
  return r;
}

}  // namespace qnnv
