#!/usr/bin/env python3
"""diff.py - differential random testing of lvzsim against QEMU 7.2.

    diff.py --seed S --count N [--per-image K] [--fp 0|1] ...

Generates N random sequences (gen.py) from seed S, packs K of them into
each bare-metal image (image.py, harness.c), runs every image on lvzsim
and on qemu-system-loongarch64 and compares the dumps sequence by
sequence (run.py).  Prints one TAP line per image, or one "not ok" per
differing sequence followed by its minimized reproducer (shrink.py) as
assembly; the reproducer is also saved as BUILD/.../fail-<seed>-<seq>.S
(and .elf).  The seed is printed on every run, so
`make check-diff N=... SEED=...` reproduces any failure.
"""
import argparse
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import isa  # noqa: E402
from gen import (EXCLUDED, DUMP_EXCLUSIONS, NEVER_GENERATED, Stats, generate, count_items,  # noqa: E402
                 count_insns, mnemonics)  # noqa: E402
from image import Builder, image_source, sequence_lines, static_insns  # noqa: E402
from run import Runner, compare  # noqa: E402
from shrink import Shrinker  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', required=True)
    ap.add_argument('--count', type=int, required=True)
    ap.add_argument('--per-image', type=int, default=64)
    ap.add_argument('--fp', type=int, default=0, help='generate the FP classes (1) or not (0)')
    ap.add_argument('--name', default='diff')
    ap.add_argument('--lvzsim', required=True)
    ap.add_argument('--qemu', default='qemu-system-loongarch64')
    ap.add_argument('--cc', required=True, help='target compiler command with flags')
    ap.add_argument('--ld', required=True, help='target linker command with -T script')
    ap.add_argument('--objs', required=True, help='runtime objects and harness.o, space separated')
    ap.add_argument('--out', required=True)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--shrink', type=int, default=3, help='minimize at most this many failures')
    ap.add_argument('--shrink-tests', type=int, default=250)
    ap.add_argument('--timeout', type=int, default=120)
    a = ap.parse_args()

    t0 = time.time()
    isa.check()
    stats = Stats()
    seqs = [generate(a.seed, i, bool(a.fp), stats) for i in range(a.count)]
    groups = [seqs[i:i + a.per_image] for i in range(0, len(seqs), a.per_image)]
    incdir = os.path.dirname(os.path.abspath(__file__))
    builder = Builder(a.cc, a.ld, a.objs.split(), incdir)
    runner = Runner(a.lvzsim, a.qemu, a.timeout)
    out = os.path.join(a.out, 'seed-%s' % a.seed)
    print('# %s: seed %s, %d sequences in %d images, FP classes %s' % (
        a.name, a.seed, len(seqs), len(groups), 'on' if a.fp else 'off'))
    sys.stdout.flush()

    def one(k):
        g = groups[k]
        elf, err = builder.build(image_source(g, 'seed %s image %d' % (a.seed, k)),
                                 os.path.join(out, 'img%d' % k))
        if err:
            return k, None, err
        return k, compare(runner, elf, [s.name for s in g]), None

    failures = []
    n_fail_lines = 0
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for k, oc, err in ex.map(one, range(len(groups))):
            g = groups[k]
            label = '%s image %d (seed %s, %s..%s)' % (a.name, k, a.seed, g[0].name, g[-1].name)
            if err:
                print('not ok - %s: %s' % (label, err.splitlines()[0]))
                for ln in err.splitlines()[1:12]:
                    print('#   ' + ln)
                n_fail_lines += 1
            elif oc.ok:
                print('ok - %s: %d sequences, %d instructions agree' % (label, len(g), static_insns(g)))
            else:
                byname = {s.name: s for s in g}
                for name, why in oc.failures:
                    failures.append((byname.get(name), why, label))
            sys.stdout.flush()

    for i, (s, why, label) in enumerate(failures):
        if s is None:
            print('not ok - %s: %s' % (label, why))
            continue
        print('not ok - %s seed %s %s: %s' % (a.name, a.seed, s.name, why))
        if i < a.shrink:
            report_minimized(a, s, builder, runner, out)
        else:
            print('#   (not minimized: only the first %d failures are; rerun with the seed)' % a.shrink)
        sys.stdout.flush()

    ninsn = static_insns(seqs)
    print('# %s: %d sequences, %d items, %d instructions compared (static count; loops run up to 6x), '
          'seed %s, %.0f s' % (a.name, len(seqs), sum(count_items(s.body) for s in seqs), ninsn,
                               a.seed, time.time() - t0))
    used = {}
    for s in seqs:
        for m, n in mnemonics(sequence_lines(s)).items():
            used[m] = used.get(m, 0) + n
    gen_classes = [m for m, c in isa.CLASSES.items()
                   if (a.fp or c not in isa.FP_CLASSES) and m not in NEVER_GENERATED]
    unused = [m for m in gen_classes if m not in used]
    print('# mnemonics generated: %d of %d eligible%s (never: %s)' % (
        len([m for m in gen_classes if m in used]), len(gen_classes),
        ('; not drawn this run: ' + ' '.join(unused)) if unused else '',
        ', '.join('%s [%s]' % kv for kv in NEVER_GENERATED.items())))
    print('# excluded cases (QEMU 7.2 departs from the manual): draws the generator redirected away from each')
    for k, reason in EXCLUDED.items():
        print('#   %-18s %5d  %s' % (k, stats.excluded[k], reason))
    for k, reason in DUMP_EXCLUSIONS.items():
        print('#   %-18s %5s  %s' % (k, 'dump', reason))
    by_reason = {}
    for m, reason in isa.NOT_GENERATED.items():
        by_reason.setdefault(reason, []).append(m)
    print('# not generated (%d table entries; tests/diff/isa.py NOT_GENERATED):' % len(isa.NOT_GENERATED))
    for reason, ms in by_reason.items():
        print('#   %s: %s' % (' '.join(ms), reason))
    if not a.fp:
        print('# FP classes off (--fp 0): %d FP table entries not generated' % sum(
            1 for c in isa.CLASSES.values() if c in isa.FP_CLASSES))
    return 1 if (failures or n_fail_lines) else 0


