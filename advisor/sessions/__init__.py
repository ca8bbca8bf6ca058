"""Persistent sessions: state and transcript in SQLite (WAL, the embedded default) or PostgreSQL; atomic turns."""
