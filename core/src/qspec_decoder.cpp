// Qspec decoding (see qspec_decoder.h).
#include "qspec_decoder.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace qnnv::detail {

// QSPEC | index | null where an annotation names a spec. c_.path points at `v`.
uint32_t QSpecDecoder::decode_ref(const JItem& v, uint32_t node, int32_t entry) {
  uint64_t index = 0;
  switch (v.type) {
    case JType::null: return kNone;
    case JType::object: {
      const bool side = !c_.table_done;
      const size_t k = side ? c_.side_qspecs.size() : c_.graph.qspecs.size();
      if (c_.graph.qspecs.size() + c_.side_qspecs.size() >= c_.limits.max_qspecs) {
        throw InputError("limit.qspecs",
                         "the graph has more than " + std::to_string(c_.limits.max_qspecs) + " qspecs (max_qspecs)",
                         c_.path.str());
      }
      const DecodeContext::Label saved_label = c_.label_;
      QSpec q = decode_qspec(v, true, side, static_cast<uint32_t>(k));
      c_.label_ = saved_label;
      if (!side) {
        c_.graph.qspecs.push_back(std::move(q));
        return static_cast<uint32_t>(k);
      }
      c_.side_qspecs.push_back(std::move(q));
      return kInlineTag | static_cast<uint32_t>(k);
    }
    case JType::integer:
      if (v.num.i < 0) {
        c_.raise("graph.qspec-index", c_.label() + ": qspec index " + std::to_string(v.num.i) +
                                       " is negative: expected an index into \"qspecs\"");
      }
      index = static_cast<uint64_t>(v.num.i);
      break;
    case JType::unsigned_int: index = v.num.u; break;
    case JType::floating:
      // A float here is a fraction (1.5), a whole number written as a float (0.0, 1e2) or an integer too
      // big for 64 bits (1e30).
      c_.raise("graph.qspec-index",
               c_.label() + ": qspec index " + format_double(v.num.d) +
                   (std::trunc(v.num.d) != v.num.d ? " is not an integer"
                    : std::fabs(v.num.d) < 9223372036854775808.0
                        ? " must be an integer written without a fraction or exponent"
                        : " is out of range") +
                   ": expected an index into \"qspecs\"");
    default:
      c_.type_error(v, "a qspec", "a qspec object, an integer index into \"qspecs\", or null");
  }
  // The table holds at most max_qspecs entries, so a larger index can never be valid.
  const uint64_t bound = c_.table_done ? c_.table_size : std::min<uint64_t>(c_.limits.max_qspecs, kInlineTag);
  if (index >= bound) {
    c_.raise("graph.qspec-index", c_.label() + ": qspec index " + std::to_string(index) + " is out of range: \"qspecs\" has " +
                                   (c_.table_done ? std::to_string(c_.table_size) + " entries" : "fewer entries"));
  }
  if (!c_.table_done) c_.refs.defer_index(node, entry, index);
  return static_cast<uint32_t>(index);
}

void QSpecDecoder::decode_table_entry(const JItem& v, size_t index) {
  c_.table_qspec_index = kNone;
  if (c_.stopped) return;
  c_.path.clear();
  c_.path.key("qspecs");
  c_.path.index(index);
  c_.table_qspec_index = static_cast<uint32_t>(index);  // (an error leaves it set: the node decoder clears it)
  c_.graph.qspecs.push_back(decode_qspec(v, false, false, static_cast<uint32_t>(c_.graph.qspecs.size())));
  c_.table_qspec_index = kNone;
}

