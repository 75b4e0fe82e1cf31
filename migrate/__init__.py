"""migrate: move legacy code between Python, Java and C++, and prove what was moved."""

__version__ = "0.1.0"
