#!/usr/bin/env bash
# Backs up Harena's PostgreSQL database on the EC2 host before a deployment (plan T4.6 step 1, "Backup database":
# pg_dump). Prints the dump's path on the host: the one to restore (pg_restore) if a rollback must bring the data back.
#   backup.sh <ssh-host> <database> [backup-dir]
#   e.g. backup.sh ec2-user@prod.example harena /var/backups/harena
# DRY_RUN=1 prints the commands (and the remote script) without running anything.
# Meant as RELEASE_BACKUP_COMMAND for `npm run release`: it runs before RELEASE_DEPLOY_COMMAND, and a non-zero exit
# code stops the release there — nothing is deployed without a backup. pg_dump reads its connection (PGHOST, PGUSER,
# a ~/.pgpass) on the host, never from this command line.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/common.sh
source "$here/common.sh"

[[ $# -ge 2 && $# -le 3 ]] || die "usage: $(basename "$0") <ssh-host> <database> [backup-dir]"
host=$1 database=$2 backup_dir=${3:-backups}
[[ $database =~ ^[A-Za-z0-9_-]+$ ]] || die "database '$database' is not a database name"
[[ $backup_dir =~ ^[A-Za-z0-9._/-]+$ ]] || die "backup dir '$backup_dir' is not a plain path"

# Runs on the host: a custom-format dump (pg_restore reads it back, table by table if need be), written under a
# temporary name and renamed once complete, so a dump cut short is never taken for a good one.
# shellcheck disable=SC2016 # expanded on the host, not here
remote='set -euo pipefail
database=$1 backup_dir=$2
mkdir -p "$backup_dir"
file="$backup_dir/$database-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-password --file "$file.partial" "$database"
mv "$file.partial" "$file"
echo "backup of $database: $file ($(du -h "$file" | cut -f1))"'

echo "=== backing up $database on $host ==="
run_remote "$host" "$remote" "$database" "$backup_dir"
