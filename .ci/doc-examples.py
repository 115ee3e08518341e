#!/usr/bin/env python3
"""Runs the ```python blocks of a Markdown file in order, in one namespace, as a reader would paste them.

Usage: doc-examples.py FILE. The Python client (clients/python) is importable. Exits 1 at the first block
that raises, naming its line in FILE.
"""
import re
import sys
import traceback
from pathlib import Path

root = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(root / "clients" / "python"))
document = Path(sys.argv[1])
text = document.read_text(encoding="utf-8")
namespace = {"__name__": "__doc_examples__"}
blocks = list(re.finditer(r"^```python\n(.*?)^```", text, re.S | re.M))
if not blocks:
    sys.exit(f"{document}: no python blocks")
for block in blocks:
    line = text.count("\n", 0, block.start()) + 2
    try:
        exec(compile(block.group(1), f"{document}:{line}", "exec"), namespace)
    except Exception:
        traceback.print_exc()
        sys.exit(f"doc examples: the block at {document}:{line} failed")
print(f"doc examples: {len(blocks)} blocks of {document} ran as written")
