#!/usr/bin/python3
"""CLI tests for `dossier`: one test per invocation of this script.

usage: cli_test.py TEST --cli PATH --plugins DIR --work DIR

Each test gets its own work folder, runs the real binary and checks exit
status, stdout, stderr and the files left behind (byte for byte where an old
output must survive)."""
import argparse
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time

A = None  # parsed arguments


def fail(msg):
    sys.exit(f"FAIL: {msg}")


def check(cond, msg):
    if not cond:
        fail(msg)


def run(*args, timeout=60, env=None):
    e = dict(os.environ)
    e.pop("DOSSIER_PLUGIN_PATH", None)
    if env:
        e.update(env)
    return subprocess.run([A.cli, *args], capture_output=True, text=True,
                          timeout=timeout, env=e)


def expect(res, code, what):
    if res.returncode != code:
        fail(f"{what}: exit {res.returncode}, expected {code}\n"
             f"stdout: {res.stdout}\nstderr: {res.stderr}")


def work(name):
    d = os.path.join(A.work, name)
    if os.path.exists(d):
        for root, dirs, _ in os.walk(d):
            for x in dirs:
                os.chmod(os.path.join(root, x), 0o755)
        shutil.rmtree(d)
    os.makedirs(d)
    return d


EVENT = """---
id: {id}
title: {title}
start: {start}
---
Body of {title}.
"""


def make_input(d):
    """Two bare event files: needs no dossier.yaml."""
    paths = []
    for i, (eid, start) in enumerate([("e-alpha", "2020-01-02"),
                                      ("e-beta", "2021-03-04")]):
        p = os.path.join(d, f"{eid}.md")
        with open(p, "w") as f:
            f.write(EVENT.format(id=eid, title=f"Event {i}", start=start))
        paths.append(p)
    return paths


def hidden(d):
    return sorted(x for x in os.listdir(d) if x.startswith("."))


def read(p, mode="r"):
    with open(p, mode) as f:
        return f.read()


# ---- tests ----------------------------------------------------------------

def test_help():
    r = run("--help")
    expect(r, 0, "--help")
    check("Usage: dossier COMMAND" in r.stdout and r.stderr == "", "--help text")
    for cmd in ["render", "check", "dump", "template", "plugins"]:
        r = run(cmd, "--help")
        expect(r, 0, f"{cmd} --help")
        check(r.stdout.startswith(f"Usage: dossier {cmd}"), f"{cmd} --help text")
    r = run("help", "render")
    expect(r, 0, "help render")
    check(r.stdout.startswith("Usage: dossier render"), "help render text")


def test_usage_errors():
    cases = [
        ([], None),
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["--frob"], "unknown option '--frob'"),
        (["render", "--bogus", "x"], "'--bogus'"),
        (["render"], "missing INPUT"),
        (["render", "x", "-j", "0"], "-j needs a number"),
        (["render", "x", "--timeout", "soon"], "--timeout needs seconds"),
        (["render", "x", "-f", "pdf,,md"], "invalid format list"),
        (["render", "x", "-o"], "option '-o' needs a value"),
        (["render", "x", "--timeout"], "option '--timeout' needs a value"),
        (["render", "x", "--help=3"], "option '--help' takes no value"),
        (["plugins", "--check"], "option '--check' needs a value"),
        (["check", "-z", "x"], "unknown option '-z'"),
        # a bad letter inside a group, after a valid long option
        (["render", "--no-isolate", "-zx", "x"], "unknown option '-z'"),
        (["render", "--t", "x"], "option '--t' is ambiguous"),
        (["check"], "missing INPUT"),
        (["dump", "--max-depth", "deep", "x"], "invalid limit value 'deep'"),
        (["check", "--max-file-size", "0", "x"], "invalid limit value '0'"),
        (["template"], "missing TEMPLATE"),
        (["template", "t.mustache"], "no data"),
        (["template", "t", "--data", "d.json", "input"], "not both"),
        (["template", "t", "--escape", "latex", "--data", "d"], "--escape must be"),
        (["plugins", "extra"], "unexpected argument 'extra'"),
    ]
    for args, msg in cases:
        r = run(*args)
        expect(r, 2, " ".join(args) or "(no arguments)")
        check(r.stdout == "", f"{args}: stdout must stay empty")
        if msg:
            check(msg in r.stderr, f"{args}: stderr lacks {msg!r}: {r.stderr}")


