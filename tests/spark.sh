#!/usr/bin/env bash
# The Spark recipe of examples/spark in local mode: generated Squid logs piped through the
# binary by a PySpark job on local[2], whose inventory must equal the single-machine run's
# (`charterlint scan DIR --format json`, summary.network). Installs pyspark with pip when it
# is missing; needs Java 17 and python3. Bounded: a few MB of logs, under a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
    # The CI machine may lack a JVM: Debian's headless JRE is all Spark's local mode needs.
    apt-get install -y -qq openjdk-17-jre-headless >/dev/null 2>&1 \
        || { echo "spark.sh: java not found and openjdk-17-jre-headless could not be installed" >&2; exit 1; }
fi
python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install --quiet pyspark
bin="${CHARTERLINT_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --locked --quiet
  bin="$PWD/target/debug/charterlint"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/logs"
python3 bench/gen_network.py 3 --seed 7 --out "$work/logs/access.log" 2>/dev/null
python3 bench/gen_network.py 2 --seed 11 --out "$work/logs/access.log.1" 2>/dev/null
gzip "$work/logs/access.log.1"
printf 'version: 1\ntools:\n  approved: [openai]\n  tolerated: [mistral]\n  forbidden: [deepseek]\n' > "$work/ai-charter.yaml"
head -c 32 /dev/urandom | base64 > "$work/dpo.key"

"$bin" scan "$work/logs" --charter "$work/ai-charter.yaml" --pseudonymize "$work/dpo.key" \
  --format json --exit-zero > "$work/single.json"
timeout 300 python3 examples/spark/inventory.py --master 'local[2]' --input "$work/logs" \
  --partitions 6 --format squid --binary "$bin" --charter "$work/ai-charter.yaml" \
  --key "$work/dpo.key" > "$work/spark.json"

python3 - "$work/single.json" "$work/spark.json" <<'PY'
import json, sys
single = json.load(open(sys.argv[1]))["summary"]["network"]
spark = json.load(open(sys.argv[2]))
key = lambda r: (r["tool"], r["user"], r["day"])
a, b = sorted(single["inventory"], key=key), sorted(spark["inventory"], key=key)
assert spark["partitions"] >= 6, spark["partitions"]
assert len(a) > 50, f"only {len(a)} inventory rows"
assert a == b, f"inventories differ: {len(a)} rows on one machine, {len(b)} on Spark"
assert (single["records"], single["matched"]) == (spark["records"], spark["matched"])
strip = lambda ts: [{k: t[k] for k in ("tool", "status", "people", "days", "requests", "blocked")} for t in ts]
assert strip(single["tools"]) == strip(spark["tools"]), "tool totals differ"
assert not any("@" in r["user"] for r in b), "a user name left the executors"
statuses = {t["status"] for t in single["tools"]}
assert {"approved", "forbidden"} <= statuses, statuses
print(f"spark.sh: {len(a)} inventory rows, {single['records']} records, {spark['partitions']} partitions: "
      "the distributed inventory equals the single-machine one")
PY
