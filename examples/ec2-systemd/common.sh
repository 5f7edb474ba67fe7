#!/usr/bin/env bash
# Shared by deploy.sh, rollback.sh and verify.sh: DRY_RUN=1 prints every command instead of running it.
# Sourced, never run on its own.

# Prints a command the way a shell would read it back (one line, arguments quoted).
show() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
}

# Runs a command, or only prints it when DRY_RUN=1.
run() {
  show "$@"
  if [[ "${DRY_RUN:-0}" != 1 ]]; then
    "$@"
  fi
}

# Runs a script on the host over ssh (the script on stdin, arguments after --), or prints both when DRY_RUN=1.
run_remote() {
  local host=$1 script=$2
  shift 2
  show ssh "$host" bash -s -- "$@"
  if [[ "${DRY_RUN:-0}" == 1 ]]; then
    printf '%s\n' "$script" | sed 's/^/    | /'
  else
    printf '%s\n' "$script" | ssh "$host" bash -s -- "$@"
  fi
}

die() {
  printf '%s\n' "$*" >&2
  exit 2
}
