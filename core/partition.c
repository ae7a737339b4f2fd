// SPDX-License-Identifier: GPL-2.0-only
/*
 * Partition preparation at boot and the vCPU life cycle on each core.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/pgtable.h>
#include <arch/arm64/stage2.h>
#include <arch/arm64/sysreg.h>
#include <arch/arm64/trap.h>
#include <core/log.h>
#include <core/partition.h>
#include <core/virq.h>
#include <gic/gicv3.h>
#include <lib/trace.h>

#include <errno.h>
#include <string.h>

extern struct pt_pool hyp_pt_pool;

/* Guest RAM: normal memory, read/write/execute. Devices: Device-nGnRE, XN. */
static int map_partition(struct partition *p)
{
	const struct layout_partition *lp = p->lp;
	int err = s2_init(&p->s2, &hyp_pt_pool, (uint16_t)(lp->id + 1));

	for (uint32_t i = 0; !err && i < lp->nmem; i++)
		err = s2_map(&p->s2, &hyp_pt_pool, lp->mem[i].ipa, lp->mem[i].phys,
			     lp->mem[i].size, S2_NORMAL_RWX);
	for (uint32_t d = 0; !err && d < lp->ndevices; d++) {
		const struct layout_device *dev = &lp->devices[d];

		for (uint32_t r = 0; !err && r < dev->nregs; r++) {
			uint64_t base = ALIGN_DOWN(dev->regs[r].base, 0x1000);
			uint64_t end = ALIGN_UP(dev->regs[r].base + dev->regs[r].size, 0x1000);

			err = s2_map(&p->s2, &hyp_pt_pool, base, base, end - base, S2_DEVICE_RW);
		}
	}
	return err;
}

/* Copy an image from where U-Boot loaded it to its place in guest RAM. */
static int copy_image(const struct layout_partition *lp, const struct layout_image *img)
{
	uint64_t dst;

	if (!img->present)
		return 0;
	if (!layout_ipa_to_phys(lp, img->load_ipa, &dst))
		return trace_error(-EFAULT);
	memcpy((void *)(uintptr_t)dst, (const void *)(uintptr_t)img->addr, img->size);
	if (img->mem_size > img->size)
		memset((void *)(uintptr_t)(dst + img->size), 0, img->mem_size - img->size);
	dcache_clean_range(dst, img->mem_size > img->size ? img->mem_size : img->size);
	return 0;
}

static int write_guest_dt(const struct layout_partition *lp)
{
	uint64_t dst;
	int err;

	if (!layout_ipa_to_phys(lp, lp->dtb_ipa, &dst))
		return trace_error(-EFAULT);
	err = guest_dt_build(&hyp_layout, lp, (void *)(uintptr_t)dst, lp->dtb_max);
	if (err)
		return trace_error(err);
	dcache_clean_range(dst, lp->dtb_max);
	return 0;
}

int partition_prepare(struct partition *p, const struct layout_partition *lp, uint32_t nr_lines,
		      uint32_t nr_lrs)
{
	int err;

	p->lp = lp;
	p->state = PART_STARTING;
	for (uint32_t i = 0; i < lp->ncpus; i++) {
		p->vcpus[i].part = p;
		p->vcpus[i].id = i;
		p->vcpus[i].cpu = lp->cpus[i];
		p->vcpus[i].state = VCPU_OFF;
	}
	virq_partition_init(p, nr_lines, nr_lrs);
	err = map_partition(p);
	if (!err)
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
	p->vcpus[0].state = VCPU_ON_PENDING;
	dcache_clean_range((uint64_t)(uintptr_t)p, sizeof(*p));
	return 0;
}

/* EL2 state for running @v on this core (Arm ARM D1.11 "virtualization"). */
static void vcpu_setup_el2(struct vcpu *v)
{
	static const uint64_t hcr = HCR_VM | HCR_SWIO | HCR_PTW | HCR_FMO | HCR_IMO | HCR_AMO |
				    HCR_TSC | HCR_TSW | HCR_RW;

	write_sysreg(vtcr_el2, s2_vtcr(MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1))));
	write_sysreg(vttbr_el2, s2_vttbr(&v->part->s2));
	write_sysreg(hcr_el2, hcr);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, MPIDR_RES1 | v->id);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cptr_el2, CPTR_EL2_RES1);
	/* MDCR_EL2.HPMN = PMCR_EL0.N: the guest sees every PMU counter of its core. */
	write_sysreg(mdcr_el2, (read_sysreg(pmcr_el0) >> 11) & 0x1f);
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	isb();
	virq_vcpu_reset();
	/* Nothing of a previous VMID-less life may survive in the TLBs. */
	__asm__ volatile("tlbi vmalls12e1\n dsb nsh\n isb" ::: "memory");
}

void vcpu_run(struct vcpu *v)
{
	struct trap_frame f;

	if (!v)
		cpu_park();
	vcpu_setup_el2(v);
	while (v->state == VCPU_OFF)
		wfe();
	if (v->state == VCPU_STOPPED || v->part->state == PART_STOPPED)
		cpu_park();
	memset(&f, 0, sizeof(f));
	f.x[0] = v->context;
	f.elr = v->entry;
	f.spsr = SPSR_EL1H_DAIF;
	v->state = VCPU_RUNNING;
	if (v->id == 0) {
		v->part->state = PART_RUNNING;
		log_info("partition '%s' starting on core %u (entry 0x%llx, dtb 0x%llx)",
			 v->part->lp->name, v->cpu, (unsigned long long)v->entry,
			 (unsigned long long)v->context);
	}
	guest_enter(&f);
}

/*
 * Stop every vCPU of the caller's partition: siblings running a guest are
 * kicked (Bulkhead's SGI) and park when they see the partition stopped;
 * siblings waiting for CPU_ON are woken by SEV and park too.
 */
void partition_stop_current(const char *why)
{
	struct vcpu *self = this_cpu()->vcpu;
	struct partition *p = self->part;

	p->state = PART_STOPPED;
	dsb_ish();
	for (uint32_t i = 0; i < p->lp->ncpus; i++) {
		struct vcpu *v = &p->vcpus[i];
		uint32_t was = __atomic_exchange_n(&v->state, VCPU_STOPPED, __ATOMIC_ACQ_REL);

		if (v != self && was == VCPU_RUNNING)
			gic_send_sgi(v->cpu, GIC_SGI_KICK);
	}
	sev();
	log_info("partition '%s' stopped (%s)", p->lp->name, why);
	cpu_park();
}

void partition_stop_sibling(void)
{
	cpu_park();
}

void cpu_park(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		wfe();
}

void hyp_halt_all(void)
{
	/*
	 * At boot only the boot core runs when this is called. Later (a fault
	 * inside Bulkhead itself) the calling core stops; the others keep their
	 * partitions running: they share no state with the faulting path.
	 */
	cpu_park();
}
