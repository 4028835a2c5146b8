"""Golden uncertainty scores computed independently with NumPy in float64 (run once; outputs committed).

    python3 make_golden.py   # in this directory

probs.npy: (200, 10) float32 rows from a seeded Dirichlet (some very peaked, some flat), with a few exact zeros.
scores.npy: (3, 200) float64: least-confidence, margin, entropy of each row, per specs/strategies.md.
mc_probs.npy, mc_scores.npy: (100, 8, 5) MC passes and (6, 100) scores: LC, margin, entropy of the MC mean,
BALD, variation ratio, mean-std.
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

# MC-dropout golden values: (100, 8, 5) float32 passes; per row: least-confidence, margin and entropy of the
# MC mean, BALD, variation ratio (ties inside a pass -> lower class) and mean-std.
mc_alpha = rng.choice([0.1, 0.5, 2.0], size=(100, 1, 1))
mc = rng.dirichlet(np.ones(5), size=(100, 8)) ** (1.0 / mc_alpha)
mc = (mc / mc.sum(axis=2, keepdims=True)).astype(np.float32)
mc[::13, :, 2] = mc[::13, :, 1]  # exact ties between classes 1 and 2 in some rows (then renormalized)
mc = (mc / mc.sum(axis=2, keepdims=True)).astype(np.float32)
m = mc.astype(np.float64)
pbar = m.mean(axis=1)
top2 = np.sort(pbar, axis=1)[:, ::-1][:, :2]


def entropy(p, axis):
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.where(p > 0, p * np.log(p), 0.0).sum(axis=axis)


votes = np.zeros((100, 5))
for i in range(100):
    for t in range(8):
        votes[i, int(np.argmax(mc[i, t]))] += 1  # np.argmax returns the first maximum
mc_scores = np.stack([
    1.0 - pbar.max(axis=1),
    -(top2[:, 0] - top2[:, 1]),
    entropy(pbar, 1),
    entropy(pbar, 1) - entropy(m, 2).mean(axis=1),
    1.0 - votes.max(axis=1) / 8.0,
    np.sqrt(np.clip((m ** 2).mean(axis=1) - pbar ** 2, 0, None)).mean(axis=1),
])
np.save("mc_probs.npy", mc)
np.save("mc_scores.npy", mc_scores)
