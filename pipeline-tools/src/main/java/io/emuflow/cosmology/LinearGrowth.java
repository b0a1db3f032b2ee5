package io.emuflow.cosmology;

/**
 * The linear growth factor of matter perturbations, scale independent (CDM + baryons), normalised to 1 today (to 2e-5
 * for {@link CarrollPressTurnerGrowth} with radiation, as 21cmFAST has it). Three
 * forms, a study or simulator picks one:
 * <ul>
 *   <li>{@link GrowthFactor}: the growth ODE in any background of {@link Background} (radiation, curvature, w0wa dark
 *       energy); the reference.</li>
 *   <li>{@link HeathGrowth}: the closed-form integral of flat LambdaCDM without radiation (Heath 1977), as N-body
 *       codes assume.</li>
 *   <li>{@link CarrollPressTurnerGrowth}: the fitting formula of Carroll, Press &amp; Turner 1992 in 21cmFAST's form,
 *       which the 21-cm simulator uses to match 21cmFAST.</li>
 * </ul>
 */
public interface LinearGrowth {
    /** D(z) / D(0), z >= 0. */
    double normalized(double z);
}
