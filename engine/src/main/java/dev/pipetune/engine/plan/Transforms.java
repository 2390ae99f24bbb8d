package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.BlockTransform;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.expression.evaluation.ExpressionEvaluationException;
import dev.pipetune.engine.expression.evaluation.Predicate;
import dev.pipetune.engine.expression.evaluation.WithColumns;
import dev.pipetune.engine.function.DocumentFormat;
import dev.pipetune.engine.function.Extraction;
import dev.pipetune.engine.function.ExtractText;
import dev.pipetune.engine.function.ExtractTextOptions;
import dev.pipetune.engine.function.FailedDocument;
import dev.pipetune.engine.function.HtmlHandling;
import dev.pipetune.engine.pipeline.KeywordArguments;
import dev.pipetune.engine.udf.BatchFunction;
import dev.pipetune.engine.udf.BatchFunctionClass;
import dev.pipetune.engine.udf.FunctionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/** The block transforms of map-like steps. All are thread-safe and borrow their input, as the contract says. */
final class Transforms {

    private Transforms() {
    }

    /** Returns {@code with_columns}' arguments as column name to expression text, in the order written. */
    static Map<String, String> expressions(KeywordArguments kwargs) {
        Map<String, String> expressions = new LinkedHashMap<>();
        kwargs.values().forEach((name, expression) -> expressions.put(name, String.valueOf(expression)));
        return expressions;
    }

    static BlockTransform withColumns(KeywordArguments kwargs) {
        Map<String, String> expressions = expressions(kwargs);
        Function<Schema, WithColumns> compiled = perSchema(schema -> WithColumns.compile(expressions, schema));
        return (input, context) -> {
            WithColumns function = compiled.apply(input.schema());
            try {
                if (!input.isDictionaryEncoded()) {
                    return List.of(new Block(function.apply(input.root(), context.allocator()), Map.of(),
                            input.origin(), input.firstRow()));
                }
                WithColumns.EncodedBatch output = function.apply(input.encodedRoot(), input.dictionaries(),
                        context.allocator());
                return List.of(new Block(output.root(), output.dictionaries(), input.origin(), input.firstRow()));
            } catch (ExpressionEvaluationException failure) {
                throw failure.locatedIn(input.firstRow(), input.rows());
            }
        };
    }

    static BlockTransform filter(String expression) {
        Function<Schema, Predicate> compiled = perSchema(schema -> Predicate.compile(expression, schema));
        return (input, context) -> {
            Predicate predicate = compiled.apply(input.schema());
            VectorSchemaRoot kept;
            try {
                kept = input.isDictionaryEncoded()
                        ? predicate.filter(input.encodedRoot(), input.dictionaries(), context.allocator())
                        : predicate.filter(input.root(), context.allocator());
            } catch (ExpressionEvaluationException failure) {
                throw failure.locatedIn(input.firstRow(), input.rows());
            }
            if (kept.getRowCount() == 0) {
                kept.close();
                return List.of();
            }
            if (!input.isDictionaryEncoded()) {
                return List.of(new Block(kept, input.origin()));
            }
            try {
                return List.of(new Block(kept, Block.share(input.dictionaries(), context.allocator()),
                        input.origin()));
            } catch (RuntimeException failure) {
                kept.close();
                throw failure;
            }
        };
    }

    /** Files that cannot be extracted are left out and reported to the task as failed rows. */
    static BlockTransform extractText(ExtractTextOptions options) {
        return (input, context) -> {
            Extraction extraction = ExtractText.apply(input.root(), options, context.allocator());
            for (FailedDocument failed : extraction.failures()) {
                context.rowFailed(failed.file(), failed.cause());
            }
            if (extraction.output().getRowCount() == 0) {
                extraction.output().close();
                return List.of();
            }
            return List.of(new Block(extraction.output(), input.origin()));
        };
    }

