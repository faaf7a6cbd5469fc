"""gen.py - random instruction sequences for the differential test.

A sequence is a list of items.  An item is either one instruction line (a
string; a few templates are two lines that belong together, e.g. an index
computation and the ldx using it) or a Block: a forward branch over its
body, a short counted loop, a bl/jirl over its body.  Items are the units
the shrinker (shrink.py) removes, so every item is valid on its own: a
branch item carries the instructions it skips, a loop its body.

Rules that keep every sequence deterministic and inside its sandbox:
  - one base register (random per sequence) points at the sandbox and is
    never written; loads and stores use base + offsets kept inside the
    520-byte window [base - 256, base + 264);
  - an index or address temporary is computed right before its use, from
    the base or a masked random register;
  - the loop counter is reserved inside its loop; loops never nest, and
    branches only go forward, so every sequence terminates;
  - ll/sc come in pairs with only ALU instructions between them.

QEMU 7.2 departures from the manual that the generator avoids are listed
in EXCLUDED (with the reason) and counted each time a template would have
produced one; run.py prints the counts.  The whole draw is a function of
(seed, sequence index), so `make check-diff SEED=...` reproduces a run.
"""
import random

from isa import CLASSES, FP_CLASSES

WINDOW_LO = 256          # bytes of the sandbox below the base register
WINDOW_HI = 264          # bytes from the base register up (8 of slack)
WINDOW = WINDOW_LO + WINDOW_HI

# Cases the generator does not produce because QEMU 7.2 is wrong by the
# manual there (or differs from a real LA464); each is counted.
EXCLUDED = {
    'sc-other-address':
        'sc to an address other than its ll: Vol.1 2.2.7 makes sc succeed when LLbit = 1 whatever the '
        'address; QEMU 7.2 emulates ll/sc with a compare-and-swap on the ll address and value, so it fails',
    'sc-after-store':
        'a store between ll and sc: QEMU 7.2 fails the sc only if the value at the ll address changed '
        '(cmpxchg), while LLbit is architecturally kept by a store from the same core',
    'sc-without-ll':
        'sc with no ll of its own: QEMU 7.2 keeps the last ll address after an sc and succeeds a second sc '
        'if memory still holds the ll value; Vol.1 2.2.7 clears LLbit on sc',
    'bound-misaligned':
        'misaligned ldgt/ldle/stgt/stle (and FP forms): Vol.1 2.2.6 requires natural alignment (ALE); '
        'QEMU 7.2 performs the access without the check',
    'bce':
        'a failing bound check (asrtle/asrtgt, ldgt/ldle/stgt/stle and FP forms: BCE): QEMU 7.2 raises it '
        'from a helper with no return address, so ERA is the start of the translation block, not the '
        'instruction (helper_asrtle_d/helper_asrtgt_d pass 0); only passing checks are generated',
    'asrt-sign':
        'asrtle.d/asrtgt.d on operands whose signed and unsigned order differ: Vol.1 2.2.10.3 compares '
        'them as signed numbers, QEMU 7.2 (helper_asrtle_d/helper_asrtgt_d) as unsigned',
    'preldx':
        'preldx: a valid LA64 prefetch (Vol.1 2.2.5, a no-op for the architectural state); QEMU 7.2\'s '
        'decoder lacks it (insns.decode has only preld) and raises INE; drawn as preld instead',
    'fp-bound-address':
        'fldgt/fldle/fstgt/fstle: Vol.1 3.2.6 takes the address from rj alone; QEMU 7.2 '
        '(gen_fload_gt/gen_fstore_le...) accesses rj + rk.  Only the *gt forms with rk = $r0 are '
        'generated (then rj + rk = rj and rj > 0 passes); the *le forms never',
    'fcsr0-reserved':
        'movgr2fcsr $fcsr0 from an arbitrary register: FCSR0 bits 31:29, 23:21, 15:10 and 7:5 are '
        'reserved, read as 0 (Vol.1 3.1.3); QEMU 7.2 stores all 32 bits (fcsr_mask[0] = UINT32_MAX) '
        'and reads them back.  Arbitrary values go to fcsr1-3 (masked on both), fcsr0 gets valid ones',
    'am-misaligned':
        'misaligned am*/ll/sc: Vol.1 2.2.7 requires natural alignment (ALE); QEMU 7.2 does not check',
}

