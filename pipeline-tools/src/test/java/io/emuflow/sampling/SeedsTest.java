package io.emuflow.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void mixerIsTheSplitMix64Finaliser() {
        // splitmix64.c (Vigna): from state 0 the first output is mix(0 + 0x9e3779b97f4a7c15) = 0xe220a8397b1dcdaf;
        // with an empty purpose derive(seed) is mix(seed)
        assertEquals(0xe220a8397b1dcdafL, Seeds.derive(0x9e3779b97f4a7c15L, ""));
    }

    @Test
    void sameSeedAndPurposeGiveTheSameStream() {
        assertEquals(Seeds.derive(42, "split"), Seeds.derive(42, "split"));
    }

    @Test
    void stepsGetDifferentStreams() {
        Set<Long> seeds = new HashSet<>();
        for (String purpose : new String[] {"sample", "split", "train/mlp", "train/mlp-wide", "simulate"}) {
            seeds.add(Seeds.derive(42, purpose));
        }
        assertEquals(5, seeds.size());
        assertNotEquals(Seeds.derive(42, "sample"), Seeds.derive(43, "sample"));
    }

    @Test
    void consecutivePipelineSeedsGiveDistinctDerivedSeeds() {
        Set<Long> seeds = new HashSet<>();
        for (long s = 0; s < 10_000; s++) {
            seeds.add(Seeds.derive(s, "sample"));
        }
        assertEquals(10_000, seeds.size());
    }
}
