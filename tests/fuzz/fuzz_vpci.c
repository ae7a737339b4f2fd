// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the configuration space of a channel's PCI function
 * (core/vpci_model.c) driven by any sequence of ECAM accesses a guest can
 * make (any offset in the 1 MiB window, any width 1..8, read or write, any
 * value) and of rings and acknowledgements, decoded as core/vpci.c does.
 * After each operation:
 *   - the BARs are where Bulkhead fixed them, or read their size mask (never
 *     anything else: a guest cannot move them);
 *   - identity registers never change; Command holds only its three bits;
 *   - Status bit 3 is the pending ring, INTA is pending && !INTx Disable;
 *   - an access the model does not decode reads all-ones of its width.
 * Input: operations of 8 bytes each until the input ends.
 */
#include <core/vpci_model.h>
#include <partitions/channel.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BAR0	 0x50010000U
#define BAR2	 0x8000000000ULL
#define BAR2_LEN 0x100000ULL

static void check(const struct vpci_fn *f)
{
	uint32_t b0 = vpci_cfg_read(f, PCI_BAR0, 4);
	uint32_t b2 = vpci_cfg_read(f, 0x18, 4), b3 = vpci_cfg_read(f, 0x1c, 4);
	uint64_t mask = ~(BAR2_LEN - 1U);
	uint32_t cs = vpci_cfg_read(f, PCI_COMMAND, 4);

	if ((b0 != BAR0) && (b0 != 0xfffff000U))
		abort();
	if ((b2 != ((uint32_t)BAR2 | 0xcU)) && (b2 != ((uint32_t)mask | 0xcU)))
		abort();
	if ((b3 != (uint32_t)(BAR2 >> 32)) && (b3 != (uint32_t)(mask >> 32)))
		abort();
	if (vpci_cfg_read(f, 0, 4) != ((CHANNEL_PCI_DEVICE << 16) | CHANNEL_PCI_VENDOR))
		abort();
	if (vpci_cfg_read(f, 0x08, 4) != (0xff000000U | CHANNEL_VERSION))
		abort();
	if ((cs & 0xffffU &
	     ~(uint32_t)(PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_OFF)) != 0U)
		abort();
	if (((cs >> 16) != 0U) != f->pending || ((cs >> 16) & ~PCI_STATUS_INTERRUPT) != 0U)
		abort();
	if (vpci_intx(f) != (f->pending && !(cs & PCI_COMMAND_INTX_OFF)))
		abort();
	if (vpci_cfg_read(f, 0x3d, 1) != 1U)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vpci_fn f = {.bar0 = BAR0, .bar2 = BAR2, .bar2_size = BAR2_LEN, .subsystem = 7};

	vpci_model_reset(&f);
	for (; size >= 8U; data += 8, size -= 8) {
		uint32_t off =
			((uint32_t)data[0] | ((uint32_t)data[1] << 8) | ((uint32_t)data[2] << 16)) &
			0x1fffffU; /* past the window too */
		uint32_t width = (data[3] & 7U) + 1U, dev = 0, reg = 0;
		uint32_t value;
		int err;

		(void)memcpy(&value, &data[4], sizeof(value));
		if ((data[3] & 0xc0U) == 0x40U) { /* a ring, or its acknowledgement */
			f.pending = (data[3] & 0x20U) != 0U;
			check(&f);
			continue;
		}
		err = vpci_ecam_decode(off, width, &dev, &reg);
		if ((err != 0) && (err != -EINVAL) && (err != -ENODEV))
			abort();
		if ((err == 0) && ((reg >= PCI_CFG_SIZE) || (dev >= 32U) || (width > 4U)))
			abort();
		if ((err == 0) && (dev == 0U)) {
			if ((data[3] & 0x80U) != 0U)
				vpci_cfg_write(&f, reg, width, value);
			else if ((vpci_cfg_read(&f, reg, width) & ~vpci_all_ones(width)) != 0U)
				abort();
		}
		check(&f);
	}
	return 0;
}
