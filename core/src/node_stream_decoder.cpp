// Node decoding straight from the text (see node_stream_decoder.h). Every function returns false to
// decline; only apply() changes the Graph, once everything has been read and resolved.
#include "node_stream_decoder.h"

#include <algorithm>
#include <string>

#include "graph_keys.h"
#include "node_values.h"

namespace qnnv::detail {

bool NodeStreamDecoder::decode(json_reader::Reader& reader, size_t index, size_t offset, size_t depth) {
  if (c_.stopped) return false;  // an error is pending: the tree path knows what to look for
  r_ = &reader;
  bounds_.start(depth);
  scratch_.clear();
  keys_.clear();
  key_base_ = 0;
  levels_.clear();
  has_name_ = has_op_ = has_target_ = false;
  refs_.clear();
  arg_list_.clear();
  outputs_.clear();
  dims_.clear();
  val_known_ = val_is_list_ = annotated_ = false;
  entries_.clear();
  deferred_.clear();
  output_qspec_ = kNone;
  has_module_ = has_stack_trace_ = false;

  if (!members()) return false;
  const auto self = static_cast<uint32_t>(c_.graph.nodes.size());
  if (!resolve(self)) return false;
  apply(index, offset);
  return true;
}

// ---- Reading

// A member's key (and its colon), kept stable.
bool NodeStreamDecoder::key(std::string_view& k) {
  if (!bounds_.key(*r_, k)) return false;
  k = stable(k);
  return true;
}

// Records `k` among the keys of the innermost checked object; false if it is there already (the unit
// reader's json.duplicate-key). Objects with many keys are left to the unit reader's hash set.
bool NodeStreamDecoder::unique_key(std::string_view k) {
  constexpr size_t kMaxScanned = 32;
  if (keys_.size() - key_base_ >= kMaxScanned) return false;
  for (size_t i = key_base_; i < keys_.size(); ++i) {
    if (same(keys_[i], k)) return false;
  }
  keys_.push_back(k);
  return true;
}

// The same for a member of an object read by its table: a key the table has (`id`) is looked up in
// `known_seen`, as no other key of the object can equal it; only the others are compared.
bool NodeStreamDecoder::unique_key(std::string_view k, Key id, KeySet& known_seen) {
  return id == Key::other ? unique_key(k) : known_seen.add(id);
}

bool NodeStreamDecoder::scalar(JItem& v) {
  switch (r_->peek()) {
    case '"':
      v.type = JType::string;
      return bounds_.string(*r_, v.str);
    case 't':
      if (!r_->take_literal("true")) return false;
      v.type = JType::boolean;
      v.num.b = true;
      break;
    case 'f':
      if (!r_->take_literal("false")) return false;
      v.type = JType::boolean;
      v.num.b = false;
      break;
    case 'n':
      if (!r_->take_literal("null")) return false;
      v.type = JType::null;
      break;
    default: {
      json_reader::Number n;
      if (!r_->take_number(n)) return false;  // also what is not a scalar: '{', '[', a bad byte
      switch (n.kind) {
        case json_reader::Number::Kind::integer:
          v.type = JType::integer;
          v.num.i = n.i;
          break;
        case json_reader::Number::Kind::unsigned_int:
          v.type = JType::unsigned_int;
          v.num.u = n.u;
          break;
        case json_reader::Number::Kind::floating:
          v.type = JType::floating;
          v.num.d = n.d;
          break;
      }
    }
  }
  return bounds_.value();
}

bool NodeStreamDecoder::string(std::string_view& s) { return bounds_.string(*r_, s); }

bool NodeStreamDecoder::null() { return bounds_.literal(*r_, "null"); }

void NodeStreamDecoder::close_object(size_t saved_key_base) {
  keys_.resize(key_base_);
  key_base_ = saved_key_base;
  close();
}

// Any JSON value, which the unit reader keeps whole (`kept`: the keys of its objects must be unique) or
// skips (nothing checked but depth and string sizes). A work list of open containers, not recursion.
bool NodeStreamDecoder::any_value(bool kept) {
  const size_t base = levels_.size();
  for (;;) {
    const char c = r_->peek();
    if (c == '{' || c == '[') {
      const bool object = c == '{';
      if (!open(c)) return false;
      if (r_->take(object ? '}' : ']')) {
        close();  // empty
      } else {
        levels_.push_back({object, kept && object ? key_base_ : kNoKeys, 0});
        if (kept && object) key_base_ = keys_.size();
        std::string_view k;
        if (object && (!key(k) || (kept && !unique_key(k)))) return false;
        continue;  // to the first member's value or the first element
      }
    } else {
      JItem v;
      if (!scalar(v)) return false;
    }
    // After a value (an empty container closes at once): the next one, or the ends of containers.
    for (;;) {
      if (levels_.size() == base) return true;
      const Level l = levels_.back();
      if (r_->take(',')) {
        std::string_view k;
        if (l.object && (!key(k) || (l.key_base != kNoKeys && !unique_key(k)))) return false;
        break;
      }
      if (!r_->take(l.object ? '}' : ']')) return false;
      levels_.pop_back();
      if (l.key_base != kNoKeys) {
        close_object(l.key_base);
      } else {
        close();
      }
    }
  }
}

// An object whose keys are looked up in the format's table for `obj` (graph_keys.h) and are unique as
// that table says (every key, or only the table's own): each member's value is read by `member(id)`
// (true: read; false: decline), in document order.
template <class Member>
bool NodeStreamDecoder::table_object(Obj obj, Member&& member) {
  if (!open('{')) return false;
  const size_t saved = key_base_;
  key_base_ = keys_.size();
  if (!r_->take('}')) {
    KeySet seen;
    do {
      std::string_view k;
      if (!key(k)) return false;
      const Key id = find_key(obj, k);
      if ((id != Key::other || all_keys_unique(obj)) && !unique_key(k, id, seen)) return false;
      if (!member(id)) return false;
    } while (r_->take(','));
    if (!r_->take('}')) return false;
  }
  close_object(saved);
  return true;
}

// The node's object. Its keys are all unique; a member the format does not have is skipped, and the
// unit reader keeps a placeholder for it (one value).
bool NodeStreamDecoder::members() {
  if (!open('{')) return false;
  if (r_->take('}')) return true;  // no name: the tree path says so
  KeySet seen;
  do {
    std::string_view k;
    if (!key(k)) return false;
    const Key id = find_key(Obj::node, k);
    if (!unique_key(k, id, seen)) return false;
    bool ok = true;
    switch (id) {
      case Key::name:
        ok = string(name_);
        name_ = stable(name_);
        has_name_ = true;
        break;
      case Key::op: {
        std::string_view s;
        ok = string(s);
        const std::optional<NodeOp> op = ok ? node_op_named(s) : std::nullopt;
        ok = ok && op.has_value();
        if (ok) op_ = *op;
        has_op_ = true;
        break;
      }
      case Key::target:
        if (r_->peek() == 'n') {
          ok = null();
        } else {
          ok = string(target_);
          target_ = stable(target_);
          has_target_ = true;
        }
        break;
      case Key::args:
        bounds_.enter_args();
        ok = args();
        bounds_.leave_args();
        break;
      case Key::kwargs:
        bounds_.enter_args();
        ok = kwargs();
        bounds_.leave_args();
        break;
      case Key::val: ok = val(); break;
      case Key::annotation: ok = annotation(); break;
      case Key::meta: ok = meta(); break;
      default: ok = bounds_.value() && any_value(false); break;
    }
    if (!ok) return false;
  } while (r_->take(','));
  if (!r_->take('}')) return false;
  close_object(0);
  return true;
}

// A node reference {"node": NAME} where the tree path looks for one: any object among the arguments
// (or inside their lists) with a "node" member. Another object holds none; one with a string "dtype"
// member is a torch dtype argument, whose name goes to `dtype` (when asked for) if it has no "node".
bool NodeStreamDecoder::node_ref_object(std::string_view* dtype) {
  std::string_view dtype_name;
  bool has_node = false, has_dtype = false;
  const bool read = table_object(Obj::node_ref, [&](Key id) {
    if (id == Key::node) {
      std::string_view name;
      if (!string(name)) return false;
      refs_.push_back(stable(name));
      has_node = true;
      return true;
    }
    if (id == Key::dtype && r_->peek() == '"') {
      if (!string(dtype_name)) return false;
      dtype_name = stable(dtype_name);
      has_dtype = true;
      return true;
    }
    return any_value(true);
  });
  if (!read) return false;
  if (dtype != nullptr && has_dtype && !has_node) *dtype = dtype_name;
  return true;
}

// One value of args (at `position`) or of kwargs (named `kwarg`): its node references, through nested
// lists, and the values the Graph keeps (node_decoder.cpp's keep_arg_value: the value itself, or the
// elements of a list value and its length).
bool NodeStreamDecoder::argument(uint32_t position, std::string_view kwarg) {
  // A scalar (or a {"dtype": NAME} object) the Graph keeps, as the tree path's keep_arg_scalar.
  const auto keep = [&](const JItem& v, uint32_t element, bool in_list) {
    PendingArg a{{0, position, element, in_list, ArgKind::integer, 0, 0}, kwarg, {}};
    if (!arg_scalar(v, a.value, a.text)) return;
    if (a.value.kind == ArgKind::text) a.text = stable(a.text);
    arg_list_.push_back(a);
  };
  const auto keep_object = [&](uint32_t element, bool in_list) {
    std::string_view dtype;
    if (!node_ref_object(&dtype)) return false;
    if (!dtype.empty()) arg_list_.push_back({{0, position, element, in_list, ArgKind::dtype, 0, 0}, kwarg, dtype});
    return true;
  };
  const auto keep_length = [&](uint32_t count) {
    arg_list_.push_back({{0, position, 0, false, ArgKind::list_length, 0, count}, kwarg, {}});
  };
  const char c = r_->peek();
  if (c == '{') return keep_object(0, false);
  if (c != '[') {
    JItem v;
    if (!scalar(v)) return false;
    keep(v, 0, false);
    return true;
  }
  const size_t base = levels_.size();
  if (!open('[')) return false;
  levels_.push_back({false, kNoKeys, 0});
  if (r_->take(']')) {
    levels_.pop_back();
    close();
    keep_length(0);
    return true;
  }
  for (;;) {
    const uint32_t element = levels_.back().next++;
    const bool top = levels_.size() == base + 1;
    const char e = r_->peek();
    if (e == '[') {
      if (!open('[')) return false;
      levels_.push_back({false, kNoKeys, 0});
      if (!r_->take(']')) continue;  // to its first element
      levels_.pop_back();
      close();
    } else if (e == '{') {
      if (top ? !keep_object(element, true) : !node_ref_object()) return false;
    } else {
      JItem v;
      if (!scalar(v)) return false;
      if (top) keep(v, element, true);
    }
    for (;;) {
      if (r_->take(',')) break;
      if (!r_->take(']')) return false;
      const uint32_t count = levels_.back().next;
      levels_.pop_back();
      close();
      if (levels_.size() == base) {
        keep_length(count);
        return true;
      }
    }
  }
}

bool NodeStreamDecoder::args() {
  if (r_->peek() == 'n') return null();
  if (!open('[')) return false;
  if (r_->take(']')) {
    close();
    return true;
  }
  uint32_t position = 0;
  do {
    if (!argument(position++, {})) return false;
  } while (r_->take(','));
  if (!r_->take(']')) return false;
  close();
  return true;
}

bool NodeStreamDecoder::kwargs() {
  if (r_->peek() == 'n') return null();
  if (!open('{')) return false;
  const size_t saved = key_base_;
  key_base_ = keys_.size();
  if (!r_->take('}')) {
    do {
      std::string_view k;
      if (!key(k) || !unique_key(k) || !argument(0, k)) return false;
    } while (r_->take(','));
    if (!r_->take('}')) return false;
  }
  close_object(saved);
  return true;
}

bool NodeStreamDecoder::val() {
  const char c = r_->peek();
  if (c == 'n') return null();
  if (c == '{') {
    val_known_ = true;
    return tensor_meta();
  }
  if (c != '[') return false;
  val_known_ = val_is_list_ = true;
  if (!open('[')) return false;
  if (!r_->take(']')) {
    do {
      const char e = r_->peek();
      if (e == 'n') {
        if (!null()) return false;
        outputs_.push_back(OutputMeta{});
      } else if (e != '{' || !tensor_meta()) {
        return false;
      }
    } while (r_->take(','));
    if (!r_->take(']')) return false;
  }
  close();
  return true;
}

// {"dtype": NAME or null, "shape": [sizes] or null, ...}: one entry of the node's outputs.
bool NodeStreamDecoder::tensor_meta() {
  OutputMeta out;
  const bool read = table_object(Obj::tensor_meta, [&](Key id) {
    switch (id) {
      case Key::dtype: {
        if (r_->peek() == 'n') return null();
        std::string_view name;
        if (!string(name)) return false;
        out.dtype = parse_torch_dtype(name);
        return true;
      }
      case Key::shape: {
        if (r_->peek() == 'n') return null();
        if (!open('[')) return false;
        size_t length = 0;
        out.dims_first = static_cast<uint32_t>(dims_.size());
        if (!r_->take(']')) {
          do {
            JItem d;
            if (!scalar(d)) return false;
            if (d.type != JType::integer && d.type != JType::unsigned_int && d.type != JType::string) return false;
            if (length < kMaxKeptRank) dims_.push_back(shape_dim(d));
            ++length;
          } while (r_->take(','));
          if (!r_->take(']')) return false;
        }
        close();
        out.rank = shape_rank(length);
        return true;
      }
      default: return any_value(true);
    }
  });
  if (!read) return false;
  outputs_.push_back(out);
  return true;
}

// The annotation: its keys are all unique; a member the format does not have is skipped (one
// placeholder value in the unit reader).
bool NodeStreamDecoder::annotation() {
  const char c = r_->peek();
  if (c == 'n') return null();
  if (c != '{') return false;
  annotated_ = true;
  return table_object(Obj::annotation, [&](Key id) {
    switch (id) {
      case Key::input_qspec_map: {
        if (r_->peek() == 'n') return null();
        if (!open('[')) return false;
        if (!r_->take(']')) {
          do {
            if (!qspec_map_entry()) return false;
          } while (r_->take(','));
          if (!r_->take(']')) return false;
        }
        close();
        return true;
      }
      case Key::output_qspec: return qspec_ref(-1, output_qspec_);
      default: return bounds_.value() && any_value(false);
    }
  });
}

// {"arg": NAME, "qspec": INDEX or null, ...}; the name is resolved once the node is read.
bool NodeStreamDecoder::qspec_map_entry() {
  if (r_->peek() != '{') return false;
  Entry e;
  bool has_arg = false, has_qspec = false;
  const bool read = table_object(Obj::qspec_map_entry, [&](Key id) {
    switch (id) {
      case Key::arg:
        has_arg = true;
        if (!string(e.arg)) return false;
        e.arg = stable(e.arg);
        return true;
      case Key::qspec:
        has_qspec = true;
        return qspec_ref(static_cast<int32_t>(entries_.size()), e.qspec);
      default: return any_value(true);
    }
  });
  if (!read || !has_arg || !has_qspec) return false;
  entries_.push_back(e);
  return true;
}

// An index into "qspecs", or null. The bound is the qspec decoder's (decode_ref); an index read before
// the table's end is checked against its size at the end of the document (deferred_, in document order,
// as the tree path defers them). An inline qspec object: declined.
bool NodeStreamDecoder::qspec_ref(int32_t entry, uint32_t& out) {
  const char c = r_->peek();
  if (c != 'n' && c != '-' && (c < '0' || c > '9')) return false;
  JItem v;
  if (!scalar(v)) return false;
  uint64_t index = 0;
  if (v.type == JType::null) {
    out = kNone;
    return true;
  }
  if (v.type == JType::integer && v.num.i >= 0) {
    index = static_cast<uint64_t>(v.num.i);
  } else if (v.type == JType::unsigned_int) {
    index = v.num.u;
  } else {
    return false;
  }
  const uint64_t bound = c_.table_done ? c_.table_size : std::min<uint64_t>(c_.limits.max_qspecs, kInlineTag);
  if (index >= bound) return false;
  if (!c_.table_done) deferred_.push_back({entry, static_cast<uint32_t>(index)});
  out = static_cast<uint32_t>(index);
  return true;
}

// meta: module and stack_trace are read when they are strings; only they must be unique (the
// exporter's other keys are skipped unchecked, as the unit reader does).
bool NodeStreamDecoder::meta() {
  const char c = r_->peek();
  if (c == '[') return false;
  if (c != '{') {
    JItem v;
    return scalar(v);
  }
  return table_object(Obj::node_meta, [&](Key id) {
    if (id == Key::other) return any_value(false);
    const char v = r_->peek();
    if (v == '{' || v == '[') return false;
    JItem s;
    if (!scalar(s)) return false;
    if (s.type == JType::string && id == Key::module) {
      module_ = stable(s.str);
      has_module_ = true;
    } else if (s.type == JType::string) {
      stack_trace_ = stable(s.str);
      has_stack_trace_ = true;
    }
    return true;
  });
}

// ---- Applying

// What the tree path checks once a node is read, without changing anything: the name is new, the op
// and target fit, every reference names an earlier node, no input_qspec_map argument is named twice.
bool NodeStreamDecoder::resolve(uint32_t self) {
  if (!has_name_ || !has_op_) return false;
  if (c_.refs.names.find(name_)) return false;
  if (!has_target_ && op_ == NodeOp::call_function) return false;
  if (refs_.size() > c_.limits.max_args_per_node) return false;
  ref_nodes_.clear();
  for (const std::string_view ref : refs_) {
    if (same(ref, name_)) return false;
    const std::optional<uint32_t> node = c_.refs.names.find(ref);
    if (!node) return false;
    ref_nodes_.push_back(*node);
  }
  for (size_t k = 0; k < entries_.size(); ++k) {
    Entry& e = entries_[k];
    // input_qspec_map usually lists the arguments in the order of the references: no second lookup.
    const std::optional<uint32_t> node = k < refs_.size() && same(e.arg, refs_[k]) ? ref_nodes_[k]
                                         : same(e.arg, name_) ? std::optional<uint32_t>(self)
                                                              : c_.refs.names.find(e.arg);
    if (!node) continue;  // a later node, or none: resolved (or reported) at the end of the document
    e.node = *node;
    // This decoder's own marks: a node it declines is marked for its number only, which no other node has.
    if (arg_seen_.size() <= e.node) arg_seen_.resize(size_t(e.node) + 1, 0);
    if (arg_seen_[e.node] == self + 1) return false;
    arg_seen_[e.node] = self + 1;
  }
  return true;
}

// Appends the node as NodeDecoder::decode() would.
void NodeStreamDecoder::apply(size_t index, size_t offset) {
  Graph& g = c_.graph;
  const auto self = static_cast<uint32_t>(g.nodes.size());
  Node n;
  n.json_index = static_cast<uint32_t>(index);
  n.op = op_;
  n.name = g.text.store(name_);
  if (has_target_) n.target = c_.intern(node_target(target_));
  const auto in_first = static_cast<uint32_t>(g.node_inputs.size());
  const auto out_first = static_cast<uint32_t>(g.node_outputs.size());
  const auto map_first = static_cast<uint32_t>(g.node_input_specs.size());
  c_.refs.names.insert(n.name, self);

  g.node_inputs.insert(g.node_inputs.end(), ref_nodes_.begin(), ref_nodes_.end());
  n.inputs.count = static_cast<uint32_t>(ref_nodes_.size());
  if (g.arg_first.empty()) g.arg_first.push_back(0);
  for (const PendingArg& p : arg_list_) {
    ArgValue a = p.value;
    a.key = c_.intern_id(p.key);
    a.text = c_.intern_id(p.text);
    g.arg_values.push_back(a);
  }
  g.arg_first.push_back(static_cast<uint32_t>(g.arg_values.size()));

  const auto dims_base = static_cast<uint32_t>(g.shape_dims.size());
  for (OutputMeta m : outputs_) {
    if (m.dims_first != kNone) m.dims_first += dims_base;
    g.node_outputs.push_back(m);
  }
  g.shape_dims.insert(g.shape_dims.end(), dims_.begin(), dims_.end());
  n.outputs.count = static_cast<uint32_t>(outputs_.size());
  n.val_known = val_known_;
  n.val_is_list = val_is_list_;

  n.annotated = annotated_;
  for (size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    if (e.node == kNone) c_.refs.defer_arg(self, static_cast<uint32_t>(k), std::string(e.arg));
    g.node_input_specs.push_back({e.node, e.qspec});
  }
  n.input_qspec_map.count = static_cast<uint32_t>(entries_.size());
  n.output_qspec = output_qspec_;
  for (const DeferredIndex& d : deferred_) c_.refs.defer_index(self, d.entry, d.index);

  if (has_module_ || has_stack_trace_) {
    add_node_meta(c_, n, has_module_ ? std::optional<std::string_view>(module_) : std::nullopt,
                  has_stack_trace_ ? std::optional<std::string_view>(stack_trace_) : std::nullopt);
  }
  c_.node_first.push_back({in_first, out_first, map_first});
  c_.node_offsets.push_back(offset < UINT32_MAX ? static_cast<uint32_t>(offset) : UINT32_MAX);
  g.nodes.push_back(n);

  // The context as the tree path leaves it after a node.
  c_.table_qspec_index = kNone;
  c_.path.clear();
  c_.path.key("nodes");
  c_.path.index(index);
  c_.label_.node = static_cast<uint32_t>(index);
  c_.label_.named = true;
  c_.label_.name = n.name;
}

}  // namespace qnnv::detail
