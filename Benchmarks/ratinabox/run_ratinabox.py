#!/usr/bin/env python3
"""Side-by-side timing of RatInABox 1.15 for the issue-4 benchmark configuration.

Configuration (same as `runSimulationBenchmarks()` in Benchmarks/Sources/SimulationBenchmarks.swift):
default 1 m x 1 m solid box, Agent with dt = 0.01 s, 100 PlaceCells, 100 GridCells,
100 HeadDirectionCells and 100 SpeedCell units (all RatInABox defaults otherwise), spikes drawn by
RatInABox's own per-step Bernoulli rule (note: RatInABox's SpeedCell ignores n and simulates a
single speed cell, so RatInABox does 301 cells of work against the Swift side's 400) inside `update()`, history saved. The loop is the typical
RatInABox script: `Ag.update()` then each population's `update()`, once per step.

RatInABox runs ~1 ms per step here, so 1 h (360,000 steps) takes several minutes; by default the
script simulates `--minutes 5` and extrapolates linearly to 1 h (the per-step cost is constant:
every step does the same work). Pass `--minutes 60` for the full run.

Usage: OMP_NUM_THREADS=1 python3 run_ratinabox.py [--minutes M] [--seed S]
Requires: pip install "ratinabox==1.15.*"
"""
import argparse
import time
from importlib.metadata import version

import numpy as np
from ratinabox.Agent import Agent
from ratinabox.Environment import Environment
from ratinabox.Neurons import GridCells, HeadDirectionCells, PlaceCells, SpeedCell


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    np.random.seed(args.seed)
    dt = 0.01
    steps = int(round(args.minutes * 60 / dt))

    env = Environment()
    ag = Agent(env, {"dt": dt})
    pops = [
        PlaceCells(ag, {"n": 100}),
        GridCells(ag, {"n": 100}),
        HeadDirectionCells(ag, {"n": 100}),
        SpeedCell(ag, {"n": 100}),
    ]
    start = time.perf_counter()
    for _ in range(steps):
        ag.update()
        for p in pops:
            p.update()
    elapsed = time.perf_counter() - start
    spikes = sum(int(np.asarray(p.history["spikes"]).sum()) for p in pops)
    per_step_us = elapsed / steps * 1e6
    print(f"ratinabox {version('ratinabox')}: {steps} steps ({args.minutes} min simulated), "
          f"{elapsed:.2f} s, {per_step_us:.0f} us/step, {spikes} spikes")
    print(f"extrapolated to 1 h at dt = 10 ms (360,000 steps): {per_step_us * 360_000 / 1e6:.1f} s")


if __name__ == "__main__":
    main()
