"""How a command ends: its exit codes, and Sortie, the French refusal every command raises to stop."""

from __future__ import annotations

from suivi_tui.erreurs import ErreurSuivi

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
# A reader that stops early (`suivi status | head -1`) closes the pipe: the command ends quietly,
# with the code a shell reports for a program stopped by SIGPIPE (128 + 13), like `cat` or `grep`.
EXIT_PIPE_FERME = 141
EXIT_INTERROMPU = 130  # ctrl+c, as a shell reports it (128 + SIGINT)


class Sortie(ErreurSuivi):
    """Stop the command with this French message and exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code
