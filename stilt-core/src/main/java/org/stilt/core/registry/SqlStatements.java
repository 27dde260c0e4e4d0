package org.stilt.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's SQL, read from resource files: {@code sql/common.sql} overridden block by block by
 * {@code sql/<dialect>/statements.sql}, and the migrations {@code sql/<dialect>/V<n>__<description>.sql}.
 * A block starts with {@code -- name: X} and holds one or more statements, each ending with {@code ;}
 * at the end of a line. {@code :param} names a parameter ({@code ::} casts are left alone);
 * {@code {{now_ms}}} is the database clock and {@code {{block}}} the text of another block.
 *
 * <p>Thread-safety: immutable after construction; safe to share.
 */
final class SqlStatements {

    private static final String BASE = "/org/stilt/core/registry/sql/";
    private static final Pattern MACRO = Pattern.compile("\\{\\{([a-z_]+)}}");
    private static final Pattern PARAM = Pattern.compile("(?<!:):([a-z_]+)");

    /**
     * One SQL statement with {@code ?} placeholders and the parameter name of each.
     *
     * @param name       block name and index, for messages
     * @param sql        the JDBC text
     * @param parameters parameter names in placeholder order
     */
    record Statement(String name, String sql, List<String> parameters) {
    }

    private final Dialect dialect;
    private final Map<String, String> blocks;

    SqlStatements(Dialect dialect) {
        this.dialect = dialect;
        Map<String, String> b = parseBlocks(read(BASE + "common.sql"), "common.sql");
        b.putAll(parseBlocks(read(BASE + dialect.resourceDir() + "/statements.sql"),
                dialect.resourceDir() + "/statements.sql"));
        this.blocks = b;
    }

    /** The statements of block {@code name}. */
    List<Statement> block(String name) {
        String text = blocks.get(name);
        if (text == null) {
            throw new IllegalStateException("no SQL block named " + name + " for " + dialect);
        }
        return split(name, expand(text, 0));
    }

    /** The single statement of block {@code name}. */
    Statement one(String name) {
        List<Statement> s = block(name);
        if (s.size() != 1) {
            throw new IllegalStateException("SQL block " + name + " has " + s.size() + " statements; expected 1");
        }
        return s.get(0);
    }

    /** Migration {@code version}'s statements, or null when there is no such file. */
    List<Statement> migration(int version, String[] descriptionOut) {
        String dir = BASE + dialect.resourceDir() + "/";
        String index = readOrNull(dir + "migrations.txt");
        String file = null;
        if (index != null) {
            for (String line : index.lines().map(String::strip).toList()) {
                if (line.startsWith("V" + version + "__")) {
                    file = line;
                }
            }
        }
        if (file == null) {
            return null;
        }
        descriptionOut[0] = file.substring(file.indexOf("__") + 2, file.length() - ".sql".length()).replace('_', ' ');
        String text = read(dir + file);
        return split(file, expand(stripComments(text), 0));
    }

    private String expand(String text, int depth) {
        if (depth > 4) {
            throw new IllegalStateException("SQL fragments nest too deeply: " + text);
        }
        Matcher m = MACRO.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.equals("now_ms")) {
                value = dialect.nowMillisSql();
            } else if (blocks.containsKey(key)) {
                value = expand(blocks.get(key).strip(), depth + 1);
            } else {
                throw new IllegalStateException("unknown SQL macro {{" + key + "}} for " + dialect);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<Statement> split(String name, String text) {
        List<Statement> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(bind(name + "#" + out.size(), cur.toString().strip()));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(bind(name + "#" + out.size(), cur.toString().strip()));
        }
        return out;
    }

    private static Statement bind(String name, String sql) {
        String s = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        List<String> params = new ArrayList<>();
        Matcher m = PARAM.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            params.add(m.group(1));
            m.appendReplacement(sb, "?");
        }
        m.appendTail(sb);
        return new Statement(name, sb.toString(), List.copyOf(params));
    }

    private static Map<String, String> parseBlocks(String text, String file) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("-- name:")) {
                if (name != null) {
                    out.put(name, cur.toString());
                }
                name = t.substring("-- name:".length()).strip();
                cur.setLength(0);
            } else if (t.startsWith("--")) {
                continue;
            } else if (name != null) {
                cur.append(line).append('\n');
            } else if (!t.isEmpty()) {
                throw new IllegalStateException(file + ": SQL before the first '-- name:' line: " + t);
            }
        }
        if (name != null) {
            out.put(name, cur.toString());
        }
        return out;
    }

    private static String stripComments(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String read(String resource) {
        String s = readOrNull(resource);
        if (s == null) {
            throw new IllegalStateException("SQL resource " + resource + " is missing from the stilt-core jar");
        }
        return s;
    }

    private static String readOrNull(String resource) {
        try (InputStream in = SqlStatements.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SQL resource " + resource + ": " + e.getMessage(), e);
        }
    }
}
