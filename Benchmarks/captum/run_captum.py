#!/usr/bin/env python3
"""Side-by-side timing of captum's integrated gradients and feature ablation on the xcebra
synthetic-demo encoder (issue 8): compare with `xcebra-bench baselines`.

Model: CEBRA's offset1-model-mse-clip-5-5 for 50 neurons and d = 6 output dims
(Linear(50,180) GELU Linear(180,180) GELU Linear(180,60) GELU Linear(60,6) Hardtanh(-5,5)),
PyTorch-default init; 2,000 N(0,1) inputs. Timing does not depend on the weight values.
Per output dim i (as CEBRA's Neuron* methods, one captum call per dim):
  - IntegratedGradients(model).attribute(x, baselines=0, target=i, n_steps=50,
    method="gausslegendre")  (internal_batch_size: all rows at once, captum's default)
  - FeatureAblation(model).attribute(x, baselines=0, target=i)  (one feature per forward pass,
    captum's default perturbations_per_eval=1)
One thread (torch.set_num_threads(1)), float32, CPU. Writes a JSON line per measurement to
stdout and, with --out, to a file.

Usage: python run_captum.py [--samples 2000] [--repeats 3] [--out captum.json]
"""
import argparse
import json
import platform
import time

import torch
import captum
from captum.attr import FeatureAblation, IntegratedGradients


def model(n=50, d=6):
    return torch.nn.Sequential(
        torch.nn.Linear(n, 30 * d), torch.nn.GELU(),
        torch.nn.Linear(30 * d, 30 * d), torch.nn.GELU(),
        torch.nn.Linear(30 * d, 10 * d), torch.nn.GELU(),
        torch.nn.Linear(10 * d, d), torch.nn.Hardtanh(-5, 5),
    ).eval()


def timed(fn, repeats):
    best = None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if best is None or cpu < best[1]:
            best = (wall, cpu)
    return {"wall_s": best[0], "cpu_s": best[1]}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--neurons", type=int, default=50)
    p.add_argument("--dims", type=int, default=6)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out")
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    f = model(a.neurons, a.dims)
    x = torch.randn(a.samples, a.neurons)
    ig, fa = IntegratedGradients(f), FeatureAblation(f)

    def run_ig():
        for i in range(a.dims):
            ig.attribute(x, baselines=0.0, target=i, n_steps=50, method="gausslegendre")

    def run_fa():
        with torch.no_grad():
            for i in range(a.dims):
                fa.attribute(x, baselines=0.0, target=i)

    out = {"torch": torch.__version__, "captum": captum.__version__, "python": platform.python_version(),
           "threads": torch.get_num_threads(), "samples": a.samples, "neurons": a.neurons, "dims": a.dims,
           "integrated_gradients": timed(run_ig, a.repeats), "feature_ablation": timed(run_fa, a.repeats)}
    print(json.dumps(out, indent=2))
    if a.out:
        with open(a.out, "w") as fh:
            json.dump(out, fh, indent=2)


if __name__ == "__main__":
    main()
