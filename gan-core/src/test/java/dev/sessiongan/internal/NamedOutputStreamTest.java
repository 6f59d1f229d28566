package dev.sessiongan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class NamedOutputStreamTest {

    /** Takes {@code room} bytes, then fails as a full disk does. */
    private static OutputStream full(int room) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > room) {
                    throw new IOException("No space left on device");
                }
            }
        };
    }

    @Test
    void bytesPassThroughUnchanged() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = new NamedOutputStream(sink, "users.csv")) {
            out.write('a');
            out.write("bcd".getBytes(), 1, 2);
        }

        assertThat(sink.toString()).isEqualTo("acd");
    }

    @Test
    void aFailedWriteNamesWhereTheBytesWent() {
        assertThatThrownBy(() -> new NamedOutputStream(full(2), "users.csv").write("abc".getBytes(), 0, 3))
                .isInstanceOf(IOException.class).hasMessage("cannot write users.csv: No space left on device")
                .hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> new NamedOutputStream(full(0), "standard output").write('x'))
                .hasMessage("cannot write standard output: No space left on device");
    }
}
