/*
 * gdbstub.c - the GDB remote serial protocol (GDB manual, appendix E
 * "Remote Serial Protocol") over TCP on 127.0.0.1.
 *
 * Registers, as the target description (target_xml) numbers them:
 *   0-31 r0-r31, 32 orig_a0, 33 pc, 34 badv   org.gnu.gdb.loongarch.base
 *   35-66 f0-f31, 67-74 fcc0-7, 75 fcsr        org.gnu.gdb.loongarch.fpu
 *   76-  csr_<name>: every host CSR            org.lvzsim.loongarch.csr
 *   then gcsr_<name>: the guest bank           org.lvzsim.loongarch.gcsr
 * (names and order of the first two as upstream GDB's loongarch-tdep.c
 * requires them).  `g` carries registers 0-75; GDB reads the CSRs with `p`.
 * Memory addresses are virtual in the CPU's current world.  Breakpoints
 * (Z0/Z1) are the debugger's PC breakpoints, so memory is never patched;
 * watchpoints (Z2-Z4) translate the address once, when they are set, and
 * watch that physical address.  `monitor CMD` runs a debugger command
 * (break exit gspr, info lvz, explain, ...).
 */
#include "sim/gdbstub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "mmu/softtlb_ops.h"
#include "sim/debug.h"
#include "sim/debugger.h"
#include "sim/inspect.h"
#include "sim/machine.h"
#include "sim/trace.h"

#define PACKET_MAX 16384        /* we announce PacketSize=0x4000 */
#define RUN_CHUNK 65536         /* instructions between checks for Ctrl-C */

enum { REG_ORIG_A0 = 32, REG_PC = 33, REG_BADV = 34, REG_F0 = 35, REG_FCC0 = 67,
       REG_FCSR = 75, REG_CSR0 = 76 };

struct gdb {
	struct machine *m;
	struct cpu *c;
	const struct image *img;
	struct debug dbg;
	int fd;
	bool noack, swbreak, detached, killed;
	uint64_t orig_a0;       /* Linux syscall restart: no meaning here, kept as written */
	unsigned ncsr[NWORLDS];
	uint16_t csr[NWORLDS][CSR_SPACE];   /* register number order -> CSR number */
	char *xml;
	size_t xml_len;
	char last_stop[64];
	uint8_t rbuf[4096];
	size_t rlen, rpos;
};

/* ---------------- the target description ---------------- */

static void xml_add(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#include <stdarg.h>
static void xml_add(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(*buf + *len, *cap - *len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < *cap - *len) {
			*len += (size_t)n;
			return;
		}
		*cap *= 2;
		char *nb = realloc(*buf, *cap);
		if (!nb)
			abort();
		*buf = nb;
	}
}

static void lower(char *d, const char *s, size_t n)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		d[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	d[i] = 0;
}

static void build_target_xml(struct gdb *g)
{
	size_t cap = 16384, len = 0;
	char *x = malloc(cap);
	if (!x)
		abort();
	x[0] = 0;
	xml_add(&x, &len, &cap, "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
		"<target version=\"1.0\">\n<architecture>loongarch64</architecture>\n"
		"<feature name=\"org.gnu.gdb.loongarch.base\">\n");
	for (unsigned r = 0; r < 32; r++)
		xml_add(&x, &len, &cap, "  <reg name=\"r%u\" bitsize=\"64\" type=\"%s\" group=\"general\"/>\n", r,
			r == 1 ? "code_ptr" : r == 2 || r == 3 || r == 22 ? "data_ptr" : "uint64");
	xml_add(&x, &len, &cap,
		"  <reg name=\"orig_a0\" bitsize=\"64\" type=\"uint64\" group=\"general\"/>\n"
		"  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" group=\"general\"/>\n"
		"  <reg name=\"badv\" bitsize=\"64\" type=\"code_ptr\" group=\"general\"/>\n"
		"</feature>\n<feature name=\"org.gnu.gdb.loongarch.fpu\">\n"
		"  <union id=\"fputype\">\n    <field name=\"f\" type=\"ieee_single\"/>\n"
		"    <field name=\"d\" type=\"ieee_double\"/>\n  </union>\n");
	for (unsigned r = 0; r < 32; r++)
		xml_add(&x, &len, &cap, "  <reg name=\"f%u\" bitsize=\"64\" type=\"fputype\" group=\"float\"/>\n", r);
	for (unsigned r = 0; r < 8; r++)
		xml_add(&x, &len, &cap, "  <reg name=\"fcc%u\" bitsize=\"8\" type=\"uint8\" group=\"float\"/>\n", r);
	xml_add(&x, &len, &cap, "  <reg name=\"fcsr\" bitsize=\"32\" type=\"uint32\" group=\"float\"/>\n</feature>\n");
	static const char *const feature[NWORLDS] = { "org.lvzsim.loongarch.csr", "org.lvzsim.loongarch.gcsr" };
	static const char *const prefix[NWORLDS] = { "csr_", "gcsr_" };
	static const char *const group[NWORLDS] = { "csr", "gcsr" };
	for (unsigned bank = 0; bank < NWORLDS; bank++) {
		xml_add(&x, &len, &cap, "<feature name=\"%s\">\n", feature[bank]);
		for (unsigned n = 0; n < CSR_SPACE; n++) {
			if (!csr_exists(bank, n))
				continue;
			char name[32];
			lower(name, csr_name(n), sizeof(name));
			xml_add(&x, &len, &cap, "  <reg name=\"%s%s\" bitsize=\"64\" type=\"uint64\" group=\"%s\"/>\n",
				prefix[bank], name, group[bank]);
			g->csr[bank][g->ncsr[bank]++] = (uint16_t)n;
		}
		xml_add(&x, &len, &cap, "</feature>\n");
	}
	xml_add(&x, &len, &cap, "</target>\n");
	g->xml = x;
	g->xml_len = len;
}

