#!/usr/bin/env bash
# Starts `npm start` with no DATABASE_URL or REDIS_URL (PGlite + redis-memory-server), waits
# for /readyz, signs in as the demo admin with the password printed at first start, then
# stops the process with SIGTERM and checks it exits cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
log="$data_dir/start.log"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

env -u DATABASE_URL -u REDIS_URL DATA_DIR="$data_dir" PORT="$port" HOST=127.0.0.1 npm start >"$log" 2>&1 &
pid=$!
descendants() { local child; for child in $(pgrep -P "$1"); do echo "$child"; descendants "$child"; done; }
# On any failure, stop npm start and everything under it (node would outlive npm otherwise).
cleanup() { kill $(descendants "$pid") "$pid" 2>/dev/null || true; }
trap cleanup EXIT

ready=""
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ready=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "npm start did not become ready; its output:"; cat "$log"; exit 1
fi
curl -fsS "http://127.0.0.1:$port/readyz"; echo

password=$(sed -n 's/.*admin@demo.chatonce.test  password: \(.*\)$/\1/p' "$log" | head -n 1)
[ -n "$password" ] || { echo "no demo password printed"; cat "$log"; exit 1; }
body=$(node -e 'console.log(JSON.stringify({query:"mutation($i: LoginInput!){ login(input:$i){ token user { email role account { liveChatEnabled } } userErrors { code } } }",variables:{i:{email:"admin@demo.chatonce.test",password:process.argv[1]}}}))' -- "$password")
answer=$(curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$body")
echo "$answer" | node -e '
  const { data } = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const login = data && data.login;
  if (!login || !login.token || login.user.role !== "ADMIN" || !login.user.account.liveChatEnabled) {
    console.error("demo admin login failed:", JSON.stringify(data)); process.exit(1);
  }
  console.log("demo admin login ok:", login.user.email);'

# npm start forwards SIGTERM to node through npm and a shell; signal node itself to test its own
# shutdown. It is found among this run's own descendants, never another process on the machine.
node_pid=""
for candidate in $(descendants "$pid"); do
  if tr '\0' ' ' <"/proc/$candidate/cmdline" 2>/dev/null | grep -q "dist/api/src/main.js"; then node_pid=$candidate; fi
done
[ -n "$node_pid" ] || { echo "could not find the node process under npm start"; exit 1; }
kill -TERM "$node_pid"
for _ in $(seq 1 20); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$node_pid" 2>/dev/null; then echo "npm start did not stop on SIGTERM"; exit 1; fi
trap - EXIT
echo "embedded smoke test passed"
