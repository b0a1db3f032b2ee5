package io.emuflow.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    @Test
    void logAxesSpanWholeDecadesAndAtLeastTwo() {
        // errors between 0.02% and 0.07%: one decade apart at most, so the axis is widened to two whole decades
        assertArrayEquals(new double[] {1e-2, 1e0}, Plots.decadeRange(new double[] {0.02, 0.07, 0, Double.NaN}), 1e-15);
        assertArrayEquals(new double[] {1e-3, 1e2}, Plots.decadeRange(new double[] {0.005, 40}), 1e-15);
        assertArrayEquals(new double[] {1e-3, 1e1}, Plots.decadeRange(new double[] {0, -1}), 1e-15);
    }

    @Test
    void spectraCarryARatioPanelAndSplitsKeepTheirColour() throws Exception {
        double[] k = {0.01, 0.1, 1};
        Path file = dir.resolve("examples.png");
        Plots.spectra(file, "True vs predicted P_nl", "k [1/Mpc]", "P_nl [Mpc^3]", List.of(
                new Plots.Pair("test (id 3)", "test", k, new double[] {1e4, 1e3, 1e2}, new double[] {1.001e4, 0.999e3, 1e2}),
                new Plots.Pair("train (id 1)", "train", k, new double[] {2e4, 2e3, 2e2}, new double[] {2e4, 2e3, 2.02e2})));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(460 + 220, image.getHeight(), "the spectra and, under them, the ratio panel");
        assertEquals(Plots.colourOf("test"), Plots.colourOf("test"));
        assertNotEquals(Plots.colourOf("train"), Plots.colourOf("test"));

        Map<String, double[]> bands = new LinkedHashMap<>();
        bands.put("test p50", new double[] {1e-4, 2e-4, 3e-4});
        bands.put("test p99", new double[] {1e-3, 2e-3, 5e-3});
        Path errors = dir.resolve("error_bands.png");
        Plots.errorBands(errors, "Relative error", "k [1/Mpc]", k, bands);
        assertEquals(560, ImageIO.read(errors.toFile()).getHeight());
    }
}
