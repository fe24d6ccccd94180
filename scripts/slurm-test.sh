#!/usr/bin/env bash
# The real-Slurm test (`make test-slurm`; .ci/run runs it after `make test`). docs/slurm.md, "Tested against a
# real Slurm".
#
# Installs Debian's slurm-wlm and munge when missing, starts munged, slurmctld and slurmd as this user on loopback
# with a one-node slurm.conf in a temporary folder (nothing under /etc, /run or /var is used), runs the
# RealSlurmTests suite of the already-built debug test bundle against them, and stops every daemon it started —
# on success, failure or interrupt. Where the daemons cannot be had (not Linux, not root, no apt-get, the packages do not install, a daemon does not come up) it prints why and exits 0;
# ROUTERBENCH_SLURM=required turns those skips into failures. Every wait is bounded; the whole run stays within
# 5 minutes (ROUTERBENCH_SLURM_BUDGET seconds, default 300), package installation included.
set -euo pipefail
cd "$(dirname "$0")/.."

budget=${ROUTERBENCH_SLURM_BUDGET:-300}
start=$SECONDS
say() { printf '==> [slurm %3ds] %s\n' "$((SECONDS - start))" "$*"; }
left() { echo $((budget - (SECONDS - start))); }

skip() {
  if [ "${ROUTERBENCH_SLURM:-auto}" = required ]; then
    echo "FAILED real-Slurm test: $* (ROUTERBENCH_SLURM=required)" >&2
    exit 1
  fi
  echo "SKIPPED real-Slurm test: $*"
  exit 0
}

# --- What the machine can do -------------------------------------------------------------------------------
[ "$(uname -s)" = Linux ] || skip "not Linux"
if [ "$(id -u)" != 0 ]; then
  # slurmd must be root to start job steps; a private cluster as another user cannot run jobs.
  skip "the daemons must run as root (this is uid $(id -u)); run it as root, e.g. in CI"
fi
command -v timeout >/dev/null || skip "coreutils' timeout is missing (every wait must be bounded)"
bundle=.build/debug/RouterBenchPackageTests.xctest
[ -x .build/debug/routerbench ] && [ -e "$bundle" ] || {
  echo "no debug build with tests: run \`make test\` (or \`swift build --build-tests\`) first" >&2
  exit 1
}

# --- Packages ------------------------------------------------------------------------------------------------
packages="slurm-wlm munge"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  command -v apt-get >/dev/null || skip "no apt-get to install$missing"
  say "installing Debian packages:$missing"
  t=$(( $(left) - 150 ))
  [ "$t" -gt 30 ] || skip "no time left to install$missing within the ${budget}s budget"
  aptlog=$(mktemp /tmp/rb-slurm-apt.XXXXXX.log)
  if ! timeout "$t" env DEBIAN_FRONTEND=noninteractive bash -c \
      "apt-get update -qq && apt-get install -y -qq --no-install-recommends$missing" >"$aptlog" 2>&1; then
    tail -n 20 "$aptlog"
    rm -f "$aptlog"
    skip "apt-get could not install$missing within ${t}s (log above)"
  fi
  rm -f "$aptlog"
  say "installed$missing"
fi
for c in munged munge slurmctld slurmd sbatch scontrol squeue scancel sinfo; do
  command -v "$c" >/dev/null || skip "'$c' is not on PATH after installing $packages"
done

# --- A private cluster in a temporary folder ---------------------------------------------------------------
run=$(mktemp -d /tmp/rb-slurm.XXXXXX)
chmod 755 "$run"                      # munged wants the socket's folders searchable by all
mkdir -p "$run/munge" "$run/state" "$run/spool" "$run/log"
mkdir -m 700 "$run/key"
chmod 755 "$run/munge"
export SLURM_CONF="$run/slurm.conf"
started=()                            # pid files of the daemons this script started

