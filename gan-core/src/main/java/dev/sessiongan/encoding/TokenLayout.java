package dev.sessiongan.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Flattens a user's profile and a session into one token sequence over a single vocabulary, so a plain
 * recurrent language model can generate heads one at a time, each conditioned on everything before it
 * (including the other heads of the same event):
 * <pre>
 *   SESSIONS BUYER PREFERRED_CATEGORY PRICE_TIER  LENGTH  (TYPE CATEGORY ITEM TIME)*  TYPE=END
 * </pre>
 * Each field owns a contiguous range of the vocabulary. LENGTH is the session's length class (1, 2, 3,
 * 4, 5–6, 7–9, 10–14, 15–22, 23–34, 35+ events): drawing it first turns "when to stop" from a hazard the
 * network must track over dozens of steps into one categorical choice, and the sampler keeps END inside the
 * class. The first event's TIME token is a placeholder (bucket 0) that carries no information and is
 * masked out of every loss.
 */
public final class TokenLayout {

    /** The fields, in the order they repeat. */
    public enum Field { SESSIONS, BUYER, PREFERRED_CATEGORY, PRICE_TIER, LENGTH, TYPE, CATEGORY, ITEM, TIME }

    /** Number of profile tokens at the start of every sequence. */
    public static final int PROFILE_TOKENS = 4;

    /** Number of tokens before the first event: the profile and the length class. */
    public static final int HEADER_TOKENS = PROFILE_TOKENS + 1;

    /** The smallest event count of each length class. */
    private static final int[] LENGTH_CLASS_MIN = {1, 2, 3, 4, 5, 7, 10, 15, 23, 35};

    private static final Field[] FIELDS = Field.values();

    private final int[] offset = new int[FIELDS.length];
    private final int[] size = new int[FIELDS.length];
    private final int vocabulary;

    /** The layout of an encoding's heads. */
    public TokenLayout(SessionEncoding encoding) {
        int[] profile = encoding.profileSizes();
        int[] heads = encoding.headSizes();
        int at = 0;
        for (int f = 0; f < FIELDS.length; f++) {
            if (f < PROFILE_TOKENS) {
                size[f] = profile[f];
            } else if (FIELDS[f] == Field.LENGTH) {
                size[f] = LENGTH_CLASS_MIN.length;
            } else {
                size[f] = heads[f - HEADER_TOKENS];
            }
            offset[f] = at;
            at += size[f];
        }
        vocabulary = at;
    }

    /** Total vocabulary size. */
    public int vocabulary() {
        return vocabulary;
    }

    /** First token of a field. */
    public int offset(Field field) {
        return offset[field.ordinal()];
    }

    /** Number of tokens of a field. */
    public int size(Field field) {
        return size[field.ordinal()];
    }

    /** The field at a position of a sequence. */
    public static Field fieldAt(int position) {
        if (position < HEADER_TOKENS) {
            return FIELDS[position];
        }
        return FIELDS[HEADER_TOKENS + (position - HEADER_TOKENS) % 4];
    }

    /** Whether position {@code p} is the first event's placeholder TIME token. */
    public static boolean isPlaceholder(int position) {
        return position == HEADER_TOKENS + 3;
    }

    /** The length class (value of the LENGTH field) of a session with this many events. */
    public static int lengthClass(int events) {
        int c = 0;
        while (c + 1 < LENGTH_CLASS_MIN.length && LENGTH_CLASS_MIN[c + 1] <= events) {
            c++;
        }
        return c;
    }

    /** The fewest events a session of a length class has. */
    public static int minEvents(int lengthClass) {
        return LENGTH_CLASS_MIN[lengthClass];
    }

    /** The most events a session of a length class has (the last class is open-ended). */
    public static int maxEvents(int lengthClass) {
        return lengthClass + 1 < LENGTH_CLASS_MIN.length ? LENGTH_CLASS_MIN[lengthClass + 1] - 1 : Integer.MAX_VALUE;
    }

    /** The token sequence of a profile row and an encoded session. */
    public int[] tokens(int[] profile, EncodedSession session) {
        List<Integer> tokens = new ArrayList<>();
        for (int f = 0; f < PROFILE_TOKENS; f++) {
            tokens.add(offset[f] + profile[f]);
        }
        int[][] steps = session.steps();
        int events = 0;
        while (events < steps.length && steps[events][0] != SessionEncoding.END) {
            events++;
        }
        tokens.add(offset(Field.LENGTH) + lengthClass(events));
        for (int i = 0; i < steps.length; i++) {
            int[] step = steps[i];
            tokens.add(offset(Field.TYPE) + step[0]);
            if (step[0] == SessionEncoding.END) {
                break;
            }
            tokens.add(offset(Field.CATEGORY) + step[1]);
            tokens.add(offset(Field.ITEM) + step[2]);
            tokens.add(offset(Field.TIME) + Math.max(0, step[3]));
        }
        return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The value of a token within its field. */
    public int valueOf(int token, Field field) {
        return token - offset[field.ordinal()];
    }
}
