package dev.sessiongan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.UserProfile;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;

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
    }

    private static void writeProfile(JsonGenerator json, UserProfile profile) throws IOException {
        json.writeObjectFieldStart("profile");
        json.writeNumberField("sessions", profile.sessions());
        json.writeNumberField("events", profile.events());
        json.writeBooleanField("buyer", profile.buyer());
        json.writeStringField("preferredCategory", profile.preferredCategory());
        if (profile.meanPrice() == null) {
            json.writeNullField("meanPrice");
        } else {
            json.writeNumberField("meanPrice", profile.meanPrice());
        }
        json.writeEndObject();
    }
}
