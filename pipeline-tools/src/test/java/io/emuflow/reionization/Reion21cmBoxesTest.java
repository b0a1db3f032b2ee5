package io.emuflow.reionization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.data.BoxScratch;
import io.emuflow.data.BoxSpec;
import io.emuflow.data.DatasetFile;
import io.emuflow.data.Parameter;
import io.emuflow.data.SpectrumDataset;
import io.emuflow.fields.Box;
import io.emuflow.fields.SphericalPowerSpectrum;
import io.emuflow.simulate.ChunkRunner;
import io.emuflow.simulate.Simulator;
import io.emuflow.simulate.SimulatorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reion21cm simulator's saved boxes (setting save_boxes), on 16^3 / 32 Mpc boxes at z = 8 and 9.5. */
class Reion21cmBoxesTest {
    private static final List<Parameter> PARAMETERS = List.of(new Parameter("R_BUBBLE_MAX", "Mpc", 5, 20),
            new Parameter("HII_EFF_FACTOR", "", 5, 200), new Parameter("ION_Tvir_MIN", "log10 K", 4, 6));
    private static final List<String> ALL_FIELDS = List.of("brightness_temperature", "neutral_fraction", "density");

    @TempDir
    Path dir;

    private static Map<String, Object> settings(Object saveBoxes) {
        Map<String, Object> settings = new HashMap<>(Map.of("hii_dim", 16, "box_length", 32.0, "redshifts", List.of(8, 9.5)));
        if (saveBoxes != null) {
            settings.put("save_boxes", saveBoxes);
        }
        return settings;
    }

    private static SpectrumDataset samples() {
        double[][] params = {{15, 30, 4.7}, {8, 120, 5.5}, {19, 10, 4.1}};
        return SpectrumDataset.ofSamples("test", new long[] {4, 5, 6}, PARAMETERS, params);
    }

    /** Simulates the samples with boxes spilled to a scratch file, then writes and reads the chunk file. */
    private SpectrumDataset simulateToFile(Simulator simulator, int threads) {
        Path file = dir.resolve("chunk-" + threads + ".h5");
        try (BoxScratch scratch = BoxScratch.create(dir.resolve("scratch-" + threads), simulator.boxes(), samples().size())) {
            ChunkRunner.Result result = ChunkRunner.run(simulator, samples(), 0, samples().size(), threads, scratch);
            DatasetFile.write(result.chunk(), file, "test");
        }
        assertTrue(Files.notExists(dir.resolve("scratch-" + threads)), "the scratch file is deleted");
        return DatasetFile.read(file);
    }

    @Test
    void boxesAreNamedPerFieldAndRedshift() {
        Simulator simulator = SimulatorRegistry.createFor("reion21cm", settings(ALL_FIELDS), PARAMETERS);
        assertEquals(List.of("tb_z8", "xHI_z8", "density_z8", "tb_z9p5", "xHI_z9p5", "density_z9p5"),
                simulator.boxes().stream().map(BoxSpec::name).toList());
        assertEquals(new BoxSpec("tb_z9p5", "brightness_temperature", "mK", 16, 32.0, 9.5), simulator.boxes().get(3));
        assertEquals(ALL_FIELDS, simulator.resolvedSettings().get("save_boxes"), "provenance records the setting");
        assertEquals(List.of(), SimulatorRegistry.createFor("reion21cm", settings(null), PARAMETERS).boxes(), "off by default");
        assertEquals(List.of(), SimulatorRegistry.createFor("reion21cm", settings(null), PARAMETERS).resolvedSettings().get("save_boxes"));
    }

