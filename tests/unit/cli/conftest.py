from __future__ import annotations

import pytest

from console.cli import main


@pytest.fixture
def run(capsys):
    """Run `incident-console ARGS` in this process; returns (exit code, stdout, stderr)."""

    def _run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help or bad usage
            code = exc.code if isinstance(exc.code, int) else 2
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        return code, out.out, out.err

    return _run


@pytest.fixture
def incident_args():
    return ["--title", "燃气泄漏", "--class", "accident", "--level", "3", "--lat", "31.2", "--lon", "121.4"]
