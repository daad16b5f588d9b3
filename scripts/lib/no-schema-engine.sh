#!/bin/sh
# Stand-in for Prisma's native schema-engine binary, which Prisma downloads from binaries.prisma.sh.
# Slipway runs migrations with the WebAssembly schema engine instead (scripts/db.mjs).
echo "Slipway does not use Prisma's native schema engine: run 'node scripts/db.mjs migrate' or 'node scripts/db.mjs new-migration <name>'." >&2
exit 1
