#!/bin/sh
# Regenerate tests/fixtures/yaml-probes/probes.json from probes.mjs with mig-parted's own YAML stack (needs Go and
# the Debian packages golang-go golang-gopkg-yaml.v2-dev golang-github-ghodss-yaml-dev; offline).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out="$root/tests/fixtures/yaml-probes/probes.json"
GOPATH=/usr/share/gocode GO111MODULE=off GOCACHE="${GOCACHE:-/tmp/migcalc-go-cache}" go build -o /tmp/migcalc-yaml-oracle "$here/oracle.go"
node -e "import('$here/probes.mjs').then(m => process.stdout.write(JSON.stringify(m.default)))" | /tmp/migcalc-yaml-oracle > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"
