"""Writing full-resolution region edits fast: a PNG whose rows outside the crop are compressed
once, for the original, and reused for every output.

A stitched output differs from the original only inside the crop box, yet encoding a 12 MP PNG
takes ~0.6 s, more than the whole stitch. PNG compresses filtered rows as one zlib stream, and
that stream may be cut into independent deflate segments (each ends with a sync flush, so none
refers back into another) and split over several IDAT chunks. So the rows above and below the
box are compressed once, while the service works, and an output only compresses its own rows.
Every row uses the Sub filter, which looks only along its own row: a row's bytes never depend
on the row above, so an unchanged row's compressed bytes are the same in every output.
"""

from __future__ import annotations

import struct
import zlib
from concurrent.futures import Executor
from pathlib import Path

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 KB window, fastest level (the check bits make it % 31)
_FINAL_BLOCK = b"\x03\x00"  # an empty final block with fixed codes: ends the deflate stream
_SUB = 1  # PNG filter type 1: each byte minus the byte one pixel to its left
_ADLER_BASE = 65521


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _filtered(rows: np.ndarray) -> np.ndarray:
    """RGB rows as PNG scanlines: a filter byte, then the Sub-filtered bytes."""
    height, width, channels = rows.shape
    flat = rows.reshape(height, width * channels)
    lines = np.empty((height, width * channels + 1), np.uint8)
    lines[:, 0] = _SUB
    lines[:, 1 : channels + 1] = flat[:, :channels]
    np.subtract(flat[:, channels:], flat[:, :-channels], out=lines[:, channels + 1 :])  # mod 256
    return lines


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of A+B from those of A and B (zlib's adler32_combine, which Python's zlib
    does not expose): the rows' checksums are then computed once, like their compression."""
    rem = second_length % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + _ADLER_BASE - rem
    sum1 %= _ADLER_BASE
    sum2 %= _ADLER_BASE
    return sum1 | (sum2 << 16)


class _Segment:
    """Some rows, filtered and compressed as a deflate segment that ends on a byte boundary."""

    def __init__(self, rows: np.ndarray, level: int) -> None:
        lines = _filtered(rows)
        self.length = lines.size
        self.adler = zlib.adler32(lines)
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        data = compressor.compress(lines) + compressor.flush(zlib.Z_SYNC_FLUSH)
        self.chunk = _chunk(b"IDAT", data) if self.length else b""


class RowBandPng:
    """Writes PNGs of images equal to `original` outside rows `top:bottom`."""

    def __init__(self, original: np.ndarray, top: int, bottom: int, level: int = 1) -> None:
        height, width = original.shape[:2]
        if original.dtype != np.uint8 or original.ndim != 3 or original.shape[2] != 3:
            raise ValueError("RowBandPng writes 8-bit RGB images")
        if not 0 <= top < bottom <= height:
            raise ValueError(f"rows {top}:{bottom} are not inside an image {height} rows high")
        self.original = original
        self.shape, self.top, self.bottom, self.level = original.shape, top, bottom, level
        self._above = _Segment(original[:top], level)
        self._below = _Segment(original[bottom:], level)
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
        self._head = _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", _ZLIB_HEADER)

    def write_original(self, path: Path) -> None:
        self.write(path, self.original[self.top : self.bottom])

    def write(
        self, path: Path, band: np.ndarray, pool: Executor | None = None, parts: int = 1
    ) -> None:
        """The PNG of the original with rows top:bottom replaced by `band` (full width). With
        a pool, the band is compressed in `parts` pieces side by side (zlib lets go of the
        GIL); the pool must not be the one running this call."""
        if band.shape != (self.bottom - self.top, *self.shape[1:]) or band.dtype != np.uint8:
            raise ValueError(f"the band must be {self.bottom - self.top} full rows of RGB")
        pieces = np.array_split(band, max(1, min(parts, len(band))))
        if pool is None or len(pieces) == 1:
            middle = [_Segment(piece, self.level) for piece in pieces]
        else:
            futures = [pool.submit(_Segment, piece, self.level) for piece in pieces]
            middle = [future.result() for future in futures]
        segments = [self._above, *middle, self._below]
        adler = segments[0].adler
        for segment in segments[1:]:
            adler = adler32_combine(adler, segment.adler, segment.length)
        tail = _chunk(b"IDAT", _FINAL_BLOCK + struct.pack(">I", adler))
        with open(path, "wb") as out:
            out.write(self._head)
            for segment in segments:
                out.write(segment.chunk)
            out.write(tail + _chunk(b"IEND", b""))
