#!/usr/bin/env python3
"""The graph exporter as a loose script: runs python/qnnv/export.py (the qnnv package's exporter) in this
module's namespace, so `from qnnv_export import capture, export_graph` and `python3 scripts/qnnv_export.py
--help` keep working without installing the package. That file needs only torch (imported lazily) and the
standard library, so it can also be copied next to an export script on its own."""

import os

_EXPORTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "python", "qnnv", "export.py")
with open(_EXPORTER, encoding="utf-8") as _f:
    exec(compile(_f.read(), os.path.abspath(_EXPORTER), "exec"))  # runs its __main__ block when run as a script
