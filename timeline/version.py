"""The package's version, in a module of its own.

Modules inside the package (the parse cache keys on it, the command prints it) import it from
here rather than from the package's ``__init__``, which imports the loader, which imports the
cache: importing a package from one of its own modules ties them in a cycle. The build reads
it here too (``[tool.hatch.version]`` in pyproject.toml).
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
