// The unit reader (see json_unit_reader.h).
#include "json_unit_reader.h"

#include <algorithm>
#include <cstdio>

#include "text.h"

namespace qnnv::detail {

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

UnitReader::Dest UnitReader::dest() const {
  if (depth_ == 0) return Dest::root;
  const Frame& p = frames_[depth_ - 1];
  if (p.skip_value || p.role == Role::skip) return Dest::skip;
  switch (p.role) {
    case Role::top: return Dest::top_member;
    case Role::units: return Dest::unit_element;
    default: return Dest::tree;
  }
}

std::string UnitReader::pointer_here() const {
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

void UnitReader::check_string_size(size_t n, const char* what) {
  if (n > limits_.max_string_bytes) {
    throw InputError("limit.string",
                     std::string("a ") + what + " of " + std::to_string(n) + " bytes is longer than the limit of " +
                         std::to_string(limits_.max_string_bytes) + " bytes (max_string_bytes)",
                     pointer_here());
  }
}

void UnitReader::push_frame(Role role, bool is_object) {
  if (depth_ == frames_.size()) frames_.emplace_back();
  Frame& f = frames_[depth_++];
  f.role = role;
  f.obj = Obj::none;
  f.is_object = is_object;
  f.skip_value = false;
  f.member = nullptr;
  f.index = 0;
  f.key.clear();
  f.tree_key = {};
  f.open_begin = tree_.open.size();
  f.seen.reset();
}

void UnitReader::after_value() {
  if (depth_ == 0) return;
  Frame& p = frames_[depth_ - 1];
  ++p.index;
  p.skip_value = false;
}

// 'node "conv2d"' for the node being read, if its name came before the current position, else 'the node
// at /nodes/3'. Only the node object's own members are looked at (they precede any open container's).
std::string UnitReader::open_node_label() const {
  if (unit_ == Key::nodes && depth_ > unit_root_depth_ && unit_root_depth_ > 0) {
    const size_t begin = frames_[unit_root_depth_ - 1].open_begin;
    const size_t end = frames_[unit_root_depth_].open_begin - 1;  // the open member container's placeholder
    for (size_t i = begin; i < end && i < tree_.open.size(); ++i) {
      if (tree_.open[i].id == Key::name && tree_.open[i].type == JType::string) {
        return "node " + quote_text(tree_.open[i].str);
      }
    }
  }
  return "the node at /nodes/" + std::to_string(unit_index_);
}

void UnitReader::add_to_tree(JItem v) {
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
                     (unit_ == Key::nodes ? open_node_label() : std::string("a qspec entry")) + " holds more than " +
                         std::to_string(limits_.max_unit_values) + " JSON values (max_unit_values)",
                     pointer_here());
  }
  if (v.type == JType::string) v.str = keep(v.str);
  if (parent != nullptr && is_tree(parent->role) && parent->is_object) {
    v.key = parent->tree_key;
    if (parent->member != nullptr) v.id = parent->member->key;
  }
  tree_.open.push_back(v);
}

bool UnitReader::offer_unit(json_reader::Reader& reader) {
  const Frame& f = frames_[depth_ - 1];
  // What start_container() and begin_unit() would refuse at this '{' is theirs to report.
  if (depth_ >= limits_.max_depth || over_unit_count(f.member->key, f.index)) return false;
  const auto offset = static_cast<size_t>(reader.position() - body_.data());
  if (!sink_.unit_text(f.member->key, f.index, reader, offset, depth_)) return false;
  after_value();
  return true;
}

void UnitReader::begin_unit(Key which, size_t index) {
  tree_.clear();
  unit_ = which;
  unit_index_ = index;
  arg_values_ = 0;
  unit_root_depth_ = depth_ + 1;  // where the unit's root frame sits if the unit is a container
  // Called as a container's start event is handled: the reader stands just past its '{' or '['.
  unit_offset_ = offsets_ != nullptr ? static_cast<size_t>(offsets_->position() - body_.data()) - 1 : kUnknownOffset;
  if (!over_unit_count(which, index)) return;
  if (which == Key::nodes) {
    throw InputError("limit.nodes",
                     "the graph has more than " + std::to_string(limits_.max_nodes) + " nodes (max_nodes)",
                     pointer_here());
  }
  throw InputError("limit.qspecs",
                   "the graph has more than " + std::to_string(limits_.max_qspecs) + " qspecs (max_qspecs)",
                   pointer_here());
}

void UnitReader::end_unit() {
  const JItem root = tree_.open.at(0);
  const Key which = unit_;
  unit_ = Key::other;
  sink_.unit(which, unit_index_, root, tree_.items.data(), unit_offset_);
  tree_.clear();
}

bool UnitReader::scalar(JItem v) {
  switch (dest()) {
    case Dest::root: sink_.not_an_object(describe(v));
    case Dest::skip: break;
    case Dest::top_member: {
      const Frame& f = frames_[depth_ - 1];
      const KeyInfo& member = *f.member;
      if (member.units == Units::list || member.units == Units::list_or_null) {
        sink_.list_begin(member.key);
        if (member.units == Units::list || v.type != JType::null) {
          sink_.shape_error({"graph.type", "\"" + f.key + "\" must be a list, got " + describe(v), pointer_here(), 0,
                             0});
        }
        sink_.list_end(member.key);
      } else {
        begin_unit(member.key, 0);
        add_to_tree(v);
        end_unit();
      }
      break;
    }
    case Dest::unit_element: {
      const Frame& f = frames_[depth_ - 1];
      begin_unit(f.member->key, f.index);
      add_to_tree(v);
      end_unit();
      break;
    }
    case Dest::tree: add_to_tree(v); break;
  }
  after_value();
  return true;
}

