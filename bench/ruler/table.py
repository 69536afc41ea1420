#!/usr/bin/env python3
"""Runs the rows of the speed table side by side: for each row, the two commands alternate
(charterlint, then ripgrep, RUNS times after one warm-up each), and the best wall time and the
peak RSS of each are kept. The RSS is the kernel's ru_maxrss of the child, the figure GNU
`time -v` prints as "Maximum resident set size". Prints the table as Markdown.

usage: table.py BIN CORPUS RULER HOOK_REPO [RUNS]
"""
import os
import subprocess
import sys
import time

binary, corpus, ruler, hook_repo = sys.argv[1:5]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
repos = os.path.join(corpus, "repos")
log = os.path.join(corpus, "logs", "prompt-logs.jsonl")


def run(cmd, cwd=None):
    """Wall seconds and peak RSS (MiB) of one run; output discarded."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: findings (charterlint) or no match (rg)
        sys.exit(f"{' '.join(cmd)}: exit {code}")
    return wall, usage.ru_maxrss / 1024


def best(cmds, n, cwd=None):
    """Best wall time and peak RSS of each command, the commands alternating."""
    for c in cmds:
        run(c, cwd)  # warm-up: page cache, binaries
    times = [[] for _ in cmds]
    rss = [0.0 for _ in cmds]
    for _ in range(n):
        for i, c in enumerate(cmds):
            w, m = run(c, cwd)
            times[i].append(w)
            rss[i] = max(rss[i], m)
    return [(min(t), r) for t, r in zip(times, rss)]


def files_and_bytes(root):
    n = b = 0
    for d, _, fs in os.walk(root):
        for f in fs:
            n += 1
            b += os.path.getsize(os.path.join(d, f))
    return n, b


def ms(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.3f} s"


pats = os.path.join(ruler, "patterns.txt")
log_pats = os.path.join(ruler, "patterns-logs.txt")
n, b = files_and_bytes(repos)
rows = []
for threads in ("2", "1"):
    (c, cm), (r, rm) = best(
        [
            [binary, "scan", "--format", "json", "--fail-on", "never", "-j", threads, repos],
            ["rg", "-j", threads, "-c", "-f", pats, repos],
        ],
        runs,
    )
    work = (
        f"3 AI repositories, {n:,} files, {b / 1e6:.0f} MB, {threads} thread{'s' if threads != '1' else ''}"
    )
    rows.append((work, f"{ms(c)}, {cm:.0f} MiB", f"{ms(r)}, {rm:.0f} MiB", c / r))
# The log row needs the 1.19 GB log; without it (NO_LOG=1 in compare.sh) the row is left out.
if os.path.exists(log):
    log_bytes = os.path.getsize(log)
    (c, cm), (r, rm) = best(
        [
            [binary, "scan", "--format", "json", "--fail-on", "never", log],
            ["rg", "--no-mmap", "-c", "-f", log_pats, log],
        ],
        runs,
    )
    rows.append(
        (
            f"{log_bytes / 1e9:.2f} GB OpenAI-style JSONL prompt log",
            f"{ms(c)} ({log_bytes / 1e6 / c:.0f} MB/s), {cm:.0f} MiB",
            f"{ms(r)}, {rm:.0f} MiB",
            c / r,
        )
    )
# The hook: more runs, it is short. Start-up is a scan of one empty file.
empty = os.path.join(hook_repo, ".empty")
open(empty, "w").close()
(h, hm), (e, _) = best(
    [[binary, "scan", "--staged", "--quiet"], [binary, "scan", "--quiet", empty]], max(runs, 20), hook_repo
)
rows.append(("pre-commit, 10 staged files", f"{ms(h)} (start-up {ms(e)}), {hm:.0f} MiB", "–", None))

print("| work | charterlint | ripgrep -f (same rule shapes) | ratio |")
print("|---|---|---|---|")
for work, cl, rg, ratio in rows:
    print(f"| {work} | {cl} | {rg} | {f'{ratio:.2f}×' if ratio else '–'} |")
print(f"\nbest of {runs} (hook: {max(runs, 20)}), alternating; peak RSS as GNU time -v reports it")
