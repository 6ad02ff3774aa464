"""Child processes for the fault tests: they write through the services and print one ack per commit.

Run as `python child.py BEHAVIOUR DB [ARGS...]`. Every line is flushed at once, so that an ack
the parent has read was printed after the commit returned: a lost ack is a lost change.
"""

from __future__ import annotations

import datetime as dt
import resource
import signal
import sys
import time
from pathlib import Path

from suivi_tui.db.errors import EcritureImpossible
from suivi_tui.db.opening import open_database

JOUR = dt.date(2021, 3, 15)


def say(line: str) -> None:
    print(line, flush=True)


def pilotes(db_path: str, engagement_id: str, run: str) -> None:
    """Single-row changes (changer_pilote) forever, each acked with its counter."""
    from suivi_tui.services.edition import changer_pilote

    db = open_database(Path(db_path))
    say("pret")
    i = 0
    while True:
        i += 1
        changer_pilote(db, int(engagement_id), f"pilote-{run}-{i}")
        say(f"ack {i}")


def multi(db_path: str, prefix: str, pause: str) -> None:
    """Multi-row changes (engagement + 3 échéances + note + historique) with a pause inside each."""
    from suivi_tui.db.models import Echeance, Engagement, Note
    from suivi_tui.services.edition import historiser
    from suivi_tui.services.seances.tenue import seance_du_jour
    from suivi_tui.today import now_utc

    db = open_database(Path(db_path))
    with db.lire() as lecture:
        axe_id, partie_id = lecture.execute("SELECT axe_id, partie_id FROM engagement ORDER BY id LIMIT 1").one()
        comite_id = lecture.execute("SELECT id FROM comite ORDER BY id LIMIT 1").scalar()
    say("pret")
    k = 0
    while True:
        k += 1
        tag = f"{prefix}-{k}"
        with db.write() as session:
            now = now_utc()
            eng = Engagement(axe_id=axe_id, partie_id=partie_id, ordre=999, libelle=tag, cree_le=now, modifie_le=now)
            session.add(eng)
            session.flush()
            for mois in (3, 6, 9):
                session.add(Echeance(engagement_id=eng.id, libelle=tag, date=f"2021-{mois:02d}-28"))
            seance_id, _ = seance_du_jour(session, comite_id, JOUR)
            session.add(Note(comite_id=comite_id, seance_id=seance_id, engagement_id=eng.id, texte=tag, cree_le=now))
            session.flush()
            say(f"dedans {k}")
            time.sleep(float(pause))
            historiser(session, eng.id, "libelle", None, tag)
        say(f"ack {k}")


def notes(db_path: str, comite_id: str, prefix: str, count: str, fsize: str = "0") -> None:
    """Notes of 4 KiB; with fsize, under RLIMIT_FSIZE (SIGXFSZ ignored, so writes fail with EFBIG)."""
    from suivi_tui.services.edition import ajouter_note

    db = open_database(Path(db_path))
    if int(fsize):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(fsize), resource.RLIM_INFINITY))
    say("pret")
    refus = 0
    for i in range(1, int(count) + 1):
        try:
            ajouter_note(db, int(comite_id), f"{prefix}-{i} " + "x" * 4096)
        except EcritureImpossible as exc:
            refus += 1
            say(f"refus {i} {exc.message}")
            if refus >= 3:
                break
            continue
        say(f"ack {i}")
    db.close()
    say("fin")


def echeances(db_path: str, engagement_id: str, prefix: str, count: str) -> None:
    """Two-row changes (échéance + its historique row) as fast as possible."""
    from suivi_tui.services.edition import ajouter_echeance

    db = open_database(Path(db_path))
    say("pret")
    for i in range(1, int(count) + 1):
        ajouter_echeance(db, int(engagement_id), JOUR, "jour", f"{prefix}-{i}")
        say(f"ack {i}")
    say("fin")


def snapshots(db_path: str, folder: str) -> None:
    """Verified snapshots forever (for SIGTERM: no temporary file may stay behind)."""
    from suivi_tui.db.backup import snapshot_file
    from suivi_tui.signals import install_signal_handlers

    install_signal_handlers()
    say("pret")
    i = 0
    while True:
        i += 1
        snapshot_file(Path(db_path), Path(folder) / f"copie-{i}.db")
        say(f"ack {i}")


def tient(db_path: str, secondes: str) -> None:
    """Hold the write lock for a while (a long transaction in another instance)."""
    db = open_database(Path(db_path))
    from sqlalchemy import text

    with db.write() as session:
        session.execute(text("UPDATE reglage SET valeur = valeur"))
        say("verrou")
        time.sleep(float(secondes))
    say("fin")


def migre(db_path: str, step: str) -> None:
    """Run one migration file (version 2) on a version-1 base; the file may be slow on purpose."""
    from suivi_tui.db.opening import migrate
    from suivi_tui.db.schema import Migration

    say("migration")
    migrate(Path(db_path), 1, [Migration(2, Path(step))], target=2)
    say("fin")


BEHAVIOURS = {f.__name__: f for f in (pilotes, multi, notes, echeances, snapshots, tient, migre)}

if __name__ == "__main__":
    BEHAVIOURS[sys.argv[1]](*sys.argv[2:])
