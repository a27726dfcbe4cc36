// The member names of qnnv.graph v1 (docs/graph-format.md) and what the loader does with each: the one
// place they are written (internal). The unit reader (json_unit_reader.h) asks this table which members
// of a node, an annotation, the producer and the hints to keep (every other member of those objects is
// skipped while parsing, nothing stored) and how to read a kept container; the decoders ask it what a
// member is. Adding a key to the format is one line here plus the decoder that reads it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "text.h"

namespace qnnv::detail {

// The objects of the format, by what they hold.
enum class Obj : uint8_t {
  none,             // not an object of the format (or one the loader keeps whole, without a table)
  document,         // the top level
  node,             // an element of "nodes"
  annotation,       // a node's "annotation"
  producer,         // the top-level "producer"
  hints,            // the top-level "hints"
  qspec,            // an element of "qspecs", or a QSPEC in an annotation
  qspec_map_entry,  // an element of an annotation's "input_qspec_map"
  node_ref,         // a node reference {"node": NAME} in a node's args or kwargs
  spec_ref,         // a shared qspec, or an element of a derived qspec's "derived_from"
  tensor_meta,      // a node's "val" (or one element of it)
  observer_kwargs,  // a quant qspec's "observer_kwargs" (or a nested observer partial's)
  node_meta,        // a node's "meta"
  count_
};

enum class Key : uint8_t {
  other,  // a name the loader does not read
  format, version, producer, hints, qspecs, nodes,
  name, op, target, args, kwargs, val, annotation,
  input_qspec_map, output_qspec,
  backend, soc_model, quant_dtype,
  kind, dtype, quant_min, quant_max, qscheme, ch_axis, is_dynamic, observer, observer_kwargs, scale, zero_point,
  derived_from,
  arg, qspec,
  node, edge,
  shape,
  block_size,
  meta, module, stack_trace,
  count_  // (not a key: their number)
};

// How the unit reader treats a member of the document (each of these values is decoded on its own,
// as a "unit", and dropped once decoded).
enum class Units : uint8_t {
  none,          // not a unit of its own (a member of an object inside a unit)
  one,           // the value is one unit
  list,          // the value is a list; each element is one unit
  list_or_null,  // the same, and null stands for an empty list
};

// An object that is some member's `value` here (a node, its annotation and meta, the producer, the
// hints) is read by its table: its other members are skipped. The others (a qspec...) are kept whole, so a qspec's
// unknown members still count against max_unit_values; their decoders look their keys up here.
struct KeyInfo {
  Obj in;              // the object the member belongs to
  std::string_view name;
  Key key;
  Obj value = Obj::none;        // an object value is read by this table (Obj::none: kept whole)
  bool args = false;            // its values count against max_args_per_node
  Units units = Units::none;    // document members only
};

inline constexpr KeyInfo kGraphKeys[] = {
    {Obj::document, "format", Key::format, Obj::none, false, Units::one},
    {Obj::document, "version", Key::version, Obj::none, false, Units::one},
    {Obj::document, "producer", Key::producer, Obj::producer, false, Units::one},
    {Obj::document, "hints", Key::hints, Obj::hints, false, Units::one},
    {Obj::document, "qspecs", Key::qspecs, Obj::none, false, Units::list_or_null},
    {Obj::document, "nodes", Key::nodes, Obj::node, false, Units::list},

    {Obj::producer, "name", Key::name},

    {Obj::hints, "backend", Key::backend},
    {Obj::hints, "soc_model", Key::soc_model},
    {Obj::hints, "quant_dtype", Key::quant_dtype},

    {Obj::node, "name", Key::name},
    {Obj::node, "op", Key::op},
    {Obj::node, "target", Key::target},
    {Obj::node, "args", Key::args, Obj::none, true},
    {Obj::node, "kwargs", Key::kwargs, Obj::none, true},
    {Obj::node, "val", Key::val},
    {Obj::node, "annotation", Key::annotation, Obj::annotation},
    {Obj::node, "meta", Key::meta, Obj::node_meta},

    {Obj::node_meta, "module", Key::module},
    {Obj::node_meta, "stack_trace", Key::stack_trace},

    {Obj::annotation, "input_qspec_map", Key::input_qspec_map},
    {Obj::annotation, "output_qspec", Key::output_qspec},

    {Obj::qspec_map_entry, "arg", Key::arg},
    {Obj::qspec_map_entry, "qspec", Key::qspec},

    {Obj::qspec, "kind", Key::kind},
    {Obj::qspec, "dtype", Key::dtype},
    {Obj::qspec, "quant_min", Key::quant_min},
    {Obj::qspec, "quant_max", Key::quant_max},
    {Obj::qspec, "qscheme", Key::qscheme},
    {Obj::qspec, "ch_axis", Key::ch_axis},
    {Obj::qspec, "is_dynamic", Key::is_dynamic},
    {Obj::qspec, "observer", Key::observer},
    {Obj::qspec, "observer_kwargs", Key::observer_kwargs},
    {Obj::qspec, "scale", Key::scale},
    {Obj::qspec, "zero_point", Key::zero_point},
    {Obj::qspec, "derived_from", Key::derived_from},

    {Obj::node_ref, "node", Key::node},
    {Obj::node_ref, "dtype", Key::dtype},  // a torch dtype argument {"dtype": NAME}

    {Obj::spec_ref, "node", Key::node},
    {Obj::spec_ref, "edge", Key::edge},

    {Obj::tensor_meta, "dtype", Key::dtype},
    {Obj::tensor_meta, "shape", Key::shape},

    {Obj::observer_kwargs, "block_size", Key::block_size},
    {Obj::observer_kwargs, "scale", Key::scale},
    {Obj::observer_kwargs, "zero_point", Key::zero_point},
    {Obj::observer_kwargs, "observer", Key::observer},
    {Obj::observer_kwargs, "observer_kwargs", Key::observer_kwargs},
};

// The members of one object met so far, as a set of keys: the stream decoders' duplicate-key checks for
// the keys the table has (Key::other, any key it has not, is never added).
class KeySet {
 public:
  constexpr KeySet() = default;
  constexpr KeySet(std::initializer_list<Key> keys) {
    for (const Key k : keys) bits_ |= bit(k);
  }
  // False (and no change) if `k` is in the set already.
  constexpr bool add(Key k) {
    if (has(k)) return false;
    bits_ |= bit(k);
    return true;
  }
  constexpr bool has(Key k) const { return (bits_ & bit(k)) != 0; }
  constexpr bool operator==(KeySet o) const { return bits_ == o.bits_; }
  constexpr bool operator!=(KeySet o) const { return bits_ != o.bits_; }

