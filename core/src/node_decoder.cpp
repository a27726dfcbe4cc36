// Node decoding (see node_decoder.h).
#include "node_decoder.h"

#include "node_values.h"

#include <algorithm>
#include <string>
#include <utility>

namespace qnnv::detail {

// While an args reference to an unknown name is pending, later nodes are only looked at for that name.
void NodeDecoder::watch_forward_name(const JItem& v, size_t index) {
  if (!c_.refs.watching_forward() || v.type != JType::object) return;
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (m[i].id == Key::name && m[i].type == JType::string && m[i].str == c_.refs.forward_name()) {
      c_.refs.forward_found(index);
    }
  }
}

void NodeDecoder::decode(const JItem& v, size_t index, size_t offset) {
  c_.table_qspec_index = kNone;
  if (c_.stopped) {
    watch_forward_name(v, index);
    return;
  }
  c_.path.clear();
  c_.path.key("nodes");
  c_.path.index(index);
  c_.label_.node = static_cast<uint32_t>(index);  // "the node at /nodes/N", written out if needed
  c_.label_.named = false;
  if (v.type != JType::object) c_.type_error(v, "a node", "an object");

  const JItem *name = nullptr, *op = nullptr, *target = nullptr, *args = nullptr, *kwargs = nullptr,
              *val = nullptr, *annotation = nullptr, *meta = nullptr;
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    const JItem* p = &m[i];
    switch (p->id) {  // the node's members the unit reader kept (graph_keys.h)
      case Key::name: name = p; break;
      case Key::op: op = p; break;
      case Key::target: target = p; break;
      case Key::args: args = p; break;
      case Key::kwargs: kwargs = p; break;
      case Key::val: val = p; break;
      case Key::annotation: annotation = p; break;
      case Key::meta: meta = p; break;
      default: break;
    }
  }

  Node n;
  n.json_index = static_cast<uint32_t>(index);
  const auto in_first = static_cast<uint32_t>(c_.graph.node_inputs.size());
  const auto out_first = static_cast<uint32_t>(c_.graph.node_outputs.size());
  const auto map_first = static_cast<uint32_t>(c_.graph.node_input_specs.size());
  const auto self = static_cast<uint32_t>(c_.graph.nodes.size());

  if (name == nullptr) c_.raise("graph.missing", c_.label() + " has no \"name\": every node needs its fx name");
  {
    Seg s(c_.path, "name");
    if (name->type != JType::string) c_.type_error(*name, "\"name\"", "a string");
    if (auto prev = c_.refs.names.find(name->str)) {
      c_.raise("graph.duplicate-node", "node name " + quote_text(name->str) + " at /nodes/" + std::to_string(index) +
                                        " is already used by /nodes/" +
                                        std::to_string(c_.graph.nodes[*prev].json_index) +
                                        "; node names must be unique");
    }
  }
  n.name = c_.graph.text.store(name->str);
  c_.label_.name = n.name;  // 'node "NAME"' from now on
  c_.label_.named = true;

  if (op == nullptr) c_.raise("graph.missing", c_.label() + " has no \"op\"");
  {
    Seg s(c_.path, "op");
    if (op->type != JType::string) c_.type_error(*op, "\"op\"", "a string");
    const std::optional<NodeOp> known = node_op_named(op->str);
    if (known) n.op = *known;
    if (!known) {
      c_.raise("graph.node-op", c_.label() + ": unknown op " + quote_text(op->str) +
                                 ": expected placeholder, get_attr, call_function, call_method, call_module or "
                                 "output");
    }
  }

  if (target != nullptr && target->type != JType::null) {
    Seg s(c_.path, "target");
    if (target->type != JType::string) c_.type_error(*target, "\"target\"", "a string");
    n.target = c_.intern(node_target(target->str));
  } else if (n.op == NodeOp::call_function) {
    c_.raise("graph.missing", c_.label() + " is a call_function without a \"target\" (e.g. \"aten.conv2d.default\")");
  }

  // The name is registered before the references are read so that a reference to the node itself is
  // recognised as such (and an inline shared edge [input, this node] resolves at once).
  c_.refs.names.insert(n.name, self);

  if (c_.graph.arg_first.empty()) c_.graph.arg_first.push_back(0);
  if (args != nullptr && args->type != JType::null) {
    Seg s(c_.path, "args");
    if (args->type != JType::array) c_.type_error(*args, "\"args\"", "a list");
    walk_refs(*args, n, self);
    const JItem* a = c_.children(*args);
    for (uint32_t i = 0; i < args->count; ++i) keep_arg_value(a[i], false, i);
  }
  if (kwargs != nullptr && kwargs->type != JType::null) {
    Seg s(c_.path, "kwargs");
    if (kwargs->type != JType::object) c_.type_error(*kwargs, "\"kwargs\"", "an object");
    const JItem* kw = c_.children(*kwargs);
    for (uint32_t i = 0; i < kwargs->count; ++i) {
      Seg k(c_.path, kw[i].key);
      walk_refs(kw[i], n, self);
      keep_arg_value(kw[i], true, 0);
    }
  }
  c_.graph.arg_first.push_back(static_cast<uint32_t>(c_.graph.arg_values.size()));
  if (val != nullptr) {
    Seg s(c_.path, "val");
    decode_val(*val, n);
  }
  if (annotation != nullptr && annotation->type != JType::null) {
    Seg s(c_.path, "annotation");
    if (annotation->type != JType::object) c_.type_error(*annotation, "\"annotation\"", "an object or null");
    decode_annotation(*annotation, n, self);
  }
  if (meta != nullptr) decode_meta(*meta, n);
  c_.node_first.push_back({in_first, out_first, map_first});
  c_.node_offsets.push_back(offset < UINT32_MAX ? static_cast<uint32_t>(offset) : UINT32_MAX);
  c_.graph.nodes.push_back(n);
}

