#!/usr/bin/env bash
# Makes sure the generated PDFs have their CJK font and their tests have pdftotext:
#   - fonts-wqy-microhei: WenQuanYi Micro Hei (/usr/share/fonts/truetype/wqy/wqy-microhei.ttc), licensed
#     Apache-2.0 (or GPL-3+ with the font exception): the font CivicFlow's PDFs embed (a subset of the
#     glyphs used). A TrueType-outline font, which PDFBox can subset; Noto Sans CJK (fonts-noto-cjk) is
#     CFF-based and cannot be subset by PDFBox. The application needs it at run time too
#     (civicflow.documents.pdf-font names another TrueType font if you prefer; the Dockerfile installs it).
#   - poppler-utils: pdftotext, with which the tests read the generated PDFs' text back.
#
# Run by the workers build (exec-maven-plugin, phase process-test-classes) before the tests; safe to run
# by hand. Idempotent: does nothing when both are present.
#   - root: apt-get update && apt-get install -y fonts-wqy-microhei poppler-utils
#   - not root and missing: prints what to run and exits 1 (the build stops with that message)
# Environment: CIVICFLOW_PDF_FONT (default the path above), CIVICFLOW_SKIP_PDF_TOOLS_INSTALL=1 to only check.
set -euo pipefail

FONT="${CIVICFLOW_PDF_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
log() { printf 'install-pdf-tools.sh: %s\n' "$*" >&2; }

missing=()
[ -r "$FONT" ] || missing+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ "${#missing[@]}" -eq 0 ]; then
  log "found $FONT and $(command -v pdftotext)"
  exit 0
fi

if [ "${CIVICFLOW_SKIP_PDF_TOOLS_INSTALL:-}" = 1 ]; then
  log "missing: ${missing[*]} (CIVICFLOW_SKIP_PDF_TOOLS_INSTALL=1, not installing)"
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  log "missing: ${missing[*]}. Generated PDFs need the CJK font and their tests pdftotext; as root run:"
  log "  apt-get update && apt-get install -y ${missing[*]}"
  exit 1
fi

command -v apt-get >/dev/null 2>&1 || { log "missing: ${missing[*]}, and no apt-get on this machine: install them by hand"; exit 1; }

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
[ -r "$FONT" ] || { log "apt-get finished but $FONT is still missing"; exit 1; }
command -v pdftotext >/dev/null 2>&1 || { log "apt-get finished but pdftotext is still missing"; exit 1; }
log "installed ${missing[*]}"
