package com.translation.pipeline.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys =
            new ApiKeys(
                    List.of(
                            new SecurityProperties.ApiKey(
                                    "ops", "plain-secret", null, Set.of(Scope.ADMIN)),
                            new SecurityProperties.ApiKey(
                                    "backend",
                                    null,
                                    HexFormat.of().formatHex(ApiKeys.sha256("hashed-secret")),
                                    Set.of(Scope.WRITE))));

    @Test
    void plainAndHashedKeysIdentifyTheirCaller() {
        assertThat(keys.identify("plain-secret"))
                .get()
                .extracting(ApiKeys.Caller::name)
                .isEqualTo("ops");
        assertThat(keys.identify("hashed-secret"))
                .get()
                .extracting(ApiKeys.Caller::scopes)
                .isEqualTo(Set.of(Scope.WRITE));
    }

    @Test
    void unknownEmptyOrMissingKeysIdentifyNobody() {
        assertThat(keys.identify("plain-secreT")).isEmpty();
        assertThat(keys.identify("")).isEmpty();
        assertThat(keys.identify(null)).isEmpty();
    }

    @Test
    void aKeyNeedsExactlyOneOfPlainOrHashed() {
        assertThatThrownBy(
                        () ->
                                new ApiKeys(
                                        List.of(
                                                new SecurityProperties.ApiKey(
                                                        "x", "a", "b", Set.of(Scope.READ)))))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(
                        () ->
                                new ApiKeys(
                                        List.of(
                                                new SecurityProperties.ApiKey(
                                                        "x", null, null, Set.of(Scope.READ)))))
                .hasMessageContaining("exactly one");
    }

    @Test
    void adminImpliesEveryScopeAndOthersOnlyThemselves() {
        assertThat(Scope.WRITE.grantedBy(Set.of(Scope.ADMIN))).isTrue();
        assertThat(Scope.READ.grantedBy(Set.of(Scope.WRITE))).isFalse();
        assertThat(Scope.ADMIN.grantedBy(Set.of(Scope.READ, Scope.WRITE))).isFalse();
    }
}
