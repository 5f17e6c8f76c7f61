#!/usr/bin/env python3
"""Side-by-side timing of CEBRA 0.6.1 on the xCEBRA synthetic-demo recipe (issue 5).

Input: the tidy CSV written by `xcebra simulate benchmark --samples 100000 --seed 0 --out FILE.csv`
(header `t,z1_0,z1_1,z1_2,z2_0,z2_1,z2_2,n0_g1,...,n49_g2`, one row per sample). The Swift side,
`xcebra train benchmark --preset synthetic-demo --seed 0`, regenerates exactly this session in
memory (same generator, same defaults, same seed), so both sides train on the same numbers.

Recipe (xcebra.md section 6, `synthetic-demo`, the one of CEBRA's xCEBRA synthetic demo):
  - encoder offset1-model-mse-clip-5-5, d = 6 (50 -> 180 -> 180 -> 60 -> 6, clamp to [-5, 5]);
  - objective 0: slice (0, 6), FixedEuclideanInfoNCE tau = 1, `time` positives, offset 1;
  - objective 1: slice (3, 6), FixedEuclideanInfoNCE tau = 1, `time_delta` positives, delta 1,
    on the label z2;
  - references and negatives shared by both objectives ("refneg_shared"), B = 512;
  - Adam lr 3e-4 over model + criterion parameters, weight decay 0; 2,000 steps;
  - Jacobian regulariser JacobianReg() (one random projection) under LinearRampUp(2 splits,
    on 2500, off 15000, 0 -> 0.01): with 2,000 steps it never switches on, so no step computes it.
  - CPU, torch.set_num_threads(1) and set_num_interop_threads(1).

Timing: `train_s` is the wall time of `solver.fit` (every step: index sampling, including CEBRA's
brute-force nearest-neighbour search for `time_delta`, batch gathering, forward, backward, Adam).
`train_cpu_s` is the process CPU time (user + system) over the same span, a figure less
sensitive to other load on a shared machine. Model construction, configuration and CSV reading are excluded and reported separately.
`solver.step` is wrapped to split `train_s` into the optimisation step itself and everything else
(batch sampling and loading). A held-out linear R^2 of z1 and z2 from each embedding block (fit on
the first 80 % of samples, score on the last 20 %, the same read-out as `xcebra train`) checks that
the run actually learnt the recipe.

Usage:
  OMP_NUM_THREADS=1 python run_cebra.py benchmark.csv [--steps 2000] [--seed 0] [--out cebra.json]
Requires: pip install cebra==0.6.1 (pulls torch and scikit-learn).
"""
import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from importlib.metadata import version

import numpy as np


def read_benchmark_csv(path, label_names):
    """Neural `[T, N]` float32 and each label `[T, k]` float32 from the tidy CSV."""
    with open(path) as f:
        header = f.readline().strip().split(",")
    if not header or header[0] != "t":
        sys.exit(f"error: {path}: expected a header starting with 't' (xcebra simulate benchmark CSV), got {header[:3]}")
    neuron_cols = [i for i, name in enumerate(header) if re.fullmatch(r"n\d+_.*", name)]
    if not neuron_cols:
        sys.exit(f"error: {path}: no neuron columns (n<index>_<cellType>) in the header")
    label_cols = {}
    for label in label_names:
        cols = [i for i, name in enumerate(header) if name == label or re.fullmatch(re.escape(label) + r"_(\d+|x|y)", name)]
        if not cols:
            sys.exit(f"error: {path}: no column for behaviour variable '{label}' (expected '{label}' or '{label}_0', ...)")
        label_cols[label] = cols
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    if table.shape[1] != len(header):
        sys.exit(f"error: {path}: rows have {table.shape[1]} fields, header has {len(header)}")
    neural = np.ascontiguousarray(table[:, neuron_cols], dtype=np.float32)
    labels = {k: np.ascontiguousarray(table[:, c], dtype=np.float32) for k, c in label_cols.items()}
    return neural, labels