def host_abi_minor():
    """The host's plugin ABI minor, from --version (test plugins are built
    with it)."""
    m = re.search(r"plugin ABI 1\.(\d+)", run("--version").stdout)
    check(m, "no plugin ABI in --version")
    return int(m.group(1)) if m else 0


def test_version():
    r = run("--version")
    expect(r, 0, "--version")
    check(re.match(r"^dossier \d+\.\d+\.\d+ \(plugin ABI 1\.\d+, model format 1\)\n$",
                   r.stdout), f"version line: {r.stdout!r}")


def test_plugins_list():
    r = run("plugins", "--plugin-path", A.plugins)
    expect(r, 0, "plugins")
    out = r.stdout
    minor = host_abi_minor()
    check(re.search(rf"^testgood\s+0\.0\.1\s+1\.{minor}\s+testgood\.txt\s+.*/testgood\.so\s+test plugin",
                    out, re.M), f"testgood row missing:\n{out}")
    p = A.plugins
    reasons = {
        "testgood_dup.so": f"duplicates plugin 'testgood' from {p}/testgood.so",
        "noentry.so": "not a Dossier plugin: no 'dossier_plugin_entry' symbol",
        "x.so": "not a loadable shared object",
        "abi_major.so": "built for plugin ABI 2.0; this host supports 1.0",
        "newer_minor.so": f"built for plugin ABI 1.{minor + 7}, newer than this host's 1.{minor}",
        "big_struct.so": "struct_size is",
        "null_render.so": "required callback 'render' is NULL",
        "badname.so": "invalid plugin name 'Bad Name'",
    }
    refused = out.split("\nrefused:\n", 1)
    check(len(refused) == 2, f"no refused section:\n{out}")
    for f, why in reasons.items():
        check(f"  {p}/{f}: " in refused[1] and why in refused[1],
              f"{f}: expected reason {why!r} in:\n{refused[1]}")
    for good in ["crash", "hang", "fails", "stdout", "error_ok"]:
        check(re.search(rf"^{good}\s", out, re.M), f"{good} not listed as usable")
    check(f"searched:\n  {p}\n" in out, "search dirs not listed first")
    check(r.stderr == "", "plugins: stderr not empty")
    # DOSSIER_PLUGIN_PATH is searched too, after --plugin-path.
    r = run("plugins", env={"DOSSIER_PLUGIN_PATH": A.plugins})
    expect(r, 0, "plugins with DOSSIER_PLUGIN_PATH")
    check(re.search(r"^testgood\s", r.stdout, re.M), "env path not searched")


def test_plugins_check():
    p = A.plugins
    r = run("plugins", "--check", f"{p}/testgood.so")
    expect(r, 0, "--check good")
    check("name:           testgood" in r.stdout and
          f"ABI:            1.{host_abi_minor()}" in r.stdout,
          r.stdout)
    for f, why in [("abi_major.so", "built for plugin ABI 2.0"),
                   ("x.so", "not a loadable shared object"),
                   ("noentry.so", "no 'dossier_plugin_entry' symbol"),
                   ("big_struct.so", "newer Dossier"),
                   ("null_render.so", "'render' is NULL"),
                   ("missing.so", "No such file")]:
        r = run("plugins", "--check", f"{p}/{f}")
        expect(r, 1, f"--check {f}")
        check(r.stderr.startswith(f"{p}/{f}: error: ") and why in r.stderr,
              f"--check {f}: {r.stderr}")
        check(r.stdout == "", f"--check {f}: stdout")


