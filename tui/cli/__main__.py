"""`python -m tui.cli`, the same as the `duban` command."""

import sys

from tui.cli import main

sys.exit(main())
