#!/usr/bin/env bash
# Checks a deployment (plan T4.6, "verify_deployment.sh"): the health route, the suite's post-deployment smoke test
# (`npm run verify`: one question per category judged like the gate), then the service's recent logs.
#   verify.sh <base-url> [ssh-host service]
#   e.g. verify.sh http://prod.example:8001 ec2-user@prod.example conversation-service
# Credentials come from .env (HARENA_USERNAME/HARENA_PASSWORD or HARENA_API_TOKEN), never from the command line.
# DRY_RUN=1 prints the commands without running anything.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/common.sh
source "$here/common.sh"

[[ $# -eq 1 || $# -eq 3 ]] || die "usage: $(basename "$0") <base-url> [ssh-host service]"
base_url=${1%/}
[[ $base_url =~ ^https?://[^@[:space:]]+$ ]] || die "the base URL must be http(s) and carry no credentials (they belong in .env); it is not shown here"

echo "=== 1. health ==="
run curl --fail --silent --show-error --max-time 10 "$base_url/api/v1/conversation/health"
echo
echo "=== 2. smoke test (npm run verify) ==="
(cd "$here/../.." && run env HARENA_BASE_URL="$base_url" npm run --silent verify)
if [[ $# -eq 3 ]]; then
  host=$2 service=$3
  [[ $service =~ ^[A-Za-z0-9@._-]+$ ]] || die "service '$service' is not a systemd unit name"
  echo "=== 3. recent logs ==="
  run ssh "$host" sudo journalctl -u "$service" -n 20 --no-pager
fi
