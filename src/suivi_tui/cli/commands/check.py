"""`suivi check`: integrity, schema version, where the data and the backups are."""

from __future__ import annotations

import argparse
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.ouverture import open_db
from suivi_tui.texte import pluriel, taille


def register(commands: Any) -> None:
    add_command(
        commands,
        "check",
        "vérifier la base : intégrité, version du schéma, emplacement des données",
        "suivi --db antony.db check",
        run_check,
    )


def run_check(args: argparse.Namespace) -> int:
    from suivi_tui.db.diagnostic import diagnostiquer
    from suivi_tui.db.schema import schema_version
    from suivi_tui.paths import backups_dir, storage_warning

    db = open_db(args)
    try:
        diagnostic = diagnostiquer(db)
    finally:
        db.close()
    integrity = diagnostic.integrite
    size = db.path.stat().st_size
    print(f"Base : {db.path} ({taille(size)})")
    print(f"Schéma : version {diagnostic.version} (cette version de suivi écrit la {schema_version()})")
    print(f"Intégrité : {'ok' if integrity == ['ok'] else '; '.join(integrity[:5])}")
    fk = diagnostic.references_cassees
    print(f"Références : {'ok' if not fk else f'{fk} référence(s) cassée(s)'}")
    noms = {"echeance": "échéance", "seance": "séance", "historique": "modification"}
    print("Contenu : " + ", ".join(pluriel(n, noms.get(t, t)) for t, n in diagnostic.lignes.items()))
    folder = backups_dir(db.path)
    backups = sorted(folder.glob("*.db")) if folder.is_dir() else []
    print(
        f"Sauvegardes : {folder} ({len(backups)} fichier(s)"
        + (f", la plus récente : {backups[-1].name})" if backups else ")")
    )
    warning = storage_warning(db.path)
    if warning:
        print(warning)
    return 0 if diagnostic.sain else 1
