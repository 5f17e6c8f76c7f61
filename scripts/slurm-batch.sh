#!/usr/bin/env bash
# Run an xcebra batch as a SLURM job array: one array task per shard, all writing to one folder.
#
#   sbatch --array=1-8 scripts/slurm-batch.sh sessions.csv results/
#   # when every task has finished:
#   xcebra batch sessions.csv --out results/ --collect
#
# Each task processes every 8th session of the manifest (shard i/8). Sessions already done are
# skipped, so re-submitting the array after a time-out or node failure only redoes what is missing;
# a killed task leaves no half-written session folder. One BLAS thread per task: give each task
# one CPU and let the array provide the parallelism.
#SBATCH --job-name=xcebra-batch
#SBATCH --cpus-per-task=1
#SBATCH --mem=8G
#SBATCH --time=02:00:00
#SBATCH --output=xcebra-%A_%a.log
set -euo pipefail
manifest=${1:?usage: sbatch --array=1-N slurm-batch.sh MANIFEST OUTPUT_DIR}
out=${2:?usage: sbatch --array=1-N slurm-batch.sh MANIFEST OUTPUT_DIR}
count=${SLURM_ARRAY_TASK_COUNT:-1}
index=${SLURM_ARRAY_TASK_ID:-1}
# SLURM_ARRAY_TASK_ID follows the --array range; shards are 1-based and must be ≤ count.
min=${SLURM_ARRAY_TASK_MIN:-1}
shard=$(( index - min + 1 ))
exec "${XCEBRA:-xcebra}" batch "$manifest" --out "$out" --shard "$shard/$count" --threads 1
