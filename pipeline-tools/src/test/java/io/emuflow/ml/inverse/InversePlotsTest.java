package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InversePlotsTest {
    @TempDir
    Path dir;

    @Test
    void confusionAxesNameEachClassByItsRange() throws Exception {
        ParameterClasses classes = new ParameterClasses("R_BUBBLE_MAX", 5, 20, 3);
        assertEquals(List.of("5.00-10.0", "10.0-15.0", "15.0-20.0"), InversePlots.rangeLabels(classes));
        ParameterClasses many = new ParameterClasses("ION_Tvir_MIN", 4, 6, 25);
        List<String> labels = InversePlots.rangeLabels(many);
        assertEquals(25, labels.size());
        assertEquals("4.00-4.08", labels.get(0));
        assertEquals("5.92-6.00", labels.get(24));

        long[][] confusion = new long[25][25];
        for (int c = 0; c < 25; c++) {
            confusion[c][c] = 3;
            confusion[c][Math.min(24, c + 1)] += 1;
        }
        Path file = dir.resolve("confusion.png");
        InversePlots.confusion(file, "Confusion matrix of ION_Tvir_MIN", confusion, many, "log10 K");
        var image = ImageIO.read(file.toFile());
        assertEquals(860, image.getWidth());
        assertEquals(800, image.getHeight());
    }
}
