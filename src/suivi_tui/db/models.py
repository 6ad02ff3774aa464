"""ORM models mapping schema.sql (tests/unit/test_schema.py fails if the two drift)."""

from __future__ import annotations

from sqlalchemy import REAL, ForeignKey, Integer, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# A version-4 UUID in SQL: schema.sql's DEFAULT of every uuid column (the same expression, spelled there).
UUID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))"
    " || '-4' || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)


def _uuid() -> Mapped[str]:
    """A row's stable identity: SQLite gives it on insert, the ORM reads it back when asked."""
    return mapped_column(Text, unique=True, server_default=text(UUID_SQL))


class BaseIdentite(Base):
    """The base's own identity (one row)."""

    __tablename__ = "base"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(Text, unique=True)
    cree_le: Mapped[str] = mapped_column(Text)


class Contrat(Base):
    __tablename__ = "contrat"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    titre: Mapped[str] = mapped_column(Text, unique=True)
    territoire: Mapped[str] = mapped_column(Text)
    debut: Mapped[str | None] = mapped_column(Text)
    fin: Mapped[str | None] = mapped_column(Text)
    source_nom: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(Text)
    importe_le: Mapped[str] = mapped_column(Text)
    uuid: Mapped[str] = _uuid()


class Partie(Base):
    __tablename__ = "partie"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id", ondelete="CASCADE"))
    nom: Mapped[str] = mapped_column(Text)
    nom_court: Mapped[str] = mapped_column(Text)
    ordre: Mapped[int] = mapped_column(Integer)


class Axe(Base):
    __tablename__ = "axe"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id", ondelete="CASCADE"))
    numero: Mapped[str] = mapped_column(Text)
    ordre: Mapped[int] = mapped_column(Integer)
    titre: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("axe.id", ondelete="RESTRICT"))  # None: a root
    niveau: Mapped[str] = mapped_column(Text, server_default="Axe")  # « Enjeu », « Objectif opérationnel »…


class Engagement(Base):
    __tablename__ = "engagement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    axe_id: Mapped[int] = mapped_column(ForeignKey("axe.id", ondelete="RESTRICT"))
    partie_id: Mapped[int] = mapped_column(ForeignKey("partie.id", ondelete="RESTRICT"))
    ordre: Mapped[int] = mapped_column(Integer)
    libelle: Mapped[str] = mapped_column(Text)
    statut: Mapped[str] = mapped_column(Text, server_default="a_venir")
    pilote: Mapped[str | None] = mapped_column(Text)
    a_discuter: Mapped[int] = mapped_column(Integer, server_default="0")
    cree_le: Mapped[str] = mapped_column(Text)
    modifie_le: Mapped[str] = mapped_column(Text)
    a_discuter_comite_id: Mapped[int | None] = mapped_column(ForeignKey("comite.id", ondelete="SET NULL"))
    uuid: Mapped[str] = _uuid()
    partenaires: Mapped[str | None] = mapped_column(Text)  # a fiche action's fields
    calendrier: Mapped[str | None] = mapped_column(Text)


class Echeance(Base):
    __tablename__ = "echeance"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"))
    libelle: Mapped[str] = mapped_column(Text, server_default="")
    date: Mapped[str] = mapped_column(Text)
    precision: Mapped[str] = mapped_column(Text, server_default="jour")
    faite_le: Mapped[str | None] = mapped_column(Text)
    uuid: Mapped[str] = _uuid()


class Comite(Base):
    __tablename__ = "comite"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id", ondelete="CASCADE"))
    nom: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, server_default="")


class Seance(Base):
    __tablename__ = "seance"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comite_id: Mapped[int] = mapped_column(ForeignKey("comite.id", ondelete="RESTRICT"))
    date: Mapped[str] = mapped_column(Text)
    lieu: Mapped[str] = mapped_column(Text, server_default="")
    participants: Mapped[str] = mapped_column(Text, server_default="")
    uuid: Mapped[str] = _uuid()


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comite_id: Mapped[int] = mapped_column(ForeignKey("comite.id", ondelete="RESTRICT"))
    seance_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="RESTRICT"))  # None: hors séance
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(Text, server_default="info")
    texte: Mapped[str] = mapped_column(Text)
    confidentielle: Mapped[int] = mapped_column(Integer, server_default="0")
    cree_le: Mapped[str] = mapped_column(Text)
    uuid: Mapped[str] = _uuid()
    retour_id: Mapped[int | None] = mapped_column(ForeignKey("retour.id", ondelete="SET NULL"))


