#!/usr/bin/env bash
# Builds Fleet Jobs and runs it on this machine: the service with its embedded MQTT broker and H2 under ./data,
# plus a demo fleet of simulated devices. Ctrl-C stops everything.
#   ./run.sh                 50 simulated devices
#   DEMO_DEVICES=200 DEMO_COAP_DEVICES=20 ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

DEVICES="${DEMO_DEVICES:-50}"
COAP_DEVICES="${DEMO_COAP_DEVICES:-5}"
PORT=8080

echo "Building (first run downloads dependencies from Maven Central)..."
mvn -B -ntp -q package -DskipTests

mkdir -p data
java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -Dmicronaut.config.files=config/application.yml \
  -jar app/target/fleet-jobs-app.jar > data/service.log 2>&1 &
APP=$!
SIM=""
cleanup() {
  [ -n "$SIM" ] && kill "$SIM" 2>/dev/null || true
  kill "$APP" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "Starting the service (log: data/service.log)..."
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$PORT/health" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$APP" 2>/dev/null; then echo "The service did not start; see data/service.log"; tail -20 data/service.log; exit 1; fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/health" > /dev/null || { echo "The service did not become healthy; see data/service.log"; exit 1; }

# The first start creates the admin with a generated password, kept in this owner-only file until it is changed
ADMIN_PASSWORD_FILE=data/security/initial-admin-password
if [ -f "$ADMIN_PASSWORD_FILE" ]; then
  SIGN_IN="admin, password in $ADMIN_PASSWORD_FILE (cat it; it is removed once you set your own)"
else
  SIGN_IN="admin, with the password you set (the generated one was in $ADMIN_PASSWORD_FILE)"
fi

cat <<MSG

Fleet Jobs is running.
  Sign in    $SIGN_IN
  REST API   http://127.0.0.1:$PORT/api/jobs
  API docs   http://127.0.0.1:$PORT/swagger-ui/
  Health     http://127.0.0.1:$PORT/health
  Metrics    http://127.0.0.1:$PORT/prometheus
  Console    http://127.0.0.1:$PORT/
  MQTT       127.0.0.1:1883 (embedded broker)
  CoAP       coaps://127.0.0.1:5684 (DTLS, PSK: identity = device id, key = its credential; plain CoAP is off)
Starting $DEVICES MQTT and $COAP_DEVICES CoAP simulated devices of template vending-fridge... (Ctrl-C stops everything)
Each has its own credential: registered in bulk as admin on the first run, kept in data/demo-credentials.csv;
the CoAP devices use theirs as their DTLS pre-shared key.

MSG
java -jar device-sim/target/device-sim.jar run --host 127.0.0.1 --port 1883 --count "$DEVICES" \
  --coap-count "$COAP_DEVICES" --coap-port 5684 --template vending-fridge \
  --api "http://127.0.0.1:$PORT" --password-file "$ADMIN_PASSWORD_FILE" --credentials data/demo-credentials.csv &
SIM=$!
wait "$APP"
