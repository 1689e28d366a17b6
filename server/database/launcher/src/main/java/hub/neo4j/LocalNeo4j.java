package hub.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs the real Neo4j community edition embedded, reachable only through Bolt on 127.0.0.1.
 *
 * <p>Configuration comes from the environment so that the password never shows in a process list:
 * NEO4J_HOME (store folder), NEO4J_BOLT_PORT, NEO4J_PASSWORD (set on every start, so a fresh random
 * one can be used each time), NEO4J_PAGECACHE and NEO4J_TX_MEMORY (sizes such as "128m"), and NEO4J_APOC.
 *
 * <p>APOC core, which only the benchmark's baseline (the standard GraphQL library for Neo4j) needs, is loaded
 * when NEO4J_APOC is "true": it is registered from the plugins folder Maven fills beside the launcher's classes
 * (target/plugins; the parent then puts its jars on the classpath too, as in a server, for its extensions).
 * Otherwise the plugins folder is an empty one in the store's home, and no APOC procedure exists. Of plugins'
 * procedures only apoc.* may load (Neo4j's built-in ones are not affected), and none is unrestricted: nothing
 * the service or that library calls needs Neo4j's internal APIs.
 *
 * <p>The parent process reads one line from stdout: "NEO4J_READY port" once Bolt accepts connections,
 * or "NEO4J_FAILED reason: message" (reason is port-in-use, store-locked or start-failed).
 * It stops on SIGTERM/SIGINT, and also when its stdin closes, so that a parent that dies without
 * cleaning up never leaves a Java process holding the store lock.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(required("NEO4J_HOME")).toAbsolutePath();
    int port = Integer.parseInt(required("NEO4J_BOLT_PORT"));
    String password = required("NEO4J_PASSWORD");

    DatabaseManagementService service;
    try {
      service = new DatabaseManagementServiceBuilder(home)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
          .setConfig(HttpConnector.enabled, false)
          .setConfig(HttpsConnector.enabled, false)
          .setConfig(GraphDatabaseSettings.auth_enabled, true)
          .setConfig(GraphDatabaseSettings.pagecache_memory, bytes(env("NEO4J_PAGECACHE", "128m")))
          .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, bytes(env("NEO4J_TX_MEMORY", "256m")))
          .setConfig(GraphDatabaseSettings.plugin_dir, pluginDir(home))
          .setConfig(GraphDatabaseSettings.procedure_allowlist, List.of("apoc.*"))
          .build();
    } catch (Throwable e) {
      fail(e);
      return;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.shutdown();
      stopped.countDown();
    }, "neo4j-shutdown"));

    try {
      // Embedded transactions run with full rights, so the initial user can be given this run's password.
      service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (Throwable e) {
      // A restart with the password the store already has is fine; Neo4j refuses to "change" it to itself.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        fail(e);
        System.exit(1);
      }
    }

    System.out.println("NEO4J_READY " + port);
    System.out.flush();

    Thread watchdog = new Thread(LocalNeo4j::exitWhenParentGoes, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    stopped.await();
  }

  /**
   * With NEO4J_APOC=true, target/plugins, beside target/classes where this class was loaded from (it must exist, or
   * APOC is missing); otherwise an empty folder of the store's own, so that no plugin loads.
   */
  private static Path pluginDir(Path home) throws URISyntaxException, IOException {
    if (!"true".equals(System.getenv("NEO4J_APOC"))) {
      Path none = home.resolve("no-plugins");
      Files.createDirectories(none);
      return none;
    }
    Path classes = Path.of(LocalNeo4j.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path plugins = classes.resolveSibling("plugins");
    if (!Files.isDirectory(plugins)) {
      throw new IOException("the plugins folder " + plugins + " is missing; rebuild the launcher with mvn package");
    }
    return plugins;
  }

  private static void exitWhenParentGoes() {
    InputStream in = System.in;
    try {
      while (in.read() != -1) {
        // The parent writes nothing; reading only detects that the pipe has closed.
      }
    } catch (IOException ignored) {
      // A broken pipe means the same as end of input.
    }
    System.exit(0);
  }

  private static void fail(Throwable e) {
    String text = chain(e);
    String reason = "start-failed";
    if (text.contains("Address already in use") || text.contains("BindException")) {
      reason = "port-in-use";
    } else if (text.contains("FileLockException") || text.contains("locked by another")) {
      reason = "store-locked";
    }
    System.out.println("NEO4J_FAILED " + reason + ": " + firstLine(e));
    System.out.flush();
    e.printStackTrace(System.err);
  }

  private static String chain(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static long bytes(String size) {
    String s = size.trim().toLowerCase();
    long unit = 1;
    char last = s.charAt(s.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
      s = s.substring(0, s.length() - 1);
    }
    return Long.parseLong(s) * unit;
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      System.out.println("NEO4J_FAILED start-failed: environment variable " + name + " is not set");
      System.exit(2);
    }
    return value;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
