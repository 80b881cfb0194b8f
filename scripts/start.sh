#!/usr/bin/env bash
# Sets everything up, builds the CLI and the browser calculator, answers the default example on the command
# line, and serves the page at http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop). The page also works opened
# straight from disk: web/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
cmake --preset native >/dev/null && cmake --build --preset native
cmake --preset wasm -DBUILD_TESTING=OFF >/dev/null && cmake --build --preset wasm
echo
echo '$ build/cli/migcalc check --gpu H100-SXM5-80GB 3g.40gb 2g.20gb 1g.10gb:2'
build/cli/migcalc check --gpu H100-SXM5-80GB 3g.40gb 2g.20gb 1g.10gb:2 || true
echo
echo "The calculator: http://127.0.0.1:${PORT:-8080}/  (or open file://$PWD/web/index.html)"
exec python3 -m http.server "${PORT:-8080}" --bind 127.0.0.1 --directory web
