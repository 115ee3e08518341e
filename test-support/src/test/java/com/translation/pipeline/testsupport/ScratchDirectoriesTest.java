package com.translation.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoriesTest {

    @TempDir Path root;

    @Test
    void aDirectoryIsNamedForItsJvmAndDeletedWithEverythingBelowIt() throws IOException {
        Path directory = ScratchDirectories.create("unit");
        Files.createDirectories(directory.resolve("data/nested"));
        Files.writeString(directory.resolve("data/nested/file"), "x");

        assertThat(ScratchDirectories.owner(directory)).contains(ProcessHandle.current().pid());
        ScratchDirectories.delete(directory);

        assertThat(directory).doesNotExist();
    }

    @Test
    void theSweepDeletesOnlyTheDirectoriesOfJvmsThatAreGone() throws Exception {
        long gone = exitedProcessId();
        long alive = ProcessHandle.current().pid();
        Path orphan = Files.createDirectories(root.resolve("mysql80-" + gone + "-17/data"));
        Files.writeString(orphan.resolve("ibdata1"), "x");
        Path dashedOrphan = Files.createDirectories(root.resolve("kafka-process-" + gone + "-3"));
        Path owned = Files.createDirectories(root.resolve("mysql80-" + alive + "-18"));
        Path foreign = Files.createDirectories(root.resolve("unrelated"));

        ScratchDirectories.deleteOrphans(root);

        assertThat(orphan.getParent()).doesNotExist();
        assertThat(dashedOrphan).doesNotExist();
        assertThat(owned).isDirectory();
        assertThat(foreign).isDirectory();
    }

    private static long exitedProcessId() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
