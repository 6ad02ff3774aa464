"""Partners' answers to a fiche de suivi: read the file, compare three ways, preview, apply, undo.

lecture (the file: xlsx or csv, never written) -> comparaison (at export / in the file / in the
base now: an Apercu) -> application (the kept changes, in one transaction, with their source in
the historique). Imported lazily by callers: reading a workbook loads openpyxl, which neither
`suivi status` nor the app's start must pay for.
"""