QSpec QSpecDecoder::decode_qspec(const JItem& v, bool is_inline, bool side, uint32_t qindex) {
  c_.set_label(is_inline ? c_.label() + ": the qspec at " + c_.path.str() : "qspec " + c_.path.str());
  if (v.type != JType::object) c_.type_error(v, "a qspec", "an object");

  const JItem *kind = nullptr, *dtype = nullptr, *qmin = nullptr, *qmax = nullptr, *qscheme = nullptr,
              *ch_axis = nullptr, *is_dynamic = nullptr, *observer = nullptr, *observer_kwargs = nullptr,
              *scale = nullptr, *zero_point = nullptr, *derived_from = nullptr;
  const JItem* m = c_.children(v);
  for (uint32_t i = 0; i < v.count; ++i) {
    const JItem* p = &m[i];
    switch (find_key(Obj::qspec, p->key)) {
      case Key::kind: kind = p; break;
      case Key::dtype: dtype = p; break;
      case Key::quant_min: qmin = p; break;
      case Key::quant_max: qmax = p; break;
      case Key::qscheme: qscheme = p; break;
      case Key::ch_axis: ch_axis = p; break;
      case Key::is_dynamic: is_dynamic = p; break;
      case Key::observer: observer = p; break;
      case Key::observer_kwargs: observer_kwargs = p; break;
      case Key::scale: scale = p; break;
      case Key::zero_point: zero_point = p; break;
      case Key::derived_from: derived_from = p; break;
      default: break;
    }
  }

  QSpec q;
  if (kind == nullptr) c_.raise("graph.missing", c_.label() + " has no \"kind\" (quant, fixed, shared or derived)");
  {
    Seg s(c_.path, "kind");
    if (kind->type != JType::string) c_.type_error(*kind, "\"kind\"", "a string");
    if (same(kind->str, "quant")) q.kind = QSpecKind::quant;
    else if (same(kind->str, "fixed")) q.kind = QSpecKind::fixed;
    else if (same(kind->str, "shared")) q.kind = QSpecKind::shared;
    else if (same(kind->str, "derived")) q.kind = QSpecKind::derived;
    else {
      c_.raise("graph.qspec-kind",
            c_.label() + ": unknown kind " + quote_text(kind->str) + ": expected quant, fixed, shared or derived");
    }
  }

  if (q.kind == QSpecKind::shared) {
    q.shared = decode_spec_ref(v, side, qindex, -1);
    return q;
  }

  // quant, fixed and derived describe a quantized tensor.
  if (dtype == nullptr) c_.raise("graph.missing", c_.label() + " has no \"dtype\"");
  {
    Seg s(c_.path, "dtype");
    if (dtype->type != JType::string) c_.type_error(*dtype, "\"dtype\"", "a torch dtype name such as \"int8\"");
    q.dtype = parse_torch_dtype(dtype->str);
    if (q.dtype == TorchDtype::unknown) q.dtype_name = c_.intern(dtype->str);
  }
  if (qmin != nullptr) {
    Seg s(c_.path, "quant_min");
    q.quant_min = c_.get_int(*qmin, "\"quant_min\"");
  }
  if (qmax != nullptr) {
    Seg s(c_.path, "quant_max");
    q.quant_max = c_.get_int(*qmax, "\"quant_max\"");
  }
  if (qscheme != nullptr) {
    Seg s(c_.path, "qscheme");
    if (auto name = c_.get_string(*qscheme, "\"qscheme\"")) {
      q.qscheme = parse_qscheme(*name);
      if (q.qscheme == QScheme::unknown) q.qscheme_name = c_.intern(*name);
    }
  }
  if (ch_axis != nullptr) {
    Seg s(c_.path, "ch_axis");
    q.ch_axis = c_.get_int(*ch_axis, "\"ch_axis\"");
  }
  if (is_dynamic != nullptr && is_dynamic->type != JType::null) {
    Seg s(c_.path, "is_dynamic");
    if (is_dynamic->type != JType::boolean) c_.type_error(*is_dynamic, "\"is_dynamic\"", "true or false");
    q.is_dynamic = is_dynamic->num.b;
  }

  if (q.kind == QSpecKind::quant) {
    if (observer != nullptr) {
      Seg s(c_.path, "observer");
      if (auto name = c_.get_string(*observer, "\"observer\"")) q.observer = c_.intern(*name);
    }
    if (observer_kwargs != nullptr && observer_kwargs->type != JType::null) {
      Seg s(c_.path, "observer_kwargs");
      if (observer_kwargs->type != JType::object) c_.type_error(*observer_kwargs, "\"observer_kwargs\"", "an object");
      decode_observer_kwargs(*observer_kwargs, q);
    }
  } else if (q.kind == QSpecKind::fixed) {
    if (scale == nullptr) c_.raise("graph.missing", c_.label() + " is a fixed qspec without \"scale\"");
    if (zero_point == nullptr) c_.raise("graph.missing", c_.label() + " is a fixed qspec without \"zero_point\"");
    {
      Seg s(c_.path, "scale");
      if (scale->type == JType::null) c_.type_error(*scale, "\"scale\"", "a number");
      read_scale(*scale, q);
    }
    {
      Seg s(c_.path, "zero_point");
      if (zero_point->type == JType::null) c_.type_error(*zero_point, "\"zero_point\"", "an integer");
      read_zero_point(*zero_point, q);
    }
  } else {  // derived
    if (derived_from == nullptr) c_.raise("graph.missing", c_.label() + " is a derived qspec without \"derived_from\"");
    Seg s(c_.path, "derived_from");
    if (derived_from->type != JType::array) {
      c_.type_error(*derived_from, "\"derived_from\"", "a list of {\"node\": N} / {\"edge\": [P, C]}");
    }
    const JItem* refs = c_.children(*derived_from);
    q.derived_from.reserve(derived_from->count);
    for (uint32_t i = 0; i < derived_from->count; ++i) {
      Seg si(c_.path, i);
      if (refs[i].type != JType::object) {
        c_.type_error(refs[i], "a derived_from entry", "an object {\"node\": N} or {\"edge\": [P, C]}");
      }
      q.derived_from.push_back(SpecRef{});
      q.derived_from.back() = decode_spec_ref(refs[i], side, qindex, static_cast<int32_t>(i));
    }
  }
  return q;
}

