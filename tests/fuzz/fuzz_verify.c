// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: table verification (docs/reliability.md). Layouts that
 * validate get their tables built with the boot's code and verified; ANY
 * mismatch aborts (a bug in the builder, the walker or the verifier).
 *
 * The first byte picks how the layout is derived from the rest:
 *   even: the rest is a system DTB, checked with layout_check() as the boot
 *         does (the corpus starts from every layout in dts/ and the invalid-DT cases);
 *   odd:  the rest describes 1-4 partitions directly (RAM ranges with
 *         arbitrary 4 KiB / 2 MiB / 1 GiB alignments of IPA and PA, devices
 *         with page-unaligned regs, stream ID ranges), kept only if it obeys
 *         the ownership rules the validator enforces (no physical byte, IPA
 *         or stream shared; RAM ranges inside their IPA space; devices clear
 *         of RAM). This reaches block/page mixes no DTS in the tree has.
 * Then each partition's stage 2 (s2_map_partition, one shared pool as at
 * boot) is verified, and the SMMU configuration in both modes (stage 1 as on
 * QEMU, stage 2), built as smmu/smmuv3.c builds it.
 */
#include "../unit/tables_fixture.h"

#include <partitions/dt_index.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct tf_tables *tables;
static struct layout_verify scratch;

static void quiet(struct layout_diag *d, const char *msg)
{
	(void)d;
	(void)msg;
}

static void loud(struct layout_diag *d, const char *msg)
{
	(void)d;
	fprintf(stderr, "mismatch: %s\n", msg);
}

/* ---------------------------------------------------------------- synthetic layouts */

struct bytes {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct bytes *b, unsigned int nbytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < nbytes; i++) {
		v = v << 8 | (b->n ? *b->p : 0);
		if (b->n) {
			b->p++;
			b->n--;
		}
	}
	return v;
}

static bool overlap(uint64_t a, uint64_t as, uint64_t c, uint64_t cs)
{
	return as && cs && a < c + cs && c < a + as;
}

/* An address aligned to 4 KiB, 2 MiB or 1 GiB (chosen by @sel), below 2^@bits. */
static uint64_t addr(uint64_t raw, unsigned sel, unsigned bits)
{
	static const uint64_t align[4] = {0x1000, 0x200000, 0x40000000, 0x200000};

	return (raw & (BIT(bits) - 1)) & ~(align[sel & 3] - 1);
}

/* True if phys range [b, b+s) touches any physical range of @l so far. */
static bool phys_taken(const struct layout *l, uint64_t b, uint64_t s)
{
	for (uint32_t i = 0; i < l->nparts; i++) {
		const struct layout_partition *p = &l->parts[i];

		for (uint32_t m = 0; m < p->nmem; m++)
			if (overlap(b, s, p->mem[m].phys, p->mem[m].size))
				return true;
		for (uint32_t d = 0; d < p->ndevices; d++)
			for (uint32_t r = 0; r < p->devices[d].nregs; r++) {
				uint64_t rb = ALIGN_DOWN(p->devices[d].regs[r].base, 0x1000);
				uint64_t re = ALIGN_UP(p->devices[d].regs[r].base +
							       p->devices[d].regs[r].size,
						       0x1000);

				if (overlap(ALIGN_DOWN(b, 0x1000),
					    ALIGN_UP(b + s, 0x1000) - ALIGN_DOWN(b, 0x1000), rb,
					    re - rb))
					return true;
			}
	}
	return false;
}

static bool ipa_taken(const struct layout_partition *p, uint64_t b, uint64_t s)
{
	for (uint32_t m = 0; m < p->nmem; m++)
		if (overlap(b, s, p->mem[m].ipa, p->mem[m].size))
			return true;
	for (uint32_t d = 0; d < p->ndevices; d++)
		for (uint32_t r = 0; r < p->devices[d].nregs; r++)
			if (overlap(ALIGN_DOWN(b, 0x1000),
				    ALIGN_UP(b + s, 0x1000) - ALIGN_DOWN(b, 0x1000),
				    ALIGN_DOWN(p->devices[d].regs[r].base, 0x1000),
				    ALIGN_UP(p->devices[d].regs[r].base +
						     p->devices[d].regs[r].size,
					     0x1000) -
					    ALIGN_DOWN(p->devices[d].regs[r].base, 0x1000)))
				return true;
	return false;
}

