#!/usr/bin/env bash
# Until the first release there is one migration: rewrite it from schema.prisma after a schema change.
set -euo pipefail
cd "$(dirname "$0")/.."
out=prisma/migrations/20261126000000_init/migration.sql
npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script > "$out.tmp"
mv "$out.tmp" "$out"
npx prisma generate >/dev/null
echo "rewrote $out"
