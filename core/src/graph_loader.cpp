// The graph loader: qnnv.graph v1 JSON text -> detail::Graph (the contract is graph-format-v1; our own
// description is docs/graph-format.md, the error codes are in docs/errors.md).
//
// How it works, and why:
// * A SAX reader drives a small state machine (Loader). There is no DOM: a DOM of a large graph
//   costs several times the file size and takes longer to build than the whole validation may take.
//   The reader is json_reader.h's, which is several times cheaper than nlohmann's; when it declines a
//   document (any syntax or encoding error, a number that overflows), a fresh Loader reads it again with
//   nlohmann's SAX parser, so every error (message, position) is nlohmann's and parse_error()'s as before.
// * The document is read in "units": each element of "nodes", each element of "qspecs", and the small
//   top-level values (format, version, producer, hints). A unit's JSON is collected into a compact tree
//   (Tree: finished values in one vector, strings in an arena), decoded into the Graph as soon as the unit
//   closes, and then cleared. Peak memory is the Graph plus one node's JSON, not the file's.
// * Subtrees nobody reads (node "meta", unknown keys, producer fields other than "name") are skipped
//   while parsing: only their depth and position are tracked, nothing is stored.
// * Names are resolved as soon as they can be. References that may legally point forward (qspec table
//   entries, input_qspec_map args, shared/derived refs) are resolved when the document ends.
// * Nothing recurses on JSON depth: the SAX parser is iterative, the tree is built with an explicit
//   stack and every decoder that walks nested values uses a work list.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph.h"
#include "json_reader.h"
#include "string_hash.h"

namespace qnnv::detail {
namespace {

using nlohmann::json;

constexpr size_t kNpos = std::string_view::npos;
// During loading, inline qspecs live in their own list (the "qspecs" table may come after the nodes in
// the file, so its size is unknown). References to them carry this bit until the lists are joined.
constexpr uint32_t kInlineTag = 0x80000000u;

// ---------------------------------------------------------------------------------------------------
// Text helpers

struct TextPos {
  int line = 1;
  int column = 1;
};

// 1-based line and column of byte `offset`. Columns count characters (UTF-8 code points), as editors do.
TextPos text_pos(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  TextPos p;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++p.column;
  }
  return p;
}

// Offset of the first byte, before `end`, that does not start a well-formed UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF), or kNpos.
size_t find_invalid_utf8(std::string_view s, size_t end) {
  end = std::min(end, s.size());
  size_t i = 0;
  while (i < end) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const size_t len = utf8_sequence_length(s.data() + i, s.data() + s.size());
    if (len == 0) return i;
    i += len;
  }
  return kNpos;
}

void append_pointer_token(std::string& out, std::string_view token) {
  out += '/';
  size_t run = 0;  // appended in runs: most tokens have nothing to escape
  for (size_t i = token.find_first_of("~/"); i != std::string_view::npos; i = token.find_first_of("~/", i + 1)) {
    out.append(token.substr(run, i - run));
    out.append(token[i] == '~' ? "~0" : "~1");
    run = i + 1;
  }
  out.append(token.substr(run));
}

// A user string for a message: quoted, control characters escaped, cut at a code point boundary.
void append_quoted(std::string& out, std::string_view s) {
  constexpr size_t kMax = 80;
  bool cut = false;
  if (s.size() > kMax) {
    size_t n = kMax;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s = s.substr(0, n);
    cut = true;
  }
  out += '"';
  size_t run = 0;  // start of the pending run of characters copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (c != '"' && c != '\\' && u >= 0x20) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (u >= 0x20) {
      out += '\\';
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += cut ? "...\"" : "\"";
}

std::string quote_text(std::string_view s) {
  std::string out;
  append_quoted(out, s);
  return out;
}

std::string format_double(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

// ---------------------------------------------------------------------------------------------------
// The per-unit value tree

// Strings of one unit. string_views into it stay valid until clear().
class Arena {
 public:
  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > cap_ - used_) grow(s.size());
    char* p = blocks_.back().get() + used_;
    std::memcpy(p, s.data(), s.size());
    used_ += s.size();
    return {p, s.size()};
  }
  // Keeps the current block so that steady-state loading does not allocate.
  void clear() {
    if (blocks_.size() > 1) {
      auto last = std::move(blocks_.back());
      blocks_.clear();
      blocks_.push_back(std::move(last));
    }
    used_ = 0;
  }

 private:
  void grow(size_t need) {
    cap_ = std::max<size_t>(kBlock, need);
    blocks_.emplace_back(new char[cap_]);
    used_ = 0;
  }
  static constexpr size_t kBlock = 16 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0, cap_ = 0;
};

enum class JType : uint8_t { null, boolean, integer, unsigned_int, floating, string, array, object, skipped };

// One JSON value. Containers own the range items[first, first + count) of their Tree; object members
// carry their key. `skipped` marks an object member whose value was not kept (it still holds its key
// so that duplicate keys are found).
struct JItem {
  std::string_view key;
  std::string_view str;
  union {
    int64_t i;
    uint64_t u;
    double d;
    bool b;
  } num{};
  uint32_t first = 0;
  uint32_t count = 0;
  JType type = JType::null;
};

struct Tree {
  std::vector<JItem> items;  // finished values; each container's children are contiguous
  std::vector<JItem> open;   // the unit root, then the members of the containers still open
  Arena arena;
  void clear() {
    items.clear();
    open.clear();
    arena.clear();
  }
};

std::string describe(const JItem& v) {
  switch (v.type) {
    case JType::null: return "null";
    case JType::boolean: return v.num.b ? "true" : "false";
    case JType::integer: return "number " + std::to_string(v.num.i);
    case JType::unsigned_int: return "number " + std::to_string(v.num.u);
    case JType::floating: return "number " + format_double(v.num.d);
    case JType::string: return "string " + quote_text(v.str);
    case JType::array: return "a list";
    case JType::object: return "an object";
    case JType::skipped: break;
  }
  return "a value";
}

// A JSON pointer under construction, cheap to push and pop; rendered only when an error needs it.
class Ptr {
 public:
  void clear() { segs_.clear(); }
  void key(std::string_view k) { segs_.push_back({k, 0, true}); }
  void index(size_t i) { segs_.push_back({{}, i, false}); }
  void pop() { segs_.pop_back(); }
  size_t size() const { return segs_.size(); }
  void resize(size_t n) { segs_.resize(n); }
  std::string str() const {
    std::string out;
    for (const Seg& s : segs_) {
      if (s.is_key) {
        append_pointer_token(out, s.key);
      } else {
        char buf[24];
        buf[0] = '/';
        const auto end = std::to_chars(buf + 1, buf + sizeof buf, s.index).ptr;
        out.append(buf, static_cast<size_t>(end - buf));
      }
    }
    return out;
  }

 private:
  struct Seg {
    std::string_view key;  // literals, input views or arena strings: alive while the unit is decoded
    size_t index;
    bool is_key;
  };
  std::vector<Seg> segs_;
};

