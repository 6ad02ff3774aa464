"""The subcommands: each module registers one (parser, help with an example, handler)."""

from __future__ import annotations

import argparse

from suivi_tui.cli_commands import check, seed, status

REGISTRY = [seed.register, status.register, check.register]


def run_default(args: argparse.Namespace) -> int:
    """`suivi` with no command: open the app (seeding the bundled annexe on first run)."""
    return status.run_status(args, seed_if_new=True)
