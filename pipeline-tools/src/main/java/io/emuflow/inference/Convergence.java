package io.emuflow.inference;

/**
 * When a chain counts as converged: split R-hat below {@code maxRhat} and effective sample size at least
 * {@code minEss} for every parameter (issue 18: R-hat &lt; 1.01, ESS &gt;= 1000).
 */
public record Convergence(double maxRhat, double minEss) {
    public static final Convergence DEFAULT = new Convergence(1.01, 1000);

    public Convergence {
        if (!(maxRhat > 1) || !(minEss > 0)) {
            throw new IllegalArgumentException("convergence needs max R-hat > 1 and min ESS > 0, got " + maxRhat + ", " + minEss);
        }
    }
}
