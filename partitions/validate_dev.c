// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rules on the guest-physical map and on devices. Devices are mapped 1:1
 * (guest-physical = physical), so guest RAM must keep clear of them and of
 * the windows Bulkhead emulates (GIC distributor and redistributors, the
 * SBSA watchdog, the PL011 of a partition that owns none); device interrupts
 * keep clear of the emulated devices' SPIs. Stage 2 maps whole 4 KiB pages: two
 * partitions' devices must not share one (virtio-mmio nodes are 0x200 bytes,
 * eight per page).
 */
#include <partitions/channel.h>
#include <partitions/dt.h>

#include <lib/bits.h>

uint32_t guest_windows(const struct layout_partition *p, struct guest_window *w)
{
	uint32_t n = 0;
	uint64_t ncpus = p->ncpus ? p->ncpus : 1;

	w[n++] = (struct guest_window){"the guest's GIC distributor", LAYOUT_VIRT_GICD_IPA,
				       LAYOUT_VIRT_GICD_SIZE};
	w[n++] = (struct guest_window){"the guest's GIC redistributors", LAYOUT_VIRT_GICR_IPA,
				       ncpus * LAYOUT_VIRT_GICR_STRIDE};
	if (p->virtual_uart)
		w[n++] = (struct guest_window){"the guest's emulated PL011", LAYOUT_VIRT_UART_IPA,
					       LAYOUT_VIRT_UART_SIZE};
	w[n++] = (struct guest_window){"the guest's emulated watchdog", LAYOUT_VIRT_WDT_IPA,
				       LAYOUT_VIRT_WDT_SIZE};
	if (p->vpci) { /* a channel endpoint with interface = "pci" (channel.h) */
		w[n] = (struct guest_window){"the guest's emulated PCI host bridge (ECAM)",
					     CHANNEL_PCI_ECAM_IPA, CHANNEL_PCI_ECAM_SIZE};
		n++;
	}
	return n;
}

/*
 * Rule: a device's interrupts avoid the SPIs of the emulated devices: the
 * guest sees a device's INTIDs unchanged, and Bulkhead injects the watchdog's
 * (always) and the emulated PL011's (when given) on their own.
 */
static void check_device_spis(const struct layout_partition *p, struct layout_diag *d)
{
	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *dev = &p->devices[k];

		for (uint32_t i = 0; i < dev->nirqs; i++) {
			const char *what = NULL;
			uint32_t spi = dev->irqs[i] - 32; /* parse_dev.c keeps SPIs only */

			if (spi == LAYOUT_VIRT_WDT_SPI)
				what = "the guest's emulated watchdog";
			else if (spi == LAYOUT_VIRT_UART_SPI && p->virtual_uart)
				what = "the guest's emulated PL011";
			if (what)
				layout_error(d, p->path, "devices",
					     "%s: SPI %u (INTID %u) is reserved for %s", dev->path,
					     spi, dev->irqs[i], what);
		}
	}
}

/*
 * Rule: a device's MMIO is mapped 1:1, so it lies inside the 40-bit
 * guest-physical space (else building stage 2 fails at boot, after
 * bulkhead-check said the layout was fine: attack review).
 */
static void check_device_ipa(const struct layout_partition *p, const struct layout_device *dev,
			     const struct layout_range *r, struct layout_diag *d)
{
	if ((r->base + r->size) > (1ULL << LAYOUT_IPA_BITS))
		layout_error(d, p->path, "devices",
			     "%s (0x%llx-0x%llx) lies beyond the %d-bit guest-physical space "
			     "(devices are mapped at their physical address)",
			     dev->path, X64(r->base), RANGE_END(r->base, r->size), LAYOUT_IPA_BITS);
}

/* Rule: a device's MMIO stays clear of the emulated windows. */
static void check_device_windows(const struct layout_partition *p, const struct guest_window *w,
				 uint32_t nw, struct layout_diag *d)
{
	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *dev = &p->devices[k];

		for (uint32_t r = 0; r < dev->nregs; r++)
			check_device_ipa(p, dev, &dev->regs[r], d);
		for (uint32_t r = 0; r < dev->nregs; r++)
			for (uint32_t i = 0; i < nw; i++)
				if (ranges_overlap(dev->regs[r].base, dev->regs[r].size, w[i].base,
						   w[i].size))
					layout_error(
						d, p->path, "devices",
						"%s (0x%llx-0x%llx) overlaps %s", dev->path,
						X64(dev->regs[r].base),
						RANGE_END(dev->regs[r].base, dev->regs[r].size),
						w[i].what);
	}
}

/* Rule: guest RAM stays clear of the partition's devices (mapped at their address). */
static void check_ram_devices(const struct layout_partition *p, struct layout_diag *d)
{
	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *dev = &p->devices[k];

		for (uint32_t r = 0; r < dev->nregs; r++)
			if (ranges_overlap(p->ram_ipa, p->ram_size, dev->regs[r].base,
					   dev->regs[r].size))
				layout_error(d, p->path, "guest-address",
					     "guest RAM 0x%llx-0x%llx overlaps device %s "
					     "(0x%llx-0x%llx, mapped at its physical address)",
					     X64(p->ram_ipa), RANGE_END(p->ram_ipa, p->ram_size),
					     dev->path, X64(dev->regs[r].base),
					     RANGE_END(dev->regs[r].base, dev->regs[r].size));
	}
}

/*
 * Rule: guest RAM (guest-address, then the memory ranges back to back) is
 * page aligned, inside the 40-bit IPA space, clear of the emulated windows
 * and of the partition's devices.
 */
void validate_guest_map(const struct layout *l, uint32_t i, struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];
	uint64_t base = p->ram_ipa, size = p->ram_size;
	struct guest_window w[GUEST_WINDOWS_MAX];
	uint32_t nw = guest_windows(p, w);

	check_device_windows(p, w, nw, d);
	check_device_spis(p, d);
	if (!p->nmem || !size)
		return;
	if (!IS_ALIGNED(base, LAYOUT_PAGE_SIZE))
		layout_error(d, p->path, "guest-address", "0x%llx is not 4 KiB aligned", X64(base));
	if (base + size < base || base + size > (1ULL << LAYOUT_IPA_BITS)) {
		layout_error(d, p->path, "guest-address",
			     "guest RAM 0x%llx + 0x%llx exceeds the %d-bit guest-physical space",
			     X64(base), X64(size), LAYOUT_IPA_BITS);
		return;
	}
	for (uint32_t k = 0; k < nw; k++)
		if (ranges_overlap(base, size, w[k].base, w[k].size))
			layout_error(d, p->path, "guest-address",
				     "guest RAM 0x%llx-0x%llx overlaps %s (0x%llx-0x%llx)",
				     X64(base), RANGE_END(base, size), w[k].what, X64(w[k].base),
				     RANGE_END(w[k].base, w[k].size));
	check_ram_devices(p, d);
}

/*
 * Rule: a device node belongs to one partition. Its pages and its SPIs have
 * one owner too: the ownership map checks those (owners.c).
 */
void validate_devices(const struct layout *l, uint32_t i, struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];

	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *a = &p->devices[k];

		for (uint32_t j = 0; j < i; j++) {
			const struct layout_partition *q = &l->parts[j];

			for (uint32_t n = 0; n < q->ndevices; n++) {
				const struct layout_device *b = &q->devices[n];

				if (a->node == b->node) {
					layout_error(d, p->path, "devices",
						     "%s is already owned by partition '%s'",
						     a->path, q->name);
				}
			}
		}
	}
}
