package dev.pipetune.engine.expression.evaluation;

import dev.pipetune.engine.expression.Between;
import dev.pipetune.engine.expression.BinaryOperation;
import dev.pipetune.engine.expression.BinaryOperator;
import dev.pipetune.engine.expression.BooleanLiteral;
import dev.pipetune.engine.expression.BuiltinFunction;
import dev.pipetune.engine.expression.Cast;
import dev.pipetune.engine.expression.CaseWhen;
import dev.pipetune.engine.expression.ColumnReference;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.FloatLiteral;
import dev.pipetune.engine.expression.FunctionCall;
import dev.pipetune.engine.expression.InList;
import dev.pipetune.engine.expression.IntegerLiteral;
import dev.pipetune.engine.expression.IsNull;
import dev.pipetune.engine.expression.Like;
import dev.pipetune.engine.expression.NullLiteral;
import dev.pipetune.engine.expression.StringLiteral;
import dev.pipetune.engine.expression.UnaryOperation;
import dev.pipetune.engine.expression.UnaryOperator;
import dev.pipetune.engine.expression.WhenClause;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns an expression into a tree of typed nodes: resolves columns, checks and promotes types (inserting casts),
 * rewrites {@code in} and {@code between} into comparisons, and folds subtrees without columns into constants.
 */
final class ExpressionCompiler {

    private final ColumnResolver columns;
    private final SourceText source;
    private final Folding folding;
    private final FunctionCompiler functions;

    ExpressionCompiler(Schema schema, SourceText source, Folding folding) {
        this.columns = new ColumnResolver(schema, source);
        this.source = source;
        this.folding = folding;
        this.functions = new FunctionCompiler(this, source);
    }

    Node compile(Expression expression) {
        return switch (expression) {
            case ColumnReference(String name) -> columns.resolve(name);
            case IntegerLiteral(long value) -> new ConstantNode(value, Types.INT64);
            case FloatLiteral(double value) -> new ConstantNode(value, Types.FLOAT64);
            case StringLiteral(String value) -> new ConstantNode(value, Types.UTF8);
            case BooleanLiteral(boolean value) -> new ConstantNode(value, Types.BOOLEAN);
            case NullLiteral ignored -> new ConstantNode(null, Types.NULL);
            case UnaryOperation operation -> unary(operation);
            case BinaryOperation operation -> binary(operation);
            case InList in -> in(in);
            case IsNull test -> fold(new IsNullNode(compile(test.value()), test.negated()), expression);
            case Between between -> between(between);
            case Like like -> like(like);
            case CaseWhen caseWhen -> caseWhen(caseWhen);
            case FunctionCall call -> functions.compile(call);
            case Cast cast -> cast(cast);
        };
    }

    ExpressionException error(String message, Expression origin) {
        return new ExpressionException(message, position(origin));
    }

    private int position(Expression origin) {
        return switch (origin) {
            case ColumnReference(String name) -> source.positionOfColumn(name);
            case FunctionCall call -> source.positionOfFunction(call.name());
            case Cast ignored -> source.positionOfFunction("cast");
            default -> {
                for (Expression child : origin.children()) {
                    if (child instanceof ColumnReference || child instanceof FunctionCall) {
                        yield position(child);
                    }
                }
                yield 0;
            }
        };
    }

    Node fold(Node node, Expression origin) {
        try {
            return folding.fold(node);
        } catch (ExpressionEvaluationException failure) {
            throw error(failure.problem(), origin);
        }
    }

    /** The node converted to a type: itself if it has it, a null constant of the type, or a cast (folded). */
    Node convert(Node node, ArrowType type, Expression origin) {
        if (node.type().equals(type)) {
            return node;
        }
        if (node instanceof ConstantNode(Object value, ArrowType ignored) && value == null) {
            return new ConstantNode(null, type);
        }
        Node decimal = DecimalDoublesNode.exactValues(node);
        if (decimal != null && TypeKind.of(type) == TypeKind.UTF8) {
            // The decimal's own digits ("1.50"), as DuckDB and pyarrow write it, not its double's ("1.5").
            return new DecimalTextNode(decimal);
        }
        return fold(new CastNode(node, type), origin);
    }

    static String describe(Node node) {
        return Types.describe(node.type());
    }

