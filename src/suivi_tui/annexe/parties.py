"""Reconnaître les parties signataires : nom normalisé, nom court, même partie d'un axe à l'autre."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .balisage import majuscule, plier

_NOMS_COURTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("etat", "prefet", "prefecture", "sous-prefe", "services de l'etat"), "État"),
    (("ville", "commune", "mairie", "municipalite"), "Ville"),
    (("departement", "conseil departemental", "conseil general"), "Département"),
    (("region", "conseil regional"), "Région"),
    (("etablissement public territorial", "ept"), "EPT"),
    (
        (
            "communaute d'agglomeration",
            "communaute de communes",
            "communaute urbaine",
            "metropole",
            "etablissement public de cooperation intercommunale",
            "epci",
            "intercommunalite",
        ),
        "Intercommunalité",
    ),
    (("bailleurs", "organismes hlm", "organismes de logement social"), "Bailleurs"),
    (("bailleur", "office public de l'habitat", "oph"), "Bailleur"),
    (("caisse d'allocations familiales", "caf"), "CAF"),
    (("caisse primaire d'assurance maladie", "cpam"), "CPAM"),
    (("agence regionale de sante", "ars"), "ARS"),
    (("pole emploi",), "Pôle emploi"),
    (("france travail",), "France Travail"),
    (("missions locales", "mission locale"), "Mission locale"),
    (("education nationale", "academie", "rectorat"), "Éducation nationale"),
    (("banque des territoires", "caisse des depots"), "Banque des Territoires"),
    (("chambre de commerce", "cci"), "CCI"),
    (("chambre de metiers", "cma"), "CMA"),
    (("procureur", "parquet", "tribunal"), "Justice"),
)
_MOTS_VIDES = {"le", "la", "les", "l", "de", "du", "des", "d", "ses", "son", "sa", "leurs", "leur", "et", "en"}
_RE_ARTICLE = re.compile(r"^(?:(?:la|le|les)\s+|l['’]\s*)", re.IGNORECASE)
_RE_CONJOINT = re.compile(r"\s*(?:,|\bet\b)\s+(?=(?:la|le|les)\s|l['’])", re.IGNORECASE)
_RE_ETAT = re.compile(r"^[ée]tat\b[\s,]*(?:et\s+(?:ses\s+)?)?(?P<reste>.*)$", re.IGNORECASE)
_RE_INCISE = re.compile(
    r"^(?:pour sa part|pour leur part|de son côté|de leur côté|dans ce cadre|à ce titre|en outre|par ailleurs)"
    r"\s*,\s*",
    re.IGNORECASE,
)
_VILLE_NUE = {"ville", "commune", "mairie", "municipalite"}


def _nom_court(nom: str) -> str:
    """Mot-clé connu d'abord (« Département », « CAF »…), sinon le premier mot significatif."""
    plie = plier(_RE_ARTICLE.sub("", nom))
    for cles, court in _NOMS_COURTS:
        if any(re.match(rf"{re.escape(cle)}\b", plie) for cle in cles):
            return court
    mots = re.findall(r"[\w-]+", _RE_ARTICLE.sub("", nom))
    significatif = next((m for m in mots if plier(m) not in _MOTS_VIDES), nom)
    return significatif if significatif.isupper() else majuscule(significatif)


def partie_connue(nom: str) -> bool:
    """« Ville d'Antony », « L'État », « Département des Hauts-de-Seine » : un nom de partie du modèle national."""
    plie = plier(_RE_ARTICLE.sub("", nom.strip()))
    return any(re.match(rf"{re.escape(cle)}\b", plie) for cles, _ in _NOMS_COURTS for cle in cles)


def _identite_partie(sujet: str) -> tuple[str, str, str]:
    """(nom, nom court, clé de rapprochement) d'une partie, à partir du sujet de « … s'engage à : »."""
    sujet = _RE_INCISE.sub("", sujet.strip())
    morceaux = _RE_CONJOINT.split(sujet)
    if len(morceaux) > 1:
        # Engagement commun (« L'Etat et la Ville ») : une partie à part entière, nommée d'après chacune.
        identites = [_identite_partie(m) for m in morceaux]
        nom = " et ".join(i[0] for i in identites)
        return nom, " et ".join(i[1] for i in identites), plier(nom)
    sans_article = _RE_ARTICLE.sub("", sujet)
    etat = _RE_ETAT.match(sans_article)
    if etat:
        reste = etat["reste"].strip(" ,")
        return (f"État ({reste})" if reste else "État"), "État", "etat"
    nom = majuscule(sans_article)
    court = _nom_court(nom)
    # Toutes les formes de l'État (« Le Préfet », « Les services de l'État ») sont une seule partie.
    return nom, court, "etat" if court == "État" else plier(nom)


@dataclass
class Partie:
    """Une partie en cours de lecture ; son nom peut encore se préciser (« La Ville » → « La ville de X »)."""

    cle: str
    nom: str
    nom_court: str
    ordre: int

    @property
    def nue(self) -> bool:
        """« La Ville » sans nom de commune : elle prendra le nom de la ville nommée plus loin."""
        return self.cle in _VILLE_NUE


def trouver_partie(parties: list[Partie], sujet: str) -> Partie:
    """La partie déjà lue sous ce nom, ou une nouvelle ; « La Ville » sans nom rejoint la seule ville nommée."""
    nom, court, cle = _identite_partie(sujet)
    connue = next((p for p in parties if p.cle == cle), None)
    if connue:
        return connue
    villes = [p for p in parties if p.nom_court == "Ville"]
    if court == "Ville" and len(villes) == 1:
        ville = villes[0]
        if cle in _VILLE_NUE:
            return ville
        if ville.nue:
            ville.nom, ville.cle = nom, cle
            return ville
    nouvelle = Partie(cle, nom, court, len(parties) + 1)
    parties.append(nouvelle)
    return nouvelle


def noms_courts_uniques(parties: list[Partie]) -> list[str]:
    """Deux villes (ou deux bailleurs) ne peuvent pas partager un nom court : on prend alors le nom."""
    compte = Counter(p.nom_court for p in parties)
    return [p.nom_court if compte[p.nom_court] == 1 else p.nom for p in parties]


_RE_FIN_DU_NOM = re.compile(r"\s*(?:\(|,|;|\s[–—-]\s)")


def partie_du_pilote(parties: list[Partie], pilote: str) -> Partie:
    """La partie d'une fiche action d'après son pilote (« Ville de X (direction de la petite enfance) »).

    Le nom s'arrête à la première précision (parenthèse, virgule, tiret) ; un signataire déjà lu
    sous le même nom ou le même nom court (« ARS », « CAF ») est repris plutôt que dédoublé.
    """
    tete = _RE_FIN_DU_NOM.split(pilote, maxsplit=1)[0].strip() or pilote
    _nom, court, cle = _identite_partie(tete)
    connue = next((p for p in parties if p.cle == cle), None)
    if connue:
        return connue
    meme_court = [p for p in parties if p.nom_court == court]
    if len(meme_court) == 1:
        return meme_court[0]
    return trouver_partie(parties, tete)
