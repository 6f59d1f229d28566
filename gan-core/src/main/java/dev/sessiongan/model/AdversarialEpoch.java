package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.internal.SeedMix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One epoch of the adversarial phase. At each step the reward gate first judges the critic on held-out users
 * against fresh generated sessions; the critic (and the attribute critic, when on) then learns real first sessions
 * from generated ones; and the generator takes a step on the critic's signal, weighted by the gate, plus the
 * likelihood of real sequences ({@link #generatorStep}). Every {@link GanOptions#dualityGapEvery()} epochs the
 * duality gap is estimated at the end. Every draw but the gate's held-out batches (a stream of their own) comes
 * from the epoch's stream, in the order training has always drawn them, so a run and its resumed copy match.
 */
final class AdversarialEpoch {

    /** Optimisation steps of each copy in the duality-gap estimate. */
    private static final int GAP_STEPS = 5;
    /** Most steps the reward gate judges the critic over (1,024 sessions of each kind at batch size 64). */
    private static final int GATE_WINDOW = 16;
    /** Keeps the reward gate's validation draws apart from the validation score's. */
    private static final long GATE_SEED_SALT = 0x6A7E_5A17L;

    /**
     * What every epoch of a run's adversarial phase plays with.
     *
     * @param options         the run's options
     * @param layout          the token layout of every sequence here
     * @param maxLength       the most events a generated session may hold
     * @param sequences       every training sequence with its profile, for the likelihood term
     * @param weights         each sequence's likelihood weights by position
     * @param firstSessions   the training users' first sessions: what the critic sees as real
     * @param validationFirst the validation users' first sessions: the reward gate's and the duality gap's real side
     */
    record Game(GanOptions options, TokenLayout layout, int maxLength, List<int[]> sequences, List<float[]> weights,
            List<int[]> firstSessions, List<int[]> validationFirst) {
    }

    /**
     * The epoch's means over its steps of what its history record holds; the attribute critic's, the gate's and
     * the duality gap's figures are NaN where they were not measured.
     */
    record Figures(double dReal, double dFake, double dLoss, double gLoss, double gGradient, double dGradient,
            double nonSaturating, double attributeReal, double attributeFake, double criticAuc, double rewardWeight,
            double dualityGap) {
    }

    private final Game game;
    private final GanOptions options;
    private final TokenNetwork network;
    private final Discriminator discriminator;
    private final AttributeDiscriminator attributeDiscriminator;
    private final SplittableRandom random;
    private final Runnable afterGeneratorStep;

    /**
     * @param attributeDiscriminator the attribute critic, or {@code null} when it is off
     * @param random                 the epoch's stream
     * @param afterGeneratorStep     run after each generator step (the weight average takes the new weights in)
     */
    AdversarialEpoch(Game game, TokenNetwork network, Discriminator discriminator,
            AttributeDiscriminator attributeDiscriminator, SplittableRandom random, Runnable afterGeneratorStep) {
        this.game = game;
        this.options = game.options();
        this.network = network;
        this.discriminator = discriminator;
        this.attributeDiscriminator = attributeDiscriminator;
        this.random = random;
        this.afterGeneratorStep = afterGeneratorStep;
    }

    /**
     * Plays the epoch: as many steps as the training users' first sessions fill batches.
     *
     * @param finishedEpochs the epochs the run has finished (the reward gate's held-out batches are drawn by it)
     * @param phaseEpoch     this epoch's number within the adversarial phase, from 1 (the duality gap's period)
     */
    Figures play(int finishedEpochs, int phaseEpoch) {
        SequenceSampler sampler = new SequenceSampler(network, game.layout(), game.maxLength());
        int batchSize = options.batchSize();
        int steps = Math.max(1, game.firstSessions().size() / batchSize);
        double dReal = 0;
        double dFake = 0;
        double dLoss = 0;
        double gLoss = 0;
        double gGradient = 0;
        double dGradient = 0;
        double nonSaturating = 0;
        double attributeReal = 0;
        double attributeFake = 0;
        RewardGate gate = options.rewardGate() ? new RewardGate(gateWindow()) : null;
        double criticAuc = 0;
        double rewardWeight = 0;
        for (int step = 0; step < steps; step++) {
            float[][] z = noise(batchSize);
            SequenceSampler.Sample fake = sampler.sampleWithLikelihood(null, rows(batchSize), z);
            List<int[]> real = pick(game.firstSessions(), batchSize);
            if (gate != null) {
                // judged before the critic trains on this batch: fresh fakes, validation users it never sees
                gate.add(discriminator.score(heldOutBatch(finishedEpochs, step)), discriminator.score(fake.sequences()));
                criticAuc += gate.auc();
            }
            double weight = gate == null ? 1 : gate.weight();
            rewardWeight += weight;
            for (int k = 0; k < options.discriminatorSteps(); k++) {
                List<int[]> realForD = k == 0 ? real : pick(game.firstSessions(), batchSize);
                dLoss += discriminator.fit(realForD, fake.sequences(), 1 - options.labelSmoothing())
                        / options.discriminatorSteps();
                dGradient += discriminator.gradientNorm() / options.discriminatorSteps();
            }
            double[] fakeScores = discriminator.score(fake.sequences());
            double[] realScores = discriminator.score(real);
            dFake += mean(fakeScores);
            for (double score : fakeScores) {
                nonSaturating -= Math.log(Math.max(1e-6, score)) / fakeScores.length;
            }
            dReal += mean(realScores);
            double[] attributeScores = null;
            if (attributeDiscriminator != null) {
                attributeDiscriminator.fit(real, fake.sequences(), 1 - options.labelSmoothing());
                attributeScores = attributeDiscriminator.score(fake.sequences());
                attributeFake += mean(attributeScores);
                attributeReal += mean(attributeDiscriminator.score(real));
            }
            for (int g = 0; g < options.generatorSteps(); g++) {
                if (g > 0) {
                    // a further step on a fresh batch, judged by the critic as it now stands
                    z = noise(batchSize);
                    fake = sampler.sampleWithLikelihood(null, rows(batchSize), z);
                    fakeScores = discriminator.score(fake.sequences());
                    attributeScores = attributeDiscriminator == null ? null
                            : attributeDiscriminator.score(fake.sequences());
                }
                gLoss += generatorStep(network, fake, fakeScores, weight, attributeScores, z, options.mleWeight(),
                        discriminator)
                        / options.generatorSteps();
                gGradient += network.gradientNorm() / options.generatorSteps();
                afterGeneratorStep.run();
            }
        }
        double gap = options.dualityGapEvery() > 0 && phaseEpoch % options.dualityGapEvery() == 0
                ? dualityGap(discriminator, sampler) : Double.NaN;
        boolean attributes = attributeDiscriminator != null;
        return new Figures(dReal / steps, dFake / steps, dLoss / steps, gLoss / steps, gGradient / steps,
                dGradient / steps, nonSaturating / steps, attributes ? attributeReal / steps : Double.NaN,
                attributes ? attributeFake / steps : Double.NaN, gate != null ? criticAuc / steps : Double.NaN,
                rewardWeight / steps, gap);
    }

    /** Steps the reward gate judges the critic over: as many batches as the validation users fill, at most 16. */
    private int gateWindow() {
        return Math.max(1, Math.min(GATE_WINDOW, game.validationFirst().size() / options.batchSize()));
    }

    /**
     * A batch of validation users' first sessions for the reward gate, drawn from a stream of its own (the
     * epoch's and step's), so that the gate leaves the run's other draws as they were.
     */
    private List<int[]> heldOutBatch(int finishedEpochs, int step) {
        SplittableRandom draw = new SplittableRandom(SeedMix.mix(SeedMix.mix(options.seed() ^ GATE_SEED_SALT)
                + finishedEpochs) + step);
        List<int[]> out = new ArrayList<>(options.batchSize());
        for (int i = 0; i < options.batchSize(); i++) {
            out.add(game.validationFirst().get(draw.nextInt(game.validationFirst().size())));
        }
        return out;
    }

    /**
     * The session critic's signal on the generated batch plus likelihood of a real batch, in one optimiser
     * step. The events follow the session critic — its reward as a policy gradient, or with
     * {@link GeneratorGradient#STRAIGHT_THROUGH} {@code critic}'s input gradient — weighted by
     * {@code criticWeight} (see {@link RewardGate}); the profile tokens, when {@code attributeScores} are given,
     * the attribute critic's policy gradient (weighted by {@code attributeWeight}), and otherwise only
     * likelihood.
     */
    private double generatorStep(TokenNetwork generator, SequenceSampler.Sample fake, double[] packScores,
            double criticWeight, double[] attributeScores, float[][] fakeNoise, double mleWeight,
            Discriminator critic) {
        int n = fake.sequences().size();
        double[] reward = new double[n];
        double[] attributeReward = new double[n];
        for (int b = 0; b < n; b++) {
            reward[b] = Math.log(Math.max(1e-6, packScores[b / options.packing()]))
                    - options.entropyWeight() * fake.meanLogProbability()[b];
            attributeReward[b] = attributeScores == null ? 0 : Math.log(Math.max(1e-6, attributeScores[b]));
        }
        double[] advantage = LossWeights.standardised(reward);
        double[] attributeAdvantage = attributeScores == null ? new double[n]
                : LossWeights.standardised(attributeReward);
        List<int[]> batch = new ArrayList<>(fake.sequences());
        List<float[]> w = new ArrayList<>();
        List<float[]> z = new ArrayList<>(List.of(fakeNoise));
        boolean pathwise = options.generatorGradient() == GeneratorGradient.STRAIGHT_THROUGH;
        for (int b = 0; b < n; b++) {
            w.add(LossWeights.policyGradient(fake.sequences().get(b).length,
                    pathwise ? 0f : (float) (criticWeight * advantage[b]),
                    (float) (options.attributeWeight() * attributeAdvantage[b])));
        }
        // the real rows that follow, if any, keep their tokens as targets (null)
        float[][][] targets = pathwise && criticWeight > 0 ? Arrays.copyOf(
                StraightThrough.targets(game.layout(), generator, critic, fake.sequences(), fakeNoise, criticWeight, w),
                2 * n) : null;
        if (mleWeight > 0) {
            for (int i = 0; i < n; i++) {
                int index = random.nextInt(game.sequences().size());
                batch.add(game.sequences().get(index));
                float[] base = game.weights().get(index);
                float[] scaled = new float[base.length];
                for (int p = 0; p < base.length; p++) {
                    scaled[p] = (float) (base[p] * mleWeight);
                }
                w.add(scaled);
            }
            z.addAll(List.of(noise(n)));
        }
        return generator.fitByLength(batch, targets, w.toArray(float[][]::new), z.toArray(float[][]::new));
    }

    /**
     * Estimates the duality gap (Grnarova et al., 2019) on the validation users: a copy of the discriminator
     * takes {@value #GAP_STEPS} steps against the current generator (the worst discriminator for it), a copy
     * of the generator takes as many steps against the current discriminator, as it is trained (policy
     * gradient or straight-through; the worst generator for it), and the gap is M(G, D_worst) − M(G_worst, D)
     * with the GAN objective M = E log D(x) + E log(1 − D(G(z))). It is 0 at the equilibrium and grows as
     * either side could still gain by changing alone. The copies are thrown away; training goes on unchanged.
     */
    private double dualityGap(Discriminator current, SequenceSampler sampler) {
        int n = Math.min(options.batchSize(), game.validationFirst().size());
        n -= n % options.packing();
        Discriminator worstD = current.copy();
        for (int k = 0; k < GAP_STEPS; k++) {
            worstD.fit(pick(game.validationFirst(), n), sample(sampler, n).sequences(), 1.0);
        }
        TokenNetwork worstG = network.copy();
        SequenceSampler worstSampler = new SequenceSampler(worstG, game.layout(), game.maxLength());
        for (int k = 0; k < GAP_STEPS; k++) {
            float[][] z = noise(n);
            SequenceSampler.Sample fake = worstSampler.sampleWithLikelihood(null, rows(n), z);
            generatorStep(worstG, fake, current.score(fake.sequences()), 1, null, z, 0, current);
        }
        // both sides judged on the same real sessions, so their difference is not swamped by which were drawn
        List<int[]> real = pick(game.validationFirst(), 2 * n);
        return objective(worstD, real, sample(sampler, 2 * n).sequences())
                - objective(current, real, sample(worstSampler, 2 * n).sequences());
    }

    private SequenceSampler.Sample sample(SequenceSampler from, int n) {
        return from.sampleWithLikelihood(null, rows(n), noise(n));
    }

    private SplittableRandom[] rows(int n) {
        SplittableRandom[] rows = new SplittableRandom[n];
        for (int b = 0; b < n; b++) {
            rows[b] = random.split();
        }
        return rows;
    }

    private List<int[]> pick(List<int[]> from, int count) {
        List<int[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }

    private float[][] noise(int rows) {
        return Draws.noise(random, rows, options.noise());
    }

    /** The GAN objective E log D(x) + E log(1 − D(G(z))) of a discriminator on real and generated packs. */
    private static double objective(Discriminator d, List<int[]> real, List<int[]> fake) {
        double sum = 0;
        double[] r = d.score(real);
        for (double v : r) {
            sum += Math.log(Math.max(1e-6, v)) / r.length;
        }
        double[] f = d.score(fake);
        for (double v : f) {
            sum += Math.log(Math.max(1e-6, 1 - v)) / f.length;
        }
        return sum;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }
}
