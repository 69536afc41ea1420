#!/usr/bin/env python3
"""Inventory of AI use in network logs, on Apache Spark.

Logs in object storage (or HDFS, or a local directory) are read as lines; each partition is
piped through the charterlint binary (`scan --stdin --input-format F --format jsonl`), which
folds it per person and AI tool and writes one JSON object per finding and one summary object;
Spark then adds up the summaries' inventory rows (tool, charter status, person, day → requests,
blocked) into the inventory of the whole data set: the same rows `charterlint scan FILES
--format json` gives on one machine in `summary.network.inventory`.

    spark-submit --master yarn --deploy-mode cluster \\
      --files charterlint,ai-charter.yaml \\
      examples/spark/inventory.py \\
      --input 's3a://proxy-logs/squid/2026/03/*.gz' --format squid \\
      --charter ai-charter.yaml --output s3a://audits/ai-inventory-2026-03

The binary and the charter are shipped with `--files` (or baked into the executor image: pass
their absolute paths). With `--key FILE` (also shipped with `--files`) people are pseudonymised
on the executors, before any row leaves them. Findings are re-folded per (person, tool) across
partitions; their line numbers are those of a partition, not of a file, so the distributed
output is the inventory and the folded usage, not positions in files.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def resolve(name):
    """A file shipped with --files, else the path as given (executor image, local runs)."""
    if name is None:
        return None
    if not os.path.isabs(name):
        try:
            shipped = SparkFiles.get(os.path.basename(name))
            if os.path.exists(shipped):
                return shipped
        except Exception:  # no SparkContext files: a plain path
            pass
    return name


def piped(args):
    """A function that pipes one partition's lines through charterlint and yields its JSONL."""

    def run(lines):
        binary = resolve(args.binary)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)  # --files does not keep the executable bit
        cmd = [binary, "scan", "--stdin", "--input-format", args.format, "--format", "jsonl",
               "--exit-zero", "-j", "1"]
        if args.charter:
            cmd += ["--charter", resolve(args.charter)]
        if args.key:
            cmd += ["--pseudonymize", resolve(args.key)]
        for pair in args.log_map or []:
            cmd += ["--log-map", pair]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8", "surrogateescape") + b"\n")
            except BrokenPipeError:
                pass
            finally:
                proc.stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8")
        writer.join()
        code = proc.wait()
        if code not in (0, 1):
            raise RuntimeError(f"{shlex.join(cmd)} exited with {code}")

    return run


def inventory(jsonl):
    """Adds up the partitions' summaries: inventory rows, tools and record counts."""
    objects = jsonl.map(json.loads).cache()
    summaries = objects.filter(lambda o: o.get("type") == "summary") \
        .map(lambda o: o["summary"].get("network") or {})
    rows = summaries.flatMap(lambda n: n.get("inventory", [])) \
        .map(lambda r: ((r["tool"], r["status"], r["user"], r["day"]), (r["requests"], r["blocked"]))) \
        .reduceByKey(lambda a, b: (a[0] + b[0], a[1] + b[1])) \
        .map(lambda kv: {"tool": kv[0][0], "status": kv[0][1], "user": kv[0][2], "day": kv[0][3],
                         "requests": kv[1][0], "blocked": kv[1][1]})
    totals = summaries.map(lambda n: (n.get("records", 0), n.get("matched", 0))) \
        .fold((0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1]))
    # Findings folded again per (person, tool): a person's use may span partitions.
    usage = objects.filter(lambda o: o.get("type") == "finding" and o["rule"] in ("SHADOW006", "SHADOW007")) \
        .map(lambda f: ((f["message"].split(" ")[0], f["tool"]), (f["severity"], f["rule"]))) \
        .reduceByKey(lambda a, b: min(a, b, key=lambda s: (s[1] != "SHADOW006", s[0] != "error")))
    return rows, totals, usage


def tools_of(rows):
    """Per tool: status, people, days, requests, blocked — as the JSON summary's `tools`."""
    out = {}
    for r in rows:
        t = out.setdefault(r["tool"], {"tool": r["tool"], "status": r["status"], "people": set(),
                                       "days": set(), "requests": 0, "blocked": 0})
        t["people"].add(r["user"])
        t["days"].add(r["day"])
        t["requests"] += r["requests"]
        t["blocked"] += r["blocked"]
    return sorted(({**t, "people": len(t["people"]), "days": len(t["days"])} for t in out.values()),
                  key=lambda t: (-t["requests"], t["tool"]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True, help="log files: a path or glob Spark reads (s3a://, hdfs://, file://)")
    ap.add_argument("--format", default="squid", help="charterlint --input-format (squid, zscaler-json, zeek, …)")
    ap.add_argument("--binary", default="charterlint", help="the charterlint binary (shipped with --files)")
    ap.add_argument("--charter", help="ai-charter.yaml (shipped with --files)")
    ap.add_argument("--key", help="pseudonymisation key file (shipped with --files)")
    ap.add_argument("--log-map", action="append", help="--log-map KEY=COLUMN,… for mapped feeds")
    ap.add_argument("--partitions", type=int, default=0, help="minimum number of partitions")
    ap.add_argument("--output", help="directory for the inventory (JSON lines); else printed")
    ap.add_argument("--master", help="Spark master when not run by spark-submit (local[2])")
    args = ap.parse_args(argv)

    builder = SparkSession.builder.appName("charterlint-network-inventory") \
        .config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    lines = sc.textFile(args.input, args.partitions or None)
    rows, (records, matched), usage = inventory(lines.mapPartitions(piped(args)))
    if args.output:
        rows.map(json.dumps).saveAsTextFile(args.output)
        spark.stop()
        return 0
    rows = sorted(rows.collect(), key=lambda r: (r["tool"], r["user"], r["day"]))
    result = {"records": records, "matched": matched, "tools": tools_of(rows), "inventory": rows,
              "partitions": lines.getNumPartitions(), "people_tools": usage.count()}
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
