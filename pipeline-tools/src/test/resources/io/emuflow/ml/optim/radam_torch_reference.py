#!/usr/bin/env python3
"""Reference parameter values of RAdam steps from PyTorch (torch.optim.RAdam), for RAdamTest.

A fixed tiny problem: 8 samples, 3 inputs -> 4 tanh units -> 2 linear outputs, float64, full-batch mean squared
error (torch.nn.MSELoss, the mean over samples and outputs, as DL4J's MSE loss). The initial weights and the data
are written out too, so the Java test needs no torch at run time.

Made with (Debian's python3-torch 1.13):
    /usr/bin/python3 radam_torch_reference.py > radam_torch_reference.json
"""
import json

import torch

torch.manual_seed(20260)
torch.set_default_dtype(torch.float64)
x = torch.randn(8, 3)
y = torch.stack([torch.sin(x[:, 0]) + 0.5 * x[:, 1], x[:, 2] * x[:, 0]], dim=1)
init = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
STEPS = 12


def params(net):
    # DL4J's layout: W is [n_in, n_out] (torch's weight transposed), b is [n_out]
    return [{"W": net[i].weight.detach().t().tolist(), "b": net[i].bias.detach().tolist()} for i in (0, 2)]


cases = []
for lr, betas, eps in [(1e-2, (0.9, 0.999), 1e-8), (3e-2, (0.8, 0.99), 1e-6)]:
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
    net.load_state_dict(init.state_dict())
    opt = torch.optim.RAdam(net.parameters(), lr=lr, betas=betas, eps=eps)
    steps = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(net(x), y)
        loss.backward()
        opt.step()
        steps.append(params(net))
    cases.append({"learning_rate": lr, "beta1": betas[0], "beta2": betas[1], "epsilon": eps, "after_step": steps})

print(json.dumps({
    "made_by": "/usr/bin/python3 radam_torch_reference.py > radam_torch_reference.json",
    "torch_version": torch.__version__,
    "x": x.tolist(), "y": y.tolist(), "initial": params(init), "cases": cases}, indent=1))
