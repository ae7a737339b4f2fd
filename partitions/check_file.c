// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_check_file(): the bytes of a system DTB file to a checked layout --
 * bulkhead-check's whole check, and the entry point of the layout fuzz
 * harness (tests/fuzz/fuzz_layout.c), so both go through the same code.
 *
 * Before any libfdt call, the header's totalsize is compared with the bytes
 * that really are there (a lying totalsize made fdt_check_full read past the
 * buffer) and with what Bulkhead accepts at boot (CONFIG_MAX_DTB_SIZE; the
 * boot path checks the same in core/boot.c copy_dtb). Host only: the guest
 * DTBs are generated into a malloc'd buffer.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/trace.h>
#include <stdlib.h>
#include <string.h>

/* Big-endian 32-bit header field @i (fdt_header is 10 of them), read byte by byte. */
static uint32_t header_word(const uint8_t *b, uint32_t i)
{
	return (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 |
	       (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
}

/* Rule: the file holds a whole tree that Bulkhead accepts; 0 or -EINVAL (reported). */
static int check_size(const uint8_t *buf, size_t size, struct layout_diag *d)
{
	uint32_t total;

	if (size < sizeof(struct fdt_header) || header_word(buf, 0) != FDT_MAGIC) {
		layout_error(d, "/", "-", "not a valid flattened device tree (%s)",
			     size < sizeof(struct fdt_header) ? "shorter than its header"
							      : "no magic number");
		return -EINVAL;
	}
	total = header_word(buf, 1);
	if (total > size) {
		layout_error(d, "/", "-",
			     "not a valid flattened device tree: the header's totalsize is %u "
			     "bytes, the file has %zu (truncated?)",
			     total, size);
		return -EINVAL;
	}
	if (total > CONFIG_MAX_DTB_SIZE) {
		layout_error(d, "/", "-",
			     "the tree is %u bytes; Bulkhead accepts %u (CONFIG_MAX_DTB_SIZE)",
			     total, (unsigned int)CONFIG_MAX_DTB_SIZE);
		return -EINVAL;
	}
	if (total < sizeof(struct fdt_header)) {
		layout_error(d, "/", "-",
			     "not a valid flattened device tree: totalsize %u is smaller than "
			     "its header",
			     total);
		return -EINVAL;
	}
	return 0;
}

/* Rule: each guest DTB is generated and fits CONFIG_GUEST_DTB_SIZE, as at boot. */
static void check_guest_dts(const struct layout *l, struct layout_diag *d)
{
	void *buf = malloc(CONFIG_GUEST_DTB_SIZE);

	for (uint32_t i = 0; buf && i < l->nparts; i++) {
		int err = guest_dt_build(l, &l->parts[i], buf, CONFIG_GUEST_DTB_SIZE);

		if (err == -ENOSPC)
			layout_error(d, l->parts[i].path, "-",
				     "guest device tree does not fit in %u bytes "
				     "(CONFIG_GUEST_DTB_SIZE)",
				     (unsigned int)CONFIG_GUEST_DTB_SIZE);
		else if (err)
			layout_error(d, l->parts[i].path, "-",
				     "guest device tree cannot be generated (error %d): a node "
				     "copied from the board is malformed",
				     err);
	}
	free(buf);
}

int layout_check_file(struct layout *l, const void *buf, size_t size, struct layout_diag *d)
{
	unsigned int before = d->errors;

	memset(l, 0, sizeof(*l));
	l->root = -1;
	if (check_size(buf, size, d))
		return trace_error(-EINVAL);
	if (layout_check(l, buf, NULL, NULL, NULL, d) == 0 && d->errors == before)
		check_guest_dts(l, d);
	return d->errors > before ? trace_error(-EINVAL) : 0;
}