bool UnitReader::start_container(bool is_object) {
  const Dest d = dest();
  if (depth_ >= limits_.max_depth) {
    throw InputError("limit.depth",
                     "JSON nesting deeper than " + std::to_string(limits_.max_depth) +
                         " levels (max_depth); a qnnv graph needs far fewer",
                     pointer_here());
  }
  Role role = Role::skip;
  Obj obj = Obj::none;
  const KeyInfo* list = nullptr;
  // The table of a unit's root object, or of an object member of a filtered object.
  const auto members_or_keep = [&](const KeyInfo& holder) {
    if (is_object && holder.value != Obj::none) {
      role = Role::members;
      obj = holder.value;
    } else {
      role = Role::keep;
    }
  };
  switch (d) {
    case Dest::root:
      if (!is_object) sink_.not_an_object("a list");
      role = Role::top;
      obj = Obj::document;
      break;
    case Dest::skip: role = Role::skip; break;
    case Dest::top_member: {
      const Frame& f = frames_[depth_ - 1];
      const KeyInfo& member = *f.member;
      if (member.units == Units::list || member.units == Units::list_or_null) {
        sink_.list_begin(member.key);
        if (is_object) {
          sink_.shape_error({"graph.type", "\"" + f.key + "\" must be a list, got an object", pointer_here(), 0, 0});
          role = Role::skip;
        } else {
          role = Role::units;
          list = &member;
        }
      } else {
        begin_unit(member.key, 0);
        members_or_keep(member);
      }
      break;
    }
    case Dest::unit_element: {
      const Frame& f = frames_[depth_ - 1];
      begin_unit(f.member->key, f.index);
      members_or_keep(*f.member);
      break;
    }
    case Dest::tree: {
      const Frame& p = frames_[depth_ - 1];
      if (p.role == Role::members && p.member != nullptr) {
        members_or_keep(*p.member);
        if (role == Role::keep && p.member->args) role = Role::args;
      } else {
        role = p.role == Role::args ? Role::args : Role::keep;
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
  frames_[depth_ - 1].obj = obj;
  frames_[depth_ - 1].member = list;
  return true;
}

bool UnitReader::end_container() {
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
  } else if (f.role == Role::units) {
    sink_.list_end(f.member->key);
  }
  f.seen.reset();
  --depth_;
  if (unit_done) end_unit();
  after_value();
  return true;
}

inline void UnitReader::check_duplicate(Frame& f, std::string_view key) {
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

bool UnitReader::key_view(std::string_view k) {
  Frame& f = frames_[depth_ - 1];
  if (k.size() > limits_.max_string_bytes) {
    // Located at the object holding the key: a pointer (and so an error message) must not carry a huge key.
    std::string object = pointer_here();
    object.erase(object.rfind('/'));
    throw InputError("limit.string",
                     "a key of " + std::to_string(k.size()) + " bytes (starting " + quote_text(k.substr(0, 32)) +
                         ") is longer than the limit of " + std::to_string(limits_.max_string_bytes) +
                         " bytes (max_string_bytes)",
                     object);
  }
  if (is_tree(f.role)) {
    // Tree frames name their member by tree_key (kept for the unit, see keep()); `key` is for the others.
    const std::string_view stored = keep(k);
    f.tree_key = stored;
    if (f.role != Role::members) {
      check_duplicate(f, stored);
      return true;
    }
    f.member = find_key_info(f.obj, stored);
    if (f.member != nullptr || all_keys_unique(f.obj)) check_duplicate(f, stored);
    if (f.member == nullptr) {
      f.skip_value = true;
      if (!all_keys_unique(f.obj)) return true;  // nothing to find it by later
      JItem s;
      s.type = JType::skipped;
      s.key = stored;
      tree_.open.push_back(s);
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
    f.member = find_key_info(Obj::document, k);
    f.skip_value = f.member == nullptr;
  }
  return true;
}

bool UnitReader::parse_error(std::size_t position, const std::string& last_token,
                             const nlohmann::detail::exception& ex) {
  if (ex.id == 406) {  // out_of_range.406: number overflow
    // nlohmann rejects numbers that overflow a double (1e999) while reading them; report where.
    const size_t start = position >= last_token.size() ? position - last_token.size() : 0;
    const TextPos tp = text_pos(body_, start);
    throw InputError("graph.number", "the number " + echo_text(last_token) + " is out of range: it does not fit a 64-bit float",
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
  if (bad != std::string_view::npos) {
    const TextPos tp = text_pos(body_, bad);
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(body_[bad]));
    throw InputError("json.encoding", std::string("invalid UTF-8 (byte ") + byte + "): the file must be UTF-8 text",
                     {}, tp.line, tp.column);
  }
  // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error
  // while parsing value - invalid literal; last read: 'tru'; expected ...". Its position counts bytes; we
  // give our own (in characters), so keep only what follows the location.
  const size_t colon = what.find(": ", what.find("column"));
  if (colon != std::string::npos) what = what.substr(colon + 2);
  const TextPos tp = text_pos(body_, at);
  throw InputError("json.syntax", "invalid JSON: " + what, {}, tp.line, tp.column);
}

}  // namespace qnnv::detail
