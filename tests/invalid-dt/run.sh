#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The invalid device-tree corpus: every tests/invalid-dt/*.dts is a system
# device tree (the board .dtsi plus a /chosen/bulkhead) whose first line says
# what bulkhead-check must answer:
#   // expect: valid                       exit 0
#   // expect: error: <node>: <prop>: ...  exit 1 and this text in the output
#
#   run.sh BULKHEAD_CHECK BOARD_DIR OUT_DIR
set -u

check=$1
board=$2
out=$3
here=$(dirname "$0")
pass=0
fail=0
mkdir -p "$out"

failed() {
	echo "FAIL $1: $2"
	[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/    | /'
	fail=$((fail + 1))
}

for dts in "$here"/*.dts; do
	name=$(basename "$dts" .dts)
	expect=$(sed -n '1s|^// expect: ||p' "$dts")
	dtb="$out/$name.dtb"
	case "$expect" in
	valid) ;;
	error:\ /*:\ *:\ *) ;; # must name the node and the property
	*) failed "$name" "first line must be '// expect: valid' or '// expect: error: <node>: <prop>: ...'"
		continue ;;
	esac
	if ! cpp -nostdinc -undef -x assembler-with-cpp -I "$board" "$dts" |
		dtc -q -I dts -O dtb -o "$dtb" - 2>"$out/$name.dtc.log"; then
		failed "$name" "does not compile" "$(cat "$out/$name.dtc.log")"
		continue
	fi
	output=$("$check" "$dtb" 2>&1)
	rc=$?
	if [ "$expect" = valid ]; then
		if [ $rc -ne 0 ]; then failed "$name" "expected valid, exit $rc" "$output"; continue; fi
	elif [ $rc -ne 1 ]; then
		failed "$name" "expected exit 1, got $rc" "$output"
		continue
	elif ! printf '%s\n' "$output" | grep -qF -- "$expect"; then
		failed "$name" "expected: $expect" "$output"
		continue
	fi
	pass=$((pass + 1))
done

echo "invalid-dt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
