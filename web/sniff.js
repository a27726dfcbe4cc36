// qnnv web — what a dropped file is, from its first bytes (and, when the bytes say nothing, its name), so that
// a model file that is not a qnnv graph gets a useful answer instead of a JSON parse error.
// Returns null for anything that may be a graph (JSON text, or bytes the core should judge itself).

const ascii = (b, from, to) => String.fromCharCode(...b.subarray(from, to));

// ONNX is a protobuf ModelProto: it starts with field 1 (ir_version, a small varint: tag 0x08), followed
// by another ModelProto field (producer_name 0x12, producer_version 0x1a, domain 0x22, model_version 0x28,
// doc_string 0x32, graph 0x3a, opset_import 0x42).
function looksLikeOnnx(b) {
  if (b.length < 3 || b[0] !== 0x08) return false;
  const ir = b[1];
  return ir >= 1 && ir <= 30 && [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42].includes(b[2]);
}

export const KINDS = {
  pte: {
    what: 'an ExecuTorch program (.pte, a FlatBuffer with the ExecuTorch file identifier)',
    why: 'A .pte is the lowered program: the quantization annotations qnnv checks exist only in Python, between the quantizer\'s annotate step and prepare_pt2e, and are gone by the time a .pte is written.',
  },
  zip: {
    what: 'a ZIP archive (a torch.export .pt2 package, or a torch.save checkpoint)',
    why: 'A .pt2 holds the exported program without the quantizer\'s annotations; qnnv needs the annotated graph that the quantizer produces inside prepare_pt2e.',
  },
  onnx: {
    what: 'an ONNX model (a protobuf ModelProto)',
    why: 'qnnv checks PT2E quantization annotations (ExecuTorch\'s QnnQuantizer) before lowering, not ONNX models. Export the PyTorch model through ExecuTorch\'s flow instead.',
  },
  tflite: {
    what: 'a TensorFlow Lite model (.tflite, a FlatBuffer with the identifier TFL3)',
    why: 'qnnv checks PT2E quantization annotations (ExecuTorch\'s QnnQuantizer), not TFLite models. Export the PyTorch model through ExecuTorch\'s flow instead.',
  },
  flatbuffer: {
    what: 'a FlatBuffer file',
    why: 'qnnv reads the qnnv graph JSON that its exporter writes during prepare_pt2e, not compiled models.',
  },
};

export function sniff(bytes, name = '') {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const ext = (/\.([a-z0-9]+)$/i.exec(name) || [])[1]?.toLowerCase() || '';
  const kind = (k, id) => ({kind: k, id: id || '', ...KINDS[k]});
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return kind('zip');
  if (b.length >= 8) {
    const id = ascii(b, 4, 8);
    if (/^ET\d\d$/.test(id)) return kind('pte', id);
    if (id === 'TFL3') return kind('tflite', id);
  }
  if (looksLikeOnnx(b)) return kind('onnx');
  // Bytes that say nothing clear: the name decides only for binary-looking content (never for text, which the
  // core judges with a located error).
  const text = b.length > 0 && [...b.subarray(0, 64)].every((x) => x === 9 || x === 10 || x === 13 || (x >= 0x20 && x !== 0x7f) || x >= 0x80);
  if (!text) {
    if (ext === 'pte') return kind('pte');
    if (ext === 'pt2' || ext === 'pt' || ext === 'pth') return kind('zip');
    if (ext === 'onnx') return kind('onnx');
    if (ext === 'tflite') return kind('tflite');
  }
  return null;
}

// The Python that writes a qnnv graph from a model, as docs/exporter.md describes it.
export const EXPORTER_SNIPPET = `import torch
from executorch.backends.qualcomm.quantizer.quantizer import QnnQuantizer, QuantDtype
from torchao.quantization.pt2e.quantize_pt2e import prepare_pt2e
from qnnv import capture

model, example = MyModel().eval(), (torch.randn(1, 3, 224, 224),)
gm = torch.export.export(model, example, strict=True).module()
quantizer = QnnQuantizer()
quantizer.set_default_quant_config(QuantDtype.use_16a4w_block)
prepared = prepare_pt2e(gm, capture(quantizer, "model.qnnv.json", soc_model="SM8750"))
# then drop model.qnnv.json on this page`;