/* ---------------- registers ---------------- */

static unsigned nregs(const struct gdb *g)
{
	return REG_CSR0 + g->ncsr[WORLD_HOST] + g->ncsr[WORLD_GUEST];
}

/* Size in bytes; 0 for a number that is no register. */
static unsigned reg_size(const struct gdb *g, unsigned r)
{
	if (r >= nregs(g))
		return 0;
	if (r >= REG_FCC0 && r < REG_FCSR)
		return 1;
	return r == REG_FCSR ? 4 : 8;
}

static bool csr_of(const struct gdb *g, unsigned r, unsigned *bank, unsigned *num)
{
	if (r < REG_CSR0)
		return false;
	r -= REG_CSR0;
	if (r < g->ncsr[WORLD_HOST]) {
		*bank = WORLD_HOST;
		*num = g->csr[WORLD_HOST][r];
		return true;
	}
	r -= g->ncsr[WORLD_HOST];
	if (r < g->ncsr[WORLD_GUEST]) {
		*bank = WORLD_GUEST;
		*num = g->csr[WORLD_GUEST][r];
		return true;
	}
	return false;
}

static uint64_t reg_read(struct gdb *g, unsigned r)
{
	struct cpu *c = g->c;
	unsigned bank, num;
	if (r < 32)
		return c->gpr[r];
	if (r == REG_ORIG_A0)
		return g->orig_a0;
	if (r == REG_PC)
		return c->pc;
	if (r == REG_BADV)
		return csr_read(c, c->world, CSR_BADV);
	if (r >= REG_F0 && r < REG_F0 + 32)
		return c->fpr[r - REG_F0];
	if (r >= REG_FCC0 && r < REG_FCC0 + 8)
		return c->fcc[r - REG_FCC0];
	if (r == REG_FCSR)
		return c->fcsr;
	if (csr_of(g, r, &bank, &num))
		return csr_read(c, bank, num);
	return 0;
}

/* CSR writes go through the CSR table as software writes do (host: csrwr
 * masks; guest bank: the host's gcsrwr masks), so read-only fields stay
 * and side effects (timers, translation contexts) happen. */
static void reg_write(struct gdb *g, unsigned r, uint64_t v)
{
	struct cpu *c = g->c;
	unsigned bank, num;
	if (r > 0 && r < 32)
		c->gpr[r] = v;
	else if (r == REG_ORIG_A0)
		g->orig_a0 = v;
	else if (r == REG_PC)
		c->pc = v;
	else if (r == REG_BADV)
		csr_write(c, c->world, CSR_BADV, v);
	else if (r >= REG_F0 && r < REG_F0 + 32)
		c->fpr[r - REG_F0] = v;
	else if (r >= REG_FCC0 && r < REG_FCC0 + 8)
		c->fcc[r - REG_FCC0] = (uint8_t)(v & 1);
	else if (r == REG_FCSR)
		c->fcsr = (uint32_t)v;
	else if (csr_of(g, r, &bank, &num)) {
		if (bank == WORLD_GUEST)
			csr_write_gcsr(c, num, v);
		else
			csr_write(c, bank, num, v);
		cpu_update_context(c);
		stlb_flush_all(c);
		cpu_kick(c, STOP_EVENT);
	}
}

