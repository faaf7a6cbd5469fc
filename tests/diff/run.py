"""run.py - run one image on lvzsim and on QEMU 7.2 and compare the dumps
sequence by sequence (harness.c prints lines "<seq> <field> <value>").
"""
import subprocess

QEMU_ARGS = ['-M', 'virt', '-m', '1G', '-nographic', '-no-reboot', '-net', 'none']


class Runner:
    def __init__(self, lvzsim, qemu, timeout=120, max_insns=200000000):
        self.lvzsim, self.qemu = lvzsim, qemu
        self.timeout, self.max_insns = timeout, max_insns

    def _run(self, argv):
        try:
            p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=self.timeout)
            return p.returncode, p.stdout.decode('latin-1'), p.stderr.decode('latin-1')
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b'').decode('latin-1')
            return 124, out, 'timed out after %d s' % self.timeout

    def sim(self, elf):
        return self._run([self.lvzsim, '--max-insns', str(self.max_insns), elf])

    def oracle(self, elf):
        return self._run([self.qemu] + QEMU_ARGS + ['-kernel', elf])


def parse(text):
    """{seq name: [lines]} in order of appearance, and whether DIFF DONE came."""
    seqs = {}
    done = False
    for ln in text.splitlines():
        ln = ln.rstrip('\r')
        if ln == 'DIFF DONE':
            done = True
            continue
        name, _, rest = ln.partition(' ')
        if name and rest:
            seqs.setdefault(name, []).append(rest)
    return seqs, done


class Outcome:
    """The comparison of one image: per-sequence differences."""

    def __init__(self, names, sim, qemu):
        self.names = names
        self.sim_rc, self.sim_out, self.sim_err = sim
        self.qemu_rc, self.qemu_out, self.qemu_err = qemu
        s, s_done = parse(self.sim_out)
        q, q_done = parse(self.qemu_out)
        self.failures = []      # [(name, why)]
        for n in names:
            a, b = s.get(n), q.get(n)
            if a is None or b is None:
                side = 'lvzsim' if a is None else 'qemu'
                rc, err = (self.sim_rc, self.sim_err) if a is None else (self.qemu_rc, self.qemu_err)
                if a is None and b is None and self.qemu_rc != 0:
                    side = 'both'
                self.failures.append((n, 'no dump from %s (exit status %d%s)' % (
                    side, rc, ': ' + err.strip().splitlines()[-1][:200] if err.strip() else '')))
                break   # the run stopped here: later sequences never ran
            if a != b:
                self.failures.append((n, first_difference(a, b)))
        if not self.failures and not (s_done and q_done):
            self.failures.append((names[-1] if names else '?', 'no "DIFF DONE" (lvzsim %d, qemu %d)' % (
                self.sim_rc, self.qemu_rc)))

    @property
    def ok(self):
        return not self.failures


def first_difference(a, b):
    for x, y in zip(a, b):
        if x != y:
            return 'lvzsim "%s" vs qemu "%s"' % (x, y)
    longer, who = (a, 'lvzsim') if len(a) > len(b) else (b, 'qemu')
    return 'only %s has "%s"' % (who, longer[min(len(a), len(b))])


def compare(runner, elf, names):
    """Run both, keep their UART output next to the image (.sim, .qemu)."""
    sim, qemu = runner.sim(elf), runner.oracle(elf)
    stem = elf[:-4] if elf.endswith('.elf') else elf
    for ext, res in (('.sim', sim), ('.qemu', qemu)):
        with open(stem + ext, 'w') as fh:
            fh.write(res[1])
    return Outcome(names, sim, qemu)
