# dts/: system device trees (example and test layouts) and their boot media.
#
# Every dts/<name>.dts is a layout. It is preprocessed (cpp, includes from the
# board folders) and compiled with dtc; bulkhead-check then checks it and
# writes its load plan (what U-Boot loads where, the DTB fix-ups:
# tools/plan.h), which tools/mkbootscr.py renders into boot media:
#   $(O)/dts/<name>.dtb
#   $(O)/boot/<name>/system.dtb   the DTB U-Boot passes to Bulkhead
#   $(O)/boot/<name>/plan.json    the load plan (bulkhead-check --plan)
#   $(O)/boot/<name>/boot.scr     U-Boot script (boot.cmd: its text)
#   $(O)/boot/<name>/disk.img     MBR + ext4: bulkhead.bin, system.dtb, boot.scr, modules
#   $(O)/boot/<name>/env.img      QEMU pflash bank 1: bootcmd sources boot.scr from the disk
# The files named by bulkhead,file are looked up in $(BOOT_SEARCH), in order.
# Other folders add boot media for their own device trees with
#   $(eval $(call boot-layout,<name>,<dts file>,<mkbootscr options>,<dtc options>))
# (tests/build.mk does so for the invalid-DT boot samples: --lenient, -q; with
# --lenient an invalid layout still gets its plan and media, so that Bulkhead
# itself rejects it at boot).

DTS_CPP = $(HOSTCC) -E -nostdinc -undef -x assembler-with-cpp -D__DTS__ \
	$(addprefix -I,$(sort $(dir $(wildcard boards/*/*.dtsi)))) -Idts
# The binding puts reg on /chosen/bulkhead, which has no unit address.
DTC_FLAGS = -Wno-unit_address_vs_reg
BOOT_SEARCH = $(O)/guests $(O) $(O)/linux
MKBOOTSCR = $(PYTHON) tools/mkbootscr.py
PLAN_TOOL = $(O)/tools/bulkhead-check

# boot-layout name, dts source, extra mkbootscr options, extra dtc options
define boot-layout
$(O)/dts/$(1).dtb: $(2) dts/build.mk
	@mkdir -p $$(dir $$@)
	@echo "  DTC     $$@"
	$(Q)$(DTS_CPP) -MD -MP -MT $$@ -MF $$@.d $$< -o $$@.pre
	$(Q)$(DTC) $(DTC_FLAGS) $(4) -I dts -O dtb -o $$@ $$@.pre

$(O)/boot/$(1)/system.dtb: $(O)/dts/$(1).dtb
	@mkdir -p $$(dir $$@)
	$(Q)cp $$< $$@

# An invalid layout (exit 1) still has its plan with --lenient.
$(O)/boot/$(1)/plan.json: $(O)/boot/$(1)/system.dtb $(PLAN_TOOL)
	@echo "  PLAN    $$@"
	$(Q)$(PLAN_TOOL) --quiet --plan $$@ $$< $(if $(filter --lenient,$(3)),\
		>/dev/null || test $$$$? -eq 1,|| { rm -f $$@; exit 1; })

$(O)/boot/$(1)/boot.scr: $(O)/boot/$(1)/plan.json tools/mkbootscr.py $(boot-files)
	@echo "  BOOTSCR $$@"
	$(Q)$(MKBOOTSCR) script $$< --name $(1) $(3) $(addprefix --search ,$(BOOT_SEARCH)) -o $$@

$(O)/boot/$(1)/env.img: $(O)/boot/$(1)/plan.json tools/mkbootscr.py
	@mkdir -p $$(dir $$@)
	@echo "  ENV     $$@"
	$(Q)$(MKBOOTSCR) env --plan $$< -o $$@

$(O)/boot/$(1)/disk.img: $(O)/boot/$(1)/plan.json $(O)/boot/$(1)/boot.scr \
		$(O)/boot/$(1)/system.dtb $(O)/bulkhead.bin tools/mkbootscr.py $(boot-files)
	@echo "  DISK    $$@"
	$(Q)$(MKBOOTSCR) disk $$< $(3) --dtb $(O)/boot/$(1)/system.dtb \
		--bulkhead $(O)/bulkhead.bin --script $(O)/boot/$(1)/boot.scr \
		$(addprefix --search ,$(BOOT_SEARCH)) --deps $$@.d -o $$@

boot-media += $(addprefix $(O)/boot/$(1)/,system.dtb plan.json boot.scr disk.img env.img)
boot-deps += $(O)/dts/$(1).dtb.d $(O)/boot/$(1)/disk.img.d
endef

boot-media :=
boot-deps :=
layouts := $(patsubst dts/%.dts,%,$(wildcard dts/*.dts))
$(foreach l,$(layouts),$(eval $(call boot-layout,$(l),dts/$(l).dts,)))

dtbs := $(patsubst %,$(O)/dts/%.dtb,$(layouts))
all-targets += $(dtbs) $(boot-media)

.PHONY: dtbs boot-media
dtbs: $(dtbs)
boot-media: $(boot-media)

-include $(wildcard $(boot-deps))
