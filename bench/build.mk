# SPDX-License-Identifier: GPL-2.0-only
#
# bench/: `make bench` -- interrupt latency, trap costs, guest slowdown and boot
# time of Bulkhead against bare QEMU and Xen 4.17 dom0less (docs/performance.md).
# Not part of `make check` (tests/integration/test_bench_smoke.py is).
#
#   make bench                          everything: build/bench/results.{json,md},
#                                       build/bench/latency.svg, logs in build/bench/logs/
#   make bench BENCH_ARGS="--only bare,bulkhead --no-linux"
#   make bench-profile                  only the instruction profile of Bulkhead's paths
#   make bench-baseline                 rewrite bench/baseline.json (the smoke test's guard)
#
# Xen comes from Debian's xen-hypervisor-4.17-arm64, fetched at bench time with
# apt-get download into $(O)/bench/xen/ and unpacked with dpkg-deb -x.

BENCH_ARGS ?=
bench-deps := $(O)/bulkhead.bin $(BENCH_BIN) $(BENCH_STUB_BIN) $(BENCH_INITRAMFS) \
	$(LINUX_IMAGE) $(O)/dts/bench.dtb $(O)/dts/bench-smoke.dtb $(O)/dts/bench-linux.dtb \
	$(O)/guests/bench32.bin $(O)/dts/bench32.dtb $(O)/dts/bench32-smoke.dtb

.PHONY: bench bench-profile bench-baseline
bench: $(bench-deps)
	$(Q)O=$(O) PYTHONDONTWRITEBYTECODE=1 $(PYTHON) bench/run.py $(BENCH_ARGS)

bench-profile: $(bench-deps)
	$(Q)O=$(O) PYTHONDONTWRITEBYTECODE=1 $(PYTHON) bench/run.py --profile

# Rewrites bench/baseline.json, the instruction counts the bench smoke test
# guards (bench/guard.py): run it after an intended change and commit the file.
bench-baseline: $(bench-deps)
	$(Q)O=$(O) PYTHONDONTWRITEBYTECODE=1 $(PYTHON) bench/run.py --baseline
