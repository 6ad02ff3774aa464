"""`python -m suivi_tui` runs the command line."""

from suivi_tui.cli import main

raise SystemExit(main())
