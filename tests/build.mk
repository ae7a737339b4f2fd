# tests/: unit tests, the invalid device-tree corpus, the binding's schema check.
# Each folder's engineer appends a block of its own.

# ---- partitions: the device-tree binding (owner: partitions/) ----------------
# Unit tests build their DTBs at run time from DTS snippets (cpp + dtc, with
# boards/qemu_virt/qemu-virt.dtsi): see tests/unit/layout_fixture.h.
unit-tests += test_parse test_validate test_guest_dt test_owners test_dt_index test_dt_check
# Channels (issue 12).
unit-tests += test_channel test_channel_pci

# `make check` runs the unit tests (plain and with ASan+UBSan), the invalid-DT
# corpus through bulkhead-check, and the dt-schema check of the binding.
check-steps += $(filter-out $(check-steps),unit unit-san) invalid-dt dt-schema

.PHONY: invalid-dt dt-schema
invalid-dt: $(BULKHEAD_CHECK)
	$(Q)sh tests/invalid-dt/run.sh $(BULKHEAD_CHECK) boards/qemu_virt $(O)/tests/invalid-dt

dt-schema:
	$(Q)sh tests/invalid-dt/dt-schema.sh dts/bindings/bulkhead.yaml boards/qemu_virt \
		$(O)/tests/dt-schema
# ---- end partitions -----------------------------------------------------------

# ---- direct: interrupt-delivery (owner: helper direct, issue 14) -------------
unit-tests += test_irq_delivery
include tests/probes/build.mk
# ---- end direct ---------------------------------------------------------------
# ---- fw: firmware in a partition (issue 17): partitions/firmware.c, the verifier's flash banks
unit-tests += test_firmware

# ---- integration: QEMU boot tests (owner: tests/integration/) ----------------
# `make integration` (check-step) boots layouts in QEMU through U-Boot and
# watches the console: pytest-3 tests/integration (docs/running.md). The boot
# media of dts/*.dts come from dts/build.mk; here are those of the invalid-DT
# boot samples: every file listed in tests/invalid-dt/boot-sample.txt (or, when
# there is no list, tests/integration/invalid/*.dts) gets build/boot/invalid/<stem>/.
# mkbootscr runs --lenient on them: Bulkhead, not the tool, must reject them.
IT_SAMPLE_LIST := tests/invalid-dt/boot-sample.txt
it-invalid-srcs := $(if $(wildcard $(IT_SAMPLE_LIST)),\
	$(patsubst %,tests/invalid-dt/%.dts,$(basename $(notdir \
		$(shell sed -e 's/\#.*//' $(IT_SAMPLE_LIST))))),\
	$(wildcard tests/integration/invalid/*.dts))
$(foreach s,$(it-invalid-srcs),$(eval $(call boot-layout,invalid/$(basename $(notdir $(s))),$(s),--lenient,-q)))
it-invalid-media := $(foreach s,$(it-invalid-srcs),\
	$(addprefix $(O)/boot/invalid/$(basename $(notdir $(s)))/,disk.img env.img))

# PYTEST_ARGS: e.g. PYTEST_ARGS='-k isolation' or PYTEST_ARGS=-x
PYTEST_ARGS ?=
check-steps += integration
.PHONY: integration integration-media
integration-media: $(boot-media) $(it-invalid-media)
integration: integration-media
	$(Q)mkdir -p $(O)/tests/logs
	$(Q)O=$(O) PYTHONDONTWRITEBYTECODE=1 pytest-3 -v -p no:cacheprovider tests/integration \
		$(PYTEST_ARGS)
# ---- end integration ----------------------------------------------------------
include tests/fuzz/build.mk
