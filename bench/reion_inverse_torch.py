#!/usr/bin/python3
"""PyTorch replica of the reion21cm-inverse study's dense regressor, as an independent baseline.

Reads the study's split files (train.h5, validation.h5, test.h5 of the SPLIT step), trains a 3 x 256 ReLU MLP on
log10(Delta^2 + 1e-4) of every redshift (standardised on the training split) to the three parameters scaled to
[0, 1], keeps the weights of the best validation loss, and prints test R^2, RMSE and the rate within one of 25
equal-width classes, overall and per quarter of each parameter's range (where a parameter is hard to read off the
spectra). Used for the learning curve and the box-size comparison in docs/accuracy.md.

    /usr/bin/python3 bench/reion_inverse_torch.py SPLIT_DIR [--train-samples N] [--epochs E] [--seed S]
"""
import argparse
import h5py
import numpy as np
import torch

CLASSES = 25


def load(path):
    with h5py.File(path, "r") as f:
        names = sorted(f["targets"].keys(), key=lambda n: float(n.split("_z")[1].replace("p", ".")))
        x = np.concatenate([np.log10(f["targets/" + n][:] + 1e-4) for n in names], axis=1)
        return x, f["params"][:]


def within_one_class(pred, true, lo, hi):
    width = (hi - lo) / CLASSES
    cp = np.clip(np.floor((pred - lo) / width), 0, CLASSES - 1)
    ct = np.clip(np.floor((true - lo) / width), 0, CLASSES - 1)
    return np.abs(cp - ct) <= 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("split_dir")
    ap.add_argument("--train-samples", type=int, default=0, help="first N training samples only (0: all)")
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    xtr, ytr = load(a.split_dir + "/train.h5")
    xva, yva = load(a.split_dir + "/validation.h5")
    xte, yte = load(a.split_dir + "/test.h5")
    if a.train_samples:
        xtr, ytr = xtr[: a.train_samples], ytr[: a.train_samples]
    # the study's ranges: the Latin hypercube spans them, so the training extremes are within a class of them
    lo = np.array([5.0, 4.0, 5.0])
    hi = np.array([200.0, 6.0, 20.0])
    mu, sd = xtr.mean(0), xtr.std(0) + 1e-3

    def tx(x):
        return torch.tensor((x - mu) / sd, dtype=torch.float32)

    def ty(y):
        return torch.tensor((y - lo) / (hi - lo), dtype=torch.float32)

    layers, width = [], xtr.shape[1]
    for _ in range(3):
        layers += [torch.nn.Linear(width, 256), torch.nn.ReLU()]
        width = 256
    model = torch.nn.Sequential(*layers, torch.nn.Linear(width, 3))
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=20)
    x, y, xv, yv = tx(xtr), ty(ytr), tx(xva), ty(yva)
    best, best_state = float("inf"), None
    for _ in range(a.epochs):
        model.train()
        perm = torch.randperm(len(x))
        for b in range(0, len(x), 32):
            idx = perm[b:b + 32]
            opt.zero_grad()
            loss = ((model(x[idx]) - y[idx]) ** 2).mean()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            vl = ((model(xv) - yv) ** 2).mean().item()
        plateau.step(vl)
        if vl < best:
            best, best_state = vl, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    with torch.no_grad():
        pred = model(tx(xte)).numpy() * (hi - lo) + lo
    names = ["HII_EFF_FACTOR", "ION_Tvir_MIN", "R_BUBBLE_MAX"]
    print(f"training samples {len(xtr)}, test samples {len(xte)}, epochs {a.epochs}")
    for i, name in enumerate(names):
        t, p = yte[:, i], pred[:, i]
        r2 = 1 - ((p - t) ** 2).sum() / ((t - t.mean()) ** 2).sum()
        w1 = within_one_class(p, t, lo[i], hi[i])
        edges = np.linspace(lo[i], hi[i], 5)
        quarters = " ".join(f"[{edges[q]:.3g},{edges[q + 1]:.3g}]:{w1[(t >= edges[q]) & (t <= edges[q + 1])].mean():.2f}"
                            for q in range(4))
        print(f"{name}: R^2 {r2:.3f}  RMSE {np.sqrt(((p - t) ** 2).mean()):.3g}  within one class {w1.mean():.3f}"
              f"  by quarter of the range {quarters}")


if __name__ == "__main__":
    main()
