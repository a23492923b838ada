"""The input contract's own examples load: the dossier.yaml and event front
matter of ../shared/spec/event-model.md, completed only with the registry
entries and the related event they reference, must pass `dossier check` and
render to every built-in format ("a dossier written by someone else from the
spec alone loads without changes").

Usage: spec_examples.py CLI SPEC_MD WORK_DIR"""
import os
import re
import shutil
import subprocess
import sys

cli, spec, work = sys.argv[1:4]
text = open(spec, encoding="utf-8").read()
blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
if len(blocks) < 2:
    sys.exit("FAIL: the spec has fewer than two yaml examples")
registry, event = blocks[0], blocks[1]
if "people:\n" not in registry or not event.startswith("---\n"):
    sys.exit("FAIL: the spec's examples changed shape; update this test")

shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "events"))
# What the examples reference but elide ("..."): two entities, a person and
# the related event.
registry = registry.replace("people:\n", """  - id: unoct
    name: United Nations Office of Counter-Terrorism
    short: UNOCT
    kind: un-entity
  - id: scos
    name: Shanghai Cooperation Organisation Secretariat
    kind: regional-organization
people:
  - id: guterres
    name: António Guterres
""", 1)
with open(os.path.join(work, "dossier.yaml"), "w", encoding="utf-8") as f:
    f.write(registry)
with open(os.path.join(work, "events", "2022-10-dushanbe-border-security.md"), "w",
          encoding="utf-8") as f:
    f.write(event)
with open(os.path.join(work, "events", "2018-05-dushanbe-ct-pve.md"), "w",
          encoding="utf-8") as f:
    f.write("---\ntitle: Countering Terrorism and Preventing Violent Extremism\n"
            "start: 2018-05-03\nend: 2018-05-04\n---\nThe first conference.\n")

r = subprocess.run([cli, "check", work], capture_output=True, text=True)
if r.returncode != 0:
    sys.exit("FAIL: dossier check of the spec's examples: exit %d\n%s" % (r.returncode, r.stderr))
errors = [l for l in r.stderr.splitlines() if ": error:" in l]
if errors:
    sys.exit("FAIL: errors: %s" % errors)
out = os.path.join(work, "out")
r = subprocess.run([cli, "render", work, "-f", "pdf,xlsx,md,html", "-o", out],
                   capture_output=True, text=True)
if r.returncode != 0:
    sys.exit("FAIL: render: exit %d\n%s" % (r.returncode, r.stderr))
for name in ["briefing.pdf", "participants.xlsx", "digest.md", "digest.html"]:
    if not os.path.getsize(os.path.join(out, name)):
        sys.exit("FAIL: empty %s" % name)
digest = open(os.path.join(out, "digest.md"), encoding="utf-8").read()
if "Transnational threats such as terrorism demand" not in digest:
    sys.exit("FAIL: the spec example's statement is missing from the digest")
print("spec examples: check and render ok")
