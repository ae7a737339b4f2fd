/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ownership map drawn as an SVG picture (bulkhead-check --svg, tools/svg.c).
 * Host only.
 */
#ifndef TOOLS_SVG_H
#define TOOLS_SVG_H

struct layout;

/*
 * Writes @l's ownership map (layout_validate() must have built it) to @file,
 * with @title at the top. 0, or -EINVAL (no map), -ENOMEM, -errno of fopen, -EIO.
 */
int layout_write_svg(const struct layout *l, const char *file, const char *title)
	__attribute__((warn_unused_result));

#endif /* TOOLS_SVG_H */
