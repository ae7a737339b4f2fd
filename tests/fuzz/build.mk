# tests/fuzz/: libFuzzer harnesses on the host build (owner: reliability;
# docs/reliability.md). Debian's clang 14 with -fsanitize=fuzzer,address,undefined:
#   fuzz_layout    the binding's parser and validator (layout_check) on any DTB
#   fuzz_guest_dt  guest DT generation for layouts that validate
#   fuzz_mmio      core/mmio.c (ESR decode, register write-back) over the vGIC
#   fuzz_vgic      the vGIC's register emulation and injection
#   fuzz_verify    table verification: stage-2 and SMMU tables built for layouts
#                  that validate (from a DTB or described directly) verify
#   fuzz_vpci      a channel's PCI configuration space (core/vpci_model.c) under
#                  any ECAM access: BARs never move, INTA = pending && !INTx Disable
# The code under test is every host-compilable source ($(shared-srcs),
# $(host-only-srcs)) rebuilt with coverage and sanitizers into $(FUZZ_DIR).
#
#   make fuzz                 each harness for FUZZ_SECONDS (default 60)
#   make fuzz-smoke           each for FUZZ_SMOKE_SECONDS (default 10): a check-step
#   make fuzz-build           the harnesses only
# Corpora: tests/fuzz/corpus/<harness>/ (kept: seeds and every input that once
# found a bug), $(FUZZ_DIR)/seeds/<harness>/ (generated: every dts/*.dts and
# tests/invalid-dt/*.dts compiled), $(FUZZ_DIR)/corpus/<harness>/ (what the
# runs add; not kept). A crash leaves its input in $(FUZZ_DIR)/crashes/ and
# fails the step: fix the bug, then copy the input into tests/fuzz/corpus/.

FUZZ_CC ?= clang
FUZZ_DIR := $(O)/fuzz
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
# Other folders' sources get the warnings but not -Werror: a warning only clang
# gives must not break this step; the harnesses themselves use -Werror.
FUZZ_CFLAGS := -std=c11 -O1 -g $(filter-out -Werror,$(WARN)) -Wno-unknown-warning-option
FUZZ_RUN_FLAGS := -timeout=20 -rss_limit_mb=2048 -print_final_stats=1

fuzz-harnesses := layout guest_dt mmio vgic verify vpci
fuzz-lib-srcs := $(sort $(shared-srcs) $(host-only-srcs))
fuzz-lib-objs := $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(fuzz-lib-srcs))
fuzz-extra-srcs.mmio := core/mmio.c
fuzz-bins := $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(fuzz-harnesses))

$(FUZZ_DIR)/obj/%.o: %.c $(AUTOCONF)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $<"
	$(Q)$(FUZZ_CC) $(HOST_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE) \
		-MMD -MP -c $< -o $@

$(FUZZ_DIR)/libbulkhead.a: $(fuzz-lib-objs)
	$(Q)rm -f $@ && ar rcs $@ $^

define fuzz-harness
$(FUZZ_DIR)/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(fuzz-extra-srcs.$(1))) \
		$(FUZZ_DIR)/libbulkhead.a tests/common/fake_gic.h
	@echo "  FUZZLD  $$@"
	$(Q)$(FUZZ_CC) $(HOST_CPPFLAGS) $(FUZZ_CFLAGS) -Werror -Wno-missing-prototypes \
		-fsanitize=fuzzer $(FUZZ_SANITIZE) $$< \
		$(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(fuzz-extra-srcs.$(1))) \
		$(FUZZ_DIR)/libbulkhead.a $(HOST_LDLIBS) -o $$@
endef
$(foreach h,$(fuzz-harnesses),$(eval $(call fuzz-harness,$(h))))

# Seeds for the DTB harnesses: every layout and every invalid-DT case, compiled.
fuzz-dts := $(wildcard dts/*.dts) $(wildcard tests/invalid-dt/*.dts)
fuzz-layout-seeds := $(foreach s,$(fuzz-dts),$(FUZZ_DIR)/seeds/layout/$(subst /,-,$(s:.dts=)).dtb)
fuzz-guest-dt-seeds := $(patsubst $(FUZZ_DIR)/seeds/layout/%,$(FUZZ_DIR)/seeds/guest_dt/%, \
	$(fuzz-layout-seeds))

define fuzz-dtb-seed
$(FUZZ_DIR)/seeds/layout/$(subst /,-,$(1:.dts=)).dtb: $(1)
	@mkdir -p $$(dir $$@)
	$(Q)$(DTS_CPP) $$< | $(DTC) -q $(DTC_FLAGS) -I dts -O dtb -o $$@ - 2>/dev/null || \
		{ rm -f $$@; echo "  (fuzz seed: $$< does not compile, skipped)"; : > $$@; }
endef
$(foreach s,$(fuzz-dts),$(eval $(call fuzz-dtb-seed,$(s))))

# guest_dt reads two bytes after the tree (the output buffer's size): all ones.
$(FUZZ_DIR)/seeds/guest_dt/%: $(FUZZ_DIR)/seeds/layout/%
	@mkdir -p $(dir $@)
	$(Q)cat $< > $@ && printf '\377\377' >> $@

# verify: a zero byte (the DTB way) before the tree.
fuzz-verify-seeds := $(patsubst $(FUZZ_DIR)/seeds/layout/%,$(FUZZ_DIR)/seeds/verify/%, \
	$(fuzz-layout-seeds))
$(FUZZ_DIR)/seeds/verify/%: $(FUZZ_DIR)/seeds/layout/%
	@mkdir -p $(dir $@)
	$(Q)printf '\000' > $@ && cat $< >> $@

fuzz-seeds := $(fuzz-layout-seeds) $(fuzz-guest-dt-seeds) $(fuzz-verify-seeds)

.PHONY: fuzz fuzz-smoke fuzz-build
fuzz-build: $(fuzz-bins) $(fuzz-seeds)

# run-fuzzer harness seconds
define run-fuzzer
	mkdir -p $(FUZZ_DIR)/corpus/$(1) $(FUZZ_DIR)/seeds/$(1) $(FUZZ_DIR)/crashes; \
	echo "  FUZZ    $(1) ($(2) s)"; \
	$(FUZZ_DIR)/fuzz_$(1) $(FUZZ_RUN_FLAGS) -max_total_time=$(2) \
		$(if $(wildcard tests/fuzz/$(1).dict),-dict=tests/fuzz/$(1).dict) \
		-artifact_prefix=$(FUZZ_DIR)/crashes/$(1)- \
		$(FUZZ_DIR)/corpus/$(1) tests/fuzz/corpus/$(1) $(FUZZ_DIR)/seeds/$(1) \
		> $(FUZZ_DIR)/$(1).log 2>&1 || { tail -n 40 $(FUZZ_DIR)/$(1).log; exit 1; }; \
	grep -E '^Done [0-9]+ runs' $(FUZZ_DIR)/$(1).log | sed 's/^/          /';
endef

fuzz: fuzz-build
	$(Q)set -e; $(foreach h,$(fuzz-harnesses),$(call run-fuzzer,$(h),$(FUZZ_SECONDS)))

fuzz-smoke: fuzz-build
	$(Q)set -e; $(foreach h,$(fuzz-harnesses),$(call run-fuzzer,$(h),$(FUZZ_SMOKE_SECONDS)))

check-steps += fuzz-smoke

-include $(shell find $(FUZZ_DIR)/obj -name '*.d' 2>/dev/null)