stop_all() {
  local status=$?
  set +e
  if [ "${#started[@]}" -gt 0 ]; then
    say "stopping the daemons this test started"
    # Jobs still queued or running on the private cluster first (bounded), then the daemons, newest first, by
    # the pids in their pid files.
    if [ -e "$run/slurmctld.pid" ] && [ -n "$(timeout 10 squeue -h 2>/dev/null)" ]; then
      timeout 10 scancel --user="$(id -un)" >/dev/null 2>&1
      timeout 20 bash -c 'while [ -n "$(squeue -h 2>/dev/null)" ]; do sleep 0.5; done'
    fi
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
      f=${started[$i]}
      pid=$(cat "$f" 2>/dev/null) || continue
      [ -n "$pid" ] || continue
      kill "$pid" 2>/dev/null
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then echo "  $(basename "$f" .pid) (pid $pid) did not stop; killing it"; kill -9 "$pid"; fi
    done
  fi
  if [ "$status" != 0 ]; then
    for f in "$run"/log/*.log "$run"/munge/munged.log; do
      [ -s "$f" ] && { echo "--- last lines of $f"; tail -n 15 "$f"; }
    done
  fi
  rm -rf "$run"
  say "done (exit $status)"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Two free loopback ports for slurmctld and slurmd.
free_port() {
  local p
  for _ in $(seq 50); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ "$p" != "${1:-}" ]; then echo "$p"; return; fi
  done
  return 1
}
ctld_port=$(free_port) || skip "no free loopback port"
slurmd_port=$(free_port "$ctld_port") || skip "no free loopback port"

# munge: a fresh key, its own socket, pid, log and seed files.
dd if=/dev/urandom of="$run/key/munge.key" bs=1024 count=1 status=none
chmod 400 "$run/key/munge.key"
socket="$run/munge/munge.socket"
say "starting munged"
if ! timeout 20 munged --key-file="$run/key/munge.key" --socket="$socket" --pid-file="$run/munge/munged.pid" \
    --log-file="$run/munge/munged.log" --seed-file="$run/munge/munged.seed"; then
  cat "$run/munge/munged.log" 2>/dev/null | tail -n 5
  skip "munged did not start (log above)"
fi
started+=("$run/munge/munged.pid")
timeout 10 bash -c "until munge -n -S '$socket' | unmunge -S '$socket' >/dev/null 2>&1; do sleep 0.2; done" \
  || skip "munged does not answer on $socket"

# One node: this machine as slurmd -C sees it, named rbnode, on 127.0.0.1.
node=$(slurmd -C | head -n 1 | sed -E 's/^NodeName=[^ ]+ //')
cat >"$SLURM_CONF" <<EOF
# Written by scripts/slurm-test.sh: a one-node cluster on loopback, every file in $run.
ClusterName=rbtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$run/state
SlurmdSpoolDir=$run/spool
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=$run/log/slurmctld.log
SlurmdLogFile=$run/log/slurmd.log
# No systemd, no cgroups needed: processes are tracked through /proc, tasks are not confined.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MinJobAge=600
# A job that asks for no memory gets this much per CPU (not the whole node), so two tasks share it.
DefMemPerCPU=1024
NodeName=rbnode NodeAddr=127.0.0.1 $node State=UNKNOWN
PartitionName=rbtest Nodes=rbnode Default=YES MaxTime=INFINITE State=UP
EOF

say "starting slurmctld (port $ctld_port) and slurmd (port $slurmd_port): $node"
timeout 30 slurmctld -f "$SLURM_CONF" || skip "slurmctld did not start"
started+=("$run/slurmctld.pid")
timeout 30 slurmd -f "$SLURM_CONF" -N rbnode || skip "slurmd did not start"
started+=("$run/slurmd.pid")
if ! timeout 60 bash -c 'until [ "$(sinfo -h -n rbnode -o %t 2>/dev/null)" = idle ]; do sleep 0.5; done'; then
  sinfo -N 2>&1 | head -n 5
  skip "the node did not become idle within 60 s (sinfo above)"
fi
say "cluster up: $(sinfo -h -o '%P %a %D %t' | head -n 1)"

# --- The test ---------------------------------------------------------------------------------------------------
t=$(( $(left) - 15 ))
[ "$t" -gt 60 ] || { echo "only ${t}s left of the ${budget}s budget for the test" >&2; exit 1; }
say "running RealSlurmTests (at most ${t}s)"
log=$(mktemp /tmp/rb-slurm-test.XXXXXX.log)
set +e
ROUTERBENCH_REAL_SLURM=1 ROUTERBENCH_SLURM_PARTITION=${ROUTERBENCH_SLURM_PARTITION:-rbtest} timeout "$t" \
  swift test --skip-build --filter RealSlurmTests 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" = 0 ] && ! grep -q 'Test aSubmittedSweepMergesIntoTheSameDatabaseAsOneProcess() passed' "$log"; then
  echo "RealSlurmTests did not run its test (see above)" >&2
  status=1
fi
rm -f "$log"
[ "$status" = 0 ] && say "real-Slurm test passed" || { [ "$status" = 124 ] && echo "RealSlurmTests timed out after ${t}s" >&2; }
exit "$status"
