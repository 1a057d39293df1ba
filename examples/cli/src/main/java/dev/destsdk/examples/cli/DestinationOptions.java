package dev.destsdk.examples.cli;

import dev.destsdk.core.spi.Destination;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command shares to pick and configure a destination: its type, settings as flags or a
 * properties file, and secrets from environment variables or files (never from the command line, never printed).
 */
final class DestinationOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-d", "--dest"}, required = true, paramLabel = "TYPE",
            description = "Destination: postgresql, mariadb, duckdb, sqlite, filesystem (file, s3), iceberg, crm.")
    String type;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A destination setting, e.g. url=jdbc:postgresql://127.0.0.1:5432/test (repeatable;"
                    + " overrides --config).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A properties file of destination settings (key=value lines); may hold secrets.")
    Path configFile;

    @Option(names = "--secret-env", paramLabel = "KEY=VARIABLE",
            description = "Read a secret setting (password, token, secret_access_key) from an environment variable.")
    Map<String, String> secretEnv = new LinkedHashMap<>();

    @Option(names = "--secret-file", paramLabel = "KEY=FILE",
            description = "Read a secret setting from a file (its first line).")
    Map<String, String> secretFile = new LinkedHashMap<>();

    /**
     * @param env the environment to read secrets from
     * @return every setting, secrets included
     * @throws ParameterException for a secret on the command line, an unknown type, a missing variable or an
     *     unreadable file
     */
    Map<String, String> resolve(Map<String, String> env) {
        String canonical = Destinations.canonical(type);
        if (!Destinations.TYPES.contains(canonical)) {
            throw new ParameterException(spec.commandLine(), "unknown destination type '" + type + "': use one of "
                    + Destinations.TYPES);
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read the config file " + configFile + ": "
                        + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (Destinations.SECRETS.contains(e.getKey())) {
                throw new ParameterException(spec.commandLine(), "setting '" + e.getKey() + "' is a secret: pass"
                        + " it with --secret-env " + e.getKey() + "=VARIABLE or --secret-file " + e.getKey()
                        + "=FILE, not on the command line");
            }
            all.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : secretEnv.entrySet()) {
            String value = env.get(e.getValue());
            if (value == null) {
                throw new ParameterException(spec.commandLine(), "environment variable " + e.getValue()
                        + " (for setting '" + e.getKey() + "') is not set");
            }
            all.put(e.getKey(), value);
        }
        for (Map.Entry<String, String> e : secretFile.entrySet()) {
            try {
                String text = Files.readString(Path.of(e.getValue()), StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                all.put(e.getKey(), (nl >= 0 ? text.substring(0, nl) : text).replace("\r", ""));
            } catch (IOException ex) {
                throw new ParameterException(spec.commandLine(), "cannot read the secret file " + e.getValue()
                        + " (for setting '" + e.getKey() + "'): " + ex.getClass().getSimpleName());
            }
        }
        return all;
    }

    /** @return the canonical destination type */
    String canonicalType() {
        return Destinations.canonical(type);
    }

    /**
     * @param env the environment
     * @return a new destination
     */
    Destination open(Map<String, String> env) {
        return Destinations.create(type, resolve(env));
    }
}