    private Node unary(UnaryOperation operation) {
        Node operand = compile(operation.operand());
        TypeKind kind = TypeKind.of(operand.type());
        if (operation.operator() == UnaryOperator.NOT) {
            return fold(new NotNode(requireBoolean(operand, operation.operand(), "not")), operation);
        }
        if (kind != TypeKind.NULL && !kind.isNumeric()) {
            throw error("cannot negate " + describe(operand) + " (" + operation.operand().toSource() + ")",
                    operation);
        }
        Node decimal = DecimalDoublesNode.exactValues(operand);
        if (decimal != null && DecimalArithmetic.operandType(decimal.type()).isPresent()) {
            // 0 - x at x's own type: exact, as pyarrow's negate keeps the decimal type.
            return new DecimalDoublesNode(new DecimalArithmeticNode(BinaryOperator.SUBTRACT,
                    new ConstantNode(0L, Types.INT64), decimal, (ArrowType.Decimal) decimal.type()));
        }
        ArrowType type = kind.isFloatingPoint() ? Types.FLOAT64 : Types.INT64;
        return fold(new NegateNode(convert(operand, type, operation), type), operation);
    }

    Node requireBoolean(Node node, Expression origin, String context) {
        TypeKind kind = TypeKind.of(node.type());
        if (kind == TypeKind.NULL) {
            return new ConstantNode(null, Types.BOOLEAN);
        }
        if (kind != TypeKind.BOOLEAN) {
            throw error(context + " needs a bool operand, got " + describe(node) + " (" + origin.toSource() + ")",
                    origin);
        }
        return node;
    }

    private Node binary(BinaryOperation operation) {
        Node left = compile(operation.left());
        Node right = compile(operation.right());
        BinaryOperator operator = operation.operator();
        if (operator.isLogical()) {
            String symbol = "'" + operator.symbol() + "'";
            return fold(new LogicalNode(operator == BinaryOperator.AND,
                    requireBoolean(left, operation.left(), symbol),
                    requireBoolean(right, operation.right(), symbol)), operation);
        }
        if (operator.isComparison()) {
            return comparison(operator, left, right, operation);
        }
        if (operator == BinaryOperator.CONCAT) {
            return fold(new ConcatNode(List.of(toText(left, operation), toText(right, operation)), false),
                    operation);
        }
        return arithmetic(operator, left, right, operation);
    }

    Node toText(Node node, Expression origin) {
        if (TypeKind.of(node.type()) == TypeKind.UNSUPPORTED) {
            throw error("cannot convert " + describe(node) + " to a string", origin);
        }
        return convert(node, Types.UTF8, origin);
    }

    private static boolean isTemporal(TypeKind kind) {
        return kind == TypeKind.DATE32 || kind == TypeKind.DATE64 || kind == TypeKind.TIMESTAMP;
    }

    private Node arithmetic(BinaryOperator operator, Node left, Node right, BinaryOperation operation) {
        TypeKind leftKind = TypeKind.of(left.type());
        TypeKind rightKind = TypeKind.of(right.type());
        boolean leftOk = leftKind == TypeKind.NULL || leftKind.isNumeric();
        boolean rightOk = rightKind == TypeKind.NULL || rightKind.isNumeric();
        if (!leftOk || !rightOk) {
            boolean strings = leftKind.isString() || rightKind.isString();
            boolean temporal = isTemporal(leftKind) || isTemporal(rightKind);
            String hint = operator == BinaryOperator.ADD && strings ? "; use || to concatenate strings"
                    : strings ? "; arithmetic needs numbers (cast strings with cast(x as float64))"
                    : temporal ? "; dates and timestamps can be compared and cast, but take no arithmetic"
                    : "; arithmetic needs numbers";
            throw error("cannot apply '" + operator.symbol() + "' to " + describe(left) + " and " + describe(right)
                    + " (" + operation.toSource() + ")" + hint, operation);
        }
        Node exact = decimalArithmetic(operator, left, right, operation);
        if (exact != null) {
            return exact;
        }
        ArrowType type = TypeRules.arithmetic(left.type(), right.type(), operator == BinaryOperator.DIVIDE);
        return fold(new ArithmeticNode(operator, convert(left, type, operation), convert(right, type, operation),
                type), operation);
    }