// Node name -> node index. Open addressing with linear probing over 8-byte slots (hash, node) in one
// array, the names themselves in a second one indexed by node: no allocation per name and few cache
// lines per lookup (a 100k-node graph is looked up some 300k times; std::unordered_map allocated a list
// node per name and followed two pointers per probe).
class NameIndex {
 public:
  std::optional<uint32_t> find(std::string_view name) const {
    if (slots_.empty()) return std::nullopt;
    const uint32_t h = hash(name);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.node == kEmpty) return std::nullopt;
      if (s.hash == h && names_[s.node] == name) return s.node;
    }
  }
  // `name` must not be in the index yet (the loader checks for duplicates first) and must outlive it.
  void insert(std::string_view name, uint32_t node) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();  // load factor <= 3/4
    if (node >= names_.size()) names_.resize(size_t(node) + 1);
    names_[node] = name;
    place({hash(name), node});
    ++size_;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t hash = 0;
    uint32_t node = kEmpty;
  };
  static uint32_t hash(std::string_view s) { return static_cast<uint32_t>(string_hash(s)); }
  void place(const Slot& x) {
    size_t i = x.hash & mask_;
    while (slots_[i].node != kEmpty) i = (i + 1) & mask_;
    slots_[i] = x;
  }
  void grow() {
    std::vector<Slot> old(std::max<size_t>(64, slots_.size() * 2));
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& x : old) {
      if (x.node != kEmpty) place(x);
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> names_;  // by node index
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Pushes a pointer segment for the duration of a scope (errors unwind through it).
class Seg {
 public:
  Seg(Ptr& p, std::string_view key) : p_(p) { p_.key(key); }
  Seg(Ptr& p, size_t index) : p_(p) { p_.index(index); }
  ~Seg() { p_.pop(); }
  Seg(const Seg&) = delete;
  Seg& operator=(const Seg&) = delete;

 private:
  Ptr& p_;
};

// Thrown by Loader::raise() to abandon the unit being decoded after its error has been recorded.
struct StopUnit {};

// ---------------------------------------------------------------------------------------------------
// The loader

class Loader {
 public:
  Loader(std::string_view text, const Limits& limits) : text_(text), limits_(limits) {}

  // Reads the document with the fast reader; nullopt when it declined (a syntax error somewhere): then
  // run() on a fresh Loader reads it again with nlohmann's parser, which reports the error.
  std::optional<Graph> run_fast();
  Graph run();

  // nlohmann SAX interface. Every callback returns true or throws.
  bool null() { return scalar(JItem{}); }
  bool boolean(bool b) {
    JItem v;
    v.type = JType::boolean;
    v.num.b = b;
    return scalar(v);
  }
  bool number_integer(json::number_integer_t x) {
    JItem v;
    v.type = JType::integer;
    v.num.i = x;
    return scalar(v);
  }
  bool number_unsigned(json::number_unsigned_t x) {
    JItem v;
    v.type = JType::unsigned_int;
    v.num.u = x;
    return scalar(v);
  }
  bool number_float(json::number_float_t x, const json::string_t& /*text*/) { return number_float(x); }
  bool number_float(double x) {
    JItem v;
    v.type = JType::floating;
    v.num.d = x;
    return scalar(v);
  }
  bool string(json::string_t& s) { return string_view_value(s); }
  bool string_view_value(std::string_view s) {
    check_string_size(s.size(), "string");
    JItem v;
    v.type = JType::string;
    v.str = s;  // copied into the unit's arena by scalar() only if the value is kept
    return scalar(v);
  }
  bool binary(json::binary_t& /*unused*/) { return true; }  // never produced by the JSON reader
  bool start_object(std::size_t /*unknown size*/) { return start_container(true); }
  bool end_object() { return end_container(); }
  bool start_array(std::size_t /*unknown size*/) { return start_container(false); }
  bool end_array() { return end_container(); }
  bool key(json::string_t& k) { return key_view(k); }
  bool key_view(std::string_view k);
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex);

 private:
  // What the frame of an open container does with its members.
  enum class Role : uint8_t {
    top,         // the document object
    qspecs,      // the "qspecs" array: each element is a unit
    nodes,       // the "nodes" array: each element is a unit
    skip,        // inside a skipped value
    keep,        // inside a unit: keep everything
    args,        // inside a node's args or kwargs: keep everything, but count the values
    node,        // a node object: keep the keys the loader reads
    annotation,  // a node's annotation object: likewise
    producer,    // keep "name" only
    hints,       // keep the three hint strings
  };
  static bool is_tree(Role r) { return r >= Role::keep; }

  struct Frame {
    Role role = Role::skip;
    bool is_object = false;
    bool skip_value = false;   // the member whose key was just read is not kept
    size_t index = 0;          // arrays: index of the element being read
    std::string key;           // objects: key of the member being read (for pointers)
    std::string_view tree_key; // the same key, kept for the unit (tree frames; see keep())
    size_t open_begin = 0;     // tree frames: where this container's members start in tree_.open
    std::unique_ptr<std::unordered_set<std::string_view, StringHash>> seen;  // duplicate check of big objects
  };

  enum class Dest { root, skip, top_member, qspec_unit, node_unit, tree };
  enum class Unit { none, format, version, producer, hints, qspec, node };

  // --- SAX plumbing
  // A string the unit's tree can hold for as long as the unit is decoded: the fast reader passes views
  // into the input for strings without escapes (kept as they are); anything else (an unescaped copy,
  // nlohmann's temporaries) is copied into the unit's arena.
  std::string_view keep(std::string_view s) { return in_input(s) ? s : tree_.arena.store(s); }
  bool in_input(std::string_view s) const {  // a view into the input text (alive as long as the loader)
    const auto p = reinterpret_cast<uintptr_t>(s.data()), b = reinterpret_cast<uintptr_t>(body_.data());
    return p >= b && p - b <= body_.size() && s.size() <= body_.size() - (p - b);
  }
  Dest dest() const;
  bool scalar(JItem v);
  bool start_container(bool is_object);
  bool end_container();
  void push_frame(Role role, bool is_object);
  void after_value();
  void add_to_tree(JItem v);
  std::string open_node_label() const;
  void check_duplicate(Frame& f, std::string_view key);
  void check_string_size(size_t n, const char* what);
  std::string pointer_here() const;
  static bool keeps(Role r, std::string_view key);
  static Unit unit_for_top_key(std::string_view key);
  void begin_unit(Unit u, size_t index);
  void end_unit();
  void soft_raise(ErrorInfo e);
  void end_table() {
    table_done_ = true;
    table_size_ = graph_.qspecs.size();
  }

  // --- decoding
  [[noreturn]] void raise(std::string code, std::string message);
  [[noreturn]] void type_error(const JItem& v, std::string_view what, std::string_view expected);
  const JItem* children(const JItem& c) const { return tree_.items.data() + c.first; }
  void decode_format(const JItem& v);
  void decode_version(const JItem& v);
  void decode_producer(const JItem& v);
  void decode_hints(const JItem& v);
  void decode_table_qspec(const JItem& v, size_t index);
  void decode_node(const JItem& v, size_t index);
  void watch_forward_name(const JItem& v, size_t index);
  void walk_refs(const JItem& v, Node& n, uint32_t self);
  void check_ref(const JItem& v, Node& n, uint32_t self);
  void decode_val(const JItem& v, Node& n);
  OutputMeta decode_tensor_meta(const JItem& v);
  void decode_annotation(const JItem& v, Node& n, uint32_t self);
  uint32_t decode_qspec_ref(const JItem& v, uint32_t node, int32_t entry);
  QSpec decode_qspec(const JItem& v, bool is_inline, bool side, uint32_t qindex);
  void decode_observer_kwargs(const JItem& kw, QSpec& q);
  void keep_arg_value(const JItem& v, bool kwarg, uint32_t position);
  void read_scale(const JItem& x, QSpec& q);
  void read_zero_point(const JItem& x, QSpec& q);
  SpecRef decode_spec_ref(const JItem& holder, bool side, uint32_t qindex, int32_t slot);
  uint32_t resolve_spec_name(const JItem& name, bool side, uint32_t qindex, int32_t slot, bool consumer, bool edge);
  std::optional<int64_t> get_int(const JItem& v, std::string_view what);
  std::optional<std::string_view> get_string(const JItem& v, std::string_view what);
  std::optional<uint32_t> find_name(std::string_view name) const;
  Graph finish();
  void prepare();

  std::string_view text_;   // the whole input
  std::string_view body_;   // the input without a UTF-8 byte order mark
  const Limits& limits_;

  std::vector<Frame> frames_;  // frames_[0, depth_) are open; reused so their key strings keep capacity
  size_t depth_ = 0;
  std::unordered_set<std::string, StringHash> top_keys_;
  Tree tree_;
  Unit unit_ = Unit::none;
  size_t unit_index_ = 0;
  size_t unit_root_depth_ = 0;
  size_t arg_values_ = 0;  // values kept in the current node's args and kwargs

  // decoding state
  Ptr path_;
  // Who a message is about: 'node "conv2d"', 'qspec /qspecs/3', 'the node at /nodes/7'. A node's label is
  // written out only when a message asks for it (label()): nearly every node is decoded without one.
  struct Label {
    std::string text;               // the label, unless node != kNone
    uint32_t node = kNone;          // else: the node being decoded, named by index...
    bool named = false;             // ... or by `name` once it is read
    std::string_view name;          // (in graph_.text)
  };
  Label label_;
  const std::string& label();
  void set_label(std::string text) {
    label_.text = std::move(text);
    label_.node = kNone;
  }
  struct WalkLevel {
    const JItem* items;
    uint32_t count;
    uint32_t next;
  };
  std::vector<WalkLevel> walk_;
  std::vector<const JItem*> kwargs_work_;

  Graph graph_;
  NameIndex names_;  // keys in graph_.text
  std::unordered_set<std::string_view, StringHash> interned_;  // targets, observer names: in graph_.text, once each
  // s as a view into graph_.text, stored on first use.
  std::string_view intern(std::string_view s) {
    auto it = interned_.find(s);
    if (it == interned_.end()) it = interned_.insert(graph_.text.store(s)).first;
    return *it;
  }
  // Per node: where its inputs, outputs and input_qspec_map start in the Graph's flat arrays (the
  // arrays grow while loading, so the spans get their pointers in finish()).
  std::vector<std::array<uint32_t, 3>> first_;
  // Table qspecs go to graph_.qspecs as they are read; so do inline ones once the table is complete (the
  // usual order). Inline qspecs read before the table ends wait in side_ and are appended at the end.
  std::vector<QSpec> side_;
  size_t table_size_ = 0;  // valid once table_done_
  bool format_seen_ = false, format_ok_ = false, version_seen_ = false, version_ok_ = false;
  bool nodes_seen_ = false, table_done_ = false;

  // The first error found before "format" and "version" were both read and accepted: a document that
  // is not a qnnv graph at all should be reported as such, not by its first odd node.
  std::optional<ErrorInfo> first_error_;
  bool stopped_ = false;  // an error is pending: decode nothing more (except to finish that error)

  // An args reference to a name not seen yet: an error either way (graph order is topological), but
  // whether the name comes later or nowhere is only known at the end.
  struct PendingForward {
    std::string name, pointer, label;
    std::optional<size_t> found_at;
  };
  std::optional<PendingForward> pending_forward_;

  struct PendingIndex {  // a qspec index read before the table's size was known
    uint32_t node;
    int32_t entry;  // input_qspec_map entry, -1 = output_qspec
    uint64_t index;
  };
  std::vector<PendingIndex> pending_index_;
  struct PendingArg {  // an input_qspec_map "arg" naming a node not seen yet
    uint32_t node;
    uint32_t entry;
    std::string name;
  };
  std::vector<PendingArg> pending_args_;
  struct PendingSpecRef {  // a shared/derived reference to a node not seen yet
    bool side;  // the qspec is side_[qspec], else graph_.qspecs[qspec]
    uint32_t qspec;
    int32_t slot;  // -1 = shared, k = derived_from[k]
    bool consumer;
    bool edge;  // {"edge": [P, C]}, else {"node": N}
    std::string_view name;  // in the input, or in pending_names_
    // Where the reference stands, for the error if the name never appears. For a qspec of the table
    // (the table precedes the nodes, so every reference in it waits here: the common case) only its
    // index is kept and the pointer and label are rebuilt then; otherwise they are taken now.
    uint32_t table_index;  // kNone unless a table qspec
    std::string pointer, label;
  };
  TextStore pending_names_;  // names of pending references that are not views into the input
  uint32_t table_qspec_index_ = kNone;  // the table qspec being decoded, if one is
  std::vector<PendingSpecRef> pending_spec_refs_;
};

