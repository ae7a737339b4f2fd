// SPDX-License-Identifier: GPL-2.0-only
/*
 * Verification of a built table's leaves against the layout (verify.h).
 *
 * Every leaf is checked twice, without allocating:
 *   1. coverage: for each range the layout gives (RAM range, device reg or
 *      window, page-rounded), the part of the leaf inside it is counted as
 *      covered if it maps there exactly as expected (output address and
 *      attributes); leaves never overlap, so a range is wholly mapped iff
 *      its count reaches its size (checked by layout_verify_end);
 *   2. nothing else: a cursor runs across the leaf from expected range to
 *      expected range; the first byte no expected range accounts for is
 *      reported -- as a wrong output address or attribute if it lies in one
 *      of the partition's ranges, else as "not its own", naming the owner of
 *      the physical address it reaches.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>
#include <partitions/verify.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/format.h>
#include <lib/trace.h>
#include <stdarg.h>
#include <string.h>

#define VERIFY_MSG_MAX 320
#define LLX(x)	       ((unsigned long long)(x))

static void layout_verify_owner(const struct layout *l, uint64_t pa, char *buf, size_t size);

static void add_expect(struct layout_verify *v, uint64_t ipa, uint64_t phys, uint64_t size, int dev,
		       uint32_t index)
{
	struct verify_expect *e;

	if ((size == 0U) || (v->nexp >= VERIFY_MAX_EXPECT))
		return;
	e = &v->exp[v->nexp];
	v->nexp++;
	e->ipa = ipa;
	e->phys = phys;
	e->size = size;
	e->covered = 0;
	e->next = ipa;
	e->gap = false;
	e->dev = dev;
	e->chan = -1;
	e->ro = false;
	e->nc = false;
	e->index = index;
}

/* Partition @p's endpoint of each channel: header page read-only, payload as its access. */
static void add_channels(struct layout_verify *v, const struct layout *l,
			 const struct layout_partition *p)
{
	for (uint32_t i = 0; i < l->nchannels; i++) {
		const struct layout_channel *c = &l->channels[i];
		const struct layout_endpoint *e = channel_endpoint(c, p->id, NULL);
		uint32_t n = v->nexp;

		if ((e == NULL) || (c->size < CHANNEL_MIN_SIZE))
			continue;
		add_expect(v, e->ipa, c->phys, CHANNEL_HEADER_SIZE, -1, i);
		add_expect(v, e->ipa + CHANNEL_HEADER_SIZE, c->phys + CHANNEL_HEADER_SIZE,
			   c->size - CHANNEL_HEADER_SIZE, -1, i);
		for (uint32_t k = n; k < v->nexp; k++) {
			v->exp[k].chan = (int)i;
			v->exp[k].ro = (k == n) || e->read_only;
			v->exp[k].nc = channel_uncached(c);
		}
	}
}

void layout_verify_begin(struct layout_verify *v, const struct layout *l,
			 const struct layout_partition *p, const char *what, bool devices,
			 struct layout_diag *d)
{
	(void)memset(v, 0, sizeof(*v));
	v->l = l;
	v->p = p;
	v->what = what;
	v->devices = devices;
	v->d = d;
	for (uint32_t i = 0; i < p->nmem; i++)
		add_expect(v, p->mem[i].ipa, p->mem[i].phys, p->mem[i].size, -1, i);
	for (uint32_t k = 0; devices && (k < p->nflash); k++)
		add_expect(v, p->flash[k].img.load_ipa, p->flash[k].img.addr, p->flash[k].mapped,
			   VERIFY_FLASH, k);
	for (uint32_t k = 0; devices && (k < p->ndevices); k++) {
		const struct layout_device *dev = &p->devices[k];

		for (uint32_t r = 0; (r < dev->nregs) && (r < ARRAY_SIZE(dev->regs)); r++) {
			uint64_t b = ALIGN_DOWN(dev->regs[r].base, LAYOUT_PAGE_SIZE);
			uint64_t e =
				ALIGN_UP(dev->regs[r].base + dev->regs[r].size, LAYOUT_PAGE_SIZE);

			add_expect(v, b, b, e - b, (int)k, r);
		}
	}
	if (devices)
		add_channels(v, l, p);
	for (uint32_t i = 0; i < v->nexp; i++) /* two regs in one page, say */
		for (uint32_t k = i + 1U; k < v->nexp; k++)
			if ((v->exp[i].ipa < (v->exp[k].ipa + v->exp[k].size)) &&
			    (v->exp[k].ipa < (v->exp[i].ipa + v->exp[i].size)))
				v->overlap = true;
}

