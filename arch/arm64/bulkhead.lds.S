/* SPDX-License-Identifier: GPL-2.0-only */
/* Bulkhead EL2 image: linked at CONFIG_LOAD_ADDR, identity mapped. */
OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_head)

SECTIONS
{
	. = CONFIG_LOAD_ADDR;
	_start = .;
	.text : {
		KEEP(*(.text.head))
		*(.text .text.*)
	}
	. = ALIGN(4096);
	_etext = .;
	.rodata : {
		*(.rodata.head)
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__initcalls_start = .;
		KEEP(*(.initcalls))
		__initcalls_end = .;
		/* Emulated devices (core/vdev.h), in the order of their priority. */
		. = ALIGN(8);
		__vdevs_start = .;
		KEEP(*(SORT(.vdevs.*)))
		__vdevs_end = .;
	}
	. = ALIGN(4096);
	.data : {
		*(.data .data.*)
	}
	. = ALIGN(4096);
	__bss_start = .;
	.bss (NOLOAD) : {
		*(.bss .bss.*)
		*(COMMON)
	}
	. = ALIGN(4096);
	__bss_end = .;
	/* Not zeroed at boot (stacks, table pool, DTB copy): saves boot time. */
	.noinit (NOLOAD) : {
		*(.noinit .noinit.*)
	}
	. = ALIGN(4096);
	/* EL2 stacks, each above a guard page left unmapped (arch/arm64/stack.c). */
	__stacks_start = .;
	.stacks (NOLOAD) : {
		*(.stacks .stacks.*)
	}
	. = ALIGN(4096);
	__stacks_end = .;
	_end = .;
	_image_size = _end - _start;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.eh_frame*)
	}
}
