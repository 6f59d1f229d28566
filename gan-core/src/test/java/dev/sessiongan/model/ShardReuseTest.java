package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One generator serves several requests at once (a shared simulator in a test suite): requests whose
 * iterators take turns reuse the shards they generated, and a parallel stream's threads each run whole passes.
 */
class ShardReuseTest {
    private GanGenerator generator;

    @BeforeEach
    void loadOwnCopy() throws IOException {
        try (InputStream in = ShardReuseTest.class.getResourceAsStream(EmbeddedModels.DEFAULT_RESOURCE)) {
            // a copy of its own: the shared default's counters would hold other tests' shards
            generator = (GanGenerator) ModelFile.load(in.readAllBytes(), "default.model").generator();
        }
    }

    @Test
    void twoSeedsIteratorsTakingTurnsGenerateEachShardOnce() {
        int users = 2 * GanGenerator.SHARD + 10;
        GenerationRequest first = GenerationRequest.of(users, 1);
        GenerationRequest second = GenerationRequest.of(users, 2);
        Iterator<VirtualUser> a = generator.users(first).iterator();
        Iterator<VirtualUser> b = generator.users(second).iterator();
        List<VirtualUser> fromA = new ArrayList<>();
        List<VirtualUser> fromB = new ArrayList<>();
        while (a.hasNext()) {
            fromA.add(a.next());
            fromB.add(b.next());
        }

        assertThat(generator.generatedShards()).isEqualTo(6);
        assertThat(generator.replayedShards()).isZero();
        GanGenerator alone = generator.withRules(generator.rules());
        assertThat(fromA).isEqualTo(alone.users(first).toList());
        assertThat(fromB).isEqualTo(alone.users(second).toList());
    }

    @Test
    void aParallelStreamRunsWholePassesAndGivesTheSequentialUsers() {
        int pass = generator.usersGeneratedTogether();
        assertThat(pass).as("users of a pass of the default's tail").isEqualTo(14 * GanGenerator.SHARD);
        GenerationRequest request = GenerationRequest.of(pass + 10L, 3);

        List<VirtualUser> parallel = generator.users(request).parallel().toList();

        assertThat(generator.generatedShards()).isEqualTo(15);
        assertThat(generator.replayedShards()).as("no thread starts in the middle of a pass").isZero();
        assertThat(parallel).isEqualTo(generator.withRules(generator.rules()).users(request).toList());
    }

    @Test
    void usersGeneratedAheadOnTwoThreadsAreTheSequentialOnes() {
        GenerationRequest request = GenerationRequest.of(generator.usersGeneratedTogether() + 10L, 5);
        GanGenerator alone = generator.withRules(generator.rules());

        try (Stream<VirtualUser> ahead = generator.users(request, 2)) {
            assertThat(ahead.toList()).isEqualTo(alone.users(request).toList());
        }
        assertThat(generator.replayedShards()).isZero();
    }
}
