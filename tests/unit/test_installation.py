"""Reproducible installs: every dependency is pinned in constraints.txt, and what runs is what is pinned."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from tests.conftest import REPO

# Installed by `python -m venv` itself, not by make: only pinned for the isolated build of the package.
DU_VENV = {"setuptools"}


def _nom(exigence: str) -> str:
    return re.split(r"[\s<>=!~\[;]", exigence, maxsplit=1)[0].lower().replace("_", "-")


def _epingles() -> dict[str, str]:
    lignes = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return {_nom(ligne): ligne.split("==")[1] for ligne in lignes if ligne and not ligne.startswith("#")}


def test_every_dependency_of_pyproject_is_pinned() -> None:
    projet = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    exigences = projet["dependencies"] + [e for groupe in projet["optional-dependencies"].values() for e in groupe]
    manquantes = sorted({_nom(e) for e in exigences} - set(_epingles()))
    assert not manquantes, f"absentes de constraints.txt (lancer make lock) : {manquantes}"


def test_the_installed_versions_are_the_pinned_ones() -> None:
    differentes = {
        nom: (version, metadata.version(nom))
        for nom, version in _epingles().items()
        if nom not in DU_VENV and metadata.version(nom) != version
    }
    assert not differentes, f"installé ≠ épinglé (make clean puis make test) : {differentes}"
