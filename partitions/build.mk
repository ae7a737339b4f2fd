# partitions/: the device-tree binding -- parse the system DT into a struct
# layout, validate every rule, place images, print the table, generate guest
# DTBs. Built into the image and, unchanged, into the host library that
# bulkhead-check and the unit tests link.
partitions-srcs := partitions/diag.c partitions/dt.c partitions/dt_index.c partitions/dt_struct.c partitions/parse.c \
	partitions/parse_part.c partitions/parse_dev.c partitions/validate.c \
	partitions/validate_dev.c partitions/place.c partitions/print.c \
	partitions/guest_dt.c partitions/owners.c partitions/owners_print.c \
	partitions/strict.c partitions/clocks.c partitions/dma.c \
	partitions/irq_delivery.c partitions/hyp_spis.c partitions/hyp_deps.c \
	partitions/channel.c partitions/exec_state.c partitions/firmware.c \
	partitions/channel_pci.c partitions/guest_dt_pci.c
# The execution state (AArch32 partitions): tests/unit/test_exec_state.c.
unit-tests += test_exec_state
# Host only: the bytes of a file to a checked layout (bulkhead-check, fuzz_layout).
host-only-srcs += partitions/check_file.c
hyp-srcs += $(partitions-srcs)
shared-srcs += $(partitions-srcs)
# Verification of built tables against the layout (plain data; helper verify).
hyp-srcs += partitions/verify.c
shared-srcs += partitions/verify.c
