package com.translation.pipeline.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class AccessRulesTest {

    private final AccessRules rules =
            new AccessRules().require(HttpMethod.POST, "/api/v1/things/batch", Scope.WRITE);

    @Test
    void aPathNoRuleNamesNeedsTheAdminScope() {
        assertThat(rules.required("GET", "/api/v1/things/new-endpoint")).isEqualTo(Scope.ADMIN);
        assertThat(rules.required("GET", "/api/v1/things/batch")).isEqualTo(Scope.ADMIN);
        assertThat(rules.required("POST", "/api/v1/things/batch/")).isEqualTo(Scope.ADMIN);
    }

    @Test
    void aRuleGivesItsScopeToItsMethodAndPathOnly() {
        assertThat(rules.required("POST", "/api/v1/things/batch")).isEqualTo(Scope.WRITE);
        assertThat(rules.required("GET", "/api/v1/system/metrics")).isEqualTo(Scope.READ);
        assertThat(rules.required("GET", "/api/v1/system/config")).isEqualTo(Scope.ADMIN);
    }

    @Test
    void headNeedsWhatGetNeeds() {
        assertThat(rules.required("HEAD", "/api/v1/system/metrics")).isEqualTo(Scope.READ);
        assertThat(rules.required("HEAD", "/api/v1/system/config")).isEqualTo(Scope.ADMIN);
        assertThat(rules.required("HEAD", "/api/v1/things/batch")).isEqualTo(Scope.ADMIN);
    }
}
