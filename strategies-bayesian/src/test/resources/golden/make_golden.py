"""Golden uncertainty scores computed independently with NumPy in float64 (run once; outputs committed).

    python3 make_golden.py   # in this directory

probs.npy: (200, 10) float32 rows from a seeded Dirichlet (some very peaked, some flat), with a few exact zeros.
scores.npy: (3, 200) float64: least-confidence, margin, entropy of each row, per specs/strategies.md.
"""
import numpy as np

rng = np.random.default_rng(20261128)
alpha = rng.choice([0.05, 0.3, 1.0, 5.0], size=(200, 1))
p = rng.dirichlet(np.ones(10), size=200) ** (1.0 / alpha)
p = p / p.sum(axis=1, keepdims=True)
p[::17, 3] = 0.0  # exact zeros exercise 0 ln 0 = 0
p = (p / p.sum(axis=1, keepdims=True)).astype(np.float32)

q = p.astype(np.float64)
least_confidence = 1.0 - q.max(axis=1)
top2 = np.sort(q, axis=1)[:, ::-1][:, :2]
margin = -(top2[:, 0] - top2[:, 1])
with np.errstate(divide="ignore", invalid="ignore"):
    plogp = np.where(q > 0, q * np.log(q), 0.0)
entropy = -plogp.sum(axis=1)

np.save("probs.npy", p)
np.save("scores.npy", np.stack([least_confidence, margin, entropy]))
