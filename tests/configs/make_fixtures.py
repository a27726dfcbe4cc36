#!/usr/bin/env python3
"""Generate tests/fixtures/configs/<pattern>__<config>.json: small torch models annotated the way
ExecuTorch's QnnQuantizer annotates them for each of its quant configs, exported with
scripts/qnnv_export.py.

    /usr/bin/python3 tests/configs/make_fixtures.py [--out DIR]

Needs torch (Debian's torch 1.13 is enough: the models call ATen overloads directly, so
torch.fx.symbolic_trace records the targets torch.export records). PT2E classes come from the
stand-ins in tests/python/standins.py; the exporter matches them by class name and fields.

What is mirrored (see tests/configs/README.md for the sources):
  * the quant configs of ExecuTorch's qconfig.py (dtypes, ranges, qschemes, observers, eps,
    FakeQuantize nesting for QAT) and the (ptq, per-channel, per-block) triples of QUANT_CONFIG_DICT;
  * QnnQuantizer._get_quant_config's priority: block_size_map by node name, then per-channel ops,
    then the plain config;
  * the annotate functions of htp_rules.py / rules.py for every op the patterns use, including the
    in-place block_size update of the (shared) weight observer partial.
Output is deterministic: no random values reach the file (only shapes and dtypes are exported).
"""

import argparse
import dataclasses
import functools
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))

import torch  # noqa: E402
import torch.fx  # noqa: E402
from torch.fx.passes.shape_prop import ShapeProp  # noqa: E402

import qnnv_export  # noqa: E402
import standins as S  # noqa: E402
from tiny_decoder import RMS_NORM  # noqa: E402  (aten.rms_norm.default, or its stand-in on torch 1.13)

aten = torch.ops.aten
KEY = S.ANNOTATION_KEY
EPS_8BIT, EPS_16BIT = S.EPS_8BIT, S.EPS_16BIT
INT32_MIN, INT32_MAX = S.INT32_MIN, S.INT32_MAX
UINT16_MIN, UINT16_MAX = 0, 65535  # torch 1.13 has no torch.uint16; ExecuTorch writes it as int32 0..65535
INT4, INT2, UINT16 = "int4", "int2", "uint16"  # dtypes torch 1.13 lacks, as markers


# ---- observer / fake-quant classes the configs name (the stand-ins lack a few) ------------------

class _Ctr:
    pass


class FusedMovingAvgObsFakeQuantize(_Ctr):
    pass


class PerBlockParamFakeQuantize(_Ctr):
    pass


class MovingAveragePerChannelMinMaxObserver(_Ctr):
    pass


MinMax = S.MinMaxObserver
MovingAvg = S.MovingAverageMinMaxObserver
PerChannel = S.PerChannelParamObserver
PerBlock = S.PerBlockParamObserver
FakeQuantize = S.FakeQuantize
w = S.with_args


def Q(**kw):
    return S.QuantizationSpec(**kw)


@dataclasses.dataclass
class QConfig:  # ExecuTorch's QuantizationConfig
    input_activation: object
    output_activation: object
    weight: object
    bias: object  # a spec, a callable node -> DerivedQuantizationSpec, or None
    block_size: object = None
    per_channel_embedding: bool = False


def _bias_int32(observer_ctr):
    return Q(dtype=torch.int32, quant_min=INT32_MIN, quant_max=INT32_MAX, qscheme=torch.per_tensor_symmetric,
             observer_or_fake_quant_ctr=observer_ctr)


def derived_bias(node):  # qconfig._derived_bias_quant_spec
    return S.DerivedQuantizationSpec(derived_from=[(node.args[0], node), (node.args[1], node)],
                                     derive_qparams_fn=S._derive_qparams, dtype=torch.int32,
                                     quant_min=INT32_MIN, quant_max=INT32_MAX, ch_axis=0,
                                     qscheme=torch.per_channel_symmetric)


def _act16(act_observer, eps, symmetric=False):
    return Q(dtype=torch.int32, quant_min=UINT16_MIN, quant_max=UINT16_MAX,
             qscheme=torch.per_tensor_symmetric if symmetric else torch.per_tensor_affine,
             observer_or_fake_quant_ctr=w(act_observer, eps=eps))


# ---- qconfig.py, PTQ ------------------------------------------------------------------------------

