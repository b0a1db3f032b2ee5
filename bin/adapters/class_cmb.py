#!/usr/bin/env python3
"""CLASS adapter for EmuFlow's `external` simulator in generic mode: lensed CMB TT, TE, EE and PP.

UNTESTED HERE: no Boltzmann code can be installed on the project's machines, so this script has never run
against classy. It follows classy's documented API (Class.set / compute / lensed_cl / struct_cleanup) and the
CLASS settings of ../shared/reference/class-cmb/README.md (output tCl,pCl,lCl, lensing yes, l_max_scalars 2508,
CLASS defaults otherwise). Check its output against that table's rows before trusting it.

Usage (the study's simulator settings, docs/external-simulator.md):
    command: "python3 bin/adapters/class_cmb.py --params {params} --grid {grid} --out {out}"
    parameters: [omega_b, omega_cdm, h, tau_reio, n_s, ln10As]
    grid: [2, 3, ..., 2508]      # multipoles, integers
    grid_name: ell
    targets: [TT, TE, EE, PP]

Writes id,ell,TT,TE,EE,PP with l(l+1) C_l / 2pi, dimensionless (the table's units: classy's lensed_cl gives C_l
dimensionless; PP is l(l+1) C_l^phiphi / 2pi as in CLASS's `format = class` output). A cosmology CLASS
refuses gets NaN rows, which EmuFlow's clean step removes.
"""
import argparse
import csv
import math

from classy import Class  # pip install classy (CLASS's Python wrapper)

CLASS_NAMES = {"omega_b": "omega_b", "omega_cdm": "omega_cdm", "h": "h", "tau_reio": "tau_reio",
               "n_s": "n_s", "ln10As": "ln10^{10}A_s"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--params", required=True)
    ap.add_argument("--grid", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    ells = [int(round(float(line))) for line in open(a.grid) if line.strip()]
    l_max = max(ells)
    with open(a.params) as f, open(a.out, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["id", "ell", "TT", "TE", "EE", "PP"])
        for row in csv.DictReader(f):
            settings = {CLASS_NAMES[k]: float(v) for k, v in row.items() if k != "id"}
            settings.update({"output": "tCl,pCl,lCl", "lensing": "yes", "l_max_scalars": l_max})
            cosmo = Class()
            try:
                cosmo.set(settings)
                cosmo.compute()
                cl = cosmo.lensed_cl(l_max)
                for l in ells:
                    f_l = l * (l + 1) / (2 * math.pi)
                    w.writerow([row["id"], l, f_l * cl["tt"][l], f_l * cl["te"][l], f_l * cl["ee"][l], f_l * cl["pp"][l]])
            except Exception:  # CLASS refused this cosmology: NaN rows for the clean step
                for l in ells:
                    w.writerow([row["id"], l, "NaN", "NaN", "NaN", "NaN"])
            finally:
                cosmo.struct_cleanup()
                cosmo.empty()


if __name__ == "__main__":
    main()
