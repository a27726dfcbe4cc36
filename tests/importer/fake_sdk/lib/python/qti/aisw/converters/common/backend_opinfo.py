"""A fake of the QNN SDK's qti.aisw.converters.common.backend_opinfo (SDK >= 2.41) for testing
scripts/import_backend_opinfo.py. It implements the API ExecuTorch's backend_opinfo_adapter.py uses; the
constraint values are made up for the test and are not QNN's. It deliberately mixes the forms real SDK
builds may return: enum objects, QNN names with and without prefix, and integer values."""
import enum

HTP = 1
LPAI = 3
__version__ = "2.41.0-fake"


class Qnn_DataType_t(enum.IntEnum):  # a pybind-like enum: .name and int value
    QNN_DATATYPE_UFIXED_POINT_8 = 0x0408
    QNN_DATATYPE_UFIXED_POINT_16 = 0x0416
    QNN_DATATYPE_SFIXED_POINT_8 = 0x0308
    QNN_DATATYPE_SFIXED_POINT_16 = 0x0316
    QNN_DATATYPE_SFIXED_POINT_32 = 0x0332
    QNN_DATATYPE_FLOAT_16 = 0x0216
    QNN_DATATYPE_INT_32 = 0x0032


class QuantConstraintInfo:
    def __init__(self, encodings, symmetric=False, axis=None, math_invariant=False, scale=None, offset=None):
        self._e, self._s, self._a, self._m, self._scale, self._offset = encodings, symmetric, axis, math_invariant, scale, offset

    def get_encoding_types(self): return list(self._e)
    def is_symmetric(self): return self._s
    def get_axis(self): return self._a
    def is_math_invariant(self): return self._m
    def get_scale(self): return self._scale
    def get_offset(self): return self._offset


class DatatypeInfo:
    def __init__(self, dtype, constraints=(), onward=False):
        self._d, self._c, self._o = dtype, list(constraints), onward

    def get_datatype(self): return self._d
    def get_quant_constraint_info(self): return list(self._c)
    def is_applicable_from_current_dtype_onward(self): return self._o


class OpInfo:
    def __init__(self, inputs, outputs):
        self._i, self._o = inputs, outputs

    def get_input_info(self): return list(self._i)
    def get_output_info(self): return list(self._o)


U8 = Qnn_DataType_t.QNN_DATATYPE_UFIXED_POINT_8          # enum object
U16 = "QNN_DATATYPE_UFIXED_POINT_16"                     # prefixed name
S8 = "SFIXED_POINT_8"                                    # bare name
S16 = 0x0316                                             # integer value
S32 = Qnn_DataType_t.QNN_DATATYPE_SFIXED_POINT_32
F16 = 0x0216
I32 = "QNN_DATATYPE_INT_32"
PT = "QNN_QUANTIZATION_ENCODING_SCALE_OFFSET"
AX = 1
BLOCK = "BLOCKWISE_EXPANSION"


def _act(t):
    return DatatypeInfo(t, [QuantConstraintInfo([PT])])


def _weight(t, lpbq):
    enc = [PT, AX] + ([BLOCK] if lpbq else [])
    return DatatypeInfo(t, [QuantConstraintInfo(enc, symmetric=True, axis=[0])])


def _bias():
    return DatatypeInfo(S32, [QuantConstraintInfo([PT, AX], symmetric=True)])


def _ops(arch):
    lpbq = arch >= 69
    conv = [OpInfo([_act(U8), _weight(S8, lpbq), _bias()], [_act(U8)]),
            OpInfo([_act(U16), _weight(S8, lpbq), _bias()], [_act(U16)])]
    if arch >= 73:
        conv.append(OpInfo([_act(U16), _weight(S16, False), _bias()], [_act(U16)]))
    ops = {
        "Conv2d": conv,
        "FullyConnected": list(conv),
        "Reshape": [OpInfo([_act(t)], [DatatypeInfo(t, [QuantConstraintInfo([PT], math_invariant=True)])]) for t in (U8, U16)],
        "Sigmoid": [OpInfo([_act(U8)], [DatatypeInfo(U8, [QuantConstraintInfo([PT], scale=1 / 256, offset=0)])]),
                    OpInfo([_act(U16)], [DatatypeInfo(U16, [QuantConstraintInfo([PT], scale=1 / 65536, offset=0)])])],
        "Concat": [OpInfo([DatatypeInfo(U8, [QuantConstraintInfo([PT])], onward=True)], [_act(U8)])],
        "Argmax": [OpInfo([DatatypeInfo(U8)], [DatatypeInfo(I32)]), OpInfo([DatatypeInfo(F16)], [DatatypeInfo(I32)])],
    }
    if arch < 73:
        ops["ElementWiseAsin"] = [OpInfo([_act(U8)], [_act(U8)])]
    return ops


_ARCH_OF_SOC = {36: 69, "SM8450": 69, 69: 79, "SM8750": 79, 87: 81, "SM8850": 81}


class BackendOpInfo:
    def __init__(self, backend_type, soc_model):
        if backend_type not in (HTP, LPAI):
            raise ValueError("unknown backend %r" % backend_type)
        if soc_model not in _ARCH_OF_SOC:
            raise ValueError("unknown soc %r" % soc_model)
        self._ops = _ops(_ARCH_OF_SOC[soc_model])

    def get_all_supported_ops(self):
        return list(self._ops)

    def get_op_info(self, op_name):
        return list(self._ops.get(op_name, []))
