"""Fault tests: each promise of RELIABILITY.md checked against a real fault (kill -9, full disk, damage…)."""
