import subprocess
import sys

from console.store import site_key
from tests import ROOT

RACE = """
import sys, threading
from pathlib import Path
from console.store import site_key
go = threading.Event()
db = Path(sys.argv[1])
out = []
def grab():
    go.wait()
    out.append(site_key.load_or_create(db, "S").public_b64)
threads = [threading.Thread(target=grab) for _ in range(8)]
for t in threads: t.start()
go.set()
for t in threads: t.join()
print("\\n".join(out))
"""


def test_processes_starting_at_once_agree_on_one_whole_key(tmp_path):
    db = tmp_path / "new.db"
    procs = [subprocess.Popen([sys.executable, "-c", RACE, str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in outs]
    keys = {line for out, _ in outs for line in out.split()}
    assert keys == {site_key.load(db, "S").public_b64}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db.sitekey"]  # no private copies left
    assert site_key.key_path(db).stat().st_mode & 0o777 == 0o600
