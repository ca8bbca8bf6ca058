"""Ethics guardrails: input rules (refuse with rule, reason and alternative), output notes, redaction."""
