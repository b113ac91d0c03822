package io.unitize.sandbox.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void portsArePickedBelowTheKernelsEphemeralRange(@TempDir Path dir) throws IOException {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "32768\t60999\n");
        assertThat(Ports.highEnd(range)).isEqualTo(32_768);
    }

    @Test
    void anEphemeralRangeStartingAbove40000StillCapsTheRangeAt40000(@TempDir Path dir) throws IOException {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "49152 65535\n");
        assertThat(Ports.highEnd(range)).isEqualTo(40_000);
    }

    @Test
    void anEphemeralRangeThatLeavesNoRoomBelowOrCannotBeReadFallsBackTo40000(@TempDir Path dir) throws IOException {
        assertThat(Ports.highEnd(Files.writeString(dir.resolve("low"), "1024 65535\n"))).isEqualTo(40_000);
        assertThat(Ports.highEnd(Files.writeString(dir.resolve("garbage"), "not a range"))).isEqualTo(40_000);
        assertThat(Ports.highEnd(dir.resolve("missing"))).isEqualTo(40_000);
    }

    @Test
    void everyPortHandedOutLiesBelowThisMachinesFirstEphemeralPortWithItsOffsets() throws IOException {
        Path kernel = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int top = Ports.highEnd(kernel);
        for (int i = 0; i < 50; i++) {
            int nacos = Ports.freeWithOffsets(-1000, 1000, 1001);
            assertThat(nacos - 1000).isGreaterThanOrEqualTo(10_000);
            assertThat(nacos + 1001).isLessThan(top);
        }
        if (Files.isReadable(kernel)) {
            int firstEphemeral = Integer.parseInt(Ports.firstLine(kernel).trim().split("\\s+")[0]);
            assertThat(Ports.free()).isLessThan(firstEphemeral);
        }
    }
}
