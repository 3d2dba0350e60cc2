#!/usr/bin/env bash
# A rackplan sweep as a Slurm job array, without Redis: task i runs shard i of N into a folder
# every node mounts (NFS, Lustre, GPFS...), then one dependent job collects sweep.json and
# sweep.html. Submit from the login node:
#
#   SWEEP=models/sweeps/default-placement.json OUT=/shared/sweeps/default-placement \
#     sbatch --array=0-15 deploy/slurm/sweep-array.sh
#   sbatch --dependency=afterany:<array job id> --wrap \
#     "npx rackplan sweep $SWEEP --collect --out $OUT"
#
# The collect job lists any missing runs and exits 3; `sbatch --array=<i>` reruns a shard
# (it redoes only that shard's missing runs). The shard count is the array size.
#SBATCH --job-name=rackplan-sweep
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=12:00:00
set -euo pipefail
: "${SWEEP:?set SWEEP to the sweep file}" "${OUT:?set OUT to the shared output folder}"
SHARDS=${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1))}   # a contiguous array: 0-15, not 0-15:2
INDEX=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN))
exec npx rackplan sweep "$SWEEP" --shard "$INDEX/$SHARDS" --out "$OUT" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" --cache-dir "${TMPDIR:-/tmp}/rackplan-cache"