/* ---------------- packets ---------------- */

static const char hexd[] = "0123456789abcdef";

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static void put_hex_le(char **p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++, v >>= 8) {
		*(*p)++ = hexd[(v >> 4) & 0xf];
		*(*p)++ = hexd[v & 0xf];
	}
}

static bool get_hex_le(const char **p, unsigned bytes, uint64_t *v)
{
	*v = 0;
	for (unsigned i = 0; i < bytes; i++) {
		int hi = hexval((*p)[0]), lo = hi < 0 ? -1 : hexval((*p)[1]);
		if (lo < 0)
			return false;
		*v |= (uint64_t)(hi << 4 | lo) << (8 * i);
		*p += 2;
	}
	return true;
}

/* A hex number (big-endian text, as addresses are); false if none. */
static bool get_num(const char **p, uint64_t *v)
{
	const char *s = *p;
	*v = 0;
	while (hexval(**p) >= 0) {
		if (*p - s >= 16)
			return false;
		*v = *v << 4 | (uint64_t)hexval(**p);
		(*p)++;
	}
	return *p > s;
}

static bool send_raw(struct gdb *g, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t n = send(g->fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* Next byte from the connection; -1 at EOF or error. */
static int get_byte(struct gdb *g)
{
	if (g->rpos == g->rlen) {
		ssize_t n;
		do
			n = recv(g->fd, g->rbuf, sizeof(g->rbuf), 0);
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
		g->rlen = (size_t)n;
		g->rpos = 0;
	}
	return g->rbuf[g->rpos++];
}

static bool send_packet_len(struct gdb *g, const char *data, size_t len)
{
	static char out[2 * PACKET_MAX + 8];
	if (len > 2 * PACKET_MAX)
		len = 2 * PACKET_MAX;
	uint8_t sum = 0;
	out[0] = '$';
	memcpy(out + 1, data, len);
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + (uint8_t)data[i]);
	snprintf(out + 1 + len, 4, "#%02x", sum);
	for (int tries = 0; tries < 8; tries++) {
		if (!send_raw(g, out, len + 4))
			return false;
		if (g->noack)
			return true;
		int ch = get_byte(g);
		while (ch != '+' && ch != '-' && ch >= 0) {
			if (ch == 3) {  /* an interrupt racing the reply: nothing runs */
				ch = get_byte(g);
				continue;
			}
			ch = get_byte(g);
		}
		if (ch == '+')
			return true;
		if (ch < 0)
			return false;
	}
	return false;
}

static bool send_packet(struct gdb *g, const char *data)
{
	return send_packet_len(g, data, strlen(data));
}

/* Read one packet into buf (NUL-terminated, escapes kept: only X and
 * binary packets undo them).  Returns its length, -1 at EOF, -2 for a
 * Ctrl-C (0x03) received outside a packet. */
static long read_packet(struct gdb *g, char *buf, size_t cap)
{
	for (;;) {
		int ch;
		do {
			ch = get_byte(g);
			if (ch < 0)
				return -1;
			if (ch == 3)
				return -2;
		} while (ch != '$');
		size_t n = 0;
		uint8_t sum = 0;
		bool overflow = false;
		while ((ch = get_byte(g)) >= 0 && ch != '#') {
			sum = (uint8_t)(sum + ch);
			if (n + 1 < cap)
				buf[n++] = (char)ch;
			else
				overflow = true;
		}
		if (ch < 0)
			return -1;
		int h = get_byte(g), l = get_byte(g);
		if (h < 0 || l < 0)
			return -1;
		buf[n] = 0;
		bool ok = !overflow && hexval(h) >= 0 && hexval(l) >= 0 &&
			  (uint8_t)(hexval(h) << 4 | hexval(l)) == sum;
		if (!g->noack && !send_raw(g, ok ? "+" : "-", 1))
			return -1;
		if (ok)
			return (long)n;
	}
}

/* ---------------- running ---------------- */

static bool interrupt_pending(struct gdb *g)
{
	/* buffered bytes first, then the socket */
	while (g->rpos < g->rlen)
		if (g->rbuf[g->rpos++] == 3)
			return true;
	struct pollfd p = { .fd = g->fd, .events = POLLIN };
	if (poll(&p, 1, 0) <= 0)
		return false;
	uint8_t b[64];
	ssize_t n = recv(g->fd, b, sizeof(b), MSG_DONTWAIT);
	if (n == 0) {
		g->killed = true;       /* GDB went away: stop */
		return true;
	}
	for (ssize_t i = 0; i < n; i++)
		if (b[i] == 3)
			return true;
	return false;
}

/* The stop reply after a run (E.3 "Stop Reply Packets"). */
static void stop_reply(struct gdb *g, bool hit, bool interrupted)
{
	struct cpu *c = g->c;
	char *p = g->last_stop;
	if (g->m->stop) {
		/* The machine's exit status is the program's. */
		snprintf(p, sizeof(g->last_stop), "W%02x", g->m->exit_status & 0xff);
		return;
	}
	const struct breakpoint *b = hit ? debug_hit(&g->dbg) : NULL;
	int n = snprintf(p, sizeof(g->last_stop), "T%02x", interrupted ? 2 : 5);
	char *q = p + n;
	/* expedite sp and pc */
	q += sprintf(q, "03:");
	put_hex_le(&q, c->gpr[3], 8);
	q += sprintf(q, ";21:");
	put_hex_le(&q, c->pc, 8);
	*q++ = ';';
	if (b && b->kind == BP_WATCH && b->owner == BP_GDB)
		q += sprintf(q, "%s:%" PRIx64 ";", b->rw == WATCH_STORE ? "watch" : b->rw == WATCH_LOAD ? "rwatch" : "awatch",
			     b->vaddr + (g->dbg.watch_hit > b->addr ? g->dbg.watch_hit - b->addr : 0));
	else if (b && b->kind == BP_PC && g->swbreak)
		q += sprintf(q, "swbreak:;");
	sprintf(q, "thread:1;");
}

static void run(struct gdb *g, uint64_t steps)
{
	struct cpu *c = g->c;
	bool hit = false, interrupted = false;
	debug_resume(&g->dbg, c);
	while (!g->m->stop) {
		uint64_t chunk = steps < RUN_CHUNK ? steps : RUN_CHUNK;
		uint64_t before = c->icount;
		hit = debug_run(c, chunk);
		if (hit)
			break;
		uint64_t done = c->icount - before;
		if (steps != UINT64_MAX)
			steps -= done < steps ? done : steps;
		if (!steps)
			break;
		if (interrupt_pending(g)) {
			interrupted = true;
			break;
		}
	}
	if (hit && !strcmp(g->dbg.why, "interrupted"))
		interrupted = true, hit = false;
	fflush(g->m->uart.out);
	stop_reply(g, hit, interrupted);
}

/* ---------------- commands ---------------- */

static void reply_error(struct gdb *g, int code)
{
	char e[8];
	snprintf(e, sizeof(e), "E%02x", code & 0xff);
	send_packet(g, e);
}

static void cmd_read_regs(struct gdb *g)
{
	static char buf[2 * 8 * REG_CSR0 + 1];
	char *p = buf;
	for (unsigned r = 0; r < REG_CSR0; r++)
		put_hex_le(&p, reg_read(g, r), reg_size(g, r));
	*p = 0;
	send_packet(g, buf);
}

static void cmd_write_regs(struct gdb *g, const char *a)
{
	for (unsigned r = 0; r < REG_CSR0 && *a; r++) {
		uint64_t v;
		if (!get_hex_le(&a, reg_size(g, r), &v)) {
			reply_error(g, 1);
			return;
		}
		reg_write(g, r, v);
	}
	send_packet(g, "OK");
}

static void cmd_read_reg(struct gdb *g, const char *a)
{
	uint64_t r;
	if (!get_num(&a, &r) || !reg_size(g, (unsigned)r) || r > nregs(g)) {
		reply_error(g, 0x45);
		return;
	}
	char buf[20], *p = buf;
	put_hex_le(&p, reg_read(g, (unsigned)r), reg_size(g, (unsigned)r));
	*p = 0;
	send_packet(g, buf);
}

static void cmd_write_reg(struct gdb *g, const char *a)
{
	uint64_t r, v;
	if (!get_num(&a, &r) || *a++ != '=' || r > nregs(g) || !reg_size(g, (unsigned)r) ||
	    !get_hex_le(&a, reg_size(g, (unsigned)r), &v)) {
		reply_error(g, 0x45);
		return;
	}
	reg_write(g, (unsigned)r, v);
	send_packet(g, "OK");
}

/* m addr,len */
static void cmd_read_mem(struct gdb *g, const char *a)
{
	uint64_t addr, len;
	static uint8_t bytes[PACKET_MAX / 2];
	static char buf[PACKET_MAX + 1];
	if (!get_num(&a, &addr) || *a++ != ',' || !get_num(&a, &len)) {
		reply_error(g, 1);
		return;
	}
	if (len > sizeof(bytes))
		len = sizeof(bytes);
	size_t n = inspect_read_virt(g->m, addr, bytes, len);
	if (n == 0 && len) {
		reply_error(g, 14);     /* EFAULT */
		return;
	}
	char *p = buf;
	for (size_t i = 0; i < n; i++)
		put_hex_le(&p, bytes[i], 1);
	*p = 0;
	send_packet(g, buf);
}

/* M addr,len:hex   and   X addr,len:binary */
static void cmd_write_mem(struct gdb *g, const char *a, size_t plen, bool binary)
{
	const char *end = a + plen;
	uint64_t addr, len;
	static uint8_t bytes[PACKET_MAX];
	if (!get_num(&a, &addr) || *a++ != ',' || !get_num(&a, &len) || *a++ != ':' || len > sizeof(bytes)) {
		reply_error(g, 1);
		return;
	}
	size_t n = 0;
	if (binary) {
		while (a < end && n < len) {
			uint8_t ch = (uint8_t)*a++;
			if (ch == '}' && a < end)
				ch = (uint8_t)(*a++ ^ 0x20);
			bytes[n++] = ch;
		}
	} else {
		uint64_t v;
		while (n < len && get_hex_le(&a, 1, &v))
			bytes[n++] = (uint8_t)v;
	}
	if (n != len) {
		reply_error(g, 1);
		return;
	}
	if (inspect_write_virt(g->m, addr, bytes, n) != n) {
		reply_error(g, 14);
		return;
	}
	send_packet(g, "OK");
}

/* Z/z type,addr,kind */
static void cmd_point(struct gdb *g, const char *a, bool insert)
{
	uint64_t type, addr, kind;
	if (!get_num(&a, &type) || *a++ != ',' || !get_num(&a, &addr) || *a++ != ',' || !get_num(&a, &kind)) {
		reply_error(g, 1);
		return;
	}
	struct debug *d = &g->dbg;
	if (type <= 1) {
		/* software and hardware breakpoints are the same to us */
		if (!insert) {
			for (int i = 0; i < d->nbp; i++)
				if (d->bp[i].owner == BP_GDB && d->bp[i].kind == BP_PC && d->bp[i].addr == addr) {
					debug_delete(d, d->bp[i].id);
					break;
				}
			send_packet(g, "OK");
			return;
		}
		struct breakpoint b = { .kind = BP_PC, .owner = BP_GDB, .addr = addr, .world = BP_ANY, .gid = BP_ANY };
		if (debug_add(d, &b) < 0)
			reply_error(g, 28);     /* ENOSPC */
		else
			send_packet(g, "OK");
		return;
	}
	if (type <= 4) {
		unsigned rw = type == 2 ? WATCH_STORE : type == 3 ? WATCH_LOAD : WATCH_LOAD | WATCH_STORE;
		if (!insert) {
			for (int i = 0; i < d->nbp; i++)
				if (d->bp[i].owner == BP_GDB && d->bp[i].kind == BP_WATCH &&
				    d->bp[i].vaddr == addr && d->bp[i].rw == rw && d->bp[i].len == kind) {
					debug_delete(d, d->bp[i].id);
					break;
				}
			send_packet(g, "OK");
			return;
		}
		uint64_t pa, pa_end;
		const char *why;
		/* one physical range: the watched bytes must not cross a page */
		if (kind == 0 || kind > 4096 ||
		    !inspect_translate(g->m, AS_VA, addr, &pa, &why) ||
		    !inspect_translate(g->m, AS_VA, addr + kind - 1, &pa_end, &why) || pa_end != pa + kind - 1) {
			reply_error(g, 22);     /* EINVAL */
			return;
		}
		struct breakpoint b = { .kind = BP_WATCH, .owner = BP_GDB, .addr = pa, .len = kind, .rw = rw,
					.vaddr = addr, .world = BP_ANY, .gid = BP_ANY };
		if (debug_add(d, &b) < 0) {
			reply_error(g, 28);
			return;
		}
		stlb_flush_all(g->c);
		send_packet(g, "OK");
		return;
	}
	send_packet(g, "");     /* unsupported type */
}

/* qXfer:features:read:ANNEX:offset,length */
static void cmd_xfer_features(struct gdb *g, const char *a)
{
	const char *colon = strchr(a, ':');
	uint64_t off, len;
	if (!colon || (size_t)(colon - a) != strlen("target.xml") || strncmp(a, "target.xml", 10)) {
		reply_error(g, 0);
		return;
	}
	a = colon + 1;
	if (!get_num(&a, &off) || *a++ != ',' || !get_num(&a, &len)) {
		reply_error(g, 1);
		return;
	}
	static char buf[PACKET_MAX + 2];
	if (off >= g->xml_len) {
		send_packet(g, "l");
		return;
	}
	if (len > PACKET_MAX / 2)
		len = PACKET_MAX / 2;   /* escaping at most doubles it */
	size_t n = 1;
	uint64_t i = off;
	/* binary data: escape '#', '$', '}' and '*' */
	for (; i < g->xml_len && i < off + len; i++) {
		char ch = g->xml[i];
		if (ch == '#' || ch == '$' || ch == '}' || ch == '*') {
			buf[n++] = '}';
			ch ^= 0x20;
		}
		buf[n++] = ch;
	}
	buf[0] = i >= g->xml_len ? 'l' : 'm';
	send_packet_len(g, buf, n);
}

/* qRcmd,HEX: a debugger command; its output as O packets, then OK. */
static void cmd_monitor(struct gdb *g, const char *a)
{
	char line[1024];
	size_t n = 0;
	uint64_t v;
	while (*a && n + 1 < sizeof(line) && get_hex_le(&a, 1, &v))
		line[n++] = (char)v;
	line[n] = 0;
	char *text = NULL;
	size_t tlen = 0;
	FILE *out = open_memstream(&text, &tlen);
	if (!out) {
		reply_error(g, 12);
		return;
	}
	debugger_monitor(g->m, g->img, &g->dbg, line, out);
	fclose(out);
	static char pkt[1 + 2 * 512 + 1];
	for (size_t off = 0; off < tlen; off += 512) {
		char *p = pkt;
		*p++ = 'O';
		for (size_t i = off; i < tlen && i < off + 512; i++)
			put_hex_le(&p, (uint8_t)text[i], 1);
		*p = 0;
		send_packet(g, pkt);
	}
	free(text);
	send_packet(g, "OK");
}

static void cmd_query(struct gdb *g, const char *q)
{
	if (!strncmp(q, "qSupported", 10)) {
		g->swbreak = strstr(q, "swbreak+") != NULL;
		char buf[160];
		snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+;%svContSupported+",
			 PACKET_MAX, g->swbreak ? "swbreak+;hwbreak+;" : "");
		send_packet(g, buf);
	} else if (!strncmp(q, "qXfer:features:read:", 20)) {
		cmd_xfer_features(g, q + 20);
	} else if (!strcmp(q, "QStartNoAckMode")) {
		send_packet(g, "OK");
		g->noack = true;
	} else if (!strcmp(q, "qAttached")) {
		send_packet(g, "1");
	} else if (!strcmp(q, "qC")) {
		send_packet(g, "QC1");
	} else if (!strcmp(q, "qfThreadInfo")) {
		send_packet(g, "m1");
	} else if (!strcmp(q, "qsThreadInfo")) {
		send_packet(g, "l");
	} else if (!strcmp(q, "qOffsets")) {
		send_packet(g, "Text=0;Data=0;Bss=0");
	} else if (!strncmp(q, "qSymbol", 7)) {
		send_packet(g, "OK");
	} else if (!strncmp(q, "qRcmd,", 6)) {
		cmd_monitor(g, q + 6);
	} else {
		send_packet(g, "");
	}
}

