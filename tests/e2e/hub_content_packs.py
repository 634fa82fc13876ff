#!/usr/bin/python3
"""Content packs on a real commune-hub over loopback: keygen, pack, publish (older and tampered refused),
the newest version on /api/v1/content/latest and on the upload answer, and the pack served with Range
(a download cut anywhere resumes to the same bytes).
usage: hub_content_packs.py COMMUNE_HUB SOURCE_ROOT"""
import hashlib
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hub_common import Hub, check, local_day, make_upload  # noqa: E402

binary, source_root = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="hub-packs-e2e-")
hub = Hub(binary)
try:
    def content(*args):
        import subprocess
        return subprocess.run([binary, "content", *args], capture_output=True, text=True, timeout=120)

    keys = os.path.join(work, "keys")
    made = content("keygen", "--out", keys)
    check(made.returncode == 0, f"keygen: {made.stderr}")
    check(oct(os.stat(os.path.join(keys, "pack.key")).st_mode & 0o777) == "0o600", "pack.key is 0600")
    public_key = open(os.path.join(keys, "pack.pub")).read().strip()
    check(f'pack_public_key = "{public_key}"' in made.stdout, "keygen prints the kiosk.toml line")
    again = content("keygen", "--out", keys)
    check(again.returncode == 1 and "not replaced" in again.stderr, "a second keygen never overwrites the key")

    # The small end-to-end content root (one guide, its pictures).
    root = os.path.join(source_root, "tests", "e2e", "content")
    pack7 = os.path.join(work, "pack-7.tar")
    made = content("pack", root, "--key", os.path.join(keys, "pack.key"), "--out", pack7, "--version", "7")
    check(made.returncode == 0 and "version 7" in made.stdout, f"pack: {made.stdout} {made.stderr}")

    no_key = content("pack", root, "--key", os.path.join(work, "none.key"), "--out", pack7)
    check(no_key.returncode == 1 and "cannot be read" in no_key.stderr, "pack without a readable key fails")

    published = hub.cli("content", "publish", pack7, "--public-key", os.path.join(keys, "pack.pub"))
    check(published.returncode == 0 and "published version 7" in published.stdout,
          f"publish: {published.stdout} {published.stderr}")
    older = os.path.join(work, "pack-6.tar")
    content("pack", root, "--key", os.path.join(keys, "pack.key"), "--out", older, "--version", "6")
    refused = hub.cli("content", "publish", older)
    check(refused.returncode == 1 and "version 6 is not newer than the published 7" in refused.stderr,
          f"an older pack is refused: {refused.stderr}")

    other = os.path.join(work, "other")
    content("keygen", "--out", other)
    foreign = os.path.join(work, "pack-8-foreign.tar")
    content("pack", root, "--key", os.path.join(other, "pack.key"), "--out", foreign, "--version", "8")
    refused = hub.cli("content", "publish", foreign, "--public-key", os.path.join(keys, "pack.pub"))
    check(refused.returncode == 1 and "signature does not match" in refused.stderr,
          f"a pack signed with another key is refused: {refused.stderr}")

    hub.start()
    token = hub.add_kiosk("thon-1", "Thôn 1")
    auth = {"Authorization": "Bearer " + token}
    status, _, body = hub.request("GET", "/api/v1/content/latest")
    check(status == 401, "latest needs a kiosk token")
    status, _, body = hub.request("GET", "/api/v1/content/latest", headers=auth)
    latest = json.loads(body)
    whole = open(pack7, "rb").read()
    check(status == 200 and latest["version"] == 7 and latest["size"] == len(whole)
          and latest["sha256"] == hashlib.sha256(whole).hexdigest()
          and latest["path"] == "/api/v1/content/packs/7.tar", f"latest: {latest}")

    status, answer = hub.upload(token, make_upload("thon-1", local_day()))
    check(status == 200 and answer.get("content_version") == 7, f"the upload answer names the newest pack: {answer}")

    status, headers, body = hub.request("GET", "/api/v1/content/packs/7.tar", headers=auth)
    check(status == 200 and body == whole and headers.get("Accept-Ranges") == "bytes", "the whole pack")
    for start in (0, 1, 511, 512, len(whole) // 2, len(whole) - 1):
        status, headers, part = hub.request("GET", "/api/v1/content/packs/7.tar",
                                            headers={**auth, "Range": f"bytes={start}-"})
        check(status == 206 and part == whole[start:]
              and headers.get("Content-Range") == f"bytes {start}-{len(whole) - 1}/{len(whole)}",
              f"resumed from byte {start}: the rest, byte for byte")
    status, _, _ = hub.request("GET", "/api/v1/content/packs/6.tar", headers=auth)
    check(status == 404, "a version never published is not found")
    status, _, _ = hub.request("GET", "/api/v1/content/packs/7.tar")
    check(status == 401, "the pack needs a kiosk token")

    # Published while serving: the next question sees it.
    pack9 = os.path.join(work, "pack-9.tar")
    content("pack", root, "--key", os.path.join(keys, "pack.key"), "--out", pack9, "--version", "9")
    published = hub.cli("content", "publish", pack9)
    status, _, body = hub.request("GET", "/api/v1/content/latest", headers=auth)
    check(status == 200 and json.loads(body)["version"] == 9, "a pack published while serving is offered next")
finally:
    hub.cleanup()
    shutil.rmtree(work, ignore_errors=True)
print("hub content packs: all checks passed")
