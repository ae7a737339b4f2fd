# tests/probes/: small freestanding programs that run alone on QEMU (no
# Bulkhead, no U-Boot) to check a hardware fact a design decision rests on.
# gic_direct: what a guest that owns the GICv3 CPU interface can do to EL2's
# Group 0 (docs/design.md "Direct interrupt delivery");
# tests/integration/test_gic_direct_probe.py runs it.
PROBE_GIC_DIRECT := $(O)/tests/probes/gic_direct.elf
probe-gic-direct-srcs := tests/probes/gic_direct_head.S tests/probes/gic_direct.c

$(PROBE_GIC_DIRECT): $(probe-gic-direct-srcs) tests/probes/gic_direct.lds tests/probes/build.mk
	@mkdir -p $(dir $@)
	@echo "  LD      $@  (probe)"
	$(Q)$(CC) -std=c11 -ffreestanding -O2 -g $(WARN) -mgeneral-regs-only -fno-pic -fno-pie \
		-fno-stack-protector $(HYP_LDFLAGS) -T tests/probes/gic_direct.lds \
		$(probe-gic-direct-srcs) -o $@

all-targets += $(PROBE_GIC_DIRECT)
integration-media: $(PROBE_GIC_DIRECT)
