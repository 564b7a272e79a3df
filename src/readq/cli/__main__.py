"""``python -m readq.cli``: the same entry point as the ``readq`` script."""

import sys

from readq.cli.main import main

sys.exit(main())
