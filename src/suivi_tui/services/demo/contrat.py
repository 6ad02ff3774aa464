"""One generated contrat as plain rows: structure from the annex, then a realistic follow-up."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from suivi_tui.annexe import AnnexeLue
from suivi_tui.dates import NOMS_MOIS, fin_de_periode, format_echeance
from suivi_tui.services.demo import textes as t
from suivi_tui.services.demo.textes import Ville


@dataclass(frozen=True)
class Periode:
    """The dates a generated contrat lives by: a 2020-2022 protocole, or a contrat « Quartiers 2030 »."""

    debut: dt.date
    fin: dt.date
    fin_suivi: dt.date  # the data stop here (séances, changes)
    revue: dt.date  # the mid-term review the statuts reflect: past échéances are mostly done by then
    echeances: tuple[dt.date, dt.date]  # the span échéances fall in (they run past the data)
    a_discuter_apres: dt.date  # points put on the agenda lately

    @property
    def annees_suivies(self) -> range:
        return range(self.debut.year, self.fin_suivi.year + 1)


PROTOCOLE = Periode(
    dt.date(2020, 1, 1),
    dt.date(2022, 12, 31),
    dt.date(2022, 12, 31),
    dt.date(2022, 6, 30),
    (dt.date(2020, 3, 1), dt.date(2023, 12, 31)),
    dt.date(2022, 9, 1),
)
DEBUT, FIN = PROTOCOLE.debut, PROTOCOLE.fin
STATUTS = ("a_venir", "en_cours", "realise", "en_pause", "bloque", "abandonne")
POIDS_STATUTS = (30, 35, 20, 7, 5, 3)
# The statuts an engagement went through before its current one.
PARCOURS = {
    "a_venir": (),
    "en_cours": ("en_cours",),
    "realise": ("en_cours", "realise"),
    "en_pause": ("en_cours", "en_pause"),
    "bloque": ("en_cours", "bloque"),
    "abandonne": ("abandonne",),
}
# Meetings held by video call in those periods.
CONFINEMENTS = ((dt.date(2020, 3, 17), dt.date(2020, 5, 11)), (dt.date(2020, 10, 30), dt.date(2020, 12, 15)))
PRECISIONS = ("jour", "mois", "trimestre", "semestre", "annee")
POIDS_PRECISIONS = (30, 25, 20, 10, 15)
TABLES = ("contrat", "partie", "axe", "engagement", "echeance", "comite", "seance", "note", "historique")


@dataclass
class Lignes:
    """Rows to insert, per table, in the column order of demo.INSERTS; next free id per table."""

    prochain: dict[str, int]
    rows: dict[str, list[tuple[object, ...]]] = field(default_factory=lambda: {n: [] for n in TABLES})

    def reserver(self, table: str) -> int:
        """The next id of table, for a row written later (once everything it holds is known)."""
        ident = self.prochain[table]
        self.prochain[table] = ident + 1
        return ident

    def poser(self, table: str, ident: int, *valeurs: object) -> None:
        self.rows[table].append((ident, *valeurs))

    def lier(self, table: str, *valeurs: object) -> None:
        """A row of a table without an id of its own (a link: an action and an objective it serves)."""
        self.rows[table].append(valeurs)

    def ajouter(self, table: str, *valeurs: object) -> int:
        ident = self.reserver(table)
        self.poser(table, ident, *valeurs)
        return ident

    def vider(self) -> None:
        for liste in self.rows.values():
            liste.clear()


@dataclass
class _Engagement:
    id: int
    axe_id: int
    partie_id: int
    ordre: int
    libelle: str
    axe_ordre: int
    partie: str  # nom_court
    cree_le: str
    statut: str = "a_venir"
    pilote: str | None = None
    a_discuter: int = 0
    modifie_le: str = ""


@dataclass
class _Contexte:
    """What every step of one contrat's generation draws from."""

    rng: random.Random
    lignes: Lignes
    ville: Ville
    bailleur: tuple[str, str]
    equipes: dict[str, list[str]]
    seances: list[tuple[int, int, dt.date, tuple[int, ...]]] = field(default_factory=list)  # id, comité, jour, axes
    periode: Periode = PROTOCOLE

    def instant(self, jour: dt.date, minute: int | None = None) -> str:
        m = self.rng.randrange(8 * 60, 19 * 60) if minute is None else minute
        return f"{jour.isoformat()}T{m // 60:02d}:{m % 60:02d}:00Z"

    def jour(self, debut: dt.date, fin: dt.date) -> dt.date:
        return debut + dt.timedelta(days=self.rng.randint(0, max(0, (fin - debut).days)))


