#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: Debian's docker-compose (1.29.2) parses, interpolates
# and checks the file against the compose schema (`config -q`). Installs it with apt-get if it is missing.
# Also checks that every file the compose file mounts from ops/ exists. Exits non-zero on an invalid file.
#
#   bash ops/check-compose.sh            # the compose file at the top of the repository
#   bash ops/check-compose.sh other.yml
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-docker-compose.yml}"

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "docker-compose not found: installing Debian's docker-compose" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker-compose >/dev/null
fi

# The command side refuses to start without its national-ID secret; a placeholder lets the file be checked.
export MASAR_NATIONAL_ID_SECRET="${MASAR_NATIONAL_ID_SECRET:-placeholder-for-validation}"

docker-compose -f "$file" config -q

missing=0
for mounted in $(grep -oE '\./ops/[A-Za-z0-9_./-]+' "$file" | sed 's/:.*//' | sort -u); do
  if [ ! -e "$mounted" ]; then
    echo "$file mounts $mounted, which does not exist" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ]

echo "$file is valid ($(docker-compose -f "$file" config --services | tr '\n' ' '))"
