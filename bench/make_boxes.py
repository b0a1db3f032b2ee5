#!/usr/bin/python3
"""Writes a toy halo-box dataset in the EmuFlow layout (DESIGN.md section 5) with h5py, for bench/cnn3d_memory.sh at
sizes where jhdf's writer is slow (it writes a zero placeholder 256 bytes per system call): N rows of three D^3
channels (nhalo, mass, speed), 64 distinct samples repeated, float32, contiguous (as DatasetFile reads boxes).
Usage: /usr/bin/python3 bench/make_boxes.py N D out.h5   (Debian's python3-h5py)
"""
import os
import sys

import h5py
import numpy as np

n, dim, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
k = min(n, 64)
rng = np.random.default_rng(1)
om = 0.1 + 0.4 * rng.random(k)
s8 = 0.6 + 0.4 * rng.random(k)
counts = rng.poisson((0.3 + 2.0 * (om - 0.1) / 0.4)[:, None, None, None], (k, dim, dim, dim)).astype(np.float32)
channels = {
    "nhalo": counts,
    "mass": (counts * 10 ** (12 + 2 * (s8 - 0.6) / 0.4)[:, None, None, None]).astype(np.float32),
    "speed": np.where(counts > 0, 300 * s8[:, None, None, None], 0).astype(np.float32),
}
tmp = out + ".tmp"
with h5py.File(tmp, "w") as f:
    f.attrs["format"] = "emuflow-dataset/1"
    f.attrs["study"] = "box-bench"
    f.attrs["step"] = "split"
    f.attrs["tool_version"] = "bench"
    f.create_dataset("index", data=np.arange(n, dtype=np.int64))
    params = f.create_dataset("params", data=np.stack([om, s8], 1)[np.arange(n) % k])
    params.attrs["names"] = ["Omega_m", "sigma_8"]
    params.attrs["units"] = ["", ""]
    params.attrs["lower"] = np.array([0.1, 0.6])
    params.attrs["upper"] = np.array([0.5, 1.0])
    boxes = f.create_group("boxes")
    for name, data in channels.items():
        ds = boxes.create_dataset(name, shape=(n, dim, dim, dim), dtype=np.float32)
        for start in range(0, n, k):
            end = min(n, start + k)
            ds[start:end] = data[: end - start]
        ds.attrs["units"] = ""
        ds.attrs["box_length_mpc"] = 1000.0
os.replace(tmp, out)
print(f"wrote {n} rows, {os.path.getsize(out)} bytes", file=sys.stderr)
