#!/usr/bin/env bash
# Smoke test of the EAR on Payara Server (full profile), end to end on a fresh machine.
#
# Run on demand, NOT in CI: it downloads Payara (~170 MB) through Maven and takes about a
# minute and a half. CI tests the EAR on Open Liberty only (`mvn -B verify`, see .ci/run).
#
#   connector-ear/payara-smoke.sh                 # uses connector-ear/target/connector-ear.ear
#   PAYARA_VERSION=6.2025.10 EAR=/path/x.ear KEEP=1 connector-ear/payara-smoke.sh
#
# Steps: fetch fish.payara.distributions:payara:$PAYARA_VERSION:zip with Maven, unpack it into a
# temp dir, create a domain on free ports (portbase), start it with the node's config as
# environment variables of the domain process (docs/configuration.md), deploy the EAR, poll
# /health/ready, then check: the config came from the env, GET /admin/peers (with and without
# the bearer token), POST /admin/packets/decode, and a BTP session as child "alice" (IL-DCP
# address, one Prepare to an unknown address answered F02) with the JS reference libraries of
# liberty/src/test/js. The node also dials its own /btp (peer "up" -> peer "loop") so the
# outgoing WebSocket client and the btp-link-up readiness check are exercised too.
# Prints one PASS/FAIL line per check; exit 0 only when all pass. A trap always stops the
# domain and deletes the temp dir (KEEP=1 keeps the dir). server.log is copied to
# connector-ear/target/payara-smoke-server.log.
#
# Needs: Java 17+, Maven, Node.js >= 18 with npm, curl, unzip. Loopback only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
PAYARA_VERSION=${PAYARA_VERSION:-6.2025.10}
EAR=${EAR:-$here/target/connector-ear.ear}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-180}
KEEP=${KEEP:-0}
DOMAIN=connector-smoke

