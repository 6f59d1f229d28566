package dev.sessiongan.internal;

/** Turns related seeds (consecutive, or a seed and an index) into unrelated ones for independent streams. */
public final class SeedMix {

    private SeedMix() {
    }

    /** A 64-bit finaliser (Stafford's mix 13): nearby inputs give unrelated outputs. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
