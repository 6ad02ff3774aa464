-- Schema 3: the answers partners send back to a fiche de suivi (suivi import, touche I).
--
-- - retour: one imported answer: the fiche it answers (its export identity and instant), who it was
--   sent to (a partie or a pilote), the file read and its SHA-256, when it was imported.
-- - historique.retour_id and note.retour_id: the changes and notes that answer wrote, so that the
--   historique says where a change came from and the import is undone as one step.
--
-- Only additions: ALTER TABLE ADD COLUMN of a nullable column with a REFERENCES clause is allowed by
-- SQLite (its default is NULL), needs no table rebuild, and keeps every row and row id as it was.

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

ALTER TABLE historique ADD COLUMN retour_id INTEGER REFERENCES retour(id) ON DELETE SET NULL;
ALTER TABLE note ADD COLUMN retour_id INTEGER REFERENCES retour(id) ON DELETE SET NULL;

CREATE INDEX historique_par_retour ON historique (retour_id) WHERE retour_id IS NOT NULL;
CREATE INDEX note_par_retour ON note (retour_id) WHERE retour_id IS NOT NULL;
CREATE INDEX retour_par_export ON retour (export_uuid);
