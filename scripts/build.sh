#!/usr/bin/env bash
# Builds everything (Fortran kernel, Java modules, the CLI jar) without running tests.
# Installs gfortran and the NetCDF C library from Debian when they are missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/install-deps.sh"
# Maven 3.8 prints stray colour-reset codes even in batch mode; strip them.
"$here/mvn" -B -q -DskipTests package 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
echo "built: $(cd "$here/.." && pwd)/stilt-cli/target/stilt.jar (run it with ./stilt)"