// An integer, boolean, float, string or dtype argument ({"dtype": NAME}), or a list of those (a kernel
// size), is kept for the data's argument conditions, a list with its length; anything else (tensors,
// nested lists) is not.
void NodeDecoder::keep_arg_value(const JItem& v, bool kwarg, uint32_t position) {
  const uint32_t key = kwarg ? c_.intern_id(v.key) : 0;  // interned: few distinct names
  if (v.type != JType::array) {
    keep_arg_scalar(v, key, position, 0, false);
    return;
  }
  const JItem* e = c_.children(v);
  for (uint32_t k = 0; k < v.count; ++k) keep_arg_scalar(e[k], key, position, k, true);
  ArgValue length{key, position, 0, false, ArgKind::list_length, 0, v.count};
  c_.graph.arg_values.push_back(length);
}

void NodeDecoder::keep_arg_scalar(const JItem& v, uint32_t key, uint32_t position, uint32_t element,
                                  bool in_list) {
  ArgValue a{key, position, element, in_list, ArgKind::integer, 0, 0};
  std::string_view text;
  if (arg_scalar(v, a, text)) {
    if (a.kind == ArgKind::text) a.text = c_.intern_id(text);
    c_.graph.arg_values.push_back(a);
  } else if (v.type == JType::object) {
    // {"dtype": NAME} without a node reference: a torch dtype argument
    const JItem* m = c_.children(v);
    const JItem* dtype = nullptr;
    for (uint32_t i = 0; i < v.count; ++i) {
      const Key id = find_key(Obj::node_ref, m[i].key);
      if (id == Key::node) return;
      if (id == Key::dtype && m[i].type == JType::string) dtype = &m[i];
    }
    if (dtype == nullptr) return;
    a.kind = ArgKind::dtype;
    a.text = c_.intern_id(dtype->str);
    c_.graph.arg_values.push_back(a);
  }
}

