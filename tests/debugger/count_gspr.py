#!/usr/bin/env python3
"""count_gspr.py TRACE.jsonl KIND=N... - the GSPR exits of a JSON-lines
trace, classified by the instruction in BADI, must be exactly KIND=N."""
import collections
import json
import sys

# opcode / mask (Vol.1 appendix B, and lvz/route.c's sensitive list)
CLASSES = [("cpucfg", 0x00006c00, 0xfffffc00), ("idle", 0x06488000, 0xffff8000),
           ("iocsr", 0x06480000, 0xffffe000), ("csr", 0x04000000, 0xff000000),
           ("cacop", 0x06000000, 0xffc00000)]
counts = collections.Counter()
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["ev"] == "exit:gspr":
        b = int(o["badi"], 16)
        counts[next((n for n, m, k in CLASSES if b & k == m), "other")] += 1
want = {k: int(v) for k, v in (a.split("=") for a in sys.argv[2:])}
ok = dict(counts) == want
print("ok - debugger/hv-sensitive/trace-gspr-classes" if ok else
      "not ok - debugger/hv-sensitive/trace-gspr-classes: %s, expected %s" % (dict(counts), want))
sys.exit(0 if ok else 1)
