// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partition preparation at boot and the vCPU life cycle on each core.
 */
#include <arch/arm64/aarch32.h>
#include <arch/arm64/cpu.h>
#include <arch/arm64/el1_state.h>
#include <arch/arm64/pgtable.h>
#include <arch/arm64/s2_layout.h>
#include <arch/arm64/stage2.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/partition.h>
#include <core/request.h>
#include <core/scrub.h>
#include <core/trap32.h>
#include <core/vdev.h>
#include <core/virq.h>
#include <gic/gic_sysreg.h>
#include <gic/gicv3.h>
#include <lib/log.h>
#include <lib/trace.h>

#include <errno.h>
#include <string.h>

extern struct pt_pool hyp_pt_pool;

/* Guest RAM: normal memory, read/write/execute. Devices: Device-nGnRE, XN (s2_layout.c). */
static int map_partition(struct partition *p)
{
	return s2_map_partition(&p->s2, &hyp_pt_pool, &hyp_layout, p->lp);
}

#define COPY_CHUNK 0x100000ULL

/*
 * Copy an image from where U-Boot loaded it to its place in guest RAM, and
 * zero what it occupies beyond its file (an arm64 Image's bss). Guest RAM may
 * be made of several physical ranges: copy piece by piece.
 */
static int copy_image(const struct layout_partition *lp, const struct layout_image *img)
{
	uint64_t ipa = img->load_ipa, total = MAX(img->mem_size, img->size), done = 0;

	if (!img->present)
		return 0;
	while (done < total) {
		uint64_t dst, n = layout_ipa_extent(lp, ipa + done, &dst);
		uint64_t copy;

		if (!n)
			return trace_error(-EFAULT);
		n = MIN(n, total - done);
		n = MIN(n, COPY_CHUNK); /* a MiB at a time, then yield_hint() */
		copy = done < img->size ? MIN(n, img->size - done) : 0;
		memcpy((void *)(uintptr_t)dst, (const void *)(uintptr_t)(img->addr + done), copy);
		memset((void *)(uintptr_t)(dst + copy), 0, n - copy);
		dcache_clean_range(dst, n);
		done += n;
		yield_hint();
	}
	return 0;
}

/*
 * Each partition's guest DT as first built, for its restarts: the layout is
 * read-only once validated, so the tree is the same every time, and building
 * it (libfdt's read-write API, partitions/guest_dt.c) was 0.43 M of a
 * restart's 0.52 M instructions outside the scrub. A tree larger than its
 * slot is built again at each load. Written by the boot core when the
 * partition is first loaded, read by the winner of a restart (the partition
 * is down, its slot is nobody else's): no lock.
 */
#define GUEST_DT_CACHE 8192U

/* The header's totalsize (big-endian word 1) of the DTB at @h. */
static uint32_t dtb_totalsize(const uint8_t *h)
{
	return ((uint32_t)h[4] << 24) | ((uint32_t)h[5] << 16) | ((uint32_t)h[6] << 8) |
	       (uint32_t)h[7];
}

static int write_guest_dt(const struct layout_partition *lp)
{
	static uint8_t cache[LAYOUT_MAX_PARTITIONS][GUEST_DT_CACHE];
	static uint32_t cached[LAYOUT_MAX_PARTITIONS]; /* its bytes; 0: not kept */
	bool slot = lp->id < (uint32_t)LAYOUT_MAX_PARTITIONS;
	uint32_t id = slot ? lp->id : 0U;
	uint32_t len = slot ? cached[id] : 0U;
	uint64_t dst;
	int err;

	if (!layout_ipa_to_phys(lp, lp->dtb_ipa, &dst))
		return trace_error(-EFAULT);
	if ((len != 0U) && (len <= lp->dtb_max)) {
		/* A restart: its RAM was just scrubbed and cleaned; only the tree is new. */
		(void)memcpy((void *)(uintptr_t)dst, cache[id], len);
		dcache_clean_range(dst, len);
		return 0;
	}
	err = guest_dt_build(&hyp_layout, lp, (void *)(uintptr_t)dst, lp->dtb_max);
	if (err)
		return trace_error(err);
	dcache_clean_range(dst, lp->dtb_max);
	len = dtb_totalsize((const uint8_t *)(uintptr_t)dst);
	if (slot && (len <= GUEST_DT_CACHE)) {
		(void)memcpy(cache[id], (const void *)(uintptr_t)dst, len);
		cached[id] = len;
	}
	return 0;
}

