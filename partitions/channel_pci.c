// SPDX-License-Identifier: GPL-2.0-only
/*
 * Channel endpoints with interface = "pci" (partitions/channel.h, docs/
 * binding.md "Channels"): the rules their BARs impose, and their device
 * numbers on the partition's emulated PCI bus. The ECAM window itself is one
 * more emulated window of the partition (guest_windows(), validate_dev.c):
 * RAM, devices, flash banks and channel windows are checked against it there.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>

#include <lib/bits.h>
#include <lib/format.h>

/* Device number: the endpoint's rank among partition @part's PCI endpoints (channel order). */
static uint32_t pci_rank(const struct layout *l, uint32_t ci, uint32_t part)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ci; i++) {
		const struct layout_endpoint *o = channel_endpoint(&l->channels[i], part, NULL);

		if ((o != NULL) && o->pci)
			n++;
	}
	return n;
}

/*
 * Rules: BAR2 is the region, so its size is a power of two and the
 * endpoint's guest-address a multiple of it (a BAR's low address bits are
 * its size mask, PCI Local Bus 3.0 6.2.5.1); BAR0, the doorbell page, is a
 * 32-bit BAR: below 4 GiB.
 */
void channel_pci_check(const struct layout *l, uint32_t ci, struct layout_endpoint *e,
		       struct layout_diag *d)
{
	const struct layout_channel *c = &l->channels[ci];
	uint64_t db = e->ipa + c->size;

	e->pci_dev = pci_rank(l, ci, (uint32_t)e->partition);
	if ((c->size & (c->size - 1U)) != 0U) {
		layout_error(d, e->path, "interface",
			     "\"pci\": the channel's size 0x%llx must be a power of two (BAR2 is "
			     "the region)",
			     X64(c->size));
		return;
	}
	if (!IS_ALIGNED(e->ipa, c->size))
		layout_error(d, e->path, "guest-address",
			     "0x%llx: interface \"pci\" needs a multiple of the channel's size "
			     "0x%llx (BAR2 is the region)",
			     X64(e->ipa), X64(c->size));
	if ((db + CHANNEL_DOORBELL_SIZE) > CHANNEL_PCI_BAR0_LIMIT)
		layout_error(d, e->path, "guest-address",
			     "doorbell page 0x%llx: interface \"pci\" needs it below 4 GiB "
			     "(BAR0 is a 32-bit BAR)",
			     X64(db));
}
