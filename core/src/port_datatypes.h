// What QNN sees of a port's tensor (internal): its datatype and its encoding, from the concrete qspec
// the resolver (resolver.h) found for it, or from the tensor's own torch dtype when it is unquantized.
// Follows ExecuTorch's QNN backend (qnn_preprocess / _get_qnn_datatype / _qspec_port_encoding_type).
#pragma once

#include "graph.h"
#include "qnnv/qnnv.h"

namespace qnnv::detail {

// A quantized port: the value range decides 8 vs 16 bits, the sign of quant_min signedness; otherwise
// the spec's dtype. UNDEFINED when the dtype says nothing QNN knows.
DataType quantized_datatype(const QSpec& q);
// An unquantized port: its tensor's own type.
DataType tensor_datatype(TorchDtype t);
// The encoding of a quantized port (per tensor / per axis / blockwise, and the 4-bit "BW" forms).
Encoding spec_encoding(const QSpec& q);

bool is_per_channel(QScheme s);
bool is_symmetric(QScheme s);
// quant_max - quant_min + 1; 0 when either is absent.
double value_count(const QSpec& q);

}  // namespace qnnv::detail
