#!/usr/bin/env bash
# Adds a migration for both providers: scripts/add-migration.sh Name
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
common=(--project Allnimall.Marketing.Core --startup-project Allnimall.Marketing.Core)
dotnet ef migrations add "$name" --context MarketingDbContext --output-dir Data/Migrations/SqlServer "${common[@]}"
dotnet ef migrations add "$name" --context SqliteMarketingDbContext --output-dir Data/Migrations/Sqlite "${common[@]}"
