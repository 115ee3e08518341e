package com.translation.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units of ops/systemd for VM installs: systemd's own verifier takes them without a
 * word (it only warns, exit 0, on a value it cannot parse, so any output fails), and each runs its
 * service's jar as the dedicated user, with the environment files, restart policy, limits and
 * hardening docs/operations.md describes.
 */
class SystemdUnitsTest {

    private static final Path UNITS = ComposeFileTest.ROOT.resolve("ops/systemd");
    private static final List<String> SERVICES =
            List.of(
                    "translation-ingest-api.service",
                    "translation-query-api.service",
                    "translation-writer-worker@.service");

    @TempDir Path scratch;

    @Test
    void systemdVerifiesEveryUnitWithoutAWarning() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed here");
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        for (String unit : SERVICES) {
            // A template is verified as one of its instances.
            String name = unit.replace("@.service", "@8082.service");
            Files.copy(UNITS.resolve(unit), scratch.resolve(name));
            command.add(scratch.resolve(name).toString());
        }
        Files.copy(
                UNITS.resolve("translation-pipeline.target"),
                scratch.resolve("translation-pipeline.target"));
        command.add(scratch.resolve("translation-pipeline.target").toString());

        Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as("systemd-analyze verify said").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    @Test
    void eachServiceRunsItsJarAsTheDedicatedUserWithLimitsAndHardening() throws IOException {
        for (String unit : SERVICES) {
            String module =
                    unit.replace("translation-", "")
                            .replace("@.service", "")
                            .replace(".service", "");
            assertThat(ComposeFileTest.ROOT.resolve(module).resolve("pom.xml")).as(unit).exists();
            List<String> lines = Files.readAllLines(UNITS.resolve(unit));
            assertThat(lines)
                    .as(unit)
                    .contains(
                            "User=translation-pipeline",
                            "EnvironmentFile=/etc/translation-pipeline/pipeline.env",
                            "EnvironmentFile=-/etc/translation-pipeline/" + module + ".env",
                            "ExecStart=/usr/bin/java -jar /opt/translation-pipeline/"
                                    + module
                                    + ".jar"
                                    + (unit.contains("@") ? " --server.port=%i" : ""),
                            "Restart=on-failure",
                            "MemoryMax=512M",
                            "NoNewPrivileges=yes",
                            "ProtectSystem=strict",
                            "ProtectHome=yes",
                            "PrivateTmp=yes",
                            "CapabilityBoundingSet=",
                            "WantedBy=translation-pipeline.target");
        }
        assertThat(Files.readString(UNITS.resolve("translation-writer-worker@.service")))
                .as("an environment file cannot override the instance's port")
                .doesNotContain("Environment=SERVER_PORT");
        assertThat(Files.readString(UNITS.resolve("translation-pipeline.sysusers.conf")))
                .contains("u translation-pipeline ");
    }

    @Test
    void theVmEnvironmentFileSetsEveryAddressAndNoDevelopmentKey() throws IOException {
        String environment = Files.readString(UNITS.resolve("translation-pipeline.env"));
        for (String setting : LocalStack.ADDRESS_SETTINGS) {
            assertThat(environment).contains(setting + "=");
        }
        assertThat(environment)
                .doesNotContain(LocalStack.WRITE_KEY, LocalStack.READ_KEY, LocalStack.ADMIN_KEY);
    }
}
