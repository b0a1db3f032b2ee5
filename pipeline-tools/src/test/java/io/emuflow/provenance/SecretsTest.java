package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which environment values count as secrets, and that redaction reaches every text of a sidecar. */
class SecretsTest {
    static final Secrets SECRETS = Secrets.of(Map.of("EMUFLOW_DB_PASSWORD", "pa55:word\\x", "GITHUB_TOKEN", "ghp_abcdef", "S3_SECRET", "s3-key-123",
            "SHORT_TOKEN", "abc", "PASSWORD_HINT", "not-a-secret-name", "HOME", "/root"));

    @Test
    void valuesOfPasswordTokenAndSecretVariablesAreRedactedWherePresent() {
        assertEquals("x [redacted] y [redacted][redacted] z", SECRETS.redact("x pa55:word\\x y ghp_abcdefs3-key-123 z"));
        // names that do not end in _PASSWORD, _TOKEN or _SECRET, and values too short to be secrets, stay
        assertEquals("not-a-secret-name /root abc", SECRETS.redact("not-a-secret-name /root abc"));
        assertTrue(Secrets.of(Map.of("HOME", "/root")).isEmpty());
        String text = "nothing to hide";
        assertSame(text, Secrets.of(Map.of()).redact(text));
    }

    @Test
    void aSidecarTreeLosesItsSecretsInValuesArraysAndNames() throws Exception {
        JsonNode doc = StepProvenance.JSON.readTree("""
                {"command_line": ["train", "--token", "ghp_abcdef"], "settings": {"url": "x?k=s3-key-123", "ghp_abcdef": 1},
                 "seed": 7, "nested": [{"v": "pa55:word\\\\x"}]}""");
        JsonNode clean = SECRETS.redact(doc);
        String text = clean.toString();
        for (String secret : new String[] {"ghp_abcdef", "s3-key-123", "pa55:word"}) {
            assertFalse(text.contains(secret), text);
        }
        assertEquals("[redacted]", clean.path("command_line").get(2).asText());
        assertEquals("x?k=[redacted]", clean.path("settings").path("url").asText());
        assertEquals(7, clean.path("seed").asInt());
        assertTrue(doc.toString().contains("ghp_abcdef"), "the original tree is left as it was");
    }
}
