// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated PL011 (core/vuart.c, owned by the console) as an emulated
 * device (core/vdev.h): these ops only wrap vuart_init() and vuart_access().
 */
#include <core/partition.h>
#include <core/vdev.h>
#include <core/vuart.h>
#include <gic/vgic.h>

static const struct vdev_ops vuart_ops;

static int vdev_uart_attach(struct partition *p)
{
	if (!p->lp->virtual_uart)
		return 0;
	return vdev_add_region(p, LAYOUT_VIRT_UART_IPA, VUART_SIZE, &vuart_ops, &p->vuart);
}

static void vdev_uart_reset(struct partition *p)
{
	if (!p->lp->virtual_uart)
		return;
	vuart_init(&p->vuart, p);
	vgic_own_virtual_spi(&p->vgic, VUART_SPI_INTID, false);
}

static const struct vdev_ops vuart_ops = {
	.name = "pl011",
	.attach = vdev_uart_attach,
	.reset = vdev_uart_reset,
	.access = vuart_access,
};
VDEV_REGISTER(vuart_ops, 1);
