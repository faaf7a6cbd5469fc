#!/usr/bin/env python3
"""check_trace.py A.jsonl B.trace IMAGE - the JSON-lines trace of a run of
lvzguest.elf with every event class, and the text trace of the same run.

Checks: every line is a JSON object with the instruction number, the event,
the world and the PLV (and the GID for guest lines); instruction numbers
never decrease; instructions at guest-only code are labelled guest GID 1
and at the host's trap entry host; the VM exits are those lvzguest.c causes
(one cpucfg, one unmapped GPA, four reports and the final hypercall, at
least one host timer tick); and the text trace has the same events with
the same numbers and worlds, line for line.
"""
import json
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from rsp import symbols  # noqa: E402

jsonl, text, image = sys.argv[1:4]
sym = symbols(image)
fails = 0


def check(name, ok, why=""):
    global fails
    print(("ok - debugger/%s" % name) if ok else ("not ok - debugger/%s: %s" % (name, why)))
    fails += not ok


events = []
bad = None
for i, line in enumerate(open(jsonl)):
    try:
        o = json.loads(line)
    except ValueError as e:
        bad = bad or "line %d: %s" % (i + 1, e)
        continue
    if not isinstance(o, dict) or not isinstance(o.get("n"), int) or "ev" not in o or \
            o.get("world") not in ("host", "guest") or o.get("plv") not in (0, 1, 2, 3) or \
            (o["world"] == "guest") != isinstance(o.get("gid"), int):
        bad = bad or "line %d lacks n/ev/world/plv/gid: %s" % (i + 1, line.strip())
    events.append(o)
check("jsonl-parses-with-world-plv", bad is None and len(events) > 0, bad or "empty")

ns = [o["n"] for o in events]
check("jsonl-order", all(a <= b for a, b in zip(ns, ns[1:])), "instruction numbers go backwards")

known = {"insn", "exc", "enter", "tlb", "csr", "load", "store", "rmw", "note"}
exit_names = {"exit:int", "exit:gspr", "exit:hvc", "exit:tlbr", "exit:pf", "exit:fpd"}
check("jsonl-event-names", {o["ev"] for o in events} <= known | exit_names,
      {o["ev"] for o in events} - known - exit_names)

# guest_cpucfg..guest_hvcl_done run only in the guest; rt_trap_entry only
# in the host.
g_lo, g_hi = sym["guest_cpucfg"], sym["guest_hvcl_done"] + 8
wrong = [o for o in events if o["ev"] == "insn" and g_lo <= int(o["pc"], 16) < g_hi and
         (o["world"], o.get("gid")) != ("guest", 1)]
wrong += [o for o in events if o["ev"] == "insn" and int(o["pc"], 16) == sym["rt_trap_entry"] and o["world"] != "host"]
check("insn-world-labels", not wrong and any(o["ev"] == "insn" and int(o["pc"], 16) == sym["guest_cpucfg"]
                                             for o in events), wrong[:2])

exits = [o for o in events if o["ev"].startswith("exit:")]
kinds = [o["kind"] for o in exits]
gspr = [o for o in exits if o["kind"] == "gspr"]
# cpucfg rd=4 rj=4 = 0x00006c84 (Vol.1 2.2.10.5)
check("vm-exits", kinds.count("gspr") == 1 and kinds.count("tlbr") == 1 and kinds.count("hvc") == 5 and
      kinds.count("int") >= 1 and all(o["world"] == "host" and o["guest_gid"] == 1 and o["cause"] for o in exits) and
      all(o["ev"] == "exit:" + o["kind"] for o in exits) and
      int(gspr[0]["guest_pc"], 16) == sym["guest_cpucfg"] and gspr[0]["badi"] == "0x00006c84", kinds)
enters = [o for o in events if o["ev"] == "enter"]
# each exit but the last (the final hypercall powers off) is resumed
check("vm-enters", len(enters) == len(exits) and all(o["world"] == "guest" and o["gid"] == 1 for o in enters),
      "%d enters, %d exits" % (len(enters), len(exits)))

# Events with their fields, as lvzguest.c causes them (lvzguest.h values):
# main's stage-2 tlbwr at S2_INDEX 2048 (root type, GID 1, 2 MiB pages);
# the guest's tlbfill of GVA_MAPPED (guest type, GID 1, 4 KiB); its store
# of FAR_VALUE 0x5a5a to FAR_GPA 0x800000 (identity-mapped by stage 2, so
# VA = PA); its csrwr of TICLR (guest bank) in guest_trap.
def has(**kw):
    return any(all(o.get(k) == v for k, v in kw.items()) for o in events)


check("tlb-events", has(ev="tlb", op="tlbwr", index=2048, type="root", entry_gid=1, ps=21, world="host") and
      has(ev="tlb", op="tlbfill", type="guest", entry_gid=1, ps=12, va="0xffffffff80000000", world="guest", gid=1))
check("mem-events", has(ev="store", world="guest", gid=1, va="0x800000", pa="0x800000", size=8, val="0x5a5a") and
      has(ev="load", world="guest", gid=1, va="0x800000", pa="0x800000", size=8, val="0x5a5a"))
check("csr-events", has(ev="csr", world="guest", gid=1, bank="guest", csr="TICLR") and
      has(ev="csr", world="host", bank="host", csr="GSTAT"))

# The text trace: "N host:P ..." or "N gG:P ...", same events in the same order.
tev = []
for line in open(text):
    m = re.match(r"(\d+) (host|g(\d+)):(\d) (\S+)", line)
    tev.append(m and (int(m.group(1)), "host" if m.group(2) == "host" else "guest",
                      m.group(3) and int(m.group(3)), int(m.group(4)), m.group(5)))
jev = [(o["n"], o["world"], o.get("gid"), o["plv"]) for o in events]
same = len(tev) == len(jev) and all(t and t[:4] == (j[0], j[1], j[2], j[3]) for t, j in zip(tev, jev))
check("text-and-jsonl-agree", same, "%d text lines, %d json lines" % (len(tev), len(jev)))
sys.exit(1 if fails else 0)
