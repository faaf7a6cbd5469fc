/*
 * gcsr.c - the guest CSR bank as the host sees it through gcsrrd, gcsrwr
 * and gcsrxchg (docs/lvz.md "Structure"; lvz-facts.md 3, 4).
 *
 *   1. the bank is exactly KVM's HW_GCSR list (K main.c kvm_init_gcsr_flag)
 *      and every CSR of it round-trips: gcsrwr swaps (rd <- old, KVM's
 *      kvm_read_clear_hw_gcsr needs it), gcsrxchg merges under a mask and
 *      returns the old value, and only the architectural fields stick
 *      (the masks below are V1 chapter 7's field tables, LA64, PALEN =
 *      VALEN = 48); writing the guest bank never touches the host's;
 *   2. guest read-only values: ASID.ASIDBITS = 10, PRCFG1 = 0x72f8
 *      (KSNUM 8, TMRBITS 47, VSMAX 7), PRCFG2 = 0x3ffff000 (4 KiB-512 MiB
 *      pages), PRCFG3 = 0x008073f2 (TLB type 2, MTLB 64, STLB 8 x 256),
 *      read-only for the host too (KVM never writes them);
 *   3. fields only the host may write: guest CPUID, TVAL, ESTAT bits 11
 *      (TI) and 12 (IPI) and Ecode/EsubCode (K interrupt.c, timer.c); the
 *      guest itself may set only ESTAT bits 0/1 (SWI) and cannot change
 *      CPUID or TVAL.
 */
#include "lvz.h"

struct gcsr_case {
	unsigned num;
	unsigned long ones;     /* read back after gcsrwr ~0 */
	unsigned long zero;     /* read back after gcsrwr 0 (read-only bits) */
};

#define TLBELO_BITS 0xe000fffffffff07ful   /* V D PLV MAT G PPN[47:12] NR NX RPLV */

/* The bank in KVM's order; the timer (TCFG, TVAL, TICLR) and the derived
 * PGD are checked separately below. */
static const struct gcsr_case bank[] = {
	{ CSR_CRMD,      0x3ff, 0 },                    /* PLV IE DA PG DATF DATM WE */
	{ CSR_PRMD,      0xf, 0 },                      /* PPLV PIE PWE */
	{ CSR_EUEN,      0x1, 0 },                      /* FPE only: no LSX/LASX/LBT */
	{ CSR_MISC,      0x7feee, 0 },                  /* VA32L, DRDTL, RPCNTL, ALCL0-3, DWPL */
	{ CSR_ECFG,      0x71fff, 0 },                  /* LIE 12:0, VS 18:16 */
	{ CSR_ESTAT,     0x7fff1803, 0 },               /* host: SWI, TI, IPI, Ecode, EsubCode */
	{ CSR_ERA,       ~0ul, 0 },
	{ CSR_BADV,      ~0ul, 0 },
	{ CSR_BADI,      0xffffffff, 0 },               /* host may restore it; 32 bits */
	{ CSR_EENTRY,    ~0xffful, 0 },
	{ CSR_TLBIDX,    0xbf000fff, 0 },               /* Index 11:0, PS 29:24, NE 31 */
	{ CSR_TLBEHI,    0xffffffffffffe000ul, 0 },     /* VPPN 47:13, sign-extended */
	{ CSR_TLBELO0,   TLBELO_BITS, 0 },
	{ CSR_TLBELO1,   TLBELO_BITS, 0 },
	{ CSR_ASID,      0xa03ff, 0xa0000 },            /* ASIDBITS = 10 read-only */
	{ CSR_PGDL,      ~0xffful, 0 },
	{ CSR_PGDH,      ~0xffful, 0 },
	{ CSR_PWCL,      0xffffffff, 0 },
	{ CSR_PWCH,      0xffffff, 0 },                 /* no HPTW_En: PTW = 0 */
	{ CSR_STLBPS,    0x3f, 0 },
	{ CSR_RVACFG,    0xf, 0 },
	{ CSR_CPUID,     0x1ff, 0 },                    /* CoreID 8:0, host-writable */
	{ CSR_PRCFG1,    0x72f8, 0x72f8 },
	{ CSR_PRCFG2,    0x3ffff000, 0x3ffff000 },
	{ CSR_PRCFG3,    0x008073f2, 0x008073f2 },
	{ CSR_SAVE(0),   ~0ul, 0 }, { CSR_SAVE(1), ~0ul, 0 }, { CSR_SAVE(2), ~0ul, 0 },
	{ CSR_SAVE(3),   ~0ul, 0 }, { CSR_SAVE(4), ~0ul, 0 }, { CSR_SAVE(5), ~0ul, 0 },
	{ CSR_SAVE(6),   ~0ul, 0 }, { CSR_SAVE(7), ~0ul, 0 },
	{ CSR_TID,       0xffffffff, 0 },
	{ CSR_CNTC,      ~0ul, 0 },
	{ CSR_LLBCTL,    0x4, 0 },                      /* KLO; WCLLB reads 0, ROLLB RO */
	{ CSR_TLBRENTRY, 0x0000fffffffff000ul, 0 },
	{ CSR_TLBRBADV,  ~0ul, 0 },
	{ CSR_TLBRERA,   ~0x2ul, 0 },                   /* IsTLBR 0, PC 63:2 */
	{ CSR_TLBRSAVE,  ~0ul, 0 },
	{ CSR_TLBRELO0,  TLBELO_BITS, 0 },
	{ CSR_TLBRELO1,  TLBELO_BITS, 0 },
	{ CSR_TLBREHI,   0xffffffffffffe03ful, 0 },     /* PS 5:0, VPPN 47:13 */
	/* TLBRPRMD: PPLV, PIE, PWE.  Bit 3 exists only with LVZ, and the guest
	 * has none (KVM never passes CPUCFG2.LVZ): it reads 0 (V1 7.5.14). */
	{ CSR_TLBRPRMD,  0x17, 0 },
	{ CSR_DMW(0),    0xf00000000000003ful, 0 },     /* PLV0-3, MAT, VSEG */
	{ CSR_DMW(1),    0xf00000000000003ful, 0 },
	{ CSR_DMW(2),    0xf00000000000003ful, 0 },
	{ CSR_DMW(3),    0xf00000000000003ful, 0 },
};
#define NBANK (sizeof(bank) / sizeof(bank[0]))

