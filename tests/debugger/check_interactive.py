#!/usr/bin/env python3
"""check_interactive.py SIM IMAGE SPIN - the debugger on a terminal
(readline completion and history, through a pseudo-terminal) and Ctrl-C
(SIGINT) stopping a running machine."""
import os
import re
import select
import signal
import subprocess
import sys
import time

sim, image, spin = sys.argv[1:4]
fails = 0


def check(name, ok, why=""):
    global fails
    print(("ok - debugger/%s" % name) if ok else ("not ok - debugger/%s: %s" % (name, why)))
    sys.stdout.flush()
    fails += not ok


# ---- Ctrl-C with commands on a pipe: spin.elf loops forever at _start.
with open(spin, "rb") as f:
    entry = int.from_bytes(f.read(32)[24:32], "little")
p = subprocess.Popen([sim, "--debug", spin], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, text=True)
p.stdin.write("continue\n")
p.stdin.flush()
seen = ""
deadline = time.time() + 20
while "(lvzsim) continue" not in seen and time.time() < deadline:
    seen += p.stdout.readline()
time.sleep(0.3)
p.send_signal(signal.SIGINT)
try:
    rest, _ = p.communicate("info regs\nquit\n", timeout=20)
except subprocess.TimeoutExpired:
    p.kill()
    rest, _ = p.communicate()
# The loop is "addi.d $t0, $t0, 1; b 1b": the stop is at one of the two.
stop = any("[host plv0] insn" in l and ("0x%016x" % entry in l or "0x%016x" % (entry + 4) in l)
           for l in rest.splitlines())
check("ctrl-c", "stopped: interrupted" in rest and stop and p.returncode == 0, rest[-300:])

# ---- a terminal: completion and history
pid, fd = os.forkpty()
if pid == 0:
    os.environ["TERM"] = "dumb"
    os.environ.pop("INPUTRC", None)
    os.environ["INPUTRC"] = "/dev/null"
    os.execv(sim, [sim, "--debug", image])
buf = b""


def read_until(pattern, timeout=10):
    global buf
    end = time.time() + timeout
    while time.time() < end:
        if re.search(pattern, buf):
            return True
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    return bool(re.search(pattern, buf))


def send(s):
    os.write(fd, s.encode())


read_until(rb"\(lvzsim\) ")
start = len(buf)
send("inf\t")           # completes the command name
ok1 = read_until(rb"info ")
send("reg\t")           # ... and the info topic
ok2 = read_until(rb"regs ")
send("\r")
ok3 = read_until(rb"pc   0x0000000000200000")
send("\x10\r")          # Ctrl-P: the previous line from the history
ok4 = read_until(rb"(?s)pc   0x0000000000200000.*pc   0x0000000000200000")
send("break exit gs\t") # exit kinds
ok5 = read_until(rb"gspr ")
send("\x15")            # Ctrl-U: forget the line
send("break guest_cpu\t")  # symbols of the image
ok6 = read_until(rb"guest_cpucfg ")
send("\x15quit\r")
os.waitpid(pid, 0)
os.close(fd)
check("readline-completion", ok1 and ok2 and ok5 and ok6, buf[start:][-400:])
check("readline-history", ok3 and ok4, buf[start:][-400:])
sys.exit(1 if fails else 0)
