/*
 * main.c - the hypervisor from boot to power-off, in the order of the
 * design: capability check, host initialisation, the VMs of this
 * configuration, the scheduler until every VM has stopped, then the exit
 * table.  The simulator's exit status tells the outcome: power-off (0)
 * when every VM passed and nothing outside a watched VM changed, reset
 * (3) otherwise.
 */
#include "parts.h"

void hv_main(void);
void hv_main(void)
{
	hv_printf("hv: lvzsim hypervisor, configuration '%s' (%u VMs)\n", hv_config_name, hv_config_count);
	struct lvz_caps caps;
	capability_check(&caps);
	host_init(&caps);
	isolation_boot();
	for (unsigned i = 0; i < hv_config_count; i++)
		vm_create(&hv_config[i]);

	sched_run();

	for (unsigned i = 0; i < hv_nvms; i++)
		vm_console_flush(&hv_vms[i]);
	stats_print();
	bool ok = isolation_final();
	unsigned passed = 0;
	for (unsigned i = 0; i < hv_nvms; i++)
		if (hv_vms[i].stopped && !hv_vms[i].stop_reason && hv_vms[i].exit_status == 0)
			passed++;
	ok = ok && passed == hv_nvms;
	hv_printf("hv: %u of %u VMs passed%s\n", passed, hv_nvms, ok ? "" : "; FAILED");
	if (ok)
		board_power_off();
	board_reset();
}
