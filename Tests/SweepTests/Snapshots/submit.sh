#!/bin/bash
# Submits the RouterBench job array for experiment 'paper' and its merge job
# (what `routerbench slurm --submit` does). Prints the job ids.
set -euo pipefail
array=$(sbatch --parsable /home/alice/rb/slurm/paper/array.sbatch)
array=${array%%;*}
echo "array_job=$array"
merge=$(sbatch --parsable --dependency=afterok:"$array" /home/alice/rb/slurm/paper/merge.sbatch)
echo "merge_job=${merge%%;*}"
