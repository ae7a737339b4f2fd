/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The load plan (bulkhead-check --plan FILE.json): what U-Boot must load where
 * for a layout, how much room each file has, and the fix-ups it applies to the
 * system DTB before booti. Built from the same struct layout the hypervisor
 * builds at boot (partitions/); tools/mkbootscr.py and bench/run.py only
 * render it. docs/running.md, "The load plan".
 *
 * Every address of the boot media is defined once: Bulkhead's and the
 * modules' in the device tree; the system DTB's and boot.scr's in the board's
 * Kconfig (CONFIG_BOOT_DTB_ADDR, CONFIG_BOOT_SCRIPT_ADDR: guests that need
 * them use the same macros); the room U-Boot keeps at the top of RAM below.
 */
#ifndef TOOLS_PLAN_H
#define TOOLS_PLAN_H

#include <partitions/layout.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The board's (boards/<board>/Kconfig): system.dtb below the modules, boot.scr low. */
#define PLAN_DTB_ADDR	 ((uint64_t)CONFIG_BOOT_DTB_ADDR)
#define PLAN_DTB_WINDOW	 0x100000ULL /* room kept for it (U-Boot grows it in place) */
#define PLAN_DTB_RESIZE	 0x10000ULL  /* `fdt resize` slack for the size fix-ups */
#define PLAN_DTB_PAD	 0x4000ULL   /* what U-Boot's fdt handling may add */
#define PLAN_SCRIPT_ADDR ((uint64_t)CONFIG_BOOT_SCRIPT_ADDR) /* env.img's bootcmd loads it */
#define PLAN_SCRIPT_ROOM 0x10000ULL
#define PLAN_UBOOT_TOP	 0x4000000ULL /* top of RAM U-Boot relocates into (code, heap) */
/* A layout without a usable /chosen/bulkhead reg: where the board loads Bulkhead. */
#define PLAN_HYP_FALLBACK      ((uint64_t)CONFIG_LOAD_ADDR)
#define PLAN_HYP_FALLBACK_SIZE 0x1000000ULL
#define PLAN_MAX_ROOM	       0xffffffffULL /* the most boot.scr checks a file against */

/*
 * Checks the layout in @fdt (layout_check(), silently: the caller reports its
 * errors) and the load-plan rules, printing each of the latter as "error:
 * <msg>", and writes the plan of @source (the DTB's name) to @out_path: every
 * error listed, the layout's then the plan's, "valid" false if there is any.
 * Returns the number of load-plan errors, or -1 (with a message) if the plan
 * could not be written.
 */
int plan_emit(const char *out_path, const char *source, const void *fdt)
	__attribute__((warn_unused_result));

#endif /* TOOLS_PLAN_H */
