package com.translation.pipeline.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured keys, held only as SHA-256 digests and compared in constant time: every presented
 * key is hashed and compared with every configured digest, without stopping at a match.
 */
final class ApiKeys {

    record Caller(String name, Set<Scope> scopes) {}

    private record Entry(byte[] digest, Caller caller) {}

    private final List<Entry> entries;

    ApiKeys(List<SecurityProperties.ApiKey> keys) {
        this.entries =
                keys.stream()
                        .map(
                                key ->
                                        new Entry(
                                                digestOf(key),
                                                new Caller(key.name(), Set.copyOf(key.scopes()))))
                        .toList();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Optional<Caller> identify(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digestOf(SecurityProperties.ApiKey key) {
        boolean plain = key.key() != null && !key.key().isBlank();
        boolean hashed = key.sha256() != null && !key.sha256().isBlank();
        if (plain == hashed) {
            throw new IllegalStateException(
                    "API key '" + key.name() + "' needs exactly one of 'key' and 'sha256'");
        }
        return plain
                ? sha256(key.key())
                : HexFormat.of().parseHex(key.sha256().trim().toLowerCase());
    }
}
