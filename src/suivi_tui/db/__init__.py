"""The database layer: opening (pragmas, checks, migrations), the ORM models, backups."""
