package dev.pipetune.profiler.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.profiler.rules.RuleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Golden files of rule results: for each rule a scenario pins, only what is deterministic — the rule's id, its
 * severity and the overrides of its fix — never numbers, timings or summaries. The files live in
 * {@code src/test/resources/scenarios/NAME.rules.json}; run with {@code -Dpipetune.updateGolden=true} to rewrite them
 * after an intended change, and review the diff.
 */
final class GoldenResults {

    /** Run with {@code -Dpipetune.updateGolden=true} to rewrite the golden files. */
    private static final boolean UPDATE = Boolean.getBoolean("pipetune.updateGolden");
    private static final Path FOLDER = Path.of("src", "test", "resources", "scenarios");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenResults() {
    }

    /**
     * Renders the pinned rules' results as golden JSON: an object with the scenario's name, the rules left out and
     * why, and one entry per pinned rule, ordered by id.
     *
     * @param scenario the scenario's name
     * @param results every rule's result
     * @param leftOut the rules whose outcome depends on the machine or its load, with the reason
     * @return the JSON text, ending with a line break
     */
    static String render(String scenario, List<RuleResult> results, Map<String, String> leftOut) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        ObjectNode excluded = root.putObject("leftOut");
        new TreeMap<>(leftOut).forEach(excluded::put);
        ArrayNode rules = root.putArray("rules");
        for (RuleResult result : results) {
            if (leftOut.containsKey(result.ruleId())) {
                continue;
            }
            ObjectNode rule = rules.addObject();
            rule.put("id", result.ruleId());
            rule.put("severity", result.severity().name());
            result.fix().ifPresent(fix -> {
                ArrayNode overrides = rule.putArray("fixOverrides");
                fix.overrides().forEach(override -> overrides.add(override.toString()));
            });
        }
        return JSON.writeValueAsString(root).replace("\r\n", "\n") + "\n";
    }

    /**
     * Compares the results with the scenario's golden file, or rewrites the file in update mode.
     *
     * @param scenario the scenario's name
     * @param results every rule's result
     * @param leftOut the rules left out of the golden file, with the reason
     */
    static void assertMatches(String scenario, List<RuleResult> results, Map<String, String> leftOut)
            throws IOException {
        Set<String> ids = results.stream().map(RuleResult::ruleId).collect(Collectors.toSet());
        assertThat(ids).as("rules left out of %s", scenario).containsAll(leftOut.keySet());
        String actual = render(scenario, results, leftOut);
        Path golden = FOLDER.resolve(scenario + ".rules.json");
        if (UPDATE) {
            Files.createDirectories(FOLDER);
            Path temporary = Files.createTempFile(FOLDER, scenario, ".tmp");
            Files.writeString(temporary, actual, StandardCharsets.UTF_8);
            Files.move(temporary, golden, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        assertThat(golden).as("golden file %s; create it with -Dpipetune.updateGolden=true", golden).exists();
        String expected = Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(actual).as("rule results of scenario %s against %s; the rules said:%n%s", scenario, golden,
                describe(results)).isEqualTo(expected);
    }

    /** Every result in one line each, for failure messages. */
    static String describe(List<RuleResult> results) {
        return results.stream()
                .map(result -> result.ruleId() + " " + result.severity() + " (" + result.score() + "): "
                        + result.summary() + result.fix().map(fix -> " fix " + fix.commandLine()).orElse(""))
                .collect(Collectors.joining("\n"));
    }
}