/* vCont;ACTION[:thread]...: one thread, so the first action decides. */
static void cmd_vcont(struct gdb *g, const char *a)
{
	if (!strcmp(a, "?")) {
		send_packet(g, "vCont;c;C;s;S");
		return;
	}
	if (*a++ != ';') {
		send_packet(g, "");
		return;
	}
	switch (*a) {
	case 'c': case 'C':
		run(g, UINT64_MAX);
		send_packet(g, g->last_stop);
		break;
	case 's': case 'S':
		run(g, 1);
		send_packet(g, g->last_stop);
		break;
	default:
		reply_error(g, 1);
	}
}

/* One packet; false when the session is over. */
static bool handle(struct gdb *g, char *pkt, size_t len)
{
	switch (pkt[0]) {
	case '?':
		send_packet(g, g->last_stop);
		break;
	case 'g':
		cmd_read_regs(g);
		break;
	case 'G':
		cmd_write_regs(g, pkt + 1);
		break;
	case 'p':
		cmd_read_reg(g, pkt + 1);
		break;
	case 'P':
		cmd_write_reg(g, pkt + 1);
		break;
	case 'm':
		cmd_read_mem(g, pkt + 1);
		break;
	case 'M':
		cmd_write_mem(g, pkt + 1, len - 1, false);
		break;
	case 'X':
		cmd_write_mem(g, pkt + 1, len - 1, true);
		break;
	case 'Z':
	case 'z':
		cmd_point(g, pkt + 1, pkt[0] == 'Z');
		break;
	case 'c':
	case 's': {
		/* optional resume address */
		const char *a = pkt + 1;
		uint64_t addr;
		if (get_num(&a, &addr))
			g->c->pc = addr;
		run(g, pkt[0] == 'c' ? UINT64_MAX : 1);
		send_packet(g, g->last_stop);
		break;
	}
	case 'v':
		if (!strncmp(pkt, "vCont", 5))
			cmd_vcont(g, pkt + 5);
		else
			send_packet(g, "");     /* vMustReplyEmpty and the rest */
		break;
	case 'H':
	case 'T':
		send_packet(g, "OK");
		break;
	case 'q':
	case 'Q':
		cmd_query(g, pkt);
		break;
	case 'D':
		send_packet(g, "OK");
		g->detached = true;
		return false;
	case 'k':
		g->killed = true;
		return false;
	default:
		send_packet(g, "");
	}
	return true;
}