    /**
     * Round trip: the saved T_b box of each sample, read back from the file (float32), gives that sample's saved
     * Delta^2(k) through the project's own box power spectrum, to float32 precision; the three boxes of a sample obey
     * T_b = 27 mK x_HI (1 + delta) (Omega_b h^2/0.023) sqrt(0.15/(Omega_m h^2) (1+z)/10) cell by cell.
     */
    @Test
    void theSavedBrightnessTemperatureBoxReproducesTheSavedSpectrum() {
        Simulator simulator = SimulatorRegistry.createFor("reion21cm", settings(ALL_FIELDS), PARAMETERS);
        SpectrumDataset chunk = simulateToFile(simulator, 2);
        SphericalPowerSpectrum spectrum = new SphericalPowerSpectrum(new Box(16, 32.0), CoevalSimulator.SPECTRUM_BINS);
        // 21cmFAST v3 default cosmology (h, Omega_m, Omega_b), typed here independently of ReionCosmology
        double h2 = 0.6766 * 0.6766;
        int checkedBins = 0;
        for (String z : List.of("8", "9p5")) {
            double redshift = z.equals("8") ? 8 : 9.5;
            double t0 = 27 * (0.04897468 * h2 / 0.023) * Math.sqrt(0.15 / (0.30964144 * h2) * (1 + redshift) / 10);
            for (int i = 0; i < chunk.size(); i++) {
                float[] tb = chunk.boxes().get("tb_z" + z).row(i);
                float[] xhi = chunk.boxes().get("xHI_z" + z).row(i);
                float[] density = chunk.boxes().get("density_z" + z).row(i);
                double[] tbDouble = new double[tb.length];
                for (int c = 0; c < tb.length; c++) {
                    tbDouble[c] = tb[c];
                    assertTrue(xhi[c] >= 0 && xhi[c] <= 1, "x_HI in [0, 1]");
                    assertEquals(t0 * xhi[c] * (1 + density[c]), tb[c], 1e-5 * t0, "T_b cell " + c);
                }
                double[] recomputed = spectrum.dimensionless(tbDouble);
                double[] saved = chunk.target("delta2_z" + z).values()[i];
                for (int b = 0; b < saved.length; b++) {
                    if (Double.isNaN(saved[b])) {
                        assertTrue(Double.isNaN(recomputed[b]), "empty bin " + b + " stays empty");
                    } else {
                        assertEquals(saved[b], recomputed[b], 1e-5 * saved[b] + 1e-9, "z " + z + ", sample " + i + ", bin " + b);
                        checkedBins += saved[b] > 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(checkedBins > 40, "most bins are non-zero, so the comparison means something: " + checkedBins);
    }

    /** Saving boxes changes nothing else: the spectra are bit-identical with and without, whatever the thread count. */
    @Test
    void savingBoxesLeavesTheSpectraBitIdentical() {
        SpectrumDataset without = ChunkRunner.run(SimulatorRegistry.createFor("reion21cm", settings(null), PARAMETERS),
                samples(), 0, 3, 1).chunk();
        SpectrumDataset with = simulateToFile(SimulatorRegistry.createFor("reion21cm", settings(List.of("brightness_temperature")),
                PARAMETERS), 2);
        SpectrumDataset again = simulateToFile(SimulatorRegistry.createFor("reion21cm", settings(List.of("brightness_temperature")),
                PARAMETERS), 1);
        for (String target : List.of("delta2_z8", "delta2_z9p5")) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(without.target(target).values()[i], with.target(target).values()[i], 0.0, target + " sample " + i);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(with.boxes().get("tb_z8").row(i), again.boxes().get("tb_z8").row(i), 0f, "boxes bit-reproducible");
        }
        assertEquals(List.of("tb_z8", "tb_z9p5"), List.copyOf(with.boxes().keySet()));
    }

    @Test
    void badBoxSettingsGiveOneLineErrors() {
        IllegalArgumentException halofit = assertThrows(IllegalArgumentException.class,
                () -> SimulatorRegistry.create("halofit", Map.of("save_boxes", List.of("brightness_temperature"))));
        assertEquals("simulator halofit makes no boxes, so the setting 'save_boxes' does not apply (boxes are saved by: reion21cm, halo-boxes)",
                halofit.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SimulatorRegistry.create("reion21cm", settings(List.of("spin_temperature"))));
        assertTrue(unknown.getMessage().contains("unknown field 'spin_temperature'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", settings(true)));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorRegistry.create("reion21cm", settings(List.of("density", "density"))));
    }
}
