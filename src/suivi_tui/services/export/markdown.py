"""Markdown that shows user text as it was typed: the one escaper of every Markdown writer (report, relevé, bilan)."""

from __future__ import annotations

import re

# Characters that Markdown (CommonMark, GitHub) would read as markup, HTML or an entity.
_SPECIAUX = re.compile(r"([\\`*_\[\]<>#|~&!])")
# At a line's start these open a quote (« > »), a list (« - », « + », « 1. », « 2) », followed by a
# space or nothing) or a rule or heading underline (« --- », « === »). A number such as « 1.1 » is
# none of them and stays as written.
_DEBUT_BLOC = re.compile(r"^(\s*)(?:(>|[-+=](?=\s|$|[-=]))|(\d+)([.)])(?=\s|$))")


def _bloc(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def echapper_md(texte: str) -> str:
    """User text as literal Markdown on one line (a title, a cell, a list item): whitespace collapsed."""
    return _DEBUT_BLOC.sub(_bloc, _SPECIAUX.sub(r"\\\1", " ".join(texte.split())))


def echapper_md_lignes(texte: str) -> str:
    """User text as literal Markdown, its lines kept (two spaces: a line break in the same paragraph)."""
    lignes = texte.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "  \n".join(_DEBUT_BLOC.sub(_bloc, _SPECIAUX.sub(r"\\\1", ligne.rstrip())) for ligne in lignes)
