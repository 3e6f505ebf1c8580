package ma.masar.query.readiness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the read models count as behind the events recorded, and how far they have caught up since. */
class LagWatchTest {

    private static final long SECOND = 1_000_000_000L;

    private final LagWatch watch = new LagWatch(2 * SECOND);

    @Test
    void readModelsThatFollowAMovingHeadWithinTwoSecondsAreNotBehind() {
        // commands every second; the read models a second behind the head, all the time
        for (int second = 0; second <= 10; second++) {
            watch.sample(second * SECOND, 100L * second, Math.max(0, 100L * (second - 1)));
            assertThat(watch.state().behind()).as("at %d s", second).isFalse();
            assertThat(watch.state().percent(100L * (second - 1))).isEqualTo(100);
        }
    }

    @Test
    void anImportThatOutrunsThemMakesThemBehindUntilTheyReachTheHeadOfTwoSecondsBefore() {
        watch.sample(0, 1_000, 1_000);
        watch.sample(SECOND, 3_000, 1_500);
        assertThat(watch.state().behind()).as("one second only: not judged yet").isFalse();
        watch.sample(2 * SECOND, 5_000, 2_000);
        assertThat(watch.state().behind()).as("not at the head of 2 s before (1,000)? they are: 2,000").isFalse();
        watch.sample(3 * SECOND, 7_000, 2_500);
        LagWatch.State behind = watch.state();
        assertThat(behind.behind()).as("2,500 is short of 3,000, the head at 1 s").isTrue();
        assertThat(behind.from()).isEqualTo(2_500);
        assertThat(behind.head()).isEqualTo(7_000);
        assertThat(behind.percent(2_500)).isZero();
        assertThat(behind.percent(4_750)).isEqualTo(50);
        assertThat(behind.percent(7_000)).isEqualTo(100);

        // the import ends at 9,000; they go on from where they fell behind, not from where they are now
        watch.sample(4 * SECOND, 9_000, 4_000);
        watch.sample(5 * SECOND, 9_000, 6_000);
        assertThat(watch.state().behind()).isTrue();
        assertThat(watch.state().from()).isEqualTo(2_500);
        assertThat(watch.state().percent(6_000)).isEqualTo(53);   // 3,500 of 6,500
        assertThat(watch.state().percent(8_999)).isEqualTo(99);   // never 100 while one event is missing

        watch.sample(6 * SECOND, 9_000, 9_000);
        assertThat(watch.state().behind()).isFalse();
        assertThat(watch.state().percent(9_000)).isEqualTo(100);
    }

    @Test
    void aReadModelThatStopsWhileNothingIsRecordedIsNotBehind() {
        for (int second = 0; second <= 5; second++) {
            watch.sample(second * SECOND, 500, 500);
        }
        assertThat(watch.state().behind()).isFalse();
        // then one event, and it does not move
        watch.sample(6 * SECOND, 501, 500);
        watch.sample(7 * SECOND, 501, 500);
        assertThat(watch.state().behind()).isFalse();
        watch.sample(8 * SECOND, 501, 500);
        assertThat(watch.state().behind()).as("the head of 6 s is 501, two seconds later not reached").isTrue();
        assertThat(watch.state().percent(500)).isZero();
    }
}
