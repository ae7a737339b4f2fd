// SPDX-License-Identifier: GPL-2.0-only
/*
 * Error reporting for the partition binding, and small lookups shared by
 * the parser, the validator and the printer.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/format.h>
#include <lib/trace.h>
#include <string.h>

/* Long enough for two node paths and a few numbers. */
#define LAYOUT_MSG_MAX 400

/* Formats "<node>: <prop>: <msg>" and passes it to @sink, if set. */
static void emit(struct layout_diag *d, void (*sink)(struct layout_diag *d, const char *msg),
		 const char *node, const char *prop, const char *fmt, va_list ap)
{
	char msg[LAYOUT_MSG_MAX];
	int n = fmt_snprintf(msg, sizeof(msg), "%s: %s: ", node && node[0] ? node : "/",
			     prop && prop[0] ? prop : "-");

	if (n < 0 || (size_t)n >= sizeof(msg))
		n = (int)strlen(msg);
	fmt_vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	if (sink)
		sink(d, msg);
}

void layout_error(struct layout_diag *d, const char *node, const char *prop, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	d->errors++;
	va_start(ap, fmt);
	emit(d, d->report, node, prop, fmt, ap);
	va_end(ap);
}

void layout_warning(struct layout_diag *d, const char *node, const char *prop, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	d->warnings++;
	va_start(ap, fmt);
	emit(d, d->warn, node, prop, fmt, ap);
	va_end(ap);
}

int layout_find_partition(const struct layout *l, const char *name)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		if (strcmp(l->parts[i].name, name) == 0)
			return (int)i;
	return -1;
}

int layout_cpu_owner(const struct layout *l, uint32_t cpu)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ncpus; k++)
			if (l->parts[i].cpus[k] == cpu)
				return (int)i;
	return -1;
}

int layout_check(struct layout *l, const void *fdt, const struct layout_range *hyp_image,
		 layout_read_fn read_image, void *read_ctx, struct layout_diag *d)
{
	unsigned int before = d->errors;

	layout_parse(l, fdt, d);
	if (l->root >= 0) {
		l->read_image = read_image;
		l->read_ctx = read_ctx;
		layout_validate(l, hyp_image, d);
		layout_place(l, d);
	}
	return d->errors > before ? trace_error(-EINVAL) : 0;
}