// ---------------------------------------------------------------------------------------------------
// SAX plumbing

Loader::Dest Loader::dest() const {
  if (depth_ == 0) return Dest::root;
  const Frame& p = frames_[depth_ - 1];
  if (p.skip_value || p.role == Role::skip) return Dest::skip;
  switch (p.role) {
    case Role::top: return Dest::top_member;
    case Role::qspecs: return Dest::qspec_unit;
    case Role::nodes: return Dest::node_unit;
    default: return Dest::tree;
  }
}

std::string Loader::pointer_here() const {
  std::string out;
  for (size_t d = 0; d < depth_; ++d) {
    const Frame& f = frames_[d];
    if (f.is_object) {
      append_pointer_token(out, is_tree(f.role) ? f.tree_key : std::string_view(f.key));
    } else {
      out += '/';
      out += std::to_string(f.index);
    }
  }
  return out;
}

void Loader::check_string_size(size_t n, const char* what) {
  if (n > limits_.max_string_bytes) {
    throw InputError("limit.string",
                     std::string("a ") + what + " of " + std::to_string(n) + " bytes is longer than the limit of " +
                         std::to_string(limits_.max_string_bytes) + " bytes (max_string_bytes)",
                     pointer_here());
  }
}

Loader::Unit Loader::unit_for_top_key(std::string_view key) {
  if (same(key, "format")) return Unit::format;
  if (same(key, "version")) return Unit::version;
  if (same(key, "producer")) return Unit::producer;
  if (same(key, "hints")) return Unit::hints;
  return Unit::none;
}

bool Loader::keeps(Role r, std::string_view key) {
  switch (r) {
    case Role::node:
      return same(key, "name") || same(key, "op") || same(key, "target") || same(key, "args") || same(key, "kwargs") ||
             same(key, "val") || same(key, "annotation");
    case Role::annotation: return same(key, "input_qspec_map") || same(key, "output_qspec");
    case Role::producer: return same(key, "name");
    case Role::hints: return same(key, "backend") || same(key, "soc_model") || same(key, "quant_dtype");
    default: return true;
  }
}

void Loader::push_frame(Role role, bool is_object) {
  if (depth_ == frames_.size()) frames_.emplace_back();
  Frame& f = frames_[depth_++];
  f.role = role;
  f.is_object = is_object;
  f.skip_value = false;
  f.index = 0;
  f.key.clear();
  f.tree_key = {};
  f.open_begin = tree_.open.size();
  f.seen.reset();
}

void Loader::after_value() {
  if (depth_ == 0) return;
  Frame& p = frames_[depth_ - 1];
  ++p.index;
  p.skip_value = false;
}

// 'node "conv2d"' for the node being read, if its name came before the current position, else 'the node
// at /nodes/3'. Only the node object's own members are looked at (they precede any open container's).
std::string Loader::open_node_label() const {
  if (unit_ == Unit::node && depth_ > unit_root_depth_ && unit_root_depth_ > 0) {
    const size_t begin = frames_[unit_root_depth_ - 1].open_begin;
    const size_t end = frames_[unit_root_depth_].open_begin - 1;  // the open member container's placeholder
    for (size_t i = begin; i < end && i < tree_.open.size(); ++i) {
      if (same(tree_.open[i].key, "name") && tree_.open[i].type == JType::string) {
        return "node " + quote_text(tree_.open[i].str);
      }
    }
  }
  return "the node at /nodes/" + std::to_string(unit_index_);
}

void Loader::add_to_tree(JItem v) {
  // One node's args may hold any JSON (a constant list of numbers...). Each kept value costs a tree item,
  // so their number is bounded before they are stored, not after the node is complete.
  // Counted: list elements and kwargs values (not the members of a {"node": NAME} object), so the limit
  // reads as "arguments", and a node reference counts once.
  const Frame* parent = depth_ > 0 ? &frames_[depth_ - 1] : nullptr;
  const bool counted = parent != nullptr && parent->role == Role::args &&
                       (!parent->is_object || depth_ == unit_root_depth_ + 1);
  if (counted && ++arg_values_ > limits_.max_args_per_node) {
    throw InputError("limit.args",
                     open_node_label() + " has more than " + std::to_string(limits_.max_args_per_node) +
                         " values in its args and kwargs lists (max_args_per_node)",
                     pointer_here());
  }
  // Everything else a node or qspec entry holds (shapes, observer kwargs...) is bounded as a whole, so one
  // huge value cannot make the loader keep hundreds of bytes per input byte.
  if (tree_.items.size() + tree_.open.size() >= limits_.max_unit_values) {
    throw InputError("limit.unit-size",
                     (unit_ == Unit::node ? open_node_label() : std::string("a qspec entry")) + " holds more than " +
                         std::to_string(limits_.max_unit_values) +
                         " JSON values (max_unit_values)",
                     pointer_here());
  }
  if (v.type == JType::string) v.str = keep(v.str);
  if (depth_ > 0 && is_tree(frames_[depth_ - 1].role) && frames_[depth_ - 1].is_object) {
    v.key = frames_[depth_ - 1].tree_key;
  }
  tree_.open.push_back(v);
}

void Loader::begin_unit(Unit u, size_t index) {
  tree_.clear();
  unit_ = u;
  unit_index_ = index;
  arg_values_ = 0;
  unit_root_depth_ = depth_ + 1;  // where the unit's root frame sits if the unit is a container
  if (u == Unit::node && index >= limits_.max_nodes) {
    throw InputError("limit.nodes",
                     "the graph has more than " + std::to_string(limits_.max_nodes) + " nodes (max_nodes)",
                     pointer_here());
  }
  if (u == Unit::qspec && index >= limits_.max_qspecs) {
    throw InputError("limit.qspecs",
                     "the graph has more than " + std::to_string(limits_.max_qspecs) + " qspecs (max_qspecs)",
                     pointer_here());
  }
}

void Loader::end_unit() {
  const JItem root = tree_.open.at(0);
  const Unit u = unit_;
  unit_ = Unit::none;
  try {
    switch (u) {
      case Unit::format: decode_format(root); break;
      case Unit::version: decode_version(root); break;
      case Unit::producer: decode_producer(root); break;
      case Unit::hints: decode_hints(root); break;
      case Unit::qspec: decode_table_qspec(root, unit_index_); break;
      case Unit::node: decode_node(root, unit_index_); break;
      case Unit::none: break;
    }
  } catch (const StopUnit&) {
    // recorded in first_error_ / pending_forward_
  }
  tree_.clear();
}

// An error found by the SAX plumbing itself (outside a unit): same policy as raise().
// Once an error is pending (stopped_), later ones are dropped: the first in document order is reported.
void Loader::soft_raise(ErrorInfo e) {
  if (stopped_) return;
  if (format_ok_ && version_ok_) throw InputError(std::move(e));
  first_error_ = std::move(e);
  stopped_ = true;
}

bool Loader::scalar(JItem v) {
  switch (dest()) {
    case Dest::root:
      throw InputError("format.wrong",
                       "the document is " + describe(v) +
                           ": expected a JSON object with \"format\": \"qnnv.graph\" (an annotated graph)");
    case Dest::skip: break;
    case Dest::top_member: {
      const std::string& key = frames_[depth_ - 1].key;
      if (same(key, "qspecs") || same(key, "nodes")) {
        const bool is_nodes = same(key, "nodes");
        if (is_nodes) nodes_seen_ = true;
        // "qspecs": null is an empty table; "nodes" must be a list
        if (is_nodes || v.type != JType::null) {
          soft_raise({"graph.type", std::string("\"") + key + "\" must be a list, got " + describe(v),
                      pointer_here(), 0, 0});
        }
        if (!is_nodes) end_table();
      } else {
        begin_unit(unit_for_top_key(key), 0);
        add_to_tree(v);
        end_unit();
      }
      break;
    }
    case Dest::qspec_unit:
      begin_unit(Unit::qspec, frames_[depth_ - 1].index);
      add_to_tree(v);
      end_unit();
      break;
    case Dest::node_unit:
      begin_unit(Unit::node, frames_[depth_ - 1].index);
      add_to_tree(v);
      end_unit();
      break;
    case Dest::tree: add_to_tree(v); break;
  }
  after_value();
  return true;
}