 private:
  static_assert(static_cast<size_t>(Key::count_) <= 64, "one bit per key");
  static constexpr uint64_t bit(Key k) { return uint64_t(1) << static_cast<unsigned>(k); }
  uint64_t bits_ = 0;
};

// Whether every key of an object read by its table must be unique. A node's meta is the exporter's
// free-form record (it was skipped unread before qnnv read module and stack_trace from it): there only
// the members qnnv reads must be unique.
constexpr bool all_keys_unique(Obj o) { return o != Obj::node_meta; }

// Where each object's entries are in kGraphKeys (the table lists them object by object): a lookup
// compares a name with the few keys of its object only.
struct KeyRange {
  uint8_t begin = 0, end = 0;
};
struct KeyRanges {
  KeyRange of[static_cast<size_t>(Obj::count_)];
  bool grouped = true;  // every object's entries are contiguous
  constexpr KeyRanges() : of() {
    constexpr size_t n = sizeof kGraphKeys / sizeof kGraphKeys[0];
    bool seen[static_cast<size_t>(Obj::count_)] = {};
    for (size_t i = 0; i < n; ++i) {
      const auto o = static_cast<size_t>(kGraphKeys[i].in);
      if (i == 0 || kGraphKeys[i - 1].in != kGraphKeys[i].in) {
        if (seen[o]) grouped = false;
        seen[o] = true;
        of[o].begin = static_cast<uint8_t>(i);
      }
      of[o].end = static_cast<uint8_t>(i + 1);
    }
  }
};
inline constexpr KeyRanges kKeyRanges{};
static_assert(kKeyRanges.grouped, "kGraphKeys must list each object's keys together");

// The entry for member `name` of an `in` object; nullptr when the loader does not read it.
inline const KeyInfo* find_key_info(Obj in, std::string_view name) {
  const KeyRange r = kKeyRanges.of[static_cast<size_t>(in)];
  for (size_t i = r.begin; i < r.end; ++i) {
    if (same(kGraphKeys[i].name, name)) return &kGraphKeys[i];
  }
  return nullptr;
}

inline Key find_key(Obj in, std::string_view name) {
  const KeyInfo* k = find_key_info(in, name);
  return k != nullptr ? k->key : Key::other;
}

}  // namespace qnnv::detail
