#!/usr/bin/env python3
"""gdb_session.py SIM LVZGUEST.ELF SPIN.ELF - the gdb stub, driven by the
protocol client in rsp.py.  Prints one TAP line per check.

Every expected value comes from the programs (symbols via llvm-nm-19, the
ELF header, tests/debugger/lvzguest.h) or from the architecture, as each
check's comment says; none is copied from a run.
"""
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from rsp import RSP, Sim, elf_entry, stop_fields, symbols  # noqa: E402

SIM, IMAGE, SPIN = sys.argv[1:4]
failures = 0


def check(name, ok, why=""):
    global failures
    if ok:
        print("ok - debugger/gdb/%s" % name)
    else:
        failures += 1
        print("not ok - debugger/gdb/%s: %s" % (name, why))
    sys.stdout.flush()


# lvzguest.h
GUEST_GID = 1
FAR_GPA = 0x800000

sym = symbols(IMAGE)
sim = Sim(SIM, IMAGE)
g = RSP(sim.port)

r = g.cmd("qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;xmlRegisters=i386")
check("qSupported", "qXfer:features:read+" in r and "QStartNoAckMode+" in r and "swbreak+" in r, r)

# The target description: the register names and order upstream GDB's
# loongarch-tdep.c requires, then our CSR groups.  Register numbers are
# the positions in the XML, as GDB numbers them.
xml = g.read_xfer("features", "target.xml")
root = ET.fromstring(xml)
regs, feats = [], {}
for f in root.iter("feature"):
    names = [r.get("name") for r in f.iter("reg")]
    feats[f.get("name")] = names
    regs += [(n, int(r.get("bitsize"))) for n, r in zip(names, f.iter("reg"))]
