// torch dtype and qscheme names as the graph format writes them (without "torch.").
#include <array>
#include <utility>

#include "graph.h"

namespace qnnv::detail {
namespace {

// Canonical names first: to_string() returns the first entry of each value.
constexpr std::array<std::pair<std::string_view, TorchDtype>, 17> kDtypeNames{{
    {"float32", TorchDtype::float32},
    {"float16", TorchDtype::float16},
    {"bfloat16", TorchDtype::bfloat16},
    {"float64", TorchDtype::float64},
    {"int8", TorchDtype::int8},
    {"uint8", TorchDtype::uint8},
    {"int16", TorchDtype::int16},
    {"uint16", TorchDtype::uint16},
    {"int32", TorchDtype::int32},
    {"int64", TorchDtype::int64},
    {"bool", TorchDtype::bool_},
    // torch's own aliases (torch.float is torch.float32, ...): a hand-written dump may use them.
    {"float", TorchDtype::float32},
    {"half", TorchDtype::float16},
    {"double", TorchDtype::float64},
    {"short", TorchDtype::int16},
    {"int", TorchDtype::int32},
    {"long", TorchDtype::int64},
}};

constexpr std::array<std::pair<std::string_view, QScheme>, 5> kQSchemeNames{{
    {"per_tensor_affine", QScheme::per_tensor_affine},
    {"per_tensor_symmetric", QScheme::per_tensor_symmetric},
    {"per_channel_affine", QScheme::per_channel_affine},
    {"per_channel_symmetric", QScheme::per_channel_symmetric},
    {"per_channel_affine_float_qparams", QScheme::per_channel_affine_float_qparams},
}};

// "torch.float32" and "float32" mean the same thing; exporters that call str(dtype) write the former.
std::string_view strip_torch(std::string_view s) {
  constexpr std::string_view prefix = "torch.";
  if (s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
  return s;
}

}  // namespace

TorchDtype parse_torch_dtype(std::string_view name) {
  name = strip_torch(name);
  for (const auto& [n, d] : kDtypeNames) {
    if (n == name) return d;
  }
  return TorchDtype::unknown;
}

std::string_view to_string(TorchDtype d) {
  switch (d) {
    case TorchDtype::unknown: return "unknown";
    case TorchDtype::none: return "none";
    default: break;
  }
  for (const auto& [n, v] : kDtypeNames) {
    if (v == d) return n;
  }
  return "unknown";
}

QScheme parse_qscheme(std::string_view name) {
  name = strip_torch(name);
  for (const auto& [n, q] : kQSchemeNames) {
    if (n == name) return q;
  }
  return QScheme::unknown;
}

std::string_view to_string(QScheme q) {
  switch (q) {
    case QScheme::none: return "none";
    case QScheme::unknown: return "unknown";
    default: break;
  }
  for (const auto& [n, v] : kQSchemeNames) {
    if (v == q) return n;
  }
  return "unknown";
}

}  // namespace qnnv::detail