// scale / zero_point of a fixed spec or of observer kwargs. c_.path points at the value. The first value
// found wins (outer observer kwargs before nested ones).
void QSpecDecoder::read_scale(const JItem& x, QSpec& q) {
  if (x.type == JType::null || q.scale) return;
  if (x.type == JType::string && (same(x.str, "inf") || same(x.str, "-inf") || same(x.str, "nan"))) {
    c_.raise("graph.number", c_.label() + ": \"scale\" is " + quote_text(x.str) + ": a scale must be a finite number");
  }
  if (x.type == JType::integer) {
    q.scale = static_cast<double>(x.num.i);
  } else if (x.type == JType::unsigned_int) {
    q.scale = static_cast<double>(x.num.u);
  } else if (x.type == JType::floating) {
    q.scale = x.num.d;  // finite: the reader rejects numbers that overflow
  } else {
    c_.type_error(x, "\"scale\"", "a number");
  }
}

void QSpecDecoder::read_zero_point(const JItem& x, QSpec& q) {
  if (x.type == JType::null || q.zero_point) return;
  q.zero_point = c_.get_int(x, "\"zero_point\"");
}

// Reads block_size, scale and zero_point from observer kwargs, and from a nested observer partial
// (FakeQuantize's `observer=`, written {"observer": NAME, "observer_kwargs": {...}}) found among them.
// The outermost value wins. c_.path points at `kw`. A work list, not recursion: nesting depth is the
// user's to choose (up to max_depth).
void QSpecDecoder::decode_observer_kwargs(const JItem& kw, QSpec& q) {
  struct Work {
    const JItem* obj;
    Ptr path;
  };
  std::vector<Work> work;
  work.push_back({&kw, c_.path});
  std::vector<std::string_view> nested_names;
  const Ptr saved = c_.path;
  for (size_t w = 0; w < work.size(); ++w) {
    const JItem& obj = *work[w].obj;
    c_.path = work[w].path;
    const JItem* m = c_.children(obj);
    for (uint32_t i = 0; i < obj.count; ++i) {
      const JItem& x = m[i];
      const std::string_view k = x.key;
      Seg s(c_.path, k);
      const Key key = find_key(Obj::observer_kwargs, k);
      if (key == Key::block_size) {
        if (x.type == JType::null || q.has_block_size) continue;
        if (x.type != JType::array) c_.type_error(x, "\"block_size\"", "a list of integers");
        const JItem* e = c_.children(x);
        std::vector<int64_t> sizes;
        sizes.reserve(x.count);
        for (uint32_t j = 0; j < x.count; ++j) {
          Seg sj(c_.path, j);
          if (e[j].type == JType::null) c_.type_error(e[j], "a block size", "an integer");
          sizes.push_back(*c_.get_int(e[j], "a block size"));
        }
        q.block_size = std::move(sizes);
        q.has_block_size = true;
      } else if (key == Key::scale) {
        read_scale(x, q);
      } else if (key == Key::zero_point) {
        read_zero_point(x, q);
      } else if (key == Key::observer && x.type == JType::string) {
        nested_names.push_back(x.str);
      } else if (key == Key::observer_kwargs && x.type == JType::object) {
        work.push_back({&x, c_.path});
      } else if (x.type == JType::object) {
        // A nested observer partial: an object that names an observer class.
        const JItem* xm = c_.children(x);
        for (uint32_t j = 0; j < x.count; ++j) {
          if (find_key(Obj::observer_kwargs, xm[j].key) == Key::observer && xm[j].type == JType::string) {
            work.push_back({&x, c_.path});
            break;
          }
        }
      }
    }
  }
  c_.path = saved;
  // "FakeQuantize(MovingAverageMinMaxObserver)": the outer class with the observer it wraps.
  if (!nested_names.empty()) {
    std::string name(q.observer);
    for (std::string_view n : nested_names) {
      name += '(';
      name += n;
    }
    name.append(nested_names.size(), ')');
    q.observer = c_.intern(name);
  }
}

