#!/usr/bin/env bash
# Installs the system packages stilt-java needs when they are missing (Debian 12):
#   gfortran      compiles the Fortran kernel (hysplit/)
#   libnetcdf19   writes NetCDF-4 footprints (used by NetCDF-Java through JNA)
#   postgresql    the registry tests start a private PostgreSQL cluster (docs/registry.md)
#   slurm-wlm, munge  the SLURM test starts a private one-node cluster (scripts/slurm-local.sh, docs/hpc.md)
# A JDK >= 25 must already be present (scripts/jdk.sh finds it under /usr/lib/jvm); Maven too.
set -euo pipefail
missing=()
command -v gfortran >/dev/null 2>&1 || missing+=(gfortran)
ls /usr/lib/x86_64-linux-gnu/libnetcdf.so.* >/dev/null 2>&1 || ls /usr/lib/*/libnetcdf.so.* >/dev/null 2>&1 || missing+=(libnetcdf19)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
{ command -v slurmctld && command -v slurmd && command -v sbatch; } >/dev/null 2>&1 || missing+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || missing+=(munge)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing missing packages: ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: not root; install them yourself: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
. "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
stilt_select_jdk
