-- suivi: the schema of a contrat de ville database (a public interface, see README « Schéma »).
--
-- This file is the complete, current schema: a new database is created from it, and
-- src/suivi_tui/db/migrations/NNNN_*.sql bring an older database up to it. The ORM
-- (src/suivi_tui/db/models.py) maps it; tests/unit/test_schema.py fails if they drift.
--
-- Conventions: dates are ISO text YYYY-MM-DD (checked with date(x, '+0 days') IS x: the modifier normalises, so it rejects
-- 2021-02-30); instants are ISO UTC text YYYY-MM-DDTHH:MM:SSZ; booleans are 0/1.
--
-- Identities: every row that leaves the base (contrat, engagement, échéance, séance, note) has a
-- random UUID (version 4, lowercase text), given by SQLite itself when a row is inserted without
-- one, and never changed: calendars, returned workbooks and a colleague's copy match rows by it,
-- not by id or text. The base has one too (table base), kept by its copies.

PRAGMA user_version = 3;

-- The base's own identity: one row, written when the base is created (or migrated to version 2).
CREATE TABLE base (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    uuid    TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    cree_le TEXT NOT NULL CHECK (cree_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
);
INSERT INTO base (id, uuid, cree_le)
    VALUES (1, (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
            || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
            || '-' || lower(hex(randomblob(6)))),
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

CREATE TABLE contrat (
    id            INTEGER PRIMARY KEY,
    titre         TEXT NOT NULL UNIQUE CHECK (length(trim(titre)) > 0),
    territoire    TEXT NOT NULL,
    debut         TEXT CHECK (debut IS NULL OR date(debut, '+0 days') IS debut),
    fin           TEXT CHECK (fin IS NULL OR date(fin, '+0 days') IS fin),
    source_nom    TEXT NOT NULL,
    source_sha256 TEXT NOT NULL CHECK (length(source_sha256) = 64),
    importe_le    TEXT NOT NULL CHECK (importe_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6))))
);

CREATE TABLE partie (
    id         INTEGER PRIMARY KEY,
    contrat_id INTEGER NOT NULL REFERENCES contrat(id) ON DELETE CASCADE,
    nom        TEXT NOT NULL CHECK (length(trim(nom)) > 0),
    nom_court  TEXT NOT NULL CHECK (length(trim(nom_court)) > 0),
    ordre      INTEGER NOT NULL CHECK (ordre >= 1),
    UNIQUE (contrat_id, nom)
);

CREATE TABLE axe (
    id         INTEGER PRIMARY KEY,
    contrat_id INTEGER NOT NULL REFERENCES contrat(id) ON DELETE CASCADE,
    numero     TEXT NOT NULL CHECK (length(trim(numero)) > 0),
    ordre      INTEGER NOT NULL CHECK (ordre >= 1),
    titre      TEXT NOT NULL CHECK (length(trim(titre)) > 0),
    UNIQUE (contrat_id, numero)
);

CREATE TABLE engagement (
    id         INTEGER PRIMARY KEY,
    axe_id     INTEGER NOT NULL REFERENCES axe(id) ON DELETE RESTRICT,
    partie_id  INTEGER NOT NULL REFERENCES partie(id) ON DELETE RESTRICT,
    ordre      INTEGER NOT NULL CHECK (ordre >= 1),
    libelle    TEXT NOT NULL CHECK (length(trim(libelle)) > 0),
    statut     TEXT NOT NULL DEFAULT 'a_venir'
               CHECK (statut IN ('a_venir', 'en_cours', 'realise', 'en_pause', 'bloque', 'abandonne')),
    pilote     TEXT,
    a_discuter INTEGER NOT NULL DEFAULT 0 CHECK (a_discuter IN (0, 1)),
    cree_le    TEXT NOT NULL CHECK (cree_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    modifie_le TEXT NOT NULL CHECK (modifie_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    -- the comité whose séance asked for the point (NULL: no comité in particular)
    a_discuter_comite_id INTEGER REFERENCES comite(id) ON DELETE SET NULL,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6)))),
    CHECK (a_discuter = 1 OR a_discuter_comite_id IS NULL),
    -- re-seeding the same annex finds each bullet again instead of adding it twice
    UNIQUE (axe_id, partie_id, libelle)
);

CREATE TABLE echeance (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
    libelle       TEXT NOT NULL DEFAULT '',
    date          TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    precision     TEXT NOT NULL DEFAULT 'jour'
                  CHECK (precision IN ('jour', 'mois', 'trimestre', 'semestre', 'annee')),
    faite_le      TEXT CHECK (faite_le IS NULL OR date(faite_le, '+0 days') IS faite_le),
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6))))
);

CREATE TABLE comite (
    id          INTEGER PRIMARY KEY,
    contrat_id  INTEGER NOT NULL REFERENCES contrat(id) ON DELETE CASCADE,
    nom         TEXT NOT NULL CHECK (length(trim(nom)) > 0),
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (contrat_id, nom)
);

