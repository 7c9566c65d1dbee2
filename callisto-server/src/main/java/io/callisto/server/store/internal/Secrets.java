package io.callisto.server.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The H2 database password: 24 random bytes (base64url), created once in a file only its owner may read, and read
 * by every later process (the server, {@code bin/callisto user}) that opens the same data directory.
 */
final class Secrets {

    private Secrets() {
    }

    /** The secret in {@code file}, created when missing. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            try {
                create(file, secret);
                return secret;
            } catch (FileAlreadyExistsException e) {
                // another process created it first: read theirs
            }
        }
        String s = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (s.isEmpty()) {
            throw new IOException(file + " is empty: it must hold the database password (restore it from a backup)");
        }
        return s;
    }

    private static void create(Path file, String secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try {
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            try {
                // a hard link fails when the name exists, so two racing processes agree on one secret
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.move(tmp, file); // no hard links here: fails too when the name exists
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
