/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest's parts (hostile.c: the sequence, persistence and
 * faulting steps; calls.c: SMCCC, PSCI and system registers; devices.c: the
 * emulated GIC, odd MMIO, interrupt storms, the console flood) and what they
 * share. Everything runs on vCPU 0, one step per boot (hostile.c).
 */
#ifndef GUESTS_HOSTILE_HOSTILE_H
#define GUESTS_HOSTILE_HOSTILE_H

#include <guests/hostile/hw.h>
#include <guests/hostile/hx.h>
#include <guests/hostile/plan.h>
#include <guests/lib/gic.h>
#include <guests/lib/rt.h>

#include <stdbool.h>
#include <stdint.h>

/* ---------------------------------------------------------------- devices it owns */

#define RTC_DR	       0x000
#define RTC_MR	       0x004
#define RTC_LR	       0x008
#define RTC_IMSC       0x010
#define ATTEMPTS_SHIFT 12
#define RTC_RIS	       0x014
#define RTC_ICR	       0x01c
#define INTID_RTC      34
#define SGI_STORM      1
#define SGI_FOREIGN    2
#define PRIO_DEFAULT   0xa0
#define GUEST_RAM      0x40000000UL
#define CANARY_ADDR    0x41000000UL
#define CANARY_SIZE    0x10000UL
#define CANARY_WORD    0x4546494c2d544f48UL /* "HOT-LIFE" */
/* Where dts/hostile.dts loads things (guests/lib/mkplan.py): aliased by its own RAM. */
#define BULKHEAD_PHYS	PLAN_BULKHEAD_BIN
#define SYSTEM_DTB_PHYS PLAN_SYSTEM_DTB
#define ARM64_MAGIC	0x644d5241U /* "ARM\x64" at offset 0x38 of an Image */
#define FDT_MAGIC_LE	0xedfe0dd0U

/* One class of attempts in this boot. */
struct tally {
	const char *cls;
	uint64_t attempts;
	uint64_t escaped;
};

/* Its own devices, from its device tree (hostile.c, at boot, before any step). */
struct hx_devices {
	uint64_t gicd, gicr;		   /* distributor, vCPU 0's redistributor */
	uint64_t uart;			   /* the emulated PL011 */
	uint64_t wdt_control, wdt_refresh; /* the emulated SBSA watchdog's frames */
	uint64_t rtc;			   /* the PL031 that keeps the step */
};

extern struct hx_devices hx_dev;

/* Set at boot from the bootargs and BH_HVC_INFO (hostile.c). */
extern uint32_t nvcpus;
extern uint64_t freq;
extern uint64_t opt_sysreg, opt_storm_ms, opt_flood;

uint64_t rnd(void);
uint64_t ms_to_ticks(uint64_t ms);
/* An attempt that was neither refused nor contained: "ESCAPED: <class>: ..." */
void escape(struct tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The class's "attempts= escaped=" line; its counts go to the RTC. */
void report(const struct tally *t);
/* The RTC's match register: the step word (hostile.c). */
uint32_t mr_read(void);
void mr_write(uint32_t v);

/* calls.c */
void smccc_fuzz(bool smc, uint64_t iterations);
void psci_misuse(void);
void sysreg_misuse(void);

/* devices.c */
uint64_t gicr(uint32_t vcpu);
void gic_bringup(void);
void vgic_dist_misuse(void);
void vgic_redist_misuse(void);
void sgi_misuse(void);
void mmio_odd(void);
void storms(void);
void console_flood(void);

#endif