/* gcsr* take the CSR number as an immediate: one accessor per case. */
#define GCSR_OPS(n) \
	static unsigned long rd_##n(void) { return gcsr_read(n); } \
	static unsigned long wr_##n(unsigned long v) { return gcsr_write(n, v); } \
	static unsigned long xc_##n(unsigned long v, unsigned long m) { return gcsr_xchg(n, v, m); }
#define OPS_ROW(n) { n, rd_##n, wr_##n, xc_##n }
struct gcsr_ops {
	unsigned num;
	unsigned long (*rd)(void);
	unsigned long (*wr)(unsigned long);
	unsigned long (*xc)(unsigned long, unsigned long);
};
#define EACH(X) X(0x0) X(0x1) X(0x2) X(0x3) X(0x4) X(0x5) X(0x6) X(0x7) X(0x8) X(0xc) \
	X(0x10) X(0x11) X(0x12) X(0x13) X(0x18) X(0x19) X(0x1a) X(0x1c) X(0x1d) X(0x1e) X(0x1f) \
	X(0x20) X(0x21) X(0x22) X(0x23) X(0x30) X(0x31) X(0x32) X(0x33) X(0x34) X(0x35) X(0x36) \
	X(0x37) X(0x40) X(0x43) X(0x60) X(0x88) X(0x89) X(0x8a) X(0x8b) X(0x8c) X(0x8d) X(0x8e) \
	X(0x8f) X(0x180) X(0x181) X(0x182) X(0x183)
EACH(GCSR_OPS)
#define ROW(n) OPS_ROW(n),
static const struct gcsr_ops ops[] = { EACH(ROW) };

static const struct gcsr_ops *ops_of(unsigned num)
{
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].num == num)
			return &ops[i];
	return 0;
}

/* Host CSRs the loop must not disturb (none of them matters to the host
 * while this test runs in DMW-mapped paged mode). */
static const unsigned host_watch[] = { CSR_SAVE(1), CSR_SAVE(2), CSR_SAVE(3), CSR_SAVE(6),
	CSR_SAVE(7), CSR_TID, CSR_PGDL, CSR_PGDH, CSR_DMW(2), CSR_DMW(3), CSR_RVACFG, CSR_CPUID };
