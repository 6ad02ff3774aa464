"""Which other processes have a database open: a restore must never change a file under them."""

from __future__ import annotations

import os
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")
# SQLite's lock bytes (os_unix.c): PENDING at 1 GiB, RESERVED after it, then the 510-byte SHARED range.
SHARED_FIRST = 0x40000000 + 2
SHARED_SIZE = 510


def _file_ids(path: Path) -> set[str]:
    """The dev:inode keys /proc/locks uses for the database and its shared-memory index."""
    ids = set()
    for candidate in (path, path.with_name(path.name + "-shm")):
        try:
            st = os.stat(candidate)
        except OSError:
            continue
        ids.add(f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}")
    return ids


def other_processes(path: Path) -> list[int]:
    """Pids of other processes holding SQLite's locks on path (Linux's /proc/locks; [] elsewhere).

    An open SQLite connection in WAL mode keeps a shared lock on the database file and on its
    -shm file for as long as it is open, so this names the app left open in another terminal.
    """
    ids = _file_ids(Path(path))
    try:
        lines = PROC_LOCKS.read_text().splitlines()
    except OSError:
        return []
    pids = set()
    for line in lines:
        fields = line.replace("->", " ").split()
        # "1: POSIX  ADVISORY  READ 16499 fe:00:2171971 128 128"
        if len(fields) >= 6 and fields[5] in ids and fields[4].isdigit():
            pids.add(int(fields[4]))
    pids.discard(os.getpid())
    return sorted(pids)


def opened_elsewhere(path: Path) -> bool:
    """True when another process holds SQLite's shared lock on the database (portable POSIX probe).

    Every open connection to a WAL base holds a read lock on the "shared" byte range SQLite
    reserves at 1 GiB; asking for a write lock on that range, without waiting, fails while one
    exists. Unlike opening a SQLite connection, this never checkpoints or recovers anything, so
    it is safe on a damaged file. Caution (POSIX): closing our descriptor drops every lock this
    process holds on the file, so the caller must not have the database open itself.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no POSIX locks to look at
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, SHARED_SIZE, SHARED_FIRST, os.SEEK_SET)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, SHARED_SIZE, SHARED_FIRST, os.SEEK_SET)
        return False
    finally:
        os.close(fd)


def describe_process(pid: int) -> str:
    """« processus 1234 (suivi --db …) », from /proc when it is there."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return f"processus {pid}"
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    command = " ".join(Path(words[0]).name if i == 0 else w for i, w in enumerate(words))
    return f"processus {pid} ({command[:70]})" if command else f"processus {pid}"
