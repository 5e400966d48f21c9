#!/usr/bin/python3
"""Counts the tests that ran in one test.sh run: Surefire's XML reports and the logs of the Python stages.
Prints what failed (unittest's FAIL:/ERROR: lines, the notebook runner's FAIL lines), then the plain closing line
'N passed, N failed' (', N skipped'): CI shows the end of the output, so the names of the failures come last."""
import glob
import re
import sys
import xml.etree.ElementTree as ET

root, logs = sys.argv[1], sys.argv[2:]
passed = failed = skipped = 0
failures = []
for report in glob.glob(f"{root}/*/target/surefire-reports/TEST-*.xml"):
    suite = ET.parse(report).getroot()
    tests, bad = int(suite.get("tests")), int(suite.get("failures")) + int(suite.get("errors"))
    skip = int(suite.get("skipped", 0))
    passed += tests - bad - skip
    failed += bad
    skipped += skip
    for case in suite.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failures.append(f"JUnit FAIL: {case.get('classname')}.{case.get('name')}")
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
    for block in re.finditer(r"^={70}\n((?:FAIL|ERROR): .*)\n-{70}\n(.*?)(?=^={70}$|^-{70}$)", text, re.M | re.S):
        last = [line for line in block.group(2).splitlines() if line.strip()][-1:]  # the assertion's message
        failures.append(block.group(1) + (" -- " + last[0].strip() if last else ""))
    failures += [line for line in re.findall(r"^\S+\.ipynb .*$", text, re.M) if " FAIL " in line]
    for nb in re.finditer(r"^(\d+) passed, (\d+) failed$", text, re.M):  # the notebook runner's own line
        passed += int(nb.group(1))
        failed += int(nb.group(2))
for line in failures[:30]:
    print(line[:400])
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
