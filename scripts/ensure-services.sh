#!/usr/bin/env bash
# The database unit tests' second pass and the cluster spec need Debian's PostgreSQL server and
# nginx (nginx-light); the moved-clock pass needs faketime; the W3C Nu checker (vnu-jar) needs Java. Installs them with apt-get when missing
# and we are root; else says how.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${PG_BIN:-}" ] || missing+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || [ -n "${NGINX_BIN:-}" ] || missing+=(nginx-light)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} = 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the Postgres and cluster tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged services; the tests run their own throwaway ones.
  (command -v service >/dev/null && service nginx stop >/dev/null 2>&1) || true
  exit 0
fi
echo "Missing: ${missing[*]}. Install them (sudo apt-get install ${missing[*]})." >&2
exit 1