// Node references in an args list or a kwargs value, in order, through nested lists (aten.cat's list of
// tensors). c_.path points at `v`.
void NodeDecoder::walk_refs(const JItem& v, Node& n, uint32_t self) {
  if (v.type != JType::array) {
    check_ref(v, n, self);
    return;
  }
  const size_t base = c_.path.size();
  walk_.clear();
  walk_.push_back({c_.children(v), v.count, 0});
  while (!walk_.empty()) {
    WalkLevel& level = walk_.back();
    c_.path.resize(base + walk_.size() - 1);
    if (level.next == level.count) {
      walk_.pop_back();
      continue;
    }
    const uint32_t i = level.next++;
    const JItem& x = level.items[i];
    c_.path.index(i);
    if (x.type == JType::array) {
      walk_.push_back({c_.children(x), x.count, 0});  // its index segment stays on the path
    } else {
      check_ref(x, n, self);
    }
  }
  c_.path.resize(base);
}

void NodeDecoder::check_ref(const JItem& v, Node& n, uint32_t self) {
  if (v.type != JType::object) return;
  const JItem* m = c_.children(v);
  const JItem* ref = nullptr;
  for (uint32_t i = 0; i < v.count; ++i) {
    if (find_key(Obj::node_ref, m[i].key) == Key::node) ref = &m[i];
  }
  if (ref == nullptr) return;  // another object, e.g. a dtype argument {"dtype": "float32"}
  Seg s(c_.path, "node");
  if (ref->type != JType::string) c_.type_error(*ref, "a node reference {\"node\": NAME}", "a string name");
  const auto idx = c_.refs.names.find(ref->str);
  if (idx && *idx == self) {
    c_.raise("graph.forward-ref", c_.label() + " uses itself as an argument; an fx graph cannot contain such a cycle");
  }
  if (!idx) {
    // Not seen yet: either later in the file (graph order is topological, so that is an error too) or
    // nowhere. Which one is only known at the end.
    c_.refs.forward(std::string(ref->str), c_.path.str(), c_.label());
    c_.stopped = true;
    throw StopUnit{};
  }
  c_.graph.node_inputs.push_back(*idx);
  if (++n.inputs.count > c_.limits.max_args_per_node) {
    throw InputError("limit.args",
                     c_.label() + " has more than " + std::to_string(c_.limits.max_args_per_node) +
                         " node references in its args and kwargs (max_args_per_node)",
                     c_.path.str());
  }
}

OutputMeta NodeDecoder::decode_tensor_meta(const JItem& v) {
  OutputMeta out;
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    const Key key = find_key(Obj::tensor_meta, m[i].key);
    if (key == Key::dtype) {
      Seg s(c_.path, "dtype");
      if (auto name = c_.get_string(m[i], "\"dtype\"")) out.dtype = parse_torch_dtype(*name);
    } else if (key == Key::shape) {
      // The rank and the sizes are kept (the data's rank and size conditions, node_values.h's shape_dim).
      Seg s(c_.path, "shape");
      const JItem& shape = m[i];
      if (shape.type == JType::null) continue;
      if (shape.type != JType::array) c_.type_error(shape, "\"shape\"", "a list of sizes");
      out.rank = shape_rank(shape.count);
      out.dims_first = static_cast<uint32_t>(c_.graph.shape_dims.size());
      const JItem* dims = c_.children(shape);
      for (uint32_t d = 0; d < shape.count; ++d) {
        const JType t = dims[d].type;
        if (t != JType::integer && t != JType::unsigned_int && t != JType::string) {
          Seg sd(c_.path, d);
          c_.type_error(dims[d], "a dimension", "an integer or a symbolic size (string)");
        }
        if (d < uint32_t(out.rank)) c_.graph.shape_dims.push_back(shape_dim(dims[d]));
      }
    }
  }
  return out;
}

