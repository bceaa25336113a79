import subprocess
import sys

from tests import ROOT

OPEN = """
import sys
from console.store.database import open_store
store = open_store(sys.argv[1])
print(store.site)
store.close()
"""


def test_consoles_opening_one_new_file_at_once_migrate_it_once_and_agree(tmp_path):
    # Six processes race the creation, the migrations and the site id of a database nobody made yet.
    for round_ in range(3):
        db = tmp_path / f"new{round_}.db"
        procs = [subprocess.Popen([sys.executable, "-c", OPEN, str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(6)]
        outs = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0] * 6, [err[-400:] for _, err in outs]
        assert len({out.strip() for out, _ in outs}) == 1  # one site id
    assert not [p.name for p in tmp_path.iterdir() if ".bak" in p.name]  # nothing to back up in a new file
