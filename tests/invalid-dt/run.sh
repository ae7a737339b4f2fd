#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The invalid device-tree corpus: every tests/invalid-dt/*.dts is a system
# device tree (the board .dtsi plus a /chosen/bulkhead) whose first line says
# what bulkhead-check must answer:
#   // expect: valid                       exit 0
#   // expect: error: <node>: <prop>: ...  exit 1 and this text in the output
# An optional line "// mangle: <how>" damages the compiled blob first, as a
# broken file would be (the tree itself stays well formed):
#   truncate N     drop the file's last N bytes
#   keep N         keep the file's first N bytes only
#   totalsize +N   make the header's totalsize N bytes larger than the file
#   rename OLD NEW a property name, in the strings block (same length): for
#                  values dtc itself cannot take (it loops on a #clock-cells
#                  of 0xffffffff), written under another name in the source
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
	mangle=$(sed -n 's|^// mangle: ||p' "$dts")
	if [ -n "$mangle" ] && ! /usr/bin/python3 - "$dtb" $mangle <<'EOF'
import sys
path, how, arg = sys.argv[1], sys.argv[2], sys.argv[3:]
b = bytearray(open(path, "rb").read())
if how == "truncate":
    b = b[:max(0, len(b) - int(arg[0]))]
elif how == "keep":
    b = b[:int(arg[0])]
elif how == "totalsize":
    b[4:8] = (len(b) + int(arg[0].lstrip("+"))).to_bytes(4, "big")
elif how == "rename" and len(arg[0]) == len(arg[1]) and arg[0].encode() + b"\0" in b:
    b = b.replace(arg[0].encode() + b"\0", arg[1].encode() + b"\0")
else:
    sys.exit("unknown mangle: " + how)
open(path, "wb").write(b)
EOF
	then
		failed "$name" "cannot apply '// mangle: $mangle'"
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
