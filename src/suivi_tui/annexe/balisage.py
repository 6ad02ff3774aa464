"""Retirer le balisage Markdown/HTML d'un texte, et le plier pour les comparaisons."""

from __future__ import annotations

import html
import re
import unicodedata

_RE_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_RE_BALISE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_RE_NBSP = re.compile(r"&nbsp;|&#160;|&#x[aA]0;")
_RE_GRAS = re.compile(r"\*\*|__")
_RE_ITALIQUE = re.compile(
    r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])"
    r"|(?<![\w\\])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?!\w)"
)
_RE_ECHAPPEMENT = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_RE_ESPACES = re.compile(r"\s+")


def fusionner_espaces(texte: str) -> str:
    """Toute suite de blancs devient une espace ; ni blanc en tête ni en fin."""
    return _RE_ESPACES.sub(" ", texte).strip()


def nettoyer_balisage(texte: str) -> str:
    """Le texte sans Markdown ni HTML, espaces fusionnés : ce que le lecteur de l'annexe voit."""
    texte = _RE_BR.sub(" ", texte)
    texte = _RE_BALISE.sub("", texte)
    # &nbsp; est du balisage d'espacement, pas une espace typographique voulue.
    texte = _RE_NBSP.sub(" ", texte)
    texte = _RE_GRAS.sub("", texte)
    texte = _RE_ITALIQUE.sub(lambda m: m.group(1) or m.group(2), texte)
    texte = _RE_ECHAPPEMENT.sub(r"\1", texte)
    # Décodé en dernier : « &lt;b&gt; » écrit dans le texte doit rester du texte.
    texte = html.unescape(texte)
    return fusionner_espaces(texte)


def plier(texte: str) -> str:
    """Forme de comparaison : sans accents, minuscules, apostrophe droite, espaces fusionnés."""
    decompose = unicodedata.normalize("NFKD", texte)
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return fusionner_espaces(sans_accents.replace("’", "'").casefold())


def majuscule(texte: str) -> str:
    """Le texte avec sa première lettre en majuscule, le reste intact."""
    return texte[:1].upper() + texte[1:]
