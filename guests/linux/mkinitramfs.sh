#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Bulkhead: assemble the Linux guest's initramfs (gzip'ed newc cpio).
#
#   mkinitramfs.sh -r RECIPE -s SYSROOT -o OUT [-k "RELEASE..."] [-m "MODULE..."] [-e READELF]
#                  [-f "DEST=FILE..."]
#
#   RECIPE   folder with files.list (see its header) and the files it names
#   SYSROOT  Debian arm64 packages unpacked: bin/busybox, lib/modules/<release>/
#   RELEASE  kernel releases whose modules go in (lib/modules/<release>)
#   MODULE   module names to include, with their dependencies (a missing one is
#            skipped with a warning: it may be built in for that kernel)
#   READELF  a readelf that reads AArch64 objects (for the modules' .modinfo)
#   DEST=FILE  built programs to add: FILE goes in as DEST (mode 0755), e.g. /bin/bhchan=...
#
# Needs no root: the device nodes are written as cpio headers by this script;
# everything else is staged in a temporary folder and archived with
# `cpio -H newc`, owned by root, with fixed times (SOURCE_DATE_EPOCH or 0), so
# the same inputs give the same bytes.
set -eu

recipe='' sysroot='' out='' releases='' modules='' readelf=readelf extra=''
while getopts r:s:o:k:m:e:f: opt; do
	case "$opt" in
	r) recipe=$OPTARG ;;
	s) sysroot=$OPTARG ;;
	o) out=$OPTARG ;;
	k) releases=$OPTARG ;;
	m) modules=$OPTARG ;;
	e) readelf=$OPTARG ;;
	f) extra=$OPTARG ;;
	*) exit 2 ;;
	esac
done
if [ -z "$recipe" ] || [ -z "$sysroot" ] || [ -z "$out" ]; then
	echo "usage: $0 -r RECIPE -s SYSROOT -o OUT [-k RELEASES] [-m MODULES] [-e READELF]" >&2
	exit 2
fi

die() { echo "mkinitramfs: $*" >&2; exit 1; }
warn() { echo "mkinitramfs: warning: $*" >&2; }

epoch=${SOURCE_DATE_EPOCH:-0}
busybox="$sysroot/bin/busybox"
[ -f "$busybox" ] || die "no $busybox (run 'make setup')"
[ -f "$recipe/files.list" ] || die "no $recipe/files.list"

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "$out.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
nodes="$tmp/nodes.cpio"
mkdir -p "$root"
: >"$nodes"

# ------------------------------------------------------------ device nodes
# One newc header (+ name, padded to 4 bytes); no data. $1 name, $2 mode
# (numeric), $3 rdev major, $4 rdev minor, $5 nlink.
ino=0
newc_entry() {
	ino=$((ino + 1))
	namesize=$((${#1} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		"$ino" "$2" 0 0 "$5" "$epoch" 0 0 0 "$3" "$4" "$namesize" 0 >>"$nodes"
	printf '%s\000' "$1" >>"$nodes"
	pad=$(((4 - (110 + namesize) % 4) % 4))
	while [ "$pad" -gt 0 ]; do printf '\000' >>"$nodes"; pad=$((pad - 1)); done
}

emitted_dirs=" "
node_parents() { # emit the directories above $1 (no leading /) once
	[ "$(dirname "$1")" = . ] && return 0
	node_parents "$(dirname "$1")"
	pd=$(dirname "$1") # (after the recursion, which sets pd too)
	case "$emitted_dirs" in *" $pd "*) return 0 ;; esac
	pm=$(awk -v p="/$pd" '$1 == "dir" && $2 == p { print $3 }' "$recipe/files.list")
	newc_entry "$pd" $((0040000 | 0${pm:-755})) 0 0 2
	emitted_dirs="$emitted_dirs$pd "
}

# ------------------------------------------------------------ the recipe
while read -r type path a b c d; do # (names used only here)
	case "$type" in '' | '#'*) continue ;; esac
	case "$path" in /?*) ;; *) die "files.list: '$path' is not an absolute path" ;; esac
	rel=${path#/}
	case "$type" in
	dir)
		mkdir -p "$root/$rel"
		chmod "$a" "$root/$rel"
		;;
	file)
		[ -f "$recipe/$b" ] || die "files.list: no $recipe/$b"
		mkdir -p "$(dirname "$root/$rel")"
		cp "$recipe/$b" "$root/$rel"
		chmod "$a" "$root/$rel"
		;;
	slink)
		mkdir -p "$(dirname "$root/$rel")"
		ln -sfn "$a" "$root/$rel"
		;;
	nod)
		case "$b" in
		c) kind=0020000 ;;
		b) kind=0060000 ;;
		*) die "files.list: $path: node type must be c or b" ;;
		esac
		node_parents "$rel"
		newc_entry "$rel" $((kind | 0$a)) "$c" "$d" 1
		;;
	*) die "files.list: unknown entry type '$type'" ;;
	esac
