package io.smecredit.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What built a model: the xgboost4j release that trained the booster, this trainer's release and the Java runtime.
 * Recorded in every artifact's parameters ({@value #PARAMETER}) so a model can be reproduced, or a difference
 * explained, after either library has moved on. Versions come from the jars' Maven metadata; a class loaded from a
 * directory (tests, an IDE) has none and says "unknown".
 */
public final class BuildInfo {

    public static final String PARAMETER = "built_with";

    private BuildInfo() {
    }

    public static Map<String, String> current() {
        Map<String, String> built = new LinkedHashMap<>();
        built.put("xgboost4j", mavenVersion("ml.dmlc", "xgboost4j_2.12"));
        built.put("credit-model", mavenVersion("io.smecredit", "credit-model"));
        built.put("java", System.getProperty("java.version"));
        return built;
    }

    private static String mavenVersion(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