static bool stream_taken(const struct layout *l, uint32_t b, uint32_t n)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t d = 0; d < l->parts[i].ndevices; d++)
			for (uint32_t r = 0; r < l->parts[i].devices[d].nstreams; r++)
				if (overlap(b, n, l->parts[i].devices[d].streams[r].base,
					    l->parts[i].devices[d].streams[r].count))
					return true;
	return false;
}

static bool synth_mem(struct layout *l, struct layout_partition *p, struct bytes *b)
{
	uint64_t sel = take(b, 1), size = ((take(b, 2) & 0x1fff) + 1) * 0x1000; /* <= 32 MiB */
	uint64_t ipa = addr(take(b, 5), (unsigned)sel, 40);
	uint64_t phys = addr(take(b, 5), (unsigned)(sel >> 2), 40) | BIT(30);

	if (sel & 0x10) { /* up to 2 GiB: blocks, not 512K pages (too slow to fuzz) */
		size = ALIGN_UP(size, 0x200000) * 8;
		ipa = ALIGN_DOWN(ipa, 0x200000);
		phys = ALIGN_DOWN(phys, 0x200000);
	}
	if (ipa + size > BIT(40) || phys + size > BIT(44) || ipa_taken(p, ipa, size) ||
	    phys_taken(l, phys, size))
		return false;
	p->mem[p->nmem++] = (struct layout_mem){.phys = phys, .ipa = ipa, .size = size};
	p->ram_size += size;
	return true;
}

static bool synth_device(struct layout *l, struct layout_partition *p, uint32_t idx,
			 struct bytes *b)
{
	struct layout_device *d = &p->devices[p->ndevices];
	uint32_t nregs = 1 + (uint32_t)take(b, 1) % 2, nstreams = (uint32_t)take(b, 1) % 3;

	snprintf(d->path, sizeof(d->path), "/dev%u@%u", idx, p->ndevices);
	p->ndevices++; /* its own ranges count in the checks below too */
	for (uint32_t r = 0; r < nregs; r++) {
		uint64_t base = 0x8000000 + take(b, 3) * 0x10 + (uint64_t)r * 0x1000000;
		uint64_t size = 1 + take(b, 2);

		if (ipa_taken(p, base, size) || phys_taken(l, base, size))
			return false;
		d->regs[d->nregs++] = (struct layout_range){.base = base, .size = size};
	}
	for (uint32_t s = 0; s < nstreams; s++) {
		uint32_t first = (uint32_t)take(b, 2), n = 1 + (uint32_t)take(b, 1) * 4;

		if (first + n > BIT(SMMU_MAX_SID_BITS) || stream_taken(l, first, n))
			return false;
		d->streams[d->nstreams++] = (struct layout_stream_range){.base = first, .count = n};
	}
	return true;
}

