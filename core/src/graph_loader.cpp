// The graph loader's entry point: qnnv.graph v1 JSON text -> detail::Graph (the contract is
// graph-format-v1; our own description is docs/graph-format.md, the error codes are in docs/errors.md).
//
// The pipeline, one file each:
//   json_reader.h        JSON text -> events (fast; declines any document with an error)
//   json_unit_reader.*   events -> one small value tree per unit (a node, a qspec, format...), limits,
//                        duplicate keys, pointers, syntax errors; what to keep is graph_keys.h's table
//   node_decoder.*       a node's tree -> Node (its references, outputs and annotation)
//   node_stream_decoder.* a node straight from the fast reader -> Node, for the common shapes without
//                        errors; anything else it leaves to the tree (the unit reader offers it each node)
//   node_values.h        what a node's values mean, for both node decoders
//   qspec_decoder.*      a qspec's tree -> QSpec
//   qspec_stream_decoder.* a "qspecs" entry straight from the fast reader -> QSpec, for the shared and
//                        derived specs exporters write; anything else it leaves to the tree
//   unit_bounds.h        the unit reader's limits, as both stream decoders count them (they decline
//                        where the unit reader would report a limit)
//   graph_references.*   node names, references read before what they name, resolved at the end
//   graph_loader.cpp     (this file) input checks, the top-level values, the end of the document
//
// Why SAX and units: there is no DOM. A DOM of a large graph costs several times the file size and takes
// longer to build than the whole validation may take. The fast reader is several times cheaper than
// nlohmann's; when it declines a document (any syntax or encoding error, a number that overflows), a
// fresh loader reads it again with nlohmann's SAX parser, so every error (message, position) is
// nlohmann's and the unit reader's parse_error() as before. Names are resolved as soon as they can be;
// references that may legally point forward (qspec table entries, input_qspec_map args, shared/derived
// refs) when the document ends. Nothing recurses on JSON depth.
#include <cstring>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "graph.h"
#include "graph_decoding.h"
#include "json_reader.h"
#include "json_unit_reader.h"
#include "node_decoder.h"
#include "node_stream_decoder.h"
#include "qspec_decoder.h"
#include "qspec_stream_decoder.h"
#include "text.h"

namespace qnnv::detail {
namespace {

// The input as the readers see it: the text without a UTF-8 byte order mark, after the checks that
// come before any JSON (size, UTF-16/32, empty).
std::string_view checked_body(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_input_bytes) {
    throw InputError(input_size_error(text.size(), limits));
  }
  const auto byte = [text](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100u; };
  // UTF-16 and UTF-32 (with a byte order mark, or recognisable by the NUL bytes of ASCII text) are
  // common from Windows tools; nlohmann would only say "invalid literal".
  const bool bom16 = (byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF);
  const bool bom32 = byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF;
  bool nul_start = false;
  for (size_t i = 0; i < 4 && i < text.size(); ++i) nul_start |= text[i] == '\0';
  if (bom16 || bom32 || nul_start) {
    throw InputError("json.encoding",
                     "the file looks like UTF-16 or UTF-32 text: it must be UTF-8 (re-save it as UTF-8)", {}, 1, 1);
  }
  std::string_view body = text;
  if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) body.remove_prefix(3);  // UTF-8 BOM: accepted
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw InputError("json.empty", "the input is empty: expected a qnnv.graph JSON object");
  }
  return body;
}

// Receives the units of one document and builds its Graph.
class GraphLoader final : public UnitSink {
 public:
  GraphLoader(std::string_view body, const Limits& limits, UnitReading reading, LoadTrace* trace)
      : body_(body), reading_(reading), trace_(trace), c_(body, limits), qspecs_(c_), nodes_(c_, qspecs_),
        streamed_nodes_(c_), streamed_qspecs_(c_) {}

  // Reads the document with the fast reader; nullopt when it declined (a syntax error somewhere): then
  // read_checked() on a fresh GraphLoader reads it again with nlohmann's parser, which reports the error.
  std::optional<Graph> read_fast() {
    // No NUL scan here: the reader rejects a NUL byte wherever it stands (a control byte in a string,
    // an unexpected byte elsewhere) and the document is then re-read by read_checked(), which locates it.
    UnitReader units(body_, c_.limits, *this);
    json_reader::Reader reader(body_);
    units.track_offsets(reader);
    if (!reader.parse(units)) return std::nullopt;
    ascii_ = !reader.saw_non_ascii();
    return finish();
  }

