#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and `npm run cluster`: a fresh cluster in a temporary
# directory, on 127.0.0.1 only, trust auth for one user, no durability (fsync off). Never for data
# you want to keep. Debian's `postgresql` package provides the binaries (PG_BIN to override).
#
#   scripts/pg-throwaway.sh start [PORT]   # prints two lines: DATABASE_URL, then the directory
#   scripts/pg-throwaway.sh stop DIR       # stops that server and deletes its directory
#
# The server refuses to run as root: as root, initdb and postgres run as the `postgres` user.
set -euo pipefail

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN)" >&2
    exit 1
  fi
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    port=${2:-15432}
    bin=$(pg_bin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sojoourn-pg-XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    # On any failure below, leave nothing behind.
    trap 'as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' ERR
    as_owner "$bin/initdb" -D "$dir/data" -U sojoourn --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; false; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
      "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null || { cat "$dir/server.log" >&2; false; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U sojoourn sojoourn
    trap - ERR
    echo "postgres://sojoourn@127.0.0.1:$port/sojoourn"
    echo "$dir"
    ;;
  stop)
    dir=${2:?usage: pg-throwaway.sh stop DIR}
    case "$dir" in */sojoourn-pg-*) ;; *) echo "not a throwaway directory: $dir" >&2; exit 1 ;; esac
    bin=$(pg_bin)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
