"""The subcommands: each module registers one (parser, help with an example, handler); `suivi` alone is app.py."""

from __future__ import annotations

from suivi_tui.cli.commands import (
    backups,
    bilan,
    changes,
    check,
    demo,
    export,
    importer,
    programmation,
    restore,
    revue,
    seance,
    seed,
    status,
)

REGISTRY = [
    seed.register,
    status.register,
    check.register,
    export.register,
    importer.register,
    demo.register,
    seance.register,
    changes.register,
    bilan.register,
    revue.register,
    programmation.register,
    backups.register,
    restore.register,
]
