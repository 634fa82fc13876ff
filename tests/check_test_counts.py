#!/usr/bin/python3
"""Every doctest case is one CTest entry, and every entry is one case: compares the names each
unit test program lists with the entries CTest would run for it. Catches names that
doctest_discover_tests splits (a ';' inside) or entries left over from renamed cases.
usage: check_test_counts.py BUILD_DIR"""
import json
import subprocess
import sys

build = sys.argv[1]
listing = json.loads(subprocess.run(["ctest", "-N", "--show-only=json-v1"], cwd=build, check=True,
                                    capture_output=True, text=True).stdout)
entries = {}  # program -> CTest names
prefixes = {}
for test in listing["tests"]:
    command = test.get("command") or []
    if len(command) > 1 and any(arg.startswith("--test-case=") for arg in command):
        entries.setdefault(command[0], []).append(test["name"])
        case = next(arg for arg in command if arg.startswith("--test-case="))[len("--test-case="):]
        prefixes[command[0]] = test["name"][: len(test["name"]) - len(case.replace("\\,", ","))]

failures = 0
if not entries:
    print("no doctest entries found in CTest")
    failures += 1
for program, names in sorted(entries.items()):
    out = subprocess.run([program, "--list-test-cases", "--no-version"], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    cases = [line for line in out if line and not line.startswith(("[doctest]", "====="))]
    expected = sorted(prefixes[program] + case for case in cases)
    if sorted(names) != expected:
        failures += 1
        print(f"{program}: {len(cases)} test cases but {len(names)} CTest entries")
        for name in sorted(set(names) - set(expected)):
            print(f"  CTest entry that is no test case: {name!r}")
        for name in sorted(set(expected) - set(names)):
            print(f"  test case with no CTest entry: {name!r}")
    else:
        print(f"{program}: {len(cases)} test cases, {len(names)} CTest entries")
sys.exit(1 if failures else 0)
