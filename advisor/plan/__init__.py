"""The Strategic AI Action Plan: business profile in, typed plan with six components out."""
