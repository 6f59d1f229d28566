package dev.sessiongan.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Names where the bytes go in a failed write's message: the JDK's "No space left on device" or "Broken pipe"
 * alone does not say which of a command's outputs failed.
 */
public final class NamedOutputStream extends FilterOutputStream {

    private final String name;

    /** @param name the file, or a phrase such as "standard output", that messages start with */
    public NamedOutputStream(OutputStream out, String name) {
        super(out);
        this.name = name;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw named(e);
        }
    }

    private IOException named(IOException e) {
        return new IOException("cannot write " + name + ": "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
    }
}
