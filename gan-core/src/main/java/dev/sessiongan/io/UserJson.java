package dev.sessiongan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.UserProfile;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.math.BigDecimal;

/** The JSON shape of one user, shared by the JSON Lines and JSON array writers (docs/schema). */
final class UserJson {

    private UserJson() {
    }

    static void write(JsonGenerator json, VirtualUser user) throws IOException {
        json.writeStartObject();
        json.writeStringField("userId", user.userId());
        writeProfile(json, user.profile());
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
                writePrice(json, "price", e.price());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeProfile(JsonGenerator json, UserProfile profile) throws IOException {
        json.writeObjectFieldStart("profile");
        json.writeNumberField("sessions", profile.sessions());
        json.writeNumberField("events", profile.events());
        json.writeBooleanField("buyer", profile.buyer());
        json.writeStringField("preferredCategory", profile.preferredCategory());
        writePrice(json, "meanPrice", profile.meanPrice());
        json.writeEndObject();
    }

    /** A price as written in the source (its scale kept), or {@code null} where unknown. */
    private static void writePrice(JsonGenerator json, String field, BigDecimal price) throws IOException {
        if (price == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, price);
        }
    }
}
