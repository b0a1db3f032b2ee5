package io.emuflow.sampling;

import java.nio.charset.StandardCharsets;

/**
 * One pipeline seed gives each step its own stream: the step's name is mixed into the seed so that, for
 * example, the split does not reuse the sampler's random numbers.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, String purpose) {
        long h = seed;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return mix(h);
    }

    /** SplitMix64 finaliser (Steele, Lea & Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
