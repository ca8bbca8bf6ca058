"""advisor: an offline-first conversational advisor for small e-commerce businesses."""

__version__ = "0.1.0"
