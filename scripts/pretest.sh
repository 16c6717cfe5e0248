#!/usr/bin/env bash
# Runs before `npm test`: makes sure LibreOffice (workbook tests), Chromium (browser tests),
# xmllint (the schema test) and the Carlito font are here, installing them with apt-get when we may, then builds what the tests load (dist/, lib/).
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils) # the ECMA-376 schema test
# Carlito, Calibri's metric twin: LibreOffice draws the sheets' PDFs with it, and the "no text is cut"
# test measures text with its widths.
[ -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || need+=(fonts-crosextra-carlito)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils) # pages of the printed sheets, and npm run look
if [ ${#need[@]} -gt 0 ]; then
  need+=(fonts-dejavu-core) # PDFs and screenshots need at least one font
  echo "pretest: installing ${need[*]} (needed by the workbook and browser tests)"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "pretest: cannot install ${need[*]} without root. Run:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    echo "then npm test again." >&2
    exit 1
  fi
fi
npm run build --silent
