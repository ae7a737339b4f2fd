# tools/: host tools.

# ---- bulkhead-check (owner: partitions/) -------------------------------------
# Checks a system DTB's partition layout with the same partitions/*.c the image
# runs, linked from libbulkhead.a. tools/host_trace.c is the host's
# trace_error_at() (the image has its own in core/).
host-only-srcs += tools/host_trace.c
BULKHEAD_CHECK := $(O)/tools/bulkhead-check
all-targets += $(BULKHEAD_CHECK)

$(BULKHEAD_CHECK): tools/bulkhead-check.c $(O)/host/libbulkhead.a
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $< $(O)/host/libbulkhead.a $(HOST_LDLIBS) -o $@
# ---- end bulkhead-check -------------------------------------------------------
