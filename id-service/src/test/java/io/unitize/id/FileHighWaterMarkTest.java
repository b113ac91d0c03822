package io.unitize.id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The durable high-water mark the snowflake generator is built with (README, "Snowflake mode"). */
class FileHighWaterMarkTest {

    @TempDir
    Path dir;

    @Test
    void aGeneratorRestartedOnTheSameFileWithTheClockBehindDoesNotRepeat() {
        Path file = dir.resolve("state").resolve("id.hwm");
        SnowflakeIdGeneratorTest.FakeClock clock = new SnowflakeIdGeneratorTest.FakeClock();
        SnowflakeIdGenerator first = SnowflakeIdGenerator.builder().unit(1).worker(3).clock(clock::millis, clock::sleep)
                .highWaterMark(new FileHighWaterMark(file), 1000).build();
        Set<Long> issued = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            issued.add(first.nextId());
        }
        assertThat(new FileHighWaterMark(file).load()).as("stored ahead of the last issued time").isGreaterThan(clock.millis());
        assertThat(dir.resolve("state")).isDirectoryNotContaining("glob:**.tmp");

        clock.now.addAndGet(-5); // a new process on the same file, its clock 5 ms behind: it waits past the stored mark
        SnowflakeIdGenerator second = SnowflakeIdGenerator.builder().unit(1).worker(3).clock(clock::millis, clock::sleep)
                .highWaterMark(new FileHighWaterMark(file), 1000).build();
        for (int i = 0; i < 3_000; i++) {
            assertThat(issued.add(second.nextId())).isTrue();
        }
    }

    @Test
    void noFileMeansNoMarkAndAnUnreadableOneIsRefusedNamingIt() throws Exception {
        assertThat(new FileHighWaterMark(dir.resolve("absent.hwm")).load()).isZero();
        Path bad = dir.resolve("bad.hwm");
        Files.writeString(bad, "not a number");
        assertThatThrownBy(() -> new FileHighWaterMark(bad).load()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UNITIZE-ID-002").hasMessageContaining(bad.toString()).hasMessageContaining("Next:");
    }
}