# Table entries that the exclusions above keep out of every sequence
# (the key of EXCLUDED that says why).
NEVER_GENERATED = {'preldx': 'preldx', 'fldle.s': 'fp-bound-address', 'fldle.d': 'fp-bound-address',
                   'fstle.s': 'fp-bound-address', 'fstle.d': 'fp-bound-address'}

# Dump fields left out for the same reason (harness.c prints BADV only for
# the exceptions whose BADV QEMU 7.2 writes as the manual says).
DUMP_EXCLUSIONS = {
    'badv-bce':
        'BADV after BCE: Vol.1 7.4.8 records the bad address; QEMU 7.2 writes the PC there '
        '(it does the same for SYS/BRK/INE/IPE/FPD/FPE, where the manual writes nothing)',
    'badv-adem':
        'BADV after ADEM from an access to no device: QEMU 7.2 writes the PC there, the manual the '
        'bad address (Vol.1 7.4.8)',
}

MEM_LD_ST = ['ld.b', 'ld.h', 'ld.w', 'ld.d', 'ld.bu', 'ld.hu', 'ld.wu', 'st.b', 'st.h', 'st.w', 'st.d']

SPECIAL64 = [0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
             0xffffffff, 0x100000000, 0x7fffffffffffffff, 0x8000000000000000,
             0xffffffffffffffff, 0xffffffff80000000, 0xffffffff7fffffff, 0xfffffffffffffffe,
             0x00000000ffff8000, 0x0000000100000001, 0x8000000000000001]

M64 = (1 << 64) - 1


def r(n):
    return '$r%d' % n


def f(n):
    return '$f%d' % n


def fcc(n):
    return '$fcc%d' % n


class Block:
    """A forward branch, a loop, or a call over `body` (a list of items).
    head/tail are lines with {L} standing for the block's label."""

    def __init__(self, kind, head, body, tail):
        self.kind, self.head, self.body, self.tail = kind, head, body, tail

    def copy(self, body=None):
        return Block(self.kind, list(self.head), list(self.body if body is None else body), list(self.tail))


class Sequence:
    def __init__(self, seed, index, fp):
        self.seed, self.index, self.fp = seed, index, fp
        self.name = 's%d' % index
        self.base = 0
        self.gpr = [0] * 32
        self.buf = b''
        self.fpr = [0] * 32
        self.fcsr = 0
        self.fcc = 0
        self.pg = None          # (DMW0, DMW2, base alias) for a paged sequence
        self.body = []


class Stats:
    def __init__(self):
        self.excluded = {k: 0 for k in EXCLUDED}

    def exclude(self, k):
        self.excluded[k] += 1


# ---- emitting: items -> assembly lines (labels numbered per sequence) ----
def emit_items(items, prefix, counter=None):
    counter = counter if counter is not None else [0]
    out = []
    for it in items:
        if isinstance(it, Block):
            counter[0] += 1
            label = '.L%s_%d' % (prefix, counter[0])
            out += [h.format(L=label) for h in it.head]
            out += emit_items(it.body, prefix, counter)
            out += [t.format(L=label) for t in it.tail]
        else:
            out += it.split('\n')
    return out


def count_insns(lines):
    """Machine instructions in emitted lines (la.pcrel is two; data lines,
    marked "# data", and directives other than .word are none)."""
    n = 0
    for ln in lines:
        s = ln.split(':', 1)[1].strip() if ln.startswith('.L') and ':' in ln else ln.strip()
        if not s or s.startswith('#') or s.endswith('# data') or (s.startswith('.') and not s.startswith('.word')):
            continue
        n += 2 if s.startswith('la.pcrel') else 1
    return n


def mnemonics(lines):
    """{mnemonic: count} of emitted lines (a .word's comment names it)."""
    out = {}
    for ln in lines:
        s = ln.split(':', 1)[1].strip() if ln.startswith('.L') and ':' in ln else ln.strip()
        if not s or s.startswith('#') or (s.startswith('.') and not s.startswith('.word')):
            continue
        m = s.split('#')[1].split()[0].rstrip(':') if s.startswith('.word') else s.split()[0]
        out[m] = out.get(m, 0) + 1
    return out


def count_items(items):
    return sum(1 + count_items(it.body) if isinstance(it, Block) else 1 for it in items)