/* ---------------- the connection ---------------- */

static int listen_on(int port, int *bound)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof(sa);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &sl) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	*bound = ntohs(sa.sin_port);
	return fd;
}

int gdbstub_main(struct machine *m, const struct image *img, int port)
{
	static struct gdb g;
	memset(&g, 0, sizeof(g));
	g.m = m;
	g.c = &m->cpu;
	g.img = img;
	g.fd = -1;
	debug_init(&g.dbg);
	build_target_xml(&g);
	snprintf(g.last_stop, sizeof(g.last_stop), "S05");

	int bound;
	int lfd = listen_on(port, &bound);
	if (lfd < 0) {
		fprintf(stderr, "lvzsim: --gdb: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
		free(g.xml);
		return EXIT_SIMERROR;
	}
	fprintf(stderr, "lvzsim: waiting for GDB on 127.0.0.1:%d\n", bound);
	fflush(stderr);
	do
		g.fd = accept(lfd, NULL, NULL);
	while (g.fd < 0 && errno == EINTR);
	close(lfd);
	if (g.fd < 0) {
		fprintf(stderr, "lvzsim: --gdb: accept: %s\n", strerror(errno));
		free(g.xml);
		return EXIT_SIMERROR;
	}
	int one = 1;
	setsockopt(g.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

	m->cpu.dbg = &g.dbg;
	static char pkt[PACKET_MAX + 1];
	for (;;) {
		long n = read_packet(&g, pkt, sizeof(pkt));
		if (n == -1) {
			g.killed = true;    /* connection closed without detaching */
			break;
		}
		if (n == -2) {
			/* Ctrl-C while stopped: report the stop again */
			send_packet(&g, g.last_stop[0] == 'W' ? g.last_stop : "T02thread:1;");
			continue;
		}
		if (!handle(&g, pkt, (size_t)n) || g.killed)
			break;
	}
	close(g.fd);
	m->cpu.dbg = NULL;
	free(g.xml);
	if (g.detached && !m->stop)
		return machine_run(m);      /* the program runs on to its end */
	if (m->stop)
		return m->exit_status;
	fflush(m->uart.out);
	return EXIT_POWEROFF;   /* killed by GDB */
}