#define NWATCH (sizeof(host_watch) / sizeof(host_watch[0]))
#define HOST_RD(n) ({ unsigned long __r; switch (n) { \
	case CSR_SAVE(1): __r = csr_read(CSR_SAVE(1)); break; \
	case CSR_SAVE(2): __r = csr_read(CSR_SAVE(2)); break; \
	case CSR_SAVE(3): __r = csr_read(CSR_SAVE(3)); break; \
	case CSR_SAVE(6): __r = csr_read(CSR_SAVE(6)); break; \
	case CSR_SAVE(7): __r = csr_read(CSR_SAVE(7)); break; \
	case CSR_TID: __r = csr_read(CSR_TID); break; \
	case CSR_PGDL: __r = csr_read(CSR_PGDL); break; \
	case CSR_PGDH: __r = csr_read(CSR_PGDH); break; \
	case CSR_DMW(2): __r = csr_read(CSR_DMW(2)); break; \
	case CSR_DMW(3): __r = csr_read(CSR_DMW(3)); break; \
	case CSR_RVACFG: __r = csr_read(CSR_RVACFG); break; \
	default: __r = csr_read(CSR_CPUID); break; } __r; })

/* ---- 3: what the guest itself can write ---- */
struct guest_writes { unsigned long cpuid, estat, tval; };
static void g_try_host_fields(struct guest_writes *o)
{
	csr_write(CSR_CPUID, 0x55);
	csr_xchg(CSR_ESTAT, ~0ul, (1ul << INT_TI) | (1ul << INT_IPI) | 0x3 | (0x3ful << 16));
	csr_write(CSR_TVAL, 0x1234);
	o->cpuid = csr_read(CSR_CPUID);
	o->estat = csr_read(CSR_ESTAT);
	o->tval = csr_read(CSR_TVAL);
}

