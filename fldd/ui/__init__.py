"""The desktop face of fldd: the only package that imports PySide6."""
