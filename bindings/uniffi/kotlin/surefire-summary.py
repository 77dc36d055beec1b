"""Prints one closing line for the JUnit run (Maven runs with -q, which hides Surefire's):
`uniffi-kotlin: N passed, N failed, N skipped`, from target/surefire-reports/TEST-*.xml."""
import glob
import sys
import xml.etree.ElementTree as ET

tests = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"uniffi-kotlin: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or tests == 0 else 0)
