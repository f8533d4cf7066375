"""Imports a module that does not exist."""

import numpyy  # noqa: F401