def generer_contrat(
    rng: random.Random, lignes: Lignes, annexe: AnnexeLue, ville: Ville, titre: str, source: str
) -> None:
    """Append one contrat (structure, comités, séances, follow-up, notes) to lignes."""
    ctx = _Contexte(rng, lignes, ville, rng.choice(t.BAILLEURS), {})
    importe = ctx.instant(ctx.jour(dt.date(2020, 1, 6), dt.date(2020, 1, 31)))
    sha = hashlib.sha256(f"{source}|{titre}".encode()).hexdigest()
    contrat_id = lignes.ajouter("contrat", titre, ville.nom, DEBUT.isoformat(), FIN.isoformat(), source, sha, importe)
    engagements = _structure(ctx, contrat_id, annexe, importe)
    _comites(ctx, contrat_id, annexe)
    for e in engagements:
        _suivre(ctx, e)
        _poser_engagement(lignes, e)
    _notes(ctx, engagements)


def _adapter(texte: str, ctx: _Contexte) -> str:
    """The annex's Antony-specific words replaced by this city's."""
    nom, sigle = ctx.bailleur
    return (
        texte.replace("Hauts de Bièvre Habitat, HBH", f"{nom}, {sigle}")
        .replace("Hauts de Bièvre Habitat", nom)
        .replace("HBH", sigle)
        .replace("dans les Hauts-de-Seine", ctx.ville.dans_departement)
        .replace("d'Antony", ctx.ville.de_ville)
        .replace("Antony", ctx.ville.nom)
    )


def _tiers(ctx: _Contexte) -> tuple[str, str] | None:
    """Some contrats have a third signing partie: (nom, nom_court)."""
    tirage = ctx.rng.random()
    if tirage < 0.20:
        return f"Département {ctx.ville.du_departement}", "Département"
    if tirage < 0.35:
        return f"Bailleurs sociaux {ctx.ville.de_ville}", "Bailleurs"
    return None


def _structure(ctx: _Contexte, contrat_id: int, annexe: AnnexeLue, importe: str) -> list[_Engagement]:
    parties = [(_adapter(p.nom, ctx), p.nom_court) for p in annexe.parties]
    tiers = _tiers(ctx)
    if tiers:
        parties.append(tiers)
    ids = {
        court: ctx.lignes.ajouter("partie", contrat_id, nom, court, ordre)
        for ordre, (nom, court) in enumerate(parties, start=1)
    }
    ctx.equipes = {court: _equipe(ctx.rng, court) for court in ids}
    engagements = []
    for axe in annexe.axes:
        axe_id = ctx.lignes.ajouter("axe", contrat_id, axe.numero, axe.ordre, axe.titre)
        textes = [(annexe.parties[e.partie_ordre - 1].nom_court, _adapter(e.libelle, ctx)) for e in axe.engagements]
        if tiers:
            propres = t.ENGAGEMENTS_TIERS[tiers[1]].get(axe.ordre, ())
            choisis = ctx.rng.sample(propres, ctx.rng.randint(0, len(propres)))
            textes += [
                (tiers[1], s.format(quartier=ctx.rng.choice(ctx.ville.quartiers), de_ville=ctx.ville.de_ville))
                for s in choisis
            ]
        for ordre, (court, libelle) in enumerate(textes, start=1):
            if ctx.rng.random() < 0.15:
                libelle += f" (quartier {ctx.rng.choice(ctx.ville.quartiers)})"
            engagements.append(
                _Engagement(
                    ctx.lignes.reserver("engagement"), axe_id, ids[court], ordre, libelle, axe.ordre, court, importe
                )
            )
    return engagements


