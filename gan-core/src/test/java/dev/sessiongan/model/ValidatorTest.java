package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final int HELD_OUT_USERS = 300;

    private static GanGenerator model;
    /** The model's own users: a classifier cannot tell its draws from them. */
    private static List<UserSession> own;

    @BeforeAll
    static void loadTheEmbeddedModel() throws IOException {
        try (InputStream in = ValidatorTest.class.getResourceAsStream(EmbeddedModels.DEFAULT_RESOURCE)) {
            model = (GanGenerator) ModelFile.load(in.readAllBytes(), "default.model").generator();
        }
        own = sessions(HELD_OUT_USERS, 99);
    }

    @Test
    void aGeneratorScoresNearChanceOnItsOwnUsersAndFarFromItOnOthers() {
        Validator.Validation same = new Validator(own, HELD_OUT_USERS, 1).validateEpoch(model);
        // the same generator's sessions of five events or more: the length alone tells them apart
        List<UserSession> longOnly = sessions(4 * HELD_OUT_USERS, 98).stream()
                .filter(s -> s.events().size() >= 5).limit(own.size()).toList();
        Validator.Validation other = new Validator(longOnly, HELD_OUT_USERS, 1).validateEpoch(model);

        assertThat(same.auc()).isBetween(0.4, 0.6);
        assertThat(other.auc()).isGreaterThan(0.75);
        assertThat(other.behaviourAuc()).as("length is behaviour").isGreaterThan(0.75);
        assertThat(same.score()).as("the score adds two distances to the AUC").isGreaterThanOrEqualTo(same.auc())
                .isLessThan(other.score());
    }

    @Test
    void aGeneratorComparedWithItselfDiffersByNothing() {
        Validator validator = new Validator(own, HELD_OUT_USERS, 1);
        Validator.Paired paired = validator.compare(model, model, Validator.REMATCH_DRAWS);

        assertThat(paired.with()).isEqualTo(paired.without());
        assertThat(paired.margin()).isZero();
        assertThat(paired.without().behaviourAuc()).as("fresh draws are not split by group").isNaN();
        assertThat(validator.validateFresh(model, Validator.REMATCH_DRAWS)).isEqualTo(paired.without());
        assertThat(validator.validateFresh(model, Validator.CALIBRATION_DRAWS).auc())
                .as("another series, other draws").isNotEqualTo(paired.without().auc());
    }

    @Test
    void theNoiseMarginIsTwoStandardErrorsOfThePairedAucDifference() {
        // differences 0.005, 0.010, 0.005: mean 0.00667, sd 0.00289, standard error 0.00167
        double margin = Validator.margin(new double[] {0.530, 0.520, 0.540},
                new double[] {0.535, 0.530, 0.545});
        assertThat(margin).isCloseTo(2 * 0.0028868 / Math.sqrt(3), within(1e-6)).isLessThan(0.00667);

        // differences 0.020, -0.010, 0.002: a mean of 0.004 within the draws' noise
        double noisy = Validator.margin(new double[] {0.530, 0.520, 0.540},
                new double[] {0.550, 0.510, 0.542});
        assertThat(noisy).isCloseTo(2 * 0.015099 / Math.sqrt(3), within(1e-5))
                .isGreaterThan(0.004);
        // one draw has no spread to measure: the old rule, not worse at all
        assertThat(Validator.margin(new double[] {0.5}, new double[] {0.6})).isZero();
    }

    private static List<UserSession> sessions(long users, long seed) {
        return model.users(GenerationRequest.of(users, seed)).flatMap(u -> u.sessions().stream()).toList();
    }
}