def test_plugins_unsafe():
    d = work("unsafe")
    lib = os.path.join(d, "lib")
    os.makedirs(lib)
    f = os.path.join(lib, "testgood.so")
    shutil.copy(os.path.join(A.plugins, "testgood.so"), f)
    os.chmod(f, 0o757)
    r = run("plugins", "--check", f)
    expect(r, 1, "world-writable plugin")
    check("world-writable" in r.stderr, r.stderr)
    os.chmod(f, 0o755)
    os.chmod(lib, 0o777)
    r = run("plugins", "--plugin-path", lib)
    expect(r, 0, "world-writable dir listing")
    check(f"  {lib}: refusing plugin directory: it is world-writable" in r.stdout,
          r.stdout)
    r = run("plugins", "--check", f)
    expect(r, 1, "plugin in a world-writable dir")
    os.chmod(lib, 0o755)
    r = run("plugins", "--check", f)
    expect(r, 0, "the same plugin once the dir is safe")
    if os.geteuid() == 0:
        # Group-writable is fine for our own files, not for someone else's.
        os.chmod(f, 0o775)
        r = run("plugins", "--check", f)
        expect(r, 0, "group-writable plugin owned by us")
        os.chown(f, 65534, 65534)
        r = run("plugins", "--check", f)
        expect(r, 1, "group-writable plugin owned by someone else")
        check("group-writable and owned by uid 65534" in r.stderr, r.stderr)
        os.chmod(f, 0o755)
        r = run("plugins", "--check", f)
        expect(r, 0, "someone else's plugin that only they can write")


def render(d, *args, **kw):
    inputs = make_input(d)
    out = os.path.join(d, "out")
    return out, run("render", *inputs, "-o", out, "--plugin-path", A.plugins,
                    *args, **kw)


def test_render_good():
    d = work("good")
    out, r = render(d, "-f", "testgood", "-O", "testgood.greeting=hi")
    expect(r, 0, "render testgood")
    check(r.stdout == "", "render stdout must be empty")
    check(read(os.path.join(out, "testgood.txt")) == "hi\ne-alpha\ne-beta\n",
          "testgood output")
    check(hidden(out) == [], f"temp files left: {hidden(out)}")
    check(stat.S_IMODE(os.stat(os.path.join(out, "testgood.txt")).st_mode) & 0o044,
          "output keeps mkstemp's 0600 mode")


def test_render_crash():
    d = work("crash")
    out = os.path.join(d, "out")
    os.makedirs(out)
    old = b"previous good output \x00\x01\n"
    with open(os.path.join(out, "crash.txt"), "wb") as f:
        f.write(old)
    out, r = render(d, "-f", "testgood,crash")
    expect(r, 1, "render with a crashing plugin")
    check(r.stdout == "", "stdout must stay empty")
    check("plugin 'crash' crashed (Segmentation fault)" in r.stderr, r.stderr)
    check("1 of 2 formats written" in r.stderr, r.stderr)
    check(read(os.path.join(out, "testgood.txt")) == "testgood\ne-alpha\ne-beta\n",
          "good output must land")
    check(read(os.path.join(out, "crash.txt"), "rb") == old,
          "old output of the crashing format was touched")
    check(hidden(out) == [], f"temp files left: {hidden(out)}")


def test_render_failures():
    d = work("failures")
    out, r = render(d, "-f", "fails,error_ok,testgood", "-j", "1")
    expect(r, 1, "failing plugins")
    check(r.stdout == "", "stdout must stay empty")
    check("fails.tmpl:3:7: error: fails: template is broken" in r.stderr, r.stderr)
    check("error: error_ok: something went wrong but I return OK" in r.stderr, r.stderr)
    check(sorted(os.listdir(out)) == ["testgood.txt"], f"files: {os.listdir(out)}")


