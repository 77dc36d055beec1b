"""The docstrings of the native classes, without the Rust examples of the core's docs.

pyo3 gives each class the doc comment of its Rust type, whose ``# Example`` sections are Rust
(``use apart::…``): meaningless in ``help()``. They are dropped once, at import, as the
generated TypeScript, Kotlin and Swift declarations drop them.
"""

from __future__ import annotations

import re

from . import _native

# A "# Example(s)" heading (optional) and the fenced blocks after it, with their blank lines.
_EXAMPLE = re.compile(r"(?:\n+# Examples?)?\n+```.*?\n```", re.S)


def without_rust_examples(doc: str) -> str:
    """``doc`` without its fenced code blocks and their ``# Example`` heading.

    >>> without_rust_examples("Totals.\\n\\n# Example\\n\\n```\\nlet a = 1;\\n```\\n\\nMore.")
    'Totals.\\n\\nMore.'
    """
    return _EXAMPLE.sub("", doc).strip("\n")


for _class in vars(_native).values():
    if isinstance(_class, type) and _class.__doc__ and "```" in _class.__doc__:
        _class.__doc__ = without_rust_examples(_class.__doc__)
