// The unit reader: JSON events -> one small value tree per "unit" of a qnnv.graph document (internal).
//
// It takes the events of either JSON reader (json_reader.h's fast one, or nlohmann's SAX parser, which
// reads a document again when the fast one declined it, so that every syntax error is nlohmann's) and
// cuts the document into units, as graph_keys.h describes it: each element of "nodes", each element of
// "qspecs", and the small top-level values (format, version, producer, hints). A unit's JSON is
// collected into a compact tree (Tree: finished values in one vector, strings in an arena), handed to
// the UnitSink as soon as the unit closes, and then cleared: peak memory is one node's JSON, not the
// file's. Members graph_keys.h does not list are skipped while parsing: only their depth and position
// are tracked, nothing is stored.
//
// The reader owns what belongs to the JSON text: the limits on depth, string size, unit size and unit
// count, duplicate keys, the JSON pointer of the current position and the mapping of nlohmann's syntax
// errors to located errors. It knows nothing of the Graph: what a unit means is the sink's business.
// Nothing recurses on JSON depth: the tree is built with an explicit stack.
//
// The tree is the general path. With the fast reader, each element of a list of units is first offered
// to the sink as text (UnitSink::unit_text): a sink that decodes it straight from the reader (the
// nodes, node_stream_decoder.h; the "qspecs" entries, qspec_stream_decoder.h) skips the tree; one that
// declines leaves the element to the tree, which reads it again from its '{'. Before offering, the reader
// checks what it would check at that '{' (depth, unit count), so that an element it would refuse is never
// offered; inside the element, the decoder keeps to this reader's limits with unit_bounds.h.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "graph_keys.h"
#include "json_reader.h"
#include "qnnv/qnnv.h"
#include "string_hash.h"

namespace qnnv::detail {

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
// carry their key (and, in an object graph_keys.h filters, what the key is). `skipped` marks an object
// member whose value was not kept (it still holds its key so that duplicate keys are found).
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
  Key id = Key::other;  // set in objects graph_keys.h filters (node, annotation, producer, hints)
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

// A value for a message: "null", "number 3", "string \"x\"", "a list"...
std::string describe(const JItem& v);

// What the unit reader hands on. Each call may throw (an InputError, or whatever the sink uses to
// abandon the document).
class UnitSink {
 public:
  virtual ~UnitSink() = default;
  // A document member that is a unit (format, version, producer, hints) or one element of a list of
  // units (nodes, qspecs; `index` is its position): `root` and its children (`items`) live until return.
  // `offset`: where a container root starts in the document (its '{' or '['), kUnknownOffset when the
  // events come from a reader that does not tell.
  virtual void unit(Key which, size_t index, const JItem& root, const JItem* items, size_t offset) = 0;
  // Element `index` of the list of units `which` is an object, read by the fast reader, which stands
  // at its '{' (byte `offset` of the document), inside `depth` open containers: the sink may decode it
  // straight from `reader` (json_reader.h's pull functions) and return true once it has read the whole
  // object. It returns false, having changed nothing that unit() reads or writes, to leave the element
  // to the tree (then unit() follows for it). Whatever the element holds, a sink that returns true must
  // reach the result unit() would: it declines whenever it cannot be sure of that.
  virtual bool unit_text(Key which, size_t index, json_reader::Reader& reader, size_t offset, size_t depth) = 0;
  // A list of units begins (whatever its value turns out to be) / ends (or is null).
  virtual void list_begin(Key which) = 0;
  virtual void list_end(Key which) = 0;
  // A located error about the document's shape, to be reported unless an earlier one takes precedence.
  virtual void shape_error(ErrorInfo e) = 0;
  // The top-level value is `what` ("a list", "number 3"...), not an object. Does not return.
  [[noreturn]] virtual void not_an_object(const std::string& what) = 0;
};

constexpr size_t kUnknownOffset = SIZE_MAX;

class UnitReader {
 public:
  // `body` is the whole document (without a byte order mark): string views into it are kept as they
  // are, and positions are computed in it.
  UnitReader(std::string_view body, const Limits& limits, UnitSink& sink)
      : body_(body), limits_(limits), sink_(sink) {}

  // Reading the events of `reader` (which reads `body`): units are given their offset.
  void track_offsets(const json_reader::Reader& reader) { offsets_ = &reader; }

  // Whether `s` is a view into the document (alive as long as the document).
  bool in_input(std::string_view s) const { return is_view_into(s, body_); }

