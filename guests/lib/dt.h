/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device-tree look-ups (Debian's libfdt.a), so that one binary runs on QEMU
 * virt, under Bulkhead and under Xen. Bindings: Linux's
 * Documentation/devicetree/bindings (arm,gic-v3, arm,armv8-timer, arm,psci,
 * arm,pl011, arm,sbsa-uart).
 */
#ifndef GUESTS_LIB_DT_H
#define GUESTS_LIB_DT_H

#include <guests/lib/psci.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DT_MAX_GICR 4

struct dt_range {
	uint64_t base;
	uint64_t size;
};

/* What a guest OS needs of the machine. */
struct dt_platform {
	struct dt_range ram;		   /* the memory range the image runs in */
	struct dt_range gicd;		   /* GICv3 distributor */
	struct dt_range gicr[DT_MAX_GICR]; /* redistributor regions */
	uint32_t ngicr;
	struct dt_range uart; /* PL011 or SBSA UART (a PL011 subset) */
	bool uart_sbsa;
	uint32_t vtimer_intid; /* EL1 virtual timer PPI, as an INTID */
	uint64_t timer_freq;   /* timer clock-frequency property, 0 if absent */
	enum psci_conduit psci;
	const char *bootargs; /* /chosen/bootargs, "" if absent */
	const char *error;    /* first problem found, NULL if none */
};

/*
 * Fills *p from @fdt. Returns 0, or -1 with p->error naming the first missing
 * or malformed piece. The UART is looked up first, so p->uart is valid for
 * reporting even when something else fails.
 */
__attribute__((warn_unused_result)) int dt_platform(const void *fdt, struct dt_platform *p);

/* The @index-th (address, size) pair of @node's reg, in its parent's cells; 0 or -1. */
__attribute__((warn_unused_result)) int dt_reg(const void *fdt, int node, int index,
					       struct dt_range *r);

/* The @index-th reg range of the first node compatible with @compat; 0 or -1. */
__attribute__((warn_unused_result)) int dt_compatible_reg(const void *fdt, const char *compat,
							  int index, struct dt_range *r);

/* /chosen/stdout-path's UART (a path or an alias), else the first one; 0 or -1. */
__attribute__((warn_unused_result)) int dt_stdout_uart(const void *fdt, struct dt_range *r,
						       bool *sbsa);

/* The device tree from x0 (NULL if it is not a valid one). */
const void *rt_fdt(void);
/* /chosen/bootargs, or "" when absent. */
const char *rt_bootargs(void);
/* First /memory range; false if none. */
bool rt_memory(uint64_t *base, uint64_t *size);

/*
 * Command line parameters "key=value" separated by spaces. rt_arg copies the
 * value of @key into @buf (NUL-terminated, truncated to @size) and returns
 * true when @key is present; rt_arg_u64 parses the value with strtoul base 0.
 */
bool rt_arg(const char *args, const char *key, char *buf, size_t size);
bool rt_arg_u64(const char *args, const char *key, uint64_t *value);

#endif
