package dev.sessiongan.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Where a writer's bytes go: an atomic file, or a stream it must not close (such as stdout). */
final class OutputTarget implements AutoCloseable {

    private final AtomicFile file;
    private final OutputStream stream;

    private OutputTarget(AtomicFile file, OutputStream stream) {
        this.file = file;
        this.stream = stream;
    }

    static OutputTarget file(Path path) throws IOException {
        AtomicFile file = AtomicFile.create(path);
        return new OutputTarget(file, file.stream());
    }

    static OutputTarget stream(OutputStream out) {
        return new OutputTarget(null, new NonClosingOutputStream(out));
    }

    OutputStream stream() {
        return stream;
    }

    void commit() throws IOException {
        if (file != null) {
            file.commit();
        } else {
            stream.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        } else {
            stream.flush();
        }
    }
}
