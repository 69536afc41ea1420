#!/usr/bin/env python3
# charterlint: allow-file SHADOW002 -- the generator plants AI API hosts in its log on purpose
"""Synthetic Squid access.log (native format) for network-log throughput runs.

Deterministic for a given --seed and size: the log is written in chunks of --chunk
lines, each chunk with its own RNG seeded from (seed, chunk index) and its own
time window, so the output does not depend on the number of worker processes;
writing stops after the chunk that reaches the requested size.

Host mix: mostly ordinary business and web hosts (office suites, CDNs, updates,
news, code hosting), about --ai-rate of requests to AI hosts taken from the
catalogue (rules/catalog/*.yaml: domains and api_hosts, popular chat tools
weighted up, sometimes under a subdomain), and a few near misses that must NOT
match (`notclaude.ai`, `chatgpt.com.example.net`). About 2% of requests are
TCP_DENIED (10% of AI requests), 8% carry no user name.

Line format (squid.conf `logformat squid`):
  %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt

usage: gen_network.py SIZE_MB [--seed 42] [--out FILE] [--jobs 2] [--ai-rate 0.03]
Prints the line counts (all, AI, denied AI) on stderr as ground truth.
"""
import argparse
import multiprocessing as mp
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "rules", "catalog")

OTHER = [
    "www.google.com", "fonts.googleapis.com", "fonts.gstatic.com", "www.gstatic.com", "accounts.google.com",
    "outlook.office365.com", "login.microsoftonline.com", "teams.microsoft.com", "graph.microsoft.com",
    "onedrive.live.com", "update.microsoft.com", "settings-win.data.microsoft.com", "www.bing.com",
    "github.com", "api.github.com", "objects.githubusercontent.com", "registry.npmjs.org", "pypi.org",
    "files.pythonhosted.org", "crates.io", "static.crates.io", "cdn.jsdelivr.net", "cdnjs.cloudflare.com",
    "s3.eu-west-3.amazonaws.com", "d1a2b3c4d5e6f7.cloudfront.net", "slack.com", "edgeapi.slack.com",
    "zoom.us", "us05web.zoom.us", "www.linkedin.com", "media.licdn.com", "www.lemonde.fr", "www.bbc.co.uk",
    "www.wikipedia.org", "fr.wikipedia.org", "upload.wikimedia.org", "www.youtube.com", "i.ytimg.com",
    "www.salesforce.com", "example.my.salesforce.com", "app.hubspot.com", "www.dropbox.com",
    "intranet.example.com", "sharepoint.example.com", "vpn.example.com", "ocsp.digicert.com",
    "ctldl.windowsupdate.com", "dl.google.com", "clients2.google.com", "safebrowsing.googleapis.com",
    "www.amazon.fr", "images-eu.ssl-images-amazon.com", "www.stackoverflow.com", "stackoverflow.com",
    "docs.python.org", "doc.rust-lang.org", "www.atlassian.com", "example.atlassian.net", "www.notion.so",
]
NEAR_MISS = ["notclaude.ai", "chatgpt.com.example.net", "mydeepseek.com", "openai.com.cdn.example.org",
             "mistral.airline.example", "perplexity.ai-news.example.com"]
POPULAR = ["chatgpt.com", "chat.openai.com", "api.openai.com", "claude.ai", "api.anthropic.com",
           "gemini.google.com", "copilot.microsoft.com", "chat.deepseek.com", "www.perplexity.ai",
           "chat.mistral.ai"]
MIME = ["-", "text/html", "application/json", "image/png", "text/css", "application/javascript"]


def catalog_hosts():
    """Domains and API hosts of the catalogue, from its YAML flow lists."""
    hosts = set()
    for name in sorted(os.listdir(CATALOG)):
        if not name.endswith(".yaml"):
            continue
        text = open(os.path.join(CATALOG, name), encoding="utf-8").read()
        for m in re.finditer(r"^\s+(?:domains|api_hosts):\s*\[([^\]]*)\]", text, re.M):
            for h in m.group(1).replace("\n", " ").split(","):
                h = h.split("#")[0].strip().strip("'\"")
                if h and "*" not in h and "/" not in h:
                    hosts.add(h.lower())
    return sorted(hosts)


