/*
 * isolation.c - checking that a VM reaches nothing outside its regions.
 *
 * For a VM the configuration marks "watched", the hypervisor takes
 * checksums of everything that VM must not be able to change - the
 * hypervisor's code and read-only data (which hold every guest image), the
 * RAM and page tables of every other VM, and a canary area of otherwise
 * unused host RAM - when the VM gets the CPU, and compares them when it
 * gives the CPU up (WATCH_SLICES) and also after each of its exits that
 * injected a fault, i.e. each attempt that was stopped (WATCH_EACH_FAULT).
 * While a VM runs nothing else does, so any difference is the VM's doing;
 * the slice check alone would catch a write that never exited at all, the
 * per-fault check says which attempt it was.  A pass reads megabytes, so
 * the demo, with eleven VMs, checks per slice only.  The hypervisor code and the canary are
 * also checked once at the end of every run (isolation_final).
 */
#include "parts.h"

#define MAX_REGIONS (2 * HV_MAX_VMS + 2)

struct region {
	const char *what;
	const struct vm *owner;     /* NULL: the host's */
	uint64_t pa, size, sum;
};

static struct region regions[MAX_REGIONS];
static unsigned nregions;
static const struct vm *snapshot_for;   /* whose view the sums are */
static uint64_t checks, last_bad;
static bool breached;
static uint64_t boot_text_sum, boot_canary_sum;
extern char __hv_start[], __hv_ro_end[];

static void add(const char *what, const struct vm *owner, uint64_t pa, uint64_t size)
{
	regions[nregions++] = (struct region){ what, owner, pa, size, 0 };
}

static uint64_t region_sum(const struct region *r)
{
	return checksum(pa_to_va(r->pa), r->size);
}

void isolation_boot(void)
{
	uint8_t *canary = pa_to_va(HV_CANARY_PA);
	for (uint64_t i = 0; i < HV_CANARY_SIZE; i++)
		canary[i] = (uint8_t)(0xa5 ^ i);
	boot_canary_sum = checksum(canary, HV_CANARY_SIZE);
	boot_text_sum = checksum(__hv_start, (size_t)(__hv_ro_end - __hv_start));
}

/* The regions a watched VM must leave alone (the other VMs' page tables
 * only as far as they are in use). */
static void build(const struct vm *self)
{
	nregions = 0;
	add("hypervisor code and guest images", NULL, va_to_pa(__hv_start), (uint64_t)(__hv_ro_end - __hv_start));
	add("free host RAM (canary)", NULL, HV_CANARY_PA, HV_CANARY_SIZE);
	for (unsigned i = 0; i < hv_nvms; i++) {
		const struct vm *o = &hv_vms[i];
		if (o == self)
			continue;
		add("RAM", o, o->ram.hpa, o->ram.size);
		add("stage-2 page tables", o, o->s2.slot_pa, (uint64_t)o->s2.pages_used * 4096);
	}
	for (unsigned i = 0; i < nregions; i++)
		regions[i].sum = region_sum(&regions[i]);
	snapshot_for = self;
}

void isolation_on_entry(struct vcpu *v)
{
	if (!v->vm->watched) {
		snapshot_for = NULL;    /* this VM may change its own regions */
		return;
	}
	if (snapshot_for != v->vm) {
		build(v->vm);
		last_bad = v->stats.s2_bad + v->stats.exc_injected;
	}
}

void isolation_on_exit(struct vcpu *v, bool leaving)
{
	if (!v->vm->watched)
		return;
	uint64_t bad = v->stats.s2_bad + v->stats.exc_injected;
	if (!leaving && (bad == last_bad || v->vm->watched != WATCH_EACH_FAULT))
		return;
	last_bad = bad;
	checks++;
	for (unsigned i = 0; i < nregions; i++) {
		struct region *r = &regions[i];
		uint64_t sum = region_sum(r);
		if (sum == r->sum)
			continue;
		hv_printf("hv: ISOLATION BREACH: %s%s%s changed while '%s' ran (exit at PC 0x%lx, BADV 0x%lx)\n",
			  r->owner ? r->owner->name : "", r->owner ? " " : "", r->what, v->vm->name,
			  v->pc, v->exit.badv);
		r->sum = sum;
		breached = true;
	}
}

bool isolation_final(void)
{
	bool ok = !breached;
	if (checksum(__hv_start, (size_t)(__hv_ro_end - __hv_start)) != boot_text_sum) {
		hv_printf("hv: ISOLATION BREACH: the hypervisor's code changed\n");
		ok = false;
	}
	if (checksum(pa_to_va(HV_CANARY_PA), HV_CANARY_SIZE) != boot_canary_sum) {
		hv_printf("hv: ISOLATION BREACH: free host RAM changed\n");
		ok = false;
	}
	for (unsigned i = 0; i < hv_nvms; i++)
		if (hv_vms[i].watched)
			hv_printf("hv: isolation: '%s' was checked %lu times (%s) against %u regions: %s\n",
				  hv_vms[i].name, checks,
				  hv_vms[i].watched == WATCH_EACH_FAULT ? "each fault and slice" : "each slice",
				  nregions, breached ? "BREACHED" : "nothing outside its memory changed");
	return ok;
}