done <"$recipe/files.list"
if [ -s "$nodes" ]; then
	newc_entry "TRAILER!!!" 0 0 0 1
fi

# ------------------------------------------------------------ busybox
# The applet names are stored in the binary as one NUL-separated list that
# starts with "[" and "[[" and ends with an empty name: read them from there
# (the binary is AArch64: it cannot run here to say `--list`).
mkdir -p "$root/bin"
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
tr '\000' '\n' <"$busybox" | awk '
	!on && prev == "[" && $0 == "[[" { on = 1; print "[" }
	on && $0 == "" { exit }
	on { print }
	{ prev = $0 }' >"$tmp/applets"
n=$(wc -l <"$tmp/applets")
for a in sh mount cttyhack init modprobe setsid; do
	grep -qx "$a" "$tmp/applets" || die "cannot read the applet list of $busybox (no '$a')"
done
[ "$n" -ge 50 ] || die "cannot read the applet list of $busybox ($n names)"
while read -r a; do
	case "$a" in busybox | linuxrc) continue ;; */* | '') die "odd applet name '$a'" ;; esac
	[ -e "$root/bin/$a" ] || [ -L "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done <"$tmp/applets"

# ------------------------------------------------------------ built programs
for e in $extra; do
	dest=${e%%=*} src=${e#*=}
	case "$dest" in /?*) ;; *) die "-f: '$dest' is not an absolute path" ;; esac
	[ -f "$src" ] || die "-f: no $src"
	mkdir -p "$(dirname "$root${dest}")"
	cp "$src" "$root$dest"
	chmod 0755 "$root$dest"
done

# ------------------------------------------------------------ modules
# Per release: copy the chosen modules and, following the `depends=` of their
# .modinfo, what they need; write modules.dep (full dependency lists, in the
# order depmod writes them: load from the right) and modules.alias.
ko_modinfo() { # $1 .ko: its .modinfo strings, one a line
	"$readelf" -p .modinfo "$1" | sed -n 's/^ *\[ *[0-9a-f]*\] *//p'
}
for rel in $releases; do
	src="$sysroot/lib/modules/$rel"
	[ -d "$src/kernel" ] || die "no modules for $rel in $src"
	dst="$root/lib/modules/$rel"
	mkdir -p "$dst"
	# name -> path (module names use _ where file names may use -)
	(cd "$src" && find kernel -name '*.ko' | awk '{ n = $0; sub(/.*\//, "", n); sub(/\.ko$/, "", n);
		gsub(/-/, "_", n); print n, $0 }') >"$tmp/index"
	: >"$tmp/deps"
	: >"$dst/modules.alias"
	todo=$(echo "$modules" | tr - _)
	done_=" "
	while :; do
		# shellcheck disable=SC2086
		set -- $todo
		[ $# -gt 0 ] || break
		m=$1
		shift
		todo=$*
		case "$done_" in *" $m "*) continue ;; esac
		done_="$done_$m "
		p=$(awk -v n="$m" '$1 == n { print $2; exit }' "$tmp/index")
		if [ -z "$p" ]; then
			warn "$rel has no module $m (built in, or not built)"
			continue
		fi
		mkdir -p "$(dirname "$dst/$p")"
		cp "$src/$p" "$dst/$p"
		chmod 0644 "$dst/$p"
		ko_modinfo "$src/$p" >"$tmp/info"
		deps=$(sed -n 's/^depends=//p' "$tmp/info" | tr ',-' ' _')
		echo "$m $p $deps" >>"$tmp/deps"
		sed -n "s/^alias=\(.*\)/alias \1 $m/p" "$tmp/info" >>"$dst/modules.alias"
		todo="$todo $deps"
	done
	awk '
		{ path[$1] = $2; n = 0; for (i = 3; i <= NF; i++) dep[$1, ++n] = $i; ndep[$1] = n; order[NR] = $1 }
		function visit(m, i) {  # post-order: dependencies first
			if (seen[m]++) return
			for (i = 1; i <= ndep[m]; i++) visit(dep[m, i])
			load[++nload] = m
		}
		END {
			for (k = 1; k <= NR; k++) {
				m = order[k]; split("", seen); nload = 0
				visit(m)
				line = path[m] ":"
				for (i = nload - 1; i >= 1; i--) line = line " " path[load[i]]
				print line
			}
		}' "$tmp/deps" | LC_ALL=C sort >"$dst/modules.dep"
	LC_ALL=C sort -o "$dst/modules.alias" "$dst/modules.alias"
done

# ------------------------------------------------------------ archive
find "$root" -exec touch -h -d "@$epoch" {} +
(cd "$root" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --reproducible --quiet) >"$tmp/root.cpio"
cat "$nodes" "$tmp/root.cpio" | gzip -9 -n >"$tmp/out.gz"
mv "$tmp/out.gz" "$out"
