package dev.sessiongan.internal;

/**
 * The zip entries that tell SessionGAN's two zip files apart, so that each, given where the other is
 * expected, is called what it is.
 */
public final class ZipMarkers {
    /** A model file's manifest: every model file has it. */
    public static final String MODEL_MANIFEST = "manifest.json";
    /** A training checkpoint's marker entry: every checkpoint has it. */
    public static final String CHECKPOINT_MARK = "magic";

    private ZipMarkers() {
    }
}
