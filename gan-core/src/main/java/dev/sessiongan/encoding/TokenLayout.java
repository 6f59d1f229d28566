package dev.sessiongan.encoding;

import java.util.ArrayList;
import java.util.List;

/**
 * Flattens a user's profile and a session into one token sequence over a single vocabulary, so a plain
 * recurrent language model can generate heads one at a time, each conditioned on everything before it
 * (including the other heads of the same event):
 * <pre>
 *   SESSIONS BUYER PREFERRED_CATEGORY PRICE_TIER  (TYPE CATEGORY ITEM TIME)*  TYPE=END
 * </pre>
 * Each field owns a contiguous range of the vocabulary. The first event's TIME token is a placeholder
 * (bucket 0) that carries no information and is masked out of every loss.
 */
public final class TokenLayout {

    /** The fields, in the order they repeat. */
    public enum Field { SESSIONS, BUYER, PREFERRED_CATEGORY, PRICE_TIER, TYPE, CATEGORY, ITEM, TIME }

    /** Number of profile tokens at the start of every sequence. */
    public static final int PROFILE_TOKENS = 4;

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
            size[f] = f < PROFILE_TOKENS ? profile[f] : heads[f - PROFILE_TOKENS];
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
        if (position < PROFILE_TOKENS) {
            return FIELDS[position];
        }
        return FIELDS[PROFILE_TOKENS + (position - PROFILE_TOKENS) % 4];
    }

    /** Whether position {@code p} is the first event's placeholder TIME token. */
    public static boolean isPlaceholder(int position) {
        return position == PROFILE_TOKENS + 3;
    }

    /** The token sequence of a profile row and an encoded session. */
    public int[] tokens(int[] profile, EncodedSession session) {
        List<Integer> tokens = new ArrayList<>();
        for (int f = 0; f < PROFILE_TOKENS; f++) {
            tokens.add(offset[f] + profile[f]);
        }
        int[][] steps = session.steps();
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