// {"node": N} or {"edge": [P, C]} inside `holder` (a shared qspec or a derived_from entry).
SpecRef QSpecDecoder::decode_spec_ref(const JItem& holder, bool side, uint32_t qindex, int32_t slot) {
  const JItem *node = nullptr, *edge = nullptr;
  const JItem* m = c_.children(holder);
  for (uint32_t i = 0; i < holder.count; ++i) {
    const Key key = find_key(Obj::spec_ref, m[i].key);
    if (key == Key::node) node = &m[i];
    if (key == Key::edge) edge = &m[i];
  }
  if (node != nullptr && edge != nullptr) {
    c_.raise("graph.type", c_.label() + " has both \"node\" and \"edge\": expected exactly one");
  }
  if (node == nullptr && edge == nullptr) {
    c_.raise("graph.missing", c_.label() + " needs \"node\": NAME or \"edge\": [PRODUCER, CONSUMER]");
  }
  SpecRef r;
  if (node != nullptr) {
    Seg s(c_.path, "node");
    r.producer = resolve_spec_name(*node, side, qindex, slot, false, false);
    return r;
  }
  Seg s(c_.path, "edge");
  if (edge->type != JType::array || edge->count != 2) {
    c_.type_error(*edge, "\"edge\"", "a list of two node names [PRODUCER, CONSUMER]");
  }
  const JItem* e = c_.children(*edge);
  {
    Seg s0(c_.path, size_t{0});
    r.producer = resolve_spec_name(e[0], side, qindex, slot, false, true);
  }
  {
    Seg s1(c_.path, size_t{1});
    r.consumer = resolve_spec_name(e[1], side, qindex, slot, true, true);
  }
  return r;
}

uint32_t QSpecDecoder::resolve_spec_name(const JItem& name, bool side, uint32_t qindex, int32_t slot,
                                         bool consumer, bool edge) {
  if (name.type != JType::string) c_.type_error(name, "a node reference", "a node name (string)");
  if (auto idx = c_.refs.names.find(name.str)) return *idx;
  const GraphReferences::SpecRefSite site{side, qindex, slot, consumer, edge, c_.table_qspec_index};
  // A table qspec's error place is rebuilt from its index should the reference dangle (nearly every
  // deferred reference is one); an inline qspec's is kept now.
  std::unique_ptr<GraphReferences::ErrorPlace> place;
  if (site.table_index == kNone) place.reset(new GraphReferences::ErrorPlace{c_.path.str(), c_.label()});
  c_.refs.defer_spec_ref(site, name.str, is_view_into(name.str, c_.input), std::move(place));
  return kNone;
}

}  // namespace qnnv::detail
