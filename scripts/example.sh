#!/usr/bin/env bash
# The main job: builds stilt-java, then runs a small STILT project end to end (docs/run.md):
#   1. synthetic ARL met from examples/met/example-met.yaml (`stilt met synth`),
#   2. a project folder with a config.yaml like issue 6's minimal one and four receptors
#      (three points and a 5-1000 m column) at 2021-01-15 12 UTC in eastern Utah,
#   3. `stilt run`: trajectories (native Fortran kernel), hyper-near-field dilution and footprints,
#      written in R-STILT's layout under example-output/project/out,
#   4. `stilt plot`: a PNG map of the first footprint (example-output/map.png).
# Rerunning skips the simulations that are already complete (same configuration fingerprint).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/build.sh"

project="$root/example-output/project"
mkdir -p "$project"
cat > "$project/config.yaml" <<'YAML'
# stilt-java example project (scripts/example.sh); every key: docs/configuration.md
n_hours: -6
numpar: 200
met:
  example:
    directory: met              # relative to the project folder
    file_format: "met_a_%Y%m%d.arl"
    file_tres: 1d
footprints:
  default: {xmn: -112.5, xmx: -109.5, ymn: 39.5, ymx: 41.5, xres: 0.01}
YAML
cat > "$project/receptors.csv" <<'CSV'
time,latitude,longitude,altitude,altitude_top
2021-01-15T12:00:00Z,40.5,-110,5,
2021-01-15T12:00:00Z,40.8,-110.3,10,
2021-01-15T12:00:00Z,40.2,-110.1,5,
2021-01-15T12:00:00Z,40.6,-110.2,5,1000
CSV

if [ ! -f "$project/met/met_a_20210115.arl" ]; then
  "$root/stilt" met synth --yaml "$root/examples/met/example-met.yaml" --output "$project/met/"
fi

status=0
"$root/stilt" run "$project" || status=$?

echo
echo "project:    $project (config.yaml, receptors.csv, met/)"
echo "particles:  $project/out/particles/"
ls "$project/out/particles/" | sed 's/^/  /'
footprints=("$project"/out/footprints/*_foot.nc)
if [ -e "${footprints[0]}" ]; then
  echo "footprints: $project/out/footprints/"
  for f in "${footprints[@]}"; do echo "  $(basename "$f")"; done
  map="$root/example-output/map.png"
  "$root/stilt" plot "${footprints[0]}" -o "$map" --quiet && echo "map:        $map ($(basename "${footprints[0]}"))"
else
  echo "footprints: none (every simulation is complete-empty or failed; see $project/out/by-id/*/stilt.log)"
fi
exit "$status"
