# Sourced by .ci/run: `stage NAME CMD...` runs CMD and prints how long it took;
# `background NAME CMD...` starts CMD beside the next stages (its output in a log) and
# `wait_background NAME` waits for it, prints its log and fails the run if it failed.
CI_STARTED=$SECONDS
CI_LOGS=$(mktemp -d /tmp/opsdesk-ci.XXXXXX)
declare -A CI_PIDS CI_STARTS

stop_background() {  # a failed stage leaves nothing running behind it
  local pid
  for pid in "${CI_PIDS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
}
trap stop_background EXIT

took() {
  local seconds=$((SECONDS - $1))
  printf '%d min %02d s' $((seconds / 60)) $((seconds % 60))
}

stage() {
  local name=$1 started=$SECONDS
  shift
  echo "=== ${name}: $*"
  "$@"
  echo "=== ${name}: done in $(took "$started")"
}

background() {
  local name=$1
  shift
  echo "=== ${name}: started beside the next stages: $*"
  CI_STARTS[$name]=$SECONDS
  "$@" >"$CI_LOGS/$name.log" 2>&1 &
  CI_PIDS[$name]=$!
}

wait_background() {
  local name=$1 status=0
  wait "${CI_PIDS[$name]}" || status=$?
  unset "CI_PIDS[$name]"
  echo "=== ${name}: its output"
  cat "$CI_LOGS/$name.log"
  if [ "$status" -ne 0 ]; then
    echo "=== ${name}: FAILED (exit ${status}) after $(took "${CI_STARTS[$name]}")"
    exit "$status"
  fi
  echo "=== ${name}: done in $(took "${CI_STARTS[$name]}")"
}

finish() {
  echo "=== all stages passed in $(took "$CI_STARTED")"
}
