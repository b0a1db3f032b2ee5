package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuflow.data.Parameter;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 21-cm simulator's outputs stay bit-identical across refactorings (issue 22: the growth factor and the EH99 linear
 * power moved from this package to {@code cosmology}). Two points on 16^3 / 32 Mpc boxes at z = 8 and 9.5, with every
 * box saved: the SHA-256 of their spectra (the doubles' bits) and boxes (the floats' bits) is the one the code gave
 * before the move (commit 8496280, on x86-64 HotSpot 17). A changed hash means changed outputs: if the change is meant
 * (new physics), check it against FiducialComparisonTest's 21cmFAST figures and update the hash with the reason.
 */
class Reion21cmRegressionTest {
    private static final String EXPECTED = "d6ce2ced2663491ce6af3f7e3df56137db860c076e57a71aa0a7b8d114c55517";

    @Test
    void spectraAndBoxesOfTwoPointsAreBitIdenticalToTheStoredHash() throws Exception {
        List<Parameter> parameters = List.of(new Parameter("R_BUBBLE_MAX", "Mpc", 5, 20),
                new Parameter("HII_EFF_FACTOR", "", 5, 200), new Parameter("ION_Tvir_MIN", "log10 K", 4, 6));
        Simulator simulator = SimulatorRegistry.createFor("reion21cm", Map.of("hii_dim", 16, "box_length", 32.0,
                "redshifts", List.of(8, 9.5), "save_boxes", List.of("brightness_temperature", "neutral_fraction", "density")), parameters);
        List<String> names = List.of("R_BUBBLE_MAX", "HII_EFF_FACTOR", "ION_Tvir_MIN");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (double[] point : new double[][] {{15, 30, 4.7}, {8, 120, 5.5}}) {
            Simulator.Output out = simulator.simulateWithBoxes(names, point);
            for (double[] spectrum : out.spectra()) {
                ByteBuffer bytes = ByteBuffer.allocate(8 * spectrum.length);
                for (double v : spectrum) {
                    bytes.putLong(Double.doubleToRawLongBits(v));
                }
                sha.update(bytes.array());
            }
            for (float[] box : out.boxes()) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * box.length);
                for (float v : box) {
                    bytes.putInt(Float.floatToRawIntBits(v));
                }
                sha.update(bytes.array());
            }
        }
        assertEquals(EXPECTED, HexFormat.of().formatHex(sha.digest()));
    }
}
