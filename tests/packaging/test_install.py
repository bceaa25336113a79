"""A non-editable install carries its own resources and migrations: the wheel is built from a copy
of the checkout, installed into a fresh virtual environment, the copy is deleted, and the installed
console renders a screenshot. The environment borrows this one's dependencies (all but the console
itself) so the test is fast and needs no network."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests import ROOT

pytestmark = pytest.mark.slow


def _copy_checkout(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def _borrowed_dependencies(dest: Path) -> Path:
    """This environment's packages without the console and without .pth hooks (the editable
    install is one): a plain folder the fresh environment adds to its path."""
    site = Path(sysconfig.get_paths()["purelib"])
    dest.mkdir()
    for entry in site.iterdir():
        if entry.name.startswith(("incident_console", "_editable_impl", "console")) or entry.suffix == ".pth":
            continue
        (dest / entry.name).symlink_to(entry)
    return dest


def test_installed_wheel_renders_a_screenshot_without_the_source_tree(tmp_path):
    src = tmp_path / "src"
    _copy_checkout(src)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(src)], check=True, capture_output=True, timeout=300)
    shutil.rmtree(src)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    env_python = env_dir / "bin" / "python"
    env_site = Path(subprocess.run([str(env_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
    deps = _borrowed_dependencies(tmp_path / "deps")
    (env_site / "borrowed.pth").write_text(f"{deps}\n")
    wheel = next(wheels.glob("*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env_python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, capture_output=True, timeout=300)
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path), "PYTHONPATH": ""}
    run = subprocess.run([str(env_dir / "bin" / "incident-console"), "screenshot", "--demo", "--db",
                          str(tmp_path / "ne.db"), "--out", str(out), "--size", "800x500", "--view", "incidents"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert out.stat().st_size > 10_000
    where = subprocess.run([str(env_python), "-c", "import console.paths as p; print(p.MIGRATIONS)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in where
