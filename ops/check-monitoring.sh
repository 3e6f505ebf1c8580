#!/usr/bin/env bash
# Checks the monitoring configuration without running it: ops/prometheus/prometheus.yml with promtool, and
# every PromQL expression of the Grafana dashboards (as recording rules, Grafana's $__ variables replaced by a
# range). Installs Debian's prometheus package (for promtool) if it is missing. Exits non-zero on any error.
# Whether the dashboards name only metrics the application exposes is MetricsTest's job (masar-app).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found: installing Debian's prometheus package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

promtool check config ops/prometheus/prometheus.yml

rules="$(mktemp --suffix=.yml)"
trap 'rm -f "$rules"' EXIT
python3 - "$rules" ops/grafana/dashboards/*.json <<'PY'
import json, re, sys

out, dashboards = sys.argv[1], sys.argv[2:]
exprs = []

def walk(node, where):
    if isinstance(node, dict):
        title = node.get("title", where)
        for key, value in node.items():
            if key == "expr" and isinstance(value, str):
                exprs.append((title, value))
            else:
                walk(value, title)
    elif isinstance(node, list):
        for child in node:
            walk(child, where)

for path in dashboards:
    with open(path, encoding="utf-8") as f:
        walk(json.load(f), path)
if not exprs:
    sys.exit("no PromQL expressions found in " + ", ".join(dashboards))
with open(out, "w", encoding="utf-8") as f:
    f.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, (title, expr) in enumerate(exprs):
        expr = re.sub(r"\$\{?__(rate_interval|interval|range)\}?", "5m", expr)
        f.write(f"      - record: dashboard:expr_{i}\n        expr: {json.dumps(expr)}\n")
print(f"{len(exprs)} PromQL expressions from {len(dashboards)} dashboard(s)")
PY
promtool check rules "$rules"