def held_out_r2(embedding, block, target, train_fraction=0.8):
    """Pooled R^2 of an OLS-with-intercept read-out of `target` from `embedding[:, block]`,
    fitted on the first `train_fraction` of the rows and scored on the rest."""
    x = embedding[:, block].astype(np.float64)
    y = target.astype(np.float64)
    split = int(len(x) * train_fraction)
    design = np.hstack([x, np.ones((len(x), 1))])
    w, *_ = np.linalg.lstsq(design[:split], y[:split], rcond=1e-10)
    pred = design[split:] @ w
    test = y[split:]
    ss_res = float(((test - pred) ** 2).sum())
    ss_tot = float(((test - test.mean(axis=0)) ** 2).sum())
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv", help="benchmark CSV from `xcebra simulate benchmark`")
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=512)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="torch intra-op threads (1 = the Swift side's default)")
    ap.add_argument("--behaviour", default="z2", help="label of the time_delta objective")
    ap.add_argument("--time-latent", default="z1", help="label expected in the time-only block (R^2 check only)")
    ap.add_argument("--out", default="cebra-synthetic-demo.json", help="JSON file for the timings")
    args = ap.parse_args()

    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)

    import cebra
    import cebra.models
    import cebra.solver
    from cebra.data import ContrastiveMultiObjectiveLoader, DatasetxCEBRA
    from cebra.solver import MultiObjectiveConfig
    from cebra.solver.schedulers import LinearRampUp

    t0 = time.perf_counter()
    neural_np, labels_np = read_benchmark_csv(args.csv, [args.time_latent, args.behaviour])
    load_s = time.perf_counter() - t0
    T, N = neural_np.shape
    print(f"read {args.csv}: T = {T}, {N} neurons, labels "
          + ", ".join(f"{k} ({v.shape[1]} cols)" for k, v in labels_np.items()) + f" in {load_s:.1f} s")

    t0 = time.perf_counter()
    device = "cpu"
    neural = torch.from_numpy(neural_np)
    dataset = DatasetxCEBRA(neural, **{k: torch.from_numpy(v) for k, v in labels_np.items()})
    loader = ContrastiveMultiObjectiveLoader(dataset=dataset, num_steps=args.steps,
                                             batch_size=args.batch_size).to(device)

    # Slices, criteria and positive distributions, in the order of the demo.
    config = MultiObjectiveConfig(loader)
    config.set_slice(0, 6)
    config.set_loss("FixedEuclideanInfoNCE", temperature=1.0)
    config.set_distribution("time", time_offset=1)
    config.push()
    config.set_slice(3, 6)
    config.set_loss("FixedEuclideanInfoNCE", temperature=1.0)
    config.set_distribution("time_delta", time_delta=1, label_name=args.behaviour)
    config.push()
    config.finalize()

    # num_units is ignored by the offset1 family: widths are 30d, 30d, 10d.
    model = cebra.models.init(name="offset1-model-mse-clip-5-5", num_neurons=N,
                              num_units=256, num_output=6).to(device)
    dataset.configure_for(model)
    parameter_count = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.Adam(list(model.parameters()) + list(config.criterion.parameters()),
                                 lr=3e-4, weight_decay=0)
    solver = cebra.solver.init(name="multiobjective-solver", model=model,
                               feature_ranges=config.feature_ranges,
                               regularizer=cebra.models.jacobian_regularizer.JacobianReg(),
                               renormalize=False, use_sam=False, criterion=config.criterion,
                               optimizer=optimizer, tqdm_on=False).to(device)
    schedule = LinearRampUp(n_splits=2, step_to_switch_on_reg=2500, step_to_switch_off_reg=15000,
                            start_weight=0.0, end_weight=0.01, stay_constant_after_switch_off=True)
    setup_s = time.perf_counter() - t0

    # Wrap the optimisation step to split fit time into "step" and "sampling + loading".
    step_seconds = []
    regularised_steps = []
    inner_step = solver.step

    def timed_step(batch, weights_loss=None, weights_regularizer=None):
        s = time.perf_counter()
        stats = inner_step(batch, weights_loss=weights_loss, weights_regularizer=weights_regularizer)
        step_seconds.append(time.perf_counter() - s)
        regularised_steps.append(weights_regularizer is not None)
        return stats

    solver.step = timed_step

    t0, c0 = time.perf_counter(), time.process_time()
    solver.fit(loader=loader, valid_loader=None, log_frequency=None,
               scheduler_regularizer=schedule, scheduler_loss=None)
    train_s = time.perf_counter() - t0
    train_cpu_s = time.process_time() - c0
    if len(step_seconds) != args.steps:
        sys.exit(f"error: expected {args.steps} steps, solver ran {len(step_seconds)}")

    with torch.no_grad():
        solver.model.set_split_outputs(False)
        embedding = solver.model(neural).cpu().numpy()
    blocks = {"dims 0-2": slice(0, 3), "dims 3-5": slice(3, 6)}
    r2 = {label: {b: held_out_r2(embedding, s, labels_np[label]) for b, s in blocks.items()}
          for label in (args.time_latent, args.behaviour)}
    losses = [solver.log[("loss_train", i)] for i in range(2)]

    step_total = sum(step_seconds)
    per_step_ms = train_s / args.steps * 1e3
    result = {
        "tool": "cebra",
        "cebra_version": version("cebra"),
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "csv": os.path.abspath(args.csv),
        "samples": T,
        "neurons": N,
        "recipe": "synthetic-demo: offset1-model-mse-clip-5-5 d=6; (0,6) FixedEuclideanInfoNCE tau=1 time offset 1; "
                  f"(3,6) FixedEuclideanInfoNCE tau=1 time_delta 1 on {args.behaviour}; B={args.batch_size}; "
                  "Adam 3e-4; LinearRampUp(2500, 15000, 0->0.01)",
        "parameters": parameter_count,
        "batch_size": args.batch_size,
        "steps": args.steps,
        "regularised_steps": int(sum(regularised_steps)),
        "seed": args.seed,
        "timings": {
            "csv_load_s": load_s,
            "setup_s": setup_s,
            "train_s": train_s,
            "train_cpu_s": train_cpu_s,
            "per_step_ms": per_step_ms,
            "steps_per_s": args.steps / train_s,
            "optimisation_step_ms": step_total / args.steps * 1e3,
            "sampling_and_loading_ms": (train_s - step_total) / args.steps * 1e3,
            "median_optimisation_step_ms": statistics.median(step_seconds) * 1e3,
            "first_optimisation_step_ms": step_seconds[0] * 1e3,
        },
        "final_loss": [l[-1] for l in losses],
        "mean_loss_last_100": [float(np.mean(l[-100:])) for l in losses],
        "held_out_r2": r2,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    os.replace(tmp, args.out)

    print(f"cebra {result['cebra_version']} (torch {result['torch_version']}, {result['torch_threads']} thread): "
          f"{parameter_count} parameters, {args.steps} steps of B = {args.batch_size} in {train_s:.1f} s "
          f"= {per_step_ms:.2f} ms/step ({args.steps / train_s:.1f} it/s), CPU {train_cpu_s:.1f} s; "
          f"optimisation {result['timings']['optimisation_step_ms']:.2f} ms, "
          f"sampling + loading {result['timings']['sampling_and_loading_ms']:.2f} ms; "
          f"regularised steps {result['regularised_steps']}")
    print("held-out linear R^2     " + "  ".join(f"{b:>9}" for b in blocks))
    for label, row in r2.items():
        print(f"{label:<24}" + "  ".join(f"{v:9.3f}" for v in row.values()))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
