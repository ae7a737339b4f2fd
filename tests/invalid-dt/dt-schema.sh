#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The binding's dt-schema (dts/bindings/bulkhead.yaml):
#  1. dt-doc-validate checks the schema itself against the dt-schema meta-schemas;
#  2. dt-mk-schema processes it with the core schemas into OUT_DIR/processed.json
#     (dt-validate -s takes a *processed* schema, or a directory: given a single
#     .yaml it would read it as already processed, so the file is copied into a
#     directory of its own first);
#  3. every valid layout (tests/invalid-dt/valid-*.dts) passes dt-validate, and
#     every tree in tests/invalid-dt/schema/ fails it with the text its first
#     line names ("// schema-expect: <text>").
#
# Deciding pass/fail: dt-validate always exits 0 and prints problems on stderr.
# It is run with -l bulkhead.yaml, so only this schema is applied: the board's
# QEMU nodes, which have no schemas here, cannot cause failures. A tree fails
# when the output has a "From schema:" line (an error against our schema); a
# valid tree must also show (-M) that /chosen/bulkhead matched the schema, so a
# schema that silently failed to load cannot pass.
#
#   dt-schema.sh SCHEMA BOARD_DIR OUT_DIR
set -u

schema=$1
board=$2
out=$3
here=$(dirname "$0")
pass=0
fail=0

failed() {
	echo "FAIL $1: $2"
	[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/    | /'
	fail=$((fail + 1))
}

compile() {
	cpp -nostdinc -undef -x assembler-with-cpp -I "$board" "$1" | dtc -q -I dts -O dtb -o "$2" -
}

validate() {
	dt-validate -M -s "$out/processed.json" -l bulkhead.yaml "$1" 2>&1
}

mkdir -p "$out/schema"
if ! log=$(dt-doc-validate -u "$(dirname "$schema")" "$schema" 2>&1) || [ -n "$log" ]; then
	failed "$schema" "dt-doc-validate" "$log"
	echo "dt-schema: $pass passed, $fail failed"
	exit 1
fi
pass=$((pass + 1))
cp "$schema" "$out/schema/bulkhead.yaml"
log=$(dt-mk-schema -j -o "$out/processed.json" "$out/schema" 2>&1)
if [ $? -ne 0 ] || printf '%s\n' "$log" | grep -q "ignoring"; then
	failed "$schema" "dt-mk-schema" "$log"
	echo "dt-schema: $pass passed, $fail failed"
	exit 1
fi

for dts in "$here"/valid-*.dts; do
	name=$(basename "$dts" .dts)
	if ! compile "$dts" "$out/$name.dtb"; then failed "$name" "does not compile"; continue; fi
	log=$(validate "$out/$name.dtb")
	if printf '%s\n' "$log" | grep -q "From schema:"; then
		failed "$name" "rejected by the schema" "$log"
	elif ! printf '%s\n' "$log" | grep -A1 "/chosen/bulkhead: matched on schema" |
		grep -q "bulkhead.yaml"; then
		failed "$name" "/chosen/bulkhead did not match the schema" "$log"
	else
		pass=$((pass + 1))
	fi
done

for dts in "$here"/schema/*.dts; do
	name=$(basename "$dts" .dts)
	expect=$(sed -n '1s|^// schema-expect: ||p' "$dts")
	if [ -z "$expect" ]; then failed "$name" "no '// schema-expect:' first line"; continue; fi
	if ! compile "$dts" "$out/$name.dtb"; then failed "$name" "does not compile"; continue; fi
	log=$(validate "$out/$name.dtb")
	if ! printf '%s\n' "$log" | grep -q "From schema:" ||
		! printf '%s\n' "$log" | grep -qF -- "$expect"; then
		failed "$name" "expected the schema to reject it ($expect)" "$log"
	else
		pass=$((pass + 1))
	fi
done

echo "dt-schema: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