/*
 * Load the partition as at power-on: vCPUs off but the boot one, vGIC and
 * emulated devices reset, images copied from the pristine copies U-Boot
 * loaded (they lie outside every partition), guest DTB generated.
 */
int partition_load(struct partition *p)
{
	const struct layout_partition *lp = p->lp;
	int err;

	for (uint32_t i = 0; i < lp->ncpus; i++) {
		struct vcpu *v = &p->vcpus[i];

		v->part = p;
		v->id = i;
		v->cpu = lp->cpus[i];
		__atomic_store_n(&v->state, VCPU_OFF, __ATOMIC_SEQ_CST);
		v->requests = 0; /* not yet visible to anybody: the partition is down */
		v->why = NULL;
		v->out.len = 0;
		v->boot_entry = false;
	}
	vdev_reset_all(p);
	err = copy_image(lp, &lp->kernel);
	if (!err)
		err = copy_image(lp, &lp->initrd);
	if (!err)
		err = write_guest_dt(lp);
	if (err)
		return err;
	/* The boot vCPU starts at the image's entry with x0 = its DTB. */
	p->vcpus[0].entry = lp->entry_ipa;
	p->vcpus[0].context = lp->dtb_ipa;
	p->vcpus[0].boot_entry = true;
	__atomic_store_n(&p->vcpus[0].state, VCPU_ON_PENDING, __ATOMIC_SEQ_CST);
	dcache_clean_range((uint64_t)(uintptr_t)p, sizeof(*p));
	return 0;
}

int partition_prepare(struct partition *p, const struct layout_partition *lp, uint32_t nr_lines,
		      uint32_t nr_lrs)
{
	int err;

	p->lp = lp;
	p->state = PART_STARTING;
	p->nr_lines = nr_lines;
	p->nr_lrs = nr_lrs;
	err = map_partition(p);
	if (!err) {
		partition_scrub_first_boot(lp); /* CONFIG_SCRUB_RAM_AT_BOOT (core/scrub.c) */
		err = vdev_attach_all(p);
	}
	return err ? err : partition_load(p);
}

/* EL2 state for running @v on this core (Arm ARM D1.11 "virtualization"). */
static void vcpu_setup_el2(struct vcpu *v)
{
	static const uint64_t hcr =
		HCR_VM | HCR_SWIO | HCR_PTW | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC | HCR_TSW;
	bool aarch32 = v->part->lp->aarch32;

	write_sysreg(vtcr_el2, s2_vtcr(MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1))));
	write_sysreg(vttbr_el2, s2_vttbr(&v->part->s2));
	/* HCR_EL2.RW: EL1 is AArch64, clear for an AArch32 partition (exec_state.c). */
	write_sysreg(hcr_el2, aarch32 ? hcr : hcr | HCR_RW);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, MPIDR_RES1 | v->id);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cptr_el2, CPTR_EL2_RES1);
	/*
	 * MDCR_EL2 (PMU and debug isolation), pointer authentication, and every
	 * EL1 register (SCTLR, timers, FP/SIMD...) as at power-on: a restarted
	 * guest inherits nothing (arch/arm64/el1_state.c, docs/reliability.md).
	 */
	el1_traps_setup();
	el1_reset();
	trap32_vcpu_reset(aarch32);
	/* The EL2 timer (the watchdog's deadlines) is re-armed by its device when needed. */
	write_sysreg(cnthp_ctl_el2, 0);
	isb();
	virq_vcpu_reset();
	/* Nothing of a previous VMID-less life may survive in the TLBs. */
	__asm__ volatile("tlbi vmalls12e1\n dsb nsh\n isb" ::: "memory");
}

/*
 * Wait at EL2 until vCPU @v may enter its guest: CPU_ON published its entry
 * (ON_PENDING), or its partition went down (its state becomes STOPPED).
 * Interrupts stay masked; CPU_ON and take-downs SEV.
 */