/* A layout from @b, or false if it breaks an ownership rule. */
static bool synth(struct layout *l, struct bytes *b)
{
	uint32_t nparts = 1 + (uint32_t)take(b, 1) % 4;

	l->hyp = (struct layout_range){.base = 0x40200000, .size = 0x1000000};
	l->root = 0;
	for (uint32_t i = 0; i < nparts; i++) {
		struct layout_partition *p = &l->parts[l->nparts++];
		uint32_t nmem = 1 + (uint32_t)take(b, 1) % 3, ndev = (uint32_t)take(b, 1) % 3;

		snprintf(p->name, sizeof(p->name), "p%u", i);
		p->id = i;
		for (uint32_t m = 0; m < nmem; m++)
			if (!synth_mem(l, p, b))
				return false;
		for (uint32_t d = 0; d < ndev; d++)
			if (!synth_device(l, p, i, b))
				return false;
		/* Bulkhead's own memory belongs to no partition. */
		if (phys_taken(l, l->hyp.base, l->hyp.size))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- the check */

static void __attribute__((noreturn)) dump_and_abort(const struct layout *l)
{
	for (uint32_t i = 0; i < l->nparts; i++) {
		const struct layout_partition *p = &l->parts[i];

		for (uint32_t m = 0; m < p->nmem; m++)
			fprintf(stderr, "%s: mem ipa 0x%llx phys 0x%llx size 0x%llx\n", p->name,
				(unsigned long long)p->mem[m].ipa,
				(unsigned long long)p->mem[m].phys,
				(unsigned long long)p->mem[m].size);
		for (uint32_t d = 0; d < p->ndevices; d++) {
			for (uint32_t r = 0; r < p->devices[d].nregs; r++)
				fprintf(stderr, "%s: %s reg 0x%llx size 0x%llx\n", p->name,
					p->devices[d].path,
					(unsigned long long)p->devices[d].regs[r].base,
					(unsigned long long)p->devices[d].regs[r].size);
			for (uint32_t r = 0; r < p->devices[d].nstreams; r++)
				fprintf(stderr, "%s: %s streams 0x%x + %u\n", p->name,
					p->devices[d].path, p->devices[d].streams[r].base,
					p->devices[d].streams[r].count);
		}
	}
	abort();
}

static void verify_all(const struct layout *l)
{
	struct layout_diag d = {.report = loud};
	struct smmu_walk_stats st;
	static const enum smmu_walk_mode modes[] = {SMMU_WALK_S1, SMMU_WALK_S2};

	if (pt_pool_init(&tables->pool, tables->pages, TF_POOL_PAGES) || tf_build_s2(tables, l))
		return; /* out of table pages: the boot stops before verifying */
	for (uint32_t i = 0; i < l->nparts; i++) {
		struct s2_verify_stats s2;

		if (s2_verify_partition(l, &l->parts[i], &tables->s2[i], &tables->pool, &d,
					&scratch, &s2) ||
		    s2.pages < l->parts[i].ram_size / 0x1000)
			dump_and_abort(l);
	}
	for (size_t m = 0; m < ARRAY_SIZE(modes); m++) {
		if (tf_build_smmu(tables, l, modes[m]))
			return; /* out of level-2 tables or pages */
		if (smmu_verify(&tables->view, l, tables->parts, &d, &st, &scratch) || d.errors)
			dump_and_abort(l);
	}
}

/* The parser is fuzz_layout's: only well-formed trees go on from here. */
static int from_dtb(struct layout *l, const uint8_t *data, size_t size)
{
	struct layout_diag quiet_diag = {.report = quiet};
	uint32_t bad;
	void *fdt;

	if (size < sizeof(struct fdt_header) || size > 2 * CONFIG_MAX_DTB_SIZE)
		return -1;
	fdt = malloc(size);
	if (!fdt)
		abort();
	memcpy(fdt, data, size);
	if (fdt_check_header(fdt) || fdt_totalsize(fdt) > size || dt_struct_check(fdt, &bad) ||
	    fdt_check_full(fdt, fdt_totalsize(fdt))) {
		free(fdt);
		return -1;
	}
	if (layout_check(l, fdt, NULL, NULL, NULL, &quiet_diag) == 0)
		verify_all(l);
	free(fdt);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct layout l;
	struct bytes b = {data + 1, size ? size - 1 : 0};

	if (!tables && !(tables = tf_new()))
		abort();
	if (size < 2)
		return 0;
	memset(&l, 0, sizeof(l));
	if (data[0] & 1) {
		if (synth(&l, &b))
			verify_all(&l);
		return 0;
	}
	return from_dtb(&l, data + 1, size - 1);
}