bool Loader::start_container(bool is_object) {
  const Dest d = dest();
  if (depth_ >= limits_.max_depth) {
    throw InputError("limit.depth",
                     "JSON nesting deeper than " + std::to_string(limits_.max_depth) +
                         " levels (max_depth); a qnnv graph needs far fewer",
                     pointer_here());
  }
  Role role = Role::skip;
  switch (d) {
    case Dest::root:
      if (!is_object) {
        throw InputError("format.wrong",
                         "the document is a list: expected a JSON object with \"format\": \"qnnv.graph\" "
                         "(an annotated graph)");
      }
      role = Role::top;
      break;
    case Dest::skip: role = Role::skip; break;
    case Dest::top_member: {
      const std::string& key = frames_[depth_ - 1].key;
      if (same(key, "qspecs") || same(key, "nodes")) {
        const bool is_nodes = same(key, "nodes");
        if (is_nodes) nodes_seen_ = true;
        if (is_object) {
          soft_raise({"graph.type", std::string("\"") + key + "\" must be a list, got an object", pointer_here(),
                      0, 0});
          role = Role::skip;
        } else {
          role = is_nodes ? Role::nodes : Role::qspecs;
        }
      } else {
        const Unit u = unit_for_top_key(key);
        begin_unit(u, 0);
        role = !is_object ? Role::keep : u == Unit::producer ? Role::producer : u == Unit::hints ? Role::hints
                                                                                                : Role::keep;
      }
      break;
    }
    case Dest::qspec_unit:
      begin_unit(Unit::qspec, frames_[depth_ - 1].index);
      role = Role::keep;
      break;
    case Dest::node_unit:
      begin_unit(Unit::node, frames_[depth_ - 1].index);
      role = is_object ? Role::node : Role::keep;
      break;
    case Dest::tree: {
      const Frame& p = frames_[depth_ - 1];
      if (p.role == Role::node && is_object && same(p.tree_key, "annotation")) {
        role = Role::annotation;
      } else if (p.role == Role::args || (p.role == Role::node && (same(p.tree_key, "args") || same(p.tree_key, "kwargs")))) {
        role = Role::args;
      } else {
        role = Role::keep;
      }
      break;
    }
  }
  if (is_tree(role)) {
    JItem c;
    c.type = is_object ? JType::object : JType::array;
    add_to_tree(c);
  }
  push_frame(role, is_object);
  return true;
}

bool Loader::end_container() {
  Frame& f = frames_[depth_ - 1];
  bool unit_done = false;
  if (is_tree(f.role)) {
    const size_t b = f.open_begin;
    JItem& c = tree_.open[b - 1];
    c.first = static_cast<uint32_t>(tree_.items.size());
    c.count = static_cast<uint32_t>(tree_.open.size() - b);
    tree_.items.insert(tree_.items.end(), tree_.open.begin() + static_cast<std::ptrdiff_t>(b), tree_.open.end());
    tree_.open.resize(b);
    unit_done = depth_ == unit_root_depth_;
  } else if (f.role == Role::qspecs) {
    end_table();
  }
  f.seen.reset();
  --depth_;
  if (unit_done) end_unit();
  after_value();
  return true;
}

void Loader::check_duplicate(Frame& f, std::string_view key) {
  const size_t n = tree_.open.size() - f.open_begin;
  bool dup = false;
  // Small objects (nearly all of them) are scanned; big ones get a hash set so that an object with a
  // million keys stays linear.
  constexpr size_t kScan = 16;
  if (!f.seen && n < kScan) {
    for (size_t i = f.open_begin; i < tree_.open.size(); ++i) {
      if (same(tree_.open[i].key, key)) {
        dup = true;
        break;
      }
    }
  } else {
    if (!f.seen) {
      f.seen = std::make_unique<std::unordered_set<std::string_view, StringHash>>();
      for (size_t i = f.open_begin; i < tree_.open.size(); ++i) f.seen->insert(tree_.open[i].key);
    }
    dup = !f.seen->insert(key).second;
  }
  if (dup) {
    throw InputError("json.duplicate-key",
                     "the key " + quote_text(key) +
                         " appears twice in the same object; keys must be unique (qnnv does not guess which "
                         "one was meant)",
                     pointer_here());
  }
}

bool Loader::key_view(std::string_view k) {
  Frame& f = frames_[depth_ - 1];
  if (k.size() > limits_.max_string_bytes) {
    // Located at the object holding the key: a pointer (and so an error message) must not carry a huge key.
    std::string object = pointer_here();
    object.erase(object.rfind('/'));
    throw InputError("limit.string",
                     "a key of " + std::to_string(k.size()) + " bytes (starting " +
                         quote_text(k.substr(0, 32)) + ") is longer than the limit of " +
                         std::to_string(limits_.max_string_bytes) + " bytes (max_string_bytes)",
                     object);
  }
  if (is_tree(f.role)) {
    // Tree frames name their member by tree_key (kept for the unit, see keep()); `key` is for the others.
    const std::string_view stored = keep(k);
    f.tree_key = stored;
    check_duplicate(f, stored);
    if (!keeps(f.role, stored)) {
      JItem s;
      s.type = JType::skipped;
      s.key = stored;
      tree_.open.push_back(s);
      f.skip_value = true;
    }
    return true;
  }
  f.key.assign(k);
  if (f.role == Role::top) {
    if (!top_keys_.insert(std::string(k)).second) {
      throw InputError("json.duplicate-key",
                       "the key " + quote_text(k) + " appears twice at the top level; keys must be unique",
                       pointer_here());
    }
    f.skip_value = !same(k, "qspecs") && !same(k, "nodes") && unit_for_top_key(k) == Unit::none;
    return true;
  }
  return true;
}

bool Loader::parse_error(std::size_t position, const std::string& last_token,
                         const nlohmann::detail::exception& ex) {
  if (ex.id == 406) {  // out_of_range.406: number overflow
    // nlohmann rejects numbers that overflow a double (1e999) while reading them; report where.
    const size_t start = position >= last_token.size() ? position - last_token.size() : 0;
    const TextPos tp = text_pos(body_, start);
    throw InputError("graph.number",
                     "the number " + last_token + " is out of range: it does not fit a 64-bit float",
                     pointer_here(), tp.line, tp.column);
  }
  // `position` counts the bytes read including the one that failed (and the end of input, which is no
  // byte). The failure is reported where the offending token starts when the token is a string (the
  // "op" that lacks a comma before it, a string that never ends), else at the byte that failed.
  // last_token is not always one token (after a bad literal it may hold earlier text), and control
  // characters come back rewritten as "<U+000A>", hence the careful checks.
  std::string what = ex.what();
  const size_t read = std::min(position, body_.size());
  size_t at = position > 0 ? std::min(position - 1, body_.size()) : 0;
  const bool string_token = !last_token.empty() && last_token.front() == '"' &&
                            last_token.find("<U+") == std::string::npos && last_token.size() <= read;
  const bool closed = last_token.size() >= 2 && last_token.back() == '"';
  if (string_token && (closed || what.find("missing closing quote") != std::string::npos)) {
    at = read - last_token.size();
  }
  // Invalid UTF-8 at or before the failure is its real cause: say so, and where.
  const size_t bad = find_invalid_utf8(body_, read);
  if (bad != kNpos) {
    const TextPos tp = text_pos(body_, bad);
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(body_[bad]));
    throw InputError("json.encoding",
                     std::string("invalid UTF-8 (byte ") + byte + "): the file must be UTF-8 text", {}, tp.line,
                     tp.column);
  }
  // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error
  // while parsing value - invalid literal; last read: 'tru'; expected ...". Its position counts bytes; we
  // give our own (in characters), so keep only what follows the location.
  const size_t colon = what.find(": ", what.find("column"));
  if (colon != std::string::npos) what = what.substr(colon + 2);
  const TextPos tp = text_pos(body_, at);
  throw InputError("json.syntax", "invalid JSON: " + what, {}, tp.line, tp.column);
}

// ---------------------------------------------------------------------------------------------------
// Decoding helpers

void Loader::raise(std::string code, std::string message) {
  soft_raise({std::move(code), std::move(message), path_.str(), 0, 0});
  throw StopUnit{};
}

const std::string& Loader::label() {
  if (label_.node != kNone) {
    if (label_.named) {
      label_.text.assign("node ");
      append_quoted(label_.text, label_.name);
    } else {
      label_.text.assign("the node at /nodes/");
      label_.text += std::to_string(label_.node);
    }
    label_.node = kNone;
  }
  return label_.text;
}

void Loader::type_error(const JItem& v, std::string_view what, std::string_view expected) {
  std::string msg = label();
  msg += ": ";
  msg += what;
  msg += ": expected ";
  msg += expected;
  msg += ", got ";
  msg += describe(v);
  raise("graph.type", std::move(msg));
}

std::optional<int64_t> Loader::get_int(const JItem& v, std::string_view what) {
  switch (v.type) {
    case JType::null: return std::nullopt;
    case JType::integer: return v.num.i;
    case JType::unsigned_int:
      if (v.num.u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        raise("graph.number", label() + ": " + std::string(what) + " " + describe(v) +
                                  " is outside the 64-bit integer range");
      }
      return static_cast<int64_t>(v.num.u);
    case JType::floating:
      if (std::trunc(v.num.d) == v.num.d) {
        raise("graph.number", label() + ": " + std::string(what) + " " + describe(v) +
                                  " is not representable as a 64-bit integer (write integers without a "
                                  "fraction or exponent)");
      }
      type_error(v, what, "an integer");
    default: type_error(v, what, "an integer or null");
  }
}

std::optional<std::string_view> Loader::get_string(const JItem& v, std::string_view what) {
  if (v.type == JType::null) return std::nullopt;
  if (v.type != JType::string) type_error(v, what, "a string or null");
  return v.str;
}

