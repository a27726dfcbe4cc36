// The terminal rendering of a Report: a header, one table row per checked node (failures first, then
// not validated, then passes; skipped nodes are only counted), each row's findings indented under it, and
// a one-line summary. One pass to size the columns and one per status group, so it stays linear.
//
// Everything that came from the user's graph is made safe to print: control characters and invalid UTF-8
// bytes are shown as \xNN escapes (a node name cannot move the cursor or change colours). Only the table
// cells are shortened, in the middle with an ellipsis; findings always show full values.
#include <algorithm>
#include <string>
#include <string_view>

#include "qnnv/report.h"
#include "render_size.h"
#include "text.h"

namespace qnnv {
namespace {

constexpr size_t kMaxNode = 40, kMaxTarget = 40, kMaxQnnOp = 24;

const char* const kReset = "\x1b[0m";
const char* const kBold = "\x1b[1m";
const char* const kDim = "\x1b[2m";
const char* const kRed = "\x1b[31m";
const char* const kGreen = "\x1b[32m";
const char* const kYellow = "\x1b[33m";

// One printable unit: a code point, or an escape for a byte that must not reach the terminal.
struct Glyph {
  size_t begin, end;  // source bytes
  bool escaped;       // shown as "\xNN" (4 columns) instead of the bytes themselves
};

// "\xNN" for a byte, "\u00NN" for a C1 control code point. Out: a std::string, or a detail::ByteCount
// when only the text's size is wanted (render_size.h).
template <class Out>
void append_escape(Out& out, const char* prefix, unsigned v) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += prefix;
  out += kHex[(v >> 4) & 0xF];
  out += kHex[v & 0xF];
}

// Splits s into glyphs; control characters (C0, DEL, C1) and invalid bytes are escaped.
template <class F>
void for_each_glyph(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    const size_t n = detail::utf8_decode(s, i, cp);
    const bool esc = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp > 0x10FFFF;
    f(Glyph{i, i + n, esc});
    i += n;
  }
}

template <class Out>
void append_glyph(Out& out, std::string_view s, const Glyph& g) {
  if (!g.escaped) {
    out.append(s.data() + g.begin, g.end - g.begin);
    return;
  }
  char32_t cp;
  detail::utf8_decode(s, g.begin, cp);
  if (cp > 0x10FFFF) {  // invalid byte
    append_escape(out, "\\x", static_cast<unsigned>(cp - 0x110000));
  } else if (cp < 0x80) {
    append_escape(out, "\\x", static_cast<unsigned>(cp));
  } else {  // C1 control: show its code point, not its two UTF-8 bytes
    append_escape(out, "\\u00", static_cast<unsigned>(cp));
  }
}

size_t glyph_width(const Glyph& g, std::string_view s) {
  if (!g.escaped) return 1;
  char32_t cp;
  detail::utf8_decode(s, g.begin, cp);
  return (cp >= 0x80 && cp <= 0x9F) ? 6 : 4;
}

// s made safe for a terminal, untruncated.
template <class Out>
void append_safe(Out& out, std::string_view s) {
  for_each_glyph(s, [&](const Glyph& g) { append_glyph(out, s, g); });
}

size_t display_width(std::string_view s) {
  size_t w = 0;
  for_each_glyph(s, [&](const Glyph& g) { w += glyph_width(g, s); });
  return w;
}

// s made safe and shortened to at most `width` columns by cutting out its middle ("conv…_3").
std::string cell(std::string_view s, size_t width) {
  std::string out;
  const size_t total = display_width(s);
  if (total <= width) {
    append_safe(out, s);
    return out;
  }
  // keep the start and the end: the end often carries the distinguishing index ("..._12")
  const size_t tail = (width - 1) / 2, head = width - 1 - tail;
  size_t col = 0;
  bool ellipsis = false;
  for_each_glyph(s, [&](const Glyph& g) {
    const size_t w = glyph_width(g, s);
    if (col + w <= head) {
      append_glyph(out, s, g);
    } else if (col >= total - tail) {
      append_glyph(out, s, g);
    } else if (!ellipsis) {
      out += "\xE2\x80\xA6";  // …
      ellipsis = true;
    }
    col += w;
  });
  return out;
}

std::string_view from_label(std::string_view from) {
  if (from == "option") return "option";
  if (from == "hints") return "graph hints";
  if (from == "default") return "default";
  return from;
}

template <class Out>
class TextRenderer {
 public:
  TextRenderer(const Report& r, bool color) : r_(r), color_(color) {}

  Out render() {
    header();
    size_t shown = 0;
    for (const auto& res : r_.results) {
      if (res.status == Status::skipped) continue;
      ++shown;
      w_node_ = std::max(w_node_, std::min(kMaxNode, display_width(res.node)));
      w_target_ = std::max(w_target_, std::min(kMaxTarget, display_width(res.target)));
      w_op_ = std::max(w_op_, std::min(kMaxQnnOp, display_width(res.qnn_op.empty() ? "-" : res.qnn_op)));
      w_status_ = std::max(w_status_, to_string(res.status).size());
    }
    if (shown == 0) {
      out_ += "no annotated nodes to check\n\n";
    } else {
      row("node", "target", "QNN op", "status", nullptr);
      rule_line();
      for (Status s : {Status::fail, Status::not_validated, Status::pass}) {
        for (const auto& res : r_.results) {
          if (res.status == s) node(res);
        }
      }
      out_ += '\n';
    }
    summary();
    return std::move(out_);
  }

 private:
  void paint(const char* code, std::string_view text) {
    if (color_) out_ += code;
    out_ += text;
    if (color_) out_ += kReset;
  }

