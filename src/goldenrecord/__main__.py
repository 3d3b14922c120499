"""``python -m goldenrecord``: the command line."""

import sys

from goldenrecord._cli import main

if __name__ == "__main__":
    sys.exit(main())
