#!/usr/bin/python3
"""PyTorch reference timings for `emuflow bench-cnn3d` (same network, data shape and measurements).

The reference 3D CNN of the box-cnn study (CLML, after arXiv:1908.10590): three blocks of Conv3d (32, 64, 128
filters, 3^3, valid) + BatchNorm3d + ReLU + 2^3 pooling, flatten, dropout 0.2, dense 1024 and 256 ReLU, linear
output of 2; Adam, MSE, minibatches of 32 prepared in memory.
Run with Debian's python3-torch:
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/torch_cnn3d.py --samples 500 --threads 2
Prints JSON with the same keys as bench-cnn3d. Data are synthetic; the values do not change the timings.
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch


def network(channels, dim, filters, dense, pooling, dropout):
    layers = []
    width, side = channels, dim
    for f in filters:
        pool = torch.nn.MaxPool3d(2) if pooling == "max" else torch.nn.AvgPool3d(2)
        layers += [torch.nn.Conv3d(width, f, 3), torch.nn.BatchNorm3d(f), torch.nn.ReLU(), pool]
        width, side = f, (side - 2) // 2
    layers += [torch.nn.Flatten(), torch.nn.Dropout(dropout)]
    flat = width * side ** 3
    for d in dense:
        layers += [torch.nn.Linear(flat, d), torch.nn.ReLU()]
        flat = d
    layers.append(torch.nn.Linear(flat, 2))
    return torch.nn.Sequential(*layers)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=500)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--channels", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--pooling", default="max")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", default="network")  # accepted for symmetry with bench-cnn3d; PyTorch always gets tensors
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    x = torch.tensor(rng.random((args.samples, args.channels, args.dim, args.dim, args.dim), dtype=np.float32))
    y = torch.tensor(rng.standard_normal((args.samples, 2)), dtype=torch.float32)
    model = network(args.channels, args.dim, [32, 64, 128], [1024, 256], args.pooling, 0.2)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    batches = [(x[s:s + args.batch_size], y[s:s + args.batch_size]) for s in range(0, args.samples, args.batch_size)]
    wall, cpu = [], []
    model.train()

    def step(xb, yb):
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

    step(*batches[0])  # warm-up: one full and the last (partial) minibatch, as bench-cnn3d
    step(*batches[-1])
    for e in range(args.epochs):
        c0, t0 = time.process_time(), time.perf_counter()
        for xb, yb in batches:
            step(xb, yb)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    out = {
        "framework": f"pytorch-{torch.__version__}",
        "samples": args.samples, "dim": args.dim, "channels": args.channels, "threads": args.threads,
        "network_parameters": sum(p.numel() for p in model.parameters()),
        "train_epoch_seconds": wall, "train_epoch_cpu_seconds": cpu,
        "train_epoch_seconds_median": statistics.median(wall),
        "train_epoch_cpu_seconds_median": statistics.median(cpu),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
