// qnnv — names, QNN enum values and classification of DataType / Encoding (see types.h).
#include "qnnv/types.h"

#include <array>

namespace qnnv {
namespace {

struct DtypeRow {
  DataType type;
  std::string_view name;
  uint32_t qnn_value;  // Qnn_DataType_t (QnnTypes.h)
  int bits;
};

// Values: QnnTypes.h as summarised in docs/data-sources.md (research §1).
constexpr std::array<DtypeRow, 22> kDtypes{{
    {DataType::INT_8, "INT_8", 0x0008, 8},
    {DataType::INT_16, "INT_16", 0x0016, 16},
    {DataType::INT_32, "INT_32", 0x0032, 32},
    {DataType::INT_64, "INT_64", 0x0064, 64},
    {DataType::UINT_8, "UINT_8", 0x0108, 8},
    {DataType::UINT_16, "UINT_16", 0x0116, 16},
    {DataType::UINT_32, "UINT_32", 0x0132, 32},
    {DataType::UINT_64, "UINT_64", 0x0164, 64},
    {DataType::FLOAT_16, "FLOAT_16", 0x0216, 16},
    {DataType::FLOAT_32, "FLOAT_32", 0x0232, 32},
    {DataType::FLOAT_64, "FLOAT_64", 0x0264, 64},
    {DataType::SFIXED_POINT_4, "SFIXED_POINT_4", 0x0304, 4},
    {DataType::SFIXED_POINT_8, "SFIXED_POINT_8", 0x0308, 8},
    {DataType::SFIXED_POINT_16, "SFIXED_POINT_16", 0x0316, 16},
    {DataType::SFIXED_POINT_32, "SFIXED_POINT_32", 0x0332, 32},
    {DataType::UFIXED_POINT_4, "UFIXED_POINT_4", 0x0404, 4},
    {DataType::UFIXED_POINT_8, "UFIXED_POINT_8", 0x0408, 8},
    {DataType::UFIXED_POINT_16, "UFIXED_POINT_16", 0x0416, 16},
    {DataType::UFIXED_POINT_32, "UFIXED_POINT_32", 0x0432, 32},
    {DataType::BOOL_8, "BOOL_8", 0x0508, 8},
    {DataType::STRING, "STRING", 0x0608, 0},
    {DataType::UNDEFINED, "UNDEFINED", 0x7FFFFFFF, 0},
}};

constexpr std::array<std::string_view, 8> kEncodings{{
    "SCALE_OFFSET", "AXIS_SCALE_OFFSET", "BW_SCALE_OFFSET", "BW_AXIS_SCALE_OFFSET", "BLOCK",
    "BLOCKWISE_EXPANSION", "VECTOR", "NONE",
}};

std::string_view strip_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() > prefix.size() && s.substr(0, prefix.size()) == prefix) s.remove_prefix(prefix.size());
  return s;
}

}  // namespace

std::string_view to_string(DataType t) {
  for (const auto& row : kDtypes)
    if (row.type == t) return row.name;
  return "UNDEFINED";
}

std::string_view to_string(Encoding e) {
  auto i = static_cast<size_t>(e);
  return i < kEncodings.size() ? kEncodings[i] : "NONE";
}

std::optional<DataType> parse_datatype(std::string_view s) {
  s = strip_prefix(s, "QNN_DATATYPE_");
  for (const auto& row : kDtypes)
    if (row.name == s) return row.type;
  return std::nullopt;
}

std::optional<Encoding> parse_encoding(std::string_view s) {
  s = strip_prefix(s, "QNN_QUANTIZATION_ENCODING_");
  for (size_t i = 0; i < kEncodings.size(); ++i)
    if (kEncodings[i] == s) return static_cast<Encoding>(i);
  return std::nullopt;
}

uint32_t to_qnn_value(DataType t) {
  for (const auto& row : kDtypes)
    if (row.type == t) return row.qnn_value;
  return 0x7FFFFFFF;
}

bool is_fixed_point(DataType t) {
  switch (t) {
    case DataType::SFIXED_POINT_4: case DataType::SFIXED_POINT_8: case DataType::SFIXED_POINT_16:
    case DataType::SFIXED_POINT_32: case DataType::UFIXED_POINT_4: case DataType::UFIXED_POINT_8:
    case DataType::UFIXED_POINT_16: case DataType::UFIXED_POINT_32:
      return true;
    default:
      return false;
  }
}

bool is_float(DataType t) {
  return t == DataType::FLOAT_16 || t == DataType::FLOAT_32 || t == DataType::FLOAT_64;
}

int bit_width(DataType t) {
  for (const auto& row : kDtypes)
    if (row.type == t) return row.bits;
  return 0;
}

}  // namespace qnnv