    /**
     * Exact decimal {@code +}, {@code -} or {@code *} ({@link DecimalArithmetic}) when one operand is a 128-bit
     * decimal and the other a decimal or an integer (as int64), as pyarrow computes them; null for any other
     * arithmetic, which reads decimals as doubles ({@code /}, and decimals meeting floating point).
     */
    private Node decimalArithmetic(BinaryOperator operator, Node left, Node right, BinaryOperation operation) {
        boolean exactOperator = operator == BinaryOperator.ADD || operator == BinaryOperator.SUBTRACT
                || operator == BinaryOperator.MULTIPLY;
        Node leftDecimal = DecimalDoublesNode.exactValues(left);
        Node rightDecimal = DecimalDoublesNode.exactValues(right);
        if (!exactOperator || leftDecimal == null && rightDecimal == null) {
            return null;
        }
        Node leftValues = leftDecimal != null ? leftDecimal : asInt64(left, operation);
        Node rightValues = rightDecimal != null ? rightDecimal : asInt64(right, operation);
        var leftType = DecimalArithmetic.operandType(leftValues.type());
        var rightType = DecimalArithmetic.operandType(rightValues.type());
        if (leftType.isEmpty() || rightType.isEmpty()) {
            return null;
        }
        ArrowType.Decimal type = DecimalArithmetic.resultType(operator, leftType.get(), rightType.get());
        if (type.getPrecision() > DecimalArithmetic.MAX_PRECISION) {
            throw error("'" + operator.symbol() + "' of " + describe(leftValues) + " and " + describe(rightValues)
                    + " needs a decimal precision of " + type.getPrecision() + ", over the 38 digits of a 128-bit "
                    + "decimal (pyarrow refuses it too); cast an operand to float64 first (" + operation.toSource()
                    + ")", operation);
        }
        return new DecimalDoublesNode(new DecimalArithmeticNode(operator, leftValues, rightValues, type));
    }

    /** An integer operand converted to int64, as pipetune computes integers; any other node as it is. */
    private Node asInt64(Node node, Expression origin) {
        return TypeKind.of(node.type()).isInteger() ? convert(node, Types.INT64, origin) : node;
    }

    Node comparison(BinaryOperator operator, Node left, Node right, Expression origin) {
        Node unsigned = unsignedComparison(operator, left, right, origin);
        if (unsigned != null) {
            return unsigned;
        }
        ArrowType type = TypeRules.comparison(left, right).orElseThrow(() -> error("cannot compare "
                + describe(left) + " with " + describe(right) + " (" + origin.toSource() + ")", origin));
        if (TypeKind.of(type) == TypeKind.NULL) {
            return new ConstantNode(null, Types.BOOLEAN);
        }
        return fold(new ComparisonNode(operator, convert(left, type, origin), convert(right, type, origin),
                TypeRules.comparisonKernel(type), type), origin);
    }

    /**
     * A comparison of a uint64 column with another unsigned column or an integer constant, in the unsigned order
     * ({@link UnsignedOrderNode}), so that values of 2^63 and more compare as pyarrow compares them; null for any
     * other comparison. A negative constant is below every unsigned value.
     */
    private Node unsignedComparison(BinaryOperator operator, Node left, Node right, Expression origin) {
        TypeKind leftKind = TypeKind.of(left.type());
        TypeKind rightKind = TypeKind.of(right.type());
        if (leftKind != TypeKind.UINT64 && rightKind != TypeKind.UINT64
                || !isUnsignedOrConstant(left, leftKind) || !isUnsignedOrConstant(right, rightKind)
                || left instanceof ConstantNode && right instanceof ConstantNode) {
            return null;
        }
        if (left instanceof ConstantNode) {
            return unsignedComparison(operator.mirrored(), right, left, origin);
        }
        Node ordered = new UnsignedOrderNode(convert(left, leftKind == TypeKind.UINT64 ? left.type() : Types.INT64,
                origin));
        if (right instanceof ConstantNode(Object value, ArrowType ignored)) {
            if (value == null) {
                return new ConstantNode(null, Types.BOOLEAN);
            }
            long constant = (Long) value;
            if (constant < 0) {
                // Every unsigned value is greater: compare with the least one, so that nulls stay null.
                boolean greater = operator == BinaryOperator.GREATER || operator == BinaryOperator.GREATER_OR_EQUAL
                        || operator == BinaryOperator.NOT_EQUAL;
                return new ComparisonNode(greater ? BinaryOperator.GREATER_OR_EQUAL : BinaryOperator.LESS, ordered,
                        new ConstantNode(Long.MIN_VALUE, Types.INT64), TypeKind.INT64, Types.INT64);
            }
            return new ComparisonNode(operator, ordered, new ConstantNode(UnsignedOrderNode.order(constant),
                    Types.INT64), TypeKind.INT64, Types.INT64);
        }
        Node other = new UnsignedOrderNode(convert(right, rightKind == TypeKind.UINT64 ? right.type() : Types.INT64,
                origin));
        return new ComparisonNode(operator, ordered, other, TypeKind.INT64, Types.INT64);
    }