num = {n: i for i, (n, _) in enumerate(regs)}
size = {n: b // 8 for n, b in regs}
base = ["r%d" % i for i in range(32)] + ["orig_a0", "pc", "badv"]
fpu = ["f%d" % i for i in range(32)] + ["fcc%d" % i for i in range(8)] + ["fcsr"]
check("tdesc-base", feats.get("org.gnu.gdb.loongarch.base") == base, feats.get("org.gnu.gdb.loongarch.base"))
check("tdesc-fpu", feats.get("org.gnu.gdb.loongarch.fpu") == fpu and size["fcc0"] == 1 and size["fcsr"] == 4,
      feats.get("org.gnu.gdb.loongarch.fpu"))
check("tdesc-arch", root.findtext("architecture") == "loongarch64", root.findtext("architecture"))
host_csrs = feats.get("org.lvzsim.loongarch.csr", [])
guest_csrs = feats.get("org.lvzsim.loongarch.gcsr", [])
# GSTAT is a host-only CSR; CRMD exists in both banks (docs/lvz.md).
check("tdesc-csr-groups", "csr_crmd" in host_csrs and "csr_gstat" in host_csrs and
      "gcsr_crmd" in guest_csrs and "gcsr_gstat" not in guest_csrs, (len(host_csrs), len(guest_csrs)))

# A corrupted packet is refused ('-'), the retransmission answered; an
# unknown packet gets the empty reply; a register that does not exist an
# error.  (Acks are still on here.)
g.send_raw(b"$g#00")
nak = g._byte()
r = g.cmd("g")
check("bad-checksum-nak", nak == b"-" and len(r) > 100, nak)
check("unknown-packet", g.cmd("qLvzsimNoSuchThing") == "" and g.cmd("zz") .startswith("E") and
      g.cmd("p%x" % len(regs)).startswith("E"))

check("no-ack", g.cmd("QStartNoAckMode") == "OK")
g.ack = False

r = g.cmd("?")
check("initial-stop", r[:3] in ("S05", "T05"), r)

# g: registers 0-75 (35 base + 32 f + 8 fcc + fcsr); pc = e_entry at reset.
r = g.cmd("g")
want = 2 * (35 * 8 + 32 * 8 + 8 + 4)
pc = int.from_bytes(bytes.fromhex(r[2 * 8 * 33:2 * 8 * 34]), "little") if len(r) == want else None
check("g-packet", len(r) == want and pc == elf_entry(IMAGE) and r[:16] == "0" * 16,
      "len %d (want %d), pc %s" % (len(r), want, pc))

r = g.cmd("vCont?")
check("vCont?", "c" in r.split(";") and "s" in r.split(";"), r)

# A breakpoint on the guest's cpucfg: it stops there in guest mode.
check("Z0", g.cmd("Z0,%x,4" % sym["guest_cpucfg"]) == "OK")
r = g.cmd("c")
sig, f = stop_fields(r)
check("break-guest-cpucfg", sig == 5 and "swbreak" in f and g.reg(num["pc"]) == sym["guest_cpucfg"] and
      int.from_bytes(bytes.fromhex(f.get("21", "00")), "little") == sym["guest_cpucfg"], r)
# guest_main calls guest_cpucfg(2): a0 (r4) = 2.
check("read-a0", g.reg(num["r4"]) == 2, hex(g.reg(num["r4"])))
# Host GSTAT: VM (bit 0) = 1 while the guest runs, GID (23:16) = GUEST_GID.
gstat = g.reg(num["csr_gstat"])
check("csr-gstat-in-guest", gstat & 1 == 1 and (gstat >> 16) & 0xff == GUEST_GID, hex(gstat))
# Guest CRMD as main wrote it with gcsrwr: DA | DATF=1 | DATM=1 = 0xa8
# (Vol.1 7.4.1); the guest has not written CRMD yet.
check("gcsr-crmd", g.reg(num["gcsr_crmd"]) == 0xa8, hex(g.reg(num["gcsr_crmd"])))
# The host's CRMD.IE (bit 2) is 1 while the guest runs: enter_guest's ertn
# loaded it from PRMD.PIE.
check("csr-crmd-host", g.reg(num["csr_crmd"]) & 4 == 4, hex(g.reg(num["csr_crmd"])))
# Memory at the PC: cpucfg $a0, $a0 = 0x00006c00 | rj 4 << 5 | rd 4
# (Vol.1 2.2.10.5 encoding) = 0x00006c84, little-endian.
check("read-memory", g.mem(sym["guest_cpucfg"], 4) == bytes([0x84, 0x6c, 0, 0]), g.mem(sym["guest_cpucfg"], 4))
check("z0", g.cmd("z0,%x,4" % sym["guest_cpucfg"]) == "OK")

# Single step: cpucfg exits (GSPR) to the host's EENTRY = rt_trap_entry
# (ECFG.VS = 0: one entry for everything), in the host, with ERA = the
# guest PC, ESTAT.Ecode = 0x16 and BADI = the instruction.
r = g.cmd("s")
sig, f = stop_fields(r)
gstat = g.reg(num["csr_gstat"])
check("step-into-gspr-exit", sig == 5 and g.reg(num["pc"]) == sym["rt_trap_entry"], "%s pc %x" % (r, g.reg(num["pc"])))
check("exit-state", gstat & 1 == 0 and gstat & 2 == 2 and (g.reg(num["csr_estat"]) >> 16) & 0x3f == 0x16 and
      g.reg(num["csr_era"]) == sym["guest_cpucfg"] and g.reg(num["csr_badi"]) == 0x6c84,
      "gstat %x estat %x era %x badi %x" % (gstat, g.reg(num["csr_estat"]), g.reg(num["csr_era"]),
                                            g.reg(num["csr_badi"])))
r = g.cmd("vCont;s:1")
check("vCont-step", r.startswith("T05") and g.reg(num["pc"]) == sym["rt_trap_entry"] + 4, r)

# Register and memory writes read back (then restored).
t0 = g.reg(num["r12"])
ok = g.set_reg(num["r12"], 0x1122334455667788) == "OK" and g.reg(num["r12"]) == 0x1122334455667788
g.set_reg(num["r12"], t0)
check("P-write-register", ok and g.reg(num["r12"]) == t0)
scratch = sym["guest_stack"]        # the bottom of the guest's stack: unused
old = g.mem(scratch, 8)
ok = g.cmd("M%x,8:%s" % (scratch, "deadbeefcafef00d")) == "OK" and g.mem(scratch, 8) == bytes.fromhex("deadbeefcafef00d")
g.cmd("M%x,8:%s" % (scratch, old.hex()))
check("M-write-memory", ok and g.mem(scratch, 8) == old)
# G writes them all: change r12 in a g image, write it back, read it.
image = g.cmd("g")
r12 = (0x0123456789abcdef).to_bytes(8, "little").hex()
ok = g.cmd("G" + image[:2 * 8 * 12] + r12 + image[2 * 8 * 13:]) == "OK" and g.reg(num["r12"]) == 0x0123456789abcdef
check("G-write-registers", ok and g.cmd("G" + image) == "OK" and g.cmd("g") == image)
# X: binary data, with the bytes the protocol escapes ('}' '#' '$' '*').
raw = bytes([0x7d, 0x23, 0x24, 0x2a, 0x00, 0xff, 0x10, 0x20])
esc = b"".join(bytes([0x7d, c ^ 0x20]) if c in (0x7d, 0x23, 0x24, 0x2a) else bytes([c]) for c in raw)
g.send(b"X%x,%x:" % (scratch, len(raw)) + esc)
ok = g.recv() == b"OK" and g.mem(scratch, 8) == raw
g.cmd("M%x,8:%s" % (scratch, old.hex()))
check("X-binary-write", ok and g.mem(scratch, 8) == old)
# Nothing maps VA 0x700000000000 (the host maps only VSEG 0 through DMW0
# and has no TLB entries of its own): an error, not a crash.
check("read-unmapped", g.cmd("m700000000000,8").startswith("E"))

# A write watchpoint on reports[0], which the HVC handler stores.
check("Z2", g.cmd("Z2,%x,8" % sym["reports"]) == "OK")
r = g.cmd("c")
sig, f = stop_fields(r)
check("watchpoint", sig == 5 and int(f.get("watch", "0"), 16) == sym["reports"], r)
check("z2", g.cmd("z2,%x,8" % sym["reports"]) == "OK")

# monitor: the debugger's commands, event breakpoints included.
text, r = g.monitor("info lvz")
check("monitor-info-lvz", r == "OK" and "GID=%d" % GUEST_GID in text, text[:200])
text, r = g.monitor("break exit tlbr")
check("monitor-break-exit", "breakpoint" in text and "set" in text, text)
text, r = g.monitor("step")
check("monitor-refuses-run-control", "not available" in text, text)
# The guest stores to FAR_GPA, which stage 2 does not map: exit:tlbr, to
# the host's TLBRENTRY (s2_refill) with TLBRBADV = the GPA.
r = g.cmd("c")
check("exit-breakpoint", r.startswith("T05") and g.reg(num["pc"]) == sym["s2_refill"] and
      g.reg(num["csr_tlbrbadv"]) == FAR_GPA, "%s pc %x" % (r, g.reg(num["pc"])))
text, r = g.monitor("explain")
check("monitor-explain", "exit:tlbr" in text and "0x%x" % FAR_GPA in text, text[:300])
text, r = g.monitor("delete")

# A hardware breakpoint (Z1) on rt_done(), which finish() calls at HC_DONE.
check("Z1", g.cmd("Z1,%x,4" % sym["rt_done"]) == "OK")
r = g.cmd("c")
check("hw-breakpoint", r.startswith("T05") and g.reg(num["pc"]) == sym["rt_done"], r)
g.cmd("z1,%x,4" % sym["rt_done"])

# Detach: the program runs on to its end and prints PASS.
check("D", g.cmd("D") == "OK")
g.close()
rc, out, err = sim.wait()
check("detach-runs-to-end", rc == 0 and "PASS" in out, "status %d, out %r" % (rc, out[-200:]))

# Ctrl-C (0x03) stops an endless loop; k ends the session.
sim = Sim(SIM, SPIN)
g = RSP(sim.port)
g.cmd("QStartNoAckMode")
g.ack = False
g.send("c")
time.sleep(0.3)
g.send_raw(b"\x03")
r = g.recv().decode()
pc = g.reg(33)
spin = elf_entry(SPIN)
# The loop is "addi.d $t0, $t0, 1; b 1b" at _start: the PC is one of the
# two, and t0 counts the iterations done.
check("ctrl-c", r.startswith("T02") and pc in (spin, spin + 4) and g.reg(12) > 0, "%s pc %x" % (r, pc))
# Malformed packets (fixed pseudo-random bytes, valid checksums; register
# and memory writes among them, so on the spin image) get an error or the
# empty reply and never kill the stub; it still answers.
import random  # noqa: E402
rnd = random.Random(5)
alive = True
for i in range(300):
    body = bytes(rnd.choice(b"gGpPmMXZzqQvHTs?,:;=0123456789abcdefx}*-") for _ in range(rnd.randrange(1, 40)))
    if body[:1] in (b"c", b"s", b"v", b"D", b"k") or body.startswith(b"vCont"):
        continue        # run control / detach: not noise
    if body[:1] in (b"s",):
        continue
    try:
        g.send(body)
        g.recv()
    except Exception as e:  # noqa: BLE001
        alive = False
        break
check("malformed-packets", alive and g.cmd("?").startswith("T02"), body)

g.send("k")
g.close()
rc, out, err = sim.wait()
check("kill", rc == 0, "status %d" % rc)

sys.exit(1 if failures else 0)