CREATE TABLE seance (
    id           INTEGER PRIMARY KEY,
    comite_id    INTEGER NOT NULL REFERENCES comite(id) ON DELETE RESTRICT,
    date         TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    lieu         TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6)))),
    -- one séance per comité per day: reopening the same day continues it
    UNIQUE (comite_id, date)
);

-- A note belongs to a comité's journal; seance_id is NULL for a note written outside any séance
-- (« hors séance »). When it has a séance, it is a séance of the same comité (trigger below).
CREATE TABLE note (
    id             INTEGER PRIMARY KEY,
    comite_id      INTEGER NOT NULL REFERENCES comite(id) ON DELETE RESTRICT,
    seance_id      INTEGER REFERENCES seance(id) ON DELETE RESTRICT,
    engagement_id  INTEGER REFERENCES engagement(id) ON DELETE SET NULL,
    type           TEXT NOT NULL DEFAULT 'info' CHECK (type IN ('info', 'decision', 'action')),
    texte          TEXT NOT NULL CHECK (length(trim(texte)) > 0),
    confidentielle INTEGER NOT NULL DEFAULT 0 CHECK (confidentielle IN (0, 1)),
    cree_le        TEXT NOT NULL CHECK (cree_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    uuid           TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36) DEFAULT
                  (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
                  || '-' || lower(hex(randomblob(6)))),
    -- the answer to a fiche de suivi this note came from (NULL: written in suivi)
    retour_id      INTEGER REFERENCES retour(id) ON DELETE SET NULL
);