log() { printf '== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
failures=0
pass() { echo "PASS $1: $2"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
now_ms() { date +%s%3N; }

for tool in java mvn node npm curl unzip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL prerequisites: $tool not found" >&2; exit 2; }
done

if [[ ! -f $EAR ]]; then
  log "no $EAR: building it (mvn -B -q install -DskipTests)"
  (cd "$repo" && mvn -B -q install -DskipTests)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/payara-smoke.XXXXXX")
asadmin=
admin_port=
cleanup() {
  local rc=$?
  set +e
  if [[ -n $asadmin && -x $asadmin ]]; then
    log "stopping domain $DOMAIN"
    "$asadmin" --interactive=false stop-domain "$DOMAIN" >/dev/null 2>&1 \
      || "$asadmin" --interactive=false stop-domain --kill=true "$DOMAIN" >/dev/null 2>&1
    local logf=$work/payara6/glassfish/domains/$DOMAIN/logs/server.log
    if [[ -f $logf ]]; then
      mkdir -p "$here/target" && cp "$logf" "$here/target/payara-smoke-server.log"
      if [[ $rc != 0 || $failures != 0 ]]; then
        echo "---- last SEVERE/WARNING lines of server.log (whole log: $here/target/payara-smoke-server.log)"
        grep -A3 -E '\[(SEVERE|WARNING)\]' "$logf" | tail -n 40
      fi
    fi
  fi
  if [[ $KEEP == 1 ]]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- Payara
log "fetching Payara $PAYARA_VERSION with Maven"
if ! out=$(mvn -B -q dependency:copy \
    -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" \
    -DoutputDirectory="$work/dl" -Dmdep.stripVersion=true 2>&1); then
  echo "$out"
  echo "FAIL fetch: fish.payara.distributions:payara:$PAYARA_VERSION:zip" >&2
  exit 2
fi
unzip -q "$work/dl/payara.zip" -d "$work"
asadmin=$work/payara6/bin/asadmin
[[ -x $asadmin ]] || { echo "FAIL unpack: no $asadmin" >&2; exit 2; }

# A portbase whose ports (base+9 debug, +37..39 IIOP, +48 admin, +49/+59 Hazelcast, +66 OSGi,
# +76 JMS, +80 HTTP, +81 HTTPS, +86 JMX) are all free on this machine.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
portbase=
for base in $(seq 28000 100 40000); do
  busy=0
  for off in 9 37 38 39 48 49 59 66 76 80 81 86; do
    if port_busy $((base + off)); then busy=1; break; fi
  done
  if [[ $busy == 0 ]]; then portbase=$base; break; fi
done
[[ -n $portbase ]] || { echo "FAIL ports: no free portbase in 28000..40000" >&2; exit 2; }
http_port=$((portbase + 80))
admin_port=$((portbase + 48))
base_url=http://127.0.0.1:$http_port

"$asadmin" --interactive=false --user admin create-domain --nopassword \
  --portbase "$portbase" "$DOMAIN" >/dev/null
log "domain $DOMAIN: HTTP $http_port, admin $admin_port"

# The node's config: env vars of the domain process reach MicroProfile Config in the app.
node_env=(
  ILP_ADDRESS=test.payara
  ADMIN_API_TOKEN=t
  ASSET_CODE=XRP
  ASSET_SCALE=9
  CONNECTOR_PEERS=alice,up,loop
  PEER_ALICE_RELATION=child
  PEER_ALICE_BTP_TOKEN=alice-token
  PEER_ALICE_MIN_BALANCE=-1000000
  PEER_UP_RELATION=peer
  "PEER_UP_BTP_URL=btp+ws://loop:loop-token@127.0.0.1:$http_port/btp"
  PEER_LOOP_RELATION=peer
  PEER_LOOP_BTP_TOKEN=loop-token
)
t0=$(now_ms)
env "${node_env[@]}" "$asadmin" --interactive=false start-domain "$DOMAIN" >/dev/null
t1=$(now_ms)
log "start-domain took $(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) s"

"$asadmin" --interactive=false --port "$admin_port" deploy --name ilp-connector "$EAR" >/dev/null
t2=$(now_ms)
log "deploy took $(( (t2 - t1) / 1000 )).$(( (t2 - t1) % 1000 / 100 )) s"

# ---------------------------------------------------------------- checks
ready=
ready_code=000
deadline=$(( $(date +%s) + READY_TIMEOUT_S ))
while (( $(date +%s) < deadline )); do
  ready=$(curl -s --max-time 5 -w '\n%{http_code}' "$base_url/health/ready" || true)
  ready_code=${ready##*$'\n'}
  ready=${ready%$'\n'*}
  if [[ $ready == *'"status":"UP"'* && $ready == *'"connector-node"'* ]]; then break; fi
  sleep 0.5
done
t3=$(now_ms)
if [[ $ready == *'"status":"UP"'* && $ready == *'"connector-node"'* ]]; then
  pass health-ready "UP $(( (t3 - t1) / 1000 )) s after deploy started: $ready"
else
  # Payara answers an exception in a check with an HTML error page: show its <pre> text
  why=$(printf '%s' "$ready" | sed -n 's/.*<pre>\(.*\)<\/pre>.*/\1/p')
  fail health-ready "not UP within ${READY_TIMEOUT_S}s: HTTP $ready_code ${why:-${ready:0:300}}"
  exit 1
fi

# the outgoing link (up -> our own /btp as loop) connects and its readiness check says so
link=
for _ in $(seq 1 40); do
  link=$(curl -s --max-time 5 -w ' HTTP %{http_code}' "$base_url/health/ready" || true)
  if [[ $link == *'"btp-link-up"'*'"connected":"true"'* ]]; then break; fi
  sleep 0.5
done
if [[ $link == *'"btp-link-up"'*'"connected":"true"'* && $link == *'HTTP 200' ]]; then
  pass health-btp-link "$link"
else
  fail health-btp-link "${link:0:400}"
fi

peers=$(curl -s --max-time 10 -w ' HTTP %{http_code}' -H 'Authorization: Bearer t' \
  "$base_url/admin/peers" || true)
if [[ $peers == *'HTTP 200' && $peers == *'"id":"alice","relation":"child"'* \
      && $peers == *'"id":"up"'* && $peers == *'"id":"loop"'* ]]; then
  pass admin-peers "$peers"
else
  fail admin-peers "$peers"
fi
if [[ $ready == *'"address":"test.payara"'* && $peers == *'"assetCode":"XRP","assetScale":9'* ]]
then
  pass config-from-env "ILP_ADDRESS, CONNECTOR_PEERS, ASSET_*, PEER_* and ADMIN_API_TOKEN seen by the app"
else
  fail config-from-env "address or peers do not match the env"
fi

noauth=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$base_url/admin/peers" || true)
[[ $noauth == 401 ]] && pass admin-no-token "HTTP 401" || fail admin-no-token "HTTP $noauth"

hex=0c53000000000000006b323031373132323330313231343035343968389fc771ca125c585811f7493d5f467395db1954a866baca78c52b6fb9c4e10d6578616d706c652e616c6963650b68656c6c6f20776f726c64
decoded=$(curl -s --max-time 10 -w ' HTTP %{http_code}' -H 'Authorization: Bearer t' \
  -H 'Content-Type: application/json' -d "{\"hex\": \"$hex\"}" \
  "$base_url/admin/packets/decode" || true)
if [[ $decoded == *'HTTP 200' && $decoded == *'"type":"PREPARE"'* && $decoded == *'"amount":"107"'* \
      && $decoded == *'"destination":"example.alice"'* \
      && $decoded == *'"expiresAt":"2017-12-23T01:21:40.549Z"'* ]]; then
  pass admin-decode "$decoded"
else
  fail admin-decode "$decoded"
fi

log "installing the JS peers (npm ci)"
mkdir -p "$work/js"
(cd "$repo/liberty/src/test/js" && tar --exclude=node_modules -cf - .) | tar -xf - -C "$work/js"
(cd "$work/js" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if btp=$(cd "$work/js" && timeout 60 node btp-smoke.js \
    --btp "btp+ws://alice:alice-token@127.0.0.1:$http_port/btp" \
    --address test.payara.alice --unknown test.nowhere.bob --timeout 45 2>&1); then
  echo "$btp"
else
  echo "$btp"
  fail btp "the BTP checks above did not all pass"
fi

echo "---- Payara $PAYARA_VERSION, Java $(java -version 2>&1 | head -1)"
if [[ $failures == 0 ]]; then
  echo "PASS payara-smoke: all checks passed"
else
  echo "FAIL payara-smoke: $failures check(s) failed"
  exit 1
fi
