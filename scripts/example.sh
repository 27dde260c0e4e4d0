#!/usr/bin/env bash
# The main job for now: builds stilt-java and computes a footprint from the bundled example
# particle table (examples/footprint), like R-STILT's calc_footprint on a 0.01 deg grid.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/build.sh"
out="$root/example-output/example_foot.nc"
mkdir -p "$(dirname "$out")"
"$root/stilt" footprint \
  --particles "$root/examples/footprint/example_particles.csv.gz" \
  --xmn -112.5 --xmx -109.5 --ymn 39.5 --ymx 41.5 --xres 0.01 \
  --run-time 2021-01-15T12:00:00Z --output "$out"
echo "footprint written to $out"
