"""Stand-ins for the PT2E quantizer classes, which torch 1.13 does not have.

They carry the class names and fields of torchao's / torch.ao's classes (the exporter matches by name
and fields, never by import identity), plus observer classes named like ExecuTorch's and torch's, and a
few builders that produce the specs ExecuTorch's QnnQuantizer writes for its configs. No torch import
at module level: the test module decides whether torch is available.
"""

import dataclasses
import functools
from typing import Any, Callable, Dict, List, Optional

ANNOTATION_KEY = "quantization_annotation"
EPS_8BIT = 1e-4 / 255      # ExecuTorch's DEFAULT_EPS_8BIT
EPS_16BIT = 1e-4 / 65535   # ExecuTorch's DEFAULT_EPS_16BIT
INT32_MIN, INT32_MAX = -(2 ** 31), 2 ** 31 - 1


# ---- quantization specs (same names and fields as torchao.quantization.pt2e.quantizer) ----------

class QuantizationSpecBase:
    pass


@dataclasses.dataclass(eq=True, frozen=True)
class QuantizationSpec(QuantizationSpecBase):
    dtype: Any
    observer_or_fake_quant_ctr: Any
    quant_min: Optional[int] = None
    quant_max: Optional[int] = None
    qscheme: Any = None
    ch_axis: Optional[int] = None
    is_dynamic: bool = False


@dataclasses.dataclass(eq=True, frozen=True)
class FixedQParamsQuantizationSpec(QuantizationSpecBase):
    dtype: Any
    scale: float
    zero_point: int
    quant_min: Optional[int] = None
    quant_max: Optional[int] = None
    qscheme: Any = None
    is_dynamic: bool = False


@dataclasses.dataclass(eq=True, frozen=True)
class SharedQuantizationSpec(QuantizationSpecBase):
    edge_or_node: Any


@dataclasses.dataclass(eq=True, frozen=True)
class DerivedQuantizationSpec(QuantizationSpecBase):
    derived_from: List[Any]
    derive_qparams_fn: Callable
    dtype: Any
    quant_min: Optional[int] = None
    quant_max: Optional[int] = None
    qscheme: Any = None
    ch_axis: Optional[int] = None
    is_dynamic: bool = False

    def __hash__(self):  # derived_from is a list, as in torch; hash by identity like a plain object
        return id(self)


@dataclasses.dataclass
class QuantizationAnnotation:
    input_qspec_map: Dict[Any, Optional[QuantizationSpecBase]] = dataclasses.field(default_factory=dict)
    output_qspec: Optional[QuantizationSpecBase] = None
    allow_implicit_sharing: bool = True
    _annotated: bool = False


# ---- observer classes: only their names and the partials' keywords matter to the exporter -------

class _Observer:
    def __init__(self, **kwargs):
        self.kwargs = kwargs


class MinMaxObserver(_Observer):
    pass


class MovingAverageMinMaxObserver(_Observer):
    pass


class PerChannelParamObserver(_Observer):
    pass


class PerBlockParamObserver(_Observer):
    pass


class FixedQParamsObserver(_Observer):
    pass


class ConcatObserver(_Observer):
    pass


class FakeQuantize(_Observer):
    pass


class FixedQParamsFakeQuantize(_Observer):
    pass


class _PartialWrapper:
    """torch.ao.quantization.observer._PartialWrapper's shape: the partial sits in `.p`."""

    def __init__(self, p):
        self.p = p
        self.callable_args = {}

    def __call__(self, *args, **kwargs):
        return self.p(*args, **kwargs)

    def with_args(self, **kwargs):
        return _PartialWrapper(functools.partial(self, **kwargs))


def with_args(cls, **kwargs):
    return _PartialWrapper(functools.partial(cls, **kwargs))


def _derive_qparams(observers):  # stands for ExecuTorch's _derive_bias_qparams_fn
    raise NotImplementedError


# ---- the specs ExecuTorch's QnnQuantizer builds (qconfig.py), as stand-ins --------------------

def act_8bit(torch, observer=MovingAverageMinMaxObserver):
    return QuantizationSpec(dtype=torch.uint8, quant_min=0, quant_max=255, qscheme=torch.per_tensor_affine,
                            observer_or_fake_quant_ctr=with_args(observer, eps=EPS_8BIT))


def act_16bit(torch):
    # torch had no uint16: ExecuTorch writes 16-bit activations as int32 0..65535
    return QuantizationSpec(dtype=torch.int32, quant_min=0, quant_max=65535, qscheme=torch.per_tensor_affine,
                            observer_or_fake_quant_ctr=with_args(MinMaxObserver, eps=EPS_16BIT))


def weight_per_channel_int8(torch):
    return QuantizationSpec(dtype=torch.int8, quant_min=-127, quant_max=127,
                            qscheme=torch.per_channel_symmetric, ch_axis=0,
                            observer_or_fake_quant_ctr=with_args(PerChannelParamObserver, eps=EPS_8BIT))


def weight_int16(torch):
    return QuantizationSpec(dtype=torch.int16, quant_min=-32767, quant_max=32767,
                            qscheme=torch.per_tensor_symmetric, ch_axis=0,
                            observer_or_fake_quant_ctr=with_args(MinMaxObserver, eps=EPS_16BIT))


def bias_int32(torch):
    return QuantizationSpec(dtype=torch.int32, quant_min=INT32_MIN, quant_max=INT32_MAX,
                            qscheme=torch.per_tensor_symmetric,
                            observer_or_fake_quant_ctr=with_args(MinMaxObserver, eps=EPS_16BIT))


def weight_block_int4(torch):
    """get_ptq_per_block_quant_config's weight: block_size is added later, onto the shared partial."""
    return QuantizationSpec(dtype=torch.int8, quant_min=-7, quant_max=7, qscheme=torch.per_channel_symmetric,
                            ch_axis=0, observer_or_fake_quant_ctr=with_args(PerBlockParamObserver, eps=EPS_16BIT))


def derived_bias(torch, act_node, weight_node, consumer):
    """_derived_bias_quant_spec: bias qparams from the input activation's and the weight's."""
    return DerivedQuantizationSpec(derived_from=[(act_node, consumer), (weight_node, consumer)],
                                   derive_qparams_fn=_derive_qparams, dtype=torch.int32,
                                   quant_min=INT32_MIN, quant_max=INT32_MAX,
                                   qscheme=torch.per_channel_symmetric, ch_axis=0)


def fixed_output(torch, scale, zero_point, dtype, quant_min, quant_max):
    """htp_rules' sigmoid/tanh output: a plain QuantizationSpec whose observer holds fixed qparams."""
    ctr = with_args(FixedQParamsObserver, scale=scale, zero_point=zero_point, dtype=dtype,
                    qscheme=torch.per_tensor_affine, quant_max=quant_max, quant_min=quant_min)
    return QuantizationSpec(dtype=dtype, quant_min=quant_min, quant_max=quant_max,
                            qscheme=torch.per_tensor_affine, observer_or_fake_quant_ctr=ctr)


def annotate(node, inputs=(), output=None, allow_implicit_sharing=True):
    """inputs: (node, spec) pairs in the order the annotator inserts them."""
    node.meta[ANNOTATION_KEY] = QuantizationAnnotation(
        input_qspec_map=dict(inputs), output_qspec=output,
        allow_implicit_sharing=allow_implicit_sharing, _annotated=True)
