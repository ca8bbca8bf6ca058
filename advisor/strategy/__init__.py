"""The computed strategy engine: catalogue, STRIVE/RICE/ICE scoring, selection, roadmap, ROI."""