def test_render_stdout_plugin():
    for mode in ["--isolate", "--no-isolate"]:
        d = work("stdout" + mode)
        out, r = render(d, "-f", "stdout,testgood", mode)
        expect(r, 0, f"stdout plugin {mode}")
        check(r.stdout == "", f"{mode}: plugin output reached stdout: {r.stdout!r}")
        check(os.path.exists(os.path.join(out, "stdout.txt")), "stdout.txt")
        if mode == "--isolate":
            # A child's stderr comes back as the format's warnings, in one
            # piece, instead of interleaving with other formats.
            check("warning: stdout: plugin printed: library chatter on stderr" in r.stderr,
                  f"stderr not reported as a warning: {r.stderr!r}")
    # With stdout closed, a plugin's noise must not land in any file.
    d = work("stdout-closed")
    inputs = make_input(d)
    out = os.path.join(d, "out")
    r = subprocess.run(["sh", "-c", 'exec >&-; exec "$@"', "sh", A.cli, "render",
                        *inputs, "-o", out, "--plugin-path", A.plugins,
                        "-f", "stdout,testgood", "--no-isolate"],
                       capture_output=False, stderr=subprocess.PIPE, text=True)
    check(r.returncode == 0, f"closed stdout: exit {r.returncode}: {r.stderr}")
    for f in os.listdir(out):
        check("garbage" not in read(os.path.join(out, f)), f"noise landed in {f}")


def test_render_hang():
    d = work("hang")
    t0 = time.monotonic()
    out, r = render(d, "-f", "hang,testgood", "--timeout", "2", timeout=30)
    took = time.monotonic() - t0
    expect(r, 1, "hanging plugin")
    check(took < 8, f"took {took:.1f} s")
    check("plugin 'hang' timed out after 2 s and was killed" in r.stderr, r.stderr)
    check(os.listdir(out) == ["testgood.txt"], f"files: {os.listdir(out)}")


def test_render_no_isolate():
    d = work("noiso")
    out, r = render(d, "-f", "testgood", "--no-isolate", "-O", "testgood.output=x.txt")
    expect(r, 0, "--no-isolate")
    check(os.listdir(out) == ["x.txt"], f"files: {os.listdir(out)}")


def test_render_bad_formats():
    d = work("badfmt")
    out, r = render(d, "-f", "nope")
    expect(r, 2, "unknown format")
    check("unknown format 'nope'" in r.stderr and "available formats:" in r.stderr,
          r.stderr)
    out, r = render(d, "-f", "abi_major")
    expect(r, 1, "refused format")
    check("format 'abi_major': plugin refused: built for plugin ABI 2.0" in r.stderr,
          r.stderr)
    out, r = render(d, "-f", "testgood", "-O", "testgood.output=../x")
    expect(r, 2, "output name with a slash")
    check(not os.path.exists(out) or os.listdir(out) == [], "nothing written")


def test_render_readonly():
    d = work("readonly")
    if os.geteuid() != 0:  # root ignores directory modes
        out = os.path.join(d, "out")
        os.makedirs(out)
        os.chmod(out, 0o555)
        out, r = render(d, "-f", "testgood")
        os.chmod(out, 0o755)
        expect(r, 1, "read-only output dir")
        check("cannot write into output directory" in r.stderr, r.stderr)
    # /proc refuses new directories even to root.
    r = run("render", *make_input(d), "-o", "/proc/dossier-test/out",
            "--plugin-path", A.plugins, "-f", "testgood")
    expect(r, 1, "uncreatable output dir")
    check("cannot create output directory '/proc/dossier-test'" in r.stderr, r.stderr)
    f = os.path.join(d, "file")
    with open(f, "w") as fh:
        fh.write("x")
    r = run("render", *make_input(d), "-o", f, "--plugin-path", A.plugins,
            "-f", "testgood")
    expect(r, 1, "output dir is a file")
    check("is not a directory" in r.stderr, r.stderr)


