#!/usr/bin/python3
"""Prints what the narration of one guide should say, for make-narration.sh.

Usage: narration_texts.py GUIDE.toml

Output (UTF-8, tab-separated, one record a line):
    id<TAB><guide id>
    steps<TAB><number of steps>
    <NN><TAB><text to speak>          one line per step that gets generated narration
Steps that name their own `narration` file (a human recording) get no line: the script leaves their
audio alone. The spoken text is "title. text", then "Mẹo: tip" and "Lưu ý: warning" when the step has
them, in the order the step screen shows them: a resident who only listens also hears the cautions
(most of them, such as "the screen may differ" or what to do when a label is missing, are tips).
A few words espeak-ng reads badly (OTP, VNeID, QR, …) are spelled the way people say them; this
changes only the audio, never the text on screen.

Needs Python 3.11+ (tomllib): use Debian's /usr/bin/python3.
"""
import re
import sys
import tomllib
import unicodedata

# Written form -> how it is said. Whole words only, case-sensitive.
SAY = {
    "OTP": "Ô Tê Pê",
    "VNeID": "Vê En I Ai Đi",
    "iHanoi": "ai Hà Nội",
    "QR": "Kiu A",
    "Zalo": "Da lô",
    "CCCD": "căn cước công dân",
    "SĐT": "số điện thoại",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "LLTP": "lý lịch tư pháp",
    "GPLX": "giấy phép lái xe",
    "NFC": "En Ép Xê",
    "SMS": "Ét Em Ét",
    "PIN": "pin",
    "UBND": "Ủy ban nhân dân",
    "APK": "A Pê Ca",
}
# Parts of web addresses: "dichvucong.gov.vn" is said "dịch vụ công chấm gờ o vê chấm vê en".
DOMAIN_PARTS = {
    "dichvucong": "dịch vụ công",
    "vneid": "Vê En I Ai Đi",
    "hanoi": "Hà Nội",
    "ihanoi": "ai Hà Nội",
    "gov": "gờ o vê",
    "vn": "vê en",
    "www": "vê kép vê kép vê kép",
}
_DOMAIN_RE = re.compile(r"\b(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|site|top|vip|xyz)\b(?:/(?:[\w/.-]*[\w/])?)?")
_SAY_RE = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in SAY) + r")(?![\w])")
_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# phone or account numbers: 8+ digits, maybe grouped with dots or spaces -> said digit by digit
_DIGITS_RE = re.compile(r"\b\d(?:[. ]?\d){7,}\b")


_AMOUNT_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _digit_by_digit(m: re.Match) -> str:
    if _AMOUNT_RE.fullmatch(m[0]):  # 10.000.000 is an amount of money, said as a number
        return m[0]
    return " ".join(c for c in m[0] if c.isdigit())


def _domain(m: re.Match) -> str:
    address = re.sub(r"^https?://", "", m[0]).split("/")[0]
    return " chấm ".join(DOMAIN_PARTS.get(part, part) for part in address.split("."))


def spoken(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = _DATE_RE.sub(lambda m: f"ngày {int(m[1])} tháng {int(m[2])} năm {m[3]}", s)
    s = _DIGITS_RE.sub(_digit_by_digit, s)
    s = _DOMAIN_RE.sub(_domain, s)
    s = _SAY_RE.sub(lambda m: SAY[m[1]], s)
    s = re.sub(r"\s*→\s*", ", ", s)
    return " ".join(s.split())  # no tabs or newlines in the output


def sentence(s: str) -> str:
    s = s.strip()
    return s if s.endswith((".", "!", "?", "…", ":")) else s + "."


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], "rb") as f:
            guide = tomllib.load(f)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
        return 1
    steps = guide.get("steps", [])
    if (not isinstance(guide.get("id"), str) or not isinstance(steps, list)
            or not all(isinstance(step, dict) for step in steps)):
        print(f"{sys.argv[1]}: no id or no steps", file=sys.stderr)
        return 1
    out = [f"id\t{guide['id']}", f"steps\t{len(steps)}"]
    for n, step in enumerate(steps, 1):
        if step.get("narration"):
            continue
        said = sentence(str(step.get("title", ""))) + " " + sentence(str(step.get("text", "")))
        if step.get("tip"):
            said += " Mẹo: " + sentence(str(step["tip"]))
        if step.get("warning"):
            said += " Lưu ý: " + sentence(str(step["warning"]))
        out.append(f"{n:02d}\t{spoken(said)}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
