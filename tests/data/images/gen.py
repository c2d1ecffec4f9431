#!/usr/bin/env python3
"""Generates tests/data/images/{good,hostile} (run once; the files are committed)."""
import os, struct, zlib, sys

root = sys.argv[1]
good = os.path.join(root, "good"); hostile = os.path.join(root, "hostile")
os.makedirs(good, exist_ok=True); os.makedirs(hostile, exist_ok=True)

def w(d, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def chunk(t, data, crc=None):
    t = t.encode()
    c = zlib.crc32(t + data) & 0xffffffff if crc is None else crc
    return struct.pack(">I", len(data)) + t + data + struct.pack(">I", c)

SIG = b"\x89PNG\r\n\x1a\n"

def ihdr(wd, ht, depth, ctype, interlace=0):
    return chunk("IHDR", struct.pack(">IIBBBBB", wd, ht, depth, ctype, 0, 0, interlace))

def rows_raw(rows):
    return b"".join(b"\x00" + r for r in rows)

def png(wd, ht, depth, ctype, rows, extra_before=b"", extra_after=b"", interlace=0, plte=b""):
    raw = rows_raw(rows) if not interlace else rows
    return (SIG + ihdr(wd, ht, depth, ctype, interlace) + extra_before + plte +
            chunk("IDAT", zlib.compress(raw, 9)) + extra_after + chunk("IEND", b""))

def rgba_rows(wd, ht):
    out = []
    for y in range(ht):
        r = bytearray()
        for x in range(wd):
            dx, dy = x - wd / 2, y - ht / 2
            inside = dx * dx + dy * dy < (wd / 2.2) ** 2
            r += bytes([(x * 4) & 255, (y * 4) & 255, 128, 255 if inside else 0])
        out.append(bytes(r))
    return out

# --- good PNGs ---
w(good, "png-rgba.png", png(64, 64, 8, 6, rgba_rows(64, 64)))

rgb = [bytes(v for x in range(48) for v in ((x * 5) & 255, (y * 5) & 255, 200)) for y in range(48)]
itxt = b"openbadges\x00\x00\x00\x00\x00" + b'{"@context":"https://w3id.org/openbadges/v2","id":"https://elsewhere.example/assertions/1"}'
text = (chunk("tEXt", b"Comment\x00someone else's baked badge") +
        chunk("iTXt", itxt) +
        chunk("zTXt", b"Author\x00\x00" + zlib.compress(b"Somebody")) +
        chunk("tIME", struct.pack(">HBBBBB", 2024, 5, 1, 12, 0, 0)))
w(good, "png-text-chunks.png", png(48, 48, 8, 2, rgb, extra_before=text, extra_after=chunk("tEXt", b"Late\x00after IDAT")))

pal = b"".join(bytes((i * 16, 255 - i * 16, (i * 40) & 255)) for i in range(16))
trns = bytes([0] + [255] * 15)
prow = [bytes(((x // 2 + y // 2) % 16) for x in range(32)) for y in range(32)]
w(good, "png-palette.png", SIG + ihdr(32, 32, 8, 3) + chunk("PLTE", pal) + chunk("tRNS", trns) +
  chunk("IDAT", zlib.compress(rows_raw(prow), 9)) + chunk("IEND", b""))

r16 = [b"".join(struct.pack(">HHH", x * 1600, y * 1600, 40000) for x in range(40)) for y in range(40)]
w(good, "png-16bit.png", png(40, 40, 16, 2, r16, extra_before=chunk("gAMA", struct.pack(">I", 45455))))

# Adam7-interlaced RGBA
W, H = 33, 35
full = rgba_rows(W, H)
passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
raw = b""
for xs, ys, xst, yst in passes:
    cols = list(range(xs, W, xst)); rws = list(range(ys, H, yst))
    if not cols or not rws:
        continue
    for y in rws:
        raw += b"\x00" + b"".join(full[y][x * 4:x * 4 + 4] for x in cols)
w(good, "png-interlaced.png", png(W, H, 8, 6, raw, interlace=1))

ga = [bytes(v for x in range(24) for v in ((x * 10) & 255, (y * 10) & 255)) for y in range(24)]
w(good, "png-gray-alpha.png", png(24, 24, 8, 4, ga))
g1 = [bytes([0b10101010 if y % 2 else 0b01010101, 0xf0]) for y in range(16)]
w(good, "png-gray-1bit.png", png(16, 16, 1, 0, g1))

# --- good SVGs ---
w(good, "svg-gradients.svg", """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
  <defs>
    <linearGradient id="lg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#0065bd"/>
      <stop offset="100%" style="stop-color:rgb(0, 40, 80);stop-opacity:1"/>
    </linearGradient>
    <radialGradient id="rg" cx="50%" cy="50%" r="50%" gradientUnits="objectBoundingBox">
      <stop offset="0" stop-color="#fff" stop-opacity="0.8"/>
      <stop offset="1" stop-color="#fff" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="lg2" href="#lg" gradientTransform="rotate(45 0.5 0.5)"/>
  </defs>
  <circle cx="100" cy="100" r="96" fill="url(#lg)" stroke="url( '#lg2' )" stroke-width="4"/>
  <circle cx="100" cy="100" r="60" fill="url(#rg)"/>
</svg>
""")

w(good, "svg-use-local.svg", """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 120" width="120" height="120">
<defs>
<symbol id="star" viewBox="0 0 10 10"><polygon points="5,0 6,4 10,4 7,6 8,10 5,7 2,10 3,6 0,4 4,4" fill="gold"/></symbol>
<clipPath id="clip"><rect x="0" y="0" width="120" height="120" rx="20"/></clipPath>
</defs>
<g clip-path="url(#clip)">
<rect width="120" height="120" fill="#2c3e50"/>
<use xlink:href="#star" x="10" y="10" width="40" height="40"/>
<use href="#star" x="70" y="10" width="40" height="40"/>
<use xlink:href="#star" x="40" y="60" width="40" height="40" transform="rotate(10 60 80)"/>
</g>
</svg>
""")

w(good, "svg-text.svg", """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120">
<title>Moving &amp; handling &#8212; level&#xA0;2</title>
<desc><![CDATA[A badge for <safe> moving & handling.]]></desc>
<rect width="300" height="120" fill="#004b87"/>
<text x="150" y="55" font-family="Arial, 'Helvetica Neue', sans-serif" font-size="28" text-anchor="middle" fill="#ffffff" xml:space="preserve">Moving &amp; <tspan font-weight="bold">handling</tspan></text>
<text x="150" y="95" font-size="20" text-anchor="middle" fill="#fff" lang="cy">Symud a thrin &#x2013; &quot;Lefel 2&quot; &lt;&gt; &apos;ok&apos; caf\u00e9</text>
</svg>
""")

w(good, "svg-inkscape.svg", """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="64mm"
   height="64mm"
   viewBox="0 0 64 64"
   version="1.1"
   id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)"
   sodipodi:docname="badge.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     inkscape:document-units="mm" />
  <metadata id="metadata1">
    <rdf:RDF>
      <cc:Work rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:title>Badge</dc:title>
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <defs
     id="defs2" />
  <g
     inkscape:label="Layer 1"
     inkscape:groupmode="layer"
     id="layer1">
    <svg:circle
       style="fill:#e4007c;fill-opacity:1;stroke:#ffffff;stroke-width:2;stroke-opacity:1;marker:none;-inkscape-stroke:none"
       id="path111"
       cx="32"
       cy="32"
       r="30" />
    <text
       xml:space="preserve"
       style="font-size:14px;line-height:1.25;font-family:sans-serif;-inkscape-font-specification:'sans-serif, Bold';font-weight:bold;fill:#ffffff"
       x="32"
       y="37"
       id="text1"><tspan
         sodipodi:role="line"
         id="tspan1"
         x="32"
         y="37"
         style="text-anchor:middle">OK</tspan></text>
  </g>
</svg>
""")

w(good, "svg-viewbox-only.svg", """<svg xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 532.5 300">
<path d="M0,0 L512,0 L512,280 Z" fill="#009639" fill-rule="evenodd" stroke="#000" stroke-dasharray="4 2" transform="translate(0.5, 0.5) scale(1)"/>
<polyline points="0,0 10,10 20,0" fill="none" stroke="rgba(0,0,0,0.5)"/>
<ellipse cx="256" cy="140" rx="100" ry="50" fill="hsl(120, 50%, 50%)" opacity=".5"/>
<line x1="0" y1="0" x2="512" y2="280" stroke="currentColor" color="#333"/>
</svg>
""")

w(good, "svg-bom-comments.svg", "\ufeff" + """<?xml version='1.0'?>
<!-- a comment before the root -->
<!-- and another -->
<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in" viewBox="0 0 192 96" data-name="Layer 1">
<!-- inside -->
<rect x="1" y="1" width="190" height="94" rx="8" fill="#fdd" stroke="#a00" data-foo="bar"/>
<g><g><g><path d="M10 10h20v20h-20z"/></g></g></g>
</svg>
<!-- trailing comment -->
""")

# --- hostile ---
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">'
def svg(body):
    return SVG_OPEN + "\n" + body + "\n</svg>\n"

w(hostile, "svg-script.svg", svg('<rect width="100" height="100"/>\n<script>alert(document.cookie)</script>'))
w(hostile, "svg-script-prefixed.svg", '<s:svg xmlns:s="http://www.w3.org/2000/svg" width="10" height="10"><s:script>alert(1)</s:script></s:svg>\n')
w(hostile, "svg-onload.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)"><rect width="10" height="10"/></svg>\n')
w(hostile, "svg-onclick-mixed-case.svg", svg('<rect width="10" height="10" onClick="alert(1)"/>'))
w(hostile, "svg-foreignobject.svg", svg('<foreignObject width="100" height="100"><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"></iframe></div></foreignObject>'))
w(hostile, "svg-xhtml-iframe.svg", svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>'))
w(hostile, "svg-external-href.svg", svg('<use xlink:href="https://evil.example/sprite.svg#icon" x="0" y="0"/>'))
w(hostile, "svg-javascript-href.svg", svg('<linearGradient id="g" xlink:href=" java&#x09;script:alert(1)"/>\n<rect width="10" height="10" fill="url(#g)"/>'))
w(hostile, "svg-link.svg", svg('<a href="https://evil.example/"><rect width="100" height="100"/></a>'))
w(hostile, "svg-entity-bomb.svg", """<?xml version="1.0"?>
<!DOCTYPE svg [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&lol9;</text></svg>
""")
w(hostile, "svg-doctype.svg", """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>
""")
w(hostile, "svg-unknown-entity.svg", svg('<text x="0" y="10">A&nbsp;B</text>'))
w(hostile, "svg-style-url.svg", svg('<rect width="100" height="100" style="fill: url(https://evil.example/track.svg#p)"/>'))
w(hostile, "svg-fill-data-url.svg", svg('<rect width="100" height="100" fill="URL(\'data:image/svg+xml;base64,PHN2Zy8+\')"/>'))
w(hostile, "svg-css-escape.svg", svg('<rect width="100" height="100" fill="u\\72l(https://evil.example/x)"/>'))
w(hostile, "svg-css-image-set.svg", svg('<rect width="100" height="100" style="fill:image-set(\'https://evil.example/a.png\' 1x)"/>'))
w(hostile, "svg-css-import.svg", svg('<style>@import url("https://evil.example/x.css");</style>\n<rect width="10" height="10" class="a"/>'))
w(hostile, "svg-xml-stylesheet.svg", '<?xml version="1.0"?>\n<?xml-stylesheet type="text/css" href="https://evil.example/x.css"?>\n' + svg('<rect width="10" height="10"/>'))
w(hostile, "svg-deep-nesting.svg", svg("<g>" * 40 + '<rect width="1" height="1"/>' + "</g>" * 40))
w(hostile, "svg-too-many-elements.svg", svg("<g/>" * 5001))
w(hostile, "svg-data-uri-image.svg", svg('<image width="10" height="10" xlink:href="data:image/png;base64,iVBORw0KGgo="/>'))
w(hostile, "svg-unclosed.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g><rect width="10" height="10"/>\n')
w(hostile, "svg-mismatched-tags.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></rect></svg>\n')
w(hostile, "svg-animate.svg", svg('<rect width="10" height="10"><animate attributeName="fill" values="red;blue" dur="1s" repeatCount="indefinite"/></rect>'))
w(hostile, "svg-set-onclick.svg", svg('<rect width="10" height="10"><set attributeName="onclick" to="alert(1)"/></rect>'))
w(hostile, "svg-use-bomb.svg", svg('<defs>\n<rect id="a0" width="1" height="1"/>\n' + "".join(
    '<g id="a%d">' % i + ''.join('<use href="#a%d"/>' % (i - 1) for _ in range(10)) + '</g>\n' for i in range(1, 8)) + '</defs>\n<use href="#a7"/>'))
w(hostile, "svg-reference-loop.svg", svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'))
w(hostile, "svg-duplicate-id.svg", svg('<rect id="x" width="1" height="1"/><rect id="x" width="2" height="2"/>'))
w(hostile, "svg-xml-base.svg", svg('<g xml:base="https://evil.example/"><use href="#a"/></g>'))
w(hostile, "svg-cdata-outside-text.svg", svg('<g><![CDATA[<script>alert(1)</script>]]></g>'))
w(hostile, "svg-text-outside-text-element.svg", svg('<g>Some loose text</g>'))
w(hostile, "svg-no-namespace.svg", '<svg width="10" height="10"><rect width="10" height="10"/></svg>\n')
w(hostile, "svg-no-size.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>\n')
w(hostile, "svg-filter.svg", svg('<filter id="f"><feGaussianBlur stdDeviation="2"/></filter><rect width="10" height="10" filter="url(#f)"/>'))
w(hostile, "svg-utf16.svg", ('<?xml version="1.0" encoding="UTF-16"?>\n' + svg('<rect width="10" height="10"/>')).encode("utf-16"))
w(hostile, "svg-latin1.svg", ('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + svg('<text>caf\u00e9</text>')).encode("latin-1"))
w(hostile, "svg-invalid-utf8.svg", svg('<text>caf').encode() + b"\xc3\x28" + b"</text></svg>")
w(hostile, "svg-control-char.svg", svg('<text>a\x01b</text>'))
w(hostile, "html-as-svg.svg", '<html><head><script>alert(1)</script></head><body><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/></body></html>\n')
w(hostile, "text.txt", "This is just a text file, not an image.\n")
w(hostile, "empty", b"")
w(hostile, "not-an-image.gif", b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x10\x00\x10\x00\x00\x02\x0e\x84\x8f\xa9\xcb\xed\x0f\xa3\x9c\xb4\xda\x8b\xb3\x3e\x05\x00;")
w(hostile, "not-an-image.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9")

base = open(os.path.join(good, "png-rgba.png"), "rb").read()
w(hostile, "png-truncated.png", base[:len(base) // 2])
idat = base.index(b"IDAT")
idat_len = struct.unpack(">I", base[idat - 4:idat])[0]
bad = bytearray(base); bad[idat + 4 + idat_len] ^= 0x55  # the stored CRC
w(hostile, "png-bad-crc.png", bytes(bad))
bad = bytearray(base); bad[idat + 10] ^= 0x55  # the compressed data
w(hostile, "png-corrupt-idat.png", bytes(bad))
w(hostile, "png-missing-iend.png", base[:base.index(b"IEND") - 4])
huge = SIG + ihdr(100000, 100000, 8, 6) + chunk("IDAT", zlib.compress(b"\x00" * 1000)) + chunk("IEND", b"")
w(hostile, "png-huge-dimensions.png", huge)
w(hostile, "png-too-small.png", png(8, 8, 8, 6, rgba_rows(8, 8)))
w(hostile, "png-zero-width.png", SIG + ihdr(0, 32, 8, 2) + chunk("IDAT", zlib.compress(b"\x00" * 32)) + chunk("IEND", b""))
w(hostile, "png-bad-ihdr.png", SIG + ihdr(32, 32, 3, 2) + chunk("IDAT", zlib.compress(b"\x00" * 32)) + chunk("IEND", b""))
w(hostile, "png-palette-without-plte.png", SIG + ihdr(32, 32, 8, 3) + chunk("IDAT", zlib.compress(rows_raw(prow))) + chunk("IEND", b""))
w(hostile, "png-bad-zlib.png", SIG + ihdr(32, 32, 8, 2) + chunk("IDAT", b"\x78\x9c" + b"\xff" * 200) + chunk("IEND", b""))
w(hostile, "png-short-idat.png", png(64, 64, 8, 6, rgba_rows(64, 32)))
tb = SIG + ihdr(64, 64, 8, 6) + chunk("tEXt", b"Comment\x00hello", crc=0x12345678) + chunk("IDAT", zlib.compress(rows_raw(rgba_rows(64, 64)))) + chunk("IEND", b"")
w(hostile, "png-text-bad-crc.png", tb)
w(hostile, "png-signature-only.png", SIG)
