# guests/hostile/: the fault-containment test guests (docs/reliability.md), on
# the guest library (guests/lib/).
#   $(O)/guests/hostile.bin    attacks everything it can reach (dts/hostile.dts)
#   $(O)/guests/sentinel.bin   a victim that checks a pattern in its own RAM
#   $(O)/guests/wdtest.bin     arms the emulated SBSA watchdog, then hangs (dts/watchdog.dts)
# hostile.bin attacks the addresses where dts/hostile.dts has things loaded:
# it takes them from a header generated from that layout's DTB
# (guests/lib/mkplan.py), not from a copy of its own.

guests += hostile sentinel wdtest
hostile-srcs := guests/hostile/hostile.c guests/hostile/exc.c
sentinel-srcs := guests/hostile/sentinel.c
wdtest-srcs := guests/hostile/wdtest.c

HOSTILE_PLAN := $(GUEST_GEN)/guests/hostile/plan.h
$(HOSTILE_PLAN): $(O)/dts/hostile.dtb guests/lib/mkplan.py tools/mkbootscr.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)$(PYTHON) guests/lib/mkplan.py $< --mkbootscr tools/mkbootscr.py -o $@
$(GUEST_OBJ)/guests/hostile/hostile.o: $(HOSTILE_PLAN)
