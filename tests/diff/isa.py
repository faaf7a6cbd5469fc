"""isa.py - the instruction table (decode/insns.def) as the differential
generator sees it: every entry gets a generator class, or a reason why the
user-level differential test leaves it out.

Every entry of insns.def must be covered by exactly one of CLASSES (what
tests/diff/gen.py generates) or NOT_GENERATED (with a reason).  check()
fails on an entry in neither, so a new table entry cannot be silently
skipped.
"""
import os
import re

INSNS_DEF = os.path.join(os.path.dirname(__file__), '..', '..', 'decode', 'insns.def')

_INSN_RE = re.compile(r'^INSN\(\s*(\w+)\s*,\s*"([^"]+)"\s*,\s*(0x[0-9a-fA-F]+)\s*,'
                      r'\s*(0x[0-9a-fA-F]+)\s*,\s*(\w+)\s*\)')


def load_table(path=INSNS_DEF):
    """[(mnemonic, match, mask, format)] in table order."""
    out = []
    with open(path) as f:
        for line in f:
            m = _INSN_RE.match(line)
            if m:
                out.append((m.group(2), int(m.group(3), 16), int(m.group(4), 16), m.group(5)))
    return out


def _names(*groups):
    return [n for g in groups for n in g.split()]


# ---- generator classes: mnemonic -> class name (gen.py has one template
#      per class) ----
INT_RR = _names('clo.w clz.w cto.w ctz.w clo.d clz.d cto.d ctz.d',
                'revb.2h revb.4h revb.2w revb.d revh.2w revh.d',
                'bitrev.4b bitrev.8b bitrev.w bitrev.d ext.w.h ext.w.b')
INT_RRR = _names('add.w add.d sub.w sub.d slt sltu maskeqz masknez nor and or xor orn andn',
                 'sll.w srl.w sra.w sll.d srl.d sra.d rotr.w rotr.d',
                 'mul.w mulh.w mulh.wu mul.d mulh.d mulh.du mulw.d.w mulw.d.wu',
                 'div.w mod.w div.wu mod.wu div.d mod.d div.du mod.du',
                 'crc.w.b.w crc.w.h.w crc.w.w.w crc.w.d.w crcc.w.b.w crcc.w.h.w crcc.w.w.w crcc.w.d.w')
INT_SA = _names('alsl.w alsl.wu alsl.d bytepick.w bytepick.d')
INT_SHI = _names('slli.w slli.d srli.w srli.d srai.w srai.d rotri.w rotri.d')
INT_BSTR = _names('bstrins.w bstrpick.w bstrins.d bstrpick.d')
INT_SI12 = _names('slti sltui addi.w addi.d lu52i.d')
INT_UI12 = _names('andi ori xori')
INT_SI16 = _names('addu16i.d')
INT_SI20 = _names('lu12i.w lu32i.d pcaddi pcalau12i pcaddu12i pcaddu18i')
MEM_LD = _names('ld.b ld.h ld.w ld.d ld.bu ld.hu ld.wu')
MEM_ST = _names('st.b st.h st.w st.d')
MEM_LDX = _names('ldx.b ldx.h ldx.w ldx.d ldx.bu ldx.hu ldx.wu')
MEM_STX = _names('stx.b stx.h stx.w stx.d')
MEM_PTR = _names('ldptr.w ldptr.d stptr.w stptr.d')
MEM_LLSC = _names('ll.w sc.w ll.d sc.d')
MEM_AM = _names('amswap.w amswap.d amadd.w amadd.d amand.w amand.d amor.w amor.d',
                'amxor.w amxor.d ammax.w ammax.d ammin.w ammin.d ammax.wu ammax.du ammin.wu ammin.du',
                'amswap_db.w amswap_db.d amadd_db.w amadd_db.d amand_db.w amand_db.d',
                'amor_db.w amor_db.d amxor_db.w amxor_db.d ammax_db.w ammax_db.d',
                'ammin_db.w ammin_db.d ammax_db.wu ammax_db.du ammin_db.wu ammin_db.du')
