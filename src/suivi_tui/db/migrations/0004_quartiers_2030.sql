-- Schema 4: the contrats « Engagements Quartiers 2030 » (2024-2030).
--
-- - axe.parent_id and axe.niveau: the axes form a tree (enjeu → orientation → objectif opérationnel),
--   each node keeping the name the document gives its level. Every existing axe becomes a root of
--   niveau « Axe »: a 2020-2022 protocole is a tree of depth one, and nothing else changes.
-- - engagement.partenaires and engagement.calendrier: the fields of a fiche action (NULL elsewhere).
-- - indicateur and mesure: an indicator of an engagement or of an axe node (référence, cible, source)
--   and its dated values.
-- - programmation, programmation_objectif, financement: the yearly programmation of credits: an
--   action with its porteur, its Dauphin file, its CPO, the objectives it serves and, per financeur,
--   the amounts asked and granted (in centimes: sums stay exact).
--
-- Only additions (ALTER TABLE ADD COLUMN, new tables): every row and row id is kept, and so are the
-- full-text indexes; this step applies after version 3's (retours de fiches) and touches none of
-- its tables.

ALTER TABLE axe ADD COLUMN parent_id INTEGER REFERENCES axe(id) ON DELETE RESTRICT;
ALTER TABLE axe ADD COLUMN niveau TEXT NOT NULL DEFAULT 'Axe' CHECK (length(trim(niveau)) > 0);
ALTER TABLE engagement ADD COLUMN partenaires TEXT;
ALTER TABLE engagement ADD COLUMN calendrier TEXT;

CREATE TABLE indicateur (
    id              INTEGER PRIMARY KEY,
    engagement_id   INTEGER REFERENCES engagement(id) ON DELETE CASCADE,
    axe_id          INTEGER REFERENCES axe(id) ON DELETE CASCADE,
    ordre           INTEGER NOT NULL CHECK (ordre >= 1),
    libelle         TEXT NOT NULL CHECK (length(trim(libelle)) > 0),
    unite           TEXT NOT NULL DEFAULT '',
    reference       REAL,
    reference_annee INTEGER CHECK (reference_annee IS NULL OR reference_annee BETWEEN 1900 AND 2200),
    cible           REAL,
    cible_annee     INTEGER CHECK (cible_annee IS NULL OR cible_annee BETWEEN 1900 AND 2200),
    source          TEXT NOT NULL DEFAULT '',
    uuid            TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6)))),
    -- an indicator belongs to exactly one engagement or one axe node
    CHECK ((engagement_id IS NULL) != (axe_id IS NULL)),
    UNIQUE (engagement_id, libelle),
    UNIQUE (axe_id, libelle)
);

CREATE TABLE mesure (
    id            INTEGER PRIMARY KEY,
    indicateur_id INTEGER NOT NULL REFERENCES indicateur(id) ON DELETE CASCADE,
    date          TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    valeur        REAL NOT NULL,
    commentaire   TEXT NOT NULL DEFAULT '',
    seance_id     INTEGER REFERENCES seance(id) ON DELETE SET NULL,
    -- entering a value again for the same day corrects it (the service replaces it)
    saisie_le     TEXT NOT NULL CHECK (saisie_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
);

CREATE TABLE programmation (
    id         INTEGER PRIMARY KEY,
    contrat_id INTEGER NOT NULL REFERENCES contrat(id) ON DELETE CASCADE,
    annee      INTEGER NOT NULL CHECK (annee BETWEEN 1900 AND 2200),
    porteur    TEXT NOT NULL CHECK (length(trim(porteur)) > 0),
    intitule   TEXT NOT NULL CHECK (length(trim(intitule)) > 0),
    dauphin    TEXT NOT NULL DEFAULT '',
    cpo        TEXT NOT NULL DEFAULT '',
    cree_le    TEXT NOT NULL CHECK (cree_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6)))),
    -- importing the same table twice finds each action again
    UNIQUE (contrat_id, annee, porteur, intitule)
);

CREATE TABLE programmation_objectif (
    programmation_id INTEGER NOT NULL REFERENCES programmation(id) ON DELETE CASCADE,
    axe_id           INTEGER NOT NULL REFERENCES axe(id) ON DELETE CASCADE,
    PRIMARY KEY (programmation_id, axe_id)
);

CREATE TABLE financement (
    id               INTEGER PRIMARY KEY,
    programmation_id INTEGER NOT NULL REFERENCES programmation(id) ON DELETE CASCADE,
    financeur        TEXT NOT NULL CHECK (length(trim(financeur)) > 0),
    demande_centimes INTEGER CHECK (demande_centimes IS NULL OR demande_centimes >= 0),
    accorde_centimes INTEGER CHECK (accorde_centimes IS NULL OR accorde_centimes >= 0),
    UNIQUE (programmation_id, financeur)
);

CREATE INDEX axe_par_parent ON axe (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX indicateur_par_engagement ON indicateur (engagement_id) WHERE engagement_id IS NOT NULL;
CREATE INDEX indicateur_par_axe ON indicateur (axe_id) WHERE axe_id IS NOT NULL;
CREATE INDEX mesure_par_indicateur ON mesure (indicateur_id, date);
CREATE INDEX programmation_par_contrat ON programmation (contrat_id, annee);
CREATE INDEX programmation_objectif_par_axe ON programmation_objectif (axe_id);

-- A parent is an axe of the same contrat, never the axe itself (a cycle would hide its branch); a parent
-- that does not exist is the foreign key's to refuse.
CREATE TRIGGER axe_parent_du_contrat_ai BEFORE INSERT ON axe
WHEN new.parent_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM axe p WHERE p.id = new.parent_id AND p.contrat_id != new.contrat_id)
BEGIN
    SELECT RAISE(ABORT, 'axe.parent_id: le parent appartient à un autre contrat');
END;
CREATE TRIGGER axe_parent_du_contrat_au BEFORE UPDATE OF parent_id, contrat_id ON axe
WHEN new.parent_id IS NOT NULL
 AND (new.parent_id = new.id
      OR EXISTS (SELECT 1 FROM axe p WHERE p.id = new.parent_id AND p.contrat_id != new.contrat_id))
BEGIN
    SELECT RAISE(ABORT, 'axe.parent_id: le parent appartient à un autre contrat, ou est l''axe lui-même');
END;