-- The points of a séance's agenda marked as treated during it (« point suivant »).
CREATE TABLE point_traite (
    seance_id     INTEGER NOT NULL REFERENCES seance(id) ON DELETE CASCADE,
    engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
    traite_le     TEXT NOT NULL CHECK (traite_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    PRIMARY KEY (seance_id, engagement_id)
);

-- A partner's answer to a fiche de suivi, imported (suivi import, touche I): where the changes it made
-- came from. The fiche's own identity (export_uuid) and instant are those written in the file; the
-- historique rows and the notes the import wrote name it (retour_id), and so does its undo.
CREATE TABLE retour (
    id                 INTEGER PRIMARY KEY,
    contrat_id         INTEGER NOT NULL REFERENCES contrat(id) ON DELETE CASCADE,
    export_uuid        TEXT NOT NULL CHECK (length(export_uuid) = 36),
    exporte_le         TEXT NOT NULL CHECK (exporte_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    destinataire_genre TEXT NOT NULL CHECK (destinataire_genre IN ('partie', 'pilote')),
    destinataire       TEXT NOT NULL CHECK (length(trim(destinataire)) > 0),
    fichier            TEXT NOT NULL CHECK (length(trim(fichier)) > 0),
    fichier_sha256     TEXT NOT NULL CHECK (length(fichier_sha256) = 64),
    importe_le         TEXT NOT NULL CHECK (importe_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z')
);

-- champ: statut, pilote, a_discuter, libelle, ordre, echeance (ajoutée/modifiée/faite/supprimée)
-- retour_id: the change came from a partner's answer (NULL: typed in suivi, or imported from an annexe)
CREATE TABLE historique (
    id            INTEGER PRIMARY KEY,
    engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
    echeance_id   INTEGER REFERENCES echeance(id) ON DELETE SET NULL,
    champ         TEXT NOT NULL CHECK (length(champ) > 0),
    ancien        TEXT,
    nouveau       TEXT,
    le            TEXT NOT NULL CHECK (le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    seance_id     INTEGER REFERENCES seance(id) ON DELETE SET NULL,
    retour_id     INTEGER REFERENCES retour(id) ON DELETE SET NULL
);

-- the app's own remembered choices (last contrat, last comité), kept with the data they name
CREATE TABLE reglage (
    cle    TEXT PRIMARY KEY,
    valeur TEXT NOT NULL
);

CREATE INDEX axe_par_contrat ON axe (contrat_id, ordre);
CREATE INDEX partie_par_contrat ON partie (contrat_id, ordre);
CREATE INDEX engagement_par_axe ON engagement (axe_id, ordre);
CREATE INDEX engagement_par_partie ON engagement (partie_id);
CREATE INDEX echeance_par_engagement ON echeance (engagement_id, date);
CREATE INDEX echeance_ouverte_par_date ON echeance (date) WHERE faite_le IS NULL;
CREATE INDEX comite_par_contrat ON comite (contrat_id);
CREATE INDEX note_par_seance ON note (seance_id);
CREATE INDEX note_par_comite ON note (comite_id, cree_le);
CREATE INDEX engagement_a_discuter ON engagement (a_discuter_comite_id) WHERE a_discuter_comite_id IS NOT NULL;
CREATE INDEX point_traite_par_engagement ON point_traite (engagement_id);
CREATE INDEX note_par_engagement ON note (engagement_id);
CREATE INDEX historique_par_engagement ON historique (engagement_id, le);
CREATE INDEX historique_par_date ON historique (le);
CREATE INDEX historique_par_seance ON historique (seance_id);
CREATE INDEX historique_par_echeance ON historique (echeance_id);
CREATE INDEX historique_par_retour ON historique (retour_id) WHERE retour_id IS NOT NULL;
CREATE INDEX note_par_retour ON note (retour_id) WHERE retour_id IS NOT NULL;
CREATE INDEX retour_par_export ON retour (export_uuid);

-- Search: accent- and case-insensitive (« educ » finds « Éducation »), by prefix from the first
-- letter typed, and per contrat. Each row also indexes its contrat as a token (« c12 », column
-- contrat), so a search reads only its contrat's part of the index and stays within a frame at
-- national scale (hundreds of contrats in one base). External content: the text lives once, in
-- its table; the *_fts_source views hand the index each row with its contrat (rebuild, snippets).
CREATE VIEW engagement_fts_source AS
    SELECT e.id, e.libelle, e.pilote, 'c' || a.contrat_id AS contrat
    FROM engagement e JOIN axe a ON a.id = e.axe_id;
CREATE VIEW note_fts_source AS
    SELECT n.id, n.texte, 'c' || co.contrat_id AS contrat
    FROM note n JOIN comite co ON co.id = n.comite_id;

CREATE VIRTUAL TABLE engagement_fts USING fts5 (
    libelle, pilote, contrat,
    content = 'engagement_fts_source', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8'
);
CREATE VIRTUAL TABLE note_fts USING fts5 (
    texte, contrat,
    content = 'note_fts_source', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8'
);

-- The values given to 'delete' must be those indexed: the contrat comes from the same lookup.
CREATE TRIGGER engagement_fts_ai AFTER INSERT ON engagement BEGIN
    INSERT INTO engagement_fts (rowid, libelle, pilote, contrat)
    VALUES (new.id, new.libelle, new.pilote, (SELECT 'c' || contrat_id FROM axe WHERE id = new.axe_id));
END;
CREATE TRIGGER engagement_fts_ad AFTER DELETE ON engagement BEGIN
    INSERT INTO engagement_fts (engagement_fts, rowid, libelle, pilote, contrat)
    VALUES ('delete', old.id, old.libelle, old.pilote, (SELECT 'c' || contrat_id FROM axe WHERE id = old.axe_id));
END;
CREATE TRIGGER engagement_fts_au AFTER UPDATE OF libelle, pilote, axe_id ON engagement BEGIN
    INSERT INTO engagement_fts (engagement_fts, rowid, libelle, pilote, contrat)
    VALUES ('delete', old.id, old.libelle, old.pilote, (SELECT 'c' || contrat_id FROM axe WHERE id = old.axe_id));
    INSERT INTO engagement_fts (rowid, libelle, pilote, contrat)
    VALUES (new.id, new.libelle, new.pilote, (SELECT 'c' || contrat_id FROM axe WHERE id = new.axe_id));
END;
CREATE TRIGGER note_fts_ai AFTER INSERT ON note BEGIN
    INSERT INTO note_fts (rowid, texte, contrat)
    VALUES (new.id, new.texte, (SELECT 'c' || contrat_id FROM comite WHERE id = new.comite_id));
END;
CREATE TRIGGER note_fts_ad AFTER DELETE ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, texte, contrat)
    VALUES ('delete', old.id, old.texte, (SELECT 'c' || contrat_id FROM comite WHERE id = old.comite_id));
END;
CREATE TRIGGER note_fts_au AFTER UPDATE OF texte, comite_id ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, texte, contrat)
    VALUES ('delete', old.id, old.texte, (SELECT 'c' || contrat_id FROM comite WHERE id = old.comite_id));
    INSERT INTO note_fts (rowid, texte, contrat)
    VALUES (new.id, new.texte, (SELECT 'c' || contrat_id FROM comite WHERE id = new.comite_id));
END;

-- A note in a séance is in that séance's comité: the journal and the search index agree.
CREATE TRIGGER note_seance_du_comite_ai BEFORE INSERT ON note
WHEN EXISTS (SELECT 1 FROM seance WHERE id = new.seance_id AND comite_id IS NOT new.comite_id)
BEGIN
    SELECT RAISE(ABORT, 'note.seance_id: la séance appartient à un autre comité');
END;
CREATE TRIGGER note_seance_du_comite_au BEFORE UPDATE OF comite_id, seance_id ON note
WHEN EXISTS (SELECT 1 FROM seance WHERE id = new.seance_id AND comite_id IS NOT new.comite_id)
BEGIN
    SELECT RAISE(ABORT, 'note.seance_id: la séance appartient à un autre comité');
END;
