"""Encoding side of Polar PMD delta frames, for tests and the emulated sensor."""
import itertools


def pack_bits(values: list[int], width: int) -> bytes:
    """Two's-complement values of ``width`` bits, packed LSB first."""
    acc = nbits = 0
    out = bytearray()
    for v in values:
        acc |= (v & ((1 << width) - 1)) << nbits
        nbits += width
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits:
        out.append(acc & 0xFF)
    return bytes(out)


def delta_frame(mtype: int, ts_ns: int, rows: list[list[int]], width: int | None = None
                ) -> bytes:
    """A delta-compressed frame: the first row as reference, then one block of deltas."""
    ref = rows[0]
    deltas = [[r[c] - p[c] for c in range(3)] for p, r in itertools.pairwise(rows)]
    if width is None:
        width = max(2, max(abs(d).bit_length() + 1 for row in deltas for d in row))
    body = b"".join(int(v).to_bytes(2, "little", signed=True) for v in ref)
    body += bytes([width, len(deltas)]) + pack_bits([d for row in deltas for d in row], width)
    return bytes([mtype]) + ts_ns.to_bytes(8, "little") + bytes([0x80]) + body
