import sys

from matchmaking.scoring.cli import main

sys.exit(main())
