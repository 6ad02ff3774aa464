"""The demo generator: realistic contrats de ville, up to national scale (suivi demo)."""
