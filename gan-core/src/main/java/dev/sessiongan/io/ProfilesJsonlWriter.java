package dev.sessiongan.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.UserProfile;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Profiles as JSON Lines, one user per line:
 * {@code {"userId":..,"profile":{..},"sessions":[{"sessionId":..,"events":[{"type":..,"itemId":..,
 * "categoryId":..,"timestamp":..,"price":..}]}]}}. Unknown category or price is {@code null}.
 */
public final class ProfilesJsonlWriter extends OutputWriter {

    private final JsonGenerator json;

    private ProfilesJsonlWriter(OutputTarget target) throws IOException {
        super(target);
        this.json = new JsonFactory().createGenerator(target.stream(), JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Writes to a file, atomically. */
    public static ProfilesJsonlWriter create(Path file) throws IOException {
        return new ProfilesJsonlWriter(OutputTarget.file(file));
    }

    /** Writes to a stream that stays open (e.g. stdout). */
    public static ProfilesJsonlWriter to(OutputStream out) throws IOException {
        return new ProfilesJsonlWriter(OutputTarget.stream(out));
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        requireOpen();
        UserJson.write(json, user);
        json.writeRaw('\n');
    }

    @Override
    void finish() throws IOException {
        json.flush();
    }

    @Override
    void release() throws IOException {
        json.close();
    }
}
