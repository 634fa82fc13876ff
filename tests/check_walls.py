#!/usr/bin/python3
"""The walls between folders, read from every #include line: the domain (kiosk/ but main.cpp),
the content library and the commune hub never include SDL, Dear ImGui, curl, ui/ or platform/;
the hub and kiosk/common include only their own headers and kiosk/common's; content only its own.
usage: check_walls.py SOURCE_ROOT"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
FORBIDDEN = re.compile(r"^(SDL|SDL2/|imgui|backends/|curl/|ui/|platform/)")


def sources(folder, skip=()):
    for path in sorted((root / folder).rglob("*")):
        if path.suffix in (".cpp", ".hpp", ".h") and path.relative_to(root).as_posix() not in skip:
            yield path


def own_headers(*folders):
    """Quoted names that resolve inside these include roots."""
    return lambda name, here: any((root / f / name).is_file() for f in folders) or (here.parent / name).is_file()


# (folder, files to skip, which quoted includes are allowed)
walls = [
    ("kiosk", ("kiosk/main.cpp",), own_headers("kiosk", "kiosk/common/include", "content/include")),
    ("kiosk/common", (), own_headers("kiosk/common/include")),
    ("content", (), own_headers("content/include", "content/src")),
    ("commune", (), own_headers("commune", "kiosk/common/include")),
]

problems = []
for folder, skip, allowed in walls:
    for path in sources(folder, skip):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            bracket, name = match.groups()
            where = f"{path.relative_to(root)}:{number}"
            if FORBIDDEN.match(name):
                problems.append(f"{where}: {folder}/ must not include {name} (SDL, ImGui, curl, ui/ and platform/ stay out)")
            elif bracket == '"' and not allowed(name, path):
                problems.append(f"{where}: {folder}/ may not include \"{name}\" (not one of the headers it may see)")
for problem in problems:
    print(problem)
print(f"{len(problems)} include(s) through a wall" if problems else "walls hold")
sys.exit(1 if problems else 0)