static void vreport(struct layout_verify *v, const char *fmt, va_list ap)
{
	char msg[VERIFY_MSG_MAX];
	int n;

	v->mismatches++;
	if (v->d != NULL)
		v->d->errors++;
	if ((v->d == NULL) || (v->d->report == NULL) || (v->mismatches > VERIFY_MAX_REPORTS))
		return;
	n = fmt_snprintf(msg, sizeof(msg), "partition '%s': %s ", v->p->name, v->what);
	if ((n < 0) || ((size_t)n >= sizeof(msg)))
		n = (int)strlen(msg);
	(void)fmt_vsnprintf(&msg[n], sizeof(msg) - (size_t)n, fmt, ap);
	v->d->report(v->d, msg);
}

void layout_verify_fail(struct layout_verify *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(v, fmt, ap);
	va_end(ap);
}

void layout_verify_bad(struct layout_verify *v, uint64_t ia, unsigned level, uint64_t desc,
		       const char *why)
{
	layout_verify_fail(v,
			   "has a malformed entry at 0x%llx (level %u, descriptor 0x%016llx): %s",
			   LLX(ia), level, LLX(desc), why);
}

static bool attrs_ok(const struct verify_expect *e, const struct vmap *m)
{
	if (e->chan >= 0)
		return !m->extra && m->read && (m->write == !e->ro) && !m->exec &&
		       (e->nc ? m->normal_nc : m->normal_wb);
	if (e->dev == VERIFY_FLASH) /* exactly read-only + execute, Normal WB */
		return !m->extra && m->read && !m->write && m->exec && m->normal_wb;
	if (m->extra || !m->read || !m->write)
		return false;
	return (e->dev < 0) ? m->normal_wb : (m->device && !m->exec);
}

/* True if @m maps byte @ia of expected range @e exactly as expected. */
static bool maps_as_expected(const struct verify_expect *e, const struct vmap *m, uint64_t ia)
{
	return ((ia - e->ipa) < e->size) && ((m->oa + (ia - m->ia)) == (e->phys + (ia - e->ipa))) &&
	       attrs_ok(e, m);
}

static void describe_expect(const struct layout_verify *v, const struct verify_expect *e, char *buf,
			    size_t size)
{
	if (e->chan >= 0)
		(void)fmt_snprintf(buf, size, "channel %s 0x%llx-0x%llx -> 0x%llx, Normal %s %s XN",
				   v->l->channels[e->chan].path, LLX(e->ipa),
				   LLX(e->ipa + e->size - 1U), LLX(e->phys), e->nc ? "NC" : "WB",
				   e->ro ? "read-only" : "read/write");
	else if (e->dev == VERIFY_FLASH)
		(void)fmt_snprintf(buf, size,
				   "its flash bank %u 0x%llx-0x%llx -> module %s 0x%llx, Normal WB "
				   "read-only executable",
				   e->index, LLX(e->ipa), LLX(e->ipa + e->size - 1U),
				   v->p->flash[e->index].img.path, LLX(e->phys));
	else if (e->dev < 0)
		(void)fmt_snprintf(buf, size,
				   "its memory 0x%llx-0x%llx -> 0x%llx, Normal WB read/write",
				   LLX(e->ipa), LLX(e->ipa + e->size - 1U), LLX(e->phys));
	else
		(void)fmt_snprintf(
			buf, size,
			"its device %s at 0x%llx-0x%llx (identity), Device read/write XN",
			v->p->devices[e->dev].path, LLX(e->ipa), LLX(e->ipa + e->size - 1U));
}

static void describe_map(const struct vmap *m, char *buf, size_t size)
{
	(void)fmt_snprintf(buf, size, "%s %s%s%s%s", m->type ? m->type : "?", m->read ? "r" : "-",
			   m->write ? "w" : "-", m->exec ? "x" : "-",
			   m->extra ? " with unexpected attribute bits" : "");
}

/* Byte @ia of @m is not accounted for: say why. */
static void report_byte(struct layout_verify *v, const struct vmap *m, uint64_t ia)
{
	uint64_t pa = m->oa + (ia - m->ia);
	char exp[160];
	char got[96];

	for (uint32_t i = 0; i < v->nexp; i++) {
		const struct verify_expect *e = &v->exp[i];

		if ((ia - e->ipa) >= e->size)
			continue;
		describe_expect(v, e, exp, sizeof(exp));
		if (!attrs_ok(e, m)) {
			describe_map(m, got, sizeof(got));
			layout_verify_fail(v, "maps 0x%llx -> 0x%llx as %s; expected %s", LLX(ia),
					   LLX(pa), got, exp);
		} else {
			layout_verify_fail(v, "maps 0x%llx -> 0x%llx; expected 0x%llx (%s)",
					   LLX(ia), LLX(pa), LLX(e->phys + (ia - e->ipa)), exp);
		}
		return;
	}
	layout_verify_owner(v->l, pa, exp, sizeof(exp));
	layout_verify_fail(v, "maps 0x%llx -> 0x%llx which is not its own (%s)", LLX(ia), LLX(pa),
			   exp);
}

