# tools/: host tools.

# ---- bulkhead-check (owner: partitions/) -------------------------------------
# Checks a system DTB's partition layout with the same partitions/*.c the image
# runs, linked from libbulkhead.a. tools/host_trace.c is the host's
# trace_error_at() (the image has its own in core/).
host-only-srcs += tools/host_trace.c
BULKHEAD_CHECK := $(O)/tools/bulkhead-check
all-targets += $(BULKHEAD_CHECK)

# tools/plan.c: the load plan (--plan), rendered by mkbootscr.py and bench/run.py.
# tools/svg.c: the ownership map as a picture (--svg; make map).
$(BULKHEAD_CHECK): tools/bulkhead-check.c tools/plan.c tools/plan.h tools/svg.c tools/svg.h \
		tools/pool_check.c tools/pool_check.h \
		$(O)/host/libbulkhead.a
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $< tools/plan.c tools/svg.c tools/pool_check.c \
		$(O)/host/libbulkhead.a $(HOST_LDLIBS) -lm -o $@
# ---- end bulkhead-check -------------------------------------------------------

# ---- boot media and QEMU runner (owner: tests/integration/) ------------------
# tools/mkbootscr.py makes boot.scr, disk.img and env.img from a system DTB
# (rules in dts/build.mk); tools/qemu-run.py boots them in QEMU.
#   make run-demo              boot dts/demo.dts, console on this terminal
#                              (Ctrl-A then X quits QEMU; docs/running.md)
#   make run-layout LAYOUT=x   the same for dts/x.dts
#   QEMU_RUN_ARGS=--icount     e.g. deterministic virtual time
QEMU_RUN := $(PYTHON) tools/qemu-run.py
QEMU_RUN_ARGS ?=
LAYOUT ?= demo
.PHONY: run-demo run-layout
run-demo: $(addprefix $(O)/boot/demo/,disk.img env.img)
	$(Q)O=$(O) $(QEMU_RUN) --layout demo $(QEMU_RUN_ARGS)

run-layout: $(addprefix $(O)/boot/$(LAYOUT)/,disk.img env.img)
	$(Q)O=$(O) $(QEMU_RUN) --layout $(LAYOUT) $(QEMU_RUN_ARGS)
# ---- end boot media and QEMU runner --------------------------------------------

# ---- the map as a picture (owner: tools/svg.c) ---------------------------------
#   make map LAYOUT=x          draws dts/x.dts's ownership map into $(O)/map/x.svg
.PHONY: map
map: $(BULKHEAD_CHECK) $(O)/dts/$(LAYOUT).dtb
	@mkdir -p $(O)/map
	$(Q)$(BULKHEAD_CHECK) --quiet --svg $(O)/map/$(LAYOUT).svg $(O)/dts/$(LAYOUT).dtb
	@echo "  MAP     $(O)/map/$(LAYOUT).svg"
# ---- end map --------------------------------------------------------------------

# ---- debugging with gdb (owner: tools/debug.py; docs/debugging.md) -------------
#   make debug LAYOUT=x        QEMU halted at reset, gdb server on a free port
#                              from 1234 (GDB_PORT=n to choose), console here
#   make debug-gdb LAYOUT=x    in another terminal: gdb-multiarch with
#                              bulkhead.elf and the guests' symbols
GDB_PORT ?=
.PHONY: debug debug-gdb
debug: $(HYP_ELF) $(BULKHEAD_CHECK) $(O)/dts/$(LAYOUT).dtb \
		$(addprefix $(O)/boot/$(LAYOUT)/,disk.img env.img)
	$(Q)O=$(O) $(PYTHON) tools/debug.py qemu --layout $(LAYOUT) $(if $(GDB_PORT),--port $(GDB_PORT))

debug-gdb: $(HYP_ELF) $(BULKHEAD_CHECK)
	$(Q)O=$(O) $(PYTHON) tools/debug.py gdb --layout $(LAYOUT) $(if $(GDB_PORT),--port $(GDB_PORT))
# ---- end debugging ----------------------------------------------------------------

# ---- one artefact to flash: a FIT image (owner: tools/mkfit.py) ----------------
#   make fit LAYOUT=x          $(O)/boot/x/fit/: bulkhead.its, bulkhead.itb (Bulkhead,
#                              the filled system DTB, every module, sha256 each),
#                              boot.scr that bootm's it, disk.img, env.img
#   make run-fit LAYOUT=x      boot that disk in QEMU (docs/running.md, "FIT")
FIT_DIR = $(O)/boot/$(LAYOUT)/fit
.PHONY: fit run-fit
fit: $(addprefix $(O)/boot/$(LAYOUT)/,plan.json system.dtb disk.img) $(HYP_BIN) tools/mkfit.py
	$(Q)$(PYTHON) tools/mkfit.py $(O)/boot/$(LAYOUT)/plan.json \
		--dtb $(O)/boot/$(LAYOUT)/system.dtb --bulkhead $(HYP_BIN) --name $(LAYOUT) \
		$(addprefix --search ,$(BOOT_SEARCH)) --disk --env -o $(FIT_DIR)

run-fit: fit
	$(Q)O=$(O) $(QEMU_RUN) --boot-dir $(FIT_DIR) $(QEMU_RUN_ARGS)
# ---- end FIT ----------------------------------------------------------------------
