package dev.pipetune.profiler.recording;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.execution.OperatorMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON entries of a recording file, {@code manifest.json} and {@code run.json}: writing and reading them. */
final class RecordingJson {

    /** The value of the manifest's {@code format} field that marks a pipetune recording. */
    static final String FORMAT_NAME = "pipetune-recording";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordingJson() {
    }

    /**
     * What {@code manifest.json} says.
     *
     * @param formatVersion the recording format's version
     * @param complete whether the run ended before the file was written
     * @param created when the file was written
     * @param pipetuneVersion the version of pipetune that wrote it
     */
    record Manifest(int formatVersion, boolean complete, Instant created, String pipetuneVersion) {
    }

    /**
     * What {@code run.json} holds.
     *
     * @param pipelineFileName the pipeline file's name, whose text is in {@code pipeline/NAME}
     * @param overrides the overrides
     * @param run how the run went
     * @param environment the machine and software
     * @param events the events
     * @param finalOperators the operators' last counters
     */
    record RunEntry(String pipelineFileName, List<String> overrides, RunInfo run, Environment environment,
            List<RecordedEvent> events, List<OperatorMetrics> finalOperators) {
    }

    static byte[] writeManifest(Manifest manifest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("format_version", manifest.formatVersion());
        root.put("complete", manifest.complete());
        root.put("created", manifest.created().toString());
        root.put("pipetune_version", manifest.pipetuneVersion());
        return bytes(root);
    }

    static Manifest readManifest(Path file, String entry, byte[] content) throws RecordingFormatException {
        JsonFields root = parse(file, entry, content);
        if (!root.node().path("format").asText("").equals(FORMAT_NAME)) {
            throw root.problem("format", "must be '" + FORMAT_NAME + "': not a pipetune recording");
        }
        int version = root.intValue("format_version");
        if (version > Recording.FORMAT_VERSION) {
            throw new RecordingFormatException(file, "written in recording format version " + version
                    + " by a newer pipetune (" + root.node().path("pipetune_version").asText("unknown")
                    + "); this pipetune reads versions up to " + Recording.FORMAT_VERSION, null);
        }
        if (version < 1) {
            throw root.problem("format_version", "must be at least 1, not " + version);
        }
        return new Manifest(version, root.booleanValue("complete"), root.instant("created"),
                root.string("pipetune_version"));
    }

    static byte[] writeRun(Recording recording) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode pipeline = root.putObject("pipeline");
        pipeline.put("file_name", recording.pipeline().fileName());
        JsonFields.putStrings(pipeline, "overrides", recording.pipeline().overrides());

        RunInfo info = recording.run();
        ObjectNode run = root.putObject("run");
        run.put("start", info.start().toString());
        run.put("duration_ms", info.durationMillis());
        run.put("outcome", info.outcome().name());
        run.put("message", info.message());
        JsonFields.putDouble(run, "cpu_budget", info.cpuBudget());
        run.put("gpu_budget", info.gpuBudget());
        run.put("memory_budget_bytes", info.memoryBudgetBytes());

        Environment environment = recording.environment();
        ObjectNode machine = root.putObject("environment");
        machine.put("cpu_model", environment.cpuModel());
        machine.put("logical_cores", environment.logicalCores());
        machine.put("physical_cores", environment.physicalCores());
        machine.put("memory_bytes", environment.memoryBytes());
        ArrayNode gpus = machine.putArray("gpus");
        for (Environment.Gpu gpu : environment.gpus()) {
            gpus.addObject().put("index", gpu.index()).put("name", gpu.name()).put("memory_bytes", gpu.memoryBytes())
                    .put("uuid", gpu.uuid());
        }
        machine.put("gpu_status", environment.gpuStatus());
        machine.put("operating_system", environment.operatingSystem());
        machine.put("java_version", environment.javaVersion());
        machine.put("pipetune_version", environment.pipetuneVersion());
        machine.put("host_name", environment.hostName());

