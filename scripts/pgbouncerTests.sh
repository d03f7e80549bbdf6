#!/usr/bin/env bash
# The HTTP tests once more, with the app's pool behind Debian's PgBouncer in transaction mode, as
# a web dyno's is behind Heroku's connection pooling (DATABASE_CONNECTION_POOL_URL). Creating the
# tests' databases stays on the server: a pooler cannot carry CREATE DATABASE ... TEMPLATE while
# it holds connections to the template. Needs the PostgreSQL at DATABASE_URL (default: the
# machine's, trust auth). Arguments replace the list of test files, e.g. to run one of them.
set -euo pipefail
cd "$(dirname "$0")/.."

server_url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}

# The in-process HTTP tests (pages, forms, sign-in, sync, admin) and the web dyno's daily audit
# retention pass, all through the app's pool.
# Left out by design: tests of the release phase and index builds, the demo and development
# set-up (session locks and settings, so DATABASE_URL on Heroku too), database fault injection
# (it kills the server connections by application_name), the tests that start processes, and
# the property-based hostile-input tests (slow, and about parsing rather than the database).
http_tests=(
  test/accounts/account.test.ts
  test/accounts/audit.test.ts
  test/accounts/create.test.ts
  test/accounts/edit.test.ts
  test/accounts/list.test.ts
  test/accounts/mappingAware.test.ts
  test/admin
  test/audit/changeWithItsRecord.test.ts
  test/audit/contactChanges.test.ts
  test/audit/retention.test.ts
  test/auth
  test/contacts/accountField.test.ts
  test/contacts/auditWriteBack.test.ts
  test/contacts/bulk/batchLimit.test.ts
  test/contacts/bulk/choose.test.ts
  test/contacts/bulk/deleteMany.test.ts
  test/contacts/bulk/massEdit.test.ts
  test/contacts/bulk/ownerScope.test.ts
  test/contacts/bulk/withoutTriggerLog.test.ts
  test/contacts/card/card.test.ts
  test/contacts/card/vcard.test.ts
  test/contacts/create/createOnce.test.ts
  test/contacts/createAndDelete.test.ts
  test/contacts/delete/deleteChanged.test.ts
  test/contacts/duplicates
  test/contacts/edit/accountAndOwner.test.ts
  test/contacts/edit/conflict.test.ts
  test/contacts/edit/edit.test.ts
  test/contacts/edit/untouchedFields.test.ts
  test/contacts/escaping.test.ts
  test/contacts/import/editorStamp.test.ts
  test/contacts/import/failedRows.test.ts
  test/contacts/import/jobFailure.test.ts
  test/contacts/import/preview.test.ts
  test/contacts/import/roles.test.ts
  test/contacts/import/salesforceRefusals.test.ts
  test/contacts/import/uploadErrors.test.ts
  test/contacts/import/write.test.ts
  test/contacts/list/accountsAndOwners.test.ts
  test/contacts/list/exportCsv.test.ts
  test/contacts/list/list.test.ts
  test/contacts/list/listAtScale.test.ts
  test/contacts/list/params.test.ts
  test/contacts/list/search.test.ts
  test/contacts/list/sortByAccount.test.ts
  test/contacts/list/sortAndPaging.test.ts
  test/contacts/mappingAware.test.ts
  test/contacts/roles.test.ts
  test/contacts/unreadableText.test.ts
  test/contacts/validation.test.ts
  test/db/pooler.test.ts
  test/health
  test/records
  test/setup
  test/sync/accountWrites.test.ts
  test/sync/batchAccess.test.ts
  test/sync/batchAtScale.test.ts
  test/sync/batchPage.test.ts
  test/sync/batchProgressScript.test.ts
  test/sync/duplicateRefusal.test.ts
  test/sync/lifecycle.test.ts
  test/sync/retry.test.ts
  test/sync/routes.test.ts
  test/web/errorPages.test.ts
)
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=("${http_tests[@]}")
# jest takes a path as a pattern, and a pattern that matches nothing is no error: a test file
# moved or renamed would silently drop out of this run.
for test in "${tests[@]}"; do
  [ -e "$test" ] || { echo "pgbouncer tests: $test does not exist" >&2; exit 1; }
done

if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "pgbouncer tests: installing Debian's pgbouncer"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi
PATH="$PATH:/usr/sbin"

read -r host port user password < <(node -e '
  const url = new URL(process.argv[1]);
  const part = (value, fallback) => decodeURIComponent(value) || fallback;
  console.log(url.hostname, url.port || 5432, part(url.username, "postgres"), part(url.password, "-"));
' "$server_url")
[ "$password" = - ] && password=
listen_port=$(node -e '
  const server = require("node:net").createServer().listen(0, "127.0.0.1", () => {
    console.log(server.address().port);
    server.close();
  });
')

dir=$(mktemp -d /tmp/pgbouncer-tests.XXXXXX)
# `*` lets every test file's own database through. No ignore_startup_parameters: the app must
# send only what a pooler accepts. Idle server connections close soon, so the pools of earlier
# test files' databases never add up to the server's max_connections.
cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$host port=$port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 10
max_user_connections = 60
server_idle_timeout = 5
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
# The server's password, for PgBouncer's own sign-in; the app signs in to PgBouncer by trust.
printf '"%s" "%s"\n' "$user" "$password" >"$dir/userlist.txt"
chmod 700 "$dir"

# PgBouncer refuses to run as root.
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$dir"
  runuser -u postgres -- pgbouncer -d "$dir/pgbouncer.ini"
else
  pgbouncer -d "$dir/pgbouncer.ini"
fi
stop() {
  if [ -f "$dir/pgbouncer.pid" ]; then kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true; fi
  sleep 0.2
  rm -rf "$dir"
}
trap stop EXIT
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$listen_port" && break
  sleep 0.1
done
if ! pg_isready -q -h 127.0.0.1 -p "$listen_port"; then
  echo "pgbouncer tests: PgBouncer did not start; its log:"
  cat "$dir/pgbouncer.log"
  exit 1
fi

echo "pgbouncer tests: $(pgbouncer --version | head -n 1), transaction mode on 127.0.0.1:$listen_port"
started=$(date +%s)
# PGBOUNCER_REQUIRED: the pooler test must run here, not skip.
if ! DATABASE_URL=$server_url TEST_POOLER_URL="postgres://$user@127.0.0.1:$listen_port/postgres" \
  PGBOUNCER_REQUIRED=1 npm test -- "${tests[@]}"; then
  echo "pgbouncer tests: failed; PgBouncer's log:"
  tail -n 40 "$dir/pgbouncer.log"
  exit 1
fi
echo "pgbouncer tests: passed in $(($(date +%s) - started)) s"
