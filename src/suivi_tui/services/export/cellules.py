"""Spreadsheet cell text made safe: no formula injection (OWASP), no characters a sheet cannot hold.

The CSV carries the neutralising apostrophe in the text (a CSV has no cell formats); the workbook
sets the quote prefix of the cell instead (texte_xlsx).
"""

from __future__ import annotations

import re

# A cell starting with one of these is read as a formula (or a DDE call) by Excel or LibreOffice.
PREFIXES_RISQUES = ("=", "+", "-", "@", "\t", "\r", "\x00")
# C0 controls other than tab, LF and CR: XML (hence XLSX) cannot hold them, and Excel
# truncates a CSV field at a NUL.
_CONTROLES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Excel and LibreOffice decode _xHHHH_ in a cell's text; the literal underscore is written _x005F_.
_ECHAPPEMENT_OOXML = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def neutraliser(texte: str) -> str:
    """Prefix a risky text with ' so that no spreadsheet evaluates it."""
    return "'" + texte if texte.startswith(PREFIXES_RISQUES) else texte


def cellule(texte: str | None) -> str:
    """The text of a CSV or XLSX cell: neutralised, control characters removed, neutralised again.

    The first pass keeps the quote of a text that started with NUL; the second catches a risky
    character that only became first once a control character before it was removed.
    """
    if not texte:
        return ""
    return neutraliser(_CONTROLES.sub("", neutraliser(texte)))


def texte_xlsx(texte: str | None) -> tuple[str, bool]:
    """A workbook cell's text, and whether it needs the quote prefix (shown and kept as text, never a formula).

    In a workbook the apostrophe is a cell format (quotePrefix), not a character: the text stays
    as typed (« -1 », « +33 6 12… », a note starting with « - »), and editing the cell in Excel or
    LibreOffice keeps it text. Line breaks become LF (a cell's own), a literal « _x0041_ » stays
    literal (not « A »).
    """
    if not texte:
        return "", False
    propre = _CONTROLES.sub("", texte).replace("\r\n", "\n").replace("\r", "\n")
    risque = texte.startswith(PREFIXES_RISQUES) or propre.startswith(PREFIXES_RISQUES)
    return _ECHAPPEMENT_OOXML.sub(r"_x005F_\1", propre), risque


def exportable(texte: str) -> str:
    """texte without the control characters that no exported format can carry."""
    return _CONTROLES.sub("", texte)


def est_neutre(valeur: str) -> bool:
    """True when a cell's text cannot be taken for a formula (used by tests and checks)."""
    return not valeur.startswith(PREFIXES_RISQUES)
