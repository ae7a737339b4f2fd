/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the guest learns from its device tree: nothing about the machine is a
 * fixed address, so one binary runs on QEMU virt, under Bulkhead and under Xen.
 */
#ifndef GUESTS_RTOS_PLATFORM_H
#define GUESTS_RTOS_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#define PLAT_MAX_GICR 4

enum psci_conduit {
	PSCI_NONE,
	PSCI_HVC,
	PSCI_SMC,
};

struct mem_range {
	uint64_t base;
	uint64_t size;
};

struct platform {
	struct mem_range ram;		      /* the memory range the image runs in */
	struct mem_range gicd;		      /* GICv3 distributor */
	struct mem_range gicr[PLAT_MAX_GICR]; /* redistributor regions */
	uint32_t ngicr;
	struct mem_range uart; /* PL011 or SBSA UART (a PL011 subset) */
	bool uart_sbsa;
	uint32_t vtimer_intid; /* EL1 virtual timer PPI, as an INTID */
	uint64_t timer_freq;   /* timer clock-frequency property, 0 if absent */
	enum psci_conduit psci;
	const char *bootargs; /* /chosen/bootargs, "" if absent */
	const char *error;    /* first problem found, NULL if none */
};

/*
 * Fill *p from the flattened device tree at fdt. Returns 0, or -1 with
 * p->error naming the first missing or malformed piece. The UART is looked up
 * first, so p->uart is valid for reporting even when something else fails.
 */
int platform_probe(const void *fdt, struct platform *p);

#endif
