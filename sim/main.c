/*
 * main.c - the lvzsim command line.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/checkpoint.h"
#include "sim/debugger.h"
#include "sim/gdbstub.h"
#include "sim/loader.h"
#include "sim/machine.h"
#include "sim/trace.h"

#define LVZSIM_VERSION "0.1.0"

static const char usage[] =
	"usage: lvzsim [options] IMAGE.elf\n"
	"       lvzsim [options] --restore CHECKPOINT [IMAGE.elf]\n"
	"\n"
	"Runs a bare-metal LoongArch64 ELF image on a simulated LA464-class core\n"
	"with the LoongArch Virtualization extension (LVZ), on a board laid out\n"
	"like QEMU 7.2's `-M virt`: RAM at 0 (and 0x90000000 above 256 MiB),\n"
	"ns16550a UART at 0x1fe001e0 (output on stdout), ACPI GED power control.\n"
	"The image is loaded like `qemu-system-loongarch64 -M virt -kernel`:\n"
	"each PT_LOAD at p_paddr & 0x1fffffff, PC = e_entry, direct-address mode.\n"
	"\n"
	"options:\n"
	"  -m SIZE               RAM size, e.g. 256M, 1G (default 1G)\n"
	"  --max-insns N         stop after N instructions\n"
	"  --trace FILE          write an execution trace ('-' = stdout)\n"
	"  --trace-events LIST   what to trace: insn,exc,vm,tlb,csr,mem or all\n"
	"                        (default insn,exc,vm)\n"
	"  --trace-format FMT    text (default) or jsonl\n"
	"  --stats               at exit, print instruction count and LVZ entries/exits\n"
	"                        on stderr\n"
	"  --debug               interactive debugger (commands from stdin when it is\n"
	"                        not a terminal; type help)\n"
	"  --gdb PORT            wait for a GDB remote connection on 127.0.0.1:PORT\n"
	"                        (0: any free port; the port is printed on stderr)\n"
	"  --save-at N FILE      save a checkpoint of the whole machine after N\n"
	"                        instructions, then go on\n"
	"  --restore FILE        start from a checkpoint instead of loading an image\n"
	"                        (an IMAGE given too only supplies symbols)\n"
	"  -h, --help            this text\n"
	"  --version             print the version\n"
	"\n"
	"exit status:\n"
	"  0  the guest powered off (byte 0x34 to GED 0x100e001c, or 0xff to 0x10080010)\n"
	"  1  bad command line or image (missing, not a LoongArch ELF, outside RAM)\n"
	"  2  simulator error\n"
	"  3  the guest requested a reset (byte 0x42 to GED 0x100e001e)\n"
	"  4  --max-insns reached\n"
	"  5  the guest halted: `idle` with no interrupt that could ever wake it\n";

static int bad_input(const char *fmt, const char *arg)
{
	fprintf(stderr, "lvzsim: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (try --help)\n");
	return EXIT_BADINPUT;
}

/* "1G", "512M", "65536K", "4194304": bytes, or 0 if malformed. */
static uint64_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || s[0] == '-')
		return 0;
	uint64_t mul = 1;
	switch (*end) {
	case 'k': case 'K': mul = 1ull << 10; end++; break;
	case 'm': case 'M': mul = 1ull << 20; end++; break;
	case 'g': case 'G': mul = 1ull << 30; end++; break;
	case 0: break;
	default: return 0;
	}
	if ((*end == 'B' || *end == 'b') && mul > 1)
		end++;
	if (*end || v > UINT64_MAX / mul)
		return 0;
	return v * mul;
}

