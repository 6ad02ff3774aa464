"""Fault tests: each promise of docs/donnees.md checked against a real fault (kill -9, full disk, damage…)."""