class PointTraite(Base):
    """An agenda point marked as treated in a séance."""

    __tablename__ = "point_traite"
    seance_id: Mapped[int] = mapped_column(ForeignKey("seance.id", ondelete="CASCADE"), primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"), primary_key=True)
    traite_le: Mapped[str] = mapped_column(Text)


class Historique(Base):
    __tablename__ = "historique"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"))
    echeance_id: Mapped[int | None] = mapped_column(ForeignKey("echeance.id", ondelete="SET NULL"))
    champ: Mapped[str] = mapped_column(Text)
    ancien: Mapped[str | None] = mapped_column(Text)
    nouveau: Mapped[str | None] = mapped_column(Text)
    le: Mapped[str] = mapped_column(Text)
    seance_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="SET NULL"))
    retour_id: Mapped[int | None] = mapped_column(ForeignKey("retour.id", ondelete="SET NULL"))


class Retour(Base):
    """A partner's answer to a fiche de suivi, imported: the source of the changes it made."""

    __tablename__ = "retour"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id", ondelete="CASCADE"))
    export_uuid: Mapped[str] = mapped_column(Text)
    exporte_le: Mapped[str] = mapped_column(Text)
    destinataire_genre: Mapped[str] = mapped_column(Text)
    destinataire: Mapped[str] = mapped_column(Text)
    fichier: Mapped[str] = mapped_column(Text)
    fichier_sha256: Mapped[str] = mapped_column(Text)
    importe_le: Mapped[str] = mapped_column(Text)


class Indicateur(Base):
    """An indicator of an engagement or of an axe node: what is measured, from where, towards what."""

    __tablename__ = "indicateur"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"))
    axe_id: Mapped[int | None] = mapped_column(ForeignKey("axe.id", ondelete="CASCADE"))
    ordre: Mapped[int] = mapped_column(Integer)
    libelle: Mapped[str] = mapped_column(Text)
    unite: Mapped[str] = mapped_column(Text, server_default="")
    reference: Mapped[float | None] = mapped_column(REAL)
    reference_annee: Mapped[int | None] = mapped_column(Integer)
    cible: Mapped[float | None] = mapped_column(REAL)
    cible_annee: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, server_default="")
    uuid: Mapped[str] = _uuid()


class Mesure(Base):
    """One dated value of an indicator."""

    __tablename__ = "mesure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicateur_id: Mapped[int] = mapped_column(ForeignKey("indicateur.id", ondelete="CASCADE"))
    date: Mapped[str] = mapped_column(Text)
    valeur: Mapped[float] = mapped_column(REAL)
    commentaire: Mapped[str] = mapped_column(Text, server_default="")
    seance_id: Mapped[int | None] = mapped_column(ForeignKey("seance.id", ondelete="SET NULL"))
    saisie_le: Mapped[str] = mapped_column(Text)


class Programmation(Base):
    """An action of a year's programmation: its porteur, its Dauphin file, its CPO."""

    __tablename__ = "programmation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contrat_id: Mapped[int] = mapped_column(ForeignKey("contrat.id", ondelete="CASCADE"))
    annee: Mapped[int] = mapped_column(Integer)
    porteur: Mapped[str] = mapped_column(Text)
    intitule: Mapped[str] = mapped_column(Text)
    dauphin: Mapped[str] = mapped_column(Text, server_default="")
    cpo: Mapped[str] = mapped_column(Text, server_default="")
    cree_le: Mapped[str] = mapped_column(Text)
    uuid: Mapped[str] = _uuid()


class ProgrammationObjectif(Base):
    """An objective (an axe node) an action of the programmation serves."""

    __tablename__ = "programmation_objectif"
    programmation_id: Mapped[int] = mapped_column(ForeignKey("programmation.id", ondelete="CASCADE"), primary_key=True)
    axe_id: Mapped[int] = mapped_column(ForeignKey("axe.id", ondelete="CASCADE"), primary_key=True)


class Financement(Base):
    """What one financeur was asked and granted for an action (centimes)."""

    __tablename__ = "financement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programmation_id: Mapped[int] = mapped_column(ForeignKey("programmation.id", ondelete="CASCADE"))
    financeur: Mapped[str] = mapped_column(Text)
    demande_centimes: Mapped[int | None] = mapped_column(Integer)
    accorde_centimes: Mapped[int | None] = mapped_column(Integer)


class Reglage(Base):
    __tablename__ = "reglage"
    cle: Mapped[str] = mapped_column(Text, primary_key=True)
    valeur: Mapped[str] = mapped_column(Text)
