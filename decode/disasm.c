/*
 * disasm.c - instruction text exactly as llvm-objdump-19 -d prints it.
 *
 * The layout was established by experiment (tests/disasm/run.sh keeps
 * checking it): mnemonic, a TAB, operands separated by ", ".
 *   - registers by ABI name: $zero $ra $tp $sp $a0-$a7 $t0-$t8 $r21 $fp
 *     $s0-$s8, $fa0-$fa7 $ft0-$ft15 $fs0-$fs7, $fcc0-$fcc7, $fcsr0-$fcsr3;
 *   - immediates in decimal as the assembler writes them: ldptr/ll/sc and
 *     branch/jirl offsets in bytes, addu16i.d's si16 and the si20 of
 *     lu12i.w/pcaddi/... unshifted, alsl's sa2 + 1, CSR numbers and hints
 *     as plain numbers;
 *   - branch operands are the offset relative to the branch (llvm appends
 *     " <sym+off>", which callers compare without), so `pc` is not needed;
 *   - am*, amcas and sc.q print rd, rk, rj;
 *   - instructions without operands still get the TAB ("ertn\t");
 *   - aliases: andi $zero,$zero,0 is "nop"; or rd,rj,$zero is
 *     "move rd, rj"; jirl $zero,rj,0 is "jr rj", and "ret" when rj = $ra.
 *     nop and ret have no TAB.
 */
#include "decode.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const gpr[32] = {
	"$zero", "$ra", "$tp", "$sp", "$a0", "$a1", "$a2", "$a3",
	"$a4", "$a5", "$a6", "$a7", "$t0", "$t1", "$t2", "$t3",
	"$t4", "$t5", "$t6", "$t7", "$t8", "$r21", "$fp", "$s0",
	"$s1", "$s2", "$s3", "$s4", "$s5", "$s6", "$s7", "$s8",
};

static const char *const fpr[32] = {
	"$fa0", "$fa1", "$fa2", "$fa3", "$fa4", "$fa5", "$fa6", "$fa7",
	"$ft0", "$ft1", "$ft2", "$ft3", "$ft4", "$ft5", "$ft6", "$ft7",
	"$ft8", "$ft9", "$ft10", "$ft11", "$ft12", "$ft13", "$ft14", "$ft15",
	"$fs0", "$fs1", "$fs2", "$fs3", "$fs4", "$fs5", "$fs6", "$fs7",
};

