// Table qspec decoding straight from the text (see qspec_stream_decoder.h). Every reading function
// returns false to decline; only apply() changes the Graph and the context.
#include "qspec_stream_decoder.h"

#include <limits>

namespace qnnv::detail {

bool QSpecStreamDecoder::decode(json_reader::Reader& reader, size_t index, size_t depth) {
  if (c_.stopped) return false;  // an error is pending: the tree path knows what to do
  r_ = &reader;
  bounds_.start(depth);
  seen_ = KeySet{};
  q_ = QSpec{};
  refs_.clear();

  if (!bounds_.open(*r_, '{') || r_->take('}')) return false;  // {} has no "kind": the tree path says so
  do {
    std::string_view k;
    if (!bounds_.key(*r_, k)) return false;
    Key id = find_key(Obj::qspec, k);
    if (id == Key::other) id = find_key(Obj::spec_ref, k);  // a shared spec's own node / edge
    if (id == Key::other || !seen_.add(id)) return false;
    bool ok = false;
    std::string_view s;
    switch (id) {
      case Key::kind:
        ok = bounds_.string(*r_, s);
        if (same(s, "shared")) {
          q_.kind = QSpecKind::shared;
        } else if (same(s, "derived")) {
          q_.kind = QSpecKind::derived;
        } else {
          ok = false;  // quant and fixed specs (and unknown kinds) go the tree's way
        }
        break;
      case Key::dtype:
        ok = bounds_.string(*r_, s) && (q_.dtype = parse_torch_dtype(s)) != TorchDtype::unknown;
        break;
      case Key::quant_min: ok = integer(q_.quant_min); break;
      case Key::quant_max: ok = integer(q_.quant_max); break;
      case Key::ch_axis: ok = integer(q_.ch_axis); break;
      case Key::qscheme:
        if (r_->peek() == 'n') {
          ok = bounds_.literal(*r_, "null");
        } else {
          ok = bounds_.string(*r_, s) && (q_.qscheme = parse_qscheme(s)) != QScheme::unknown;
        }
        break;
      case Key::is_dynamic: {
        const char c = r_->peek();
        ok = bounds_.literal(*r_, c == 'n' ? "null" : c == 't' ? "true" : "false");
        q_.is_dynamic = c == 't';
        break;
      }
      case Key::derived_from: ok = derived_from(); break;
      case Key::node:
      case Key::edge: ok = spec_ref_value(id, -1); break;
      default: break;  // observer, observer_kwargs, scale, zero_point, any other member
    }
    if (!ok) return false;
  } while (r_->take(','));
  if (!r_->take('}')) return false;
  bounds_.close();

  if (!seen_.has(Key::kind)) return false;
  if (q_.kind == QSpecKind::shared) {
    // Exactly one reference, and nothing a shared spec does not read (the tree path would skip it).
    if (seen_ != KeySet{Key::kind, seen_.has(Key::node) ? Key::node : Key::edge}) return false;
  } else if (!seen_.has(Key::dtype) || !seen_.has(Key::derived_from) || seen_.has(Key::node) ||
             seen_.has(Key::edge)) {
    return false;
  }
  apply(index);
  return true;
}

// ---- Reading

// A node name, kept as a view into the document until apply() (a name with escapes is in the reader's
// buffer, which the next string overwrites: the tree path keeps it).
bool QSpecStreamDecoder::name(std::string_view& s) { return bounds_.string(*r_, s) && is_view_into(s, c_.input); }

// An integer in 64 bits, or null (DecodeContext::get_int's values; a float or a larger integer is its to
// report).
bool QSpecStreamDecoder::integer(std::optional<int64_t>& out) {
  const char c = r_->peek();
  if (c == 'n') {
    out.reset();
    return bounds_.literal(*r_, "null");
  }
  json_reader::Number n;
  if (c != '-' && (c < '0' || c > '9')) return false;
  if (!r_->take_number(n)) return false;
  if (n.kind == json_reader::Number::Kind::integer) {
    out = n.i;
  } else if (n.kind == json_reader::Number::Kind::unsigned_int &&
             n.u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    out = static_cast<int64_t>(n.u);
  } else {
    return false;
  }
  return bounds_.value();
}

// The value of a "node" (NAME) or "edge" ([PRODUCER, CONSUMER]) member, as reference `slot`.
bool QSpecStreamDecoder::spec_ref_value(Key id, int32_t slot) {
  PendingRef ref{slot, {}, {}, id == Key::edge};
  if (!ref.edge) {
    if (!name(ref.producer)) return false;
  } else if (!bounds_.open(*r_, '[') || !name(ref.producer) || !r_->take(',') || !name(ref.consumer) ||
             !r_->take(']')) {
    return false;
  } else {
    bounds_.close();
  }
  refs_.push_back(ref);
  return true;
}

// "derived_from": a list of {"node": NAME} / {"edge": [P, C]}, each with exactly one of the two.
bool QSpecStreamDecoder::derived_from() {
  if (!bounds_.open(*r_, '[')) return false;
  if (!r_->take(']')) {
    int32_t slot = 0;
    do {
      if (!bounds_.open(*r_, '{') || r_->take('}')) return false;
      KeySet seen;
      do {
        std::string_view k;
        if (!bounds_.key(*r_, k)) return false;
        const Key id = find_key(Obj::spec_ref, k);
        if (id == Key::other || !seen.add(id) || seen == KeySet{Key::node, Key::edge}) {
          return false;  // another member, a duplicate, or both node and edge
        }
        if (!spec_ref_value(id, slot)) return false;
      } while (r_->take(','));
      if (!r_->take('}')) return false;
      bounds_.close();
      ++slot;
    } while (r_->take(','));
    if (!r_->take(']')) return false;
  }
  bounds_.close();
  return true;
}

// ---- Applying

// QSpecDecoder::resolve_spec_name for a table entry: the node's index if it is already known, else a
// reference resolved (or reported) at the end of the document, whose error place is rebuilt from the
// entry's index.
uint32_t QSpecStreamDecoder::resolve_name(std::string_view name, uint32_t qindex, uint32_t table_index, int32_t slot,
                                          bool consumer, bool edge) {
  if (auto idx = c_.refs.names.find(name)) return *idx;
  c_.refs.defer_spec_ref({false, qindex, slot, consumer, edge, table_index}, name, true, nullptr);
  return kNone;
}

// Appends the qspec as QSpecDecoder::decode_table_entry() would, references in the same order.
void QSpecStreamDecoder::apply(size_t index) {
  Graph& g = c_.graph;
  const auto qindex = static_cast<uint32_t>(g.qspecs.size());
  const auto table_index = static_cast<uint32_t>(index);
  const auto spec_ref = [&](const PendingRef& p) {
    SpecRef r;
    r.producer = resolve_name(p.producer, qindex, table_index, p.slot, false, p.edge);
    if (p.edge) r.consumer = resolve_name(p.consumer, qindex, table_index, p.slot, true, true);
    return r;
  };
  if (q_.kind == QSpecKind::shared) {
    q_.shared = spec_ref(refs_.front());
  } else {
    q_.derived_from.reserve(refs_.size());
    for (const PendingRef& p : refs_) q_.derived_from.push_back(spec_ref(p));
  }
  g.qspecs.push_back(std::move(q_));

  // The context as the tree path leaves it after a table entry, but for the label: every decoder sets
  // its own before a message can use it, so the tree's "qspec /qspecs/N" is not built here.
  c_.table_qspec_index = kNone;
  c_.path.clear();
  c_.path.key("qspecs");
  c_.path.index(index);
}

}  // namespace qnnv::detail
