"""``python -m samverkan_cli …`` runs the command line."""

import sys

from samverkan_cli.main import main

sys.exit(main())
