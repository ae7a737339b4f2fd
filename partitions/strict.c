// SPDX-License-Identifier: GPL-2.0-only
/*
 * The strict part of the binding: Bulkhead's own nodes (/chosen/bulkhead, its
 * modules, partitions, channels and their endpoints) carry only the properties
 * the binding defines, and modules and partitions have no children. A typo
 * ("fault-polcy") is an error, never a silently ignored setting. Partition
 * names are a documented character set, so that they can be typed, printed
 * and compared ("none" is console-input's word for no partition).
 */
#include <partitions/dt.h>

#include <string.h>

static const char *const root_props[] = {
	"compatible", "#address-cells", "#size-cells", "reg", "console-input", NULL,
};

static const char *const module_props[] = {
	"compatible",
	"reg",
	"bulkhead,file",
	NULL,
};

static const char *const partition_props[] = {
	"compatible",
	"cpus",
	"memory",
	"guest-address",
	"devices",
	"dma-unconfined",
	"kernel",
	"initrd",
	"bootargs",
	"fault-policy",
	"restart-limit",
	"restart-window-ms",
	"interrupt-delivery",
	"execution-state",
	"flash", /* flash .. dtb-address: firmware.c */
	"flash-address",
	"kernel-address",
	"dtb-address",
	NULL,
};

/* A channel (channel.c): its endpoint nodes are its children. */
static const char *const channel_props[] = {"compatible", "reg", "size", NULL};

static const char *const endpoint_props[] = {
	"partition", "access", "guest-address", "doorbell", "interface", NULL,
};

static bool listed(const char *const *list, const char *name)
{
	/* Every node may have a phandle (a label that is referenced). */
	if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0)
		return true;
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* Rule: only the binding's properties; (for modules and partitions) no children. */
static void check_node(const struct layout *l, int node, const char *path, const char *const *props,
		       bool leaf, const char *what, struct layout_diag *d)
{
	int off, child;

	fdt_for_each_property_offset(off, l->fdt, node)
	{
		const char *name = NULL;

		if (!fdt_getprop_by_offset(l->fdt, off, &name, NULL) || !name)
			continue;
		if (!listed(props, name))
			layout_error(d, path, name, "unknown property of %s (see docs/binding.md)",
				     what);
	}
	if (!leaf)
		return;
	fdt_for_each_subnode(child, l->fdt, node)
	{
		char sub[LAYOUT_PATH_MAX];

		dt_path(l->fdt, child, sub, sizeof(sub));
		layout_error(d, sub, "-", "unknown node: %s has no children", what);
	}
}

void strict_root(const struct layout *l, struct layout_diag *d)
{
	check_node(l, l->root, LAYOUT_ROOT_PATH, root_props, false, LAYOUT_ROOT_PATH, d);
}

void strict_module(const struct layout *l, int node, const char *path, struct layout_diag *d)
{
	check_node(l, node, path, module_props, true, "a module", d);
}

void strict_partition(const struct layout *l, int node, const char *path, struct layout_diag *d)
{
	check_node(l, node, path, partition_props, true, "a partition", d);
}

void strict_channel(const struct layout *l, int node, const char *path, struct layout_diag *d)
{
	check_node(l, node, path, channel_props, false, "a channel", d);
}

void strict_endpoint(const struct layout *l, int node, const char *path, struct layout_diag *d)
{
	check_node(l, node, path, endpoint_props, false, "a channel endpoint", d);
}

/*
 * Rule: a partition name is 1 to LAYOUT_NAME_MAX - 1 characters of
 * [a-z0-9_-], starts with a letter, and is not "none". Returns true if valid.
 */
bool strict_name(const char *name, size_t len)
{
	if (len == 0 || len >= LAYOUT_NAME_MAX || name[0] < 'a' || name[0] > 'z')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return !(len == 4 && memcmp(name, "none", 4) == 0);
}
