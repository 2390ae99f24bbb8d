package dev.pipetune.engine.expression.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Constant folding: a node whose operands are all constants is evaluated once, on a one-row batch, at compile time.
 * Holds a small allocator for that; close it when compilation ends.
 */
final class Folding implements AutoCloseable {

    private BufferAllocator allocator;

    /**
     * The node, or the constant it always evaluates to.
     *
     * @param node a node
     * @return a {@link ConstantNode} if every operand is constant, else the node itself
     * @throws ExpressionEvaluationException if evaluating the constant fails (e.g. an invalid cast)
     */
    Node fold(Node node) {
        if (node instanceof ConstantNode || node instanceof ColumnNode) {
            return node;
        }
        for (Node operand : operands(node)) {
            if (!(operand instanceof ConstantNode)) {
                return node;
            }
        }
        if (allocator == null) {
            allocator = new RootAllocator();
        }
        try (VectorSchemaRoot empty = new VectorSchemaRoot(List.of(), List.of(), 1);
                Value value = node.evaluate(new EvaluationContext(empty, allocator, 1))) {
            Object constant = switch (value) {
                case ScalarValue scalar -> scalar.value();
                case VectorValue vector -> Scalars.read(vector.vector(), node.type(), 0);
            };
            return new ConstantNode(constant, node.type());
        }
    }

    static List<Node> operands(Node node) {
        return switch (node) {
            case ColumnNode ignored -> List.of();
            case DecimalDoublesNode decimal -> List.of(decimal.decimals());
            case DecimalTextNode decimal -> List.of(decimal.decimals());
            case DecimalArithmeticNode decimal -> List.of(decimal.left(), decimal.right());
            case UnsignedOrderNode unsigned -> List.of(unsigned.operand());
            case ConstantNode ignored -> List.of();
            case CastNode cast -> List.of(cast.operand());
            case ArithmeticNode arithmetic -> List.of(arithmetic.left(), arithmetic.right());
            case NegateNode negate -> List.of(negate.operand());
            case ComparisonNode comparison -> List.of(comparison.left(), comparison.right());
            case LogicalNode logical -> List.of(logical.left(), logical.right());
            case NotNode not -> List.of(not.operand());
            case IsNullNode isNull -> List.of(isNull.operand());
            case LikeNode like -> List.of(like.value(), like.pattern());
            case CaseNode caseNode -> {
                List<Node> all = new ArrayList<>(caseNode.conditions());
                all.addAll(caseNode.results());
                if (caseNode.otherwise() != null) {
                    all.add(caseNode.otherwise());
                }
                yield all;
            }
            case CoalesceNode coalesce -> coalesce.arguments();
            case ExtremumNode extremum -> extremum.arguments();
            case ConcatNode concat -> concat.parts();
            case FunctionNode function -> function.arguments();
        };
    }

    @Override
    public void close() {
        if (allocator != null) {
            allocator.close();
        }
    }
}
