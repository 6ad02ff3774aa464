"""Use cases: queries returning frozen dataclasses, commands that write and record historique."""
