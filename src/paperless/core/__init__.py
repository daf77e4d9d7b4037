"""Qt-free core: crypto, bundle, store and sync logic.

Nothing under this package may import Qt (PySide6/shiboken6); tests/test_architecture.py enforces it.
"""
