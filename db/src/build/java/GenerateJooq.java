import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Build step (run by exec-maven-plugin as a single-file program on the build's JDK ≥ 21): applies the Flyway
 * migrations to a throw-away embedded PostgreSQL and generates jOOQ classes from the real schema. jOOQ's DDL
 * parser is not used because it mangles PostgreSQL types. Skips work when neither the migrations nor this file
 * changed since the last run (a stamp file next to the generated sources).
 *
 * <p>Arguments: migrations directory, target directory, target package, this source file.
 */
public class GenerateJooq {

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path target = Path.of(args[1]);
        String packageName = args[2];
        Path stamp = target.resolveSibling(target.getFileName() + ".stamp");

        String fingerprint = fingerprint(migrations, Path.of(args[3]));
        if (Files.isDirectory(target) && Files.exists(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).equals(fingerprint)) {
            System.out.println("[jooq] generated code is up to date with " + migrations);
            return;
        }

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();

            Configuration configuration = new Configuration()
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    // Quartz owns its tables; Flyway owns its history.
                                    .withExcludes("flyway_schema_history|qrtz_.*")
                                    // A set-returning function (rating_inbox_claim) is called by its SQL, not as
                                    // a table: the generated tables are the schema's tables, column for column
                                    // (MigrationsIT).
                                    .withTableValuedFunctionsAsTables(false))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withFluentSetters(true)
                                    // rating.superseded_by points at rating itself: to-many paths would clash.
                                    .withImplicitJoinPathsToMany(false))
                            .withTarget(new Target()
                                    .withPackageName(packageName)
                                    .withDirectory(target.toString())
                                    .withClean(true)));
            GenerationTool.generate(configuration);
        }
        Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
    }

    private static String fingerprint(Path migrations, Path self) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(migrations)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(migrations.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
        }
        // The generator's own settings are part of what the output depends on.
        digest.update(Files.readAllBytes(self));
        return HexFormat.of().formatHex(digest.digest());
    }
}