  void header() {
    std::string line = "qnnv ";
    append_safe(line, r_.tool_version.empty() ? "?" : r_.tool_version);
    line += ", data ";
    append_safe(line, r_.data_version.empty() ? "?" : r_.data_version);
    paint(kDim, line);
    out_ += '\n';
    out_ += "backend ";
    append_safe(out_, r_.backend);
    if (!r_.backend_from.empty()) {
      out_ += " (";
      append_safe(out_, from_label(r_.backend_from));
      out_ += ')';
    }
    out_ += ", SoC ";
    append_safe(out_, r_.soc_model);
    if (!r_.soc_from.empty()) {
      out_ += " (";
      append_safe(out_, from_label(r_.soc_from));
      out_ += ')';
    }
    out_ += ", arch ";
    append_safe(out_, r_.arch);
    if (!r_.qnn_sdk.empty()) {
      out_ += ", QNN SDK ";
      append_safe(out_, r_.qnn_sdk);
      if (!r_.qnn_sdk_from.empty()) {
        out_ += " (";
        append_safe(out_, from_label(r_.qnn_sdk_from));
        out_ += ')';
      }
    }
    out_ += r_.strict ? ", strict" : ", not strict (failures are warnings)";
    out_ += "\n\n";
  }

  void pad_cell(std::string_view text, size_t width, const char* code) {
    const std::string c = cell(text, width);
    if (code) {
      paint(code, c);
    } else {
      out_ += c;
    }
    const size_t w = display_width(c);  // c is already safe: its escapes are plain printed text
    out_.append(width > w ? width - w : 0, ' ');
  }

  void row(std::string_view node, std::string_view target, std::string_view op, std::string_view status,
           const char* status_color) {
    pad_cell(node, w_node_, nullptr);
    out_ += "  ";
    pad_cell(target, w_target_, nullptr);
    out_ += "  ";
    pad_cell(op, w_op_, nullptr);
    out_ += "  ";
    if (status_color) {
      paint(status_color, status);
    } else {
      out_ += status;
    }
    out_ += '\n';
  }

  void rule_line() {
    out_.append(w_node_, '-');
    out_ += "  ";
    out_.append(w_target_, '-');
    out_ += "  ";
    out_.append(w_op_, '-');
    out_ += "  ";
    out_.append(w_status_, '-');
    out_ += '\n';
  }

  static const char* status_color(Status s) {
    switch (s) {
      case Status::fail: return kRed;
      case Status::not_validated: return kYellow;
      case Status::pass: return kGreen;
      case Status::skipped: break;
    }
    return kDim;
  }

  static const char* severity_color(Severity s) {
    switch (s) {
      case Severity::error: return kRed;
      case Severity::warning: return kYellow;
      case Severity::info: break;
    }
    return kDim;
  }

  void node(const NodeResult& res) {
    row(res.node, res.target, res.qnn_op.empty() ? "-" : res.qnn_op, to_string(res.status),
        status_color(res.status));
    // Where the node comes from in the user's code, for a node with something to fix.
    if (!res.findings.empty() && (res.source_line > 0 || !res.module.empty())) {
      std::string line = "    at ";
      if (res.source_line > 0) {
        append_safe(line, res.source_file);
        line += ':' + std::to_string(res.source_line);
        if (!res.module.empty()) line += ", ";
      }
      if (!res.module.empty()) {
        line += "module ";
        append_safe(line, res.module);
      }
      paint(kDim, line);
      out_ += '\n';
    }
    for (const auto& f : res.findings) finding(f);
  }

  void field(std::string_view label, std::string_view value) {
    if (value.empty()) return;
    out_ += "      ";
    out_ += label;
    append_safe(out_, value);
    out_ += '\n';
  }

  void finding(const Finding& f) {
    out_ += "    ";
    paint(severity_color(f.severity), to_string(f.severity));
    out_ += ' ';
    std::string rule;
    append_safe(rule, f.rule);
    paint(kBold, rule);
    if (!f.port.empty()) {
      out_ += ' ';
      append_safe(out_, f.port);
    }
    out_ += ": ";
    append_safe(out_, f.message);
    out_ += '\n';
    if (!f.expected.empty() || !f.actual.empty()) {
      out_ += "      expected ";
      append_safe(out_, f.expected.empty() ? "-" : f.expected);
      out_ += ", actual ";
      append_safe(out_, f.actual.empty() ? "-" : f.actual);
      out_ += '\n';
    }
    field("hint: ", f.hint);
    field("related node: ", f.related_node);
    if (!f.source.empty()) {
      out_ += "      ";
      std::string line = "source: ";
      append_safe(line, f.source);
      if (!f.basis.empty()) {
        line += " [";
        append_safe(line, f.basis);
        line += ']';
      }
      paint(kDim, line);
      out_ += '\n';
    }
  }

  void summary() {
    const Summary& s = r_.summary;
    std::string line;
    if (!r_.ok) {
      line = "FAIL: ";
    } else if (s.failed > 0) {
      line = "OK (warnings only, not strict): ";
    } else {
      line = "OK: ";
    }
    line += std::to_string(s.failed) + " failed, " + std::to_string(s.not_validated) + " not validated, " +
            std::to_string(s.passed) + " passed, " + std::to_string(s.skipped) + " skipped of " +
            std::to_string(s.nodes) + " nodes";
    paint(r_.ok ? kGreen : kRed, line);
    out_ += '\n';
  }

  const Report& r_;
  bool color_;
  Out out_;
  size_t w_node_ = 4, w_target_ = 6, w_op_ = 6, w_status_ = 6;  // header widths
};

}  // namespace

std::string report_to_text(const Report& r, bool color) { return TextRenderer<std::string>(r, color).render(); }

uint64_t detail::text_size(const Report& r, bool color) { return TextRenderer<detail::ByteCount>(r, color).render().n; }

}  // namespace qnnv
