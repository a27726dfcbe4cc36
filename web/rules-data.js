// Generated from docs/rules.src.md by scripts/gen_rules.mjs: edit that file, not this one.
// RULES: rule id -> {status, meaning, requires, why, fix, example, sources: [{key, text, url}]}.
// SOURCES: data source key (core/data/*.json "sources") -> {text, url}.
export const RULES = {
 "op.unknown-target": {
  "status": "not_validated",
  "meaning": "the aten target is not in the backend's rule table",
  "requires": "qnnv must know which QNN op an aten target becomes before it can check anything. The rule table lists the\ntargets ExecuTorch's QNN backend lowers, each with its QNN op.",
  "why": "An unknown target could be lowered, rejected or sent to the CPU: without the mapping there is no constraint\nto check, so the node is reported as not validated, never as passed.",
  "fix": "If ExecuTorch lowers the target (`qnnv ops` lists what the data knows), the built-in data lacks it: add it in\na data file and pass it with `--data`. If it is a custom op, leave it unannotated so that it stays on the CPU.",
  "example": "A custom op annotated by a custom annotator (the page's example `unmapped_op.json`):\n`my_ops.fancy_gelu.default is not in the htp rule table, so qnnv cannot tell which QNN op it becomes`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "ET-lpai-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/lpai_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/lpai_rules.py"
   }
  ]
 },
 "op.no-qnn-op": {
  "status": "not_validated",
  "meaning": "the rule table maps the target to no QNN op (the reason is given: e.g. upstream skips `aten.rsqrt.default` because of a BackendOpInfo bug)",
  "requires": "Nothing that qnnv can check: ExecuTorch's rule table records this target without a QNN op, with a reason\n(a decomposition, a known bug in BackendOpInfo, a layout-only op).",
  "why": "ExecuTorch's own validator skips these targets too, so QNN judges them only when the model is lowered.",
  "fix": "Usually nothing. If lowering later fails on this node, look at the reason in the finding: it often names the\nQNN op the target decomposes into.",
  "example": "`aten.embedding.default maps to no QNN op for validation: torch indices are not tensors QNN Gather can\nvalidate (htp_rules.py comment)`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "ET-lpai-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/lpai_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/lpai_rules.py"
   }
  ]
 },
 "op.no-constraint-data": {
  "status": "not_validated",
  "meaning": "the QNN op has no constraint data for this backend",
  "requires": "The QNN op's datatype variants and per-port constraints, which come from the constraint data.",
  "why": "The public material that the built-in data is assembled from does not cover every QNN op. An op without data\ncannot be checked, so it is not validated rather than passed.",
  "fix": "Import the op tables of a QNN SDK (`scripts/import_backend_opinfo.py`, SDK 2.41 or newer) and validate with\nthat data file, or check the op by hand in the QNN op definition supplement.",
  "example": "An op that the rule table maps to a QNN op which the built-in data does not describe for the backend:\n`<QNN op> has no constraint data for the lpai backend in built-in data`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "AIMET-htp-v75",
    "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json",
    "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json"
   },
   {
    "key": "AIMET-lpai",
    "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_lpai_quantsim_config.json",
    "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_lpai_quantsim_config.json"
   }
  ]
 },
 "op.unsupported-by-backend": {
  "status": "fail",
  "meaning": "the QNN op is absent from a backend whose op list is declared complete (e.g. data imported from the QNN SDK)",
  "requires": "The QNN op must be in the backend's op list. Data imported from a QNN SDK declares its list complete, so a\nmissing op is one the backend does not implement.",
  "why": "QNN rejects a graph that delegates an op its backend does not have.",
  "fix": "Leave the node unannotated (it then falls back to another backend or the CPU), replace the op by one the\nbackend supports, or target another backend.",
  "example": "With data imported from an SDK, an op that is missing from that backend's list:\n`<QNN op> is not supported by the lpai backend`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   }
  ]
 },
 "port.dtype-unknown": {
  "status": "not_validated",
  "meaning": "a port's datatype cannot be determined (no `val`, or a dtype QNN does not quantize to)",
  "requires": "Every port needs a QNN datatype: quantized ports get it from their spec's value range, unquantized ones from\nthe tensor's dtype in `val`.",
  "why": "Without a datatype no variant of the op can be matched, so no constraint can be checked.",
  "fix": "Export with a torch that records fake-tensor metadata (`torch.export`), or fix the spec's dtype: QNN\nquantizes to 8, 16 and 32-bit integers (and 4 and 2-bit values inside int8).",
  "example": "A node whose input comes from a placeholder without `val`: `the datatype of in[0] (x) cannot be determined`.",
  "sources": [
   {
    "key": "ET-qconfig",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/qconfig.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/qconfig.py"
   }
  ]
 },
 "dtype.unsupported-combination": {
  "status": "fail",
  "meaning": "no variant of the op accepts the node's port datatypes on this SoC; `expected` lists the supported combinations. ExecuTorch silently passes such nodes; qnnv does not",
  "requires": "The combination of input and output datatypes must be one that the QNN op implements on the SoC's\narchitecture (for example 8-bit activations with 8-bit weights, or 16-bit activations with 4-bit weights).",
  "why": "QNN implements each op for a fixed list of datatype combinations (the op definition supplement lists them);\nanother combination is rejected when the graph is built. ExecuTorch's validator only warns here.",
  "fix": "The datatypes come from the quant config: pick a `QuantDtype` whose activation/weight/bias specs give a\nlisted combination (`expected`), or give this op its own config with `QnnQuantizer.set_submodule_qconfig_list`\nor a custom annotation.",
  "example": "A node whose input and output specs come from two different configs (a custom annotation mixing 16-bit and\n8-bit): `<QNN op> does not support the datatype combination ... on <SoC>`; `expected` lists the combinations\nthat exist and `actual` the node's.",
  "sources": [
   {
    "key": "AIMET-htp-v75",
    "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json",
    "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json"
   },
   {
    "key": "ET-qconfig",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/qconfig.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/qconfig.py"
   },
   {
    "key": "QNN-htp-supplement",
    "text": "docs.qualcomm.com 80-63442-10 HtpOpDefSupplement",
    "url": ""
   },
   {
    "key": "QNN-lpai-supplement",
    "text": "docs.qualcomm.com 80-63442-10 LpaiOpDefSupplement",
    "url": ""
   }
  ]
 },
 "encoding.not-allowed": {
  "status": "fail",
  "meaning": "the port's encoding is not one the port accepts (e.g. block-wise on MatMul: QNN says \"BQ is not supported\")",
  "requires": "Each port accepts certain encodings: per-tensor scale/offset, per-channel (axis) scale/offset, or block-wise\nexpansion (LPBQ).",
  "why": "Block-wise and per-channel encodings exist only for weights of some ops; an activation input must be\nper-tensor.",
  "fix": "Drop `block_size` from the observer (per-channel weights), or use a per-tensor qscheme on this port: for a\nMatMul with a constant second input, annotate it like an activation.",
  "example": "A `matmul` whose second input is a weight annotated with the block-wise (16a4w_block) weight spec:\n`actual` is `BLOCKWISE_EXPANSION`, `expected` the per-tensor encodings.",
  "sources": [
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   },
   {
    "key": "AIMET-htp-v75",
    "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json",
    "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json"
   }
  ]
 },
 "encoding.symmetric": {
  "status": "fail",
  "meaning": "the port must be symmetrically quantized (`per_tensor_symmetric` / `per_channel_symmetric`)",
  "requires": "A symmetric qscheme on this port: zero offset, `quant_min = -quant_max` (for example weights and biases of\nconvolutions and linears).",
  "why": "QNN implements these ports for a zero offset only (onnxruntime's QNN EP, PR #24729: \"QNN's 16x16 Conv doesn't\nsupport asymmetric int16 weight\"); ExecuTorch's weight configs are symmetric for that reason.",
  "fix": "Use a symmetric qscheme (`torch.per_channel_symmetric` or `torch.per_tensor_symmetric`) for the port, as\nExecuTorch's weight configs do; check custom annotations that reuse the activation spec for weights.",
  "example": "A `conv2d` weight annotated with `per_tensor_affine` on 16-bit: `expected` `per_tensor_symmetric |\nper_channel_symmetric`.",
  "sources": [
   {
    "key": "ET-qconfig",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/qconfig.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/qconfig.py"
   },
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   },
   {
    "key": "AIMET-htp-v75",
    "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json",
    "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json"
   }
  ]
 },
 "encoding.math-invariant": {
  "status": "fail",
  "meaning": "the op only moves data (Reshape, Transpose, ...): the port must share the qparams of `in[0]` through a shared spec",
  "requires": "The output of a data-movement op (Reshape, Transpose, Permute, Slice, ...) must have the same scale and\noffset as its input.",
  "why": "These ops do not requantize; since QNN 2.35 a changed scale/offset on them is rejected.",
  "fix": "Annotate the output with `SharedQuantizationSpec((input_node, node))` (or the input's output), as\nExecuTorch's annotators do for these ops.",
  "example": "A `view` with its own `MinMaxObserver` output spec: `Reshape only moves data, so out[0] must share the\nqparams of in[0], but it has its own spec`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "",
    "text": "pytorch/executorch PR #11989",
    "url": "https://github.com/pytorch/executorch/pull/11989"
   }
  ]
 },
 "encoding.fixed-qparams": {
  "status": "fail",
  "meaning": "the port must use fixed qparams (e.g. Sigmoid's output scale `1/(qmax-qmin+1)`, offset 0; 16-bit Tanh's 1/32768 with zero_point 32768). QNN's offset is `-zero_point`",
  "requires": "A fixed scale and zero point on this output, set by the op's range: Sigmoid and HardSigmoid\n`1/(qmax-qmin+1)` with zero point 0; 16-bit Tanh `1/32768` with zero point 32768.",
  "why": "QNN's kernels for these ops write their output in a fixed encoding; another encoding is rejected.",
  "fix": "Annotate the output with `FixedQParamsQuantizationSpec` (or `FixedQParamsObserver`) with the expected scale\nand zero point, as ExecuTorch's annotator does for `aten.sigmoid`.",
  "example": "An 8-bit `sigmoid` whose output has a `MinMaxObserver` (the page's example `sigmoid_wrong_qparams.json`):\n`out[0] of Sigmoid must use fixed qparams`, `expected` `scale 0.00390625, zero_point 0` (1/256), `actual`\n`scale computed by MinMaxObserver, zero_point computed by an observer`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   }
  ]
 },
 "encoding.axis": {
  "status": "fail",
  "meaning": "a per-channel port is quantized along an axis the port does not accept",
  "requires": "Per-channel scales along the axis the op expects: the output-channel axis of the weight (0 for Conv2d and\nLinear weights, 1 for TransposeConv2d).",
  "why": "QNN applies per-channel scales along one axis of the weight; scales along another axis are wrong.",
  "fix": "Set `ch_axis` of the weight's spec to the `expected` axis; ExecuTorch's configs do this per op (transposed\nconvolutions use axis 1).",
  "example": "A per-channel weight whose `ch_axis` is not the one the op takes: `expected` names the axis.",
  "sources": [
   {
    "key": "ET-qconfig",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/qconfig.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/qconfig.py"
   },
   {
    "key": "AIMET-htp-v75",
    "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json",
    "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json"
   }
  ]
 },
 "encoding.2bit-per-tensor": {
  "status": "fail",
  "meaning": "2-bit values (int8 with <= 4 values) quantized per tensor: QNN supports 2-bit only per channel (ExecuTorch raises here)",
  "requires": "2-bit weights must be quantized per channel.",
  "why": "QNN has no per-tensor 2-bit encoding; ExecuTorch raises an error for it.",
  "fix": "Use the per-channel 16a2w config (`QuantDtype.use_16a2w` with per-channel weights) for this op.",
  "example": "A `linear` weight with `quant_min=-2, quant_max=1` and `per_tensor_symmetric`.",
  "sources": [
   {
    "key": "ET-qconfig",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/qconfig.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/qconfig.py"
   }
  ]
 },
 "encoding.offset": {
  "status": "fail",
  "meaning": "the port's QNN offset is fixed while its scale is free: a signed 16-bit port that must have offset 0, or a uint16 port symmetric around 32768 (offset -32768). The zero point is the spec's fixed one or what torch's observer gives a symmetric qscheme; an affine observer's is computed from data and never satisfies the rule",
  "requires": "A zero point fixed by the spec that equals minus the QNN offset the port needs: 0 for the signed 16-bit ports\nthat take offset 0 (Divide, Maximum, FullyConnected S16, RmsNorm's gamma, LPAI MatMul `in[1]`), 32768 for a\nuint16 `in[1]` of MatMul that must be symmetric (offset -32768). The scale stays free.",
  "why": "These kernels exist only for that offset; an encoding with another offset is refused by QNN's op validation.\nAn affine observer computes its zero point from the calibration data, so it cannot promise the offset.",
  "fix": "Use a symmetric qscheme for the port (`per_tensor_symmetric` or `per_channel_symmetric`): torch's observers\nthen give zero point 0 for signed dtypes and 32768 for uint16. `expected` names the zero point.",
  "example": "A signed 16-bit `div` whose `in[1]` has a `MinMaxObserver` with `per_tensor_affine`: `expected`\n`zero_point 0`, `actual` `zero_point computed by MinMaxObserver (per_tensor_affine)`.",
  "sources": [
   {
    "key": "ET-v68-tests",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/rework/htp/op/v68/test.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/rework/htp/op/v68/test.py"
   },
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   }
  ]
 },
 "dtype.mixed-io": {
  "status": "fail",
  "meaning": "quantized inputs (in[0] quantized) with an output that has no qspec and stays float: QNN has no such variant of the op unless the data lists one. A float in[0] with quantized weights (fp16a8w) is reported as `dtype.unsupported-combination` instead",
  "requires": "An op whose inputs are quantized also has a quantized output, unless the op's data lists a mixed variant\n(onnxruntime-qnn PR #497 found one, Batchnorm).",
  "why": "QNN's op validation has no variant of these ops that reads quantized tensors and writes float; the graph\nfails to compile. Integer outputs (indices) and multi-output nodes without a spec are not checked, as upstream.",
  "fix": "Annotate the node's output (the activation spec, or a shared spec with an input), or leave the whole op\nunannotated so that it runs in float.",
  "example": "An `add` whose inputs carry 8-bit specs and whose annotation has no `output_qspec`: `out[0]` stays `FLOAT_32`\nand the finding names the combination (`UFIXED_POINT_8, UFIXED_POINT_8 -> FLOAT_32`).",
  "sources": [
   {
    "key": "",
    "text": "UbiquitousLearning/mllm issue #658 (2026-03-22)",
    "url": ""
   },
   {
    "key": "ORT-qnn-prs",
    "text": "onnxruntime/onnxruntime-qnn pull requests",
    "url": ""
   }
  ]
 },
 "qspec.invalid": {
  "status": "fail",
  "meaning": "the spec itself is not usable (unknown qscheme, `quant_min > quant_max`, a range its dtype cannot hold, a fixed scale that is not positive)",
  "requires": "A spec with a known qscheme, `quant_min <= quant_max` within what its dtype can hold (a uint8 spec cannot range over [-2^63, 2^63-1]), and, for fixed qparams, a positive finite scale.",
  "why": "Nothing can be derived from an unusable spec: not the datatype, not the encoding.",
  "fix": "Fix the annotation that created the spec (a custom annotator, a config with swapped bounds).",
  "example": "`quant_min is greater than quant_max on in[0]`.",
  "sources": [
   {
    "key": "",
    "text": "the graph itself",
    "url": ""
   }
  ]
 },
 "qspec.shared-cycle": {
  "status": "fail",
  "meaning": "a chain of shared specs loops without reaching a concrete spec",
  "requires": "Following `SharedQuantizationSpec`s from a port must end at a spec with qparams.",
  "why": "A loop has no qparams at all; `prepare_pt2e` cannot place an observer for it.",
  "fix": "Make one spec of the loop a concrete `QuantizationSpec`; shared specs must point towards it.",
  "example": "`add` shares with `mul`'s output and `mul` shares with `add`'s.",
  "sources": [
   {
    "key": "",
    "text": "the graph itself",
    "url": ""
   }
  ]
 },
 "qspec.shared-dangling": {
  "status": "fail",
  "meaning": "a shared spec points at a tensor that has no spec",
  "requires": "The node or edge that a `SharedQuantizationSpec` names must itself be annotated.",
  "why": "Sharing with an unquantized tensor gives the port no qparams.",
  "fix": "Annotate the referenced output (or edge) with a concrete spec, or share with a tensor that has one.",
  "example": "`cat` shares its output with `x`, a placeholder without an annotation.",
  "sources": [
   {
    "key": "",
    "text": "the graph itself",
    "url": ""
   }
  ]
 },
 "qspec.shared-chain-limit": {
  "status": "fail",
  "meaning": "a chain of shared specs is longer than `Limits::max_shared_chain`",
  "requires": "Chains of shared specs no longer than qnnv's limit (a guard against hostile input).",
  "why": "A legitimate graph has short chains; a very long one is most likely generated by mistake.",
  "fix": "Share directly with the tensor that carries the qparams instead of chaining.",
  "example": "A generated graph where every `view` shares with the previous one, thousands deep.",
  "sources": [
   {
    "key": "",
    "text": "the graph itself",
    "url": ""
   }
  ]
 },
 "soc.lpbq-min-arch": {
  "status": "fail",
  "meaning": "block-wise (LPBQ) weights on Conv/FullyConnected/TransposeConv need HTP v69 or newer",
  "requires": "HTP v69 or newer for block-wise (LPBQ) weights of Conv2d, FullyConnected and TransposeConv2d.",
  "why": "Block-wise expansion is not implemented on v68 HTPs; ExecuTorch's `validate_lpbq_support` checks the same.",
  "fix": "Choose a v69+ SoC, or quantize these weights per channel: a config without `block_size` (for example\n`QuantDtype.use_16a4w` instead of `use_16a4w_block`).",
  "example": "The 16a4w block config on SM8350 (HTP v68): `expected` `>= v69`, `actual` `v68`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "ET-v68-tests",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/rework/htp/op/v68/test.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/rework/htp/op/v68/test.py"
   }
  ]
 },
 "soc.16a16w-min-arch": {
  "status": "fail",
  "meaning": "16-bit activations with 16-bit weights (Conv2d, FullyConnected, MatMul `in[1]`, LayerNorm weight, TransposeConv2d) need HTP v73 or newer. Decided on the resolved datatypes: ExecuTorch compares the weight dtype with int32, which never fires for the int16 weights its own configs produce",
  "requires": "HTP v73 or newer when both the activation and the weight of these ops are 16-bit.",
  "why": "The 16x16-bit kernels exist from v73 on; older SoCs fail with \"expected >= 73\".",
  "fix": "Choose a v73+ SoC, or use 8-bit weights (`QuantDtype.use_16a8w`) for these ops.",
  "example": "The 16a16w config on SM8450 (v69): a `linear`'s weight `in[1]` is `sfixed16`.",
  "sources": [
   {
    "key": "ET-htp-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
   },
   {
    "key": "",
    "text": "pytorch/executorch#17296",
    "url": "https://github.com/pytorch/executorch/issues/17296"
   },
   {
    "key": "",
    "text": "microsoft/onnxruntime#21848",
    "url": "https://github.com/microsoft/onnxruntime/issues/21848"
   }
  ]
 },
 "soc.fp16-unsupported": {
  "status": "fail",
  "meaning": "float ports on a SoC without HTP FP16 support",
  "requires": "A SoC with HTP FP16 support for unquantized float ports.",
  "why": "QNN runs unquantized float ops on HTP only where the SoC supports FP16 (per ExecuTorch, Snapdragon 8 Gen 1 or\nnewer premium SoCs); elsewhere it rejects them.",
  "fix": "Quantize the ports (annotate the node), or choose a SoC with FP16 (Snapdragon 8 Gen 1 or newer).",
  "example": "The fp16a8w config on SM7675, which QNN rejects with `The SocModel doesn't support FP16` (ExecuTorch PR\n#22542).",
  "sources": [
   {
    "key": "ET-utils",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/utils/utils.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/utils/utils.py"
   },
   {
    "key": "",
    "text": "pytorch/executorch PR #22542",
    "url": "https://github.com/pytorch/executorch/pull/22542"
   }
  ]
 },
 "attr.reduce-sum-rank": {
  "status": "fail",
  "meaning": "ReduceSum on HTP takes inputs of rank 5 at most",
  "requires": "The input of `aten.sum` (QNN ReduceSum) has rank 5 or less (the rank comes from the producer's `val` shape).",
  "why": "onnxruntime-qnn's tests show QNN's validation refusing a quantized ReduceSum on a rank-6 input.",
  "fix": "Reshape to rank 5 or less before the reduction, and back after it.",
  "example": "`sum.dim_IntList` over a `[1, 2, 2, 2, 2, 2]` int8 tensor.",
  "sources": [
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 },
 "attr.topk-largest": {
  "status": "fail",
  "meaning": "QNN HTP TopK only returns the largest elements: `topk(..., largest=False)` is refused",
  "requires": "`largest` (args[3] or the `largest` kwarg) is true, its default.",
  "why": "QNN HTP's TopK has no \"smallest\" mode; ExecuTorch's builder refuses `largest=False`.",
  "fix": "Take the largest k of the negated input (and negate the values back), or leave this `topk` unannotated.",
  "example": "`aten.topk.default(x, 3, -1, False)`.",
  "sources": [
   {
    "key": "ET-builders",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
    "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
   }
  ]
 },
 "attr.softmax-last-dim": {
  "status": "fail",
  "meaning": "softmax and log_softmax on QNN only run along the last dimension",
  "requires": "The `dim` argument of `softmax` / `log_softmax` is the input's last axis (`-1`, or rank - 1).",
  "why": "QNN's Softmax and LogSoftmax reduce over the innermost axis; ExecuTorch's builders refuse another dim.",
  "fix": "Permute the axis to the end around the softmax, or leave the node unannotated.",
  "example": "`_softmax.default(x, 1, False)` on a rank-4 input.",
  "sources": [
   {
    "key": "ET-builders",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
    "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
   }
  ]
 },
 "attr.max-pool-dilation": {
  "status": "fail",
  "meaning": "QNN PoolMax2d has no dilation: max_pool2d with a dilation other than 1 is refused",
  "requires": "Every element of `max_pool2d`'s `dilation` argument is 1.",
  "why": "QNN's PoolMax2d has no dilation parameter; ExecuTorch's and onnxruntime's builders refuse a dilated pool.",
  "fix": "Use dilation 1, or express the dilated pool another way (e.g. a strided slice before the pool).",
  "example": "`max_pool2d.default(x, [3, 3], [1, 1], [0, 0], [2, 2])`.",
  "sources": [
   {
    "key": "ET-builders",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
    "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
   },
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   }
  ]
 },
 "attr.conv3d-groups": {
  "status": "fail",
  "meaning": "Conv3d on QNN supports only groups = 1",
  "requires": "A 3-D convolution's `groups` argument is 1.",
  "why": "QNN has no grouped Conv3d; LiteRT's builder refuses it.",
  "fix": "Split the grouped convolution into per-group convolutions and concatenate them, or keep it off the backend.",
  "example": "`convolution.default` with a 5-D input and `groups = 2`.",
  "sources": [
   {
    "key": "LiteRT-builders",
    "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/builders",
    "url": "https://github.com/google-ai-edge/LiteRT/tree/f6745779/litert/vendors/qualcomm/core/builders"
   }
  ]
 },
 "attr.round-decimals": {
  "status": "fail",
  "meaning": "QNN ElementWiseRound has no decimals: round(x, decimals) is refused",
  "requires": "`round` without a `decimals` argument (or with 0).",
  "why": "QNN's ElementWiseRound rounds to integers only; ExecuTorch's builder refuses `decimals`.",
  "fix": "Scale by 10^decimals, round, and scale back, or leave the node unannotated.",
  "example": "`round.decimals(x, decimals=2)`.",
  "sources": [
   {
    "key": "ET-builders",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
    "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
   }
  ]
 },
 "attr.grid-sample-rank": {
  "status": "fail",
  "meaning": "GridSample takes a rank 4 or 5 input",
  "requires": "The input of `grid_sampler` has rank 4 or 5.",
  "why": "QNN's GridSample is defined for 2-D and 3-D sampling over batched inputs; ExecuTorch's builder refuses\nother ranks.",
  "fix": "Reshape the input to rank 4 (N, C, H, W) around the grid sample.",
  "example": "`grid_sampler_2d.default` on a rank-3 input.",
  "sources": [
   {
    "key": "ET-builders",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
    "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
   }
  ]
 },
 "attr.argmax-rank": {
  "status": "fail",
  "meaning": "Argmax and Argmin on HTP take inputs of rank 4 at most",
  "requires": "The input of `aten.argmax` / `aten.argmin` has rank 4 or less (the rank comes from the producer's `val` shape).",
  "why": "The HtpOpDefSupplement limits Argmax and Argmin to rank-4 inputs; onnxruntime-qnn's test\n`ArgMaxMinU8_RankGreaterThan4_Unsupported` shows a rank-5 input left off HTP.",
  "fix": "Reshape the input to rank 4 or less around the argmax, and the result back.",
  "example": "`argmax.default` over a `[1, 3, 4, 4, 4]` uint8 tensor.",
  "sources": [
   {
    "key": "",
    "text": "QNN-htp-supplement; ORT-qnn-tests",
    "url": ""
   }
  ]
 },
 "attr.rmsnorm-rank": {
  "status": "fail",
  "meaning": "RmsNorm on HTP takes inputs of rank 4 at most",
  "requires": "The input of `aten.rms_norm` has rank 4 or less (rank 3 computes correctly; see `accuracy.rmsnorm-rank4`).",
  "why": "onnxruntime-qnn's test `SimplifiedLayerNorm_Rank5_Unsupported` shows a rank-5 RmsNorm left off HTP. The limit is\non the input rank, apart from QNN's rule that gamma's rank equals the number of normalized axes.",
  "fix": "Reshape the input to rank 3 around the RmsNorm.",
  "example": "`rms_norm.default` over a `[1, 2, 3, 3, 4]` uint16 tensor.",
  "sources": [
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 },
 "attr.layernorm-last-dim": {
  "status": "fail",
  "meaning": "LayerNorm on HTP normalizes over the last dimension only",
  "requires": "`normalized_shape` of `aten.layer_norm` names one dimension, the last (the check reads the argument: a list with a\nsecond element fails).",
  "why": "ExecuTorch's LayerNorm builder only emits QNN LayerNorm over the last input axis and refuses other\n`normalized_shape`s; onnxruntime-qnn's test `LayerNorm1D_Axis0_Unsupported` shows a LayerNorm not over the last\naxis left off HTP.",
  "fix": "Normalize over the last dimension only, or reshape so that the normalized dimensions become one.",
  "example": "`layer_norm.default(x, [8, 64], w, b)` on a `[1, 8, 64]` tensor.",
  "sources": [
   {
    "key": "",
    "text": "ET-builders; ORT-qnn-tests",
    "url": ""
   }
  ]
 },
 "attr.avg-pool-divisor": {
  "status": "fail",
  "meaning": "QNN PoolAvg2d always divides by the pooling region: `avg_pool2d` with a `divisor_override` other than the kernel area is refused",
  "requires": "`aten.avg_pool2d` is called without `divisor_override`, or with one equal to the kernel area (the product of a\ntwo-element `kernel_size`; the check compares the two arguments).",
  "why": "QNN PoolAvg2d has no divisor parameter; ExecuTorch's builder refuses a `divisor_override` other than the kernel\narea. A one-element `kernel_size` is left unchecked.",
  "fix": "Drop `divisor_override` and scale the pooled result by kernel area / divisor after the pooling.",
  "example": "`avg_pool2d.default(x, [2, 2], [2, 2], [0, 0], False, True, 3)`.",
  "sources": [
   {
    "key": "ET-builders",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
    "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
   }
  ]
 },
 "attr.pad-circular": {
  "status": "fail",
  "meaning": "QNN Pad on HTP has no wrap (circular) mode",
  "requires": "`aten.pad` is not called with `mode=\"circular\"` (the check reads the string argument, positional or by name).",
  "why": "LiteRT's Pad builder takes mirror padding only in REFLECT and SYMMETRIC modes, and onnxruntime-qnn's Pad test in\nwrap mode is not assigned to HTP. Torch's `replicate` (QNN edge mode) and `reflect` stay allowed.",
  "fix": "Build the circular padding from slices and a concatenation instead of `aten.pad` in circular mode.",
  "example": "`pad.default(x, [1, 1, 1, 1], \"circular\")` on a uint8 tensor.",
  "sources": [
   {
    "key": "",
    "text": "LiteRT-builders; ORT-qnn-tests",
    "url": ""
   }
  ]
 },
 "attr.pad-reflect-amount": {
  "status": "fail",
  "meaning": "QNN Pad in reflect mode pads a dimension by at most its size - 1",
  "requires": "In reflect mode (`aten.reflection_pad1d`, `aten.reflection_pad2d`, or `aten.pad` with `mode=\"reflect\"`), each pad\namount is at most the size of the dimension it pads minus 1. The pad list runs from the last dimension backwards:\n`pad[0]` and `pad[1]` pad dim -1, `pad[2]` and `pad[3]` dim -2, `pad[4]` and `pad[5]` dim -3.",
  "why": "onnxruntime-qnn's Pad builder refuses a reflect pad amount greater than `shape(input[0])[i] - 1` where it builds\nQNN's MIRROR_REFLECT Pad, and its test of that case expects the node not to be assigned to HTP. A reflection repeats\nthe values next to the edge, without the edge itself: a dimension of size n has only n - 1 of them. Torch's own\nreflection kernels refuse such padding too, so an exported graph rarely holds it; a padding passed by keyword to\n`reflection_padNd` or a shape without sizes is not checked.",
  "fix": "Pad in several steps of at most size - 1 each, or use replicate or constant padding for the rest.",
  "example": "`reflection_pad2d.default(x, [6, 0, 0, 0])` on a `[1, 8, 4, 6]` tensor.",
  "sources": [
   {
    "key": "",
    "text": "ORT-qnn; ORT-qnn-tests",
    "url": ""
   }
  ]
 },
 "attr.rms-norm-gamma-rank": {
  "status": "fail",
  "meaning": "QNN RmsNorm needs a gamma whose rank equals the number of normalized axes",
  "requires": "The rank of `aten.rms_norm`'s weight (its `val` shape) equals the length of `normalized_shape` (the check compares\nthe two).",
  "why": "onnxruntime-qnn PR #674 shows gamma `[1, 1, 1024]` over the last axis of a `[1, 50, 1024]` input failing QNN op\nvalidation (3110), and gamma `[1024]` passing.",
  "fix": "Reshape the gamma to `normalized_shape`.",
  "example": "`rms_norm.default(x, [64], w)` with `w` of shape `[1, 1, 64]`.",
  "sources": [
   {
    "key": "ORT-qnn-prs",
    "text": "onnxruntime/onnxruntime-qnn pull requests",
    "url": ""
   }
  ]
 },
 "attr.rank6-tensor": {
  "status": "fail",
  "meaning": "Reshape and Transpose on HTP take tensors of rank 5 at most",
  "requires": "No input or output of a reshape/view or permute has rank 6 or more.",
  "why": "In pytorch/executorch#14052 (swin_v2_t) QNN's op validation refuses a `view_copy` and a `permute_copy` with rank-6\ntensors (\"has incorrect Rank 6\", error 3110).",
  "fix": "Fold two dimensions together so that no tensor exceeds rank 5.",
  "example": "`view.default` of a `[1, 8, 8, 16]` tensor to `[1, 2, 4, 2, 4, 16]`.",
  "sources": [
   {
    "key": "",
    "text": "pytorch/executorch#14052",
    "url": "https://github.com/pytorch/executorch/issues/14052"
   }
  ]
 },
 "port.transpose-conv-block-weight": {
  "status": "fail",
  "meaning": "block-wise (LPBQ) weights are not supported on TransposeConv2d/3d",
  "requires": "A transposed convolution's weight is not block-wise quantized (`BLOCKWISE_EXPANSION`).",
  "why": "ExecuTorch skips its block-quantized `conv_transpose2d` test because QNN does not support it.",
  "fix": "Use per-channel 4-bit weights (`use_16a4w`) for transposed convolutions.",
  "example": "`conv_transpose2d` with a weight spec whose observer has a `block_size`.",
  "sources": [
   {
    "key": "ET-delegate-tests",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/test_qnn_delegate.py"
   }
  ]
 },
 "cross.lpbq-activation-bits": {
  "status": "fail",
  "meaning": "block-wise (LPBQ) weights on Conv2d/Conv3d/FullyConnected need 16-bit activations",
  "requires": "When the weight `in[1]` is block-wise quantized, the activation `in[0]` is 16-bit.",
  "why": "onnxruntime-qnn's check for HTP native block quantization requires `UFIXED_POINT_16` activations (inferred\nfrom its PR #604 and #625).",
  "fix": "Use 16-bit activations with block-wise weights (`use_16a4w_block`), or per-channel weights with 8-bit\nactivations.",
  "example": "A `linear` with an 8-bit activation and a weight spec with `block_size`.",
  "sources": [
   {
    "key": "ORT-qnn-prs",
    "text": "onnxruntime/onnxruntime-qnn pull requests",
    "url": ""
   }
  ]
 },
 "sdk.lpbq-min-sdk": {
  "status": "fail",
  "meaning": "block-wise (LPBQ) weights need QNN SDK 2.30 or newer",
  "requires": "`--qnn-sdk` (or the default, the newest the data knows) 2.30 or newer when a weight is block-wise quantized.",
  "why": "ExecuTorch skips its block-quantized linear tests before QNN 2.30.",
  "fix": "Target QNN SDK 2.30 or newer, or use per-channel weights.",
  "example": "A block-wise `linear` weight validated with `--qnn-sdk 2.28`.",
  "sources": [
   {
    "key": "ET-delegate-tests",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/test_qnn_delegate.py"
   }
  ]
 },
 "sdk.2bit-weight-min-sdk": {
  "status": "fail",
  "meaning": "2-bit weights with 16-bit activations (16a2w) need QNN SDK 2.41 or newer",
  "requires": "QNN SDK 2.41 or newer for 2-bit weights with 16-bit activations.",
  "why": "ExecuTorch's 16a2w conv2d and linear tests pass only from QNN 2.41.",
  "fix": "Target QNN SDK 2.41 or newer, or use 4-bit weights (`use_16a4w`).",
  "example": "A `conv2d` with 16-bit activations and a weight with `quant_min=-2, quant_max=1`, with `--qnn-sdk 2.39`.",
  "sources": [
   {
    "key": "ET-delegate-tests",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/test_qnn_delegate.py"
   }
  ]
 },
 "sdk.a8w2-min-sdk": {
  "status": "fail",
  "meaning": "2-bit weights with 8-bit activations (a8w2) on FullyConnected need QNN SDK 2.49 or newer",
  "requires": "QNN SDK 2.49 or newer for a FullyConnected with 8-bit activations and 2-bit per-channel weights.",
  "why": "QNN's HTP op revision history enables a8w2 FullyConnected in 2.49; LiteRT's test notes that 2.47 does not\nofficially support it.",
  "fix": "Target QNN SDK 2.49 or newer, or use 4-bit weights.",
  "example": "A `linear` with an 8-bit activation and a 2-bit weight, with `--qnn-sdk 2.47`.",
  "sources": [
   {
    "key": "QNN-htp-history",
    "text": "docs.qualcomm.com htp_opdef_version_history (QNN HTP Op Support Revision History)",
    "url": ""
   },
   {
    "key": "LiteRT-qnn-tests",
    "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/qnn_backend_test/builder_test",
    "url": "https://github.com/google-ai-edge/LiteRT/tree/f6745779/litert/vendors/qualcomm/qnn_backend_test/builder_test"
   }
  ]
 },
 "sdk.hadamard-int16": {
  "status": "fail",
  "meaning": "16-bit HadamardTransform needs QNN SDK 2.47 or newer",
  "requires": "QNN SDK 2.47 or newer for a 16-bit HadamardTransform.",
  "why": "ExecuTorch's Hadamard tests pass from QNN 2.47 (the HTP revision history says 2.49; the data follows the\ntests and notes the disagreement in docs/data-sources.md).",
  "fix": "Target QNN SDK 2.47 or newer, or keep the transform 8-bit.",
  "example": "A recomposed Hadamard transform with 16-bit activations, with `--qnn-sdk 2.44`.",
  "sources": [
   {
    "key": "ET-delegate-tests",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/test_qnn_delegate.py"
   }
  ]
 },
 "attr.batchnorm-rank": {
  "status": "fail",
  "meaning": "Batchnorm on HTP has no 5-D support",
  "requires": "The input of `batch_norm` has rank 4 or less.",
  "why": "onnxruntime-qnn's HTP test of a rank-5 BatchNorm expects the node refused (no 5-D support).",
  "fix": "Fold the batch norm into the preceding convolution, or reshape to rank 4 around it.",
  "example": "`batch_norm.default` on a `[1, 4, 2, 8, 8]` input.",
  "sources": [
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 },
 "attr.instance-norm-rank": {
  "status": "fail",
  "meaning": "InstanceNorm on HTP takes a rank 3 or 4 input",
  "requires": "The input of `instance_norm` has rank 3 or 4.",
  "why": "onnxruntime-qnn's InstanceNorm builder accepts ranks 3 and 4 only, and its rank-5 HTP test expects the node refused.",
  "fix": "Reshape to rank 4 around the instance norm.",
  "example": "`instance_norm.default` on a rank-5 input.",
  "sources": [
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   },
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 },
 "port.instance-norm-per-channel-input": {
  "status": "fail",
  "meaning": "InstanceNorm's input must be quantized per tensor",
  "requires": "The input `in[0]` of `instance_norm` has a per-tensor encoding.",
  "why": "onnxruntime-qnn's InstanceNorm builder refuses a per-channel quantized input.",
  "fix": "Use a per-tensor activation spec for the input.",
  "example": "`instance_norm` whose input spec is `per_channel_affine`.",
  "sources": [
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   }
  ]
 },
 "sdk.pad-rank5": {
  "status": "fail",
  "meaning": "a rank-5 Pad needs QNN SDK 2.39 or newer",
  "requires": "QNN SDK 2.39 or newer for a Pad whose input has rank 5.",
  "why": "QNN's HTP op revision history adds rank-5 support to Pad (and Cast, GatherElements) in 2.39.",
  "fix": "Target QNN SDK 2.39 or newer, or pad a rank-4 view.",
  "example": "`pad.default` on a rank-5 input, with `--qnn-sdk 2.37`.",
  "sources": [
   {
    "key": "QNN-htp-history",
    "text": "docs.qualcomm.com htp_opdef_version_history (QNN HTP Op Support Revision History)",
    "url": ""
   }
  ]
 },
 "sdk.cast-int16-to-uint16": {
  "status": "fail",
  "meaning": "a Cast from SFIXED_POINT_16 to UFIXED_POINT_16 needs QNN SDK 2.39 or newer",
  "requires": "QNN SDK 2.39 or newer for a Cast whose input is signed 16-bit and output unsigned 16-bit.",
  "why": "QNN's HTP op revision history enables that Cast in 2.39.",
  "fix": "Target QNN SDK 2.39 or newer, or keep one 16-bit signedness on both sides.",
  "example": "`to.dtype` from an int16 spec to a uint16 spec, with `--qnn-sdk 2.37`.",
  "sources": [
   {
    "key": "QNN-htp-history",
    "text": "docs.qualcomm.com htp_opdef_version_history (QNN HTP Op Support Revision History)",
    "url": ""
   }
  ]
 },
 "sdk.cast-int16-to-int32": {
  "status": "fail",
  "meaning": "QNN HTP Cast from SFIXED_POINT_16 to INT_32 needs QNN SDK 2.44 or newer",
  "requires": "With `--qnn-sdk` older than 2.44, an `aten.to.dtype` whose input is signed int16 does not target `int32` (the check\nreads the dtype argument, written `{\"dtype\": \"int32\"}` in the graph).",
  "why": "QNN's HTP op revision history enables Cast from SFIXED_POINT_16 to INT_32 in 2.44.",
  "fix": "Use QNN SDK 2.44 or newer, or cast from an unsigned 16-bit or float tensor.",
  "example": "`to.dtype(x, torch.int32)` with a symmetric int16 `x`, validated with `--qnn-sdk 2.43`.",
  "sources": [
   {
    "key": "QNN-htp-history",
    "text": "docs.qualcomm.com htp_opdef_version_history (QNN HTP Op Support Revision History)",
    "url": ""
   }
  ]
 },
 "sdk.tanh-uint16-validator": {
  "status": "fail",
  "meaning": "QNN SDK 2.28 to 2.30 reject the documented UFIXED_POINT_16 Tanh output encoding",
  "requires": "For a Tanh with a `UFIXED_POINT_16` output, a QNN SDK other than 2.28, 2.29 and 2.30.",
  "why": "The QNN documentation fixes the 16-bit Tanh output at scale 1/32768, offset -32768, but the op validators of SDKs 2.28 to 2.30 reject exactly those values; onnxruntime-qnn skips validation for them (simple_op_builder.cc:356-373, microsoft/onnxruntime PR #23432).",
  "fix": "Use another QNN SDK, or an 8-bit Tanh.",
  "example": "A 16-bit `tanh` with the fixed output spec, with `--qnn-sdk 2.28`.",
  "sources": [
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   }
  ]
 },
 "sdk.transpose-conv3d-per-channel": {
  "status": "fail",
  "meaning": "per-channel TransposeConv3d weights fail in QNN SDK 2.21",
  "requires": "For a `conv_transpose3d` with per-channel weights, a QNN SDK other than 2.21.",
  "why": "onnxruntime-qnn disabled its per-channel ConvTranspose3D HTP test for QNN 2.21 because it failed there and\nre-enabled it for 2.22 (conv_test.cc:1788-1790).",
  "fix": "Use another QNN SDK, or per-tensor weights.",
  "example": "`conv_transpose3d.input` with a `per_channel_symmetric` weight, with `--qnn-sdk 2.21`.",
  "sources": [
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 },
 "sdk.fully-connected-2.26": {
  "status": "fail",
  "meaning": "FullyConnected op validation crashes in QNN SDK 2.26 and 2.27",
  "requires": "A quantized FullyConnected is not validated with QNN SDK 2.26 or 2.27.",
  "why": "onnxruntime-qnn builds a MatMul instead of a FullyConnected for these two SDKs because FullyConnected validation crashes in them.",
  "fix": "Use another QNN SDK.",
  "example": "`linear.default` with 8-bit activations, with `--qnn-sdk 2.26`.",
  "sources": [
   {
    "key": "ORT-qnn",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
   }
  ]
 },
 "sdk.lpai-rmsnorm-min-sdk": {
  "status": "fail",
  "meaning": "RmsNorm exists on LPAI from QNN SDK 2.36",
  "requires": "QNN SDK 2.36 or newer for an LPAI RmsNorm.",
  "why": "QNN's LPAI op revision history adds RmsNorm to LPAI in 2.36.",
  "fix": "Target QNN SDK 2.36 or newer, or run the op on HTP.",
  "example": "`rms_norm.default` on LPAI (SM8850) with `--qnn-sdk 2.35`.",
  "sources": [
   {
    "key": "QNN-lpai-history",
    "text": "docs.qualcomm.com 80-63442-10 lpai_opdef_version_history (QNN LPAI Op Support Revision History, last published 2026-06-04)",
    "url": ""
   }
  ]
 },
 "sdk.lpai-depth-space-min-sdk": {
  "status": "fail",
  "meaning": "DepthToSpace and SpaceToDepth exist on LPAI from QNN SDK 2.34",
  "requires": "QNN SDK 2.34 or newer for an LPAI DepthToSpace or SpaceToDepth.",
  "why": "QNN's LPAI op revision history adds them to LPAI in 2.34.",
  "fix": "Target QNN SDK 2.34 or newer.",
  "example": "`pixel_shuffle` on LPAI with `--qnn-sdk 2.30`.",
  "sources": [
   {
    "key": "QNN-lpai-history",
    "text": "docs.qualcomm.com 80-63442-10 lpai_opdef_version_history (QNN LPAI Op Support Revision History, last published 2026-06-04)",
    "url": ""
   }
  ]
 },
 "sdk.lpai-2.23-ops-min-sdk": {
  "status": "fail",
  "meaning": "Cast, ElementWisePower, ResizeNearestNeighbor, Split and LayerNorm exist on LPAI from QNN SDK 2.23",
  "requires": "QNN SDK 2.23 or newer for these LPAI ops.",
  "why": "QNN's LPAI op revision history adds them (8 and 16-bit) to LPAI in 2.23.",
  "fix": "Target QNN SDK 2.23 or newer.",
  "example": "`layer_norm` on LPAI with `--qnn-sdk 2.22`.",
  "sources": [
   {
    "key": "QNN-lpai-history",
    "text": "docs.qualcomm.com 80-63442-10 lpai_opdef_version_history (QNN LPAI Op Support Revision History, last published 2026-06-04)",
    "url": ""
   }
  ]
 },
 "sdk.layernorm-no-bias": {
  "status": "fail",
  "meaning": "a quantized LayerNorm without a bias input fails QNN op validation in SDK 2.24 to 2.27",
  "requires": "With QNN SDK 2.24 to 2.27, a quantized `layer_norm` has a bias input.",
  "why": "onnxruntime-qnn's test notes that QNN 2.24 to 2.27 fail LayerNorm validation, intermittently, when the bias input is not given; the EP adds an explicit zero bias. ExecuTorch's builder passes no bias when the node has none.",
  "fix": "Give the layer norm a bias, or use QNN SDK 2.28 or newer.",
  "example": "`layer_norm(x, [64], w, None)` with 8-bit activations and `--qnn-sdk 2.26`.",
  "sources": [
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 },
 "accuracy.fixed-range-output": {
  "status": "warning",
  "meaning": "Softmax / HardSigmoid output with a calibrated range instead of the full fixed [0, 1] encoding: it compiles but computes wrong",
  "requires": "The output of these ops uses the fixed [0, 1] encoding (scale 1/2^bits, offset 0).",
  "why": "HTP assumes a full-range [0, 1] output encoding for ops whose outputs lie in [0, 1] (onnxruntime-qnn PRs #473\nand #558); a calibrated range is accepted but gives wrong results. A warning: it never fails a node.",
  "fix": "Annotate the output with `FixedQParamsObserver(scale=1/(quant_max-quant_min+1), zero_point=0)`, as\nQnnQuantizer does for sigmoid.",
  "example": "A `softmax` whose output spec has a `MinMaxObserver`.",
  "sources": [
   {
    "key": "ORT-qnn-prs",
    "text": "onnxruntime/onnxruntime-qnn pull requests",
    "url": ""
   }
  ]
 },
 "accuracy.tanh-range": {
  "status": "warning",
  "meaning": "8-bit Tanh output not pinned to [-1, 1] on HTP v73+: a calibrated range may lose accuracy",
  "requires": "On v73 and newer, an 8-bit Tanh output encoding that covers exactly [-1, 1].",
  "why": "Qualcomm's HTP v73+ quantization configs pin Tanh's output encoding to [-1, 1] (inferred: absent from the v68\nconfig). A warning: it never fails a node.",
  "fix": "Annotate the output with fixed qparams covering [-1, 1] (scale 2/256, zero point 128 for uint8).",
  "example": "An 8-bit `tanh` whose output spec has a `MinMaxObserver`, on SM8750.",
  "sources": [
   {
    "key": "AIMET-htp-v73plus",
    "text": "qualcomm/aimet@2ec42617 TrainingExtensions/common/src/python/_aimet_common/quantsim_config/htp_quantsim_config_v73.json (same content _v81.json)",
    "url": "https://github.com/qualcomm/aimet/blob/2ec42617/TrainingExtensions/common/src/python/_aimet_common/quantsim_config/htp_quantsim_config_v73.json"
   }
  ]
 },
 "accuracy.rmsnorm-rank4": {
  "status": "warning",
  "meaning": "RmsNorm over a rank-4 input compiles on HTP but gives numerically wrong results",
  "requires": "RmsNorm's input has rank 3 (rank 4 is the case known to be wrong).",
  "why": "A report in onnxruntime/mobius PR #372 shows HTP's RmsNorm finalizing on rank 4 with wrong values, while\nrank 3 is correct. A warning: it never fails a node.",
  "fix": "Reshape to rank 3 around the RmsNorm.",
  "example": "`rms_norm.default` on a `[1, 1, 8, 64]` input.",
  "sources": [
   {
    "key": "",
    "text": "onnxruntime/mobius PR #372 (merged 2026-06-23)",
    "url": "https://github.com/onnxruntime/mobius/pull/372"
   }
  ]
 },
 "accuracy.pack-axis2": {
  "status": "warning",
  "meaning": "Pack along axis 2 has an HTP accuracy issue",
  "requires": "`stack` along a dim other than 2.",
  "why": "LiteRT's Qualcomm backend builds a Concat instead of Pack(axis=2) because of an HTP accuracy issue. A warning: it never fails a node; a negative dim naming axis 2 is not caught.",
  "fix": "Stack along another dim and permute, or unsqueeze the inputs and concatenate along dim 2.",
  "example": "`stack.default([q, k], 2)`.",
  "sources": [
   {
    "key": "",
    "text": "google-ai-edge/LiteRT@f6745779 mha_to_sha.cc:955-965",
    "url": "https://github.com/google-ai-edge/LiteRT/blob/f6745779/mha_to_sha.cc"
   }
  ]
 },
 "accuracy.pad-constant-low": {
  "status": "warning",
  "meaning": "a float Pad constant below -65472 has an HTP accuracy issue",
  "requires": "A float (unquantized) `aten.pad` whose `value` is at least -65472.",
  "why": "LiteRT's Qualcomm Pad builder clamps a float pad constant to -65472 and marks the clamp to be removed once HTP\nresolves an accuracy issue. A warning: it never fails a node. A value of `-inf` cannot be written in the graph's\nJSON and is not seen.",
  "fix": "Pad with -65472, or with a value the next op cannot tell from it, instead of a larger negative value.",
  "example": "`pad.default(x, [1, 1], \"constant\", -1e9)` on a float tensor.",
  "sources": [
   {
    "key": "LiteRT-builders",
    "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/builders",
    "url": "https://github.com/google-ai-edge/LiteRT/tree/f6745779/litert/vendors/qualcomm/core/builders"
   }
  ]
 },
 "accuracy.lpai-sigmoid-range": {
  "status": "warning",
  "meaning": "LPAI Sigmoid output not fixed to [0, 1]: a calibrated range may lose accuracy",
  "requires": "On LPAI, a Sigmoid output with the fixed [0, 1] encoding (scale 1/2^bits, zero point 0).",
  "why": "ExecuTorch's LPAI annotator fixes the Sigmoid output encoding (read); that LPAI computes worse without it is inferred. A warning: it never fails a node.",
  "fix": "Annotate the output with `FixedQParamsObserver(scale=1/(quant_max-quant_min+1), zero_point=0)`.",
  "example": "An 8-bit `sigmoid` on SM8850 (LPAI) whose output spec has a `MinMaxObserver`.",
  "sources": [
   {
    "key": "ET-lpai-rules",
    "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/lpai_rules.py",
    "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/lpai_rules.py"
   }
  ]
 },
 "accuracy.layernorm-no-bias": {
  "status": "warning",
  "meaning": "a quantized LayerNorm without a bias input has accuracy errors in QNN SDK 2.28.0",
  "requires": "With QNN SDK 2.28, a quantized `layer_norm` has a bias input.",
  "why": "onnxruntime-qnn's test notes accuracy errors in 2.28.0, fixed in 2.28.2; the data compares MAJOR.MINOR, so 2.28 warns. A warning: it never fails a node.",
  "fix": "Give the layer norm a bias, or use QNN SDK 2.28.2 or newer.",
  "example": "`layer_norm(x, [64], w, None)` with `--qnn-sdk 2.28`.",
  "sources": [
   {
    "key": "ORT-qnn-tests",
    "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
    "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
   }
  ]
 }
};
export const SOURCES = {
 "ET-htp-rules": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/htp_rules.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/htp_rules.py"
 },
 "ET-lpai-rules": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/annotators/lpai_rules.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/annotators/lpai_rules.py"
 },
 "ET-qconfig": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/quantizer/qconfig.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/quantizer/qconfig.py"
 },
 "ET-soc": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/serialization/qc_schema.py (_soc_info_table)",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/serialization/qc_schema.py"
 },
 "ET-utils": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/utils/utils.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/utils/utils.py"
 },
 "ET-topk": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders/op_topk.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/builders/op_topk.py"
 },
 "ET-v68-tests": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/rework/htp/op/v68/test.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/rework/htp/op/v68/test.py"
 },
 "AIMET-htp-v75": {
  "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json",
  "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_htp_quantsim_config_v75.json"
 },
 "AIMET-lpai": {
  "text": "quic-mtuttle/aimet@b2f6680c TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_lpai_quantsim_config.json",
  "url": "https://github.com/quic-mtuttle/aimet/blob/b2f6680c/TrainingExtensions/common/src/python/aimet_common/quantsim_config/backend_aware_lpai_quantsim_config.json"
 },
 "AIMET-htp-v73": {
  "text": "qualcomm/aimet htp_quantsim_config_v73.json (same content v75/v79/v81)",
  "url": ""
 },
 "ORT-qnn": {
  "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/core/providers/qnn/builder/opbuilder",
  "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/core/providers/qnn/builder/opbuilder"
 },
 "QNN-htp-supplement": {
  "text": "docs.qualcomm.com 80-63442-10 HtpOpDefSupplement",
  "url": ""
 },
 "QNN-lpai-supplement": {
  "text": "docs.qualcomm.com 80-63442-10 LpaiOpDefSupplement",
  "url": ""
 },
 "QNN-htp-history": {
  "text": "docs.qualcomm.com htp_opdef_version_history (QNN HTP Op Support Revision History)",
  "url": ""
 },
 "QNN-socids": {
  "text": "onnxruntime QNN EP SocModelFromName (copy of QnnTypes.h Qnn_SocModel_t)",
  "url": ""
 },
 "ET-builders": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/builders",
  "url": "https://github.com/pytorch/executorch/tree/cff6f4dd/backends/qualcomm/builders"
 },
 "ET-delegate-tests": {
  "text": "pytorch/executorch@cff6f4dd backends/qualcomm/tests/test_qnn_delegate.py",
  "url": "https://github.com/pytorch/executorch/blob/cff6f4dd/backends/qualcomm/tests/test_qnn_delegate.py"
 },
 "ORT-qnn-tests": {
  "text": "onnxruntime/onnxruntime-qnn@cee6c0d9 onnxruntime/test/providers/qnn",
  "url": "https://github.com/onnxruntime/onnxruntime-qnn/tree/cee6c0d9/onnxruntime/test/providers/qnn"
 },
 "LiteRT-qnn-tests": {
  "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/qnn_backend_test/builder_test",
  "url": "https://github.com/google-ai-edge/LiteRT/tree/f6745779/litert/vendors/qualcomm/qnn_backend_test/builder_test"
 },
 "LiteRT-builders": {
  "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/builders",
  "url": "https://github.com/google-ai-edge/LiteRT/tree/f6745779/litert/vendors/qualcomm/core/builders"
 },
 "ORT-qnn-prs": {
  "text": "onnxruntime/onnxruntime-qnn pull requests",
  "url": ""
 },
 "AIMET-htp-v73plus": {
  "text": "qualcomm/aimet@2ec42617 TrainingExtensions/common/src/python/_aimet_common/quantsim_config/htp_quantsim_config_v73.json (same content _v81.json)",
  "url": "https://github.com/qualcomm/aimet/blob/2ec42617/TrainingExtensions/common/src/python/_aimet_common/quantsim_config/htp_quantsim_config_v73.json"
 },
 "QNN-lpai-history": {
  "text": "docs.qualcomm.com 80-63442-10 lpai_opdef_version_history (QNN LPAI Op Support Revision History, last published 2026-06-04)",
  "url": ""
 },
 "LRT-soc-h": {
  "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/core/schema/soc_table.h (\"derived from the QAIRT 2.47 documentation\")",
  "url": "https://github.com/google-ai-edge/LiteRT/blob/f6745779/litert/vendors/qualcomm/core/schema/soc_table.h"
 },
 "LRT-soc-csv": {
  "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/supported_soc.csv",
  "url": "https://github.com/google-ai-edge/LiteRT/blob/f6745779/litert/vendors/qualcomm/supported_soc.csv"
 },
 "LRT-soc-old": {
  "text": "google-ai-edge/LiteRT@cae48b7a litert/vendors/qualcomm/core/schema/soc_table.cc (arch, VTCM, IsFp16Supported)",
  "url": "https://github.com/google-ai-edge/LiteRT/blob/cae48b7a/litert/vendors/qualcomm/core/schema/soc_table.cc"
 },
 "LRT-lpai-doc": {
  "text": "google-ai-edge/LiteRT@f6745779 litert/vendors/qualcomm/doc/LPAI_INSTRUCTIONS.md (version table)",
  "url": "https://github.com/google-ai-edge/LiteRT/blob/f6745779/litert/vendors/qualcomm/doc/LPAI_INSTRUCTIONS.md"
 }
};
