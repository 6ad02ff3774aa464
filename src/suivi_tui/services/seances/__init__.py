"""Séances of the comités: holding them, their journal, agenda, what changed since, what to chase, the relevé."""
