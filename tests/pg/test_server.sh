#!/usr/bin/env bash
# A throw-away PostgreSQL (Debian's postgresql: 15 on Debian 12, 17 on Debian 13) for the hub's store
# tests and benchmark: initdb and pg_ctl in DIR, listening only on a Unix socket in DIR (no TCP port),
# as an unprivileged user: the caller, or nobody when run as root (PostgreSQL refuses to run as root).
# Usage: tests/pg/test_server.sh start DIR   prints the connection URL (also written to DIR/url)
#        tests/pg/test_server.sh stop DIR    stops the server and deletes DIR
set -euo pipefail
# The newest server installed (Debian installs each major version in its own folder).
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
bin=${bin:-/usr/lib/postgresql/15/bin}
[[ $# == 2 && ($1 == start || $1 == stop) ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
command=$1
dir=$(realpath -m "$2")
as_server=()
if [[ $(id -u) == 0 ]]; then as_server=(setpriv --reuid=nobody --regid=nogroup --clear-groups --); fi

stop() {
  if [[ -f $dir/data/postmaster.pid ]]; then
    "${as_server[@]}" "$bin/pg_ctl" stop -D "$dir/data" -m fast -w >/dev/null
  fi
  rm -rf "$dir"
}

if [[ $command == stop ]]; then stop; exit 0; fi

[[ -x $bin/initdb ]] || { echo "$0: $bin/initdb missing: apt-get install postgresql" >&2; exit 1; }
stop  # a server left by an interrupted run
mkdir -p "$dir"
if [[ $(id -u) == 0 ]]; then
  chown nobody:nogroup "$dir"
  # The server's user must be able to reach DIR through its parents.
  if ! "${as_server[@]}" test -w "$dir"; then
    echo "$0: user nobody cannot reach $dir (a parent folder is closed to others)" >&2; exit 1
  fi
fi
# A Vietnamese collation by default (ICU), as a Hanoi server may well have: the store must not depend on it.
# Trust is safe here: the only way in is the socket in DIR, which only this user (and root) can reach.
"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=vi-VN --no-sync \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
chmod 0700 "$dir"
"${as_server[@]}" "$bin/pg_ctl" start -D "$dir/data" -w -t 30 -l "$dir/server.log" \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir'" >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
url="postgresql:///postgres?host=$dir&user=postgres"
echo "$url" >"$dir/url"
echo "$url"
