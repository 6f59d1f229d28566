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
public final class ProfilesJsonlWriter implements UserWriter {

    private final OutputTarget target;
    private final JsonGenerator json;

    private ProfilesJsonlWriter(OutputTarget target) throws IOException {
        this.target = target;
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
        json.writeStartObject();
        json.writeStringField("userId", user.userId());
        writeProfile(user.profile());
        json.writeArrayFieldStart("sessions");
        for (UserSession session : user.sessions()) {
            json.writeStartObject();
            json.writeStringField("sessionId", session.sessionId());
            json.writeArrayFieldStart("events");
            for (ClickEvent e : session.events()) {
                json.writeStartObject();
                json.writeStringField("type", e.type().canonicalName());
                json.writeStringField("itemId", e.itemId());
                json.writeStringField("categoryId", e.categoryId());
                json.writeStringField("timestamp", e.timestamp().toString());
                if (e.price() == null) {
                    json.writeNullField("price");
                } else {
                    json.writeNumberField("price", e.price());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeProfile(UserProfile profile) throws IOException {
        json.writeObjectFieldStart("profile");
        json.writeNumberField("sessions", profile.sessions());
        json.writeNumberField("events", profile.events());
        json.writeBooleanField("buyer", profile.buyer());
        json.writeStringField("preferredCategory", profile.preferredCategory());
        json.writeEndObject();
    }

    @Override
    public void commit() throws IOException {
        json.flush();
        target.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            json.close();
        } finally {
            target.close();
        }
    }
}
