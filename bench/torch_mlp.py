#!/usr/bin/python3
"""PyTorch reference timings for `emuflow bench-ml` (same network, data shape and measurements).

Run with Debian's python3-torch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/torch_mlp.py --samples 50000
Prints JSON with the same keys as bench-ml. Data are synthetic; the values do not change the timings.
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch


class CosmoPowerActivation(torch.nn.Module):
    """f(x) = (beta + sigmoid(alpha x) (1 - beta)) x, alpha and beta per unit (Spurio Mancini et al. 2022)."""

    def __init__(self, units):
        super().__init__()
        self.alpha = torch.nn.Parameter(torch.randn(units))
        self.beta = torch.nn.Parameter(torch.randn(units))

    def forward(self, x):
        return (self.beta + torch.sigmoid(self.alpha * x) * (1 - self.beta)) * x


def network(inputs, hidden, outputs, activation):
    layers = []
    width = inputs
    for h in hidden:
        layers.append(torch.nn.Linear(width, h))
        layers.append({"cosmopower": lambda: CosmoPowerActivation(h), "relu": torch.nn.ReLU, "gelu": torch.nn.GELU,
                       "tanh": torch.nn.Tanh}[activation]())
        width = h
    layers.append(torch.nn.Linear(width, outputs))
    return torch.nn.Sequential(*layers)


def data(samples, params, outputs, seed):
    rng = np.random.default_rng(seed)
    x = rng.random((samples, params))
    t = np.arange(outputs) / outputs
    y = np.zeros((samples, outputs))
    for p in range(params):
        y += np.sin((p + 1) * t[None, :] * 3 + x[:, p:p + 1]) * (1 + x[:, p:p + 1])
    x = (x - x.mean(0)) / x.std(0)
    y = (y - y.mean(0)) / np.maximum(y.std(0), 1e-6)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=50000)
    ap.add_argument("--outputs", type=int, default=200)
    ap.add_argument("--hidden", default="512,512,512,512")
    ap.add_argument("--activation", default="cosmopower")
    ap.add_argument("--batch-size", type=int, default=512)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-inference", action="store_true", help="time training only")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    hidden = [int(h) for h in a.hidden.split(",")]
    x, y = data(a.samples, 6, a.outputs, a.seed)
    net = network(6, hidden, a.outputs, a.activation)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    generator = torch.Generator().manual_seed(a.seed)

    def epoch():
        order = torch.randperm(a.samples, generator=generator)
        xs, ys = x[order], y[order]
        for start in range(0, a.samples, a.batch_size):
            xb, yb = xs[start:start + a.batch_size], ys[start:start + a.batch_size]
            opt.zero_grad()
            loss = loss_fn(net(xb), yb)
            loss.backward()
            opt.step()

    seconds, cpu = [], []
    for e in range(1 + a.epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        epoch()
        if e > 0:
            seconds.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)

    result = {
        "framework": "pytorch-" + torch.__version__,
        "samples": a.samples, "outputs": a.outputs, "hidden": hidden, "activation": a.activation, "batch_size": a.batch_size,
        "threads": a.threads,
    }
    if a.epochs > 0:
        result.update({"train_epoch_seconds_median": statistics.median(seconds), "train_epoch_seconds": seconds,
                       "train_epoch_cpu_seconds_median": statistics.median(cpu), "train_epoch_cpu_seconds": cpu})
    if not a.skip_inference:
        result.update(inference(net, x, a.samples))
    print(json.dumps(result, indent=2))


def inference(net, x, samples):
    net.eval()
    batch = x[:min(10000, samples)]
    with torch.no_grad():
        net(batch)
        times = []
        c0 = time.process_time()
        for _ in range(7):
            t0 = time.perf_counter()
            net(batch)
            times.append(time.perf_counter() - t0)
        cpu = (time.process_time() - c0) / 7
        single = []
        for i in range(2000):
            net(x[i:i + 1])
        for block in range(30):
            t0 = time.perf_counter()
            for i in range(100):
                net(x[i:i + 1])
            single.append((time.perf_counter() - t0) / 100 * 1e6)
    return {"predict_batch_rows": len(batch), "predict_batch_seconds_median": statistics.median(times),
            "predict_batch_cpu_seconds_mean": cpu, "predict_single_us_median": statistics.median(single)}

if __name__ == "__main__":
    main()
