"""qnnv: validate ExecuTorch PT2E quantization annotations against Qualcomm QNN backend constraints.

    import qnnv
    report = qnnv.validate("model.qnnv.json", soc_model="SM8350")     # a file: no torch needed
    report = qnnv.validate(graph_module, soc_model="SM8350")          # an annotated GraphModule
    print(report.to_text()); plan = report.fix_plan(); print(plan.snippet)

    quantizer = qnnv.capture(QnnQuantizer(), validate=True, soc_model="SM8350")   # inside prepare_pt2e

Nothing here imports torch at import time, and the C++ extension is loaded on the first validation, so the
exporter works where the extension is not built (scripts/qnnv_export.py loads qnnv/export.py directly).
"""

from .export import FORMAT, FORMAT_VERSION, __version__, capture, export_graph, graph_to_dict
from .report import Finding, FixChange, FixPlan, InputError, NodeResult, Port, Report, Summary, fix_plan, validate

__all__ = ["validate", "fix_plan", "capture", "export_graph", "graph_to_dict", "Report", "NodeResult",
           "Finding", "Port", "Summary", "FixPlan", "FixChange", "InputError", "FORMAT", "FORMAT_VERSION",
           "__version__"]
