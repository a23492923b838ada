"""Reads dossier_value_to_json output back with Python's json module.

usage: check_json.py JSON_TEST_BINARY DATA_DIR
"""
import json
import math
import subprocess
import sys

exe, data_dir = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def run(*args):
    out = subprocess.run([exe, *args], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


# Hand-built values: computed numbers and every control character.
lines = run("hand").splitlines()
check(len(lines) == 2 and lines[1] == "null", "NULL value should print null")
line = lines[0]
check("\\u0001" in line and "\\u001f" in line and "\\u007f" in line,
      "control characters must be \\u00XX: " + line)
check("\\/" not in line.replace("\\\\", "") and "/z" in line,
      "'/' must not be escaped: " + line)
for raw in line:
    check(ord(raw) >= 0x20, "raw control character in output: %r" % line)
v = json.loads(line)
check(v[0] == 0.1 and v[1] == 1.0 / 3.0 and v[2] == 1e300, "round trip: %r" % v[:3])
check(v[3] == 0 and not str(line).startswith("[0.1,0.3333333333333333,1e+300,-0"),
      "-0 prints as 0")
check(v[4] == 123456789012345678.0, "large integer round trip: %r" % v[4])
check(line.split(",")[5] == "1.210", "number text kept as written: " + line)
check(v[6] == 31 and "0x1F" not in line, "non-JSON number text replaced")
check(v[7] is None and v[8] is None, "NaN/Inf must be null")
check(v[9] == 5e-324, "denormal round trip")
check(v[10] == "a\x01\x1f\x7f\b\f\n\r\t\"\\/z", "string round trip: %r" % v[10])
check(line.split(",")[0] == "[0.1" and "0.3333333333333333," in line,
      "shortest round-trip form expected: " + line)

# A data file through dossier_data_load_file, compact and indented.
with open(data_dir + "/strings.json", encoding="utf-8") as f:
    want = json.load(f)
for indent in ("0", "2", "4"):
    text = run(data_dir + "/strings.json", indent)
    got = json.loads(text)
    check(got == want, "indent %s: round trip differs:\n%r\n%r" % (indent, got, want))
    if indent == "0":
        check(text.count("\n") == 1, "indent 0 must be one line")
    else:
        check('\n' + ' ' * int(indent) + '"plain": "Hello"' in text,
              "indent %s not applied" % indent)
        check('"empty_list": []' in text and '"empty_object": {}' in text,
              "empty containers stay compact")
    check("Bajarūnas" in text and "Душанбе" in text and "😀" in text,
          "UTF-8 must pass through unescaped")
    check("1.210" in text and "123456789012345678901234567890" in text,
          "number text must be kept")

if failures:
    for f in failures:
        print("FAIL:", f)
    sys.exit(1)
print("json checks passed")
