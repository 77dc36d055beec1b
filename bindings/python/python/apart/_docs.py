"""The docstrings of the native classes, without the Rust examples of the core's docs.

pyo3 gives each class the doc comment of its Rust type, whose ``# Example`` sections are Rust
(``use apart::…``): meaningless in ``help()``. They are dropped once, at import, by the core's
``doc_comments`` (``_native.doc_without_rust_examples``), as the generated TypeScript, Kotlin
and Swift declarations drop them.
"""

from __future__ import annotations

from . import _native

for _class in vars(_native).values():
    if isinstance(_class, type) and _class.__doc__ and "```" in _class.__doc__:
        _class.__doc__ = _native.doc_without_rust_examples(_class.__doc__)
