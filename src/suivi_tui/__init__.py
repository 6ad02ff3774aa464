"""suivi: follow a contrat de ville from the keyboard (kept import-free so the CLI starts fast)."""

__version__ = "0.1.0"