def users(r):
    first = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "kim", "liam",
             "mia", "noah", "olga", "paul", "quinn", "rosa", "sam", "tina"]
    out = []
    for i in range(600):
        out.append((f"{r.choice(first)}{i:03d}", f"10.{20 + i // 250}.{i % 250}.{r.randrange(2, 250)}"))
    return out


def line(r, t, people, ai_hosts, ai_rate, counts):
    name, ip = r.choice(people)
    user = "-" if r.random() < 0.08 else name
    x = r.random()
    ai = x < ai_rate
    if ai:
        host = r.choice(POPULAR) if r.random() < 0.7 else r.choice(ai_hosts)
        if r.random() < 0.15 and not host.startswith(("www.", "api.", "chat.")):
            host = r.choice(["www.", "cdn.", "app."]) + host
    elif x < ai_rate + 0.002:
        host = r.choice(NEAR_MISS)
    else:
        host = r.choice(OTHER)
    denied = r.random() < (0.10 if ai else 0.02)
    counts[0] += 1
    counts[1] += ai
    counts[2] += ai and denied
    y = r.random()
    if y < 0.7:
        method, url, code = "CONNECT", f"{host}:443", "TCP_TUNNEL/200"
        size = int(r.lognormvariate(8.5, 1.6))
    else:
        method = "GET" if y < 0.95 else "POST"
        path = "/" + "/".join(f"{r.choice(['api', 'v1', 'static', 'img', 'news', 'search', 'c'])}"
                              for _ in range(r.randrange(1, 4)))
        url = f"http://{host}{path}"
        code = r.choice(["TCP_MISS/200", "TCP_MISS/200", "TCP_HIT/200", "TCP_REFRESH_MODIFIED/200", "TCP_MISS/304"])
        size = int(r.lognormvariate(7.5, 1.4))
    if denied:
        code, size = "TCP_DENIED/403", 3900 + r.randrange(200)
        hier = "HIER_NONE/-"
    else:
        hier = f"HIER_DIRECT/{r.randrange(1, 224)}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"
    elapsed = 0 if denied else int(r.expovariate(1 / 400))
    return f"{t:.3f} {elapsed:6d} {ip} {code} {size} {method} {url} {user} {hier} {r.choice(MIME)}"


_HOSTS = []


def chunk(args):
    seed, idx, lines, ai_rate = args
    if not _HOSTS:
        _HOSTS.extend(catalog_hosts())
    ai_hosts = _HOSTS
    r = random.Random(f"{seed}:{idx}")
    people = users(random.Random(f"{seed}:users"))
    # Each chunk covers its own 10 minutes from 2026-03-02T00:00:00Z.
    t = 1772409600 + idx * 600
    step = 600 / lines
    counts = [0, 0, 0]
    out = []
    for j in range(lines):
        out.append(line(r, t + j * step, people, ai_hosts, ai_rate, counts))
    return ("\n".join(out) + "\n").encode("ascii"), counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--chunk", type=int, default=20_000)
    ap.add_argument("--ai-rate", type=float, default=0.03)
    ap.add_argument("--jobs", type=int, default=mp.cpu_count())
    ap.add_argument("--out", default="network/access.log")
    a = ap.parse_args()
    hosts = catalog_hosts()
    if not hosts:
        sys.exit(f"no hosts found under {CATALOG}")
    target = int(a.size_mb * 1e6)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    t0, total, counts = time.time(), 0, [0, 0, 0]

    # Chunks go to the pool a batch at a time, in order, so memory stays bounded and the
    # file ends at the same chunk whatever the number of workers.
    batch, start = max(1, a.jobs) * 4, 0
    with open(a.out, "wb") as f, mp.Pool(a.jobs) as pool:
        while total < target:
            tasks = [(a.seed, i, a.chunk, a.ai_rate) for i in range(start, start + batch)]
            start += batch
            for blob, c in pool.imap(chunk, tasks):
                f.write(blob)
                total += len(blob)
                counts = [x + y for x, y in zip(counts, c)]
                if total >= target:
                    break
    print(f"{a.out}: {counts[0]} lines ({counts[1]} to AI hosts, {counts[2]} of them denied), "
          f"{total} bytes ({total / 1e6:.1f} MB) in {time.time() - t0:.0f}s; {len(hosts)} catalogue hosts",
          file=sys.stderr)


if __name__ == "__main__":
    main()
