#!/usr/bin/env bash
# Build resources/fonts/NotoSansSC-Subset-{Regular,Bold}.otf from Debian's fonts-noto-cjk package.
#
# A fresh machine has no CJK font, and the full Noto Sans CJK collection is ~18 MB per weight,
# so the console ships the Simplified Chinese face cut down to what its UI can show: ASCII, Latin-1,
# general and CJK punctuation, fullwidth forms, Roman numerals (Ⅰ-Ⅻ for response levels), arrows,
# circled numbers, geometric shapes, and everything in GB 2312 (all 6,763 hanzi, which contain the
# 3,500 common characters), plus a few place-name characters outside GB 2312 (蕰藻浜 …).
# The 'locl' feature is dropped: in the SC face it only pulls in the Japanese, Korean and
# Traditional regional glyph forms, which the zh_CN/en UI never asks for, and it halves the file.
#
# Needs: apt-get, dpkg, and fontTools in the venv (`.venv/bin/pip install fonttools`).
# Usage: tools/make_font.sh [folder holding NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=resources/fonts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"  # apt-get download runs as _apt and must be able to write here

src=${1:-}
if [ -z "$src" ]; then
  (cd "$work" && apt-get download fonts-noto-cjk >/dev/null)
  dpkg -x "$work"/fonts-noto-cjk_*.deb "$work/x"
  dpkg-deb -f "$work"/fonts-noto-cjk_*.deb Version
  src="$work/x/usr/share/fonts/opentype/noto"
fi

# The collection's face order differs between releases, so pick the SC face by its family name.
face=$("$PY" - "$src/NotoSansCJK-Regular.ttc" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1]).fonts):
    if f["name"].getDebugName(1) == "Noto Sans CJK SC":
        print(i)
        break
else:
    sys.exit("no 'Noto Sans CJK SC' face in " + sys.argv[1])
EOF
)

"$PY" - "$work/unicodes.txt" <<'EOF'
import sys
cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
ranges = [
    (0x2000, 0x206F),  # general punctuation: — “ ” … ‰
    (0x2100, 0x214F),  # letterlike: ℃ №
    (0x2160, 0x217F),  # Roman numerals Ⅰ-Ⅻ, ⅰ-ⅻ
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # circled numbers ①-⑳
    (0x25A0, 0x25FF),  # geometric shapes ■□▲△●○◆◇
    (0x2600, 0x2606),  # ★☆
    (0x3000, 0x303F),  # CJK punctuation 、。「」【】
    (0x3200, 0x32FF),  # enclosed CJK ㈠
    (0xFF00, 0xFFEF),  # fullwidth forms
]
for lo, hi in ranges:
    cps.update(range(lo, hi + 1))
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
# Place names and given names in common use that GB 2312 (1980) lacks.
cps.update(ord(c) for c in "蕰喆堃犇赟珺玥祎昇淏琇镕啰")
with open(sys.argv[1], "w") as fh:
    fh.write(",".join(f"U+{c:04X}" for c in sorted(cps)))
EOF

mkdir -p "$OUT"
for weight in Regular Bold; do
  "$PY" -m fontTools.subset "$src/NotoSansCJK-$weight.ttc" \
    --font-number="$face" \
    --unicodes-file="$work/unicodes.txt" \
    --layout-features-=locl \
    --name-IDs='*' --name-languages='*' \
    --notdef-outline \
    --output-file="$OUT/NotoSansSC-Subset-$weight.otf"
  ls -l "$OUT/NotoSansSC-Subset-$weight.otf"
done
