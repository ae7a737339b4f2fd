// SPDX-License-Identifier: GPL-2.0-only
/*
 * The configuration-space model of vpci_model.h: reads assemble the dword the
 * access falls in and take its bytes; writes merge their bytes into it and
 * act per register. No state outside struct vpci_fn.
 */
#include <core/vpci_model.h>
#include <partitions/channel.h>

#include <errno.h>

#define ECAM_DEV_SHIFT 15U /* offset bits 19:15 device, 14:12 function, 11:0 register */
#define ECAM_FN_SHIFT  12U
#define BAR_DWORDS     6U
#define PCI_PIN_INTA   0x0100U	   /* Interrupt Pin (byte 0x3d) = 1: INTA */
#define BAR0_SIZE_MASK 0xfffff000U /* 4 KiB: CHANNEL_DOORBELL_SIZE */

void vpci_model_reset(struct vpci_fn *f)
{
	f->command = 0;
	f->line = 0;
	f->sizing = 0;
	f->pending = false;
}

int vpci_ecam_decode(uint64_t offset, uint32_t size, uint32_t *dev, uint32_t *reg)
{
	if (((size != 1U) && (size != 2U) && (size != 4U)) || ((offset % size) != 0U) ||
	    (offset >= CHANNEL_PCI_ECAM_SIZE))
		return -EINVAL;
	*dev = (uint32_t)(offset >> ECAM_DEV_SHIFT) & 0x1fU;
	*reg = (uint32_t)offset & (PCI_CFG_SIZE - 1U);
	return (((offset >> ECAM_FN_SHIFT) & 7U) == 0U) ? 0 : -ENODEV;
}

uint32_t vpci_all_ones(uint32_t size)
{
	static const uint32_t ones[4] = {0xffU, 0xffffU, 0xffffffU, 0xffffffffU};

	return ((size >= 1U) && (size <= 4U)) ? ones[size - 1U] : 0xffffffffU;
}

static bool sizing(const struct vpci_fn *f, uint32_t bar)
{
	return ((f->sizing >> bar) & 1U) != 0U;
}

/* BAR dword @bar (0..5): its address, or its size mask while being sized. */
static uint32_t bar_read(const struct vpci_fn *f, uint32_t bar)
{
	uint64_t mask2 = ~(f->bar2_size - 1U);

	switch (bar) {
	case 0U: /* 32-bit memory, not prefetchable: type bits 0 */
		return sizing(f, bar) ? BAR0_SIZE_MASK : f->bar0;
	case 2U:
		return (uint32_t)(sizing(f, bar) ? mask2 : f->bar2) | PCI_BAR_MEM64_PREFETCH;
	case 3U:
		return (uint32_t)((sizing(f, bar) ? mask2 : f->bar2) >> 32);
	default:
		return 0; /* BAR1, BAR4, BAR5 unused: hardwired to 0 (PCI LB 3.0 6.2.5.1) */
	}
}

static uint32_t dword(const struct vpci_fn *f, uint32_t dw)
{
	uint32_t status = f->pending ? PCI_STATUS_INTERRUPT : 0U;

	switch (dw) {
	case 0x00U:
		return ((uint32_t)CHANNEL_PCI_DEVICE << 16) | CHANNEL_PCI_VENDOR;
	case PCI_COMMAND:
		return (status << 16) | f->command;
	case 0x08U:
		return ((uint32_t)PCI_CLASS_UNASSIGNED << 8) | CHANNEL_VERSION;
	case 0x2cU:
		return ((uint32_t)f->subsystem << 16) | CHANNEL_PCI_VENDOR;
	case PCI_INTERRUPT_LINE:
		return PCI_PIN_INTA | f->line;
	default:
		if ((dw >= PCI_BAR0) && (dw < (PCI_BAR0 + (4U * BAR_DWORDS))))
			return bar_read(f, (dw - PCI_BAR0) / 4U);
		return 0; /* a register the function does not have: reserved, reads 0 (PCI LB 3.0 6.1) */
	}
}

uint32_t vpci_cfg_read(const struct vpci_fn *f, uint32_t reg, uint32_t size)
{
	const uint32_t shift = (reg & 3U) * 8U; /* 0..24 */
	uint32_t v = dword(f, reg & ~3U) >> shift;

	return v & vpci_all_ones(size);
}

void vpci_cfg_write(struct vpci_fn *f, uint32_t reg, uint32_t size, uint32_t value)
{
	const uint32_t dw = reg & ~3U;
	const uint32_t shift = (reg & 3U) * 8U;
	const uint32_t mask = vpci_all_ones(size) << shift;
	const uint32_t v = (value << shift) & mask;

	if (dw == PCI_COMMAND) {
		/* the Status half: nothing to clear (its one bit is read-only) */
		uint32_t cmd = (f->command & ~mask) | v;

		f->command = (uint16_t)(cmd & (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
					       PCI_COMMAND_INTX_OFF));
	} else if ((dw >= PCI_BAR0) && (dw < (PCI_BAR0 + (4U * BAR_DWORDS)))) {
		uint32_t bar = (dw - PCI_BAR0) / 4U;

		/* only a whole all-ones dword starts sizing; the address never moves */
		if ((size == 4U) && (value == 0xffffffffU))
			f->sizing = (uint8_t)(f->sizing | (1U << bar));
		else
			f->sizing = (uint8_t)(f->sizing & ~(1U << bar));
	} else if ((dw == PCI_INTERRUPT_LINE) && ((mask & 0xffU) != 0U)) {
		f->line = (uint8_t)v;
	} else {
		/* read-only or reserved: the write has no effect (PCI LB 3.0 6.1) */
	}
}

bool vpci_intx(const struct vpci_fn *f)
{
	return f->pending && ((f->command & PCI_COMMAND_INTX_OFF) == 0U);
}
