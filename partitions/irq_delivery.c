// SPDX-License-Identifier: GPL-2.0-only
/*
 * interrupt-delivery on a partition node: "trap" (the default: every physical
 * interrupt is taken at EL2 and injected through a list register) or "direct"
 * (the partition would take its own interrupts at EL1 straight from the
 * physical GIC CPU interface).
 *
 * "direct" is parsed and its layout rules are checked, but it is refused: no
 * GICv3 configuration Bulkhead runs on keeps Bulkhead's own interrupts out of
 * reach of a guest that owns the physical CPU interface. On a GIC with one
 * security state (QEMU virt: GICD_CTLR.DS == 1) an EL1 write to
 * ICC_AP1R0_EL1 raises the running priority above every Group 0 interrupt
 * (IHI 0069 4.8, "active priorities"), and ICH_HCR_EL2.TALL1, the only trap
 * of that register, traps every Group 1 access, acknowledge and EOI included.
 * docs/design.md "Direct interrupt delivery" has the whole argument and what a
 * safe mechanism needs; docs/binding.md "Interrupt delivery" the rules.
 */
#include <partitions/dt.h>

#include <libfdt.h>
#include <string.h>

/* Rule: interrupt-delivery is one string, "trap" (the default) or "direct". */
void parse_irq_delivery(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	int len;
	const char *v = fdt_getprop(l->fdt, p->node, "interrupt-delivery", &len);

	p->irq_delivery = LAYOUT_IRQ_TRAP;
	if (v == NULL)
		return;
	if ((len < 1) || (strnlen(v, (size_t)len) != ((size_t)len - 1U))) {
		layout_error(d, p->path, "interrupt-delivery",
			     "must be a string, \"trap\" or \"direct\"");
		return;
	}
	if (strcmp(v, "direct") == 0) {
		p->irq_delivery = LAYOUT_IRQ_DIRECT;
	} else if (strcmp(v, "trap") != 0) {
		layout_error(d, p->path, "interrupt-delivery",
			     "unknown delivery '%s' (must be \"trap\" or \"direct\")", v);
	} else {
		/* "trap": the default, already set */
	}
}

/*
 * Rule (layout): at least one partition keeps "trap". Bulkhead's own shared
 * interrupts (console input, SMMU events) are routed to a partition's core
 * (core/console_input.c, smmu/smmuv3_evtq.c), and taking a direct
 * partition's cores back must not depend on those cores alone.
 */
static void check_one_trap(const struct layout *l, struct layout_diag *d)
{
	const struct layout_partition *last = NULL;

	for (uint32_t i = 0; i < l->nparts; i++) {
		if (l->parts[i].irq_delivery != (uint32_t)LAYOUT_IRQ_DIRECT)
			return;
		last = &l->parts[i];
	}
	if (last != NULL)
		layout_error(d, last->path, "interrupt-delivery",
			     "every partition is \"direct\": Bulkhead's own interrupts need one "
			     "in \"trap\" (docs/binding.md)");
}

/*
 * Rule (mechanism): "direct" is refused (see the comment at the top). The
 * message stays under 100 characters: with the longest node path it still
 * fits one boot console line (CONSOLE_LINE_MAX).
 */
void validate_irq_delivery(const struct layout *l, struct layout_diag *d)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		if (l->parts[i].irq_delivery == (uint32_t)LAYOUT_IRQ_DIRECT)
			layout_error(d, l->parts[i].path, "interrupt-delivery",
				     "\"direct\" is refused: the guest could block Bulkhead's "
				     "Group 0 via ICC_AP1R0_EL1 (docs/design.md)");
	check_one_trap(l, d);
}
