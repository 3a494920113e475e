import sys

from interventures.cli.main import main

sys.exit(main())
