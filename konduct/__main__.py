import sys

from konduct.cli import main

sys.exit(main())
