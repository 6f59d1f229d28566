package dev.sessiongan.model;

/**
 * How a GAN model's users are drawn, as its model file's {@code sampler.json} says. Each rule changed
 * generated users when it came in, so a model keeps the rules it was written with: the same model and seed
 * give the same users under every later version of the library.
 *
 * @param strict      generation keeps the rules of encoded sessions (see {@link SequenceSampler}) and
 *                    decoding never re-enters an OTHER category just left; models without
 *                    {@code sampler.json} sample leniently
 * @param passDealing the long tail is dealt in user order over each pass, not by turns between the runs of
 *                    a pass (see {@link dev.sessiongan.encoding.TailDeck}); models whose {@code sampler.json}
 *                    has no {@code "dealing": "pass"} deal by turns
 * @param slotItems   an item choice agrees with the event's category slot as in encoded sessions: no
 *                    {@code REPEAT} in another slot than the previous event's, no {@code SEEN} in a slot where the
 *                    session holds no earlier item but the previous one (see {@link SequenceSampler}); models
 *                    whose {@code sampler.json} has no {@code "slotItems": true} draw them, and decoding then
 *                    takes the item's own category instead of the slot's
 */
record SamplingRules(boolean strict, boolean passDealing, boolean slotItems) {

    /** What models are trained with now. */
    static final SamplingRules CURRENT = new SamplingRules(true, true, true);

    /** Models without {@code sampler.json}. */
    static final SamplingRules LEGACY = new SamplingRules(false, false, false);
}
