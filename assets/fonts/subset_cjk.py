#!/usr/bin/python3
"""Rebuilds the two CJK subsets bundled with whosaid (run in this folder; needs python3-fonttools):
- DroidSansFallback-CJK-subset.ttf: the Han characters of GB 2312 and JIS X 0208, kana, CJK punctuation
  and full-width forms, cut from DroidSansFallbackFull.ttf (Debian fonts-droid-fallback);
- WhosaidHangul-Regular.ttf: the 2,350 Hangul syllables of KS X 1001 and the compatibility jamo, cut from
  NanumGothic.ttf (Debian fonts-nanum) and renamed, as the OFL asks of a modified font."""
import subprocess, sys, tempfile

DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"


def encodes(cp, enc):
    try:
        # Two bytes: a character of the national standard itself, not a composed extension.
        return len(chr(cp).encode(enc)) == 2
    except UnicodeEncodeError:
        return False


def subset(src, codepoints, out):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join("U+%04X" % c for c in sorted(codepoints)))
    subprocess.run([sys.executable, "-m", "fontTools.subset", src, "--unicodes-file=" + f.name,
                    "--output-file=" + out, "--layout-features=*", "--no-hinting"], check=True)


han = {cp for cp in range(0x4E00, 0xA000) if encodes(cp, "gb2312") or encodes(cp, "shift_jis")}
for lo, hi in [(0x3000, 0x303F), (0x3040, 0x30FF), (0xFF00, 0xFFEF)]:
    han.update(range(lo, hi + 1))
subset(DROID, han, "DroidSansFallback-CJK-subset.ttf")

hangul = {cp for cp in range(0xAC00, 0xD7A4) if encodes(cp, "euc_kr")} | set(range(0x3130, 0x3190))
subset(NANUM, hangul, "WhosaidHangul-Regular.ttf")
from fontTools.ttLib import TTFont  # noqa: E402

font = TTFont("WhosaidHangul-Regular.ttf")
names = {1: "Whosaid Hangul", 3: "Whosaid Hangul Regular subset", 4: "Whosaid Hangul Regular",
         6: "WhosaidHangul-Regular", 16: "Whosaid Hangul", 21: "Whosaid Hangul"}
for record in font["name"].names:
    if record.nameID in names:
        record.string = names[record.nameID]
font.save("WhosaidHangul-Regular.ttf")
