#!/usr/bin/python3
"""Counts the tests that ran in one test.sh run: Surefire's XML reports and the logs of the Python stages.
Prints the plain closing line 'N passed, N failed' (', N skipped')."""
import glob
import re
import sys
import xml.etree.ElementTree as ET

root, logs = sys.argv[1], sys.argv[2:]
passed = failed = skipped = 0
for report in glob.glob(f"{root}/*/target/surefire-reports/TEST-*.xml"):
    suite = ET.parse(report).getroot()
    tests, bad = int(suite.get("tests")), int(suite.get("failures")) + int(suite.get("errors"))
    skip = int(suite.get("skipped", 0))
    passed += tests - bad - skip
    failed += bad
    skipped += skip
for log in logs:
    text = open(log, errors="replace").read()
    for ran in re.finditer(r"^Ran (\d+) tests? in .*?\n\n(OK|FAILED)(?: \((.*?)\))?$", text, re.M | re.S):
        n = int(ran.group(1))
        counts = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", ran.group(3) or ""))
        bad = counts.get("failures", 0) + counts.get("errors", 0)
        skip = counts.get("skipped", 0)
        passed += n - bad - skip
        failed += bad
        skipped += skip
    for nb in re.finditer(r"^(\d+) passed, (\d+) failed$", text, re.M):  # the notebook runner's own line
        passed += int(nb.group(1))
        failed += int(nb.group(2))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