std::optional<uint32_t> Loader::find_name(std::string_view name) const {
  return names_.find(name);
}

// ---------------------------------------------------------------------------------------------------
// Top level

void Loader::decode_format(const JItem& v) {
  path_.clear();
  path_.key("format");
  format_seen_ = true;
  if (v.type != JType::string || !same(v.str, "qnnv.graph")) {
    std::string msg = "\"format\" is " + describe(v) + ": expected \"qnnv.graph\"";
    if (v.type == JType::string && same(v.str, "qnnv.report")) msg += " (this file is a validation report, not a graph)";
    throw InputError("format.wrong", std::move(msg), path_.str());
  }
  format_ok_ = true;
  if (version_ok_ && first_error_) throw InputError(*first_error_);
}

void Loader::decode_version(const JItem& v) {
  path_.clear();
  path_.key("version");
  version_seen_ = true;
  const bool one = (v.type == JType::integer && v.num.i == 1) || (v.type == JType::unsigned_int && v.num.u == 1) ||
                   (v.type == JType::floating && v.num.d == 1.0);
  if (!one) {
    throw InputError("format.version",
                     "\"version\" is " + describe(v) + ": this qnnv reads qnnv.graph version 1 only",
                     path_.str());
  }
  version_ok_ = true;
  if (format_ok_ && first_error_) throw InputError(*first_error_);
}

void Loader::decode_producer(const JItem& v) {
  path_.clear();
  path_.key("producer");
  set_label("producer");
  if (v.type == JType::null) return;
  if (v.type != JType::object) type_error(v, "\"producer\"", "an object");
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (same(m[i].key, "name")) {
      Seg s(path_, "name");
      if (auto name = get_string(m[i], "\"name\"")) graph_.producer_name = std::string(*name);
    }
  }
}

void Loader::decode_hints(const JItem& v) {
  path_.clear();
  path_.key("hints");
  set_label("hints");
  if (v.type == JType::null) return;
  if (v.type != JType::object) type_error(v, "\"hints\"", "an object");
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    std::string* out = same(m[i].key, "backend")     ? &graph_.hint_backend
                       : same(m[i].key, "soc_model") ? &graph_.hint_soc
                       : same(m[i].key, "quant_dtype") ? &graph_.hint_quant_dtype
                                                   : nullptr;
    if (out == nullptr) continue;
    Seg s(path_, m[i].key);
    if (auto str = get_string(m[i], "\"" + std::string(m[i].key) + "\"")) *out = std::string(*str);
  }
}

// ---------------------------------------------------------------------------------------------------
// Nodes

// While an args reference to an unknown name is pending, later nodes are only looked at for that name.
void Loader::watch_forward_name(const JItem& v, size_t index) {
  if (!pending_forward_ || pending_forward_->found_at || v.type != JType::object) return;
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (same(m[i].key, "name") && m[i].type == JType::string && m[i].str == pending_forward_->name) {
      pending_forward_->found_at = index;
    }
  }
}

void Loader::decode_node(const JItem& v, size_t index) {
  table_qspec_index_ = kNone;
  if (stopped_) {
    watch_forward_name(v, index);
    return;
  }
  path_.clear();
  path_.key("nodes");
  path_.index(index);
  label_.node = static_cast<uint32_t>(index);  // "the node at /nodes/N", written out if needed
  label_.named = false;
  if (v.type != JType::object) type_error(v, "a node", "an object");

  const JItem *name = nullptr, *op = nullptr, *target = nullptr, *args = nullptr, *kwargs = nullptr,
              *val = nullptr, *annotation = nullptr;
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    const std::string_view k = m[i].key;
    if (same(k, "name")) {
      name = &m[i];
    } else if (same(k, "op")) {
      op = &m[i];
    } else if (same(k, "target")) {
      target = &m[i];
    } else if (same(k, "args")) {
      args = &m[i];
    } else if (same(k, "kwargs")) {
      kwargs = &m[i];
    } else if (same(k, "val")) {
      val = &m[i];
    } else if (same(k, "annotation")) {
      annotation = &m[i];
    }
  }

  Node n;
  n.json_index = static_cast<uint32_t>(index);
  const auto in_first = static_cast<uint32_t>(graph_.node_inputs.size());
  const auto out_first = static_cast<uint32_t>(graph_.node_outputs.size());
  const auto map_first = static_cast<uint32_t>(graph_.node_input_specs.size());
  const auto self = static_cast<uint32_t>(graph_.nodes.size());

  if (name == nullptr) raise("graph.missing", label() + " has no \"name\": every node needs its fx name");
  {
    Seg s(path_, "name");
    if (name->type != JType::string) type_error(*name, "\"name\"", "a string");
    if (auto prev = find_name(name->str)) {
      raise("graph.duplicate-node", "node name " + quote_text(name->str) + " at /nodes/" + std::to_string(index) +
                                        " is already used by /nodes/" +
                                        std::to_string(graph_.nodes[*prev].json_index) +
                                        "; node names must be unique");
    }
  }
  n.name = graph_.text.store(name->str);
  label_.name = n.name;  // 'node "NAME"' from now on
  label_.named = true;

  if (op == nullptr) raise("graph.missing", label() + " has no \"op\"");
  {
    Seg s(path_, "op");
    if (op->type != JType::string) type_error(*op, "\"op\"", "a string");
    static constexpr std::pair<std::string_view, NodeOp> kOps[] = {
        {"placeholder", NodeOp::placeholder},   {"get_attr", NodeOp::get_attr},
        {"call_function", NodeOp::call_function}, {"call_method", NodeOp::call_method},
        {"call_module", NodeOp::call_module},   {"output", NodeOp::output}};
    bool known = false;
    for (const auto& [text, value] : kOps) {
      if (op->str == text) {
        n.op = value;
        known = true;
      }
    }
    if (!known) {
      raise("graph.node-op", label() + ": unknown op " + quote_text(op->str) +
                                 ": expected placeholder, get_attr, call_function, call_method, call_module or "
                                 "output");
    }
  }

  if (target != nullptr && target->type != JType::null) {
    Seg s(path_, "target");
    if (target->type != JType::string) type_error(*target, "\"target\"", "a string");
    std::string_view t = target->str;
    constexpr std::string_view kPrefix = "torch.ops.";
    if (t.substr(0, kPrefix.size()) == kPrefix) t.remove_prefix(kPrefix.size());
    n.target = intern(t);
  } else if (n.op == NodeOp::call_function) {
    raise("graph.missing", label() + " is a call_function without a \"target\" (e.g. \"aten.conv2d.default\")");
  }

  // The name is registered before the references are read so that a reference to the node itself is
  // recognised as such (and an inline shared edge [input, this node] resolves at once).
  names_.insert(n.name, self);

  if (graph_.arg_first.empty()) graph_.arg_first.push_back(0);
  if (args != nullptr && args->type != JType::null) {
    Seg s(path_, "args");
    if (args->type != JType::array) type_error(*args, "\"args\"", "a list");
    walk_refs(*args, n, self);
    const JItem* a = children(*args);
    for (uint32_t i = 0; i < args->count; ++i) keep_arg_value(a[i], false, i);
  }
  if (kwargs != nullptr && kwargs->type != JType::null) {
    Seg s(path_, "kwargs");
    if (kwargs->type != JType::object) type_error(*kwargs, "\"kwargs\"", "an object");
    const JItem* kw = children(*kwargs);
    for (uint32_t i = 0; i < kwargs->count; ++i) {
      Seg k(path_, kw[i].key);
      walk_refs(kw[i], n, self);
      keep_arg_value(kw[i], true, 0);
    }
  }
  graph_.arg_first.push_back(static_cast<uint32_t>(graph_.arg_values.size()));
  if (val != nullptr) {
    Seg s(path_, "val");
    decode_val(*val, n);
  }
  if (annotation != nullptr && annotation->type != JType::null) {
    Seg s(path_, "annotation");
    if (annotation->type != JType::object) type_error(*annotation, "\"annotation\"", "an object or null");
    decode_annotation(*annotation, n, self);
  }
  first_.push_back({in_first, out_first, map_first});
  graph_.nodes.push_back(n);
}

// An integer or boolean argument, or a list of integers (a kernel size), is kept for the data's attribute
// conditions; anything else (tensors, floats, dtypes, nested lists) is not.
void Loader::keep_arg_value(const JItem& v, bool kwarg, uint32_t position) {
  const auto integer = [](const JItem& x, int64_t& out) {
    if (x.type == JType::integer) out = x.num.i;
    else if (x.type == JType::boolean) out = x.num.b ? 1 : 0;
    else if (x.type == JType::unsigned_int && x.num.u <= uint64_t(INT64_MAX)) out = static_cast<int64_t>(x.num.u);
    else return false;
    return true;
  };
  int64_t value = 0;
  const bool scalar = integer(v, value);
  if (!scalar && v.type != JType::array) return;
  const std::string_view key = kwarg ? intern(v.key) : std::string_view();  // interned: few distinct names
  if (scalar) {
    graph_.arg_values.push_back({key, position, 0, false, value});
    return;
  }
  const JItem* e = children(v);
  for (uint32_t k = 0; k < v.count; ++k)
    if (integer(e[k], value)) graph_.arg_values.push_back({key, position, k, true, value});
}

