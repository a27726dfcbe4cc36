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
 "qspec.invalid": {
  "status": "fail",
  "meaning": "the spec itself is not usable (unknown qscheme, `quant_min > quant_max`)",
  "requires": "A spec with a known qscheme and `quant_min <= quant_max`.",
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
 }
};
