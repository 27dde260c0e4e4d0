#!/usr/bin/env bash
# The full test suite: Fortran unit tests, Java unit and contract tests, CLI tests and the
# R-STILT parity suite (reads ../shared/reference; skipped loudly when absent).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/install-deps.sh"
"$here/mvn" -B verify "$@"