MEM_BOUND = _names('ldgt.b ldgt.h ldgt.w ldgt.d ldle.b ldle.h ldle.w ldle.d',
                   'stgt.b stgt.h stgt.w stgt.d stle.b stle.h stle.w stle.d')
ASRT = _names('asrtle.d asrtgt.d')
HINT = _names('preld preldx dbar ibar')
TRAP = _names('break syscall')
BRANCH = _names('beqz bnez beq bne blt bge bltu bgeu b')
CALL = _names('bl jirl')
# LoongArch v1.1 instructions that an LA464 (and QEMU 7.2's la464) lacks:
# CPUCFG2 has no LAM_BH, LAMCAS, LLACQ_SCREL, SCQ, FRECIPE.  Both sides
# must raise INE; they are generated as such.
V11_INE = _names('sc.q llacq.w screl.w llacq.d screl.d',
                 'amcas.b amcas.h amcas.w amcas.d amcas_db.b amcas_db.h amcas_db.w amcas_db.d',
                 'amswap.b amswap.h amadd.b amadd.h amswap_db.b amswap_db.h amadd_db.b amadd_db.h')
V11_FP_INE = _names('frecipe.s frecipe.d frsqrte.s frsqrte.d')

FP_ARITH3 = _names('fadd.s fadd.d fsub.s fsub.d fmul.s fmul.d fdiv.s fdiv.d',
                   'fmax.s fmax.d fmin.s fmin.d fmaxa.s fmaxa.d fmina.s fmina.d',
                   'fscaleb.s fscaleb.d fcopysign.s fcopysign.d')
FP_ARITH2 = _names('fabs.s fabs.d fneg.s fneg.d flogb.s flogb.d fclass.s fclass.d',
                   'fsqrt.s fsqrt.d frecip.s frecip.d frsqrt.s frsqrt.d fmov.s fmov.d')
FP_FMA = _names('fmadd.s fmadd.d fmsub.s fmsub.d fnmadd.s fnmadd.d fnmsub.s fnmsub.d')
FP_CVT = _names('fcvt.s.d fcvt.d.s',
                'ftintrm.w.s ftintrm.w.d ftintrm.l.s ftintrm.l.d ftintrp.w.s ftintrp.w.d',
                'ftintrp.l.s ftintrp.l.d ftintrz.w.s ftintrz.w.d ftintrz.l.s ftintrz.l.d',
                'ftintrne.w.s ftintrne.w.d ftintrne.l.s ftintrne.l.d',
                'ftint.w.s ftint.w.d ftint.l.s ftint.l.d',
                'ffint.s.w ffint.s.l ffint.d.w ffint.d.l frint.s frint.d')
FP_CMP = ['fcmp.%s.%s' % (c, w) for w in 'sd' for c in
          'caf saf clt slt ceq seq cle sle cun sun cult sult cueq sueq cule sule cne sne cor sor cune sune'.split()]
FP_SEL = _names('fsel')
FP_MOVE = _names('movgr2fr.w movgr2fr.d movgr2frh.w movfr2gr.s movfr2gr.d movfrh2gr.s',
                 'movfr2cf movcf2fr movgr2cf movcf2gr')
FP_FCSR = _names('movgr2fcsr movfcsr2gr')
FP_MEM = _names('fld.s fst.s fld.d fst.d fldx.s fldx.d fstx.s fstx.d')
FP_BOUND = _names('fldgt.s fldgt.d fldle.s fldle.d fstgt.s fstgt.d fstle.s fstle.d')
FP_BRANCH = _names('bceqz bcnez')

