"""Write files without ever leaving a partial one or overwriting one silently."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from suivi_tui.erreurs import ErreurSuivi


class FichierExistant(ErreurSuivi, FileExistsError):
    """The target exists and the caller did not ask to replace it."""

    def __init__(self, target: Path) -> None:
        super().__init__(f"{target} existe déjà ; ajoutez --force pour le remplacer.")
        self.target = target


class CibleSpeciale(ErreurSuivi, OSError):
    """The target is a link, a pipe, a device or a socket: never replaced, not even with --force.

    Not a FichierExistant: « cochez Remplacer » would be no answer.
    """

    def __init__(self, target: Path, genre: str) -> None:
        super().__init__(
            f"{target} est {genre} : suivi n'écrit que dans un fichier ordinaire, et ne le "
            "remplace pas (même avec --force). Choisissez un autre nom."
        )
        self.target = target


def _genre(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISLNK(mode):
        return "un lien symbolique"
    if stat.S_ISFIFO(mode):
        return "un tube nommé (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "un périphérique"
    if stat.S_ISSOCK(mode):
        return "une socket"
    return None


def refuse_special_target(target: Path) -> None:
    """CibleSpeciale when target exists and is not a regular file (a directory is the caller's to refuse).

    Publishing would replace the link, pipe or device itself with a plain file (as root, /dev/full
    was replaced): what the user pointed at is never what they expect to get.
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    genre = None if stat.S_ISDIR(mode) else _genre(mode)
    if genre is not None:
        raise CibleSpeciale(target, genre)


def temporary_path(target: Path) -> Path:
    """A fresh, exclusive (O_EXCL, 0600) empty file beside target, so the final rename stays on one filesystem."""
    for attempt in range(1000):
        candidate = target.with_name(f".{target.name}.{os.getpid()}.{attempt}.tmp")
        try:
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(f"impossible de créer un fichier temporaire près de {target}")


def fsync_path(path: Path) -> None:
    """Flush a file's bytes to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry (a rename or link is durable only after this)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(tmp: Path, target: Path, *, force: bool = False) -> None:
    """Give tmp its final name: never clobbering unless force, atomically either way."""
    fsync_path(tmp)
    if force:
        os.replace(tmp, target)
    else:
        try:
            # link fails if target exists, where rename would silently replace it
            os.link(tmp, target)
        except FileExistsError:
            raise FichierExistant(target) from None
        os.unlink(tmp)
    fsync_dir(target.parent)


@contextlib.contextmanager
def staged_file(target: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path to fill; publish it on success, remove it on any failure."""
    refuse_special_target(target)
    if target.exists() and not force:
        raise FichierExistant(target)
    tmp = temporary_path(target)
    try:
        yield tmp
        publish(tmp, target, force=force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_atomically(target: Path, write: Callable[[Path], None], *, force: bool = False) -> Path:
    """Run write(tmp) and publish tmp as target; returns target."""
    with staged_file(target, force=force) as tmp:
        write(tmp)
    return target