def _equipe(rng: random.Random, court: str, catalogue: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The few people or services who pilot a partie's engagements in one contrat."""
    catalogue = catalogue or t.SERVICES
    services = catalogue.get(court, t.SERVICES["Ville"])
    equipe = []
    for _ in range(rng.randint(2, 5)):
        service = rng.choice(services)
        if rng.random() < 0.75:
            equipe.append(f"{rng.choice(t.PRENOMS)} {rng.choice(t.NOMS)} ({service})")
        else:
            equipe.append(service[0].upper() + service[1:])
    return equipe


def _comites(ctx: _Contexte, contrat_id: int, annexe: AnnexeLue) -> None:
    choisis = [(c.nom, c.description, _axes_annexe(c.nom)) for c in annexe.comites]
    choisis += ctx.rng.sample(t.COMITES, ctx.rng.choices((0, 1, 2), (30, 40, 30))[0])
    for nom, description, axes in choisis:
        comite(ctx, contrat_id, nom, description, axes)


def comite(ctx: _Contexte, contrat_id: int, nom: str, description: str, axes: tuple[int, ...]) -> None:
    """A comité and its séances, about monthly (the comité de pilotage less often) over the years followed."""
    comite_id = ctx.lignes.ajouter("comite", contrat_id, nom, description)
    absence = 0.6 if nom == "Comité de pilotage" else 0.15
    for annee in ctx.periode.annees_suivies:
        for mois in range(1, 13):
            if mois == 8 or ctx.rng.random() < absence:
                continue
            jour = _jour_ouvre(dt.date(annee, mois, ctx.rng.randint(3, 24)))
            if jour > ctx.periode.fin_suivi:
                continue
            seance_id = ctx.lignes.ajouter("seance", comite_id, jour.isoformat(), *_lieu(ctx, jour))
            ctx.seances.append((seance_id, comite_id, jour, axes))


def _axes_annexe(nom: str) -> tuple[int, ...]:
    return next((axes for debut, axes in t.AXES_COMITES_ANNEXE.items() if nom.startswith(debut)), (1, 2, 3, 4, 5, 6))


def _jour_ouvre(jour: dt.date) -> dt.date:
    return jour + dt.timedelta(days=8 - jour.isoweekday() if jour.isoweekday() > 5 else 0)


def _lieu(ctx: _Contexte, jour: dt.date) -> tuple[str, str]:
    confinement = any(debut <= jour <= fin for debut, fin in CONFINEMENTS)
    champs = {"quartier": ctx.rng.choice(ctx.ville.quartiers), "bailleur": ctx.bailleur[0]}
    lieu = "Visioconférence" if confinement else ctx.rng.choice(t.LIEUX).format(**champs)
    return lieu, ctx.rng.choice(t.PARTICIPANTS).format(**champs)


def _moments(ctx: _Contexte, axe_ordre: int, n: int, apres: dt.date) -> list[tuple[dt.date, int | None]]:
    """n dated changes after a date, most of them made during a séance of a comité of that axe."""
    seances = [(s, d) for s, _, d, axes in ctx.seances if axe_ordre in axes and d > apres]
    found: list[tuple[dt.date, int | None]] = []
    for _ in range(n):
        if seances and ctx.rng.random() < 0.6:
            seance_id, jour = ctx.rng.choice(seances)
            found.append((jour, seance_id))
        else:
            found.append((ctx.jour(apres + dt.timedelta(days=1), ctx.periode.fin_suivi), None))
    return sorted(found, key=lambda m: (m[0], m[1] or 0))


def _historiser(
    ctx: _Contexte,
    e: _Engagement,
    champ: str,
    ancien: str | None,
    nouveau: str | None,
    moment: tuple[dt.date, int | None],
    echeance_id: int | None = None,
    minute: int | None = None,
) -> None:
    le = ctx.instant(moment[0], minute)
    ctx.lignes.ajouter("historique", e.id, echeance_id, champ, ancien, nouveau, le, moment[1])
    e.modifie_le = max(e.modifie_le, le)


def _poser_engagement(lignes: Lignes, e: _Engagement, *fiche: object) -> None:
    """The engagement's row once followed; a fiche action's columns (Quartiers 2030) after the common ones."""
    lignes.poser(
        "engagement",
        e.id,
        e.axe_id,
        e.partie_id,
        e.ordre,
        e.libelle,
        e.statut,
        e.pilote,
        e.a_discuter,
        e.cree_le,
        e.modifie_le,
        *fiche,
    )


def _suivre(ctx: _Contexte, e: _Engagement) -> None:
    """Statut, pilote, à discuter and échéances, each change written to historique."""
    rng, depart = ctx.rng, dt.date.fromisoformat(e.cree_le[:10])
    e.modifie_le = e.cree_le
    final = rng.choices(STATUTS, POIDS_STATUTS)[0]
    if rng.random() < (0.45 if final == "a_venir" else 0.95):
        pilotes = ctx.equipes[e.partie]
        moments = _moments(ctx, e.axe_ordre, 2, depart)
        e.pilote = rng.choice(pilotes)
        _historiser(ctx, e, "pilote", None, e.pilote, moments[0])
        if rng.random() < 0.1 and len(pilotes) > 1:
            nouveau = rng.choice([p for p in pilotes if p != e.pilote])
            _historiser(ctx, e, "pilote", e.pilote, nouveau, moments[1])
            e.pilote = nouveau
    ancien = "a_venir"
    parcours = zip(PARCOURS[final], _moments(ctx, e.axe_ordre, len(PARCOURS[final]), depart), strict=True)
    for rang, (statut, moment) in enumerate(parcours):
        # Two steps on the same day keep their order: the second is written later that day.
        _historiser(ctx, e, "statut", ancien, statut, moment, minute=10 * 60 + 90 * rang)
        ancien = e.statut = statut
    if rng.random() < 0.06:
        e.a_discuter = 1
        _historiser(ctx, e, "a_discuter", "0", "1", _moments(ctx, e.axe_ordre, 1, ctx.periode.a_discuter_apres)[0])
    for _ in range(rng.choices((0, 1, 2, 3), (15, 40, 30, 15))[0]):
        _echeance(ctx, e, depart)


def _echeance(ctx: _Contexte, e: _Engagement, depart: dt.date) -> None:
    rng = ctx.rng
    precision = rng.choices(PRECISIONS, POIDS_PRECISIONS)[0]
    fin_suivi = ctx.periode.fin_suivi
    date = fin_de_periode(ctx.jour(*ctx.periode.echeances), precision)
    libelle = rng.choice(t.ECHEANCES)
    ajout = (ctx.jour(depart + dt.timedelta(days=1), min(date, fin_suivi) - dt.timedelta(days=20)), None)
    faite = None
    if e.statut == "realise" or rng.random() < (0.6 if date <= ctx.periode.revue else 0.05):
        jour = date + dt.timedelta(days=rng.randint(-45, 30))
        faite = min(max(jour, ajout[0] + dt.timedelta(days=1)), fin_suivi)
    ident = ctx.lignes.ajouter(
        "echeance", e.id, libelle, date.isoformat(), precision, faite.isoformat() if faite else None
    )
    quand = format_echeance(date, precision)
    if rng.random() < 0.08 and precision != "annee":
        # Postponed once: first set a period earlier, then moved to its date.
        avant = fin_de_periode(date - dt.timedelta(days=rng.randint(40, 200)), precision)
        _historiser(
            ctx, e, "echeance.ajout", None, f"{format_echeance(avant, precision)} {libelle}".strip(), ajout, ident
        )
        moment = (ctx.jour(ajout[0], max(ajout[0], min(avant, fin_suivi))), None)
        _historiser(ctx, e, "echeance.date", format_echeance(avant, precision), quand, moment, ident)
    else:
        _historiser(ctx, e, "echeance.ajout", None, f"{quand} {libelle}".strip(), ajout, ident)
    if faite is not None:
        _historiser(ctx, e, "echeance.faite", None, faite.isoformat(), (faite, None), ident)


def _notes(ctx: _Contexte, engagements: Sequence[_Engagement]) -> None:
    """About 575 notes per contrat, spread over its séances; about 5 % are confidential."""
    rng = ctx.rng
    par_axe: dict[int, list[int]] = {}
    for e in engagements:
        par_axe.setdefault(e.axe_ordre, []).append(e.id)
    moyenne = rng.randint(500, 650) / max(1, len(ctx.seances))
    bas, haut = max(1, round(moyenne * 0.5)), max(1, round(moyenne * 1.5))
    for seance_id, comite_id, jour, axes in ctx.seances:
        liees = [i for a in axes for i in par_axe.get(a, ())]
        for k in range(rng.randint(bas, haut)):
            type_ = rng.choices(("info", "decision", "action"), (55, 20, 25))[0]
            confidentielle = rng.random() < 0.05
            engagement = rng.choice(liees) if liees and rng.random() < 0.8 else None
            texte = _texte(ctx, type_, jour, confidentielle)
            ctx.lignes.ajouter(
                "note",
                comite_id,
                seance_id,
                engagement,
                type_,
                texte,
                int(confidentielle),
                ctx.instant(jour, 9 * 60 + 3 * k),
            )


def _texte(ctx: _Contexte, type_: str, jour: dt.date, confidentielle: bool) -> str:
    rng = ctx.rng
    phrases = rng.sample(t.PHRASES[type_], rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0])
    if confidentielle:
        phrases[0] = rng.choice(t.CONFIDENTIELLES)
    champs = _Champs(ctx, jour)
    return " ".join(_majuscule(p.format_map(champs)) for p in phrases)


