#!/usr/bin/env python3
"""Scan the real-world set with charterlint and measure it against the judged findings.

usage: evaluate.py SET_DIR [--charterlint BIN] [--only owner/name,...]
                           [--unjudged FILE] [--markdown FILE]

SET_DIR is the folder fetch.sh filled. The binary comes from --charterlint, else the
CHARTERLINT environment variable, else `charterlint` on PATH. Every repository is scanned
with `scan . --format json` from its own folder (so paths are relative to the repository);
a repository with history in the manifest also has its last commits checked with
`scan --git-log`. Findings are matched to judged.tsv by repo+rule+path+line, then by
repo+rule+path+snippet hash (lines move when a repository is re-pinned). expected.tsv lists
the real cases that must be found (recall). An exit code of 2 on any repository is a failure
of the set: the script then exits 1. Python 3.11 standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Finding:
    repo: str
    rule: str
    severity: str
    path: str
    line: int
    snippet: str
    message: str

    @property
    def snippet_hash(self) -> str:
        return snippet_hash(self.snippet)


@dataclass
class RepoRun:
    repo: str
    category: str
    exit_code: int = 0
    history_exit: int | None = None
    files: int = 0
    records: int = 0
    elapsed_ms: int = 0
    charter: str = ""
    error: str = ""
    findings: list[Finding] = field(default_factory=list)


def snippet_hash(snippet: str) -> str:
    return hashlib.sha256(" ".join(snippet.split()).encode()).hexdigest()[:12]


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    rows = []
    if not path.exists():
        return rows
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < columns:
            sys.exit(f"{path.name}: expected {columns} tab-separated columns: {raw!r}")
        rows.append(cells)
    return rows


def manifest() -> list[tuple[str, str, str, int]]:
    return [(r[0], r[1], r[2], int(r[3])) for r in read_tsv(HERE / "manifest.tsv", 4)]


def run_scan(binary: str, cwd: Path, extra: list[str]) -> tuple[int, dict | None, str]:
    proc = subprocess.run(
        [binary, "scan", ".", "--format", "json", *extra],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
    )
    try:
        doc = json.loads(proc.stdout) if proc.stdout.strip() else None
    except json.JSONDecodeError:
        doc = None
    return proc.returncode, doc, proc.stderr.strip()


def to_findings(repo: str, doc: dict, prefix: str = "") -> list[Finding]:
    out = []
    for f in doc.get("findings", []):
        path = f.get("path") or ""
        if path.startswith("./"):
            path = path[2:]
        record = f.get("record") or ""
        if path.startswith("git log ") and record.startswith("commit "):
            # Every commit of a range shares the path: the commit names the finding.
            path = " ".join(record.split()[:2])
        out.append(
            Finding(
                repo=repo,
                rule=f.get("rule", "?"),
                severity=f.get("severity", "?"),
                path=prefix + path,
                line=int(f.get("line") or 0),
                snippet=f.get("snippet") or "",
                message=f.get("message") or "",
            )
        )
    return out


def history_range(hist: Path, depth: int) -> str:
    older = subprocess.run(
        ["git", "rev-parse", "-q", "--verify", f"HEAD~{depth}"],
        cwd=hist,
        capture_output=True,
        text=True,
    )
    return f"HEAD~{depth}..HEAD" if older.returncode == 0 else "HEAD"


def scan_repo(binary: str, root: Path, repo: str, category: str, depth: int) -> RepoRun:
    key = repo.replace("/", "+")
    run = RepoRun(repo, category)
    tree = root / key
    if not tree.is_dir():
        run.exit_code, run.error = 2, "not fetched (run fetch.sh)"
        return run
    code, doc, err = run_scan(binary, tree, [])
    run.exit_code = code
    if doc is None:
        run.error = err.splitlines()[-1] if err else "no JSON on stdout"
        if code != 2:
            run.exit_code = 2
        return run
    summary = doc.get("summary", {})
    if code == 2 and doc.get("errors"):
        errs = doc["errors"]
        run.error = f"{len(errs)} input error(s); first: {errs[0].get('path')}: {errs[0].get('message')}"
    run.files = summary.get("files", 0)
    run.records = summary.get("records", 0)
    run.elapsed_ms = summary.get("elapsed_ms", 0)
    run.charter = doc.get("charter", {}).get("source", "")
    run.findings = to_findings(repo, doc)
    hist = root / "_history" / key
    if depth > 0 and (hist / ".git").exists():
        rng = history_range(hist, depth)
        charter = str(HERE / "history-charter.yaml")
        code, hdoc, err = run_scan(binary, hist, ["--charter", charter, "--git-log", rng])
        run.history_exit = code
        if hdoc is None:
            run.history_exit = 2
            run.error = "git-log: " + (err.splitlines()[-1] if err else "no JSON")
        else:
            run.records += hdoc.get("summary", {}).get("records", 0)
            # Commit findings have the range as their path ("git log A..B") and the line in
            # the concatenated log: stable while the pin and the depth stay the same.
            run.findings.extend(to_findings(repo, hdoc))
    return run


def load_judged() -> tuple[dict, dict]:
    by_line, by_hash = {}, {}
    for cells in read_tsv(HERE / "judged.tsv", 6):
        repo, rule, path, line, verdict, reason = cells[:6]
        verdict = verdict.strip().upper()
        if verdict not in ("TP", "FP"):
            sys.exit(f"judged.tsv: verdict must be TP or FP: {cells}")
        by_line[(repo, rule, path, int(line))] = (verdict, reason)
        if len(cells) > 6 and cells[6]:
            by_hash[(repo, rule, path, cells[6])] = (verdict, reason)
    return by_line, by_hash


def judge(f: Finding, by_line: dict, by_hash: dict) -> str | None:
    hit = by_line.get((f.repo, f.rule, f.path, f.line)) or by_hash.get(
        (f.repo, f.rule, f.path, f.snippet_hash)
    )
    return hit[0] if hit else None


def line_range(spec: str) -> tuple[int, int]:
    if spec in ("", "*", "0"):
        return 0, 10**9
    lo, _, hi = spec.partition("-")
    return int(lo), int(hi or lo)


def rule_matches(rule: str, wanted: str) -> bool:
    return rule.startswith(wanted[:-1]) if wanted.endswith("*") else rule == wanted


def percent(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "—"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--charterlint", default=os.environ.get("CHARTERLINT", "charterlint"))
    ap.add_argument("--only", default="", help="comma-separated owner/name list")
    ap.add_argument("--unjudged", type=Path, help="write unjudged findings here (TSV to judge)")
    ap.add_argument("--findings", type=Path, help="write every finding here (TSV)")
    ap.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = ap.parse_args()

    binary = shutil.which(args.charterlint) or args.charterlint
    only = {s for s in args.only.split(",") if s}
    root = args.set_dir.resolve()
    runs = [
        scan_repo(binary, root, repo, cat, depth)
        for repo, _sha, cat, depth in manifest()
        if not only or repo in only
    ]
    scanned = {r.repo for r in runs}
    by_line, by_hash = load_judged()
    findings = [f for r in runs for f in r.findings]

    stats: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    severity: dict[str, str] = {}
    unjudged = []
    for f in findings:
        s = stats[f.rule]
        severity.setdefault(f.rule, f.severity)
        s["findings"] += 1
        v = judge(f, by_line, by_hash)
        if v is None:
            s["unjudged"] += 1
            unjudged.append(f)
        else:
            s[v] += 1

    missed = []
    for cells in read_tsv(HERE / "expected.tsv", 5):
        repo, rule, path, lines, reason = cells[:5]
        if repo not in scanned:
            continue
        lo, hi = line_range(lines)
        rules = rule.split("|")
        found = any(
            f.repo == repo and any(rule_matches(f.rule, r) for r in rules) and f.path == path and lo <= f.line <= hi
            for f in findings
        )
        for r in rules[:1]:
            stats[r]["expected"] += 1
            stats[r]["found"] += int(found)
        if not found:
            missed.append((repo, rule, path, lines, reason))

    out = []
    out.append("### Repositories\n")
    out.append("| repository | category | files | records | findings | exit |")
    out.append("|---|---|---:|---:|---:|---|")
    failures = []
    for r in runs:
        codes = str(r.exit_code) + ("" if r.history_exit is None else f" / log {r.history_exit}")
        bad = r.exit_code == 2 or r.history_exit == 2
        if bad:
            failures.append(r)
            codes += " **FAIL**"
        out.append(f"| {r.repo} | {r.category} | {r.files} | {r.records} | {len(r.findings)} | {codes} |")
    charters = {r.charter for r in runs if r.charter}
    if charters - {"embedded default"}:
        out.append(f"\nWarning: some scans did not use the embedded default charter: {sorted(charters)}")

    out.append("\n### Precision and recall per rule\n")
    out.append("| rule | severity | findings | judged | TP | FP | unjudged | precision | expected | found | recall |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rule in sorted(stats):
        s = stats[rule]
        judged = s["TP"] + s["FP"]
        out.append(
            f"| {rule} | {severity.get(rule, '—')} | {s['findings']} | {judged} | {s['TP']} | {s['FP']} "
            f"| {s['unjudged']} | {percent(s['TP'], judged)} | {s['expected']} | {s['found']} "
            f"| {percent(s['found'], s['expected'])} |"
        )
    if missed:
        out.append("\n### Expected cases not found\n")
        for repo, rule, path, lines, reason in missed:
            out.append(f"- {rule} {repo} `{path}`:{lines or '*'}: {reason}")
    if failures:
        out.append("\n### Failures (exit 2)\n")
        for r in failures:
            out.append(f"- {r.repo}: {r.error or 'exit 2'}")
    text = "\n".join(out) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")

    header = "repo\trule\tpath\tline\tverdict\treason\tsnippet_hash\tseverity\tmessage\tsnippet\n"
    for dest, rows in ((args.unjudged, unjudged), (args.findings, findings)):
        if dest:
            with dest.open("w", encoding="utf-8") as fh:
                fh.write(header)
                for f in rows:
                    v = judge(f, by_line, by_hash) or ""
                    clean = lambda s: " ".join(s.split())[:300]
                    fh.write(
                        f"{f.repo}\t{f.rule}\t{f.path}\t{f.line}\t{v}\t\t{f.snippet_hash}"
                        f"\t{f.severity}\t{clean(f.message)}\t{clean(f.snippet)}\n"
                    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
