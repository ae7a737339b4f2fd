# guests/lifecycle/: lcguest, the life-cycle test guest (tests/integration/test_lifecycle.py).
#   $(O)/guests/lcguest.bin
# Built like guests/hostile/ (included from guests/build.mk) on the bare-metal runtime.
# TODO(guests): move onto the shared guest runtime (guests/lib) once it exists.

LC_SRC := guests/lifecycle
lc-bin := $(O)/guests/lcguest.bin
lc-objs := $(GUEST_OBJ)/$(LC_SRC)/lcguest.o $(GUEST_OBJ)/$(LC_SRC)/entry.o $(guest-rt-objs)

all-targets += $(lc-bin)
boot-files += $(lc-bin)

$(GUEST_OBJ)/$(LC_SRC)/%.o: $(LC_SRC)/build.mk

$(lc-bin:.bin=.elf): $(lc-objs) $(GUEST_LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -Wl,-Map,$(@:.elf=.map) -o $@ \
		$(lc-objs) $(LIBFDT_A) -lgcc

$(lc-bin): $(lc-bin:.bin=.elf)
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@
