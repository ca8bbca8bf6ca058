"""Cited answers: offline extractive composition, optional model wording, prioritisation tables."""
