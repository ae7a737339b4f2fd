#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the hand-made seeds of fuzz_vgic and fuzz_mmio into tests/fuzz/corpus/
(their input formats are in the harnesses' comments and code). Run it again
after changing a format; the DTB harnesses' seeds are compiled by the build."""

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def le(v, n):
    return (v & ((1 << (8 * n)) - 1)).to_bytes(n, "little")


# ---------------------------------------------------------------- fuzz_vgic
def vgic_header(lines_sel, ncpus, nlrs, hw, virt):
    b = (ncpus - 1) | ((nlrs - 1) << 2)
    out = bytes([lines_sel, b, len(hw)]) + b"".join(le(i - 32, 2) for i in hw)
    out += bytes([len(virt)]) + b"".join(le(i - 32, 2) + bytes([e]) for i, e in virt)
    return out


def dist(vcpu, off, size, write, value):
    code = {1: 0, 2: 1, 4: 2, 8: 3}[size] | (4 if write else 0)
    return bytes([0, vcpu]) + le(off, 2) + bytes([code]) + le(value, 8)


def redist(vcpu, off, size, write, value):
    code = {1: 0, 2: 1, 4: 2, 8: 3}[size] | (4 if write else 0)
    return bytes([1, vcpu]) + le(off, 3) + bytes([code]) + le(value, 8)


def sgi(vcpu, value):
    return bytes([2, vcpu]) + le(value, 8)


def hw_irq(idx):
    return bytes([3, 0, idx])


def ppi(vcpu, idx):
    return bytes([4, vcpu, idx])


def maint(vcpu):
    return bytes([5, vcpu])


def kick(vcpu):
    return bytes([6, vcpu])


def level(idx, on):
    return bytes([7, 0, idx, on])


def ack(vcpu):
    return bytes([8, vcpu])


def eoi(vcpu, lr):
    return bytes([9, vcpu, lr])


def vgic_seeds():
    hdr = vgic_header(8, 2, 4, [40, 41], [(33, 0), (34, 1)])
    base = hdr + dist(0, 0x0000, 4, True, 0x13)
    yield "hw-spi", base + dist(0, 0x104, 4, True, 0x300) + dist(0, 0x6140, 8, True, 1) + \
        hw_irq(0) + ack(1) + eoi(1, 0) + maint(1) + hw_irq(1) + ack(0) + eoi(0, 0)
    yield "ppi-timer", base + redist(0, 0x10100, 4, True, 1 << 27) + ppi(0, 1) + ack(0) + \
        eoi(0, 0) + redist(1, 0x10100, 4, True, 1 << 30) + ppi(1, 2)
    seq = base + redist(0, 0x10100, 4, True, 0xffff) + redist(1, 0x10100, 4, True, 0xffff)
    for n in range(12):
        seq += sgi(n % 2, (n % 16) << 24 | 3) + kick((n + 1) % 2)
    yield "sgis-overflow", seq + maint(0) + ack(0) + ack(0) + eoi(0, 1) + maint(0)
    yield "virtual-spis", base + dist(0, 0x104, 4, True, 0x6) + level(0, 1) + level(1, 1) + \
        kick(0) + ack(0) + eoi(0, 0) + maint(0) + level(0, 0) + level(1, 1) + kick(0)
    seq = base
    for off in (0x80, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380, 0x420, 0xc08, 0x6108):
        seq += dist(0, off, 4, True, 0xffffffff) + dist(0, off, 4, False, 0)
    yield "foreign", seq + sgi(0, 0xffff | 1 << 24) + sgi(0, 1 << 40 | 2 << 24)
    yield "priorities", base + dist(0, 0x428, 1, True, 0x10) + dist(0, 0x428, 4, False, 0) + \
        redist(0, 0x10400, 8, True, 0x8070605040302010) + redist(0, 0x10408, 1, False, 0)


# ---------------------------------------------------------------- fuzz_mmio
def access(vcpu, sas, write, rt, sf, sse, base_sel, off, answer=0x1122334455667788,
           regs=None, err=1):
    iss = sas << 22 | sse << 21 | rt << 16 | sf << 15 | (1 << 6 if write else 0)
    out = bytes([vcpu]) + le(iss, 3) + bytes([0x80 | base_sel])
    out += le(off, 5 if base_sel == 4 else 3)
    for i in range(31):
        if regs and i in regs:
            out += bytes([1]) + le(regs[i], 8)
        else:
            out += bytes([0])
    return out + le(answer, 8) + bytes([err])


def mmio_seeds():
    yield "gicd-typer", access(0, 2, False, 1, 0, 0, 0, 0x4)
    yield "gicd-irouter", access(0, 3, True, 2, 1, 0, 0, 0x6140, regs={2: 1}) + \
        access(1, 3, False, 3, 1, 0, 0, 0x6140)
    yield "gicr-frames", access(0, 3, False, 4, 1, 0, 1, 0x8) + \
        access(1, 2, True, 5, 0, 0, 1, 0x30100, regs={5: 1 << 27})
    yield "probe-sign", access(0, 0, False, 7, 1, 1, 2, 0x10, answer=0x80) + \
        access(0, 1, False, 8, 0, 1, 2, 0x12, answer=0x8001) + \
        access(0, 2, False, 31, 1, 0, 2, 0x14)
    yield "probe-write", access(0, 0, True, 9, 0, 0, 2, 0x20, regs={9: 0xfedcba9876543210}) + \
        access(0, 3, True, 31, 1, 0, 2, 0x28)
    yield "unmapped", access(0, 2, False, 1, 0, 0, 3, 0x0) + access(0, 2, True, 1, 0, 0, 4, 0x1234)


def write(name, seeds):
    d = os.path.join(HERE, "corpus", name)
    os.makedirs(d, exist_ok=True)
    for stem, data in seeds:
        with open(os.path.join(d, "seed-" + stem), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write("vgic", vgic_seeds())
    write("mmio", mmio_seeds())