bool insn_disasm(uint32_t raw, uint64_t pc, char *buf, size_t len)
{
	struct dinsn d;
	(void)pc;   /* llvm-objdump prints branch offsets, not targets */

	insn_decode(raw, &d);
	if (d.id == INSN_INVALID) {
		snprintf(buf, len, "<unknown>");
		return false;
	}
	const char *mn = insn_table[d.id].mnemonic;
	const int64_t imm = d.imm;
	const char *rd = gpr[d.rd], *rj = gpr[d.rj], *rk = gpr[d.rk];
	const char *fd = fpr[d.rd], *fj = fpr[d.rj], *fk = fpr[d.rk];

	/* The aliases llvm's printer prefers (see the comment above). */
	if (d.id == INSN_andi && d.rd == 0 && d.rj == 0 && imm == 0) {
		snprintf(buf, len, "nop");
		return true;
	}
	if (d.id == INSN_or && d.rk == 0) {
		snprintf(buf, len, "move\t%s, %s", rd, rj);
		return true;
	}
	if (d.id == INSN_jirl && d.rd == 0 && imm == 0) {
		if (d.rj == 1)
			snprintf(buf, len, "ret");
		else
			snprintf(buf, len, "jr\t%s", rj);
		return true;
	}

	switch (insn_table[d.id].fmt) {
	case FMT_NONE:
		snprintf(buf, len, "%s\t", mn);
		break;
	case FMT_RR:
		snprintf(buf, len, "%s\t%s, %s", mn, rd, rj);
		break;
	case FMT_RRR:
		snprintf(buf, len, "%s\t%s, %s, %s", mn, rd, rj, rk);
		break;
	case FMT_RRRSA2: case FMT_RRRSA2B: case FMT_RRRSA3:
		snprintf(buf, len, "%s\t%s, %s, %s, %" PRId64, mn, rd, rj, rk, imm);
		break;
	case FMT_RRUI5: case FMT_RRUI6: case FMT_RRSI12: case FMT_RRUI12:
	case FMT_RRSI14S2: case FMT_JIRL: case FMT_CSRX: case FMT_LDDIR:
		snprintf(buf, len, "%s\t%s, %s, %" PRId64, mn, rd, rj, imm);
		break;
	case FMT_RRSI16:   /* printed as the encoded si16 */
		snprintf(buf, len, "%s\t%s, %s, %" PRId64, mn, rd, rj, imm / 65536);
		break;
	case FMT_RSI20: case FMT_CSR:
		snprintf(buf, len, "%s\t%s, %" PRId64, mn, rd, imm);
		break;
	case FMT_BSTR_W: case FMT_BSTR_D:
		snprintf(buf, len, "%s\t%s, %s, %" PRId64 ", %" PRId64,
			 mn, rd, rj, imm >> 8, imm & 0xff);
		break;
	case FMT_B26: case FMT_CODE15: case FMT_HINT15:
		snprintf(buf, len, "%s\t%" PRId64, mn, imm);
		break;
	case FMT_RJB21:
		snprintf(buf, len, "%s\t%s, %" PRId64, mn, rj, imm);
		break;
	case FMT_RJRDB16:
		snprintf(buf, len, "%s\t%s, %s, %" PRId64, mn, rj, rd, imm);
		break;
	case FMT_RJRK:
		snprintf(buf, len, "%s\t%s, %s", mn, rj, rk);
		break;
	case FMT_AM:
		snprintf(buf, len, "%s\t%s, %s, %s", mn, rd, rk, rj);
		break;
	case FMT_PRELD: case FMT_CACOP:
		snprintf(buf, len, "%s\t%u, %s, %" PRId64, mn, d.rd, rj, imm);
		break;
	case FMT_PRELDX: case FMT_INVTLB:
		snprintf(buf, len, "%s\t%u, %s, %s", mn, d.rd, rj, rk);
		break;
	case FMT_LDPTE:
		snprintf(buf, len, "%s\t%s, %" PRId64, mn, rj, imm);
		break;
	case FMT_FFF:
		snprintf(buf, len, "%s\t%s, %s, %s", mn, fd, fj, fk);
		break;
	case FMT_FFFF:
		snprintf(buf, len, "%s\t%s, %s, %s, %s", mn, fd, fj, fk, fpr[d.ra]);
		break;
	case FMT_FF:
		snprintf(buf, len, "%s\t%s, %s", mn, fd, fj);
		break;
	case FMT_FFFC:
		snprintf(buf, len, "%s\t%s, %s, %s, $fcc%u", mn, fd, fj, fk, d.ra);
		break;
	case FMT_FCMP:
		snprintf(buf, len, "%s\t$fcc%u, %s, %s", mn, d.rd, fj, fk);
		break;
	case FMT_FR:
		snprintf(buf, len, "%s\t%s, %s", mn, fd, rj);
		break;
	case FMT_RF:
		snprintf(buf, len, "%s\t%s, %s", mn, rd, fj);
		break;
	case FMT_CF:
		snprintf(buf, len, "%s\t$fcc%u, %s", mn, d.rd, fj);
		break;
	case FMT_FC:
		snprintf(buf, len, "%s\t%s, $fcc%u", mn, fd, d.rj);
		break;
	case FMT_CR:
		snprintf(buf, len, "%s\t$fcc%u, %s", mn, d.rd, rj);
		break;
	case FMT_RC:
		snprintf(buf, len, "%s\t%s, $fcc%u", mn, rd, d.rj);
		break;
	case FMT_FCSRR:
		snprintf(buf, len, "%s\t$fcsr%u, %s", mn, d.rd, rj);
		break;
	case FMT_RFCSR:
		snprintf(buf, len, "%s\t%s, $fcsr%u", mn, rd, d.rj);
		break;
	case FMT_CB21:
		snprintf(buf, len, "%s\t$fcc%u, %" PRId64, mn, d.rj, imm);
		break;
	case FMT_FRSI12:
		snprintf(buf, len, "%s\t%s, %s, %" PRId64, mn, fd, rj, imm);
		break;
	case FMT_FRR:
		snprintf(buf, len, "%s\t%s, %s, %s", mn, fd, rj, rk);
		break;
	case FMT_COUNT:
		snprintf(buf, len, "<unknown>");
		return false;
	}
	return true;
}
