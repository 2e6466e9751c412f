package vn.dancham.bench.sys;

import vn.dancham.db.EmbeddedPostgresServer;

import java.nio.file.Path;

/**
 * The start-up baseline: a JVM that does nothing but start the same embedded PostgreSQL on the same data
 * directory (the floor under the application's own start), prints READY and stops it again.
 * Usage: {@code BarePostgres <data directory>}.
 */
public final class BarePostgres {

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, "dancham")) {
            ParentWatch.exitWhenStdinCloses(server::close);
            System.out.println("READY " + server.port());
            System.out.flush();
            Thread.sleep(Long.parseLong(args.length > 1 ? args[1] : "0"));
        }
    }
}
