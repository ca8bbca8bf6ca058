"""The understanding layer: the one place that reads the owner's text (intent, slots, typed values)."""
