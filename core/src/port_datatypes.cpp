// Port datatypes and encodings (see port_datatypes.h).
#include "port_datatypes.h"

namespace qnnv::detail {

// ExecuTorch's _get_qnn_datatype for a quantized port: the value range decides 8 vs 16 bits and the
// sign of quant_min decides signedness (16-bit activations are written as int32 0..65535); otherwise the
// spec's dtype. Returns UNDEFINED when the dtype says nothing QNN knows.
DataType quantized_datatype(const QSpec& q) {
  if (q.quant_min && q.quant_max) {
    const double range = double(*q.quant_max) - double(*q.quant_min) + 1.0;
    const bool is_signed = *q.quant_min < 0;
    if (range <= 256.0) return is_signed ? DataType::SFIXED_POINT_8 : DataType::UFIXED_POINT_8;
    if (range <= 65536.0) return is_signed ? DataType::SFIXED_POINT_16 : DataType::UFIXED_POINT_16;
  }
  switch (q.dtype) {
    case TorchDtype::int8: return DataType::SFIXED_POINT_8;
    case TorchDtype::uint8: return DataType::UFIXED_POINT_8;
    case TorchDtype::int16: return DataType::SFIXED_POINT_16;
    case TorchDtype::uint16: return DataType::UFIXED_POINT_16;
    case TorchDtype::int32: return DataType::SFIXED_POINT_32;
    case TorchDtype::float16: return DataType::FLOAT_16;
    case TorchDtype::float32:
    case TorchDtype::float64: return DataType::FLOAT_32;
    default: return DataType::UNDEFINED;
  }
}

// An unquantized port carries its tensor's own type. (Upstream maps unquantized int32 to
// SFIXED_POINT_32 and int64 to UNDEFINED; qnnv keeps them integers: an index is not a fixed-point value.)
DataType tensor_datatype(TorchDtype t) {
  switch (t) {
    case TorchDtype::float32:
    case TorchDtype::float64: return DataType::FLOAT_32;
    case TorchDtype::float16: return DataType::FLOAT_16;
    case TorchDtype::int8: return DataType::INT_8;
    case TorchDtype::uint8: return DataType::UINT_8;
    case TorchDtype::int16: return DataType::INT_16;
    case TorchDtype::uint16: return DataType::UINT_16;
    case TorchDtype::int32: return DataType::INT_32;
    case TorchDtype::int64: return DataType::INT_64;
    case TorchDtype::bool_: return DataType::BOOL_8;
    default: return DataType::UNDEFINED;
  }
}

bool is_per_channel(QScheme s) {
  return s == QScheme::per_channel_affine || s == QScheme::per_channel_symmetric ||
         s == QScheme::per_channel_affine_float_qparams;
}
bool is_symmetric(QScheme s) { return s == QScheme::per_tensor_symmetric || s == QScheme::per_channel_symmetric; }

double value_count(const QSpec& q) {
  if (!q.quant_min || !q.quant_max) return 0;
  return double(*q.quant_max) - double(*q.quant_min) + 1.0;
}

// ExecuTorch's _qspec_port_encoding_type.
Encoding spec_encoding(const QSpec& q) {
  const double values = value_count(q);
  const bool small_int8 = q.dtype == TorchDtype::int8 && values > 0 && values <= 16;
  if (is_per_channel(q.qscheme)) {
    if (q.has_block_size) return Encoding::BLOCKWISE_EXPANSION;
    return small_int8 ? Encoding::BW_AXIS_SCALE_OFFSET : Encoding::AXIS_SCALE_OFFSET;
  }
  return small_int8 ? Encoding::BW_SCALE_OFFSET : Encoding::SCALE_OFFSET;
}

}  // namespace qnnv::detail
