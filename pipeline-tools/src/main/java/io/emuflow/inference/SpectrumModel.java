package io.emuflow.inference;

import java.util.List;

/** What the likelihood compares the data with: a spectrum on a fixed k grid for each row of model parameters. */
public interface SpectrumModel {
    /** The model's parameter names, in the order of a row. */
    List<String> parameterNames();

    /** The k grid (1/Mpc) of every predicted spectrum. */
    double[] grid();

    /** One spectrum per row, all rows in one call (the batch path). */
    double[][] spectra(double[][] rows);

    /** For logs and provenance, e.g. "emulator mlp (P_nl)". */
    String describe();
}
