#!/usr/bin/env bash
# Deploys a tag of Harena on an EC2 host running it under systemd (plan T4.5, "deploy_v3.2.7_to_production.sh").
#   deploy.sh <ssh-host> <tag> <service> [app-dir]
#   e.g. deploy.sh ec2-user@prod.example v3.2.7 conversation-service /home/ec2-user/harena
# DRY_RUN=1 prints the commands (and the remote script) without running anything.
# Meant as RELEASE_DEPLOY_COMMAND for `npm run release`; its exit code decides whether the release goes on.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/common.sh
source "$here/common.sh"

[[ $# -ge 3 && $# -le 4 ]] || die "usage: $(basename "$0") <ssh-host> <tag> <service> [app-dir]"
host=$1 tag=$2 service=$3 app_dir=${4:-harena}
[[ $tag =~ ^[A-Za-z0-9._/-]+$ ]] || die "tag '$tag' is not a git tag name"
[[ $service =~ ^[A-Za-z0-9@._-]+$ ]] || die "service '$service' is not a systemd unit name"

# Runs on the host: fetch and check out the tag, install its dependencies, restart the unit, and fail unless
# systemd reports it active again.
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
echo "deployed $tag: $service active"'

echo "=== deploying $tag to $host ($service) ==="
run_remote "$host" "$remote" "$tag" "$service" "$app_dir"
