#!/usr/bin/env python3
"""Fits the rational approximation of the standard normal CDF used by FastMath.normalCDFAndPDF.

    Φ(x) ≈ ½ + x·P(x²)/Q(x²),  x clamped to [−C, C],  deg P = 5, deg Q = 5 (in u = x²), Q(0) = 1,

minimising the largest absolute error on [0, C] (Φ − ½ is odd, so [−C, 0] follows) by the
differential-correction method: each round solves a linear programme for
max_i |x_i P(u_i) − g_i Q(u_i)| / Q_prev(u_i) with g = Φ − ½ from mpmath, then sets Q_prev = Q.

Needs numpy, scipy and mpmath; a developer tool, not run by the package or CI. Prints the
coefficients (Horner order, highest power first) and the error in double and in float32.
"""
import mpmath as mp
import numpy as np
from scipy.optimize import linprog

C, DEG_P, DEG_Q, ROUNDS = 5.6, 5, 5, 12
mp.mp.dps = 30
x = np.unique(np.concatenate([np.linspace(0, C, 6000), C * (1 - np.cos(np.linspace(0, np.pi / 2, 3000)))]))
u = x * x
g = np.array([float(mp.ncdf(v) - mp.mpf(1) / 2) for v in x])
P = np.stack([x * u**k for k in range(DEG_P + 1)], 1)
Q = np.stack([u**k for k in range(1, DEG_Q + 1)], 1)

q_prev, best = np.ones_like(x), None
for _ in range(ROUNDS):
    rp, rq, rhs = P / q_prev[:, None], -(g[:, None] * Q) / q_prev[:, None], g / q_prev
    one = np.ones((len(x), 1))
    a = np.vstack([np.hstack([rp, rq, -one]), np.hstack([-rp, -rq, -one])])
    b = np.concatenate([rhs, -rhs])
    n = DEG_P + 1 + DEG_Q
    cost = np.zeros(n + 1)
    cost[-1] = 1
    z = linprog(cost, A_ub=a, b_ub=b, bounds=[(None, None)] * n + [(0, None)], method="highs").x
    p, q = z[: DEG_P + 1], z[DEG_P + 1 : n]
    den = 1 + Q @ q
    err = np.max(np.abs(P @ p / den - g))
    q_prev = den
    if best is None or err < best[0]:
        best = (err, p, q)

err, p, q = best
assert np.all(q > 0), "Q must have no zero on [0, C²]"
print(f"max |error| in double: {err:.3g}")
print("P (u⁵ … u⁰):", [f"{float(np.float32(c)):.8g}" for c in p[::-1]])
print("Q (u⁵ … u¹, then 1):", [f"{float(np.float32(c)):.8g}" for c in q[::-1]])

# The same evaluation in float32 (Horner without FMA, so slightly pessimistic).
f = np.float32
xs = np.linspace(-8, 8, 200_001).astype(f)
xc = np.clip(xs, f(-C), f(C))
uu = xc * xc
pp, qq = f(p[-1]), f(q[-1])
for c in p[-2::-1]:
    pp = (pp * uu + f(c)).astype(f)
for c in q[-2::-1]:
    qq = (qq * uu + f(c)).astype(f)
qq = (qq * uu + f(1)).astype(f)
phi = (f(0.5) + xc * (pp / qq)).astype(f)
ref = np.array([float(mp.ncdf(float(v))) for v in xs])
print(f"max |error| in float32 on [-8, 8]: {np.max(np.abs(phi - ref)):.3g}")
