/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every guest built on the guest library (AArch64 or, preprocessed by
 * arm-none-eabi-gcc, AArch32): linked at GUEST_BASE (the base of
 * the guest's RAM, unless its build.mk says otherwise), the Image header
 * (AArch32: the entry)
 * first, the text page-aligned for the MMU's read-only mapping (mmu.c). The
 * .bin ends with .data (_edata: what head.S copies if loaded elsewhere);
 * .bss and the stacks follow and are counted in the header's image_size.
 * Preprocessed by the build (guests/lib/build.mk) with -DGUEST_BASE= and
 * -DGUEST_MAX_SIZE=.
 */
#ifdef __arm__
OUTPUT_FORMAT("elf32-littlearm")
OUTPUT_ARCH(arm)
#else
OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
#endif
ENTRY(_head)

SECTIONS
{
	. = GUEST_BASE;
	.text : {
		KEEP(*(.text.head))
		*(.text.vectors)
		*(.text .text.*)
	}
	. = ALIGN(4096);
	_etext = .;			/* mapped read-only, executable, below this */
	.rodata : {
		*(.rodata .rodata.*)
	}
	.data : ALIGN(16) {
		*(.data .data.*)
		*(.got .got.*)
		. = ALIGN(16);
	}
	_edata = .;			/* end of what the file holds */
	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}
	. = ALIGN(4096);
	_end = .;
	_image_size = _end - _head;
	ASSERT(_image_size <= GUEST_MAX_SIZE, "the guest's footprint exceeds GUEST_MAX_SIZE")

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr) *(.interp) *(.ARM.exidx*)
	}
}