def test_render_disk_full():
    """A write failure (here RLIMIT_FSIZE, like a full disk) fails the format
    cleanly: error, no temp file, the previous output intact."""
    import resource
    d = work("diskfull")
    out = os.path.join(d, "out")
    os.makedirs(out)
    old = b"old output, longer than the limit\n"
    with open(os.path.join(out, "testgood.txt"), "wb") as f:
        f.write(old)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (8, 8))
    e = dict(os.environ)
    e.pop("DOSSIER_PLUGIN_PATH", None)
    for mode in ["--isolate", "--no-isolate"]:
        r = subprocess.run([A.cli, "render", *make_input(d), "-o", out,
                            "--plugin-path", A.plugins, "-f", "testgood", mode],
                           capture_output=True, text=True, env=e,
                           preexec_fn=limit, timeout=30)
        expect(r, 1, f"write failure {mode}")
        check("testgood: cannot write the output" in r.stderr, r.stderr)
        check(read(os.path.join(out, "testgood.txt"), "rb") == old, "old output changed")
        check(hidden(out) == [], f"temp files left: {hidden(out)}")
    # Without -o, outputs go to ./out.
    r = subprocess.run([A.cli, "render", *make_input(d), "--plugin-path", A.plugins,
                        "-f", "testgood"], capture_output=True, text=True, env=e,
                       cwd=d, timeout=30)
    expect(r, 0, "default output dir")
    check(read(os.path.join(d, "out", "testgood.txt")) == "testgood\ne-alpha\ne-beta\n",
          "out/testgood.txt")


