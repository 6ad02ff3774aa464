"""Run a command and print its own peak resident memory (`pic_kib N` on stderr), measured from a small parent.

Linux carries a parent's memory high-water mark into a child it spawns (fork copies the page
tables, vfork shares them, and exec keeps the mark), so a child started by a benchmark that has
loaded a database would report at least the benchmark's own peak. This few-MiB parent forks the
command itself: the figure is then the command's.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(sys.argv[1], sys.argv[1:])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    print(f"pic_kib {usage.ru_maxrss}", file=sys.stderr)
    sys.exit(os.waitstatus_to_exitcode(status))