// Node references in an args list or a kwargs value, in order, through nested lists (aten.cat's list of
// tensors). path_ points at `v`.
void Loader::walk_refs(const JItem& v, Node& n, uint32_t self) {
  if (v.type != JType::array) {
    check_ref(v, n, self);
    return;
  }
  const size_t base = path_.size();
  walk_.clear();
  walk_.push_back({children(v), v.count, 0});
  while (!walk_.empty()) {
    WalkLevel& level = walk_.back();
    path_.resize(base + walk_.size() - 1);
    if (level.next == level.count) {
      walk_.pop_back();
      continue;
    }
    const uint32_t i = level.next++;
    const JItem& x = level.items[i];
    path_.index(i);
    if (x.type == JType::array) {
      walk_.push_back({children(x), x.count, 0});  // its index segment stays on the path
    } else {
      check_ref(x, n, self);
    }
  }
  path_.resize(base);
}

void Loader::check_ref(const JItem& v, Node& n, uint32_t self) {
  if (v.type != JType::object) return;
  const JItem* m = children(v);
  const JItem* ref = nullptr;
  for (uint32_t i = 0; i < v.count; ++i) {
    if (same(m[i].key, "node")) ref = &m[i];
  }
  if (ref == nullptr) return;  // another object, e.g. a dtype argument {"dtype": "float32"}
  Seg s(path_, "node");
  if (ref->type != JType::string) type_error(*ref, "a node reference {\"node\": NAME}", "a string name");
  const auto idx = find_name(ref->str);
  if (idx && *idx == self) {
    raise("graph.forward-ref", label() + " uses itself as an argument; an fx graph cannot contain such a cycle");
  }
  if (!idx) {
    // Not seen yet: either later in the file (graph order is topological, so that is an error too) or
    // nowhere. Which one is only known at the end.
    pending_forward_ = PendingForward{std::string(ref->str), path_.str(), label(), std::nullopt};
    stopped_ = true;
    throw StopUnit{};
  }
  graph_.node_inputs.push_back(*idx);
  if (++n.inputs.count > limits_.max_args_per_node) {
    throw InputError("limit.args",
                     label() + " has more than " + std::to_string(limits_.max_args_per_node) +
                         " node references in its args and kwargs (max_args_per_node)",
                     path_.str());
  }
}

OutputMeta Loader::decode_tensor_meta(const JItem& v) {
  OutputMeta out;
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (same(m[i].key, "dtype")) {
      Seg s(path_, "dtype");
      if (auto name = get_string(m[i], "\"dtype\"")) out.dtype = parse_torch_dtype(*name);
    } else if (same(m[i].key, "shape")) {
      // Only the rank is kept (rank conditions of the data); the sizes are checked to be well formed.
      // Negative sizes are left alone.
      Seg s(path_, "shape");
      const JItem& shape = m[i];
      if (shape.type == JType::null) continue;
      if (shape.type != JType::array) type_error(shape, "\"shape\"", "a list of sizes");
      out.rank = static_cast<int8_t>(std::min<uint32_t>(shape.count, 127));  // for rank conditions
      const JItem* dims = children(shape);
      for (uint32_t d = 0; d < shape.count; ++d) {
        const JType t = dims[d].type;
        if (t != JType::integer && t != JType::unsigned_int && t != JType::string) {
          Seg sd(path_, d);
          type_error(dims[d], "a dimension", "an integer or a symbolic size (string)");
        }
      }
    }
  }
  return out;
}

void Loader::decode_val(const JItem& v, Node& n) {
  const auto add_output = [&](OutputMeta m) {  // to the node's run of the Graph's flat array
    graph_.node_outputs.push_back(m);
    ++n.outputs.count;
  };
  switch (v.type) {
    case JType::null: return;
    case JType::object:
      n.val_known = true;
      add_output(decode_tensor_meta(v));
      return;
    case JType::array: {
      n.val_known = true;
      n.val_is_list = true;
      const JItem* e = children(v);
      for (uint32_t i = 0; i < v.count; ++i) {
        Seg s(path_, i);
        if (e[i].type == JType::null) {
          add_output(OutputMeta{});
        } else if (e[i].type == JType::object) {
          add_output(decode_tensor_meta(e[i]));
        } else {
          type_error(e[i], "an element of \"val\"", "an object {\"dtype\", \"shape\"} or null");
        }
      }
      return;
    }
    default: type_error(v, "\"val\"", "an object {\"dtype\", \"shape\"}, a list of those, or null");
  }
}

