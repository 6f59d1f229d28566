package dev.sessiongan.model;

import dev.sessiongan.internal.SeedMix;
import java.util.SplittableRandom;

/**
 * The random draws training and generation share: a run's independent streams and the generator's noise. Each
 * draws from the stream it is given only, so that a run, its resumed copy and its generated users repeat by seed.
 */
final class Draws {

    private Draws() {
    }

    /** A well-mixed seed for stream {@code index} of a run seeded with {@code seed}. */
    static long stream(long seed, long index) {
        return SeedMix.mix(seed * 0x9E3779B97F4A7C15L + index);
    }

    /** {@code rows} noise vectors of {@code width} standard normal draws. */
    static float[][] noise(SplittableRandom random, int rows, int width) {
        float[][] z = new float[rows][width];
        for (float[] row : z) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (float) gaussian(random);
            }
        }
        return z;
    }

    /** A standard normal draw (Box-Muller). */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
