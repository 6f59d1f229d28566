package dev.sessiongan.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Users as one JSON array, each element shaped as a {@link ProfilesJsonlWriter} line: what Gatling's
 * {@code jsonFile} feeder and k6's {@code SharedArray} read. Streamed, one user at a time.
 */
public final class UsersJsonWriter extends OutputWriter {

    private final JsonGenerator json;

    private UsersJsonWriter(OutputTarget target) throws IOException {
        super(target);
        this.json = new JsonFactory().createGenerator(target.stream(), JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setPrettyPrinter(new OneUserPerLine());
        json.writeStartArray();
    }

    /** Compact JSON, except that each user of the top-level array starts a line of its own. */
    private static final class OneUserPerLine extends com.fasterxml.jackson.core.util.MinimalPrettyPrinter {
        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (g.getOutputContext().getParent().inRoot()) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(g.getOutputContext().getParent().inRoot() ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(g.getOutputContext().getParent().inRoot() ? "\n]\n" : "]");
        }
    }

    /** Writes to a file, atomically. */
    public static UsersJsonWriter create(Path file) throws IOException {
        return new UsersJsonWriter(OutputTarget.file(file));
    }

    /** Writes to a stream that stays open (e.g. stdout). */
    public static UsersJsonWriter to(OutputStream out) throws IOException {
        return new UsersJsonWriter(OutputTarget.stream(out));
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        requireOpen();
        UserJson.write(json, user);
    }

    @Override
    void finish() throws IOException {
        json.writeEndArray();
        json.flush();
    }

    @Override
    void release() throws IOException {
        json.close();
    }
}