static bool wait_for_cpu_on(struct vcpu *v)
{
	for (;;) {
		uint32_t s = __atomic_load_n(&v->state, __ATOMIC_ACQUIRE);

		if (s == VCPU_ON_PENDING)
			return vcpu_enter(&v->state);
		if (s == VCPU_STOPPED)
			return false;
		wfe();
	}
}

/* AArch64 (booting.rst, PSCI CPU_ON): x0 = DTB or context, EL1h, D A I F masked. */
static void entry_regs64(const struct vcpu *v, struct trap_frame *f)
{
	f->x[0] = v->context;
	f->elr = v->entry;
	f->spsr = SPSR_EL1H_DAIF;
}

/*
 * AArch32 (Documentation/arch/arm/booting.rst: r0 = 0, r1 = ~0 (machine type:
 * none, DT only), r2 = DTB; PSCI CPU_ON: r0 = context). SVC mode, A I F
 * masked, MMU and caches off (el1_reset); T32 when the entry's bit 0 is set
 * (PSCI DEN0022D 6.4.3, and an interworking address).
 */
static void entry_regs32(const struct vcpu *v, struct trap_frame *f)
{
	if (v->boot_entry) {
		f->x[1] = 0xffffffffULL;
		f->x[2] = v->context;
	} else {
		f->x[0] = v->context & 0xffffffffULL;
	}
	f->elr = v->entry & ~1ULL & 0xffffffffULL;
	f->spsr = a32_entry_psr(v->entry);
}

/* vcpu_run's body, on a fresh stack (cpu_call_on_fresh_stack). */
static void __attribute__((noreturn)) vcpu_run_fresh(void *arg)
{
	struct vcpu *v = arg;
	struct partition *p = v->part;
	struct trap_frame f;

	vcpu_setup_el2(v);
	if (!wait_for_cpu_on(v))
		vcpu_park(v);
	memset(&f, 0, sizeof(f));
	if (p->lp->aarch32)
		entry_regs32(v, &f);
	else
		entry_regs64(v, &f);
	if (v->id == 0) {
		log_info("partition '%s' starting on core %u (entry 0x%llx, dtb 0x%llx)",
			 p->lp->name, v->cpu, (unsigned long long)v->entry,
			 (unsigned long long)v->context);
		__atomic_store_n(&p->started, read_sysreg(cntpct_el0), __ATOMIC_RELAXED);
		if (lc_part_event(&p->state, LC_ENTERED, NULL))
			partition_report_state(p, NULL);
	}
	guest_enter(&f);
}

void vcpu_run(struct vcpu *v)
{
	cpu_call_on_fresh_stack(vcpu_run_fresh, v);
}

/* May @v's core leave the park? Its partition is up again and @v was reloaded. */
static bool may_unpark(struct vcpu *v)
{
	return lc_part_up(
		       (enum partition_state)__atomic_load_n(&v->part->state, __ATOMIC_SEQ_CST)) &&
	       __atomic_load_n(&v->state, __ATOMIC_SEQ_CST) != VCPU_STOPPED;
}

/*
 * Parked: wait until the restart's winner reloaded the partition. The winner
 * takes @v down (state STOPPED, seq-cst) then reads `parked`; we clear
 * `parked` (seq-cst) then read the state again: one of the two sees the
 * other's store, so a winner never reloads under a core that is leaving.
 */
static void __attribute__((noreturn)) vcpu_park_fresh(void *arg)
{
	struct vcpu *v = arg;

	for (;;) {
		__atomic_store_n(&v->parked, 1, __ATOMIC_SEQ_CST);
		sev();
		while (!may_unpark(v)) {
			/* Stopped or failed for good: nothing will wake this core again. */
			if (lc_part_final((enum partition_state)v->part->state))
				cpu_halt();
			wfe();
		}
		__atomic_store_n(&v->parked, 0, __ATOMIC_SEQ_CST);
		if (may_unpark(v))
			break;
	}
	__atomic_store_n(&v->requests, 0, __ATOMIC_RELEASE); /* the old life's requests */
	vcpu_run_fresh(v);
}

void vcpu_park(struct vcpu *v)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	cpu_call_on_fresh_stack(vcpu_park_fresh, v);
}