def ptq_8a8w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_8BIT
    act = Q(dtype=torch.uint8, quant_min=0, quant_max=255, qscheme=torch.per_tensor_affine,
            observer_or_fake_quant_ctr=w(act_observer, eps=eps))
    weight = Q(dtype=torch.int8, quant_min=-127, quant_max=127, qscheme=torch.per_tensor_symmetric, ch_axis=0,
               observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(act, act, weight, _bias_int32(w(MinMax, eps=eps)))


def ptq_8a4w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_8BIT
    act = Q(dtype=torch.uint8, quant_min=0, quant_max=255, qscheme=torch.per_tensor_affine,
            observer_or_fake_quant_ctr=w(act_observer, eps=eps))
    weight = Q(dtype=torch.int8, quant_min=-7, quant_max=7, qscheme=torch.per_tensor_symmetric, ch_axis=0,
               observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(act, act, weight, _bias_int32(w(MinMax, eps=eps)))


def ptq_16a2w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_16BIT
    act = _act16(act_observer, eps)
    weight = Q(dtype=torch.int8, quant_min=-2, quant_max=1, qscheme=torch.per_tensor_symmetric,
               observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(act, act, weight, _bias_int32(w(MinMax, eps=eps)))


def ptq_16a4w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_16BIT
    act = _act16(act_observer, eps)
    weight = Q(dtype=torch.int8, quant_min=-7, quant_max=7, qscheme=torch.per_tensor_symmetric, ch_axis=0,
               observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(act, act, weight, _bias_int32(w(MinMax, eps=eps)))


def ptq_16a8w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_16BIT
    act = _act16(act_observer, eps)
    # uint8, symmetric, no quant_min/quant_max: that is what qconfig.py writes
    weight = Q(dtype=torch.uint8, qscheme=torch.per_tensor_symmetric, ch_axis=0,
               observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(act, act, weight, _bias_int32(w(MinMax, eps=eps)))


def ptq_16a16w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_16BIT
    act = _act16(act_observer, eps)
    weight = Q(dtype=torch.int16, quant_min=-32767, quant_max=32767, qscheme=torch.per_tensor_symmetric,
               ch_axis=0, observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(act, act, weight, _bias_int32(w(MinMax, eps=eps)))


def ptq_fp16a8w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_8BIT
    weight = Q(dtype=torch.int8, quant_min=-127, quant_max=127, qscheme=torch.per_tensor_symmetric, ch_axis=0,
               observer_or_fake_quant_ctr=w(MinMax, eps=eps))
    return QConfig(None, None, weight, _bias_int32(w(MinMax, eps=eps)))  # None = float activations


def _weight_range(weight_dtype):
    if weight_dtype == INT4:
        return torch.int8, -7, 7
    if weight_dtype == INT2:
        return torch.int8, -2, 1
    return weight_dtype, torch.iinfo(weight_dtype).min + 1, torch.iinfo(weight_dtype).max


def _act_pc(act_dtype, ctr):
    if act_dtype == UINT16:
        return Q(dtype=torch.int32, quant_min=UINT16_MIN, quant_max=UINT16_MAX, qscheme=torch.per_tensor_affine,
                 observer_or_fake_quant_ctr=ctr)
    return Q(dtype=act_dtype, quant_min=torch.iinfo(act_dtype).min, quant_max=torch.iinfo(act_dtype).max,
             qscheme=torch.per_tensor_affine, observer_or_fake_quant_ctr=ctr)


def ptq_per_channel(act_dtype=torch.uint8, weight_dtype=torch.int8, act_observer=MovingAvg, ch_axis=0, eps=None):
    eps = eps or EPS_16BIT  # qconfig.py: "the smallest defaults to DEFAULT_EPS_16BIT", also for 8-bit
    act = _act_pc(act_dtype, w(act_observer, eps=eps))
    dt, qmin, qmax = _weight_range(weight_dtype)
    weight = Q(dtype=dt, quant_min=qmin, quant_max=qmax, qscheme=torch.per_channel_symmetric, ch_axis=ch_axis,
               observer_or_fake_quant_ctr=w(PerChannel, eps=eps))
    return QConfig(act, act, weight, derived_bias)


def ptq_per_block(act_dtype=torch.uint8, weight_dtype=torch.int8, act_observer=MovingAvg, ch_axis=0):
    base = ptq_per_channel(act_dtype, weight_dtype, act_observer)  # ch_axis and eps not passed on, as upstream
    dt, qmin, qmax = _weight_range(weight_dtype)
    weight = Q(dtype=dt, quant_min=qmin, quant_max=qmax, qscheme=torch.per_channel_symmetric, ch_axis=ch_axis,
               observer_or_fake_quant_ctr=w(PerBlock, eps=EPS_16BIT))
    return QConfig(base.input_activation, base.output_activation, weight, base.bias)


def ptq_fp16a8w_per_channel(act_observer=MovingAvg, ch_axis=0, eps=None):
    eps = eps or EPS_8BIT
    weight = Q(dtype=torch.int8, quant_min=-127, quant_max=127, qscheme=torch.per_channel_symmetric,
               ch_axis=ch_axis, observer_or_fake_quant_ctr=w(PerChannel, eps=eps))
    return QConfig(None, None, weight, None)


# ---- qconfig.py, QAT -----------------------------------------------------------------------------

def _qat_bias(observer):
    return _bias_int32(w(FakeQuantize, dtype=torch.int32, quant_min=INT32_MIN, quant_max=INT32_MAX,
                         qscheme=torch.per_tensor_symmetric, observer=observer))


def _qat_weight_int8_per_tensor(eps):
    ctr = w(FusedMovingAvgObsFakeQuantize, dtype=torch.int8, quant_min=-127, quant_max=127,
            qscheme=torch.per_tensor_symmetric, observer=w(MovingAvg, eps=eps))
    return Q(dtype=torch.int8, quant_min=-127, quant_max=127, qscheme=torch.per_tensor_symmetric, ch_axis=0,
             observer_or_fake_quant_ctr=ctr)


def qat_8a8w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_8BIT
    # quant_min/quant_max are left out here, unlike the PTQ config
    ctr = w(FusedMovingAvgObsFakeQuantize, dtype=torch.uint8, qscheme=torch.per_tensor_affine,
            observer=w(act_observer, eps=eps))
    act = Q(dtype=torch.uint8, qscheme=torch.per_tensor_affine, ch_axis=0, observer_or_fake_quant_ctr=ctr)
    return QConfig(act, act, _qat_weight_int8_per_tensor(eps), _qat_bias(w(MovingAvg, eps=eps)))


def _qat_act16(act_observer, eps):
    ctr = w(FusedMovingAvgObsFakeQuantize, dtype=torch.int32, quant_min=UINT16_MIN, quant_max=UINT16_MAX,
            qscheme=torch.per_tensor_affine, observer=w(act_observer, eps=eps))
    return Q(dtype=torch.int32, quant_min=UINT16_MIN, quant_max=UINT16_MAX, qscheme=torch.per_tensor_affine,
             observer_or_fake_quant_ctr=ctr)


def qat_16a4w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_16BIT
    act = _qat_act16(act_observer, eps)
    wctr = w(FakeQuantize, dtype=torch.int8, quant_min=-7, quant_max=7, qscheme=torch.per_tensor_symmetric,
             ch_axis=0, observer=w(MinMax, eps=eps))
    weight = Q(dtype=torch.int8, quant_min=-7, quant_max=7, qscheme=torch.per_tensor_symmetric, ch_axis=0,
               observer_or_fake_quant_ctr=wctr)
    return QConfig(act, act, weight, _qat_bias(w(MinMax, eps=eps)))


def qat_16a8w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_16BIT
    act = _qat_act16(act_observer, eps)
    return QConfig(act, act, _qat_weight_int8_per_tensor(eps), _qat_bias(w(MovingAvg, eps=eps)))


def qat_fp16a8w(act_observer=MovingAvg, eps=None):
    eps = eps or EPS_8BIT
    return QConfig(None, None, _qat_weight_int8_per_tensor(eps), _qat_bias(w(MovingAvg, eps=eps)))


def qat_per_channel(act_dtype=torch.uint8, weight_dtype=torch.int8, act_observer=MovingAvg, ch_axis=0, eps=None):
    eps = eps or (EPS_8BIT if act_dtype == torch.uint8 else EPS_16BIT)
    act_ctr_kw = dict(quant_min=UINT16_MIN, quant_max=UINT16_MAX) if act_dtype == UINT16 else \
        dict(quant_min=torch.iinfo(act_dtype).min, quant_max=torch.iinfo(act_dtype).max)
    act_dt = torch.int32 if act_dtype == UINT16 else act_dtype
    act = _act_pc(act_dtype, w(FusedMovingAvgObsFakeQuantize, dtype=act_dt, qscheme=torch.per_tensor_affine,
                               observer=w(act_observer, eps=eps), **act_ctr_kw))
    dt, qmin, qmax = _weight_range(weight_dtype)
    wctr = w(FakeQuantize, dtype=dt, quant_min=qmin, quant_max=qmax, qscheme=torch.per_channel_symmetric,
             ch_axis=ch_axis, observer=w(PerChannel, eps=eps))
    weight = Q(dtype=dt, quant_min=qmin, quant_max=qmax, qscheme=torch.per_channel_symmetric, ch_axis=ch_axis,
               observer_or_fake_quant_ctr=wctr)
    return QConfig(act, act, weight, derived_bias)


def qat_per_block(act_dtype=torch.uint8, weight_dtype=torch.int8, act_observer=MovingAvg, ch_axis=0):
    act_ctr_kw = dict(quant_min=UINT16_MIN, quant_max=UINT16_MAX) if act_dtype == UINT16 else \
        dict(quant_min=torch.iinfo(act_dtype).min, quant_max=torch.iinfo(act_dtype).max)
    act_dt = torch.int32 if act_dtype == UINT16 else act_dtype
    # upstream passes the observer class itself here, without eps
    act = _act_pc(act_dtype, w(FusedMovingAvgObsFakeQuantize, dtype=act_dt, qscheme=torch.per_tensor_affine,
                               observer=act_observer, **act_ctr_kw))
    dt, qmin, qmax = _weight_range(weight_dtype)
    wctr = w(PerBlockParamFakeQuantize, dtype=dt, quant_min=qmin, quant_max=qmax,
             qscheme=torch.per_channel_symmetric, ch_axis=ch_axis)
    weight = Q(dtype=dt, quant_min=qmin, quant_max=qmax, qscheme=torch.per_channel_symmetric, ch_axis=ch_axis,
               observer_or_fake_quant_ctr=wctr)
    return QConfig(act, act, weight, derived_bias)


def qat_fp16a8w_per_channel(act_observer=MovingAvg, ch_axis=0, eps=None):
    eps = eps or EPS_8BIT
    wctr = w(FusedMovingAvgObsFakeQuantize, dtype=torch.int8, quant_min=-127, quant_max=127,
             qscheme=torch.per_channel_symmetric, observer=w(MovingAveragePerChannelMinMaxObserver, eps=eps))
    weight = Q(dtype=torch.int8, quant_min=-127, quant_max=127, qscheme=torch.per_channel_symmetric,
               ch_axis=ch_axis, observer_or_fake_quant_ctr=wctr)
    return QConfig(None, None, weight, None)


P = functools.partial
# QUANT_CONFIG_DICT: (quant_dtype name, is_qat) -> (plain, per-channel, per-block)
QUANT_CONFIG_DICT = {
    ("16a16w", False): (ptq_16a16w, P(ptq_per_channel, act_dtype=UINT16, weight_dtype=torch.int16), None),
    ("16a8w", False): (ptq_16a8w, P(ptq_per_channel, act_dtype=UINT16, weight_dtype=torch.int8), None),
    ("16a4w", False): (ptq_16a4w, P(ptq_per_channel, act_dtype=UINT16, weight_dtype=INT4), None),
    ("16a4w_block", False): (ptq_16a4w, P(ptq_per_channel, act_dtype=UINT16, weight_dtype=INT4),
                             P(ptq_per_block, act_dtype=UINT16, weight_dtype=INT4)),
    ("16a2w", False): (ptq_16a2w, P(ptq_per_channel, act_dtype=UINT16, weight_dtype=INT2), None),
    ("8a8w", False): (ptq_8a8w, ptq_per_channel, None),
    ("8a4w", False): (ptq_8a4w, P(ptq_per_channel, act_dtype=torch.uint8, weight_dtype=INT4), None),
    ("fp16a8w", False): (ptq_fp16a8w, ptq_fp16a8w_per_channel, None),
    ("16a4w", True): (qat_16a4w, P(qat_per_channel, act_dtype=UINT16, weight_dtype=INT4), None),
    ("16a4w_block", True): (qat_16a4w, P(qat_per_channel, act_dtype=UINT16, weight_dtype=INT4),
                            P(qat_per_block, act_dtype=UINT16, weight_dtype=INT4)),
    ("8a8w", True): (qat_8a8w, qat_per_channel, None),
    ("16a8w", True): (qat_16a8w, P(qat_per_channel, act_dtype=UINT16, weight_dtype=torch.int8), None),
    ("fp16a8w", True): (qat_fp16a8w, qat_fp16a8w_per_channel, None),
}

OP_AXIS = {aten.conv2d.default: 0, aten.linear.default: 0}


class ModuleQConfig:
    """quantizer.ModuleQConfig: the plain config, per-channel configs per axis, per-block per axis."""

    def __init__(self, quant_dtype, is_qat, conv_per_channel, linear_per_channel, act_observer=None):
        plain, per_channel, per_block = QUANT_CONFIG_DICT[(quant_dtype, is_qat)]
        kw = {"act_observer": act_observer} if act_observer else {}
        self.quant_config = plain(**kw)
        self.per_channel = [per_channel(ch_axis=i, **kw) for i in range(2)]
        self.per_block = [per_block(ch_axis=i, **kw) for i in range(2)] if per_block else None
        self.per_channel_ops = {}
        if conv_per_channel:
            self.per_channel_ops[aten.conv2d.default] = 0
        if linear_per_channel:
            self.per_channel_ops[aten.linear.default] = 0


def get_quant_config(mq, node, block_size_map):  # QnnQuantizer._get_quant_config
    if isinstance(node.target, str):
        return None
    block_size = block_size_map.get(node.name)
    if block_size:
        config = mq.per_block[OP_AXIS.get(node.target, 0)]
        config.block_size = block_size
        return config
    if node.target in mq.per_channel_ops:
        return mq.per_channel[mq.per_channel_ops[node.target]]
    return mq.quant_config


# ---- rules.py / htp_rules.py annotators -----------------------------------------------------------

def _is_annotated(nodes):
    return any(KEY in n.meta and n.meta[KEY]._annotated for n in nodes)


def _is_float_tensor(node):
    if not isinstance(node, torch.fx.Node):
        return False
    tm = node.meta.get("tensor_meta")
    return tm is not None and hasattr(tm, "dtype") and tm.dtype in (torch.float32, torch.bfloat16)


def _set(node, input_qspec_map, output_qspec):
    node.meta[KEY] = S.QuantizationAnnotation(input_qspec_map=input_qspec_map, output_qspec=output_qspec,
                                              _annotated=True)


def _annotate_input(node, arg, spec):  # torchao annotate_input_qspec_map
    a = node.meta.get(KEY) or S.QuantizationAnnotation()
    a.input_qspec_map[arg] = spec
    node.meta[KEY] = a


def _annotate_output(node, spec):  # torchao annotate_output_qspec
    a = node.meta.get(KEY) or S.QuantizationAnnotation()
    a.output_qspec = spec
    node.meta[KEY] = a


def _mark_annotated(nodes):
    for n in nodes:
        if KEY not in n.meta:
            n.meta[KEY] = S.QuantizationAnnotation()
        n.meta[KEY]._annotated = True


def single_in_single_out(node, cfg):  # GeneralOpDef.annotate
    if _is_annotated([node]):
        return
    m = {}
    if _is_float_tensor(node.args[0]) and cfg.input_activation is not None:
        m[node.args[0]] = cfg.input_activation
    out = cfg.output_activation if _is_float_tensor(node) else None
    if m or out is not None:
        _set(node, m, out)


def binary(node, cfg):
    if _is_annotated([node]):
        return
    out = cfg.output_activation if _is_float_tensor(node) else None
    m = {}
    for a in node.args[:2]:
        if _is_float_tensor(a) and cfg.input_activation is not None:
            m[a] = cfg.input_activation
    if m or out is not None:
        _set(node, m, out)


def in_out_obs_sharing(node, cfg):
    if _is_annotated([node]):
        return
    src = node.args[0]
    a = src.meta.get(KEY)
    if a is None or not a._annotated or a.output_qspec is None or not _is_float_tensor(src):
        return
    spec = S.SharedQuantizationSpec(src)
    _set(node, {src: spec}, spec)


def single_in_share_out(node, cfg):
    if _is_annotated([node]):
        return
    src = node.args[0]
    m = {}
    if _is_float_tensor(src) and cfg.input_activation is not None:
        m[src] = cfg.input_activation
    out = S.SharedQuantizationSpec((src, node)) if _is_float_tensor(node) and cfg.input_activation is not None \
        else None
    if m or out is not None:
        _set(node, m, out)


def shape_op(node, cfg):  # Reshape / Permute
    in_out_obs_sharing(node, cfg)
    if not _is_annotated([node]):
        single_in_share_out(node, cfg)


def _weight_with_block_size(cfg):
    if cfg.block_size is not None:  # written into the partial that every user of this config shares
        cfg.weight.observer_or_fake_quant_ctr.p.keywords.update({"block_size": cfg.block_size})


def conv(node, cfg):  # rules.annotate_conv
    if _is_annotated([node]):
        return
    _weight_with_block_size(cfg)
    m = {}
    if cfg.input_activation is not None:
        m[node.args[0]] = cfg.input_activation
    m[node.args[1]] = cfg.weight
    if len(node.args) > 2 and isinstance(node.args[2], torch.fx.Node):
        m[node.args[2]] = cfg.bias(node) if callable(cfg.bias) else cfg.bias
    _set(node, m, cfg.output_activation)


def linear(node, cfg):  # Linear.annotate
    if _is_annotated([node]):
        return
    _weight_with_block_size(cfg)
    m = {node.args[0]: cfg.input_activation, node.args[1]: cfg.weight}
    if len(node.args) > 2 and isinstance(node.args[2], torch.fx.Node):
        m[node.args[2]] = cfg.bias(node) if callable(cfg.bias) else cfg.bias
    _set(node, m, cfg.output_activation)


def _fixed_out(cfg, scale, zero_point, q_min, q_max):
    ctr = w(S.FixedQParamsObserver, scale=scale, zero_point=zero_point, dtype=cfg.output_activation.dtype,
            qscheme=torch.per_tensor_affine, quant_max=q_max, quant_min=q_min)
    # htp_rules swaps in FixedQParamsFakeQuantize only when `quantization_config in (get_8a8w_qnn_qat_config(),
    # get_16a4w_qnn_qat_config())` (Sigmoid/HardSigmoid) or when the output ctr is a FakeQuantizeBase instance
    # (Tanh). Fresh configs hold fresh _PartialWrapper objects, which compare by identity, and a ctr is a
    # _PartialWrapper, not an instance: neither test holds, so QAT graphs carry FixedQParamsObserver too.
    return Q(dtype=cfg.output_activation.dtype, quant_max=q_max, quant_min=q_min, observer_or_fake_quant_ctr=ctr,
             qscheme=torch.per_tensor_affine)


def _qrange(spec):
    def iinfo(dt):
        return torch.iinfo(dt)
    q_max = iinfo(spec.dtype).max if spec.quant_max is None else spec.quant_max
    q_min = iinfo(spec.dtype).min if spec.quant_min is None else spec.quant_min
    return q_min, q_max


def sigmoid_like(node, cfg):  # Sigmoid / HardSigmoid
    if _is_annotated([node]):
        return
    m = {node.args[0]: cfg.input_activation}
    q_min, q_max = _qrange(cfg.output_activation)  # AttributeError for float activations, as upstream
    out = _fixed_out(cfg, 1 / (q_max - q_min + 1), 0, q_min, q_max)
    if _is_float_tensor(node):
        _set(node, m, out)


def tanh(node, cfg):
    if _is_annotated([node]):
        return
    m = {node.args[0]: cfg.input_activation}
    out = cfg.output_activation
    if out.dtype == torch.int32:  # 16-bit: "scale should be set to 1/32768.0 and the zero_point should be 32768"
        out = _fixed_out(cfg, 1 / 32768.0, 32768, out.quant_min, out.quant_max)
    if _is_float_tensor(node):
        _set(node, m, out)


def cat(node, cfg):
    if _is_annotated([node]) or not _is_float_tensor(node):
        return
    m = {}
    for inp in node.args[0]:
        a = inp.meta.get(KEY)
        if isinstance(getattr(a, "output_qspec", None), S.SharedQuantizationSpec):
            m[inp] = S.SharedQuantizationSpec(inp)
        else:
            m[inp] = cfg.input_activation
    oa = cfg.output_activation
    out = Q(dtype=oa.dtype, qscheme=oa.qscheme, quant_max=oa.quant_max, quant_min=oa.quant_min,
            observer_or_fake_quant_ctr=w(S.ConcatObserver, node_name=node.name, graph=node.graph))
    _set(node, m, out)


def layer_norm(node, cfg):
    act, weight = node.args[0], node.args[2]
    bias = node.args[3] if len(node.args) > 2 else None
    if _is_annotated([node]):
        return
    _annotate_input(node, act, cfg.input_activation)
    if cfg.input_activation.dtype == torch.int32:
        _annotate_input(node, weight, ptq_16a16w().weight)  # get_16a16w_qnn_ptq_config().weight
    else:
        _annotate_input(node, weight, cfg.input_activation)
    marked = [node, weight]
    if bias:
        _annotate_input(node, bias, cfg.bias)
        marked.append(bias)
    _annotate_output(node, cfg.output_activation)
    _mark_annotated(marked)


def rms_norm(node, cfg):
    if _is_annotated([node]):
        return
    _annotate_input(node, node.args[0], cfg.input_activation)
    if len(node.args) > 2 and node.args[2] is not None:
        _annotate_input(node, node.args[2], cfg.input_activation)
    _annotate_output(node, cfg.output_activation)
    _mark_annotated([node])


def matmul(node, cfg):
    if _is_annotated([node]):
        return
    act = cfg.input_activation
    m = {node.args[0]: act}
    # "QNN_DATATYPE_SFIXED_POINT_16 Input1 must have QNN_DATATYPE_UFIXED_POINT_16 Input0 and must be symmetric"
    m[node.args[1]] = ptq_16a16w().weight if act.dtype == torch.int32 else act
    _set(node, m, cfg.output_activation)


def embedding(node, cfg):
    weight = node.args[0]
    if _is_annotated([node]) or not _is_float_tensor(weight):
        return
    pcq = cfg.per_channel_embedding
    _set(node, {weight: cfg.weight if pcq else cfg.input_activation},
         cfg.input_activation if pcq else S.SharedQuantizationSpec((weight, node)))


ANNOTATORS = {
    aten.conv2d.default: conv,
    aten.linear.default: linear,
    aten.relu.default: single_in_single_out,
    aten.hardtanh_.default: single_in_single_out,
    aten.adaptive_avg_pool2d.default: single_in_single_out,
    aten.upsample_nearest2d.vec: single_in_single_out,
    aten.softmax.int: single_in_single_out,
    aten.add.Tensor: binary,
    aten.mul.Tensor: binary,
    aten.flatten.using_ints: shape_op,
    aten.view.default: shape_op,
    aten.reshape.default: shape_op,
    aten.transpose.int: shape_op,
    aten.cat.default: cat,
    aten.sigmoid.default: sigmoid_like,
    aten.hardsigmoid.default: sigmoid_like,
    aten.tanh.default: tanh,
    aten.layer_norm.default: layer_norm,
    RMS_NORM: rms_norm,
    aten.matmul.default: matmul,
    aten.embedding.default: embedding,
}


def annotate(gm, mq, block_size_map):  # QnnQuantizer._annotate, graph order
    for node in gm.graph.nodes:
        if node.op != "call_function":
            continue
        cfg = get_quant_config(mq, node, block_size_map)
        if cfg is not None:
            ANNOTATORS[node.target](node, cfg)
    return gm


# ---- models ---------------------------------------------------------------------------------------

def _p(*shape):
    return torch.nn.Parameter(torch.zeros(*shape))


class Vision(torch.nn.Module):
    """Stem conv + hardtanh, 1x1 conv + relu, bias-free 3x3 conv, residual add, SE gate (pool, conv,
    hardsigmoid, mul), strided conv + nearest upsample, channel cat, head (two pools, flatten, cat,
    linear, sigmoid). `gated=False` leaves out the ops whose annotators need an activation spec
    (cat, hardsigmoid, sigmoid): the graph for float-activation configs."""

    def __init__(self, gated=True):
        super().__init__()
        self.gated = gated
        C = 32
        self.stem_w, self.stem_b = _p(C, 3, 3, 3), _p(C)
        self.pw_w, self.pw_b = _p(C, C, 1, 1), _p(C)
        self.dw_w = _p(C, C, 3, 3)
        if gated:
            self.se_w, self.se_b = _p(C, C, 1, 1), _p(C)
        self.down_w, self.down_b = _p(C, C, 1, 1), _p(C)
        self.fuse_w, self.fuse_b = _p(C, 2 * C if gated else C, 1, 1), _p(C)
        self.fc_w, self.fc_b = _p(10, 2 * C if gated else C), _p(10)

    def forward(self, x):
        h = aten.hardtanh_.default(aten.conv2d.default(x, self.stem_w, self.stem_b, [2, 2], [1, 1]), 0.0, 6.0)
        r = aten.relu.default(aten.conv2d.default(h, self.pw_w, self.pw_b))
        c = aten.conv2d.default(r, self.dw_w, None, [1, 1], [1, 1])
        a = aten.add.Tensor(h, c)
        p1 = aten.adaptive_avg_pool2d.default(a, [1, 1])
        if self.gated:
            g = aten.hardsigmoid.default(aten.conv2d.default(p1, self.se_w, self.se_b))
            a = aten.mul.Tensor(a, g)
        d = aten.conv2d.default(a, self.down_w, self.down_b, [2, 2])
        u = aten.upsample_nearest2d.vec(d, None, [2.0, 2.0])
        y = aten.cat.default([a, u], 1) if self.gated else aten.add.Tensor(a, u)
        y = aten.conv2d.default(y, self.fuse_w, self.fuse_b)
        f = aten.flatten.using_ints(aten.adaptive_avg_pool2d.default(y, [1, 1]), 1)
        if self.gated:
            f = aten.cat.default([aten.flatten.using_ints(p1, 1), f], 1)
        out = aten.linear.default(f, self.fc_w, self.fc_b)
        return aten.sigmoid.default(out) if self.gated else out


D, HEADS, SEQ, VOCAB, FF = 64, 2, 8, 100, 128


def rms_norm_call(x, normalized_shape, weight, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


torch.fx.wrap("rms_norm_call")  # a leaf while tracing; its target becomes RMS_NORM afterwards


class Decoder(torch.nn.Module):
    """Embedding, layer_norm, q/k/v linear + view/transpose, matmul, scale mul, softmax, matmul,
    transpose/reshape, o-projection, residual add, rms_norm, SiLU gate (sigmoid, mul), tanh branch,
    down projection, residual add."""

    def __init__(self):
        super().__init__()
        self.emb = _p(VOCAB, D)
        self.ln_w, self.ln_b = _p(D), _p(D)
        self.q_w, self.q_b = _p(D, D), _p(D)
        self.k_w, self.k_b = _p(D, D), _p(D)
        self.v_w, self.v_b = _p(D, D), _p(D)
        self.o_w = _p(D, D)
        self.rms_w = _p(D)
        self.gate_w, self.up_w, self.down_w = _p(FF, D), _p(FF, D), _p(D, FF)

    def _heads(self, x, wt, b):
        y = aten.linear.default(x, wt, b)
        return aten.transpose.int(aten.view.default(y, [1, SEQ, HEADS, D // HEADS]), 1, 2)

    def forward(self, ids):
        e = aten.embedding.default(self.emb, ids)
        h = aten.layer_norm.default(e, [D], self.ln_w, self.ln_b, 1e-05, False)
        q, k, v = self._heads(h, self.q_w, self.q_b), self._heads(h, self.k_w, self.k_b), \
            self._heads(h, self.v_w, self.v_b)
        s = aten.matmul.default(q, aten.transpose.int(k, -2, -1))
        s = aten.mul.Tensor(s, torch.tensor(0.25))
        o = aten.matmul.default(aten.softmax.int(s, -1), v)
        o = aten.reshape.default(aten.transpose.int(o, 1, 2), [1, SEQ, D])
        x = aten.add.Tensor(e, aten.linear.default(o, self.o_w))
        n = rms_norm_call(x, [D], self.rms_w, 1e-06)
        g = aten.linear.default(n, self.gate_w)
        g = aten.mul.Tensor(g, aten.sigmoid.default(g))  # SiLU, as ExecuTorch's DecomposeSilu leaves it
        t = aten.tanh.default(aten.linear.default(n, self.up_w))
        return (aten.add.Tensor(x, aten.linear.default(aten.mul.Tensor(g, t), self.down_w)),)


def _packet(target):
    return str(target).split(".")[1]  # "aten.conv2d.default" -> "conv2d"


def trace(model, example):
    """symbolic_trace, then shape the graph as ExportedProgram.module() does: parameters as get_attr
    nodes ahead of the inputs, export-style node names; then tensor meta by ShapeProp."""
    gm = torch.fx.symbolic_trace(model)
    graph = gm.graph
    first = next(n for n in graph.nodes if n.op == "placeholder")
    by_target = {n.target: n for n in graph.nodes if n.op == "get_attr"}
    for name, _ in model.named_parameters():
        if name in by_target:
            first.prepend(by_target[name])
    counters = {}
    for n in graph.nodes:
        if n.op == "get_attr":
            if n.target.startswith("_tensor_constant"):
                new = "_tensor_constant_" + n.target[len("_tensor_constant"):]
                gm.register_buffer(new, getattr(gm, n.target), persistent=False)
                n.target = new
            n.name = n.target.replace(".", "_")
        elif n.op == "call_function":
            if n.target is rms_norm_call:
                n.target = RMS_NORM
            base = _packet(n.target)
            k = counters.get(base, 0)
            counters[base] = k + 1
            n.name = base if k == 0 else "%s_%d" % (base, k)
    graph.lint()
    ShapeProp(gm).propagate(example)
    return gm


# ---- what gets generated --------------------------------------------------------------------------

def vision(gated):
    return trace(Vision(gated).eval(), torch.zeros(1, 3, 32, 32))


def decoder():
    return trace(Decoder().eval(), torch.zeros(1, SEQ, dtype=torch.long))


def vision_block_map(gm):
    # LPBQ on every conv whose input channels split into blocks of 32 (the stem has 3 channels)
    return {n.name: (1, 32, 1, 1) for n in gm.graph.nodes
            if n.op == "call_function" and n.target is aten.conv2d.default
            and n.args[1].meta["tensor_meta"].shape[1] % 32 == 0}


def decoder_block_map(gm):
    return {n.name: (1, 16) for n in gm.graph.nodes
            if n.op == "call_function" and n.target is aten.linear.default}


PTQ = ["8a8w", "8a4w", "16a8w", "16a4w", "16a4w_block", "16a16w", "16a2w", "fp16a8w"]
QAT = ["8a8w", "16a4w", "16a4w_block", "16a8w", "fp16a8w"]


def fixtures():
    """(file name, graph module factory, ModuleQConfig args, block map factory, quant_dtype hint)."""
    out = []
    for qat in (False, True):
        for qd in (QAT if qat else PTQ):
            suffix = qd + ("_qat" if qat else "")
            fp = qd == "fp16a8w"
            # vision: as the mobilenet sample (per-channel conv, per-tensor linear); 16a2w's per-tensor
            # weight is 2-bit, which ExecuTorch's encoding logic rejects, so its linear is per-channel too
            out.append(("vision_lite" if fp else "vision", suffix, lambda fp=fp: vision(gated=not fp),
                        dict(quant_dtype=qd, is_qat=qat, conv_per_channel=True, linear_per_channel=qd == "16a2w"),
                        vision_block_map if qd == "16a4w_block" else None))
            if not fp:  # LayerNorm/MatMul/Sigmoid/Tanh annotators read the (None) activation spec
                out.append(("decoder", suffix, decoder,
                            dict(quant_dtype=qd, is_qat=qat, conv_per_channel=True, linear_per_channel=True,
                                 act_observer=MinMax),
                            decoder_block_map if qd == "16a4w_block" else None))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "fixtures", "configs"))
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    for pattern, suffix, make_graph, mq_args, block_map in fixtures():
        gm = make_graph()
        mq = ModuleQConfig(**mq_args)
        annotate(gm, mq, block_map(gm) if block_map else {})
        path = os.path.join(a.out, "%s__%s.json" % (pattern, suffix))
        qnnv_export.export_graph(gm, path, hints={"backend": "htp", "soc_model": "SM8750",
                                                  "quant_dtype": "use_" + mq_args["quant_dtype"]})
        os.chmod(path, 0o644)  # the exporter writes through mkstemp (0600)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