def report_minimized(a, s, builder, runner, out):
    stem = os.path.join(out, 'shrink', s.name)
    counter = [0]

    def fails(body):
        counter[0] += 1
        t = clone(s, body)
        elf, err = builder.build(image_source([t], 'shrinking %s' % s.name), '%s-%d' % (stem, counter[0] % 2))
        if err:
            return False
        return not compare(runner, elf, [t.name]).ok

    if not fails(s.body):
        print('#   %s alone does not differ (it depends on an earlier sequence of its image); '
              'image source kept in %s' % (s.name, out))
        return
    t0 = time.time()
    body, complete = Shrinker(fails, a.shrink_tests).run(s.body)
    t = clone(s, body)
    path = os.path.join(a.out, 'fail-%s-%s' % (a.seed, s.name))
    elf, _ = builder.build(image_source([t], 'minimized reproducer: seed %s %s' % (a.seed, s.name)), path)
    oc = compare(runner, elf, [t.name])
    lines = sequence_lines(t)
    print('#   minimized%s in %.0f s: %d instructions; reproducer %s.S (%s.elf)' % (
        '' if complete else ' (test budget reached)', time.time() - t0, count_insns(lines), path, path))
    for n, why in oc.failures:
        print('#   difference: %s' % why)
    used = sorted({int(x) for ln in lines for x in re.findall(r'\$r(\d+)', ln)})
    init = ['r%d=%s' % (n, 'sandbox' if n == s.base else '0x%x' % s.gpr[n]) for n in used if n]
    print('#   initial: base r%d = sandbox + 4096; %s' % (s.base, ' '.join(init)))
    for ln in lines:
        print('#     ' + ln)


def clone(s, body):
    import copy
    t = copy.copy(s)
    t.body = body
    return t


if __name__ == '__main__':
    sys.exit(main())