void NodeDecoder::decode_val(const JItem& v, Node& n) {
  const auto add_output = [&](OutputMeta m) {  // to the node's run of the Graph's flat array
    c_.graph.node_outputs.push_back(m);
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
      const JItem* e = c_.children(v);
      for (uint32_t i = 0; i < v.count; ++i) {
        Seg s(c_.path, i);
        if (e[i].type == JType::null) {
          add_output(OutputMeta{});
        } else if (e[i].type == JType::object) {
          add_output(decode_tensor_meta(e[i]));
        } else {
          c_.type_error(e[i], "an element of \"val\"", "an object {\"dtype\", \"shape\"} or null");
        }
      }
      return;
    }
    default: c_.type_error(v, "\"val\"", "an object {\"dtype\", \"shape\"}, a list of those, or null");
  }
}

void NodeDecoder::decode_annotation(const JItem& v, Node& n, uint32_t self) {
  n.annotated = true;
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (m[i].id == Key::input_qspec_map) {
      Seg s(c_.path, "input_qspec_map");
      const JItem& map = m[i];
      if (map.type == JType::null) continue;
      if (map.type != JType::array) {
        c_.type_error(map, "\"input_qspec_map\"", "a list of {\"arg\": NAME, \"qspec\": QSPEC} entries");
      }
      const JItem* entries = c_.children(map);
      for (uint32_t k = 0; k < map.count; ++k) {
        Seg se(c_.path, k);
        const JItem& e = entries[k];
        if (e.type != JType::object) c_.type_error(e, "an input_qspec_map entry", "an object {\"arg\", \"qspec\"}");
        const JItem *arg = nullptr, *qspec = nullptr;
        const JItem* em = c_.children(e);
        for (uint32_t j = 0; j < e.count; ++j) {
          const Key key = find_key(Obj::qspec_map_entry, em[j].key);
          if (key == Key::arg) arg = &em[j];
          if (key == Key::qspec) qspec = &em[j];
        }
        if (arg == nullptr) c_.raise("graph.missing", c_.label() + ": an input_qspec_map entry has no \"arg\"");
        if (qspec == nullptr) {
          c_.raise("graph.missing", c_.label() + ": an input_qspec_map entry has no \"qspec\" (write null for None)");
        }
        InputSpecEntry entry;
        {
          Seg sa(c_.path, "arg");
          if (arg->type != JType::string) c_.type_error(*arg, "\"arg\"", "a node name");
          if (auto idx = c_.refs.names.find(arg->str)) {
            entry.arg = *idx;
            // input_qspec_map is a dict in PT2E: one entry per argument. Two would leave one spec unused
            // (which one the backend sees is the exporter's accident), so the second is an input error.
            if (arg_seen_.size() <= entry.arg) arg_seen_.resize(size_t(entry.arg) + 1, 0);
            if (arg_seen_[entry.arg] == self + 1) {
              c_.raise("graph.duplicate-arg", c_.label() + ": input_qspec_map names " + quote_text(arg->str) +
                                                  " twice; an argument has one spec");
            }
            arg_seen_[entry.arg] = self + 1;
          } else {
            c_.refs.defer_arg(self, k, std::string(arg->str));
          }
        }
        {
          Seg sq(c_.path, "qspec");
          entry.qspec = qspecs_.decode_ref(*qspec, self, static_cast<int32_t>(k));
        }
        c_.graph.node_input_specs.push_back(entry);
        ++n.input_qspec_map.count;
      }
    } else if (m[i].id == Key::output_qspec) {
      Seg s(c_.path, "output_qspec");
      n.output_qspec = qspecs_.decode_ref(m[i], self, -1);
    }
  }
}


// meta.module and the user's frame of meta.stack_trace. Informational: a value of another type (or a
// trace without a frame of user code) is left out, never an error.
void NodeDecoder::decode_meta(const JItem& v, Node& n) {
  if (v.type != JType::object) return;
  std::optional<std::string_view> module, stack_trace;
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    if (m[i].type != JType::string) continue;
    if (m[i].id == Key::module) module = m[i].str;
    if (m[i].id == Key::stack_trace) stack_trace = m[i].str;
  }
  add_node_meta(c_, n, module, stack_trace);
}

}  // namespace qnnv::detail