/* [b, t) of @e was found mapped as expected. */
static void cover(struct verify_expect *e, uint64_t b, uint64_t t)
{
	e->covered += t - b;
	if ((b > e->next) && !e->gap) {
		e->gap = true;
		e->hole = e->next;
	}
	e->next = MAX(e->next, t);
}

void layout_verify_map(struct layout_verify *v, const struct vmap *m)
{
	uint64_t end = m->ia + m->size;
	uint64_t c = m->ia;
	struct verify_expect *h = &v->exp[v->hint];

	v->leaves++;
	if ((m->size == 0U) || (end < m->ia)) {
		layout_verify_fail(v, "has an empty or wrapping leaf at 0x%llx", LLX(m->ia));
		return;
	}
	/* Fast path (boot cost): wholly inside the range the last leaf was in. */
	if (!v->overlap && (v->nexp != 0U) && (m->ia >= h->ipa) && ((end - h->ipa) <= h->size) &&
	    maps_as_expected(h, m, m->ia)) {
		cover(h, m->ia, end);
		v->pages += m->size / LAYOUT_PAGE_SIZE;
		return;
	}
	for (uint32_t i = 0; i < v->nexp; i++) {
		struct verify_expect *e = &v->exp[i];
		uint64_t b = MAX(m->ia, e->ipa);
		uint64_t t = MIN(end, e->ipa + e->size);

		if ((b < t) && maps_as_expected(e, m, b))
			cover(e, b, t);
	}
	while (c < end) {
		uint64_t next = c;

		for (uint32_t i = 0; (i < v->nexp) && (next == c); i++)
			if (maps_as_expected(&v->exp[i], m, c)) {
				next = MIN(end, v->exp[i].ipa + v->exp[i].size);
				v->hint = i;
			}
		if (next == c) {
			report_byte(v, m, c);
			return;
		}
		v->pages += (next - c) / LAYOUT_PAGE_SIZE;
		c = next;
	}
}

int layout_verify_end(struct layout_verify *v)
{
	char exp[160];

	for (uint32_t i = 0; i < v->nexp; i++) {
		const struct verify_expect *e = &v->exp[i];

		if (e->covered == e->size)
			continue;
		describe_expect(v, e, exp, sizeof(exp));
		layout_verify_fail(v, "does not map 0x%llx of %s (%llu byte(s) missing)",
				   LLX(e->gap ? e->hole : e->next), exp, LLX(e->size - e->covered));
	}
	return v->mismatches ? trace_error(-EINVAL) : 0;
}

/* ---------------------------------------------------------------- owners */

/* Who owns physical @pa, for a message: the ownership map's entry (owners.c). */
static void layout_verify_owner(const struct layout *l, uint64_t pa, char *buf, size_t size)
{
	const struct owner_range *r = owner_map_lookup(&l->owners, pa);
	char path[LAYOUT_PATH_MAX];
	const char *part = "?";

	if (r == NULL) {
		(void)fmt_snprintf(buf, size, "%s",
				   owner_map_in_ram(&l->owners, pa, 1U)
					   ? "RAM no partition owns"
					   : "no RAM or device of the layout");
		return;
	}
	dt_path(l->fdt, r->node, path, sizeof(path)); /* "(no node)" if none */
	if ((r->owner >= 0) && ((uint32_t)r->owner < l->nparts))
		part = l->parts[r->owner].name;
	switch (r->kind) {
	case OWN_HYP:
	case OWN_HYP_IMAGE:
		(void)fmt_snprintf(buf, size, "Bulkhead");
		break;
	case OWN_MODULE:
		(void)fmt_snprintf(buf, size, "module %s", path);
		break;
	case OWN_GICD:
		(void)fmt_snprintf(buf, size, "the GIC distributor");
		break;
	case OWN_GICR:
		(void)fmt_snprintf(buf, size, "the GIC redistributors");
		break;
	case OWN_SMMU:
		(void)fmt_snprintf(buf, size, "the SMMU");
		break;
	case OWN_CONSOLE:
		(void)fmt_snprintf(buf, size, "the console UART");
		break;
	case OWN_PART_RAM:
		(void)fmt_snprintf(buf, size, "partition '%s' RAM", part);
		break;
	case OWN_PART_DEV:
		(void)fmt_snprintf(buf, size, "partition '%s' device %s", part, path);
		break;
	case OWN_CHANNEL:
		(void)fmt_snprintf(buf, size, "channel %s", path);
		break;
	default: /* the GIC's other frames, its ITS */
		(void)fmt_snprintf(buf, size, "the GIC (%s)", path);
		break;
	}
}
