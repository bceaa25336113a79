"""A writer process for the crash test: appends duty-log entries forever, printing each committed id."""
import sys

from console.domain.duty_log import Category
from console.services import build_services
from console.store.database import open_store

store = open_store(sys.argv[1])
svc = build_services(store)
i = 0
while True:
    e = svc.log.append(Category.COMMS, f"第{i}条：沪消-漕河泾-01 报告位置 {i}").value
    sys.stdout.write(e.id + "\n")
    sys.stdout.flush()
    i += 1
