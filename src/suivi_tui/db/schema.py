"""The schema text (schema.sql, shipped in the package) and the migrations that lead to it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

_VERSION = re.compile(r"^PRAGMA user_version\s*=\s*(\d+)\s*;", re.MULTILINE)
_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Tables every suivi database has; a SQLite file without them is someone else's database.
CORE_TABLES = frozenset(
    {"contrat", "partie", "axe", "engagement", "echeance", "comite", "seance", "note", "historique"}
)


@cache
def schema_sql() -> str:
    return resources.files("suivi_tui").joinpath("data/schema.sql").read_text(encoding="utf-8")


@cache
def schema_version() -> int:
    """The user_version that schema.sql sets: the version this app writes."""
    match = _VERSION.search(schema_sql())
    if match is None:
        raise RuntimeError("schema.sql ne fixe pas PRAGMA user_version")
    return int(match.group(1))


@dataclass(frozen=True)
class Migration:
    version: int  # the user_version the database has after this file ran
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def default_migrations_dir() -> Path:
    return Path(str(resources.files("suivi_tui").joinpath("db/migrations")))


def list_migrations(directory: Path | None = None) -> list[Migration]:
    """Numbered files NNNN_what.sql, in order; NNNN is the version they bring the base to."""
    folder = directory or default_migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")) if folder.is_dir() else []:
        match = _MIGRATION.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    return found
