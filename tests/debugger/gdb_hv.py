#!/usr/bin/env python3
"""gdb_hv.py SIM HV.elf GUEST.elf - a gdb-stub session on the project's
hypervisor: a breakpoint in the guest (its address from the guest's own
ELF), registers and memory there as the guest sees them, LVZ state, a
monitor command, then detach and the run's verdict."""
import struct
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from rsp import RSP, Sim, symbols  # noqa: E402

sim_path, hv, guest = sys.argv[1:4]
fails = 0


def check(name, ok, why=""):
    global fails
    print(("ok - debugger/hv-gdb/%s" % name) if ok else ("not ok - debugger/hv-gdb/%s: %s" % (name, why)))
    sys.stdout.flush()
    fails += not ok


def elf_bytes(path, vaddr, n):
    """n bytes at vaddr from the ELF's PT_LOAD segments (ELF64 LE)."""
    data = open(path, "rb").read()
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    for i in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1 and p_vaddr <= vaddr and vaddr + n <= p_vaddr + p_filesz:
            return data[p_offset + vaddr - p_vaddr:p_offset + vaddr - p_vaddr + n]
    return None


main = symbols(guest)["main"]
sim = Sim(sim_path, hv)
g = RSP(sim.port)
g.cmd("qSupported:swbreak+")
# register numbers of upstream GDB's layout (pc 33) and, after the 76 base
# and FP registers, the host CSRs in CSR-number order: read the names.
xml = g.read_xfer("features", "target.xml")
import xml.etree.ElementTree as ET  # noqa: E402
names = [r.get("name") for r in ET.fromstring(xml).iter("reg")]
num = {n: i for i, n in enumerate(names)}

check("Z0-guest", g.cmd("Z0,%x,4" % main) == "OK")
r = g.cmd("c")
gstat = g.reg(num["csr_gstat"])
# VM 0 runs as GID 1 (hypervisor/README.md); GSTAT.VM = 1 in guest mode.
check("stop-in-guest", r.startswith("T05") and g.reg(num["pc"]) == main and gstat & 1 and
      (gstat >> 16) & 0xff == 1, "%s pc %x gstat %x" % (r, g.reg(num["pc"]), gstat))
want = elf_bytes(guest, main, 16)
check("guest-memory", want is not None and g.mem(main, 16) == want, (g.mem(main, 16), want))
# The guest boots in DA mode at PLV0 (README: CRMD = 0xa8); its start code
# does not change CRMD before main.
check("gcsr-crmd", g.reg(num["gcsr_crmd"]) == 0xa8, hex(g.reg(num["gcsr_crmd"])))
text, r = g.monitor("info tlb gid 1")
check("monitor-tlb", "root:stg2" in text and "gid=1" in text, text[:300])
g.cmd("z0,%x,4" % main)
check("D", g.cmd("D") == "OK")
g.close()
rc, out, err = sim.wait(60)
check("detach-verdict", rc == 0 and "[sensitive] PASS" in out, (rc, out[-300:]))
sys.exit(1 if fails else 0)
