package io.emuflow.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from the environment or a PostgreSQL password file (format of the PostgreSQL manual, "The Password File"). */
class CredentialsTest {
    @TempDir
    Path home;

    private static final StoreTarget TARGET = StoreTarget.parse("jdbc:postgresql://db.lab.org:5433/emuflow");

    private void pgpass(String text, String permissions) throws Exception {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    @Test
    void theEnvironmentWinsOverThePasswordFile() throws Exception {
        pgpass("*:*:*:*:from-file\n", "rw-------");
        Credentials c = Credentials.resolve(TARGET, Map.of("EMUFLOW_DB_USER", "ana", "EMUFLOW_DB_PASSWORD", "from-env"), home);
        assertEquals(new Credentials("ana", "from-env"), c);
        assertFalse(c.toString().contains("from-env"), "a password must never be printed");
        assertEquals(new Credentials("ana", "from-file"), Credentials.resolve(TARGET, Map.of("EMUFLOW_DB_USER", "ana"), home));
    }

    @Test
    void theFirstMatchingLineWinsWithWildcardsAndEscapes() throws Exception {
        pgpass(String.join("\n",
                "# comment:*:*:*:no",
                "db.lab.org:5432:emuflow:ana:wrong-port",
                "db.lab.org:5433:other:ana:wrong-db",
                "db.lab.org:5433:emuflow:bob:wrong-user",
                "db.lab.org:5433:emuflow:ana:p\\:a\\\\ss:ignored",
                "*:*:*:*:too-late"), "rw-------");
        assertEquals("p:a\\ss", Credentials.resolve(TARGET, Map.of("EMUFLOW_DB_USER", "ana"), home).password());
        assertEquals("wrong-user", Credentials.resolve(TARGET, Map.of("EMUFLOW_DB_USER", "bob"), home).password());
        assertEquals("too-late", Credentials.resolve(TARGET, Map.of("EMUFLOW_DB_USER", "carl"), home).password());
    }

    @Test
    void anEscapedStarIsALiteralStarNotAWildcard() {
        assertEquals(Arrays.asList(null, "*", "db", "u", "pw"), Credentials.split("*:\\*:db:u:pw"));
        assertEquals(List.of("h", "5432", "db", "u", "a:b"), Credentials.split("h:5432:db:u:a\\:b"));
    }

    @Test
    void aPasswordFileOthersCanReadIsIgnoredAsByLibpq() throws Exception {
        pgpass("*:*:*:*:exposed\n", "rw-r--r--");
        assertNull(Credentials.resolve(TARGET, Map.of("EMUFLOW_DB_USER", "ana"), home).password());
    }

    @Test
    void pgpassfileNamesAnotherFileAndTheUrlMayNameTheUser() throws Exception {
        Path other = home.resolve("elsewhere");
        Files.writeString(other, "db.lab.org:5433:emuflow:urluser:x\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("r--------"));
        Credentials c = Credentials.resolve(StoreTarget.parse("jdbc:postgresql://db.lab.org:5433/emuflow?user=urluser"),
                Map.of("PGPASSFILE", other.toString()), home);
        assertEquals(new Credentials("urluser", "x"), c);
        assertTrue(StoreTarget.parse("jdbc:postgresql://db.lab.org/emuflow").port() == 5432);
    }
}
