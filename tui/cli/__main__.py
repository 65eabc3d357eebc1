"""`python -m tui.cli`, the same as the `duban` command."""

import sys

from tui.cli import main

if __name__ == "__main__":  # not when a helper process (exports.parallel) imports it
    sys.exit(main())
