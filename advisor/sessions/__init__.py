"""Persistent sessions: state and transcript in SQLite (WAL) under the data dir."""