static int parse_count(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (s[0] == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end || v == 0)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	enum { OPT_MAXINSNS = 256, OPT_TRACE, OPT_TRACE_EVENTS, OPT_TRACE_FORMAT, OPT_VERSION, OPT_STATS,
	       OPT_DEBUG, OPT_SAVEAT, OPT_RESTORE, OPT_GDB };
	static const struct option opts[] = {
		{ "max-insns", required_argument, NULL, OPT_MAXINSNS },
		{ "trace", required_argument, NULL, OPT_TRACE },
		{ "trace-events", required_argument, NULL, OPT_TRACE_EVENTS },
		{ "trace-format", required_argument, NULL, OPT_TRACE_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "debug", no_argument, NULL, OPT_DEBUG },
		{ "save-at", required_argument, NULL, OPT_SAVEAT },
		{ "restore", required_argument, NULL, OPT_RESTORE },
		{ "gdb", required_argument, NULL, OPT_GDB },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t ram = 1ull << 30, max_insns = 0;
	const char *trace_path = NULL;
	int trace_events = TEV_INSN | TEV_EXC | TEV_VM;
	enum trace_format trace_fmt = TRACE_TEXT;
	bool stats = false, debug = false, gdb = false, ram_given = false;
	uint64_t save_at = 0, gdb_port = 0;
	const char *save_file = NULL, *restore_file = NULL;
	int opt;

	/* The soft TLB hands out host pointers to little-endian guest RAM. */
	const uint16_t probe = 1;
	if (*(const uint8_t *)&probe != 1) {
		fprintf(stderr, "lvzsim: this host is big-endian; only little-endian hosts are supported\n");
		return EXIT_SIMERROR;
	}

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":m:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			ram = parse_size(optarg);
			if (ram < (4ull << 20) || ram > (64ull << 30) || (ram & 0xfff))
				return bad_input("-m '%s': expected a size from 4M to 64G, a multiple of 4K", optarg);
			ram_given = true;
			break;
		case OPT_MAXINSNS:
			if (parse_count(optarg, &max_insns))
				return bad_input("--max-insns '%s': expected a positive number", optarg);
			break;
		case OPT_TRACE:
			trace_path = optarg;
			break;
		case OPT_TRACE_EVENTS:
			trace_events = trace_parse_events(optarg);
			if (trace_events <= 0)
				return bad_input("--trace-events '%s': expected a list of insn,exc,vm,tlb,csr,mem,all", optarg);
			break;
		case OPT_TRACE_FORMAT:
			if (!strcmp(optarg, "text"))
				trace_fmt = TRACE_TEXT;
			else if (!strcmp(optarg, "jsonl"))
				trace_fmt = TRACE_JSONL;
			else
				return bad_input("--trace-format '%s': expected text or jsonl", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case OPT_STATS:
			stats = true;
			break;
		case OPT_DEBUG:
			debug = true;
			break;
		case OPT_SAVEAT:
			if (parse_count(optarg, &save_at))
				return bad_input("--save-at '%s': expected a positive instruction count", optarg);
			if (optind >= argc || argv[optind][0] == '-')
				return bad_input("%s", "--save-at needs a count and a file: --save-at N FILE");
			save_file = argv[optind++];
			break;
		case OPT_RESTORE:
			restore_file = optarg;
			break;
		case OPT_GDB:
			/* 0: any free port (printed), so parallel tests never collide */
			if ((strcmp(optarg, "0") && parse_count(optarg, &gdb_port)) || gdb_port > 65535)
				return bad_input("--gdb '%s': expected a TCP port number (0: any free port)", optarg);
			gdb = true;
			break;
		case OPT_VERSION:
			printf("lvzsim %s\n", LVZSIM_VERSION);
			return 0;
		case ':':
			return bad_input("option '%s' needs an argument", argv[optind - 1]);
		default:
			return bad_input("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (debug && gdb)
		return bad_input("%s", "--debug and --gdb cannot be combined");
	const char *image_path = optind < argc ? argv[optind] : NULL;
	if (argc - optind > 1)
		return bad_input("%s", "more than one image given");
	if (!image_path && !restore_file)
		return bad_input("%s", "no image given");

	char err[512];
	if (restore_file) {
		/* The checkpoint fixes the RAM size. */
		uint64_t ck_ram;
		if (checkpoint_ram_size(restore_file, &ck_ram, err, sizeof(err))) {
			fprintf(stderr, "lvzsim: %s\n", err);
			return EXIT_BADINPUT;
		}
		if (ram_given && ck_ram != ram) {
			fprintf(stderr, "lvzsim: -m does not match the checkpoint's RAM size (%" PRIu64 " bytes)\n", ck_ram);
			return EXIT_BADINPUT;
		}
		ram = ck_ram;
	}
	static struct machine m;
	if (!machine_init(&m, ram, stdout)) {
		fprintf(stderr, "lvzsim: cannot allocate %" PRIu64 " bytes of guest RAM\n", ram);
		return EXIT_SIMERROR;
	}
	struct image img = { 0 };
	if (image_path) {
		if (elf_load(&m, image_path, &img, err, sizeof(err)) != 0) {
			fprintf(stderr, "lvzsim: %s\n", err);
			return EXIT_BADINPUT;
		}
	}
	cpu_reset(&m.cpu, img.entry);
	if (restore_file && checkpoint_load(&m, restore_file, err, sizeof(err))) {
		fprintf(stderr, "lvzsim: %s\n", err);
		return EXIT_BADINPUT;
	}
	m.cpu.max_icount = max_insns;
	if (trace_path) {
		m.cpu.trace = trace_open(trace_path, (unsigned)trace_events, trace_fmt);
		if (!m.cpu.trace) {
			fprintf(stderr, "lvzsim: cannot write trace '%s': %s\n", trace_path, strerror(errno));
			return EXIT_BADINPUT;
		}
	}
	if (save_file) {
		/* Run to the instruction count, save, then go on as usual. */
		uint64_t limit = m.cpu.max_icount;
		m.cpu.max_icount = save_at;
		machine_run(&m);
		if (m.exit_status == EXIT_MAXINSNS && m.cpu.icount == save_at) {
			m.stop = false;
			m.exit_status = 0;
			m.stop_msg = NULL;
			if (checkpoint_save(&m, save_file, err, sizeof(err))) {
				fprintf(stderr, "lvzsim: %s\n", err);
				return EXIT_SIMERROR;
			}
		} else {
			fprintf(stderr, "lvzsim: the run ended before instruction %" PRIu64 ": no checkpoint saved\n", save_at);
		}
		m.cpu.max_icount = limit;
	}
	int status = debug ? debugger_main(&m, &img)
		   : gdb ? gdbstub_main(&m, &img, (int)gdb_port)
		   : m.stop ? m.exit_status : machine_run(&m);
	if (status != EXIT_POWEROFF && m.stop_msg)
		fprintf(stderr, "lvzsim: %s after %" PRIu64 " instructions (pc 0x%" PRIx64 ")\n",
			m.stop_msg, m.cpu.icount, m.cpu.pc);
	if (stats) {
		const struct lvz_stats *ls = &m.cpu.lvz;
		fprintf(stderr, "instructions: %" PRIu64 "\n", m.cpu.icount);
		fprintf(stderr, "guest entries: %" PRIu64 "\n", ls->entries);
		for (unsigned k = 0; k < EXIT_KINDS; k++)
			fprintf(stderr, "exits %s: %" PRIu64 "\n", lvz_exit_names[k], ls->exits[k]);
	}
	trace_close(m.cpu.trace);
	image_free(&img);
	machine_free(&m);
	return status;
}
