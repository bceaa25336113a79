"""Entry point for running from a checkout: `python main.py [args]`."""
import sys

from console.cli import main

if __name__ == "__main__":
    sys.exit(main())
