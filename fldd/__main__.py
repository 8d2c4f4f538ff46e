"""Lets `python -m fldd` behave like the `fldd` command."""

import sys

from fldd.cli import main

sys.exit(main())