void Loader::decode_annotation(const JItem& v, Node& n, uint32_t self) {
  n.annotated = true;
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (same(m[i].key, "input_qspec_map")) {
      Seg s(path_, "input_qspec_map");
      const JItem& map = m[i];
      if (map.type == JType::null) continue;
      if (map.type != JType::array) {
        type_error(map, "\"input_qspec_map\"", "a list of {\"arg\": NAME, \"qspec\": QSPEC} entries");
      }
      const JItem* entries = children(map);
      for (uint32_t k = 0; k < map.count; ++k) {
        Seg se(path_, k);
        const JItem& e = entries[k];
        if (e.type != JType::object) type_error(e, "an input_qspec_map entry", "an object {\"arg\", \"qspec\"}");
        const JItem *arg = nullptr, *qspec = nullptr;
        const JItem* em = children(e);
        for (uint32_t j = 0; j < e.count; ++j) {
          if (same(em[j].key, "arg")) arg = &em[j];
          if (same(em[j].key, "qspec")) qspec = &em[j];
        }
        if (arg == nullptr) raise("graph.missing", label() + ": an input_qspec_map entry has no \"arg\"");
        if (qspec == nullptr) {
          raise("graph.missing", label() + ": an input_qspec_map entry has no \"qspec\" (write null for None)");
        }
        InputSpecEntry entry;
        {
          Seg sa(path_, "arg");
          if (arg->type != JType::string) type_error(*arg, "\"arg\"", "a node name");
          if (auto idx = find_name(arg->str)) {
            entry.arg = *idx;
          } else {
            pending_args_.push_back({self, k, std::string(arg->str)});
          }
        }
        {
          Seg sq(path_, "qspec");
          entry.qspec = decode_qspec_ref(*qspec, self, static_cast<int32_t>(k));
        }
        graph_.node_input_specs.push_back(entry);
        ++n.input_qspec_map.count;
      }
    } else if (same(m[i].key, "output_qspec")) {
      Seg s(path_, "output_qspec");
      n.output_qspec = decode_qspec_ref(m[i], self, -1);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Qspecs

// QSPEC | index | null where an annotation names a spec. path_ points at `v`.
uint32_t Loader::decode_qspec_ref(const JItem& v, uint32_t node, int32_t entry) {
  uint64_t index = 0;
  switch (v.type) {
    case JType::null: return kNone;
    case JType::object: {
      const bool side = !table_done_;
      const size_t k = side ? side_.size() : graph_.qspecs.size();
      if (graph_.qspecs.size() + side_.size() >= limits_.max_qspecs) {
        throw InputError("limit.qspecs",
                         "the graph has more than " + std::to_string(limits_.max_qspecs) + " qspecs (max_qspecs)",
                         path_.str());
      }
      const Label saved_label = label_;
      QSpec q = decode_qspec(v, true, side, static_cast<uint32_t>(k));
      label_ = saved_label;
      if (!side) {
        graph_.qspecs.push_back(std::move(q));
        return static_cast<uint32_t>(k);
      }
      side_.push_back(std::move(q));
      return kInlineTag | static_cast<uint32_t>(k);
    }
    case JType::integer:
      if (v.num.i < 0) {
        raise("graph.qspec-index", label() + ": qspec index " + std::to_string(v.num.i) +
                                       " is negative: expected an index into \"qspecs\"");
      }
      index = static_cast<uint64_t>(v.num.i);
      break;
    case JType::unsigned_int: index = v.num.u; break;
    case JType::floating:
      // A float here is either a fraction (1.5) or an integer too big for 64 bits (1e30).
      raise("graph.qspec-index", label() + ": qspec index " + format_double(v.num.d) +
                                     (std::trunc(v.num.d) == v.num.d ? " is out of range" : " is not an integer") +
                                     ": expected an index into \"qspecs\"");
    default:
      type_error(v, "a qspec", "a qspec object, an integer index into \"qspecs\", or null");
  }
  // The table holds at most max_qspecs entries, so a larger index can never be valid.
  const uint64_t bound = table_done_ ? table_size_ : std::min<uint64_t>(limits_.max_qspecs, kInlineTag);
  if (index >= bound) {
    raise("graph.qspec-index", label() + ": qspec index " + std::to_string(index) + " is out of range: \"qspecs\" has " +
                                   (table_done_ ? std::to_string(table_size_) + " entries" : "fewer entries"));
  }
  if (!table_done_) pending_index_.push_back({node, entry, index});
  return static_cast<uint32_t>(index);
}

void Loader::decode_table_qspec(const JItem& v, size_t index) {
  table_qspec_index_ = kNone;
  if (stopped_) return;
  path_.clear();
  path_.key("qspecs");
  path_.index(index);
  table_qspec_index_ = static_cast<uint32_t>(index);  // (an error leaves it set: decode_node clears it)
  graph_.qspecs.push_back(decode_qspec(v, false, false, static_cast<uint32_t>(graph_.qspecs.size())));
  table_qspec_index_ = kNone;
}

QSpec Loader::decode_qspec(const JItem& v, bool is_inline, bool side, uint32_t qindex) {
  set_label(is_inline ? label() + ": the qspec at " + path_.str() : "qspec " + path_.str());
  if (v.type != JType::object) type_error(v, "a qspec", "an object");

  const JItem *kind = nullptr, *dtype = nullptr, *qmin = nullptr, *qmax = nullptr, *qscheme = nullptr,
              *ch_axis = nullptr, *is_dynamic = nullptr, *observer = nullptr, *observer_kwargs = nullptr,
              *scale = nullptr, *zero_point = nullptr, *derived_from = nullptr;
  const JItem* m = children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    const std::string_view k = m[i].key;
    const JItem* p = &m[i];
    if (same(k, "kind")) kind = p;
    else if (same(k, "dtype")) dtype = p;
    else if (same(k, "quant_min")) qmin = p;
    else if (same(k, "quant_max")) qmax = p;
    else if (same(k, "qscheme")) qscheme = p;
    else if (same(k, "ch_axis")) ch_axis = p;
    else if (same(k, "is_dynamic")) is_dynamic = p;
    else if (same(k, "observer")) observer = p;
    else if (same(k, "observer_kwargs")) observer_kwargs = p;
    else if (same(k, "scale")) scale = p;
    else if (same(k, "zero_point")) zero_point = p;
    else if (same(k, "derived_from")) derived_from = p;
  }

  QSpec q;
  if (kind == nullptr) raise("graph.missing", label() + " has no \"kind\" (quant, fixed, shared or derived)");
  {
    Seg s(path_, "kind");
    if (kind->type != JType::string) type_error(*kind, "\"kind\"", "a string");
    if (same(kind->str, "quant")) q.kind = QSpecKind::quant;
    else if (same(kind->str, "fixed")) q.kind = QSpecKind::fixed;
    else if (same(kind->str, "shared")) q.kind = QSpecKind::shared;
    else if (same(kind->str, "derived")) q.kind = QSpecKind::derived;
    else {
      raise("graph.qspec-kind",
            label() + ": unknown kind " + quote_text(kind->str) + ": expected quant, fixed, shared or derived");
    }
  }

  if (q.kind == QSpecKind::shared) {
    q.shared = decode_spec_ref(v, side, qindex, -1);
    return q;
  }

  // quant, fixed and derived describe a quantized tensor.
  if (dtype == nullptr) raise("graph.missing", label() + " has no \"dtype\"");
  {
    Seg s(path_, "dtype");
    if (dtype->type != JType::string) type_error(*dtype, "\"dtype\"", "a torch dtype name such as \"int8\"");
    q.dtype = parse_torch_dtype(dtype->str);
    if (q.dtype == TorchDtype::unknown) q.dtype_name = intern(dtype->str);
  }
  if (qmin != nullptr) {
    Seg s(path_, "quant_min");
    q.quant_min = get_int(*qmin, "\"quant_min\"");
  }
  if (qmax != nullptr) {
    Seg s(path_, "quant_max");
    q.quant_max = get_int(*qmax, "\"quant_max\"");
  }
  if (qscheme != nullptr) {
    Seg s(path_, "qscheme");
    if (auto name = get_string(*qscheme, "\"qscheme\"")) {
      q.qscheme = parse_qscheme(*name);
      if (q.qscheme == QScheme::unknown) q.qscheme_name = intern(*name);
    }
  }
  if (ch_axis != nullptr) {
    Seg s(path_, "ch_axis");
    q.ch_axis = get_int(*ch_axis, "\"ch_axis\"");
  }
  if (is_dynamic != nullptr && is_dynamic->type != JType::null) {
    Seg s(path_, "is_dynamic");
    if (is_dynamic->type != JType::boolean) type_error(*is_dynamic, "\"is_dynamic\"", "true or false");
    q.is_dynamic = is_dynamic->num.b;
  }

  if (q.kind == QSpecKind::quant) {
    if (observer != nullptr) {
      Seg s(path_, "observer");
      if (auto name = get_string(*observer, "\"observer\"")) q.observer = intern(*name);
    }
    if (observer_kwargs != nullptr && observer_kwargs->type != JType::null) {
      Seg s(path_, "observer_kwargs");
      if (observer_kwargs->type != JType::object) type_error(*observer_kwargs, "\"observer_kwargs\"", "an object");
      decode_observer_kwargs(*observer_kwargs, q);
    }
  } else if (q.kind == QSpecKind::fixed) {
    if (scale == nullptr) raise("graph.missing", label() + " is a fixed qspec without \"scale\"");
    if (zero_point == nullptr) raise("graph.missing", label() + " is a fixed qspec without \"zero_point\"");
    {
      Seg s(path_, "scale");
      if (scale->type == JType::null) type_error(*scale, "\"scale\"", "a number");
      read_scale(*scale, q);
    }
    {
      Seg s(path_, "zero_point");
      if (zero_point->type == JType::null) type_error(*zero_point, "\"zero_point\"", "an integer");
      read_zero_point(*zero_point, q);
    }
  } else {  // derived
    if (derived_from == nullptr) raise("graph.missing", label() + " is a derived qspec without \"derived_from\"");
    Seg s(path_, "derived_from");
    if (derived_from->type != JType::array) {
      type_error(*derived_from, "\"derived_from\"", "a list of {\"node\": N} / {\"edge\": [P, C]}");
    }
    const JItem* refs = children(*derived_from);
    q.derived_from.reserve(derived_from->count);
    for (uint32_t i = 0; i < derived_from->count; ++i) {
      Seg si(path_, i);
      if (refs[i].type != JType::object) {
        type_error(refs[i], "a derived_from entry", "an object {\"node\": N} or {\"edge\": [P, C]}");
      }
      q.derived_from.push_back(SpecRef{});
      q.derived_from.back() = decode_spec_ref(refs[i], side, qindex, static_cast<int32_t>(i));
    }
  }
  return q;
}

// scale / zero_point of a fixed spec or of observer kwargs. path_ points at the value. The first value
// found wins (outer observer kwargs before nested ones).
void Loader::read_scale(const JItem& x, QSpec& q) {
  if (x.type == JType::null || q.scale) return;
  if (x.type == JType::string && (same(x.str, "inf") || same(x.str, "-inf") || same(x.str, "nan"))) {
    raise("graph.number", label() + ": \"scale\" is " + quote_text(x.str) + ": a scale must be a finite number");
  }
  if (x.type == JType::integer) {
    q.scale = static_cast<double>(x.num.i);
  } else if (x.type == JType::unsigned_int) {
    q.scale = static_cast<double>(x.num.u);
  } else if (x.type == JType::floating) {
    q.scale = x.num.d;  // finite: the reader rejects numbers that overflow
  } else {
    type_error(x, "\"scale\"", "a number");
  }
}

void Loader::read_zero_point(const JItem& x, QSpec& q) {
  if (x.type == JType::null || q.zero_point) return;
  q.zero_point = get_int(x, "\"zero_point\"");
}

// Reads block_size, scale and zero_point from observer kwargs, and from a nested observer partial
// (FakeQuantize's `observer=`, written {"observer": NAME, "observer_kwargs": {...}}) found among them.
// The outermost value wins. path_ points at `kw`. A work list, not recursion: nesting depth is the
// user's to choose (up to max_depth).
void Loader::decode_observer_kwargs(const JItem& kw, QSpec& q) {
  struct Work {
    const JItem* obj;
    Ptr path;
  };
  std::vector<Work> work;
  work.push_back({&kw, path_});
  std::vector<std::string_view> nested_names;
  const Ptr saved = path_;
  for (size_t w = 0; w < work.size(); ++w) {
    const JItem& obj = *work[w].obj;
    path_ = work[w].path;
    const JItem* m = children(obj);
    for (uint32_t i = 0; i < obj.count; ++i) {
      const JItem& x = m[i];
      const std::string_view k = x.key;
      Seg s(path_, k);
      if (same(k, "block_size")) {
        if (x.type == JType::null || q.has_block_size) continue;
        if (x.type != JType::array) type_error(x, "\"block_size\"", "a list of integers");
        const JItem* e = children(x);
        std::vector<int64_t> sizes;
        sizes.reserve(x.count);
        for (uint32_t j = 0; j < x.count; ++j) {
          Seg sj(path_, j);
          if (e[j].type == JType::null) type_error(e[j], "a block size", "an integer");
          sizes.push_back(*get_int(e[j], "a block size"));
        }
        q.block_size = std::move(sizes);
        q.has_block_size = true;
      } else if (same(k, "scale")) {
        read_scale(x, q);
      } else if (same(k, "zero_point")) {
        read_zero_point(x, q);
      } else if (same(k, "observer") && x.type == JType::string) {
        nested_names.push_back(x.str);
      } else if (same(k, "observer_kwargs") && x.type == JType::object) {
        work.push_back({&x, path_});
      } else if (x.type == JType::object) {
        // A nested observer partial: an object that names an observer class.
        const JItem* xm = children(x);
        for (uint32_t j = 0; j < x.count; ++j) {
          if (same(xm[j].key, "observer") && xm[j].type == JType::string) {
            work.push_back({&x, path_});
            break;
          }
        }
      }
    }
  }
  path_ = saved;
  // "FakeQuantize(MovingAverageMinMaxObserver)": the outer class with the observer it wraps.
  if (!nested_names.empty()) {
    std::string name(q.observer);
    for (std::string_view n : nested_names) {
      name += '(';
      name += n;
    }
    name.append(nested_names.size(), ')');
    q.observer = intern(name);
  }
}

// {"node": N} or {"edge": [P, C]} inside `holder` (a shared qspec or a derived_from entry).
SpecRef Loader::decode_spec_ref(const JItem& holder, bool side, uint32_t qindex, int32_t slot) {
  const JItem *node = nullptr, *edge = nullptr;
  const JItem* m = children(holder);
  for (uint32_t i = 0; i < holder.count; ++i) {
    if (same(m[i].key, "node")) node = &m[i];
    if (same(m[i].key, "edge")) edge = &m[i];
  }
  if (node != nullptr && edge != nullptr) {
    raise("graph.type", label() + " has both \"node\" and \"edge\": expected exactly one");
  }
  if (node == nullptr && edge == nullptr) {
    raise("graph.missing", label() + " needs \"node\": NAME or \"edge\": [PRODUCER, CONSUMER]");
  }
  SpecRef r;
  if (node != nullptr) {
    Seg s(path_, "node");
    r.producer = resolve_spec_name(*node, side, qindex, slot, false, false);
    return r;
  }
  Seg s(path_, "edge");
  if (edge->type != JType::array || edge->count != 2) {
    type_error(*edge, "\"edge\"", "a list of two node names [PRODUCER, CONSUMER]");
  }
  const JItem* e = children(*edge);
  {
    Seg s0(path_, size_t{0});
    r.producer = resolve_spec_name(e[0], side, qindex, slot, false, true);
  }
  {
    Seg s1(path_, size_t{1});
    r.consumer = resolve_spec_name(e[1], side, qindex, slot, true, true);
  }
  return r;
}

uint32_t Loader::resolve_spec_name(const JItem& name, bool side, uint32_t qindex, int32_t slot, bool consumer,
                                   bool edge) {
  if (name.type != JType::string) type_error(name, "a node reference", "a node name (string)");
  if (auto idx = find_name(name.str)) return *idx;
  const std::string_view kept = in_input(name.str) ? name.str : pending_names_.store(name.str);
  PendingSpecRef& p = pending_spec_refs_.emplace_back(
      PendingSpecRef{side, qindex, slot, consumer, edge, kept, table_qspec_index_, {}, {}});
  if (p.table_index == kNone) {
    p.pointer = path_.str();
    p.label = label();
  }
  return kNone;
}

// ---------------------------------------------------------------------------------------------------
// Driver

Graph Loader::finish() {
  if (!format_seen_) {
    throw InputError("format.wrong",
                     "no \"format\" at the top level: expected \"format\": \"qnnv.graph\" (is this an annotated "
                     "graph exported for qnnv?)",
                     "/format");
  }
  if (!version_seen_) {
    throw InputError("format.version", "no \"version\" at the top level: expected \"version\": 1", "/version");
  }
  if (first_error_) throw InputError(*first_error_);
  if (pending_forward_) {
    const PendingForward& p = *pending_forward_;
    if (p.found_at) {
      throw InputError("graph.forward-ref",
                       p.label + " uses " + quote_text(p.name) + ", which is defined later (at /nodes/" +
                           std::to_string(*p.found_at) +
                           "); nodes must be listed in graph (topological) order",
                       p.pointer);
    }
    throw InputError("graph.dangling-ref", p.label + " uses " + quote_text(p.name) + ", which is not a node of the graph",
                     p.pointer);
  }
  if (!nodes_seen_) throw InputError("graph.missing", "no \"nodes\" list at the top level", "/nodes");

  // The table is complete now: check the indices read before it.
  for (const PendingIndex& p : pending_index_) {
    if (p.index < table_size_) continue;
    const Node& n = graph_.nodes[p.node];
    std::string ptr = "/nodes/" + std::to_string(n.json_index) + "/annotation/";
    ptr += p.entry < 0 ? "output_qspec" : "input_qspec_map/" + std::to_string(p.entry) + "/qspec";
    throw InputError("graph.qspec-index",
                     "node " + quote_text(n.name) + ": qspec index " + std::to_string(p.index) +
                         " is out of range: \"qspecs\" has " + std::to_string(table_size_) + " entries",
                     ptr);
  }
  for (const PendingArg& p : pending_args_) {
    Node& n = graph_.nodes[p.node];
    const auto idx = find_name(p.name);
    if (!idx) {
      throw InputError("graph.dangling-ref",
                       "node " + quote_text(n.name) + ": input_qspec_map names " + quote_text(p.name) +
                           ", which is not a node of the graph",
                       "/nodes/" + std::to_string(n.json_index) + "/annotation/input_qspec_map/" +
                           std::to_string(p.entry) + "/arg");
    }
    graph_.node_input_specs[first_[p.node][2] + p.entry].arg = *idx;
  }
  for (const PendingSpecRef& p : pending_spec_refs_) {
    const auto idx = find_name(p.name);
    if (!idx) {
      std::string label = p.label, pointer = p.pointer;
      if (p.table_index != kNone) {  // as decode_table_qspec / decode_qspec / decode_spec_ref would have said
        pointer = "/qspecs/" + std::to_string(p.table_index);
        label = "qspec " + pointer;
        if (p.slot >= 0) pointer += "/derived_from/" + std::to_string(p.slot);
        pointer += !p.edge ? "/node" : p.consumer ? "/edge/1" : "/edge/0";
      }
      throw InputError("graph.dangling-ref", label + " refers to " + quote_text(p.name) + ", which is not a node of the graph",
                       pointer);
    }
    QSpec& q = (p.side ? side_ : graph_.qspecs)[p.qspec];
    SpecRef& r = p.slot < 0 ? q.shared : q.derived_from[static_cast<size_t>(p.slot)];
    (p.consumer ? r.consumer : r.producer) = *idx;
  }

  // Inline specs that were read before the table's end go after it.
  if (!side_.empty()) {
    const auto base = static_cast<uint32_t>(graph_.qspecs.size());
    auto fix = [base](uint32_t& ref) {
      if (ref != kNone && (ref & kInlineTag) != 0) ref = base + (ref & ~kInlineTag);
    };
    for (InputSpecEntry& e : graph_.node_input_specs) fix(e.qspec);
    for (Node& n : graph_.nodes) fix(n.output_qspec);
    graph_.qspecs.reserve(graph_.qspecs.size() + side_.size());
    for (QSpec& q : side_) graph_.qspecs.push_back(std::move(q));
  }
  // The flat arrays are complete: point the nodes' spans into them.
  for (size_t i = 0; i < graph_.nodes.size(); ++i) {
    Node& n = graph_.nodes[i];
    n.inputs.ptr = graph_.node_inputs.data() + first_[i][0];
    n.outputs.ptr = graph_.node_outputs.data() + first_[i][1];
    n.input_qspec_map.ptr = graph_.node_input_specs.data() + first_[i][2];
  }
  return std::move(graph_);
}

Graph Loader::run() {
  prepare();
  // nlohmann's lexer takes a NUL byte for the end of the input (for C strings), so anything after one
  // would go unread and a truncated document could pass. JSON never allows a raw NUL: refuse it here.
  if (const void* nul = std::memchr(body_.data(), 0, body_.size())) {
    const TextPos tp = text_pos(body_, static_cast<size_t>(static_cast<const char*>(nul) - body_.data()));
    throw InputError("json.syntax", "invalid JSON: a NUL byte (0x00) is not allowed in JSON text", {}, tp.line,
                     tp.column);
  }
  json::sax_parse(body_.data(), body_.data() + body_.size(), this, json::input_format_t::json, /*strict=*/true);
  return finish();
}

std::optional<Graph> Loader::run_fast() {
  // No NUL scan here: the reader rejects a NUL byte wherever it stands (a control byte in a string,
  // an unexpected byte elsewhere) and the document is then re-read by run(), which locates it.
  prepare();
  json_reader::Reader reader(body_);
  if (!reader.parse(*this)) return std::nullopt;
  return finish();
}

void Loader::prepare() {
  if (text_.size() > limits_.max_input_bytes) {
    throw InputError("limit.input-size", "the input is " + std::to_string(text_.size()) +
                                             " bytes, more than the limit of " +
                                             std::to_string(limits_.max_input_bytes) + " bytes (max_input_bytes)");
  }
  const auto byte = [this](size_t i) { return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0x100u; };
  // UTF-16 and UTF-32 (with a byte order mark, or recognisable by the NUL bytes of ASCII text) are
  // common from Windows tools; nlohmann would only say "invalid literal".
  const bool bom16 = (byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF);
  const bool bom32 = byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF;
  bool nul_start = false;
  for (size_t i = 0; i < 4 && i < text_.size(); ++i) nul_start |= text_[i] == '\0';
  if (bom16 || bom32 || nul_start) {
    throw InputError("json.encoding",
                     "the file looks like UTF-16 or UTF-32 text: it must be UTF-8 (re-save it as UTF-8)", {}, 1, 1);
  }
  body_ = text_;
  if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) body_.remove_prefix(3);  // UTF-8 BOM: accepted
  if (body_.find_first_not_of(" \t\r\n") == kNpos) {
    throw InputError("json.empty", "the input is empty: expected a qnnv.graph JSON object");
  }
}

}  // namespace

Graph load_graph(std::string_view json, const Limits& limits) {
  {
    Loader loader(json, limits);
    if (std::optional<Graph> g = loader.run_fast()) return std::move(*g);
  }
  Loader loader(json, limits);
  return loader.run();
}

}  // namespace qnnv::detail
