// qnnv — QNN vocabulary shared by the data model, the validator and the report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qnnv {

// QNN's Qnn_DataType_t, by name. Only the names travel (data files, reports); the numeric values of
// QnnTypes.h are kept for the SDK importer's sake (to_qnn_value).
enum class DataType : uint8_t {
  INT_8, INT_16, INT_32, INT_64,
  UINT_8, UINT_16, UINT_32, UINT_64,
  FLOAT_16, FLOAT_32, FLOAT_64,
  SFIXED_POINT_4, SFIXED_POINT_8, SFIXED_POINT_16, SFIXED_POINT_32,
  UFIXED_POINT_4, UFIXED_POINT_8, UFIXED_POINT_16, UFIXED_POINT_32,
  BOOL_8, STRING, UNDEFINED,
};

// QNN's Qnn_QuantizationEncoding_t, by name. NONE = the port carries no quantization (float, int, bool).
enum class Encoding : uint8_t {
  SCALE_OFFSET, AXIS_SCALE_OFFSET, BW_SCALE_OFFSET, BW_AXIS_SCALE_OFFSET, BLOCK, BLOCKWISE_EXPANSION,
  VECTOR, NONE,
};

std::string_view to_string(DataType);
std::string_view to_string(Encoding);
std::optional<DataType> parse_datatype(std::string_view);  // "UFIXED_POINT_8" or "QNN_DATATYPE_UFIXED_POINT_8"
std::optional<Encoding> parse_encoding(std::string_view);  // "SCALE_OFFSET" or "QNN_QUANTIZATION_ENCODING_..."
uint32_t to_qnn_value(DataType);

bool is_fixed_point(DataType);
bool is_float(DataType);
int bit_width(DataType);  // 8 for UFIXED_POINT_8 ..., 0 for STRING/UNDEFINED

// Where a fact in the shipped data comes from: a document section or a public code path, and whether the
// value was read there or inferred from it.
struct Provenance {
  std::string source;
  bool read = false;  // true: "read"; false: "inferred"
  std::string note;   // why this choice, where sources conflict
};

}  // namespace qnnv
