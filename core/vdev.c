// SPDX-License-Identifier: GPL-2.0-only
/* The registered emulated devices (core/vdev.h), walked in priority order. */
#include <core/partition.h>
#include <core/vdev.h>
#include <lib/trace.h>

#include <errno.h>

extern const struct vdev_ops *const __vdevs_start[], *const __vdevs_end[];

#define for_each_vdev(o) for (const struct vdev_ops *const *o = __vdevs_start; o < __vdevs_end; o++)

int vdev_add_region(struct partition *p, uint64_t base, uint64_t size, const struct vdev_ops *ops,
		    void *dev)
{
	if (p->nregions >= PARTITION_MAX_REGIONS)
		return trace_error(-ENOSPC);
	p->regions[p->nregions++] = (struct mmio_region){base, size, ops, dev};
	return 0;
}

int vdev_boot_all(void)
{
	int err = 0;

	for_each_vdev(o) if (!err && (*o)->boot) err = (*o)->boot();
	return err;
}

int vdev_attach_all(struct partition *p)
{
	int err = 0;

	p->nregions = 0;
	for_each_vdev(o) if (!err && (*o)->attach) err = (*o)->attach(p);
	return err;
}

void vdev_reset_all(struct partition *p)
{
	for_each_vdev(o) if ((*o)->reset)(*o)->reset(p);
}

void vdev_quiesce_all(struct partition *p)
{
	for_each_vdev(o) if ((*o)->quiesce)(*o)->quiesce(p);
}

void vdev_kick_all(struct vcpu *v)
{
	for_each_vdev(o) if ((*o)->kick)(*o)->kick(v);
}

void vdev_vcpu_off_all(struct vcpu *v)
{
	for_each_vdev(o)
	{
		if ((*o)->powered_off != NULL) {
			(*o)->powered_off(v);
		}
	}
}
