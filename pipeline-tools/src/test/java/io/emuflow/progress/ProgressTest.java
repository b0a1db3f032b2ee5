package io.emuflow.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void plainLinesCarryCountPercentRateAndTimeLeft() {
        Progress p = Progress.lines("simulate halofit", 5000, "samples", Duration.ZERO, line -> { });
        long start = System.nanoTime();
        // 1200 of 5000 after 400 s: 3 samples/s, 3800 left -> about 21 min
        String line = p.describe(1200, start + 400_000_000_000L);
        assertTrue(line.startsWith("simulate halofit: 1200/5000 samples (24%), 3.00 samples/s, about 21 min left"), line);
        assertTrue(p.describe(5000, start + 7_200_000_000_000L).endsWith("done in 2.0 h"), p.describe(5000, start + 7_200_000_000_000L));
    }

    @Test
    void linesAreRateLimitedAndTheLastOneIsWrittenAtClose() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Progress p = Progress.lines("train", 1000, "epochs", Duration.ofHours(1), lines::add)) {
            IntStream.range(0, 1000).parallel().forEach(i -> p.step());
        }
        assertEquals(1, lines.size(), "one line per hour at most, plus the final one: " + lines);
        assertTrue(lines.get(0).startsWith("train: 1000/1000 epochs (100%)"), lines.get(0));
    }

    @Test
    void everyStepCountsOnceUnderParallelWorkers() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Progress p = Progress.lines("simulate", 2000, "samples", Duration.ZERO, lines::add)) {
            IntStream.range(0, 2000).parallel().forEach(i -> p.step());
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("simulate: 2000/2000 samples"), lines.get(lines.size() - 1));
    }

    @Test
    void aCappedLoopGivesAnUpperBoundAndIsDoneWhenItStopsEarly() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Progress p = Progress.linesUpTo("train mlp", 250, "epochs", Duration.ofHours(1), lines::add);
        long start = System.nanoTime();
        // 50 of at most 250 epochs in 100 s: 0.5 epochs/s, 200 left -> at most 400 s = 7 min
        assertTrue(p.describe(50, start + 100_000_000_000L).contains("at most 7 min left"), p.describe(50, start + 100_000_000_000L));
        for (int epoch = 1; epoch <= 83; epoch++) {
            p.step("validation loss 1.2e-4");
        }
        p.close(); // patience ended it at epoch 83
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("train mlp: 83/250 epochs (33%)"), last);
        assertTrue(last.contains("done in") && !last.contains("left"), last);
        assertTrue(last.endsWith("; validation loss 1.2e-4"), last);
    }

    @Test
    void anUncappedStepThatStopsShortIsNotCalledDone() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Progress p = Progress.lines("simulate", 100, "samples", Duration.ofHours(1), lines::add);
        p.step(40);
        p.close();
        assertTrue(lines.get(0).startsWith("simulate: 40/100 samples (40%)") && !lines.get(0).contains("done"), lines.get(0));
    }

    @Test
    void humanDurations() {
        assertEquals("45 s", Progress.human(45));
        assertEquals("20 min", Progress.human(1200));
        assertEquals("3.0 h", Progress.human(10800));
    }
}
