#!/usr/bin/env python3
"""check_checkpoint.py SIM IMAGE PLAIN.trace OUTDIR - checkpoint equivalence.

A run restored from a checkpoint taken after N instructions must write the
same trace as the original run from instruction N on (the lines numbered
N and above), and the program must still pass.  Save points: just before
and just after each exception and VM exit of the original run, so
checkpoints are taken in the guest and in the host's handlers, with both
timers armed, at timer deadlines, with TLB entries of both types live.
Also: saving does not disturb the saving run, and a checkpoint saved by
the debugger's `save` restores from the command line.
"""
import re
import subprocess
import sys

sim, image, plain, out = sys.argv[1:5]
fails = 0


def check(name, ok, why=""):
    global fails
    print(("ok - debugger/%s" % name) if ok else ("not ok - debugger/%s: %s" % (name, why)))
    sys.stdout.flush()
    fails += not ok


def run(*args, stdin=None):
    p = subprocess.run([sim, *args], input=stdin, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


lines = open(plain).read().splitlines(True)
num = [int(l.split(" ", 1)[0]) for l in lines]


def tail(n):
    return "".join(l for l, k in zip(lines, num) if k >= n)


points = set()
for l, k in zip(lines, num):
    if " exception " in l or " vm exit:" in l:
        points.update((k, k + 1))
points = sorted(p for p in points if p > 0)
check("checkpoint-save-points", len(points) >= 10, points)

ck = out + "/eq.ck"
bad = []
for n in points:
    rc, o, e = run("--save-at", str(n), ck, image)
    rc2, o2, e2 = run("--trace", out + "/restored.trace", "--trace-events", "all", "--restore", ck, image)
    if rc or rc2 or "PASS" not in o2 or open(out + "/restored.trace").read() != tail(n):
        bad.append(n)
check("checkpoint-restore-same-trace", not bad and points,
      "restored trace differs from the original at save points %s" % bad[:5])

rc, o, e = run("--trace", out + "/saving.trace", "--trace-events", "all", "--save-at", str(points[len(points) // 2]),
               ck, image)
check("checkpoint-saving-run-undisturbed", rc == 0 and open(out + "/saving.trace").read() == "".join(lines))

# The debugger's save, at the stage-2 refill exit, restored by --restore.
rc, o, e = run("--debug", image, stdin="break exit tlbr\ncontinue\nsave %s\nquit\n" % ck)
m = re.search(r"saved to .* at insn (\d+)", o)
rc2, o2, e2 = run("--trace", out + "/restored.trace", "--trace-events", "all", "--restore", ck, image) if m else (1, "", "")
check("checkpoint-debugger-save-restore", m and rc2 == 0 and open(out + "/restored.trace").read() == tail(int(m.group(1))),
      o[-300:])

# Bad checkpoints are refused with one line, and never crash: a truncated
# file, a file that is no checkpoint, a RAM size that does not match.
data = open(ck, "rb").read()
open(out + "/trunc.ck", "wb").write(data[:len(data) // 2])
open(out + "/junk.ck", "wb").write(b"not a checkpoint\n")
results = [run("--restore", out + "/trunc.ck", image), run("--restore", out + "/junk.ck", image),
           run("-m", "512M", "--restore", ck, image)]
check("checkpoint-bad-input", all(rc == 1 and e.count("\n") == 1 for rc, o, e in results),
      [(rc, e) for rc, o, e in results])
sys.exit(1 if fails else 0)
