package dev.sessiongan.format;

import java.nio.file.Path;
import java.util.Objects;

/** A {@link ClickstreamFormat} defined by a {@link GenericFormatSpec}. */
record SpecFormat(String name, String description, GenericFormatSpec spec) implements ClickstreamFormat {

    SpecFormat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public EventReader open(Path file, ReadOptions options) {
        return new DelimitedReader(file, spec, options);
    }
}
