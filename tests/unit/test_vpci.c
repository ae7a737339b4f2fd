// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vpci_model.c: the configuration space of a channel's PCI function
 * (every register path), the ECAM decode (absent functions, widths,
 * alignment), BAR sizing that never moves a BAR, and the INTx level through
 * Linux's mask/unmask protocol (pci_check_and_mask_intx, uio_pci_generic).
 */
#include <core/vpci_model.h>
#include <partitions/channel.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define PCI_BAR2 0x18U
#define PCI_BAR3 0x1cU
#define BAR0	 0x50011000U
#define BAR2	 0x50000000ULL
#define SIZE	 0x10000ULL

static struct vpci_fn fresh(void)
{
	struct vpci_fn f = {.bar0 = BAR0, .bar2 = BAR2, .bar2_size = SIZE, .subsystem = 3};

	vpci_model_reset(&f);
	return f;
}

static void test_identity(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	assert_int_equal(vpci_cfg_read(&f, 0x00, 4),
			 (CHANNEL_PCI_DEVICE << 16) | CHANNEL_PCI_VENDOR);
	assert_int_equal(vpci_cfg_read(&f, 0x00, 2), CHANNEL_PCI_VENDOR);
	assert_int_equal(vpci_cfg_read(&f, 0x02, 2), CHANNEL_PCI_DEVICE);
	assert_int_equal(vpci_cfg_read(&f, 0x01, 1), CHANNEL_PCI_VENDOR >> 8);
	assert_int_equal(vpci_cfg_read(&f, 0x08, 4), 0xff000000U | CHANNEL_VERSION);
	assert_int_equal(vpci_cfg_read(&f, 0x0b, 1), 0xff); /* base class */
	assert_int_equal(vpci_cfg_read(&f, 0x0a, 1), 0x00); /* subclass */
	assert_int_equal(vpci_cfg_read(&f, 0x0e, 1), 0x00); /* header type 0, one function */
	assert_int_equal(vpci_cfg_read(&f, 0x2c, 4), (3U << 16) | CHANNEL_PCI_VENDOR);
	assert_int_equal(vpci_cfg_read(&f, 0x3d, 1), 1); /* INTA */
	assert_int_equal(vpci_cfg_read(&f, 0x34, 1), 0); /* no capabilities */
	assert_int_equal(vpci_cfg_read(&f, 0x06, 2), 0); /* status: nothing */
	/* Identity registers ignore writes. */
	vpci_cfg_write(&f, 0x00, 4, 0);
	vpci_cfg_write(&f, 0x08, 4, 0);
	assert_int_equal(vpci_cfg_read(&f, 0x00, 2), CHANNEL_PCI_VENDOR);
	assert_int_equal(vpci_cfg_read(&f, 0x0b, 1), 0xff);
}

static void test_unimplemented_read_zero(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	for (uint32_t reg = 0x40; reg < PCI_CFG_SIZE; reg += 4) {
		vpci_cfg_write(&f, reg, 4, 0xffffffffU);
		assert_int_equal(vpci_cfg_read(&f, reg, 4), 0);
	}
	/* BAR1, BAR4, BAR5 and the expansion ROM: not implemented, sizing reads 0. */
	for (uint32_t reg = 0x14; reg <= 0x30; reg += 4) {
		if (reg == PCI_BAR2 || reg == PCI_BAR3 || reg == 0x2c) /* subsystem */
			continue;
		vpci_cfg_write(&f, reg, 4, 0xffffffffU);
		assert_int_equal(vpci_cfg_read(&f, reg, 4), 0);
	}
}

static void test_command_bits(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	vpci_cfg_write(&f, PCI_COMMAND, 2, 0xffff);
	assert_int_equal(vpci_cfg_read(&f, PCI_COMMAND, 2),
			 PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_OFF);
	/* Linux's pci_intx_mask_broken(): toggling INTx Disable reads back exactly. */
	vpci_cfg_write(&f, PCI_COMMAND, 2, 0);
	vpci_cfg_write(&f, PCI_COMMAND, 2, PCI_COMMAND_INTX_OFF);
	assert_int_equal(vpci_cfg_read(&f, PCI_COMMAND, 2), PCI_COMMAND_INTX_OFF);
	/* A byte write to the upper byte only touches bits 15:8. */
	vpci_cfg_write(&f, PCI_COMMAND, 1, PCI_COMMAND_MEMORY);
	vpci_cfg_write(&f, PCI_COMMAND + 1, 1, 0);
	assert_int_equal(vpci_cfg_read(&f, PCI_COMMAND, 2), PCI_COMMAND_MEMORY);
	/* A dword write: the Status half has nothing writable. */
	f.pending = true;
	vpci_cfg_write(&f, PCI_COMMAND, 4, 0xffff0000U | PCI_COMMAND_MASTER);
	assert_int_equal(vpci_cfg_read(&f, PCI_COMMAND, 4),
			 ((uint32_t)PCI_STATUS_INTERRUPT << 16) | PCI_COMMAND_MASTER);
}

static void test_bar0_sizing_does_not_move_it(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR0, 4), BAR0); /* 32-bit memory: type bits 0 */
	vpci_cfg_write(&f, PCI_BAR0, 4, 0xffffffffU);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR0, 4), 0xfffff000U); /* 4 KiB */
	vpci_cfg_write(&f, PCI_BAR0, 4, BAR0);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR0, 4), BAR0);
	vpci_cfg_write(&f, PCI_BAR0, 4, 0x12345000U); /* moving it: ignored */
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR0, 4), BAR0);
	vpci_cfg_write(&f, PCI_BAR0, 2, 0xffff); /* a partial write never sizes */
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR0, 4), BAR0);
}

