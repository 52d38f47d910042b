#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
# Ends with "N passed, N failed, N skipped" on a line of its own; exits non-zero when a test fails or none ran.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "Could not install chromium"; exit 1; }
fi

dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; exit 1; }

log=$(mktemp)
dotnet test --solution Allnimall.Marketing.sln --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints a block per test application: "total: N / failed: N / succeeded: N / skipped: N".
sum() { grep -E "^\s+$1: [0-9]+" "$log" | awk '{s += $2} END {print s + 0}'; }
passed=$(sum succeeded); failed=$(sum failed); skipped=$(sum skipped)
# Name the failures again at the end, where a truncated CI log still shows them.
if [ "$failed" -ne 0 ]; then
  echo "Failed tests:"
  grep -E "^\s*failed [A-Za-z_]" "$log" | sed 's/^\s*/  /' | head -40
fi
rm -f "$log"

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
