/*
 * stats.c - the exit table printed at the end of every run: per VM, the
 * exits by kind as the hypervisor counted them (the seed's "monitor TLB
 * refills and trap frequency").  Columns:
 *
 *   cpucfg idle iocsr csr cacop other   GSPR exits, by instruction
 *   hvc                                 hypercalls
 *   s2-refill                           second-stage TLB refills (refill.S)
 *   s2-fault                            second-stage faults, of which
 *     pagein                            a RAM page mapped on first touch,
 *     mmio                              an emulated device access,
 *     bad                               a fault injected (no such memory)
 *   irq-inj                             virtual interrupts raised
 *   exc-inj                             exceptions injected (INE, ADE)
 *   host-int                            host timer interrupts that ended a slice
 *   result                              PASS (exit status 0), FAIL(n), STOPPED
 */
#include "parts.h"

static const char *result(const struct vm *vm, char *buf, size_t n)
{
	if (!vm->stopped)
		return "RUNNING";
	if (vm->stop_reason)
		return "STOPPED";
	if (vm->exit_status == 0)
		return "PASS";
	snprintf(buf, n, "FAIL(%d)", vm->exit_status);
	return buf;
}

void stats_print(void)
{
	hv_printf("hv: exits by kind, counted by the hypervisor:\n");
	hv_printf("%-10s %3s %6s %4s %5s %4s %5s %5s %5s %9s %8s %6s %5s %4s %7s %7s %8s %s\n",
		  "vm", "gid", "cpucfg", "idle", "iocsr", "csr", "cacop", "other", "hvc",
		  "s2-refill", "s2-fault", "pagein", "mmio", "bad", "irq-inj", "exc-inj", "host-int", "result");
	for (unsigned i = 0; i < hv_nvms; i++) {
		const struct vm *vm = &hv_vms[i];
		const struct exit_stats *s = &vm->vcpu.stats;
		char buf[16];
		hv_printf("%-10s %3u %6lu %4lu %5lu %4lu %5lu %5lu %5lu %9lu %8lu %6lu %5lu %4lu %7lu %7lu %8lu %s\n",
			  vm->name, vm->gid, s->gspr[GSPR_CPUCFG], s->gspr[GSPR_IDLE], s->gspr[GSPR_IOCSR],
			  s->gspr[GSPR_CSR], s->gspr[GSPR_CACOP], s->gspr[GSPR_UNKNOWN], s->hvc,
			  vm->vcpu.s2_refills, s->s2_fault, s->s2_pagein, s->mmio, s->s2_bad,
			  s->irq_injected, s->exc_injected, s->host_timer, result(vm, buf, sizeof(buf)));
	}
}
