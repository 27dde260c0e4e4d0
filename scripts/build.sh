#!/usr/bin/env bash
# Builds everything (Fortran kernel, Java modules, the CLI jar) without running tests.
# Installs gfortran and the NetCDF C library from Debian when they are missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/install-deps.sh"
"$here/mvn" -B -q -DskipTests package
echo "built: $(cd "$here/.." && pwd)/stilt-cli/target/stilt.jar (run it with ./stilt)"