  Graph read_checked() {
    // nlohmann's lexer takes a NUL byte for the end of the input (for C strings), so anything after one
    // would go unread and a truncated document could pass. JSON never allows a raw NUL: refuse it here.
    if (const void* nul = std::memchr(body_.data(), 0, body_.size())) {
      const TextPos tp = text_pos(body_, static_cast<size_t>(static_cast<const char*>(nul) - body_.data()));
      throw InputError("json.syntax", "invalid JSON: a NUL byte (0x00) is not allowed in JSON text", {}, tp.line,
                       tp.column);
    }
    UnitReader units(body_, c_.limits, *this);
    nlohmann::json::sax_parse(body_.data(), body_.data() + body_.size(), &units,
                              nlohmann::json::input_format_t::json, /*strict=*/true);
    return finish();
  }

  // UnitSink
  void unit(Key which, size_t index, const JItem& root, const JItem* items, size_t offset) override {
    c_.items = items;
    try {
      switch (which) {
        case Key::format: decode_format(root); break;
        case Key::version: decode_version(root); break;
        case Key::producer: decode_producer(root); break;
        case Key::hints: decode_hints(root); break;
        case Key::qspecs: qspecs_.decode_table_entry(root, index); break;
        case Key::nodes: nodes_.decode(root, index, offset); break;
        default: break;
      }
    } catch (const StopUnit&) {
      // recorded in first_error / the pending forward reference
    }
  }
  bool unit_text(Key which, size_t index, json_reader::Reader& reader, size_t offset, size_t depth) override {
    if (reading_ == UnitReading::tree_only) return false;
    switch (which) {
      case Key::nodes:
        if (!streamed_nodes_.decode(reader, index, offset, depth)) return false;
        if (trace_ != nullptr) ++trace_->nodes_streamed;
        return true;
      case Key::qspecs:
        if (!streamed_qspecs_.decode(reader, index, depth)) return false;
        if (trace_ != nullptr) ++trace_->qspecs_streamed;
        return true;
      default: return false;  // no stream decoder for this list: the tree reads it
    }
  }
  void list_begin(Key which) override {
    if (which == Key::nodes) c_.nodes_seen = true;
  }
  void list_end(Key which) override {
    if (which == Key::qspecs) {
      c_.table_done = true;
      c_.table_size = c_.graph.qspecs.size();
    }
  }
  void shape_error(ErrorInfo e) override { c_.soft_raise(std::move(e)); }
  [[noreturn]] void not_an_object(const std::string& what) override {
    throw InputError("format.wrong", "the document is " + what +
                                         ": expected a JSON object with \"format\": \"qnnv.graph\" (an annotated "
                                         "graph)");
  }

 private:
  void decode_format(const JItem& v);
  void decode_version(const JItem& v);
  void decode_producer(const JItem& v);
  void decode_hints(const JItem& v);
  Graph finish();

  std::string_view body_;
  UnitReading reading_;
  LoadTrace* trace_;
  bool ascii_ = false;  // the whole document is ASCII (known when the fast reader read it)
  DecodeContext c_;
  QSpecDecoder qspecs_;
  NodeDecoder nodes_;
  NodeStreamDecoder streamed_nodes_;
  QSpecStreamDecoder streamed_qspecs_;
};

void GraphLoader::decode_format(const JItem& v) {
  c_.path.clear();
  c_.path.key("format");
  c_.format_seen = true;
  if (v.type != JType::string || !same(v.str, "qnnv.graph")) {
    std::string msg = "\"format\" is " + describe(v) + ": expected \"qnnv.graph\"";
    if (v.type == JType::string && same(v.str, "qnnv.report")) msg += " (this file is a validation report, not a graph)";
    throw InputError("format.wrong", std::move(msg), c_.path.str());
  }
  c_.format_ok = true;
  if (c_.version_ok && c_.first_error) throw InputError(*c_.first_error);
}

void GraphLoader::decode_version(const JItem& v) {
  c_.path.clear();
  c_.path.key("version");
  c_.version_seen = true;
  const bool one = (v.type == JType::integer && v.num.i == 1) || (v.type == JType::unsigned_int && v.num.u == 1) ||
                   (v.type == JType::floating && v.num.d == 1.0);
  if (!one) {
    throw InputError("format.version", "\"version\" is " + describe(v) + ": this qnnv reads qnnv.graph version 1 only",
                     c_.path.str());
  }
  c_.version_ok = true;
  if (c_.format_ok && c_.first_error) throw InputError(*c_.first_error);
}

