/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vgictest's parts (vgictest.c: shared state, interrupts, vCPU 1 and its
 * mailbox, the run; checks.c: the checks) and what they share.
 */
#ifndef GUESTS_VGICTEST_VGICTEST_H
#define GUESTS_VGICTEST_VGICTEST_H

#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/report.h>
#include <guests/lib/rt.h>

#include <stdbool.h>
#include <stdint.h>

/* ------------------------------------------------------------ the GIC */
#define PPI_VTIMER  27
#define SPI_OWN	    33 /* the emulated PL011: this partition's */
#define SPI_FOREIGN 48 /* virtio_mmio0: the other partition's */
#define SPI_NOBODY  49 /* virtio_mmio1: nobody's */

#define DEFAULT_PRIO 0xa0
#define PMR_VALUE    0xf0

#define CTX_FIRST 0x5ec0000000000001UL
#define CTX_AGAIN 0x5ec0000000000002UL

#define NVCPUS 2

/*
 * How long to wait for what must come (an SGI, an answer from vCPU 1), in ms
 * of virtual time: generous, for a loaded machine; a passing run never waits
 * that long. What must not come is given a few ms after what must.
 */
#define WAIT_MS 5000

/* The distributor and vCPU 0's redistributor, from the device tree (set by vCPU 0 first). */
extern uint64_t gicd, gicr0;

static inline uint64_t gicr(uint32_t vcpu)
{
	return gicr0 + vcpu * GICR_STRIDE;
}

static inline int64_t smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return psci_call(fid, a1, a2, a3);
}

/* ------------------------------------------------------------ shared state */
#define ORDER_MAX 32

/* Written by the vCPU's own interrupt handler only. */
struct vt_irqs {
	volatile uint32_t sgi[16];
	volatile uint32_t vtimer;
	volatile uint32_t other; /* any other INTID */
	volatile uint32_t last_other;
	volatile uint32_t spurious;
	volatile uint32_t recording; /* set by the vCPU itself, with interrupts masked */
	volatile uint32_t norder;
	volatile uint32_t order[ORDER_MAX];
	volatile uint32_t timer_target; /* re-arm the timer until this many */
	volatile uint64_t timer_period;
};

extern struct vt_irqs irqs[NVCPUS];

/* vCPU 1's side: written by vCPU 1 only. */
struct vt_secondary {
	volatile uint32_t online;     /* entries so far */
	volatile uint32_t entry_kind; /* 1: vt_secondary_entry, 2: vt_secondary_reentry */
	volatile uint64_t context;    /* x0 at entry */
	volatile uint32_t init_ok;    /* its redistributor and CPU interface came up */
	volatile uint32_t init_detail;
	volatile uint32_t done; /* mailbox: last request served */
	volatile int64_t result;
	volatile uint32_t off_returned;
	volatile uint32_t timer_fired; /* ISTATUS (bit 0), ISR_EL1.I (bit 7) before CPU_OFF */
};

/* vCPU 0's side of the mailbox: written by vCPU 0 only. */
struct vt_request {
	volatile uint32_t seq;
	volatile uint32_t op;
	volatile uint64_t arg;
};

enum { OP_NOP, OP_PINGPONG, OP_SGI, OP_TIMER, OP_CPU_OFF };

extern struct vt_secondary sec;
extern struct vt_request req;
extern const uint32_t pingpong_sgis[4];

/* vgictest.c */
void vt_secondary_entry(void);
void vt_secondary_reentry(void);
uint32_t cpuif_init(void);
uint32_t redist_init(uint32_t vcpu);
void pingpong(uint32_t self, uint32_t rounds, uint32_t *lost);
uint32_t timer_run(uint32_t vcpu, uint32_t count, uint64_t period_ms, uint64_t *elapsed);
bool request(uint32_t op, uint64_t arg, bool wait, int64_t *ret);

/* checks.c, in the order guest_main() runs them */
void check_gic_bringup(void);
void check_psci_basics(void);
void check_cpu_on(void);
void check_sgis(void);
void check_priorities(void);
void check_timer(void);
void check_ownership(void);
void check_psci_refusals(void);
void check_cpu_off_on(void);

#endif
