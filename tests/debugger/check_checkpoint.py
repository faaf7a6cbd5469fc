#!/usr/bin/env python3
"""check_checkpoint.py SIM IMAGE OUTDIR EVENTS LABEL [MAXPOINTS] - checkpoint
equivalence.

A run restored from a checkpoint taken after N instructions must write the
same trace (with --trace-events EVENTS) as the original run from
instruction N on (its lines numbered N and above), the rest of the original
run's console output, and exit with the same status.  Save points: just
before and just after exceptions and VM exits of the original run (at most
MAXPOINTS of them, spread over the run), so checkpoints are taken in the
guest and in the host's handlers, with both timers armed, at timer
deadlines, with TLB entries of both types live.  Also: saving does not
disturb the saving run, a checkpoint saved by the debugger's `save`
restores from the command line, and bad checkpoints are refused.
"""
import re
import subprocess
import sys

sim, image, out, events, label = sys.argv[1:6]
maxpoints = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
fails = 0


def check(name, ok, why=""):
    global fails
    name = "debugger/%s/%s" % (label, name)
    print(("ok - %s" % name) if ok else ("not ok - %s: %s" % (name, why)))
    sys.stdout.flush()
    fails += not ok


def run(*args, stdin=None):
    p = subprocess.run([sim, *args], input=stdin, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def traced(*args, stdin=None):
    rc, o, e = run("--trace", out + "/ck.trace", "--trace-events", events, *args, stdin=stdin)
    return rc, o, open(out + "/ck.trace").read()


rc0, out0, plain = traced(image)
lines = plain.splitlines(True)
num = [int(l.split(" ", 1)[0]) for l in lines]


def tail(n):
    return "".join(l for l, k in zip(lines, num) if k >= n)


points = set()
for l, k in zip(lines, num):
    if " exception " in l or " vm exit:" in l:
        points.update((k, k + 1))
points = sorted(p for p in points if p > 0)
if len(points) > maxpoints:
    step = len(points) / maxpoints
    points = sorted({points[int(i * step)] for i in range(maxpoints)})
check("save-points", len(points) >= 10, points)

ck = out + "/" + label.replace("/", "-") + ".ck"
bad = []
for n in points:
    rc, o, e = run("--save-at", str(n), ck, image)
    rc2, o2, t2 = traced("--restore", ck, image)
    if rc != rc0 or rc2 != rc0 or not out0.endswith(o2) or t2 != tail(n):
        bad.append(n)
check("restore-same-trace", not bad and points,
      "restored run differs from the original at save points %s" % bad[:5])

rc, o, t = traced("--save-at", str(points[len(points) // 2]), ck, image)
check("saving-run-undisturbed", rc == rc0 and o == out0 and t == plain)

# The debugger's save at the first VM exit, restored by --restore.
rc, o, e = run("--debug", image, stdin="break exit any\ncontinue\nsave %s\nquit\n" % ck)
m = re.search(r"saved to .* at insn (\d+)", o)
rc2, o2, t2 = traced("--restore", ck, image) if m else (1, "", "")
check("debugger-save-restore", m and rc2 == rc0 and t2 == tail(int(m.group(1))), o[-300:])

# Bad checkpoints are refused with one line, and never crash: a truncated
# file, a file that is no checkpoint, a RAM size that does not match.
data = open(ck, "rb").read()
open(out + "/trunc.ck", "wb").write(data[:len(data) // 2])
open(out + "/junk.ck", "wb").write(b"not a checkpoint\n")
results = [run("--restore", out + "/trunc.ck", image), run("--restore", out + "/junk.ck", image),
           run("-m", "512M", "--restore", ck, image)]
check("bad-input", all(rc == 1 and e.count("\n") == 1 for rc, o, e in results),
      [(rc, e) for rc, o, e in results])
sys.exit(1 if fails else 0)