class _Champs(dict[str, object]):
    """A note's fields, drawn only when one of its sentences uses them (most use one or two)."""

    def __init__(self, ctx: _Contexte, jour: dt.date) -> None:
        super().__init__()
        self.ctx, self.jour = ctx, jour

    def __missing__(self, cle: str) -> object:
        valeur = _TIRAGES[cle](self.ctx, self.jour)
        self[cle] = valeur
        return valeur


def _periode(ctx: _Contexte, jour: dt.date) -> str:
    precision = ctx.rng.choice(("mois", "trimestre"))
    return format_echeance(fin_de_periode(jour + dt.timedelta(days=ctx.rng.randint(30, 300)), precision), precision)


_TIRAGES: dict[str, Callable[[_Contexte, dt.date], object]] = {
    "quartier": lambda ctx, jour: ctx.rng.choice(ctx.ville.quartiers),
    "pilote": lambda ctx, jour: ctx.rng.choice(ctx.equipes["Ville"]),
    "partenaire": lambda ctx, jour: ctx.rng.choice(t.PARTENAIRES),
    "nombre": lambda ctx, jour: ctx.rng.randint(3, 120),
    "nombre2": lambda ctx, jour: ctx.rng.randint(1, 15),
    "mois": lambda ctx, jour: NOMS_MOIS[jour.month - 1],
    "annee": lambda ctx, jour: jour.year,
    "bailleur": lambda ctx, jour: ctx.bailleur[0],
    "periode": _periode,
    "resident": lambda ctx, jour: (
        f"{ctx.rng.choice(t.RESIDENTS_CIVILITE)} {ctx.rng.choice(t.PRENOMS)} {ctx.rng.choice(t.NOMS)}"
    ),
}


def _majuscule(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]
