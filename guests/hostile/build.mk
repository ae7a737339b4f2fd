# guests/hostile/: the fault-containment test guests (docs/reliability.md).
#   $(O)/guests/hostile.bin    attacks everything it can reach (dts/hostile.dts)
#   $(O)/guests/sentinel.bin   a victim that checks a pattern in its own RAM
#   $(O)/guests/wdtest.bin     arms the emulated SBSA watchdog, then hangs (dts/watchdog.dts)
# Built like guests/baremetal/ (included from guests/build.mk, which defines
# the GUEST_* flags and the runtime objects) and against its runtime, which is
# not modified: hostile.bin links its own exception handler (exc.c) in place of
# guests/baremetal/rt/exception.c, which halts on any exception.

HOSTILE_SRC := guests/hostile
hostile-progs := hostile sentinel wdtest
hostile-bins := $(patsubst %,$(O)/guests/%.bin,$(hostile-progs))
hostile-rt-objs := $(filter-out %/rt/exception.o,$(guest-rt-objs))

hostile-objs.hostile := $(GUEST_OBJ)/$(HOSTILE_SRC)/hostile.o $(GUEST_OBJ)/$(HOSTILE_SRC)/exc.o \
	$(GUEST_OBJ)/$(HOSTILE_SRC)/entry.o $(hostile-rt-objs)
hostile-objs.sentinel := $(GUEST_OBJ)/$(HOSTILE_SRC)/sentinel.o $(guest-rt-objs)
hostile-objs.wdtest := $(GUEST_OBJ)/$(HOSTILE_SRC)/wdtest.o $(guest-rt-objs)

all-targets += $(hostile-bins)
boot-files += $(hostile-bins)

# The objects come from guests/build.mk's pattern rules ($(GUEST_OBJ)/%.o).
$(GUEST_OBJ)/$(HOSTILE_SRC)/%.o: $(HOSTILE_SRC)/build.mk

define hostile-link
$(O)/guests/$(1).elf: $$(hostile-objs.$(1)) $(GUEST_LDS) $(LIBFDT_A)
	@echo "  LD      $$@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -Wl,-Map,$$(@:.elf=.map) -o $$@ \
		$$(hostile-objs.$(1)) $(LIBFDT_A) -lgcc
endef
$(foreach p,$(hostile-progs),$(eval $(call hostile-link,$(p))))

$(hostile-bins): $(O)/guests/%.bin: $(O)/guests/%.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

.PHONY: hostile-guests
hostile-guests: $(hostile-bins)
