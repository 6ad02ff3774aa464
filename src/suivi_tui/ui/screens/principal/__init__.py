"""The main screen: the screen and its reads (ecran.py), changes (edition.py), moves (navigation.py), séances."""

from suivi_tui.ui.screens.principal.ecran import LARGEUR_ETROITE, EcranPrincipal, PremiereLecture, premiere_lecture

__all__ = ["LARGEUR_ETROITE", "EcranPrincipal", "PremiereLecture", "premiere_lecture"]
