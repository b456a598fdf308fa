#!/usr/bin/env bash
# Makes sure the browser test has a browser: Debian's Chromium at /usr/bin/chromium and CJK fonts, so the
# console's Chinese text renders in screenshots. Playwright's own browser download cannot be used (it is not
# reachable from every build network), so the project installs the distribution's Chromium itself.
#
# Run by the workers build (exec-maven-plugin, phase pre-integration-test) before ConsoleBrowserIT; safe to run
# by hand. Idempotent: does nothing when both are present.
#   - root: apt-get update && apt-get install -y chromium fonts-noto-cjk
#   - not root and missing: prints what to run and exits 1 (the build stops with that message)
# Environment: CHROMIUM (default /usr/bin/chromium), CIVICFLOW_SKIP_CHROMIUM_INSTALL=1 to only check.
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
log() { printf 'install-chromium.sh: %s\n' "$*" >&2; }

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .; }; then
  missing+=(fonts-noto-cjk)
fi

if [ "${#missing[@]}" -eq 0 ]; then
  log "found $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')) and CJK fonts"
  exit 0
fi

if [ "${CIVICFLOW_SKIP_CHROMIUM_INSTALL:-}" = 1 ]; then
  log "missing: ${missing[*]} (CIVICFLOW_SKIP_CHROMIUM_INSTALL=1, not installing)"
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  log "missing: ${missing[*]}. The browser test needs Debian's Chromium and CJK fonts; as root run:"
  log "  apt-get update && apt-get install -y chromium fonts-noto-cjk"
  log "(or point CHROMIUM / -Dcivicflow.chromium at another Chromium binary)"
  exit 1
fi

command -v apt-get >/dev/null 2>&1 || { log "missing: ${missing[*]}, and no apt-get on this machine: install them by hand"; exit 1; }

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
[ -x "$CHROMIUM" ] || { log "apt-get finished but $CHROMIUM is still missing"; exit 1; }
log "installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
