package dev.sessiongan.io;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An implicit-feedback interaction log for recommender libraries that read {@code user,item,rating,timestamp}
 * with numeric ids and no header (Mahout's {@code FileDataModel}, LibRec's UIRT text format, LensKit's
 * delimited reader, MovieLens-style loaders): one row per event, users numbered from 1 in generation
 * order, items numbered from 1 as first seen, {@code rating} the strength of the event
 * (1 view, search or removal from the cart, 2 wishlist, 3 add to cart, 4 purchase; a library that wants
 * one value per pair takes the maximum) and {@code timestamp} Unix seconds. The numbers map back to the
 * generated ids through a second file beside it, {@code NAME-ids.csv} (header {@code kind,number,id},
 * kind {@code user} or {@code item}), written as ids are first seen; both appear on {@link #commit()}.
 */
public final class InteractionsCsvWriter extends OutputWriter {

    private final Writer rows;
    private final AtomicFile idFile;
    private final Writer ids;
    private final Map<String, Long> items = new HashMap<>();
    private long users;

    private InteractionsCsvWriter(OutputTarget target, AtomicFile idFile) {
        super(target);
        this.idFile = idFile;
        this.rows = new BufferedWriter(new OutputStreamWriter(target.stream(), StandardCharsets.UTF_8));
        this.ids = new BufferedWriter(new OutputStreamWriter(idFile.stream(), StandardCharsets.UTF_8));
    }

    /** Writes {@code file} and its id map {@link #idMapFile(Path)}, atomically. */
    public static InteractionsCsvWriter create(Path file) throws IOException {
        OutputTarget target = OutputTarget.file(file);
        try {
            AtomicFile idFile = AtomicFile.create(idMapFile(file));
            InteractionsCsvWriter writer = new InteractionsCsvWriter(target, idFile);
            writer.ids.write("kind,number,id\n");
            return writer;
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /** The id map written beside {@code file}: its name without {@code .csv}, then {@code -ids.csv}. */
    public static Path idMapFile(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + "-ids.csv");
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        requireOpen();
        long userNumber = ++users;
        ids.write("user," + userNumber + "," + csvField(user.userId()) + "\n");
        for (UserSession s : user.sessions()) {
            for (ClickEvent e : s.events()) {
                Long item = items.get(e.itemId());
                if (item == null) {
                    item = (long) items.size() + 1;
                    items.put(e.itemId(), item);
                    ids.write("item," + item + "," + csvField(e.itemId()) + "\n");
                }
                rows.write(userNumber + "," + item + "," + strength(e.type()) + ","
                        + Math.floorDiv(e.timestamp().toEpochMilli(), 1000) + "\n");
            }
        }
    }

    static int strength(EventType type) {
        return switch (type) {
            case VIEW, SEARCH, REMOVE_FROM_CART -> 1;
            case WISHLIST -> 2;
            case ADD_TO_CART -> 3;
            case PURCHASE -> 4;
        };
    }

    private static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Override
    void finish() throws IOException {
        rows.flush();
        ids.flush();
        idFile.commit();
    }

    @Override
    void release() throws IOException {
        idFile.close();
    }
}
