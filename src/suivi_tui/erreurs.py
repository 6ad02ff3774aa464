"""ErreurSuivi: the one base of every refusal suivi explains itself, with a French `message` to show as is.

Catching ErreurSuivi is catching « suivi said no, and why »: the app toasts `message`, the command line
prints it. A subclass may also derive from the stdlib error its callers expect (ValueError, OSError).
The annexe reader stays stdlib-only (it is usable alone): its AnnexeIllisible is a ValueError with a
`message` of its own.
"""

from __future__ import annotations


class ErreurSuivi(Exception):
    """A refusal or a failure that suivi explains: `message` is a French sentence, complete."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
