// Condition evaluation: see conditions.h for the contract.
#include "conditions.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "port_datatypes.h"

namespace qnnv::detail {
namespace {

struct RelationText {
  Relation relation;
  std::string_view name, symbol;
};
constexpr RelationText kRelations[] = {{Relation::equal, "equal", "=="},
                                       {Relation::not_equal, "not_equal", "!="},
                                       {Relation::less, "less", "<"},
                                       {Relation::less_equal, "less_equal", "<="},
                                       {Relation::greater, "greater", ">"},
                                       {Relation::greater_equal, "greater_equal", ">="}};

bool dtype_in(DataType d, const std::vector<DataType>& list) {
  for (DataType x : list)
    if (x == d) return true;
  return false;
}

const Port* find_port(const ConditionSite& c, const std::string& label) {
  bool output = false;
  uint32_t index = 0;
  if (!parse_port_label(label, output, index)) return nullptr;
  const std::vector<Port>& ports = output ? c.outputs : c.inputs;
  return index < ports.size() ? &ports[index] : nullptr;
}

// Port conditions; a rank bound on a tensor without a shape is unknown.

Tri port_satisfies(const Port& p, const Condition& cond) {
  if (!p.dtype_known) return Tri::no;
  if (!cond.encodings.empty()) {
    bool hit = false;
    for (Encoding e : cond.encodings) hit = hit || e == p.encoding;
    if (!hit) return Tri::no;
  }
  if (!cond.dtypes.empty() && !dtype_in(p.dtype, cond.dtypes)) return Tri::no;
  if (cond.bits && !(is_fixed_point(p.dtype) && bit_width(p.dtype) == cond.bits)) return Tri::no;
  if (cond.value_bits && (!p.root || value_count(*p.root) != std::ldexp(1.0, cond.value_bits))) {
    // a symmetric n-bit range leaves out the most negative value ([-7, 7] is 4-bit): 2^n - 1 counts too
    if (!p.root || value_count(*p.root) != std::ldexp(1.0, cond.value_bits) - 1) return Tri::no;
  }
  if (cond.quantized && *cond.quantized != (p.root != nullptr)) return Tri::no;
  if (cond.symmetric && (!p.root || *cond.symmetric != is_symmetric(p.root->qscheme))) return Tri::no;
  if (cond.fixed_qparams && (!p.root || *cond.fixed_qparams != (p.root->scale && p.root->zero_point))) return Tri::no;
  if (cond.rank_min > 0 || cond.rank_max != INT_MAX) {
    if (p.rank < 0) return Tri::unknown;
    if (p.rank < cond.rank_min || p.rank > cond.rank_max) return Tri::no;
  }
  return Tri::yes;
}

// The sizes of a port's tensor (its val's shape): empty when the val gives none.
Span<int64_t> port_dims(const ConditionSite& c, const Port& p) {
  if (p.node >= c.graph.nodes.size()) return {};
  const Node& n = c.graph.nodes[p.node];
  if (!p.output) return n.outputs.size() == 1 ? c.graph.dims_of(n.outputs[0]) : Span<int64_t>{};
  return p.index < n.outputs.size() ? c.graph.dims_of(n.outputs[p.index]) : Span<int64_t>{};
}

// Size `dim` of a port's shape (negative counts from the end); nullopt when the shape lacks it or the size
// is symbolic.
std::optional<int64_t> port_dim(const ConditionSite& c, const Port& p, int dim) {
  const Span<int64_t> dims = port_dims(c, p);
  const int64_t k = dim < 0 ? int64_t(dims.size()) + dim : dim;
  if (k < 0 || k >= int64_t(dims.size()) || dims[size_t(k)] < 0) return std::nullopt;
  return dims[size_t(k)];
}

// Argument entries a condition or operand names: by name first (a kwarg), else by position.
bool names_argument(const Graph& g, const ArgValue& a, int arg, const std::string& kwarg) {
  if (!kwarg.empty() && a.key != 0) return g.key_of(a) == kwarg;
  return a.key == 0 && arg >= 0 && a.position == static_cast<uint32_t>(arg);
}

// An argument condition: true, false, or unknown (the call does not pass the argument and the data gives
// no `absent` value). Unknown never fires a check and never rules a variant out: missing information is
// no reason for a fail. Integer conditions read integer arguments, string and dtype conditions the
// string and dtype arguments: an argument of another kind is as good as absent.

Tri argument_satisfies(const ConditionSite& c, const Condition& cond) {
  const Span<ArgValue> args = c.graph.args_of(c.index);
  // An axis argument is compared as "the last axis or not" of its port's tensor (unknown rank: unknown).
  int rank = -1;
  if (cond.last_axis) {
    if (const Port* p = find_port(c, cond.axis_of)) rank = p->rank;
    if (rank <= 0) return Tri::unknown;
  }
  const bool by_text = !cond.strings.empty() || !cond.not_strings.empty();
  const bool by_dtype = !cond.torch_dtypes.empty();
  const ArgKind kind = by_text ? ArgKind::text : by_dtype ? ArgKind::dtype : ArgKind::integer;
  auto listed = [](const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  auto accepted = [&](const ArgValue& a) {
    if (kind == ArgKind::text) {
      const std::string_view text = c.graph.text_of(a);
      return (cond.strings.empty() || listed(cond.strings, text)) && !listed(cond.not_strings, text);
    }
    if (kind == ArgKind::dtype) return listed(cond.torch_dtypes, c.graph.text_of(a));
    const int64_t v = a.value;
    if (cond.last_axis && ((v < 0 ? v + rank : v) == rank - 1) != *cond.last_axis) return false;
    if (!cond.values.empty() && std::find(cond.values.begin(), cond.values.end(), v) == cond.values.end()) return false;
    return std::find(cond.not_values.begin(), cond.not_values.end(), v) == cond.not_values.end();
  };
  // A list argument: the chosen element, or every element.
  bool seen = false, all = true, any = false;
  for (const ArgValue& a : args) {
    if (a.kind != kind || !names_argument(c.graph, a, cond.arg, cond.kwarg)) continue;
    if (cond.element >= 0 && (!a.in_list || a.element != static_cast<uint32_t>(cond.element))) continue;
    seen = true;
    const bool ok = accepted(a);
    all = all && ok;
    any = any || ok;
  }
  if (seen) return (cond.any_element ? any : all) ? Tri::yes : Tri::no;
  if (cond.absent) {
    ArgValue absent;
    absent.value = *cond.absent;
    return accepted(absent) ? Tri::yes : Tri::no;
  }
  return Tri::unknown;
}

// A value an operand reads: an integer, or a float (a float argument).
struct Number {
  int64_t integer = 0;
  double real = 0;
  bool is_float = false;
  Number(int64_t i) : integer(i) {}  // implicit: every integer an operand reads is a Number
  static Number of_float(double d) {
    Number n(0);
    n.real = d;
    n.is_float = true;
    return n;
  }
  double as_double() const { return is_float ? real : static_cast<double>(integer); }
};

// Two integers compare exactly; a float with anything compares as doubles (-0.0 equals 0).
int compare_numbers(const Number& a, const Number& b) {
  if (!a.is_float && !b.is_float) return a.integer < b.integer ? -1 : a.integer > b.integer ? 1 : 0;
  const double x = a.as_double(), y = b.as_double();
  return x < y ? -1 : x > y ? 1 : 0;
}

// One side of a comparison; nullopt when the node does not give it (an argument the call leaves out, a
// list with an element that is not a number, a list without the element asked for, a shape that lacks
// the size, a product past int64). A value operand reads an integer or a float argument.
std::optional<Number> operand_value(const ConditionSite& c, const ConditionOperand& o) {
  using M = ConditionOperand::Measure;
  if (o.measure == M::constant) return o.constant;
  if (o.measure == M::rank || o.measure == M::dim) {
    const Port* p = find_port(c, o.port);
    if (p == nullptr) return std::nullopt;
    if (o.measure == M::dim) return port_dim(c, *p, o.dim);
    return p->rank >= 0 ? std::optional<int64_t>(p->rank) : std::nullopt;
  }
  std::optional<Number> value;
  std::optional<int64_t> length;
  int64_t product = 1, integers = 0;
  bool overflow = false;
  for (const ArgValue& a : c.graph.args_of(c.index)) {
    if (!names_argument(c.graph, a, o.arg, o.kwarg)) continue;
    if (a.kind == ArgKind::list_length) length = a.value;
    if (a.kind != ArgKind::integer && a.kind != ArgKind::floating) continue;
    const bool picked = o.element >= 0 ? a.in_list && a.element == static_cast<uint32_t>(o.element) : !a.in_list;
    if (picked) value = a.kind == ArgKind::floating ? Number::of_float(a.as_float()) : Number(a.value);
    if (a.kind != ArgKind::integer || o.element >= 0) continue;
    if (a.in_list) {
      ++integers;
      overflow = overflow || __builtin_mul_overflow(product, a.value, &product);
    }
  }
  if (o.measure == M::value) return value;
  if (o.measure == M::length) return length ? std::optional<Number>(*length) : std::nullopt;
  if (!length || integers != *length || overflow) return std::nullopt;  // product
  return product;
}

Tri comparison_holds(const ConditionSite& c, const Condition& cond) {
  const std::optional<Number> a = operand_value(c, cond.compare[0]), b = operand_value(c, cond.compare[1]);
  if (!a || !b) return Tri::unknown;
  if (std::isnan(a->as_double()) || std::isnan(b->as_double())) return Tri::unknown;  // not from JSON, but never ordered
  const int order = compare_numbers(*a, *b);
  bool holds = false;
  switch (cond.relation) {
    case Relation::equal: holds = order == 0; break;
    case Relation::not_equal: holds = order != 0; break;
    case Relation::less: holds = order < 0; break;
    case Relation::less_equal: holds = order <= 0; break;
    case Relation::greater: holds = order > 0; break;
    case Relation::greater_equal: holds = order >= 0; break;
  }
  return holds ? Tri::yes : Tri::no;
}

// A size of one port's shape (Condition::dim) within values / outside not_values.
Tri dim_satisfies(const ConditionSite& c, const Port& p, const Condition& cond) {
  const std::optional<int64_t> size = port_dim(c, p, *cond.dim);
  if (!size) return Tri::unknown;
  if (!cond.values.empty() && std::find(cond.values.begin(), cond.values.end(), *size) == cond.values.end())
    return Tri::no;
  return std::find(cond.not_values.begin(), cond.not_values.end(), *size) == cond.not_values.end() ? Tri::yes
                                                                                                   : Tri::no;
}

}  // namespace

std::string_view relation_name(Relation r) { return kRelations[static_cast<int>(r)].name; }
std::string_view relation_symbol(Relation r) { return kRelations[static_cast<int>(r)].symbol; }
std::optional<Relation> parse_relation(std::string_view name) {
  for (const RelationText& t : kRelations)
    if (t.name == name) return t.relation;
  return std::nullopt;
}
std::string relation_names_listed() {
  std::string out;
  const size_t n = std::size(kRelations);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " or " : ", ";
    out += '"';
    out += kRelations[i].name;
    out += '"';
  }
  return out;
}

Tri condition_holds(const ConditionSite& c, const Condition& cond, const Port*& witness) {
  if (cond.is_comparison()) return comparison_holds(c, cond);
  if (!cond.targets.empty()) {
    const std::string_view target = c.graph.nodes[c.index].target;
    return std::find(cond.targets.begin(), cond.targets.end(), target) != cond.targets.end() ? Tri::yes : Tri::no;
  }
  if (!cond.any.empty()) {
    Tri any = Tri::no;
    for (const Condition& alt : cond.any) {
      const Tri t = condition_holds(c, alt, witness);
      if (t == Tri::yes) return Tri::yes;
      if (t == Tri::unknown) any = Tri::unknown;
    }
    return any;
  }
  if (cond.is_argument()) return argument_satisfies(c, cond);
  if (cond.port == "*") {
    Tri any = Tri::no;
    for (const auto* list : {&c.inputs, &c.outputs})
      for (const Port& p : *list) {
        const Tri t = port_satisfies(p, cond);
        if (t == Tri::yes) return witness = &p, Tri::yes;
        if (t == Tri::unknown) any = Tri::unknown;
      }
    return any;
  }
  const Port* p = find_port(c, cond.port);
  // "present": false asks for a port the node lacks (an optional input left out); nothing else can hold then.
  if (cond.present && !*cond.present) return p ? Tri::no : Tri::yes;
  Tri t = p ? port_satisfies(*p, cond) : Tri::no;
  if (t != Tri::no && cond.dim) {
    const Tri d = dim_satisfies(c, *p, cond);
    if (d != Tri::yes) t = d;
  }
  if (t == Tri::yes) witness = p;
  return t;
}

bool all_hold(const ConditionSite& c, const std::vector<Condition>& when, const Port*& witness) {
  for (const Condition& cond : when)
    if (condition_holds(c, cond, witness) != Tri::yes) return false;
  return true;
}

bool variant_applies(const ConditionSite& c, const Variant& v) {
  const Port* witness = nullptr;
  for (const Condition& cond : v.when)
    if (condition_holds(c, cond, witness) == Tri::no) return false;
  return true;
}

}  // namespace qnnv::detail