class Generator:
    def __init__(self, seed, index, fp, stats):
        self.rng = random.Random('lvzsim-diff/%s/%d' % (seed, index))
        self.fp = fp
        self.stats = stats
        self.seq = Sequence(seed, index, fp)
        self.reserved = set()
        self.labels = 0

    # ---- random values ----
    def value64(self):
        g = self.rng
        k = g.random()
        if k < 0.3:
            return g.getrandbits(64)
        if k < 0.5:
            return sext(g.getrandbits(32), 32)
        if k < 0.65:
            return g.choice(SPECIAL64)
        if k < 0.8:
            return g.randrange(-20, 21) & M64
        if k < 0.9:
            return ((1 << g.randrange(64)) + g.choice([-1, 0, 1])) & M64
        return (g.getrandbits(64) & g.getrandbits(64)) if g.random() < 0.5 else (g.getrandbits(64) | g.getrandbits(64))

    def simm(self, bits):
        g = self.rng
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        k = g.random()
        if k < 0.2:
            return g.choice([lo, hi, 0, -1, 1, lo + 1, hi - 1])
        if k < 0.5:
            return g.randrange(-32, 33)
        return g.randrange(lo, hi + 1)

    def uimm(self, bits):
        g = self.rng
        hi = (1 << bits) - 1
        return g.choice([0, 1, hi, hi - 1, hi >> 1, (hi >> 1) + 1]) if g.random() < 0.25 else g.randrange(hi + 1)

    # ---- registers ----
    def src(self):
        return self.rng.randrange(32)

    def dst(self):
        """A writable register: never the base, never a reserved one;
        $r0 now and then (the write must vanish)."""
        g = self.rng
        if g.random() < 0.04:
            return 0
        while True:
            n = g.randrange(1, 32)
            if n != self.seq.base and n not in self.reserved:
                return n

    def temp(self):
        return self.dst() or self.temp()

    def fsrc(self):
        return self.rng.randrange(32)

    # ---- integer templates ----
    def t_int_rr(self, m):
        return '%s %s, %s' % (m, r(self.dst()), r(self.src()))

    def t_int_rrr(self, m):
        return '%s %s, %s, %s' % (m, r(self.dst()), r(self.src()), r(self.src()))

    def t_int_sa(self, m):
        g = self.rng
        sa = g.randrange(1, 5) if m.startswith('alsl') else g.randrange(4 if m == 'bytepick.w' else 8)
        return '%s %s, %s, %s, %d' % (m, r(self.dst()), r(self.src()), r(self.src()), sa)

    def t_int_shi(self, m):
        return '%s %s, %s, %d' % (m, r(self.dst()), r(self.src()), self.uimm(5 if m.endswith('.w') else 6))

    def t_int_bstr(self, m):
        g = self.rng
        width = 32 if m.endswith('.w') else 64
        msb = g.randrange(width)
        lsb = g.randrange(msb + 1)
        return '%s %s, %s, %d, %d' % (m, r(self.dst()), r(self.src()), msb, lsb)

    def t_int_si12(self, m):
        return '%s %s, %s, %d' % (m, r(self.dst()), r(self.src()), self.simm(12))

    def t_int_ui12(self, m):
        return '%s %s, %s, %d' % (m, r(self.dst()), r(self.src()), self.uimm(12))

    def t_int_si16(self, m):
        return '%s %s, %s, %d' % (m, r(self.dst()), r(self.src()), self.simm(16))

    def t_int_si20(self, m):
        return '%s %s, %d' % (m, r(self.dst()), self.simm(20))

    def alu(self):
        """One random integer ALU instruction (for ll/sc fillers)."""
        cls = self.rng.choice(['int_rr', 'int_rrr', 'int_shi', 'int_si12', 'int_ui12', 'int_bstr'])
        m = self.rng.choice([k for k, v in CLASSES.items() if v == cls])
        return getattr(self, 't_' + cls)(m)

    # ---- memory templates ----
    @staticmethod
    def width(m):
        for suffix, w in (('.b', 1), ('.bu', 1), ('.h', 2), ('.hu', 2), ('.w', 4), ('.wu', 4),
                          ('.d', 8), ('.s', 4)):
            if m.endswith(suffix):
                return w
        raise ValueError(m)

    def offset(self, w, align=1, shift=0):
        """An offset from (base + shift) with the access inside the window."""
        g = self.rng
        lo, hi = -WINDOW_LO - shift, WINDOW_HI - w - shift
        lo = -(-lo // align) * align
        if g.random() < 0.5:   # around the page boundary the base sits on
            lo2, hi2 = max(lo, -8 - shift), min(hi, 8 - shift)
            if lo2 <= hi2:
                lo, hi = lo2, hi2
        return g.randrange(lo // align, hi // align + 1) * align if align > 1 else g.randrange(lo, hi + 1)

    def address(self, align=1):
        """(lines, reg, shift): a register holding base + shift, shift a
        multiple of align; either the base itself or a fresh temporary."""
        g = self.rng
        if g.random() < 0.5:
            return [], self.seq.base, 0
        t = self.temp()
        shift = g.randrange(-24 // align, 24 // align + 1) * align
        return ['addi.d %s, %s, %d' % (r(t), r(self.seq.base), shift)], t, shift

    def t_mem_ld(self, m, freg=False):
        w = self.width(m)
        pre, a, shift = self.address()
        d = f(self.fsrc()) if freg else r(self.dst())
        return '\n'.join(pre + ['%s %s, %s, %d' % (m, d, r(a), self.offset(w, shift=shift))])

    def t_mem_st(self, m, freg=False):
        w = self.width(m)
        pre, a, shift = self.address()
        v = f(self.fsrc()) if freg else r(self.src())
        return '\n'.join(pre + ['%s %s, %s, %d' % (m, v, r(a), self.offset(w, shift=shift))])

    def index(self, w):
        """Lines putting an in-window index for base + index into a temp."""
        g = self.rng
        t = self.temp()
        if g.random() < 0.6:
            # random register masked to [0, 511], then moved to [-256, 255]
            lines = ['andi %s, %s, 0x1ff' % (r(t), r(self.src())),
                     'addi.d %s, %s, -256' % (r(t), r(t))]
        else:
            lines = ['addi.d %s, $r0, %d' % (r(t), self.offset(w))]
        return lines, t

    def t_mem_ldx(self, m, freg=False):
        lines, t = self.index(self.width(m))
        a, b = (self.seq.base, t) if self.rng.random() < 0.7 else (t, self.seq.base)
        d = f(self.fsrc()) if freg else r(self.dst())
        return '\n'.join(lines + ['%s %s, %s, %s' % (m, d, r(a), r(b))])

    def t_mem_stx(self, m, freg=False):
        lines, t = self.index(self.width(m))
        a, b = (self.seq.base, t) if self.rng.random() < 0.7 else (t, self.seq.base)
        v = f(self.fsrc()) if freg else r(self.src())
        return '\n'.join(lines + ['%s %s, %s, %s' % (m, v, r(a), r(b))])

    def t_mem_ptr(self, m):
        w = self.width(m)
        pre, a, shift = self.address()
        off = self.offset(w, align=4, shift=shift)
        reg = r(self.dst()) if m.startswith('ld') else r(self.src())
        return '\n'.join(pre + ['%s %s, %s, %d' % (m, reg, r(a), off)])

    def t_mem_llsc(self, m):
        g = self.rng
        w = self.width(m)
        sfx = m[-2:]
        if g.random() < 0.25:
            # a lone ll is just a load (LLbit set, no sc follows)
            pre, a, shift = self.address(align=w)
            return '\n'.join(pre + ['ll%s %s, %s, %d' % (sfx, r(self.dst()), r(a), self.offset(w, w, shift))])
        k = g.random()
        if k < 0.05:
            self.stats.exclude('sc-other-address')
        elif k < 0.1:
            self.stats.exclude('sc-after-store')
        elif k < 0.15:
            self.stats.exclude('sc-without-ll')
        elif k < 0.2:
            self.stats.exclude('am-misaligned')
        pre, a, shift = self.address(align=w)
        off = self.offset(w, w, shift)
        self.reserved.add(a)
        lines = pre + ['ll%s %s, %s, %d' % (sfx, r(self.dst()), r(a), off)]
        lines += [self.alu() for _ in range(g.randrange(3))]
        lines.append('sc%s %s, %s, %d' % (sfx, r(self.dst()), r(a), off))
        self.reserved.discard(a)
        return '\n'.join(lines)

    def t_mem_am(self, m):
        g = self.rng
        w = 8 if m.endswith(('.d', '.du')) else 4
        if g.random() < 0.05:
            self.stats.exclude('am-misaligned')
        t = self.temp()
        lines = ['addi.d %s, %s, %d' % (r(t), r(self.seq.base), self.offset(w, align=w))]
        rk = self.src()
        rd = self.dst()
        while rd and rd in (t, rk):
            rd = self.dst()
        if g.random() < 0.08:
            # rd = rj or rd = rk: INE on both (Vol.1 2.2.7); clang refuses
            # to assemble it, so it goes in as a word
            rd = g.choice([t, rk])
            if rd == self.seq.base or rd in self.reserved or rd == 0:
                rd = t
            match = table_match(m)
            lines.append('.word 0x%08x  # %s %s, %s, %s (rd = rj or rk: INE)' % (
                match | rk << 10 | t << 5 | rd, m, r(rd), r(rk), r(t)))
            return '\n'.join(lines)
        lines.append('%s %s, %s, %s' % (m, r(rd), r(rk), r(t)))
        return '\n'.join(lines)

    def bound_operands(self, m, w):
        """Address and bound registers for a bound-check access that passes:
        the bound is the address minus 1..9 for *gt, plus 0..9 for *le
        (the addresses are small, so nothing wraps)."""
        g = self.rng
        if g.random() < 0.1:
            self.stats.exclude('bound-misaligned')
        if g.random() < 0.3:
            self.stats.exclude('bce')
        t = self.temp()
        lines = ['addi.d %s, %s, %d' % (r(t), r(self.seq.base), self.offset(w, align=w))]
        self.reserved.add(t)
        b = self.temp()
        self.reserved.discard(t)
        gt = 'gt.' in m
        lines.append('addi.d %s, %s, %d' % (r(b), r(t), g.randrange(-9, 0) if gt else g.randrange(0, 10)))
        return lines, t, b

    def t_mem_bound(self, m, freg=False):
        w = self.width(m)
        lines, t, b = self.bound_operands(m, w)
        if freg:
            d = f(self.fsrc())
        else:
            d = r(self.dst()) if m.startswith('ld') else r(self.src())
        lines.append('%s %s, %s, %s' % (m, d, r(t), r(b)))
        return '\n'.join(lines)

    # Physical ranges with nothing behind them on QEMU 7.2's virt board
    # (and lvzsim's): between the PCH MSI page and 0x40000000, between the
    # PCI memory window and high RAM, and above high RAM (-m 1G: it ends at
    # 0xc0000000).  Not the PCI windows (ECAM 0x20000000, MEM 0x40000000,
    # IO 0x18004000): QEMU's PCI host answers there (reads all-ones) and
    # lvzsim has no PCI host, a board difference rather than a CPU one.
    UNMAPPED = [(0x30000000, 0x3fffffff), (0x80000000, 0x8fffffff), (0xc0000000, 0xffffffffffff)]

    def unmapped(self):
        """A load or store to a physical address with nothing there (DA
        mode: PA = VA[47:0]).  Both raise ADEM (a failed transaction);
        BADV is not compared (see DUMP_EXCLUSIONS)."""
        g = self.rng
        m = g.choice(MEM_LD_ST)
        t = self.temp()
        lo, hi = g.choice(self.UNMAPPED)
        a = g.randrange(lo, hi + 1) & ~0xfff
        # lu12i.w sign-extends bit 31; lu32i.d then sets bits 51:32 (a < 2^48)
        hi20 = (a >> 12) & 0xfffff
        lines = ['lu12i.w %s, %d' % (r(t), hi20 - (1 << 20) if hi20 >> 19 else hi20)]
        if a >> 31:
            lines.append('lu32i.d %s, %d' % (r(t), a >> 32))
        reg = r(self.dst()) if m.startswith('ld') else r(self.src())
        lines.append('%s %s, %s, %d' % (m, reg, r(t), g.randrange(0, 2048)))
        return '\n'.join(lines)

    def t_asrt(self, m):
        """Only passing assertions (see EXCLUDED 'bce')."""
        g = self.rng
        if g.random() < 0.3:
            self.stats.exclude('bce')
        if g.random() < 0.3:
            self.stats.exclude('asrt-sign')
        if m == 'asrtle.d':
            if g.random() < 0.5:
                a = self.src()
                return 'asrtle.d %s, %s' % (r(a), r(a))
            t = self.temp()
            lines = ['ori %s, $r0, %d' % (r(t), g.randrange(0, 4096))]
            self.reserved.add(t)
            u = self.temp()
            self.reserved.discard(t)
            lines.append('addi.d %s, %s, %d' % (r(u), r(t), g.randrange(0, 100)))
            return '\n'.join(lines + ['asrtle.d %s, %s' % (r(t), r(u))])
        t = self.temp()
        lines = ['ori %s, $r0, %d' % (r(t), g.randrange(1, 4096))]
        if g.random() < 0.5:
            return '\n'.join(lines + ['asrtgt.d %s, $r0' % r(t)])
        self.reserved.add(t)
        u = self.temp()
        self.reserved.discard(t)
        lines.append('addi.d %s, %s, -%d' % (r(u), r(t), g.randrange(1, 2)))
        return '\n'.join(lines + ['asrtgt.d %s, %s' % (r(t), r(u))])

    def t_hint(self, m):
        g = self.rng
        if m == 'preld':
            return 'preld %d, %s, %d' % (g.randrange(32), r(self.src()), self.simm(12))
        if m == 'preldx':
            self.stats.exclude('preldx')
            return 'preld %d, %s, %d' % (g.randrange(32), r(self.src()), self.simm(12))
        return '%s %d' % (m, self.uimm(15))

    def t_trap(self, m):
        return '%s %d' % (m, self.uimm(15))

    def t_v11_ine(self, m):
        match, mask = table_match(m), table_mask(m)
        word = match | (self.rng.getrandbits(32) & ~mask & 0xffffffff)
        return '.word 0x%08x  # %s: LA v1.1, absent on LA464 -> INE' % (word, m)

    t_v11_fp_ine = t_v11_ine

    # ---- control flow ----
    def body(self, depth, n=None, in_loop=False):
        n = n if n is not None else self.rng.randrange(1, 5)
        return [self.item(depth + 1, in_loop) for _ in range(n)]

    def t_branch(self, m, depth, in_loop):
        g = self.rng
        if m in ('beqz', 'bnez'):
            head = '%s %s, {L}' % (m, r(self.src()))
        elif m == 'b':
            head = 'b {L}'
        else:
            a = self.src()
            b = a if g.random() < 0.15 else self.src()
            head = '%s %s, %s, {L}' % (m, r(a), r(b))
        return Block('skip', [head], self.body(depth, in_loop=in_loop), ['{L}:'])

    def t_call(self, m, depth, in_loop):
        g = self.rng
        if m == 'bl':
            if 1 in self.reserved or self.seq.base == 1:
                return None
            return Block('skip', ['bl {L}'], self.body(depth, in_loop=in_loop), ['{L}:'])
        t = self.temp()
        off = g.randrange(-8, 9) * 4
        rd = self.dst()
        return Block('skip', ['la.pcrel %s, {L}%+d' % (r(t), -off), 'jirl %s, %s, %d' % (r(rd), r(t), off)],
                     self.body(depth, in_loop=in_loop), ['{L}:'])

    def loop(self, depth):
        g = self.rng
        cnt = self.temp()
        self.reserved.add(cnt)
        body = self.body(depth, g.randrange(1, 7), in_loop=True)
        self.reserved.discard(cnt)
        n = g.randrange(1, 7)
        return Block('loop', ['ori %s, $r0, %d' % (r(cnt), n), '{L}:'], body,
                     ['addi.d %s, %s, -1' % (r(cnt), r(cnt)), 'bnez %s, {L}' % r(cnt)])

    def smc(self, depth):
        """Self-modifying code: a two-iteration loop whose first iteration
        runs one ALU instruction, then stores another one's word over it
        (ibar after the store, Vol.1 2.2.9); the second iteration must run
        the new one.  Checks that stores invalidate decoded code."""
        g = self.rng
        cnt = self.temp()
        self.reserved.add(cnt)
        old, new = self.alu(), self.alu()
        t = self.temp()
        self.reserved.add(t)
        u = self.temp()
        self.reserved.discard(t)
        self.reserved.discard(cnt)
        head = ['.pushsection .rodata',
                '.balign 4',
                '{L}_new:',
                new + '    # data',
                '.popsection',
                'ori %s, $r0, 2' % r(cnt),
                '{L}:',
                '{L}_old: ' + old,
                'la.pcrel %s, {L}_new' % r(t),
                'ld.w %s, %s, 0' % (r(u), r(t)),
                'la.pcrel %s, {L}_old' % r(t),
                'st.w %s, %s, 0' % (r(u), r(t)),
                'ibar 0']
        if g.random() < 0.2:
            # Without ibar the manual leaves open which word runs; QEMU 7.2
            # and lvzsim both see the store at once, so it stays in.
            head.pop()
        return Block('loop', head, [], ['addi.d %s, %s, -1' % (r(cnt), r(cnt)), 'bnez %s, {L}' % r(cnt)])

    # ---- FP templates (only when self.fp) ----
    def t_fp_arith3(self, m):
        return '%s %s, %s, %s' % (m, f(self.fsrc()), f(self.fsrc()), f(self.fsrc()))

    def t_fp_arith2(self, m):
        return '%s %s, %s' % (m, f(self.fsrc()), f(self.fsrc()))

    def t_fp_fma(self, m):
        return '%s %s, %s, %s, %s' % (m, f(self.fsrc()), f(self.fsrc()), f(self.fsrc()), f(self.fsrc()))

    t_fp_cvt = t_fp_arith2

    def t_fp_cmp(self, m):
        return '%s %s, %s, %s' % (m, fcc(self.rng.randrange(8)), f(self.fsrc()), f(self.fsrc()))

    def t_fp_sel(self, m):
        return 'fsel %s, %s, %s, %s' % (f(self.fsrc()), f(self.fsrc()), f(self.fsrc()), fcc(self.rng.randrange(8)))

    def t_fp_move(self, m):
        g = self.rng
        c = fcc(g.randrange(8))
        return {
            'movgr2fr.w': lambda: '%s %s, %s' % (m, f(self.fsrc()), r(self.src())),
            'movgr2fr.d': lambda: '%s %s, %s' % (m, f(self.fsrc()), r(self.src())),
            'movgr2frh.w': lambda: '%s %s, %s' % (m, f(self.fsrc()), r(self.src())),
            'movfr2gr.s': lambda: '%s %s, %s' % (m, r(self.dst()), f(self.fsrc())),
            'movfr2gr.d': lambda: '%s %s, %s' % (m, r(self.dst()), f(self.fsrc())),
            'movfrh2gr.s': lambda: '%s %s, %s' % (m, r(self.dst()), f(self.fsrc())),
            'movfr2cf': lambda: '%s %s, %s' % (m, c, f(self.fsrc())),
            'movcf2fr': lambda: '%s %s, %s' % (m, f(self.fsrc()), c),
            'movgr2cf': lambda: '%s %s, %s' % (m, c, r(self.src())),
            'movcf2gr': lambda: '%s %s, %s' % (m, r(self.dst()), c),
        }[m]()

    def t_fp_fcsr(self, m):
        g = self.rng
        n = g.choice([0, 1, 2, 3])
        if m == 'movfcsr2gr':
            return 'movfcsr2gr %s, $fcsr%d' % (r(self.dst()), n)
        if g.random() < 0.3:
            if n == 0:
                self.stats.exclude('fcsr0-reserved')
                n = g.choice([1, 2, 3])
            return 'movgr2fcsr $fcsr%d, %s' % (n, r(self.src()))
        # a chosen rounding mode (and now and then enables or flags)
        t = self.temp()
        v = g.randrange(4) << 8
        if g.random() < 0.15:
            v |= g.randrange(32)                # enables: FPE traps
        if g.random() < 0.3:
            v |= g.randrange(32) << 16          # flags
        return 'lu12i.w %s, %d\nori %s, %s, %d\nmovgr2fcsr $fcsr%d, %s' % (
            r(t), v >> 12, r(t), r(t), v & 0xfff, n, r(t))

    def t_fp_mem(self, m):
        if m.startswith('fldx'):
            return self.t_mem_ldx(m, freg=True)
        if m.startswith('fstx'):
            return self.t_mem_stx(m, freg=True)
        if m.startswith('fld'):
            return self.t_mem_ld(m, freg=True)
        return self.t_mem_st(m, freg=True)

    def t_fp_bound(self, m):
        """See EXCLUDED 'fp-bound-address': QEMU 7.2 adds rk to the address."""
        self.stats.exclude('fp-bound-address')
        if 'le.' in m:
            return None
        w = self.width(m)
        t = self.temp()
        return 'addi.d %s, %s, %d\n%s %s, %s, $r0' % (
            r(t), r(self.seq.base), self.offset(w, align=w), m, f(self.fsrc()), r(t))

    def t_fp_branch(self, m, depth, in_loop):
        return Block('skip', ['%s %s, {L}' % (m, fcc(self.rng.randrange(8)))],
                     self.body(depth, in_loop=in_loop), ['{L}:'])

    # ---- choosing ----
    WEIGHTS = {
        'int_rr': 6, 'int_rrr': 16, 'int_sa': 3, 'int_shi': 4, 'int_bstr': 3, 'int_si12': 5,
        'int_ui12': 3, 'int_si16': 1, 'int_si20': 3,
        'mem_ld': 6, 'mem_st': 6, 'mem_ldx': 3, 'mem_stx': 3, 'mem_ptr': 3, 'mem_llsc': 2,
        'mem_am': 4, 'mem_bound': 2, 'asrt': 0.5, 'hint': 1, 'trap': 0.3,
        'branch': 4, 'call': 1, 'loop': 1.5, 'smc': 0.4, 'unmapped': 0.3, 'v11_ine': 0.3,
        'fp_arith3': 8, 'fp_arith2': 4, 'fp_fma': 3, 'fp_cvt': 5, 'fp_cmp': 4, 'fp_sel': 1,
        'fp_move': 4, 'fp_fcsr': 2, 'fp_mem': 4, 'fp_bound': 1, 'fp_branch': 1.5,
        'v11_fp_ine': 0.2,
    }
    CONTROL = {'branch', 'call', 'fp_branch'}

    def item(self, depth=0, in_loop=False):
        g = self.rng
        while True:
            classes = [c for c in self.WEIGHTS
                       if (self.fp or c not in FP_CLASSES)
                       and not (depth >= 2 and (c in self.CONTROL or c == 'loop'))
                       and not (in_loop and c in ('loop', 'smc'))]
            cls = g.choices(classes, [self.WEIGHTS[c] for c in classes])[0]
            if cls == 'loop':
                return self.loop(depth)
            if cls == 'smc':
                return self.smc(depth)
            if cls == 'unmapped':
                return self.unmapped()
            m = g.choice([k for k, v in CLASSES.items() if v == cls])
            fn = getattr(self, 't_' + cls)
            it = fn(m, depth, in_loop) if cls in self.CONTROL else fn(m)
            if it is not None:
                return it

    # ---- initial state ----
    def fp_value(self):
        g = self.rng
        d_special = [0, 1 << 63, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
                     0x7ff4000000000000, 0xfff8000000000001, 0x0000000000000001, 0x000fffffffffffff,
                     0x0010000000000000, 0x3ff0000000000000, 0xbff8000000000000, 0x7fefffffffffffff,
                     0x43e0000000000000, 0xc3e0000000000000, 0x41dfffffffc00000, 0xc1e0000000000000,
                     0x41e0000000000000, 0x3fe0000000000000, 0x4004000000000000, 0x3ff8000000000000]
        s_special = [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x00000001,
                     0x007fffff, 0x00800000, 0x3f800000, 0xbfc00000, 0x7f7fffff, 0x5f000000, 0xdf000000,
                     0x4f000000, 0xcf000000, 0x3f000000, 0x40200000, 0x3fc00000]
        k = g.random()
        if k < 0.25:
            return g.getrandbits(64)
        if k < 0.5:
            return g.choice(d_special)
        if k < 0.75:
            hi = g.choice([0xffffffff, 0, g.getrandbits(32)])
            return (hi << 32) | g.choice(s_special)
        if k < 0.9:   # ordinary doubles of moderate size
            return (g.randrange(0x3c0, 0x440) << 52 | g.getrandbits(52)) | (g.getrandbits(1) << 63)
        return 0xffffffff00000000 | (g.randrange(0x60, 0xa0) << 23 | g.getrandbits(23)) | (g.getrandbits(1) << 31)

    def generate(self):
        g = self.rng
        s = self.seq
        s.base = g.randrange(1, 32)
        s.gpr = [0] + [self.value64() for _ in range(31)]
        s.gpr[s.base] = None            # the sandbox base: filled in by the image
        s.buf = bytes(g.getrandbits(8) for _ in range(WINDOW))
        if g.random() < 0.3:
            # Paged: DMW0 maps VSEG 9 (cached or not), DMW2 VSEG 8; the
            # base goes through one of them or through DMW1's identity.
            dmw0 = 0x9000000000000001 | g.randrange(2) << 4
            dmw2 = 0x8000000000000001 | g.randrange(2) << 4
            s.pg = (dmw0, dmw2, g.choice([0x9000000000000000, 0x8000000000000000, 0]))
        if self.fp:
            s.fpr = [self.fp_value() for _ in range(32)]
            s.fcsr = (g.randrange(4) << 8) | ((g.randrange(32) << 16) if g.random() < 0.3 else 0)
            s.fcc = g.getrandbits(8)
        n = g.randrange(20, 61)
        s.body = [self.item() for _ in range(n)]
        return s


_TABLE = {}


def table_match(m):
    if not _TABLE:
        from isa import load_table
        _TABLE.update({t[0]: (t[1], t[2]) for t in load_table()})
    return _TABLE[m][0]


def table_mask(m):
    table_match(m)
    return _TABLE[m][1]


def sext(v, bits):
    v &= (1 << bits) - 1
    if v >> (bits - 1):
        v -= 1 << bits
    return v & M64


def generate(seed, index, fp, stats):
    return Generator(seed, index, fp, stats).generate()
