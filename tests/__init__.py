"""The test suite runs from a source checkout; ROOT is its top folder."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
