#!/usr/bin/env bash
# Side-by-side timing of xcebra and CEBRA 0.6.1 on the synthetic-demo recipe, same data, one machine.
#
#   bash Benchmarks/cebra/side_by_side.sh [WORKDIR] [STEPS]
#
# WORKDIR (default /tmp/xcebra-vs-cebra) receives benchmark.csv, xcebra/ (the Swift run) and
# cebra.json (the Python run). STEPS defaults to the recipe's 2,000. Needs the release CLI
# (swift build -c release --product xcebra) and a Python with cebra==0.6.1: set PYTHON to it
# (default python3). Both sides run one thread; nothing else should be running.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${1:-/tmp/xcebra-vs-cebra}"
steps="${2:-2000}"
python="${PYTHON:-python3}"
xcebra="$root/.build/release/xcebra"
[ -x "$xcebra" ] || { echo "error: $xcebra not found; run: swift build -c release --product xcebra" >&2; exit 1; }
"$python" -c "import cebra" 2>/dev/null || { echo "error: $python cannot import cebra; pip install cebra==0.6.1" >&2; exit 1; }
mkdir -p "$work"

"$xcebra" simulate benchmark --samples 100000 --seed 0 --out "$work/benchmark.csv"
# `train benchmark --seed 0` regenerates the same session as the CSV (same generator and seed).
# /usr/bin/time records the command's CPU seconds (user + system; includes simulating and writing, ~1 s).
/usr/bin/time -f "%U %S" -o "$work/xcebra.cpu" \
    "$xcebra" train benchmark --preset synthetic-demo --seed 0 --threads 1 --steps "$steps" --out "$work/xcebra" --force
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$python" "$here/run_cebra.py" "$work/benchmark.csv" --steps "$steps" --seed 0 \
    --threads 1 --out "$work/cebra.json"

"$python" - "$work/xcebra/summary.json" "$work/xcebra.cpu" "$work/cebra.json" "$steps" <<'EOF'
import json, sys
swift = json.load(open(sys.argv[1]))
swift_cpu = sum(float(x) for x in open(sys.argv[2]).read().split()[-2:])
cebra = json.load(open(sys.argv[3]))
steps = int(sys.argv[4])
s_ms = swift["timings"]["train_s"] / steps * 1e3
c = cebra["timings"]
print(f"xcebra : {s_ms:8.2f} ms/step ({1e3 / s_ms:6.1f} it/s), CPU {swift_cpu:.1f} s (whole command)")
print(f"cebra  : {c['per_step_ms']:8.2f} ms/step ({c['steps_per_s']:6.1f} it/s), CPU {c['train_cpu_s']:.1f} s (fit only)"
      f"  [optimisation {c['optimisation_step_ms']:.2f} ms + sampling/loading {c['sampling_and_loading_ms']:.2f} ms]")
print(f"ratio  : {c['per_step_ms'] / s_ms:.1f}x wall per step, {c['train_cpu_s'] / swift_cpu:.1f}x CPU (cebra / xcebra); "
      f"cebra optimisation step alone / whole xcebra step: {c['optimisation_step_ms'] / s_ms:.2f}x")
EOF
