#!/usr/bin/env python3
"""gen.py: writes the small PNG/SVG images in this folder (tests/data/bake).

Every image is synthetic (generated here from zlib and literal text); none is
third-party. Run it from this folder to regenerate: python3 gen.py
"""
import struct
import zlib


def chunk(ctype, data):
    return (struct.pack(">I", len(data)) + ctype + data +
            struct.pack(">I", zlib.crc32(ctype + data) & 0xffffffff))


SIG = b"\x89PNG\r\n\x1a\n"


def ihdr(w, h, depth=8, ctype=2):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0))


def rgb_rows(w, h, bpp):
    raw = b""
    for y in range(h):
        raw += b"\x00" + bytes(((x * 31 + y * 17 + c * 71) & 0xff)
                               for x in range(w) for c in range(bpp))
    return raw


def itxt(kw, text, compressed=False):
    body = text.encode("utf-8")
    if compressed:
        body = zlib.compress(body)
    return chunk(b"iTXt", kw + b"\x00" + (b"\x01" if compressed else b"\x00")
                 + b"\x00" + b"\x00" + b"\x00" + body)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


JSON = '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion",' \
    '"id":"https://example.org/assertions/1","name":"Caf\u00e9 \u2713"}'

# 8x8 RGB, one IDAT.
plain = SIG + ihdr(8, 8) + chunk(b"IDAT", zlib.compress(rgb_rows(8, 8, 3))) \
    + chunk(b"IEND", b"")
write("plain.png", plain)

# 16x16 RGBA, gAMA, a foreign tEXt and iTXt, IDAT split in three.
z = zlib.compress(rgb_rows(16, 16, 4))
n = len(z) // 3
multi = (SIG + ihdr(16, 16, 8, 6) + chunk(b"gAMA", struct.pack(">I", 45455))
         + chunk(b"tEXt", b"Software\x00laurel gen.py")
         + itxt(b"Comment", "not a badge")
         + chunk(b"IDAT", z[:n]) + chunk(b"IDAT", z[n:2 * n])
         + chunk(b"IDAT", z[2 * n:]) + chunk(b"IEND", b""))
write("multi.png", multi)

# 4x4 palette image.
pal = (SIG + ihdr(4, 4, 8, 3) + chunk(b"PLTE", bytes(range(12)))
       + chunk(b"IDAT", zlib.compress(b"".join(b"\x00" + bytes([0, 1, 2, 3])
                                                for _ in range(4))))
       + chunk(b"IEND", b""))
write("palette.png", pal)

body = [chunk(b"IDAT", zlib.compress(rgb_rows(8, 8, 3))), chunk(b"IEND", b"")]
# OB 3.0 style: iTXt just before IEND, after a tEXt.
write("baked-end.png", SIG + ihdr(8, 8) + chunk(b"tEXt", b"Title\x00badge")
      + body[0] + itxt(b"openbadgecredential", JSON) + body[1])
# Compressed iTXt (not what bakers should write, but readable).
write("baked-compressed.png", SIG + ihdr(8, 8)
      + itxt(b"openbadges", JSON, compressed=True) + body[0] + body[1])
# OB 1.x-era legacy tEXt with a hosted assertion URL (Latin-1 \xe9).
write("legacy-text.png", SIG + ihdr(8, 8) + body[0]
      + chunk(b"tEXt", b"openbadges\x00https://example.org/caf\xe9") + body[1])
# Two chunks with the keyword: invalid for extraction.
write("baked-twice.png", SIG + ihdr(8, 8) + itxt(b"openbadges", JSON)
      + body[0] + itxt(b"openbadges", '"other"') + body[1])