        ArrayNode events = root.putArray("events");
        for (RecordedEvent event : recording.events()) {
            events.addObject().put("time_ms", event.timeMillis()).put("kind", event.kind().name())
                    .put("operator", event.operator()).put("origin", event.origin()).put("message", event.message());
        }
        ArrayNode operators = root.putArray("final_operators");
        for (OperatorMetrics metrics : recording.finalOperators()) {
            ObjectNode operator = operators.addObject().put("name", metrics.name());
            for (OperatorField field : OperatorField.values()) {
                Object value = field.get(metrics);
                switch (field.type()) {
                    case INT, LONG -> operator.put(field.columnName(), ((Number) value).longValue());
                    case DOUBLE -> JsonFields.putDouble(operator, field.columnName(), (Double) value);
                    case BOOLEAN -> operator.put(field.columnName(), (Boolean) value);
                    default -> throw new IllegalStateException(field.type().name());
                }
            }
        }
        return bytes(root);
    }

    static RunEntry readRun(Path file, String entry, byte[] content) throws RecordingFormatException {
        JsonFields root = parse(file, entry, content);
        JsonFields pipeline = root.object("pipeline");
        JsonFields run = root.object("run");
        RunInfo info;
        try {
            info = new RunInfo(run.instant("start"), run.longValue("duration_ms"),
                    run.enumValue("outcome", RunInfo.RunOutcome.class), run.string("message"),
                    run.doubleValue("cpu_budget"), run.intValue("gpu_budget"), run.longValue("memory_budget_bytes"));
        } catch (IllegalArgumentException invalid) {
            throw root.problem("run", invalid.getMessage());
        }
        JsonFields machine = root.object("environment");
        List<Environment.Gpu> gpus = new ArrayList<>();
        for (JsonFields gpu : machine.objects("gpus")) {
            gpus.add(new Environment.Gpu(gpu.intValue("index"), gpu.string("name"), gpu.longValue("memory_bytes"),
                    gpu.string("uuid")));
        }
        Environment environment;
        try {
            environment = new Environment(machine.string("cpu_model"), machine.intValue("logical_cores"),
                    machine.intValue("physical_cores"), machine.longValue("memory_bytes"), gpus,
                    machine.string("gpu_status"), machine.string("operating_system"), machine.string("java_version"),
                    machine.string("pipetune_version"), machine.string("host_name"));
        } catch (IllegalArgumentException invalid) {
            throw root.problem("environment", invalid.getMessage());
        }
        List<RecordedEvent> events = new ArrayList<>();
        for (JsonFields event : root.objects("events")) {
            events.add(new RecordedEvent(event.longValue("time_ms"),
                    event.enumValue("kind", RecordedEvent.Kind.class), event.string("operator"),
                    event.string("origin"), event.string("message")));
        }
        List<OperatorMetrics> operators = new ArrayList<>();
        for (JsonFields operator : root.objects("final_operators")) {
            operators.add(OperatorField.metrics(operator.string("name"), field -> field.optional()
                    && !operator.has(field.columnName()) ? null : switch (field.type()) {
                case INT -> operator.intValue(field.columnName());
                case LONG -> operator.longValue(field.columnName());
                case DOUBLE -> operator.doubleValue(field.columnName());
                case BOOLEAN -> operator.booleanValue(field.columnName());
            }));
        }
        return new RunEntry(pipeline.string("file_name"), pipeline.strings("overrides"), info, environment, events,
                operators);
    }

    private static JsonFields parse(Path file, String entry, byte[] content) throws RecordingFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JacksonException malformed) {
            throw new RecordingFormatException(file, entry + ": malformed JSON: " + malformed.getOriginalMessage()
                    + (malformed.getLocation() == null ? "" : " at line " + malformed.getLocation().getLineNr()
                    + ", column " + malformed.getLocation().getColumnNr()), malformed);
        } catch (IOException unreadable) {
            throw new RecordingFormatException(file, entry + ": " + unreadable.getMessage(), unreadable);
        }
        if (root == null || !root.isObject()) {
            throw new RecordingFormatException(file, entry + ": must hold a JSON object", null);
        }
        return new JsonFields(file, entry, "", root);
    }

    private static byte[] bytes(JsonNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