    /**
     * Returns {@code extract_text}'s options from {@code fn_kwargs} (checked by the reader): {@code format} and
     * {@code html}, with their defaults where absent.
     */
    static ExtractTextOptions extractTextOptions(KeywordArguments kwargs) {
        return new ExtractTextOptions(
                kwargs.get(ExtractText.FORMAT).map(String::valueOf).flatMap(DocumentFormat::byName)
                        .orElse(ExtractTextOptions.DEFAULTS.format()),
                kwargs.get(ExtractText.HTML).map(String::valueOf).flatMap(HtmlHandling::byName)
                        .orElse(ExtractTextOptions.DEFAULTS.html()));
    }

    static BlockTransform selectColumns(List<String> columns) {
        return (input, context) -> List.of(new Block(project(input, columns, context.allocator()), Map.of(),
                input.origin(), input.firstRow()));
    }

    static BlockTransform dropColumns(List<String> columns) {
        return (input, context) -> {
            checkColumns(input.schema(), columns);
            List<String> kept = input.schema().getFields().stream().map(Field::getName)
                    .filter(name -> !columns.contains(name)).toList();
            return List.of(new Block(project(input, kept, context.allocator()), Map.of(), input.origin(),
                    input.firstRow()));
        };
    }

    static BlockTransform batchFunction(BatchFunction function, KeywordArguments kwargs,
            KeywordArguments constructorKwargs) {
        return userFunction(function::apply, kwargs, constructorKwargs);
    }

    static BlockTransform batchClass(BatchFunctionClass instance, KeywordArguments kwargs,
            KeywordArguments constructorKwargs) {
        return userFunction(instance::call, kwargs, constructorKwargs);
    }

    /** A user function's call: the batch is borrowed, the result new. */
    @FunctionalInterface
    private interface UserCall {
        VectorSchemaRoot call(VectorSchemaRoot batch, FunctionContext context) throws Exception;
    }

    private static BlockTransform userFunction(UserCall call, KeywordArguments kwargs,
            KeywordArguments constructorKwargs) {
        return (input, context) -> {
            FunctionContext functionContext = new FunctionContext(context.allocator(), kwargs, constructorKwargs,
                    context.gpuDevices(), context::addModelTime);
            long start = System.nanoTime();
            VectorSchemaRoot output = call.call(input.root(), functionContext);
            context.addUserFunctionTime(System.nanoTime() - start);
            return List.of(owned(output, input, context));
        };
    }

    /** A function may hand back its input unchanged: then the output is a zero-copy slice, not the input itself. */
    private static Block owned(VectorSchemaRoot output, Block input, TaskContext context) {
        if (output == null) {
            throw new IllegalStateException("the function returned null instead of a batch");
        }
        if (output == input.root()) {
            return input.slice(0, input.rows(), context.allocator());
        }
        return new Block(output, input.origin());
    }

    private static VectorSchemaRoot project(Block input, List<String> columns, BufferAllocator allocator) {
        checkColumns(input.schema(), columns);
        List<FieldVector> vectors = new ArrayList<>();
        int rows = input.rows();
        for (String column : columns) {
            FieldVector source = input.root().getVector(column);
            TransferPair pair = source.getTransferPair(allocator);
            if (rows > 0) {
                pair.splitAndTransfer(0, rows);
            }
            FieldVector target = (FieldVector) pair.getTo();
            target.setValueCount(rows);
            vectors.add(target);
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, rows);
    }

    private static void checkColumns(Schema schema, List<String> columns) {
        List<String> available = schema.getFields().stream().map(Field::getName).toList();
        for (String column : columns) {
            if (!available.contains(column)) {
                throw new IllegalArgumentException("column '" + column + "' does not exist; available columns: "
                        + String.join(", ", available));
            }
        }
    }

    private static <T> Function<Schema, T> perSchema(Function<Schema, T> compiler) {
        Map<Schema, T> cache = new ConcurrentHashMap<>();
        return schema -> cache.computeIfAbsent(schema, compiler);
    }
}
