"""Rebuild tests/fixtures/tiny_decoder__16a4w_block.json from torch: model, trace, annotate.

The fixture came from torch 2.11's torch.export + ExecuTorch's QnnQuantizer (use_16a4w_block, block
size (1, 16)). Here the model calls ATen overloads directly so that torch.fx.symbolic_trace (torch
1.13 has no torch.export) records the same targets; the graph is then shaped the way
`ExportedProgram.module()` shapes it (weights as get_attr nodes first, a `_guards_fn` call, export's
node names), and annotated by a small re-implementation of the ExecuTorch rules that the fixture
shows. Deliberate differences, all outside what the golden test compares:
- torch 1.13 has no aten.rms_norm; a stand-in whose str() is "aten.rms_norm.default" takes its place
  (on a torch that has the op, the real OpOverload is used).
- the output node's shape meta that ShapeProp records is removed: torch.export gives it none.
"""

import math

import torch
import torch.fx
from torch.fx.passes.shape_prop import ShapeProp

import standins as S

aten = torch.ops.aten
D, HEADS, FF, SEQ, VOCAB = 128, 4, 256, 16, 1000
BLOCK_SIZE = (1, 16)


def _rms_norm_impl(x, normalized_shape, weight, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


class RmsNormOverload:
    """Stands for torch.ops.aten.rms_norm.default on a torch without it. Named like the real class
    (torch._ops.OpOverload) because the exporter recognises overloads by class name."""

    def __call__(self, *args):
        return _rms_norm_impl(*args)

    def __str__(self):
        return "aten.rms_norm.default"


RmsNormOverload.__name__ = RmsNormOverload.__qualname__ = "OpOverload"
RMS_NORM = getattr(getattr(aten, "rms_norm", None), "default", None) or RmsNormOverload()


def rms_norm(x, normalized_shape, weight, eps):
    return _rms_norm_impl(x, normalized_shape, weight, eps)


torch.fx.wrap("rms_norm")  # a leaf call while tracing; its target is swapped for RMS_NORM afterwards


class RMSNorm(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # creation order = parameter order = the fixture's get_attr order
        self.ln = torch.nn.LayerNorm(D)
        self.rms = RMSNorm(D)
        self.q = torch.nn.Linear(D, D)
        self.k = torch.nn.Linear(D, D)
        self.v = torch.nn.Linear(D, D)
        self.o = torch.nn.Linear(D, D, bias=False)
        self.gate = torch.nn.Linear(D, FF, bias=False)
        self.up = torch.nn.Linear(D, FF, bias=False)
        self.down = torch.nn.Linear(FF, D, bias=False)
        self.register_buffer("mask", torch.ones(SEQ, SEQ, dtype=torch.bool).triu(1))

    def _heads(self, x, lin):
        y = aten.linear.default(x, lin.weight, lin.bias)
        return aten.transpose.int(aten.view.default(y, [1, SEQ, HEADS, D // HEADS]), 1, 2)

    def forward(self, x):
        h = aten.layer_norm.default(x, [D], self.ln.weight, self.ln.bias, 1e-05, False)
        q, k, v = self._heads(h, self.q), self._heads(h, self.k), self._heads(h, self.v)
        s = aten.matmul.default(q, aten.transpose.int(k, -2, -1))
        s = aten.mul.Tensor(s, torch.tensor(1.0 / math.sqrt(D // HEADS)))
        s = aten.masked_fill.Tensor(s, self.mask, torch.tensor(float("-inf")))
        o = aten.matmul.default(aten.softmax.int(s, -1), v)
        o = aten.reshape.default(aten.transpose.int(o, 1, 2), [1, SEQ, D])
        x = aten.add.Tensor(x, aten.linear.default(o, self.o.weight))
        h = rms_norm(x, [D], self.rms.weight, 1e-06)
        g = aten.linear.default(h, self.gate.weight)
        g = aten.mul.Tensor(g, aten.sigmoid.default(g))  # silu, as ExecuTorch's decomposition leaves it
        u = aten.sigmoid.default(aten.linear.default(h, self.up.weight))
        return aten.add.Tensor(x, aten.linear.default(aten.mul.Tensor(g, u), self.down.weight))


class TinyDecoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(VOCAB, D)
        self.blocks = torch.nn.ModuleList([Block(), Block()])
        self.norm = RMSNorm(D)
        self.head = torch.nn.Linear(D, VOCAB, bias=False)

    def forward(self, ids):
        x = aten.embedding.default(self.emb.weight, ids)
        for b in self.blocks:
            x = b(x)
        return (aten.linear.default(rms_norm(x, [D], self.norm.weight, 1e-06), self.head.weight),)


class GuardsFn(torch.nn.Module):
    def forward(self, *args):
        return None


def _packet_name(target):
    return str(target).split(".")[1]  # "aten.linear.default" -> "linear"


def _export_style_names(gm):
    """Rename nodes the way torch.export + ExecuTorch's silu decomposition name them."""
    counters = {}

    def fresh(base):
        n = counters.get(base, 0)
        counters[base] = n + 1
        return base if n == 0 else "%s_%d" % (base, n)

    graph = gm.graph
    silu_parts = set()
    for n in graph.nodes:
        # sigmoid(g) whose user is mul(g, sigmoid(g)): the two nodes the silu decomposition created
        if n.op == "call_function" and n.target is aten.sigmoid.default:
            for user in n.users:
                if user.target is aten.mul.Tensor and list(user.args) == [n.args[0], n]:
                    silu_parts.update((n, user))
    for n in graph.nodes:
        if n.op == "get_attr":
            if n.target.startswith("_tensor_constant"):
                new = "_tensor_constant_" + n.target[len("_tensor_constant"):]
                gm.register_buffer(new, getattr(gm, n.target), persistent=False)  # lint wants a buffer
                n.target = new
                n.name = new
            else:
                n.name = n.target.replace(".", "_")
        elif n.op == "call_function":
            target = RMS_NORM if n.target is rms_norm else n.target
            n.target = target
            base = _packet_name(target)
            if n in silu_parts:
                base = base + "_" + str(target).split(".")[2].lower()  # sigmoid_default, mul_tensor
            n.name = fresh(base)


def build_graph():
    torch.manual_seed(0)
    model = TinyDecoder().eval()
    gm = torch.fx.symbolic_trace(model)
    graph = gm.graph
    ids = next(n for n in graph.nodes if n.op == "placeholder")
    # ExportedProgram.module() puts parameters, then buffers, as get_attr nodes ahead of the inputs.
    by_target = {n.target: n for n in graph.nodes if n.op == "get_attr"}
    for name in [k for k, _ in model.named_parameters()] + [k for k, _ in model.named_buffers()]:
        ids.prepend(by_target[name])
    gm.add_submodule("_guards_fn", GuardsFn())
    with graph.inserting_after(ids):
        graph.call_module("_guards_fn", (ids,))
    _export_style_names(gm)
    graph.lint()
    ShapeProp(gm).propagate(torch.zeros(1, SEQ, dtype=torch.long))
    next(n for n in graph.nodes if n.op == "output").meta.pop("tensor_meta", None)
    return gm


def annotate_16a4w_block(gm):
    """What ExecuTorch's QnnQuantizer (use_16a4w_block, block_size_map -> (1, 16)) writes for this graph."""
    act = S.act_16bit(torch)
    w16 = S.weight_int16(torch)
    bias = S.bias_int32(torch)
    w_block = S.weight_block_int4(torch)
    for n in gm.graph.nodes:
        if n.op != "call_function":
            continue
        t = n.target
        a = n.args
        if t is aten.embedding.default:
            S.annotate(n, [(a[0], act)], S.SharedQuantizationSpec((a[0], n)))
        elif t is aten.layer_norm.default:
            S.annotate(n, [(a[0], act), (a[2], w16), (a[3], bias)], act)
            for param in (a[2], a[3]):  # ExecuTorch marks the weight nodes annotated, with no specs
                param.meta[S.ANNOTATION_KEY] = S.QuantizationAnnotation(_annotated=True)
        elif t is aten.linear.default:
            # annotate's in-place update of the shared partial, as Linear.annotate does for LPBQ
            w_block.observer_or_fake_quant_ctr.p.keywords.update({"block_size": BLOCK_SIZE})
            inputs = [(a[0], act), (a[1], w_block)]
            if len(a) > 2 and a[2] is not None:
                inputs.append((a[2], S.derived_bias(torch, a[0], a[1], n)))
            S.annotate(n, inputs, act)
        elif t in (aten.view.default, aten.transpose.int, aten.reshape.default):
            shared = S.SharedQuantizationSpec(a[0])
            S.annotate(n, [(a[0], shared)], shared)
        elif t is aten.matmul.default:
            S.annotate(n, [(a[0], act), (a[1], w16)], act)  # 16-bit matmul: input1 gets the 16a16w weight
        elif t in (aten.mul.Tensor, aten.add.Tensor):
            S.annotate(n, [(a[0], act), (a[1], act)], act)
        elif t is aten.masked_fill.Tensor:
            S.annotate(n, [(a[0], act), (a[2], act)], act)  # the bool mask stays float-free, unannotated
        elif t is aten.softmax.int:
            S.annotate(n, [(a[0], act)], act)
        elif t is RMS_NORM:
            S.annotate(n, [(a[0], act), (a[2], act)], act)
        elif t is aten.sigmoid.default:
            S.annotate(n, [(a[0], act)], S.fixed_output(torch, 1.0 / 65536, 0, torch.int32, 0, 65535))
    return gm

