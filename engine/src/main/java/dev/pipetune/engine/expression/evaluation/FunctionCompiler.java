package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.BuiltinFunction;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.FunctionCall;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Type-checks calls of builtin functions and builds their nodes. */
final class FunctionCompiler {

    private final ExpressionCompiler compiler;
    private final SourceText source;

    FunctionCompiler(ExpressionCompiler compiler, SourceText source) {
        this.compiler = compiler;
        this.source = source;
    }

    Node compile(FunctionCall call) {
        BuiltinFunction function = compiler.builtin(call);
        if (!function.accepts(call.arguments().size())) {
            throw compiler.error(function.canonicalName() + "() takes " + function.arityDescription() + ", got "
                    + call.arguments().size(), call);
        }
        List<Node> arguments = new ArrayList<>();
        for (Expression argument : call.arguments()) {
            arguments.add(compiler.compile(argument));
        }
        Node node = switch (function) {
            case UPPER, LOWER, TRIM, LTRIM, RTRIM -> new FunctionNode(function, strings(call, arguments), Types.UTF8);
            case LENGTH -> new FunctionNode(function, strings(call, arguments), Types.INT64);
            case REPLACE -> new FunctionNode(function, strings(call, arguments), Types.UTF8);
            case STARTS_WITH, ENDS_WITH, CONTAINS -> new FunctionNode(function, strings(call, arguments),
                    Types.BOOLEAN);
            case SUBSTR -> substring(call, arguments);
            case CONCAT -> new ConcatNode(arguments.stream().map(argument -> compiler.toText(argument, call))
                    .toList(), true);
            case ABS -> {
                ArrowType type = numericResult(call, arguments.getFirst(), 0);
                yield new FunctionNode(function, List.of(compiler.convert(arguments.getFirst(), type, call)), type);
            }
            case ROUND -> round(call, arguments);
            case FLOOR, CEIL -> {
                ArrowType type = numericResult(call, arguments.getFirst(), 0);
                Node operand = compiler.convert(arguments.getFirst(), type, call);
                yield TypeKind.of(type) == TypeKind.INT64 ? operand : new FunctionNode(function, List.of(operand),
                        type);
            }
            case SQRT, EXP, LN, LOG10, POW -> {
                List<Node> converted = new ArrayList<>();
                for (int index = 0; index < arguments.size(); index++) {
                    numericResult(call, arguments.get(index), index);
                    converted.add(compiler.convert(arguments.get(index), Types.FLOAT64, call));
                }
                yield new FunctionNode(function, converted, Types.FLOAT64);
            }
            case LEAST, GREATEST -> {
                ArrowType type = comparableUnion(call, arguments);
                yield new ExtremumNode(convertAll(arguments, type, call), function == BuiltinFunction.GREATEST,
                        type);
            }
            case COALESCE -> {
                ArrowType type = compiler.unify(arguments, call, "the arguments of coalesce()");
                yield new CoalesceNode(convertAll(arguments, type, call), type);
            }
            case IF -> {
                Node condition = compiler.requireBoolean(arguments.get(0), call.arguments().get(0), "if()");
                List<Node> branches = arguments.subList(1, 3);
                ArrowType type = compiler.unify(branches, call, "the branches of if()");
                yield new CaseNode(List.of(condition), List.of(compiler.convert(branches.get(0), type, call)),
                        compiler.convert(branches.get(1), type, call), type);
            }
        };
        return compiler.fold(node, call);
    }

    private List<Node> convertAll(List<Node> arguments, ArrowType type, FunctionCall call) {
        return arguments.stream().map(argument -> compiler.convert(argument, type, call)).toList();
    }

    private List<Node> strings(FunctionCall call, List<Node> arguments) {
        List<Node> converted = new ArrayList<>();
        for (int index = 0; index < arguments.size(); index++) {
            Node argument = arguments.get(index);
            TypeKind kind = TypeKind.of(argument.type());
            if (kind != TypeKind.NULL && !kind.isString()) {
                throw new ExpressionException(call.name() + "() needs a string"
                        + ordinal(call, index) + ", got " + ExpressionCompiler.describe(argument) + " ("
                        + call.arguments().get(index).toSource() + ")" + castHint(argument),
                        source.positionOfFunction(call.name()));
            }
            converted.add(compiler.convert(argument, Types.UTF8, call));
        }
        return converted;
    }

    private static String castHint(Node argument) {
        return TypeKind.of(argument.type()).isNumeric() ? "; convert it with cast(... as string)" : "";
    }

    private static String ordinal(FunctionCall call, int index) {
        return call.arguments().size() == 1 ? "" : " as argument " + (index + 1);
    }

    private ArrowType numericResult(FunctionCall call, Node argument, int index) {
        TypeKind kind = TypeKind.of(argument.type());
        if (kind != TypeKind.NULL && !kind.isNumeric()) {
            throw new ExpressionException(call.name() + "() needs a number"
                    + ordinal(call, index) + ", got " + ExpressionCompiler.describe(argument) + " ("
                    + call.arguments().get(index).toSource() + ")", source.positionOfFunction(call.name()));
        }
        return kind.isFloatingPoint() ? Types.FLOAT64 : Types.INT64;
    }

    private Node integer(FunctionCall call, List<Node> arguments, int index) {
        Node argument = arguments.get(index);
        TypeKind kind = TypeKind.of(argument.type());
        if (kind != TypeKind.NULL && !kind.isInteger()) {
            throw new ExpressionException(call.name() + "() needs an integer"
                    + ordinal(call, index) + ", got " + ExpressionCompiler.describe(argument) + " ("
                    + call.arguments().get(index).toSource() + ")", source.positionOfFunction(call.name()));
        }
        return compiler.convert(argument, Types.INT64, call);
    }

    private Node substring(FunctionCall call, List<Node> arguments) {
        List<Node> converted = new ArrayList<>(strings(call, arguments.subList(0, 1)));
        for (int index = 1; index < arguments.size(); index++) {
            converted.add(integer(call, arguments, index));
        }
        return new FunctionNode(BuiltinFunction.SUBSTR, converted, Types.UTF8);
    }

    private Node round(FunctionCall call, List<Node> arguments) {
        ArrowType type = numericResult(call, arguments.getFirst(), 0);
        List<Node> converted = new ArrayList<>();
        converted.add(compiler.convert(arguments.getFirst(), type, call));
        if (arguments.size() > 1) {
            converted.add(integer(call, arguments, 1));
        }
        return new FunctionNode(BuiltinFunction.ROUND, converted, type);
    }

    private ArrowType comparableUnion(FunctionCall call, List<Node> arguments) {
        ArrowType type = compiler.unify(arguments, call, "the arguments of " + call.name() + "()");
        TypeKind kind = TypeKind.of(type);
        if (kind.isNumeric() && kind != TypeKind.INT32 && kind != TypeKind.FLOAT64) {
            return kind.isInteger() ? Types.INT64 : Types.FLOAT64;
        }
        return type;
    }
}