def test_render_sigint():
    """Ctrl-C (or SIGTERM, or a hangup) while a format renders leaves no
    temporary file behind, and the process ends by that signal."""
    e = dict(os.environ)
    e.pop("DOSSIER_PLUGIN_PATH", None)
    for sig in [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]:
        d = work(f"signal-{int(sig)}")
        inputs = make_input(d)
        out = os.path.join(d, "out")
        p = subprocess.Popen([A.cli, "render", *inputs, "-o", out, "--plugin-path",
                              A.plugins, "-f", "hang,testgood", "--timeout", "60"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if os.path.isdir(out) and "testgood.txt" in os.listdir(out) and hidden(out):
                break
            time.sleep(0.05)
        check(hidden(out), "the hanging format never started")
        p.send_signal(sig)
        p.communicate(timeout=10)
        check(p.returncode == -sig, f"{sig.name}: exit {p.returncode}")
        check(hidden(out) == [], f"{sig.name}: temp files left: {hidden(out)}")


def test_render_host_api():
    """A plugin reaches templates, Mustache, data files and country names
    only through the host API table."""
    d = work("hostapi")
    tdir = os.path.join(d, "templates")
    os.makedirs(os.path.join(tdir, "testgood"))
    with open(os.path.join(tdir, "testgood", "ids.mustache"), "w") as f:
        f.write("{{#events}}{{id}},{{/events}}")
    with open(os.path.join(tdir, "testgood", "x.mustache"), "w") as f:
        f.write("{{x}}")
    with open(os.path.join(tdir, "testgood", "broken.mustache"), "w") as f:
        f.write("line one\n{{#events}}never closed")
    data = os.path.join(d, "d.yaml")
    with open(data, "w") as f:
        f.write("x: from yaml & more\n")
    out, r = render(d, "-f", "testgood", "--template-dir", tdir,
                    "-O", "testgood.template=testgood/ids.mustache",
                    "-O", "testgood.country=AT")
    expect(r, 0, "template through the host")
    check(read(os.path.join(out, "testgood.txt")) == "e-alpha,e-beta,|Austria",
          read(os.path.join(out, "testgood.txt")))
    out, r = render(d, "-f", "testgood", "--template-dir", tdir,
                    "-O", "testgood.template=testgood/x.mustache",
                    "-O", f"testgood.data={data}")
    expect(r, 0, "data file through the host")
    check(read(os.path.join(out, "testgood.txt")) == "from yaml &amp; more",
          read(os.path.join(out, "testgood.txt")))
    for name in ["../templates/testgood/ids.mustache", "/etc/passwd", "testgood/none"]:
        out, r = render(d, "-f", "testgood", "--template-dir", tdir, "-O",
                        f"testgood.template={name}", "-O", "testgood.output=bad.txt")
        expect(r, 1, f"template {name}")
        check(f"testgood: template {name} not found" in r.stderr, r.stderr)
    out, r = render(d, "-f", "testgood", "--template-dir", tdir,
                    "-O", "testgood.template=testgood/broken.mustache",
                    "-O", "testgood.output=bad.txt")
    expect(r, 1, "broken template")
    broken = os.path.join(tdir, "testgood", "broken.mustache")
    check(re.search(re.escape(broken) + r":2:\d+: error: testgood: ", r.stderr), r.stderr)
    check(not os.path.exists(os.path.join(out, "bad.txt")), "bad.txt written")
    check(hidden(out) == [], "temp files left")


def test_render_unread_options():
    """An -O key the plugin never reads is reported, in both modes; keys it
    reads and the host's own FORMAT.output are not."""
    d = work("unread")
    for mode in ([], ["--no-isolate"]):
        out, r = render(d, "-f", "testgood", *mode, "-O", "testgood.greeting=hi",
                        "-O", "testgood.greetng=typo", "-O", "testgood.output=t.txt")
        expect(r, 0, f"render with a misspelt option {mode}")
        check(read(os.path.join(out, "t.txt")) == "hi\ne-alpha\ne-beta\n",
              "the output is unchanged by the unknown option")
        warn = "testgood: option 'testgood.greetng' was ignored: the plugin never read it"
        check(warn in r.stderr, f"{mode}: no warning for the misspelt key: {r.stderr}")
        check("'testgood.greeting'" not in r.stderr and "'testgood.output'" not in r.stderr,
              f"{mode}: a key that was used is reported: {r.stderr}")
    out, r = render(d, "-f", "testgood", "-O", "testgood.greeting=hi")
    expect(r, 0, "render with a known option only")
    check("ignored" not in r.stderr, r.stderr)
    out, r = render(d, "-f", "testgood", "-O", "testgood.greetng=a",
                    "-O", "testgood.greetng=b")
    expect(r, 0, "a misspelt key given twice")
    check(r.stderr.count("'testgood.greetng' was ignored") == 1,
          f"one warning per key: {r.stderr}")
    # a render that fails says why, not which options it did not get to
    out, r = render(d, "-f", "error_ok", "-O", "error_ok.zzz=1")
    expect(r, 1, "a plugin that reports an error")
    check("was ignored" not in r.stderr, r.stderr)


def test_render_exits():
    d = work("exits")
    out, r = render(d, "-f", "exits,testgood")
    expect(r, 1, "plugin calling exit()")
    check("plugin 'exits' exited unexpectedly (exit status 3)" in r.stderr, r.stderr)
    check(sorted(os.listdir(out)) == ["testgood.txt"], os.listdir(out))


def test_render_parallel():
    """Two plugins sleeping 1 s each: -j 2 overlaps them, -j 1 does not."""
    d = work("parallel")
    times = {}
    for j in ["1", "2"]:
        t0 = time.monotonic()
        out, r = render(d, "-f", "slow1,slow2", "-j", j)
        times[j] = time.monotonic() - t0
        expect(r, 0, f"-j {j}")
        check(sorted(os.listdir(out)) == ["slow1.txt", "slow2.txt"], os.listdir(out))
    check(times["1"] >= 2.0, f"-j 1 took {times['1']:.2f} s: not sequential?")
    check(times["2"] < 1.9, f"-j 2 took {times['2']:.2f} s: not parallel?")


def test_render_progress():
    """A progress line per format when stderr is a terminal, none otherwise."""
    import pty
    d = work("progress")
    inputs = make_input(d)
    out = os.path.join(d, "out")
    e = dict(os.environ)
    e.pop("DOSSIER_PLUGIN_PATH", None)
    master, slave = pty.openpty()
    p = subprocess.Popen([A.cli, "render", *inputs, "-o", out, "--plugin-path",
                          A.plugins, "-f", "testgood"], stdout=subprocess.PIPE,
                         stderr=slave, env=e)
    os.close(slave)
    stdout, _ = p.communicate(timeout=30)
    text = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        text += chunk
    os.close(master)
    text = text.decode()
    check(p.returncode == 0 and stdout == b"", f"exit {p.returncode}")
    check(re.search(r"rendering testgood\u2026 done \(\d+\.\d s\) \u2192 .*testgood\.txt",
                    text), repr(text))
    out, r = render(d, "-f", "testgood")
    check(r.stderr == "", f"progress without a terminal: {r.stderr!r}")


def test_check():
    d = work("check")
    inputs = make_input(d)
    r = run("check", *inputs)
    expect(r, 0, "check")
    check(r.stdout.startswith("ok: 2 events"), r.stdout)
    bad = os.path.join(d, "bad.md")
    with open(bad, "w") as f:
        f.write("---\nid: e-bad\ntitle: Bad\nstart: 2020-13-45\n---\n")
    r = run("check", bad)
    expect(r, 1, "check invalid")
    check(r.stdout == "", "check invalid: stdout")
    check(re.search(re.escape(bad) + r":\d+:\d+: error: ", r.stderr), r.stderr)
    r = run("check", "--max-file-size", "10", *inputs)
    expect(r, 1, "check with a tiny --max-file-size")


def test_dump():
    d = work("dump")
    r = run("dump", *make_input(d))
    expect(r, 0, "dump")
    data = json.loads(r.stdout)
    check([e["id"] for e in data["events"]] == ["e-alpha", "e-beta"], r.stdout[:200])
    check(data["format"] == 1 and r.stdout.startswith('{\n  "'), "indent 2")
    # A full disk is an error, not a silently truncated dump.
    with open("/dev/full", "w") as full:
        p = subprocess.run([A.cli, "dump", *make_input(d)], stdout=full,
                           stderr=subprocess.PIPE, text=True)
    check(p.returncode == 1 and "cannot write to standard output" in p.stderr,
          f"dump > /dev/full: {p.returncode} {p.stderr}")


def test_template():
    d = work("template")
    inputs = make_input(d)
    t = os.path.join(d, "t.mustache")
    with open(t, "w") as f:
        f.write("{{#events}}{{id}};{{/events}}{{> tail}}")
    parts = os.path.join(d, "partials")
    os.makedirs(parts)
    with open(os.path.join(parts, "tail.mustache"), "w") as f:
        f.write("[{{title}}]")
    # No partials/ beside this copy of the template: the partial is empty.
    lone = os.path.join(d, "lone")
    os.makedirs(lone)
    shutil.copy(t, lone)
    r = run("template", os.path.join(lone, "t.mustache"), *inputs)
    expect(r, 0, "template over a model")
    check(r.stdout == "e-alpha;e-beta;", repr(r.stdout))
    # A partials/ folder beside the template is used by default.
    r = run("template", t, *inputs)
    expect(r, 0, "template with default partials")
    check(r.stdout.startswith("e-alpha;e-beta;[") and r.stdout.endswith("]"),
          repr(r.stdout))
    r = run("template", t, "--partials", parts, *inputs)
    expect(r, 0, "template with partials")
    check(r.stdout.startswith("e-alpha;e-beta;[") and r.stdout.endswith("]"),
          repr(r.stdout))
    data = os.path.join(d, "d.json")
    with open(data, "w") as f:
        json.dump({"x": "<b>*hi*</b>"}, f)
    t2 = os.path.join(d, "x.mustache")
    with open(t2, "w") as f:
        f.write("{{x}}")
    for esc, want in [("html", "&lt;b&gt;*hi*&lt;/b&gt;"), ("none", "<b>*hi*</b>")]:
        r = run("template", t2, "--data", data, "--escape", esc)
        expect(r, 0, f"--escape {esc}")
        check(r.stdout == want, f"{esc}: {r.stdout!r}")
    r = run("template", t2, "--data", data, "--escape", "markdown")
    expect(r, 0, "--escape markdown")
    check("\\*hi\\*" in r.stdout, repr(r.stdout))
    with open(t2, "w") as f:
        f.write("{{#x}}unclosed")
    r = run("template", t2, "--data", data)
    expect(r, 1, "broken template")
    check(r.stdout == "" and t2 in r.stderr and "error" in r.stderr, r.stderr)


TESTS = {name[5:]: fn for name, fn in globals().items() if name.startswith("test_")}


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("test", choices=sorted(TESTS))
    ap.add_argument("--cli", required=True)
    ap.add_argument("--plugins", required=True)
    ap.add_argument("--work", required=True)
    A = ap.parse_args()
    os.makedirs(A.work, exist_ok=True)
    TESTS[A.test]()
    print(f"ok: {A.test}")


if __name__ == "__main__":
    main()
