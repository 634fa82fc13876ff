#!/usr/bin/python3
"""Writes a scenario that walks every bundled guide by touch: home, its topic, its card (turning
list pages as needed), the intro, every step, the survey (first guide only), the finish screen, home. Used by walk_all_guides.sh
and the benchmark. usage: walk_all_guides.py CONTENT_ROOT > scenario.json"""
import json
import pathlib
import sys
import tomllib

root = pathlib.Path(sys.argv[1])
steps = [{"expect": {"screen": "home"}}]
guides = sorted((root / "content" / "guides").glob("*.toml"))
for path in guides:
    guide = tomllib.loads(path.read_text(encoding="utf-8"))
    steps += [
        {"tap": f"home.tile.{guide['topic']}"},
        {"tap": f"guide.{guide['id']}", "via": "list.next_page"},
        {"expect": {"screen": "guide_intro", "guide": guide["id"]}},
        {"tap": "intro.start"},
    ]
    for number in range(1, len(guide["steps"]) + 1):
        steps.append({"expect": {"screen": "guide_step", "step": str(number)}})
        steps.append({"tap": "step.next"})
    if path == guides[0]:  # the two survey questions come once per resident session
        steps += [{"expect": {"screen": "survey"}}, {"tap": "survey.skip"}, {"tap": "survey.skip"}]
    steps += [{"expect": {"screen": "guide_finish"}}, {"tap": "finish.home"}, {"expect": {"screen": "home"}}]
print(json.dumps({"about": f"walk all {len(guides)} bundled guides", "steps": steps}, ensure_ascii=False, indent=0))
