#!/usr/bin/env bash
# Rolls Harena back to an earlier tag on an EC2 host running it under systemd (plan T4.7, "rollback_to_v3.2.6.2.sh").
#   rollback.sh <ssh-host> <tag> <service> [app-dir]
#   e.g. rollback.sh ec2-user@prod.example v3.2.6.2 conversation-service /home/ec2-user/harena
# DRY_RUN=1 prints the commands (and the remote script) without running anything.
# Meant as RELEASE_ROLLBACK_COMMAND: `npm run release` / `npm run monitor` run it once when a trigger fires, then
# verify the service. The database is NOT restored here: restoring the dump backup.sh took before the deployment
# (pg_restore) stays a person's decision (plan: "if needed"); the release report names that backup.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/common.sh
source "$here/common.sh"

[[ $# -ge 3 && $# -le 4 ]] || die "usage: $(basename "$0") <ssh-host> <tag> <service> [app-dir]"
host=$1 tag=$2 service=$3 app_dir=${4:-harena}
[[ $tag =~ ^[A-Za-z0-9._/-]+$ ]] || die "tag '$tag' is not a git tag name"
[[ $service =~ ^[A-Za-z0-9@._-]+$ ]] || die "service '$service' is not a systemd unit name"

# The earlier tag's own dependencies are installed again: the failed release may have upgraded them.
# shellcheck disable=SC2016 # expanded on the host, not here
remote='set -euo pipefail
tag=$1 service=$2 app_dir=$3
cd "$app_dir"
git fetch --tags --quiet
git checkout --quiet "$tag"
source env/bin/activate
pip install --quiet -r requirements.txt
sudo systemctl restart "$service"
sleep 2
systemctl is-active --quiet "$service"
echo "rolled back to $tag: $service active"'

echo "=== ROLLBACK of $host ($service) to $tag ==="
run_remote "$host" "$remote" "$tag" "$service" "$app_dir"
