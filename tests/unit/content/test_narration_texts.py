#!/usr/bin/python3
"""What content/tools/narration_texts.py makes the narration say: the step's title and text, then its
tip ("Mẹo: …") and warning ("Lưu ý: …"), so a resident who only listens hears the cautions too.
usage: test_narration_texts.py SOURCE_ROOT"""
import pathlib
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(sys.argv.pop(1) if len(sys.argv) > 1 else ".").resolve()
TOOL = ROOT / "content" / "tools" / "narration_texts.py"

GUIDE = """\
id = "vneid-thu"
[[steps]]
title = "Chạm Đăng nhập"
text = "Bác chạm nút Đăng nhập."
tip = "Máy của Bác có thể khác"
warning = "Không đọc mã OTP cho ai."

[[steps]]
title = "Không có lời nhắc"
text = "Chỉ có chữ."

[[steps]]
title = "Bản ghi của người thật"
text = "Bước này có tệp riêng."
tip = "Không đọc lại."
narration = "vneid-thu/rieng.ogg"
"""


def said(toml: str) -> dict[str, str]:
    with tempfile.NamedTemporaryFile("w", suffix=".toml", encoding="utf-8", delete=False) as f:
        f.write(toml)
    out = subprocess.run(["/usr/bin/python3", str(TOOL), f.name], check=True, capture_output=True,
                         text=True).stdout
    pathlib.Path(f.name).unlink()
    return dict(line.split("\t", 1) for line in out.splitlines())


class NarrationTexts(unittest.TestCase):
    def test_tip_is_spoken_between_text_and_warning(self):
        lines = said(GUIDE)
        self.assertEqual(lines["01"], "Chạm Đăng nhập. Bác chạm nút Đăng nhập. Mẹo: Máy của Bác có thể khác. "
                                      "Lưu ý: Không đọc mã Ô Tê Pê cho ai.")

    def test_a_step_without_tip_or_warning_says_title_and_text(self):
        self.assertEqual(said(GUIDE)["02"], "Không có lời nhắc. Chỉ có chữ.")

    def test_a_recorded_step_gets_no_generated_text(self):
        lines = said(GUIDE)
        self.assertNotIn("03", lines)
        self.assertEqual(lines["steps"], "3")


if __name__ == "__main__":
    unittest.main(verbosity=2)
