package dev.pipetune.engine.expression.evaluation;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.expression.ExpressionException;
import dev.pipetune.engine.expression.ExpressionParser;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An expression compiled against an input schema, ready to evaluate over Arrow batches of that schema, column at a
 * time.
 *
 * <p>Compilation resolves columns, infers and checks types, inserts the conversions promotion needs and folds
 * subtrees without columns into constants, so that every type error and every missing column is reported before any
 * data is read. Types are close to DuckDB's: integer arithmetic is computed in int64 (an int64 overflow is an
 * {@link ExpressionEvaluationException}, never a wrap-around), {@code /} is float64, a zero divisor gives null,
 * comparisons and functions propagate null, {@code and}/{@code or}/{@code not} use SQL three-valued logic, and
 * strings compare byte-wise (UTF-8). Decimals follow pyarrow: {@code +}, {@code -} and {@code *} of decimals and
 * integers, and unary {@code -}, are exact decimals of pyarrow's result types; elsewhere a decimal is the nearest
 * double.
 *
 * <p>Guarantees: immutable and safe to use from several threads at once; {@link #evaluate} never modifies the batch
 * and releases every intermediate vector, also when it fails.
 */
public final class CompiledExpression {

    private final Expression expression;
    private final Schema inputSchema;
    private final Node root;

    private CompiledExpression(Expression expression, Schema inputSchema, Node root) {
        this.expression = expression;
        this.inputSchema = inputSchema;
        this.root = root;
    }

    /**
     * Compiles a parsed expression. Error positions are 0 since the tree has no text; prefer
     * {@link #compile(String, Schema)} for text from users.
     *
     * @param expression the expression
     * @param inputSchema the schema of the batches it will be evaluated over
     * @return the compiled expression
     * @throws ExpressionException if a column is missing (the message names it, suggests the nearest and lists the
     *     available columns) or the types do not fit (e.g. {@code upper(qty)} on an int column, {@code 'a' + 1})
     */
    public static CompiledExpression compile(Expression expression, Schema inputSchema) {
        return compile(expression, inputSchema, SourceText.NONE);
    }

    /**
     * Parses and compiles expression text; errors carry their position in the text, and a missing column written in
     * double quotes gets the hint to use single quotes for strings.
     *
     * @param source the expression text, e.g. {@code "cast(qty as double) * value"}
     * @param inputSchema the schema of the batches it will be evaluated over
     * @return the compiled expression
     * @throws ExpressionException if the text does not parse or does not fit the schema
     */
    public static CompiledExpression compile(String source, Schema inputSchema) {
        return compile(ExpressionParser.parse(source), inputSchema, new SourceText(source));
    }

    private static CompiledExpression compile(Expression expression, Schema inputSchema, SourceText source) {
        requireNonNull(expression, "expression");
        requireNonNull(inputSchema, "inputSchema");
        try (Folding folding = new Folding()) {
            Node root = new ExpressionCompiler(inputSchema, source, folding).compile(expression);
            // An expression whose result is decimal values gives them as decimals (a decimal column referenced
            // alone, or exact decimal arithmetic), as pyarrow and Ray Data do; inside an expression they were
            // doubles wherever they met one.
            Node decimal = DecimalDoublesNode.exactValues(root);
            return new CompiledExpression(expression, inputSchema, decimal != null ? decimal : root);
        }
    }

    /**
     * The type of the values {@link #evaluate} returns.
     *
     * @return an Arrow type: bool, int32, int64, float64, utf8, date, timestamp, null, a decimal for exact
     *     decimal arithmetic, or for a bare column reference the column's own type
     */
    public ArrowType resultType() {
        return root.type();
    }

    /**
     * The field of a result column with this name.
     *
     * @param name the column name
     * @return a nullable field of {@link #resultType()}
     */
    public Field resultField(String name) {
        return Field.nullable(name, resultType());
    }

    /**
     * The compiled expression.
     *
     * @return the expression as parsed
     */
    public Expression expression() {
        return expression;
    }

    /**
     * The schema the expression was compiled against.
     *
     * @return the input schema
     */
    public Schema inputSchema() {
        return inputSchema;
    }

    /**
     * Whether the expression references no column (it was folded to one constant).
     *
     * @return true for constant expressions
     */
    public boolean isConstant() {
        return root instanceof ConstantNode;
    }

    /**
     * Evaluates over a batch; the result is named after the expression's canonical text.
     *
     * @param batch the input, with the compiled schema's referenced columns (same names and types); borrowed, never
     *     modified
     * @param allocator allocates the result and intermediates (of the same root allocator as the batch's buffers
     *     when the result may share them, as a bare column reference does)
     * @return a new vector the caller owns, {@code valueCount == batch.getRowCount()}
     * @throws ExpressionEvaluationException if the data makes evaluation fail (overflow, invalid cast)
     * @throws IllegalArgumentException if a referenced column is missing from the batch or has another type
     */
    public FieldVector evaluate(VectorSchemaRoot batch, BufferAllocator allocator) {
        return evaluate(batch, allocator, expression.toSource());
    }

    /**
     * Evaluates over a batch into a vector with a given name.
     *
     * @param batch the input; borrowed, never modified
     * @param allocator allocates the result and intermediates
     * @param name the result vector's name
     * @return a new vector the caller owns, {@code valueCount == batch.getRowCount()}
     */
    public FieldVector evaluate(VectorSchemaRoot batch, BufferAllocator allocator, String name) {
        requireNonNull(batch, "batch");
        requireNonNull(allocator, "allocator");
        requireNonNull(name, "name");
        int rowCount = batch.getRowCount();
        EvaluationContext context = new EvaluationContext(batch, allocator, rowCount);
        Value value = root.evaluate(context);
        return switch (value) {
            case ScalarValue scalar -> Vectors.rename(Vectors.constant(scalar, root.type(), allocator, rowCount),
                    name, allocator);
            case VectorValue vector when vector.owned() -> Vectors.rename(vector.vector(), name, allocator);
            case VectorValue vector -> Vectors.share(vector.vector(), name, allocator, rowCount);
        };
    }

    @Override
    public String toString() {
        return expression.toSource() + " -> " + Types.describe(resultType());
    }
}
