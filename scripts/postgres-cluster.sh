#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the database tests (and for trying PostgreSQL by hand).
#   scripts/postgres-cluster.sh start DIR [PORT]   initdb (locale C, trust on loopback only) and start; prints the URL
#   scripts/postgres-cluster.sh stop DIR           stop it (the folder stays; delete it yourself)
# Installs Debian's postgresql package first when no server binaries are found and this runs as root with apt-get.
# initdb refuses to run as root: as root the cluster belongs to the `postgres` system user.
set -euo pipefail

find_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
}

install_server() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing PostgreSQL from Debian (apt-get install postgresql)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    # The package starts its own cluster on 5432 where services run; ours runs beside it on another port.
  else
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL 15 (Debian: apt-get install postgresql)" >&2
    exit 1
  fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2; }
bin="$(find_bin)"
if [ -z "$bin" ]; then install_server; bin="$(find_bin)"; fi

case "$cmd" in
  start)
    port="${3:-54329}"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust --locale=C -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