static void test_bar2_is_64bit_prefetchable_and_fixed(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	f.bar2 = 0x8000000000ULL;
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR2, 4), PCI_BAR_MEM64_PREFETCH);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR3, 4), 0x80);
	vpci_cfg_write(&f, PCI_BAR2, 4, 0xffffffffU);
	vpci_cfg_write(&f, PCI_BAR3, 4, 0xffffffffU);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR2, 4), 0xffff0000U | PCI_BAR_MEM64_PREFETCH);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR3, 4), 0xffffffffU);
	vpci_cfg_write(&f, PCI_BAR2, 4, 0);
	vpci_cfg_write(&f, PCI_BAR3, 4, 0);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR2, 4), PCI_BAR_MEM64_PREFETCH);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR3, 4), 0x80);
	/* Sizing one dword leaves the other as it is. */
	vpci_cfg_write(&f, PCI_BAR3, 4, 0xffffffffU);
	assert_int_equal(vpci_cfg_read(&f, PCI_BAR2, 4), PCI_BAR_MEM64_PREFETCH);
}

static void test_interrupt_line_and_pin(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	vpci_cfg_write(&f, PCI_INTERRUPT_LINE, 1, 0x2a);
	assert_int_equal(vpci_cfg_read(&f, PCI_INTERRUPT_LINE, 2), 0x012a);
	vpci_cfg_write(&f, PCI_INTERRUPT_LINE + 1, 1, 7); /* the pin is read-only */
	assert_int_equal(vpci_cfg_read(&f, PCI_INTERRUPT_LINE + 1, 1), 1);
	vpci_cfg_write(&f, PCI_INTERRUPT_LINE, 4, 0xffffff11U);
	assert_int_equal(vpci_cfg_read(&f, PCI_INTERRUPT_LINE, 4), 0x0111);
	vpci_model_reset(&f);
	assert_int_equal(vpci_cfg_read(&f, PCI_INTERRUPT_LINE, 1), 0);
}

/* pci_check_and_mask_intx(), then the uio write that unmasks: no ring lost. */
static void test_intx_mask_protocol(void **state)
{
	struct vpci_fn f = fresh();

	(void)state;
	assert_false(vpci_intx(&f));
	f.pending = true; /* a ring */
	assert_true(vpci_intx(&f));
	assert_int_equal(vpci_cfg_read(&f, 0x06, 2), PCI_STATUS_INTERRUPT);
	/* The handler: Status says pending, it masks. */
	vpci_cfg_write(&f, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_INTX_OFF);
	assert_false(vpci_intx(&f));
	/* Status still shows the pending ring while masked. */
	assert_int_equal(vpci_cfg_read(&f, PCI_COMMAND, 4) >> 16, PCI_STATUS_INTERRUPT);
	/* User space acknowledges, a new ring arrives before it unmasks. */
	f.pending = false;
	f.pending = true;
	vpci_cfg_write(&f, PCI_COMMAND, 2, PCI_COMMAND_MEMORY);
	assert_true(vpci_intx(&f)); /* the second ring interrupts at once */
	f.pending = false;	    /* its ACK */
	assert_false(vpci_intx(&f));
	vpci_model_reset(&f);
	assert_int_equal(vpci_cfg_read(&f, PCI_COMMAND, 4), 0);
}

static void test_ecam_decode(void **state)
{
	uint32_t dev = 99, reg = 99;

	(void)state;
	assert_int_equal(vpci_ecam_decode(0x0, 4, &dev, &reg), 0);
	assert_int_equal(dev, 0);
	assert_int_equal(reg, 0);
	assert_int_equal(vpci_ecam_decode((5U << 15) | 0x3d, 1, &dev, &reg), 0);
	assert_int_equal(dev, 5);
	assert_int_equal(reg, 0x3d);
	assert_int_equal(vpci_ecam_decode((31U << 15) | 0xffc, 4, &dev, &reg), 0);
	assert_int_equal(dev, 31);
	assert_int_equal(vpci_ecam_decode((2U << 15) | (1U << 12), 4, &dev, &reg), -ENODEV);
	assert_int_equal(vpci_ecam_decode((2U << 15) | (7U << 12) | 8, 2, &dev, &reg), -ENODEV);
	assert_int_equal(vpci_ecam_decode(0x2, 4, &dev, &reg), -EINVAL); /* unaligned */
	assert_int_equal(vpci_ecam_decode(0x1, 2, &dev, &reg), -EINVAL);
	assert_int_equal(vpci_ecam_decode(0x0, 8, &dev, &reg), -EINVAL); /* 64-bit */
	assert_int_equal(vpci_ecam_decode(0x0, 3, &dev, &reg), -EINVAL);
	assert_int_equal(vpci_ecam_decode(CHANNEL_PCI_ECAM_SIZE, 4, &dev, &reg), -EINVAL);
	assert_int_equal(vpci_all_ones(1), 0xff);
	assert_int_equal(vpci_all_ones(2), 0xffff);
	assert_int_equal(vpci_all_ones(4), 0xffffffffU);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_unimplemented_read_zero),
		cmocka_unit_test(test_command_bits),
		cmocka_unit_test(test_bar0_sizing_does_not_move_it),
		cmocka_unit_test(test_bar2_is_64bit_prefetchable_and_fixed),
		cmocka_unit_test(test_interrupt_line_and_pin),
		cmocka_unit_test(test_intx_mask_protocol),
		cmocka_unit_test(test_ecam_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
