package dev.sessiongan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The library version and the versions it was built with. */
public final class Version {

    private static final Properties PROPERTIES = load();

    private Version() {
    }

    /** SessionGAN's version, e.g. {@code 0.1.0}. */
    public static String library() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The Deeplearning4j version the library was built against. */
    public static String dl4j() {
        return PROPERTIES.getProperty("dl4j", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
