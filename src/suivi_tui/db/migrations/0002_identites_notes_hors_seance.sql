-- Schema 2: stable identities, notes outside séances, « à discuter » for a comité, points treated.
--
-- - contrat, engagement, echeance, seance and note get a uuid (v4, given by SQLite to every existing
--   row and to every new one); the base gets its own identity (table base).
-- - note gets comite_id (from its séance) and seance_id may be NULL: a note written outside any
--   séance belongs to the comité's journal without creating a séance.
-- - engagement.a_discuter_comite_id names the comité that asked for the point.
-- - point_traite records the agenda points treated in a séance.
--
-- Columns are added by SQLite's 12-step table rebuild (a NOT NULL UNIQUE column with a default
-- computed per row cannot be added by ALTER TABLE). The runner turns foreign keys off outside the
-- transaction, so dropping the old tables cascades nothing, and checks foreign_key_check before
-- committing. Row ids are kept: the full-text indexes (external content) stay valid.

-- Views and triggers name the tables being rebuilt: SQLite refuses the renames while they exist.
DROP VIEW engagement_fts_source;
DROP VIEW note_fts_source;
DROP TRIGGER engagement_fts_ai;
DROP TRIGGER engagement_fts_ad;
DROP TRIGGER engagement_fts_au;
DROP TRIGGER note_fts_ai;
DROP TRIGGER note_fts_ad;
DROP TRIGGER note_fts_au;

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

CREATE TABLE contrat_v2 (
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
INSERT INTO contrat_v2 (id, titre, territoire, debut, fin, source_nom, source_sha256, importe_le) SELECT id, titre, territoire, debut, fin, source_nom, source_sha256, importe_le FROM contrat;
DROP TABLE contrat;
ALTER TABLE contrat_v2 RENAME TO contrat;

CREATE TABLE engagement_v2 (
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
INSERT INTO engagement_v2 (id, axe_id, partie_id, ordre, libelle, statut, pilote, a_discuter, cree_le, modifie_le) SELECT id, axe_id, partie_id, ordre, libelle, statut, pilote, a_discuter, cree_le, modifie_le FROM engagement;
DROP TABLE engagement;
ALTER TABLE engagement_v2 RENAME TO engagement;

CREATE TABLE echeance_v2 (
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
INSERT INTO echeance_v2 (id, engagement_id, libelle, date, precision, faite_le) SELECT id, engagement_id, libelle, date, precision, faite_le FROM echeance;
DROP TABLE echeance;
ALTER TABLE echeance_v2 RENAME TO echeance;

CREATE TABLE seance_v2 (
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
INSERT INTO seance_v2 (id, comite_id, date, lieu, participants) SELECT id, comite_id, date, lieu, participants FROM seance;
DROP TABLE seance;
ALTER TABLE seance_v2 RENAME TO seance;

CREATE TABLE note_v2 (
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
                  || '-' || lower(hex(randomblob(6))))
);
INSERT INTO note_v2 (id, comite_id, seance_id, engagement_id, type, texte, confidentielle, cree_le)
    SELECT n.id, (SELECT s.comite_id FROM seance s WHERE s.id = n.seance_id), n.seance_id, n.engagement_id,
           n.type, n.texte, n.confidentielle, n.cree_le
    FROM note n;
DROP TABLE note;
ALTER TABLE note_v2 RENAME TO note;

CREATE TABLE point_traite (
    seance_id     INTEGER NOT NULL REFERENCES seance(id) ON DELETE CASCADE,
    engagement_id INTEGER NOT NULL REFERENCES engagement(id) ON DELETE CASCADE,
    traite_le     TEXT NOT NULL CHECK (traite_le GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    PRIMARY KEY (seance_id, engagement_id)
);

CREATE INDEX engagement_par_axe ON engagement (axe_id, ordre);
CREATE INDEX engagement_par_partie ON engagement (partie_id);
CREATE INDEX echeance_par_engagement ON echeance (engagement_id, date);
CREATE INDEX echeance_ouverte_par_date ON echeance (date) WHERE faite_le IS NULL;
CREATE INDEX note_par_seance ON note (seance_id);
CREATE INDEX note_par_comite ON note (comite_id, cree_le);
CREATE INDEX engagement_a_discuter ON engagement (a_discuter_comite_id) WHERE a_discuter_comite_id IS NOT NULL;
CREATE INDEX point_traite_par_engagement ON point_traite (engagement_id);
CREATE INDEX note_par_engagement ON note (engagement_id);

CREATE VIEW engagement_fts_source AS
    SELECT e.id, e.libelle, e.pilote, 'c' || a.contrat_id AS contrat
    FROM engagement e JOIN axe a ON a.id = e.axe_id;

CREATE VIEW note_fts_source AS
    SELECT n.id, n.texte, 'c' || co.contrat_id AS contrat
    FROM note n JOIN comite co ON co.id = n.comite_id;

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