CLASSES = {}
for _cls, _lst in [('int_rr', INT_RR), ('int_rrr', INT_RRR), ('int_sa', INT_SA),
                   ('int_shi', INT_SHI), ('int_bstr', INT_BSTR), ('int_si12', INT_SI12),
                   ('int_ui12', INT_UI12), ('int_si16', INT_SI16), ('int_si20', INT_SI20),
                   ('mem_ld', MEM_LD), ('mem_st', MEM_ST), ('mem_ldx', MEM_LDX),
                   ('mem_stx', MEM_STX), ('mem_ptr', MEM_PTR), ('mem_llsc', MEM_LLSC),
                   ('mem_am', MEM_AM), ('mem_bound', MEM_BOUND), ('asrt', ASRT),
                   ('hint', HINT), ('trap', TRAP), ('branch', BRANCH), ('call', CALL),
                   ('v11_ine', V11_INE),
                   ('fp_arith3', FP_ARITH3), ('fp_arith2', FP_ARITH2), ('fp_fma', FP_FMA),
                   ('fp_cvt', FP_CVT), ('fp_cmp', FP_CMP), ('fp_sel', FP_SEL),
                   ('fp_move', FP_MOVE), ('fp_fcsr', FP_FCSR), ('fp_mem', FP_MEM),
                   ('fp_bound', FP_BOUND), ('fp_branch', FP_BRANCH),
                   ('v11_fp_ine', V11_FP_INE)]:
    for _n in _lst:
        assert _n not in CLASSES, _n
        CLASSES[_n] = _cls

FP_CLASSES = {c for c in set(CLASSES.values()) if c.startswith(('fp_', 'v11_fp'))}

# ---- entries the user-level differential test does not generate, and why.
#      (Privileged state differs between two machines by design or is not
#      comparable from a register dump; tests/isa checks these against
#      QEMU one by one, and tests/fuzz runs them for safety.) ----
_PRIV = 'privileged: changes machine state (CSRs, TLB, IOCSR devices, caches) outside the ' \
        'register/buffer dump; covered by tests/isa (semantics vs QEMU) and tests/fuzz (safety)'
NOT_GENERATED = {
    'rdtimel.w': 'reads the stable counter: lvzsim counts instructions, QEMU 7.2 host time',
    'rdtimeh.w': 'reads the stable counter: lvzsim counts instructions, QEMU 7.2 host time',
    'rdtime.d': 'reads the stable counter: lvzsim counts instructions, QEMU 7.2 host time',
    'cpucfg': 'lvzsim reports LVZ (CPUCFG2 bits 10-11) which QEMU 7.2 lacks; checked word by word in tests/isa',
    'dbcl': 'enters debug mode (DERA/DBG, implementation-defined debug entry; QEMU 7.2 uses EENTRY+0x480); '
            'the test runtime has no debug-mode handler',
    'idle': 'waits for an interrupt; the sequences run with interrupts off, so both would stop for good',
    'hvcl': 'LVZ: QEMU 7.2 has no LVZ (INE there); tests/lvz covers it',
    'gcsrrd': 'LVZ: QEMU 7.2 has no LVZ; tests/lvz covers it',
    'gcsrwr': 'LVZ: QEMU 7.2 has no LVZ; tests/lvz covers it',
    'gcsrxchg': 'LVZ: QEMU 7.2 has no LVZ; tests/lvz covers it',
    'gtlbflush': 'LVZ: QEMU 7.2 has no LVZ; tests/lvz covers it',
}
for _n in _names('csrrd csrwr csrxchg cacop lddir ldpte',
                 'iocsrrd.b iocsrrd.h iocsrrd.w iocsrrd.d iocsrwr.b iocsrwr.h iocsrwr.w iocsrwr.d',
                 'tlbclr tlbflush tlbsrch tlbrd tlbwr tlbfill ertn invtlb'):
    NOT_GENERATED[_n] = _PRIV


def check(table=None):
    """Every table entry is classified exactly once; returns the mnemonics."""
    table = table if table is not None else load_table()
    mnems = [t[0] for t in table]
    missing = [m for m in mnems if m not in CLASSES and m not in NOT_GENERATED]
    both = [m for m in mnems if m in CLASSES and m in NOT_GENERATED]
    stale = [m for m in list(CLASSES) + list(NOT_GENERATED) if m not in mnems]
    problems = []
    if missing:
        problems.append('insns.def entries with no generator class: ' + ' '.join(missing))
    if both:
        problems.append('classified twice: ' + ' '.join(both))
    if stale:
        problems.append('classified but not in insns.def: ' + ' '.join(stale))
    if problems:
        raise SystemExit('tests/diff/isa.py: ' + '; '.join(problems))
    return mnems