void GraphLoader::decode_producer(const JItem& v) {
  c_.path.clear();
  c_.path.key("producer");
  c_.set_label("producer");
  if (v.type == JType::null) return;
  if (v.type != JType::object) c_.type_error(v, "\"producer\"", "an object");
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (m[i].id == Key::name) {
      Seg s(c_.path, "name");
      if (auto name = c_.get_string(m[i], "\"name\"")) c_.graph.producer_name = std::string(*name);
    }
  }
}

void GraphLoader::decode_hints(const JItem& v) {
  c_.path.clear();
  c_.path.key("hints");
  c_.set_label("hints");
  if (v.type == JType::null) return;
  if (v.type != JType::object) c_.type_error(v, "\"hints\"", "an object");
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    std::string* out = m[i].id == Key::backend       ? &c_.graph.hint_backend
                       : m[i].id == Key::soc_model   ? &c_.graph.hint_soc
                       : m[i].id == Key::quant_dtype ? &c_.graph.hint_quant_dtype
                                                     : nullptr;
    if (out == nullptr) continue;
    Seg s(c_.path, m[i].key);
    if (auto str = c_.get_string(m[i], "\"" + std::string(m[i].key) + "\"")) *out = std::string(*str);
  }
}

Graph GraphLoader::finish() {
  if (!c_.format_seen) {
    throw InputError("format.wrong",
                     "no \"format\" at the top level: expected \"format\": \"qnnv.graph\" (is this an annotated "
                     "graph exported for qnnv?)",
                     "/format");
  }
  if (!c_.version_seen) {
    throw InputError("format.version", "no \"version\" at the top level: expected \"version\": 1", "/version");
  }
  if (c_.first_error) throw InputError(*c_.first_error);
  c_.refs.check_forward();
  if (!c_.nodes_seen) throw InputError("graph.missing", "no \"nodes\" list at the top level", "/nodes");
  Graph& g = c_.graph;
  c_.refs.resolve(g, c_.side_qspecs, c_.table_size, c_.node_first);

  // Inline specs that were read before the table's end go after it.
  if (!c_.side_qspecs.empty()) {
    const auto base = static_cast<uint32_t>(g.qspecs.size());
    auto fix = [base](uint32_t& ref) {
      if (ref != kNone && (ref & kInlineTag) != 0) ref = base + (ref & ~kInlineTag);
    };
    for (InputSpecEntry& e : g.node_input_specs) fix(e.qspec);
    for (Node& n : g.nodes) fix(n.output_qspec);
    g.qspecs.reserve(g.qspecs.size() + c_.side_qspecs.size());
    for (QSpec& q : c_.side_qspecs) g.qspecs.push_back(std::move(q));
  }
  // Node positions, in one pass over the text (the offsets increase with the node index).
  g.node_positions.resize(g.nodes.size());
  TextPosCounter counter(body_, ascii_);
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (c_.node_offsets[i] == UINT32_MAX) continue;
    const TextPos p = counter.at(c_.node_offsets[i]);
    g.node_positions[i] = {static_cast<uint32_t>(p.line), static_cast<uint32_t>(p.column)};
  }
  // The flat arrays are complete: point the nodes' spans into them.
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    Node& n = g.nodes[i];
    n.inputs.ptr = g.node_inputs.data() + c_.node_first[i][0];
    n.outputs.ptr = g.node_outputs.data() + c_.node_first[i][1];
    n.input_qspec_map.ptr = g.node_input_specs.data() + c_.node_first[i][2];
  }
  return std::move(g);
}

}  // namespace

Graph load_graph(std::string_view json, const Limits& limits) {
  return load_graph(json, limits, UnitReading::streamed_where_possible);
}

Graph load_graph(std::string_view json, const Limits& limits, UnitReading reading, LoadTrace* trace) {
  const std::string_view body = checked_body(json, limits);
  {
    GraphLoader loader(body, limits, reading, trace);
    if (std::optional<Graph> g = loader.read_fast()) {
      g->input_bytes = json.size();
      return std::move(*g);
    }
  }
  if (trace != nullptr) *trace = {};  // nothing of the first reading is in the result
  GraphLoader loader(body, limits, reading, trace);
  Graph g = loader.read_checked();
  g.input_bytes = json.size();
  return g;
}

}  // namespace qnnv::detail

namespace qnnv {

ErrorInfo input_size_error(uint64_t bytes, const Limits& limits) {
  return {"limit.input-size", "the input is " + std::to_string(bytes) + " bytes, more than the limit of " +
                                  std::to_string(limits.max_input_bytes) + " bytes (max_input_bytes)",
          "", 0, 0};
}

}  // namespace qnnv