int main(void)
{
	lvz_init();
	unsigned long host_before[NWATCH];
	for (unsigned i = 0; i < NWATCH; i++)
		host_before[i] = HOST_RD(host_watch[i]);

	/* ---- 1 + 2: every bank CSR ---- */
	const unsigned long xmask = 0x00ff00ff00ff00fful;
	for (unsigned i = 0; i < NBANK; i++) {
		const struct gcsr_case *c = &bank[i];
		const struct gcsr_ops *o = ops_of(c->num);
		if (!o) {
			printf("FAIL: no accessor for CSR 0x%x\n", c->num);
			rt_failures++;
			continue;
		}
		unsigned long before = o->rd();
		unsigned long old = o->wr(~0ul);
		if (old != before)
			printf("CSR 0x%x:\n", c->num);
		CHECK_EQ(old, before);                   /* swap: old value back */
		unsigned long got = o->rd();
		if (got != c->ones)
			printf("CSR 0x%x:\n", c->num);
		CHECK_EQ(got, c->ones);
		old = o->wr(0);
		CHECK_EQ(old, c->ones);
		got = o->rd();
		if (got != c->zero)
			printf("CSR 0x%x:\n", c->num);
		CHECK_EQ(got, c->zero);
		/* gcsrxchg: new = (old & ~mask) | (val & mask), rd <- old */
		old = o->xc(~0ul, xmask);
		CHECK_EQ(old, c->zero);
		got = o->rd();
		unsigned long want = c->zero | (xmask & c->ones);
		if (c->num == CSR_LLBCTL)
			want = 0x4;     /* bit 1 (WCLLB) is write-one-to-clear */
		if (c->num == CSR_TLBEHI || c->num == CSR_TLBREHI)  /* bits 63:48 = bit 47 */
			want = (unsigned long)((long)(want << 16) >> 16);
		if (got != want)
			printf("CSR 0x%x (xchg):\n", c->num);
		CHECK_EQ(got, want);
		o->wr(0);
	}
	for (unsigned i = 0; i < NWATCH; i++) {
		if (HOST_RD(host_watch[i]) != host_before[i])
			printf("host CSR 0x%x changed:\n", host_watch[i]);
		CHECK_EQ(HOST_RD(host_watch[i]), host_before[i]);
	}

	/* PGD (0x1b) is derived (V1 7.5.7): PGDL or PGDH chosen by bit 47 of
	 * BADV (TLBRBADV inside a refill); writes are ignored. */
	gcsr_write(CSR_PGDL, 0x111000);
	gcsr_write(CSR_PGDH, 0x222000);
	gcsr_write(CSR_TLBRERA, 0);
	gcsr_write(CSR_BADV, 0x0000123456789000ul);
	CHECK_EQ(gcsr_read(CSR_PGD), 0x111000);
	gcsr_write(CSR_BADV, 0xffff823456789000ul);
	CHECK_EQ(gcsr_read(CSR_PGD), 0x222000);
	gcsr_write(CSR_PGD, 0x333000);
	CHECK_EQ(gcsr_read(CSR_PGD), 0x222000);
	gcsr_write(CSR_TLBRERA, 1);             /* IsTLBR: TLBRBADV decides */
	gcsr_write(CSR_TLBRBADV, 0x1000);
	CHECK_EQ(gcsr_read(CSR_PGD), 0x111000);
	gcsr_write(CSR_TLBRERA, 0);

	/* The guest timer CSRs: TCFG En 0, Periodic 1, InitVal 47:2 (48
	 * bits); with En = 0 TVAL holds what the host writes (KVM restores it
	 * with gcsrwr); TICLR reads 0. */
	gcsr_write(CSR_TCFG, 0xffff123456789ab0ul);
	CHECK_EQ(gcsr_read(CSR_TCFG), 0x123456789ab0ul);
	gcsr_write(CSR_TCFG, 0);
	CHECK_EQ(gcsr_read(CSR_TCFG), 0);
	gcsr_write(CSR_TVAL, 0xffff00000000abcdul);
	CHECK_EQ(gcsr_read(CSR_TVAL), 0xabcd);
	CHECK_EQ(gcsr_write(CSR_TVAL, 0x777), 0xabcd);      /* swap */
	CHECK_EQ(gcsr_read(CSR_TVAL), 0x777);
	CHECK_EQ(gcsr_read(CSR_TICLR), 0);

	/* ---- 3: host-only writable fields ---- */
	gcsr_write(CSR_CPUID, 3);
	CHECK_EQ(gcsr_read(CSR_CPUID), 3);
	/* the host sets and clears guest TI/IPI with gcsrxchg (KVM's
	 * kvm_irq_deliver/kvm_irq_clear: mask = the bit) */
	gcsr_xchg(CSR_ESTAT, 1ul << INT_TI, 1ul << INT_TI);
	gcsr_xchg(CSR_ESTAT, 1ul << INT_IPI, 1ul << INT_IPI);
	CHECK_EQ(gcsr_read(CSR_ESTAT), (1ul << INT_TI) | (1ul << INT_IPI));
	gcsr_xchg(CSR_ESTAT, 0, 1ul << INT_TI);
	CHECK_EQ(gcsr_read(CSR_ESTAT), 1ul << INT_IPI);
	/* TICLR from the host clears the guest's TI (bit 0, write 1) */
	gcsr_xchg(CSR_ESTAT, 1ul << INT_TI, 1ul << INT_TI);
	gcsr_write(CSR_TICLR, 1);
	CHECK_EQ(gcsr_read(CSR_ESTAT), 1ul << INT_IPI);
	gcsr_xchg(CSR_ESTAT, 0, 1ul << INT_IPI);
	/* Ecode/EsubCode: KVM's exception injection writes them */
	gcsr_write(CSR_ESTAT, (0x1ul << 22) | (0x8ul << 16));
	CHECK_EQ(gcsr_read(CSR_ESTAT), (0x1ul << 22) | (0x8ul << 16));
	gcsr_write(CSR_ESTAT, 0);

	/* The guest tries the same (guest ECFG.LIE = 0 and IE = 0, so
	 * nothing it sets is taken): only SWI0/1 stick.  The loop above left
	 * the guest bank zeroed: back to DA mode and our entry points. */
	static struct guest_writes gw;
	gcsr_write(CSR_CRMD, 0xa8);
	gcsr_write(CSR_EENTRY, (unsigned long)g_trap_entry);
	gcsr_write(CSR_TLBRENTRY, (unsigned long)g_tlbr_entry);
	gcsr_write(CSR_TCFG, 0);
	gcsr_write(CSR_TVAL, 0x5000);
	gcsr_write(CSR_ECFG, 0);
	s2_identity(1);
	struct vcpu v;
	vcpu_init(&v, 1, g_try_host_fields, (unsigned long)&gw, 0, 0);
	CHECK(vm_call(&v));
	CHECK_EQ(gw.cpuid, 3);
	CHECK_EQ(gw.estat, 0x3);
	CHECK_EQ(gw.tval, 0x5000);
	CHECK_EQ(gcsr_read(CSR_ESTAT), 0x3);
	gcsr_write(CSR_ESTAT, 0);
	rt_done();
}
