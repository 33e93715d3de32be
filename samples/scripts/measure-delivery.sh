#!/usr/bin/env bash
# Webhook delivery figures for issue #6: deliveries per second to a fast local receiver, and the
# ingest rate with no subscription, with that receiver, and with one subscription whose endpoint is
# down (nothing listens on its port). Run from the repository root after building the jars:
#   mvn -B -o -pl api,samples -am package -DskipTests && samples/scripts/measure-delivery.sh
# EVENTS (default 20000) events per run; each run uses new event ids, 4 x 1000-event batches.
set -euo pipefail
EVENTS=${EVENTS:-20000}
PORT=${PORT:-18480}
RPORT=${RPORT:-18490}
KEY=measure-admin-key-0123456789
DATA=$(mktemp -d)
trap 'kill $NODE $RECV 2>/dev/null || true; rm -rf "$DATA"' EXIT

java -cp samples/target/vigil-samples.jar dev.vigil.samples.WebhookReceiver --port "$RPORT" >/dev/null &
RECV=$!
VIGIL_DATA_DIR="$DATA/data" VIGIL_HTTP_HOST=127.0.0.1 VIGIL_HTTP_PORT="$PORT" VIGIL_ADMIN_KEY="$KEY" \
  VIGIL_WEBHOOK_ALLOWLIST=127.0.0.1 VIGIL_ENGINE_DURABILITY=batch \
  java -Xms256m -Xmx1g -jar api/target/vigil.jar server >"$DATA/node.log" 2>&1 &
NODE=$!
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 0.5; done

metric() { # sum of a metric's samples
  curl -s "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 ~ "^"m"({|$)" {s+=$2} END {printf "%d\n", s}'
}
now() { date +%s.%N; }
subscribe() {
  curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"url\":\"$1\"}" "http://127.0.0.1:$PORT/v1/subscriptions" | sed 's/.*"id":"\([^"]*\)".*/\1/'
}
load() { # ingest EVENTS events; print accepted/s and end-to-end (evaluated) events/s
  local t0 t1 out
  t0=$(now)
  out=$(java -cp samples/target/vigil-samples.jar dev.vigil.samples.LoadGenerator --url "http://127.0.0.1:$PORT" \
    --key "$KEY" --events "$EVENTS" --batch 1000 --concurrency 4 --prefix "$1")
  while [ "$(metric vigil_engine_queue_depth)" != 0 ]; do sleep 0.2; done
  t1=$(now)
  echo "  generator: $out"
  echo "  end to end: $(echo "$EVENTS / ($t1 - $t0)" | bc) events/s"
}

echo "run 1: no subscription"
load base
echo "run 2: one subscription to a fast local receiver, paused during the load, then resumed"
SUB=$(subscribe "http://127.0.0.1:$RPORT/hook")
curl -sf -X POST -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/subscriptions/$SUB/pause" >/dev/null
d0=$(metric vigil_webhooks_delivered_total); a0=$(metric vigil_engine_alerts_total)
load fast
alerts=$(( $(metric vigil_engine_alerts_total) - a0 ))
t0=$(now)
curl -sf -X POST -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/subscriptions/$SUB/resume" >/dev/null
until [ $(( $(metric vigil_webhooks_delivered_total) - d0 )) -ge "$alerts" ]; do sleep 0.2; done
echo "  deliveries: $alerts alerts (counter vigil_engine_alerts_total) delivered in $(echo "$(now) - $t0" | bc) s:" \
  "$(echo "$alerts / ($(now) - $t0)" | bc) deliveries/s"
curl -sf -X DELETE -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/v1/subscriptions/$SUB" >/dev/null
echo "run 3: one subscription whose endpoint is down"
subscribe "http://127.0.0.1:1/hook" >/dev/null
load dead
echo "  failed attempts so far: $(metric vigil_webhooks_attempts_failed_total)"
