#!/usr/bin/python3
"""Measures text size in kiosk screenshots: the cap height of body text, in pixels.

Noto Sans's digits are as tall as its capitals (0.714 em), so the year in a step screen's caption
"Bài soạn tháng MM/YYYY" (body text) is a cap-height ruler: four dark glyphs side by side on one
baseline, of one height. The script finds every such run of four digit-shaped glyphs and prints its
height, so README's figures are measured from what the screen shows, not computed.

usage: cap_height.py SCREENSHOT.png... [--min PX]   (exit 1 when a screenshot has no run, or one is
below --min)
"""
import sys
from collections import deque

from PIL import Image


def components(path):
    """Bounding boxes (x0, y0, x1, y1) of the dark (text-coloured) connected shapes."""
    image = Image.open(path).convert("L")
    w, h = image.size
    pixels = image.load()
    dark = bytearray(w * h)
    for y in range(h):
        for x in range(w):
            if pixels[x, y] < 110:
                dark[y * w + x] = 1
    boxes = []
    for start in range(w * h):
        if not dark[start]:
            continue
        dark[start] = 0
        queue = deque([start])
        x0 = x1 = start % w
        y0 = y1 = start // w
        while queue:
            i = queue.popleft()
            x, y = i % w, i // w
            x0, x1, y0, y1 = min(x0, x), max(x1, x), min(y0, y), max(y1, y)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nx, ny = x + dx, y + dy
                    if 0 <= nx < w and 0 <= ny < h and dark[ny * w + nx]:
                        dark[ny * w + nx] = 0
                        queue.append(ny * w + nx)
        boxes.append((x0, y0, x1 + 1, y1 + 1))
    return boxes


def digit_runs(boxes):
    """Runs of four glyphs of digit shape on one baseline, one height, close together."""
    shaped = [b for b in boxes if (b[3] - b[1]) >= 8 and 0.35 <= (b[2] - b[0]) / (b[3] - b[1]) <= 0.8]
    shaped.sort(key=lambda b: (b[0], b[1]))
    runs, used = [], set()
    for first in shaped:
        if first in used:
            continue
        run = [first]
        height = first[3] - first[1]
        while len(run) < 4:
            last = run[-1]
            nxt = [b for b in shaped
                   if 0 <= b[0] - last[2] <= height * 0.4 and abs(b[3] - last[3]) <= 1
                   and abs((b[3] - b[1]) - height) <= 1]
            if not nxt:
                break
            run.append(min(nxt, key=lambda b: b[0]))
        if len(run) == 4:
            runs.append(run)
            used.update(run)
    return runs


def main():
    args = sys.argv[1:]
    minimum = None
    if "--min" in args:
        at = args.index("--min")
        minimum = float(args[at + 1])
        del args[at:at + 2]
    status = 0
    for path in args:
        runs = digit_runs(components(path))
        if not runs:
            print(f"{path}: no run of four digits found")
            status = 1
            continue
        for run in runs:
            # The flat-topped digits (2, 7, 1, 4) give the cap height; round ones overshoot by a pixel.
            heights = sorted(b[3] - b[1] for b in run)
            cap = heights[0]
            x, y = run[0][0], run[0][1]
            print(f"{path}: cap height {cap} px (digits {heights}) at x={x} y={y}")
            if minimum is not None and cap < minimum:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
