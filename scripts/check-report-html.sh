#!/usr/bin/env bash
# Renders an evaluation report.html in headless Chromium and checks that every chart was drawn and is
# visible; optionally saves a screenshot.
#   scripts/check-report-html.sh REPORT_DIR [SCREENSHOT.png]
# REPORT_DIR holds report.json and report.html (from `sessiongan evaluate --out REPORT_DIR`).
# Needs Debian's chromium (apt-get install chromium).
set -euo pipefail
dir=$(cd "$1" && pwd)
shot=${2:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "check-report-html: chromium not found (apt-get install chromium)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile" --virtual-time-budget=15000)
# charts the page must draw: 3 training charts when there is a history, lengths, categories, one
# transition heat map for the holdout and one per column, coverage
expected=$(python3 - "$dir/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print((3 if r.get("training_history") else 0) + 2 + 1 + len(r["columns"]) + 1)
PY
)
dom=$("$browser" "${flags[@]}" --dump-dom "file://$dir/report.html" 2>/dev/null)
rendered=$(grep -o 'data-charts-rendered="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || true)
visible=$(grep -o 'data-charts-visible="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || true)
if [[ "$rendered" != "$expected" || "$visible" != "$expected" ]]; then
  echo "check-report-html: expected $expected charts, rendered '${rendered}', visible '${visible}'" >&2
  exit 1
fi
if [[ -n "$shot" ]]; then
  "$browser" "${flags[@]}" --window-size=1280,5400 --hide-scrollbars --screenshot="$shot" \
    "file://$dir/report.html" >/dev/null 2>&1
  [[ -s "$shot" ]] || { echo "check-report-html: no screenshot written" >&2; exit 1; }
fi
echo "report.html: all $expected charts rendered and visible"
