#!/usr/bin/env python3
"""Evaluate an EmuFlow emulator exported with `emuflow export-model` using numpy and h5py only.

    from emulator_numpy import Emulator
    emu = Emulator("model.h5")
    p = emu.predict({"H0": 67.0, "omega_b": 0.022, ...})      # or an array [N, P] in emu.param_names order
    log10p = emu.predict_log10(theta)
    pk = emu.split(p)["P_nl"]                                  # per target, for a multi-output emulator

Command line:  python3 emulator_numpy.py model.h5 params.csv > out.csv   (params.csv: header of parameter names)
The formula is in docs/models.md and in the file's `formula` attribute.
"""
import sys

import h5py
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _activate(name, z, layer):
    if name == "identity":
        return z
    if name == "cosmopower":
        alpha, beta = layer["alpha"], layer["beta"]
        return (beta + _sigmoid(alpha * z) * (1.0 - beta)) * z
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "selu":  # Klambauer et al. 2017, eq. 2 and 14
        return 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(z))
    if name == "leakyrelu":
        return np.where(z < 0, layer["slope"] * z, z)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return _sigmoid(z)
    if name == "elu":
        return np.where(z < 0, layer["slope"] * np.expm1(z), z)
    if name == "swish":
        return z * _sigmoid(z)
    if name == "gelu":
        return z * _sigmoid(1.702 * z)
    if name == "gelu_tanh":
        return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z ** 3)))
    raise ValueError("unknown activation " + name)


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


class Emulator:
    def __init__(self, path):
        with h5py.File(path, "r") as f:
            if _text(f.attrs["format"]) != "emuflow-emulator-export/1":
                raise ValueError(path + " is not an EmuFlow emulator export")
            self.param_names = [_text(n) for n in f.attrs["param_names"]]
            self.target_name = _text(f.attrs["target_name"])
            # several targets: the outputs are the targets one after another, each on the whole grid
            self.target_names = ([_text(n) for n in f.attrs["target_names"]] if "target_names" in f.attrs
                                 else [self.target_name])
            self.grid = f["grid"][()]
            self.input_mean, self.input_std = f["input/mean"][()], f["input/std"][()]
            self.layers = []
            for l in range(int(f["layers"].attrs["count"])):
                g = f["layers/%d" % l]
                layer = {"W": g["W"][()].astype(np.float64), "b": g["b"][()].astype(np.float64),
                         "activation": _text(g.attrs["activation"])}
                if "slope" in g.attrs:
                    layer["slope"] = float(g.attrs["slope"])
                if "alpha" in g:
                    layer["alpha"] = g["alpha"][()].astype(np.float64)
                    layer["beta"] = g["beta"][()].astype(np.float64)
                self.layers.append(layer)
            self.pca = None
            if "pca" in f:
                self.pca = (f["pca/mean"][()], f["pca/components"][()], f["pca/coefficient_std"][()])
            self.output_mean, self.output_std = f["output/mean"][()], f["output/std"][()]

    def predict_log10(self, theta):
        if isinstance(theta, dict):
            theta = [theta[name] for name in self.param_names]
        theta = np.atleast_2d(np.asarray(theta, dtype=np.float64))
        h = (theta - self.input_mean) / self.input_std
        for layer in self.layers:
            h = _activate(layer["activation"], h @ layer["W"] + layer["b"], layer)
        if self.pca is not None:
            mean, components, coefficient_std = self.pca
            h = mean + (h * coefficient_std) @ components
        return h * self.output_std + self.output_mean

    def predict(self, theta):
        return 10.0 ** self.predict_log10(theta)

    def split(self, outputs):
        """{target name: [N, len(grid)] array} from the outputs of predict or predict_log10."""
        n = len(self.grid)
        return {name: outputs[:, t * n:(t + 1) * n] for t, name in enumerate(self.target_names)}


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: emulator_numpy.py MODEL.h5 PARAMS.csv > OUT.csv")
    emu = Emulator(argv[1])
    names = open(argv[2]).readline().strip().split(",")
    table = np.atleast_2d(np.loadtxt(argv[2], delimiter=",", skiprows=1))
    theta = table[:, [names.index(n) for n in emu.param_names]]
    np.savetxt(sys.stdout, emu.predict_log10(theta), delimiter=",", fmt="%.17g")


if __name__ == "__main__":
    main(sys.argv)
