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
 */
record SamplingRules(boolean strict, boolean passDealing) {

    /** What models are trained with now. */
    static final SamplingRules CURRENT = new SamplingRules(true, true);

    /** Models without {@code sampler.json}. */
    static final SamplingRules LEGACY = new SamplingRules(false, false);
}
