// SPDX-License-Identifier: GPL-2.0-only
/*
 * A partition's stage 2 from its layout, and its verification (s2_layout.h).
 */
#include <arch/arm64/s2_layout.h>
#include <lib/trace.h>
#include <partitions/channel.h>

#include <errno.h>

/*
 * Partition @lp's endpoint of channel @c, if it is one: the header page
 * read-only (Bulkhead writes it), the payload read/write or read-only as the
 * endpoint's access says; Normal Write-Back Inner Shareable (S2_NORMAL), the
 * same for both endpoints, never executable -- Normal Non-cacheable for both
 * when one endpoint is a PCI function (channel_uncached(): Linux maps a BAR
 * non-cacheable at stage 1, and the other side must not cache what it reads). The doorbell page after the
 * region stays unmapped: an access traps to its emulation (core/vchan.c).
 * A write to a read-only page is a stage-2 permission fault (Arm ARM D8.4),
 * handled like any unhandled guest fault: the partition's fault policy.
 */
static int s2_map_channel(struct s2_table *t, struct pt_pool *pool, const struct layout_channel *c,
			  const struct layout_partition *lp)
{
	const struct layout_endpoint *e = channel_endpoint(c, lp->id, NULL);
	const bool nc = channel_uncached(c);
	int err;

	if (e == NULL)
		return 0;
	err = s2_map(t, pool, e->ipa, c->phys, CHANNEL_HEADER_SIZE,
		     nc ? S2_NORMAL_NC_RO : S2_NORMAL_RO);
	if (err == 0)
		err = s2_map(t, pool, e->ipa + CHANNEL_HEADER_SIZE, c->phys + CHANNEL_HEADER_SIZE,
			     c->size - CHANNEL_HEADER_SIZE,
			     e->read_only ? (nc ? S2_NORMAL_NC_RO : S2_NORMAL_RO)
					  : (nc ? S2_NORMAL_NC_RW : S2_NORMAL_RW));
	return err;
}

int s2_map_partition(struct s2_table *t, struct pt_pool *pool, const struct layout *l,
		     const struct layout_partition *lp)
{
	int err = s2_init(t, pool, (uint16_t)(lp->id + 1U));

	for (uint32_t i = 0; (err == 0) && (i < lp->nmem); i++)
		err = s2_map(t, pool, lp->mem[i].ipa, lp->mem[i].phys, lp->mem[i].size,
			     S2_NORMAL_RWX);
	for (uint32_t d = 0; (err == 0) && (d < lp->ndevices); d++) {
		const struct layout_device *dev = &lp->devices[d];

		for (uint32_t r = 0; (err == 0) && (r < dev->nregs); r++) {
			uint64_t base = ALIGN_DOWN(dev->regs[r].base, PT_PAGE_SIZE);
			uint64_t end =
				ALIGN_UP(dev->regs[r].base + dev->regs[r].size, PT_PAGE_SIZE);

			err = s2_map(t, pool, base, base, end - base, S2_DEVICE_RW);
		}
	}
	for (uint32_t c = 0; (err == 0) && (c < l->nchannels); c++)
		err = s2_map_channel(t, pool, &l->channels[c], lp);
	/*
	 * Flash banks (partitions/firmware.c): the module's own pages, read-only
	 * and executable; writes fault to core/vdev_flash.c, which drops them.
	 * (mapped is 0 only on the host, where modules have no size yet.)
	 */
	for (uint32_t k = 0; (err == 0) && (k < lp->nflash); k++)
		err = (lp->flash[k].mapped == 0U)
			      ? 0
			      : s2_map(t, pool, lp->flash[k].img.load_ipa, lp->flash[k].img.addr,
				       lp->flash[k].mapped, S2_NORMAL_RX);
	return err;
}

static void s2_leaf(struct pt_walker *w, const struct pt_leaf *leaf)
{
	struct layout_verify *v = w->verify;
	struct s2_leaf_info i;
	struct vmap m = {.ia = leaf->ia, .oa = leaf->oa, .size = leaf->size};

	s2_leaf_decode(leaf->attrs, &i);
	m.normal_wb = i.normal_wb;
	m.normal_nc = i.memattr == 0x5U; /* S2_MEMATTR_NORMAL_NC */
	m.device = i.device;
	m.read = i.read;
	m.write = i.write;
	m.exec = i.exec;
	m.extra = !i.af || i.unknown_bits;
	m.type = s2_memattr_name(i.memattr);
	layout_verify_map(v, &m);
}

static void s2_bad(struct pt_walker *w, uint64_t ia, unsigned level, uint64_t desc, const char *why)
{
	layout_verify_bad(w->verify, ia, level, desc, why);
}

/* True if the whole concatenated root of @t is live pages of @pool. */
static bool root_in_pool(const struct s2_table *t, const struct pt_pool *pool)
{
	for (size_t k = 0; k < S2_ROOT_TABLES; k++)
		if (!pt_pool_live(pool, &t->root[k * PT_ENTRIES]))
			return false;
	return true;
}

int s2_verify_partition(const struct layout *l, const struct layout_partition *lp,
			const struct s2_table *t, const struct pt_pool *pool, struct layout_diag *d,
			struct layout_verify *scratch, struct s2_verify_stats *st)
{
	struct pt_walker w = {
		.pool = pool, .leaf = s2_leaf, .bad = s2_bad, .verify = scratch, .merge = true};

	layout_verify_begin(scratch, l, lp, "stage-2", true, d);
	if (t->vmid != (lp->id + 1U))
		layout_verify_fail(scratch, "has VMID %u; expected %u", t->vmid, lp->id + 1U);
	if ((t->root == NULL) || ((pool != NULL) && !root_in_pool(t, pool)))
		layout_verify_fail(scratch, "root 0x%llx is not in the table pool",
				   (unsigned long long)(uintptr_t)t->root);
	else if ((s2_walk_tree(t, &w) != 0) && (scratch->mismatches == 0U))
		layout_verify_fail(scratch, "could not be walked");
	else {
		/* walked: each leaf and malformed entry went to @scratch */
	}
	st->tables = w.tables;
	st->leaves = w.leaves;
	st->pages = scratch->pages;
	return layout_verify_end(scratch);
}