  // The SAX interface of both readers. Every callback returns true or throws.
  bool null() { return scalar(JItem{}); }
  bool boolean(bool b) {
    JItem v;
    v.type = JType::boolean;
    v.num.b = b;
    return scalar(v);
  }
  bool number_integer(int64_t x) {
    JItem v;
    v.type = JType::integer;
    v.num.i = x;
    return scalar(v);
  }
  bool number_unsigned(uint64_t x) {
    JItem v;
    v.type = JType::unsigned_int;
    v.num.u = x;
    return scalar(v);
  }
  bool number_float(double x, const std::string& /*text*/) { return number_float(x); }
  bool number_float(double x) {
    JItem v;
    v.type = JType::floating;
    v.num.d = x;
    return scalar(v);
  }
  bool string(std::string& s) { return string_view_value(s); }
  bool string_view_value(std::string_view s) {
    check_string_size(s.size(), "string");
    JItem v;
    v.type = JType::string;
    v.str = s;  // copied into the unit's arena by add_to_tree() only if the value is kept
    return scalar(v);
  }
  bool binary(nlohmann::json::binary_t& /*unused*/) { return true; }  // never produced by the JSON reader
  bool start_object(std::size_t /*unknown size*/) { return start_container(true); }
  bool end_object() { return end_container(); }
  bool start_array(std::size_t /*unknown size*/) { return start_container(false); }
  bool end_array() { return end_container(); }
  bool key(std::string& k) { return key_view(k); }
  bool key_view(std::string_view k);
  // The fast reader's offer to read an object straight from the text: taken for the elements of a list
  // of units, when the sink wants them (see the header comment).
  bool object_here(json_reader::Reader& reader) {
    if (depth_ == 0 || frames_[depth_ - 1].role != Role::units) return false;
    return offer_unit(reader);
  }
  // nlohmann's report of a syntax error: throws it as a located InputError.
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex);

 private:
  // What the frame of an open container does with its members.
  enum class Role : uint8_t {
    top,      // the document object: its members are read by the document's key table
    units,    // a list of units: each element is one
    skip,     // inside a skipped value
    keep,     // inside a unit: keep everything
    args,     // inside a node's args or kwargs: keep everything, but count the values
    members,  // an object of a unit whose members graph_keys.h filters (Frame::obj)
  };
  static bool is_tree(Role r) { return r >= Role::keep; }

  struct Frame {
    Role role = Role::skip;
    Obj obj = Obj::none;       // Role::members: which table
    Key list = Key::other;     // Role::units: which list
    bool is_object = false;
    bool skip_value = false;   // the member whose key was just read is not kept
    const KeyInfo* member = nullptr;  // Role::members and top: the member being read, if the table has it
    size_t index = 0;          // arrays: index of the element being read
    std::string key;           // objects outside the unit: key of the member being read (for pointers)
    std::string_view tree_key; // tree frames: the same key, kept for the unit (see keep())
    size_t open_begin = 0;     // tree frames: where this container's members start in tree_.open
    std::unique_ptr<std::unordered_set<std::string_view, StringHash>> seen;  // duplicate check of big objects
  };

  enum class Dest { root, skip, top_member, unit_element, tree };

  // A string the unit's tree can hold for as long as the unit is decoded: the fast reader passes views
  // into the input for strings without escapes (kept as they are); anything else (an unescaped copy,
  // nlohmann's temporaries) is copied into the unit's arena.
  std::string_view keep(std::string_view s) { return in_input(s) ? s : tree_.arena.store(s); }
  Dest dest() const;
  bool scalar(JItem v);
  bool start_container(bool is_object);
  bool end_container();
  void push_frame(Role role, bool is_object);
  void after_value();
  void add_to_tree(JItem v);
  std::string open_node_label() const;
  // Inlined into key_view: its scan of a small object runs for every member key of every node.
  [[gnu::always_inline]] inline void check_duplicate(Frame& f, std::string_view key);
  void check_string_size(size_t n, const char* what);
  std::string pointer_here() const;
  bool offer_unit(json_reader::Reader& reader);
  // Whether element `index` of list `which` is one more than its limit allows (begin_unit's error).
  bool over_unit_count(Key which, size_t index) const {
    return (which == Key::nodes && index >= limits_.max_nodes) || (which == Key::qspecs && index >= limits_.max_qspecs);
  }
  void begin_unit(Key which, size_t index);
  void end_unit();

  std::string_view body_;
  const Limits& limits_;
  UnitSink& sink_;

  std::vector<Frame> frames_;  // frames_[0, depth_) are open; reused so their key strings keep capacity
  size_t depth_ = 0;
  std::unordered_set<std::string, StringHash> top_keys_;
  Tree tree_;
  Key unit_ = Key::other;  // the unit being read: format, version, producer, hints, qspecs or nodes
  size_t unit_index_ = 0;
  size_t unit_offset_ = kUnknownOffset;
  const json_reader::Reader* offsets_ = nullptr;
  size_t unit_root_depth_ = 0;
  size_t arg_values_ = 0;  // values kept in the current node's args and kwargs
};

}  // namespace qnnv::detail
