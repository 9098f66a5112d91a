# Sourced by .ci/run: `stage NAME CMD...` runs CMD and prints how long it took.
CI_STARTED=$SECONDS

stage() {
  local name=$1
  shift
  local started=$SECONDS
  echo "=== ${name}: $*"
  "$@"
  local took=$((SECONDS - started))
  printf '=== %s: done in %d min %02d s\n' "$name" $((took / 60)) $((took % 60))
}

finish() {
  local took=$((SECONDS - CI_STARTED))
  printf '=== all stages passed in %d min %02d s\n' $((took / 60)) $((took % 60))
}
