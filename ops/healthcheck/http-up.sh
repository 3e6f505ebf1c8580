#!/bin/bash
# Usage: http-up.sh PORT PATH
# Exits 0 when http://127.0.0.1:PORT/PATH answers 200. Bash only, no curl: the Keycloak image has none, and
# Axon Server's may not. Used by the compose file's health checks.
set -u
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
IFS= read -r status <&3 || exit 1
[[ "$status" =~ ^HTTP/[0-9.]+\ 200 ]]