    private static boolean isUnsignedOrConstant(Node node, TypeKind kind) {
        return switch (kind) {
            case UINT8, UINT16, UINT32, UINT64 -> true;
            case INT64 -> node instanceof ConstantNode;
            case NULL -> true;
            default -> false;
        };
    }

    private Node in(InList in) {
        Node value = compile(in.value());
        Node any = null;
        for (Expression option : in.options()) {
            Node equal = comparison(BinaryOperator.EQUAL, value, compile(option), in);
            any = any == null ? equal : fold(new LogicalNode(false, any, equal), in);
        }
        return in.negated() ? fold(new NotNode(any), in) : any;
    }

    private Node between(Between between) {
        Node value = compile(between.value());
        Node low = comparison(BinaryOperator.GREATER_OR_EQUAL, value, compile(between.low()), between);
        Node high = comparison(BinaryOperator.LESS_OR_EQUAL, value, compile(between.high()), between);
        Node both = fold(new LogicalNode(true, low, high), between);
        return between.negated() ? fold(new NotNode(both), between) : both;
    }

    Node requireString(Node node, Expression origin, String context) {
        TypeKind kind = TypeKind.of(node.type());
        if (kind != TypeKind.NULL && !kind.isString()) {
            throw error(context + " needs a string, got " + describe(node) + " (" + origin.toSource() + ")", origin);
        }
        return convert(node, Types.UTF8, origin);
    }

    private Node like(Like like) {
        Node value = requireString(compile(like.value()), like.value(), "like");
        Node pattern = requireString(compile(like.pattern()), like.pattern(), "like");
        LikePattern compiled = pattern instanceof ConstantNode(Object text, ArrowType ignored) && text != null
                ? new LikePattern((String) text)
                : null;
        return fold(new LikeNode(value, pattern, like.negated(), compiled), like);
    }

    private Node caseWhen(CaseWhen caseWhen) {
        List<Node> conditions = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        for (WhenClause clause : caseWhen.clauses()) {
            conditions.add(requireBoolean(compile(clause.condition()), clause.condition(), "when"));
            results.add(compile(clause.result()));
        }
        Node otherwise = caseWhen.otherwise().map(this::compile).orElse(null);
        List<Node> branches = new ArrayList<>(results);
        if (otherwise != null) {
            branches.add(otherwise);
        }
        ArrowType type = unify(branches, caseWhen, "the branches of case");
        List<Node> converted = results.stream().map(result -> convert(result, type, caseWhen)).toList();
        Node convertedOtherwise = otherwise == null ? null : convert(otherwise, type, caseWhen);
        return fold(new CaseNode(conditions, converted, convertedOtherwise, type), caseWhen);
    }

    ArrowType unify(List<Node> branches, Expression origin, String what) {
        ArrowType type = Types.NULL;
        for (Node branch : branches) {
            ArrowType previous = type;
            type = TypeRules.unify(type, TypeRules.literalType(branch)).orElseThrow(() -> error(what
                    + " have incompatible types "
                    + Types.describe(previous) + " and " + describe(branch) + " (" + origin.toSource() + ")",
                    origin));
        }
        return TypeKind.of(type) == TypeKind.LARGE_UTF8 ? Types.UTF8 : type;
    }

    private Node cast(Cast cast) {
        Node value = compile(cast.value());
        ArrowType target = switch (cast.typeName()) {
            case "boolean" -> Types.BOOLEAN;
            case "int32" -> Types.INT32;
            case "int64" -> Types.INT64;
            case "float64" -> Types.FLOAT64;
            case "string" -> Types.UTF8;
            case "date" -> Types.DATE32;
            case "timestamp" -> value.type() instanceof ArrowType.Timestamp timestamp
                    ? timestamp
                    : Types.TIMESTAMP_MICROSECONDS;
            default -> throw error("unknown type '" + cast.typeName() + "' in cast", cast);
        };
        if (value instanceof DecimalDoublesNode decimal && TypeKind.of(target) == TypeKind.FLOAT64) {
            // Asked for doubles: no longer exact decimals for the operators around it.
            return new DecimalDoublesNode(decimal.decimals(), false);
        }
        TypeKind from = TypeKind.of(value.type());
        if (!CastKernels.isSupported(from, TypeKind.of(target))) {
            throw error("cannot cast " + describe(value) + " to " + cast.typeName() + " (" + cast.toSource() + ")",
                    cast);
        }
        return convert(value, target, cast);
    }

    /** Helper for {@link FunctionCompiler}: the builtin called, or an error for unknown functions. */
    BuiltinFunction builtin(FunctionCall call) {
        return call.builtin().orElseThrow(() -> error("unknown function '" + call.name() + "'", call));
    }
}
