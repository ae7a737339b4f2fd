# tests/: unit tests, the invalid device-tree corpus, the binding's schema check.
# Each folder's engineer appends a block of its own.

# ---- partitions: the device-tree binding (owner: partitions/) ----------------
# Unit tests build their DTBs at run time from DTS snippets (cpp + dtc, with
# boards/qemu_virt/qemu-virt.dtsi): see tests/unit/layout_fixture.h.
unit-tests += test_parse test_validate test_guest_dt

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
