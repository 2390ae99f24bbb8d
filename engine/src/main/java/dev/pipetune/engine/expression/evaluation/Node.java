package dev.pipetune.engine.expression.evaluation;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A node of a compiled expression: typed, with its operands resolved and converted to the types its kernel takes.
 *
 * <p>Contract: {@link #evaluate} returns a value of {@link #type()} for every row of the context's batch; the caller
 * closes the returned value; the batch is never modified.
 */
sealed interface Node permits ColumnNode, DecimalDoublesNode, DecimalTextNode, DecimalArithmeticNode, ConstantNode,
        CastNode, ArithmeticNode, NegateNode, ComparisonNode, LogicalNode, NotNode, IsNullNode, LikeNode, CaseNode,
        CoalesceNode, ExtremumNode, ConcatNode, FunctionNode, UnsignedOrderNode {

    ArrowType type();

    Value evaluate(EvaluationContext context);
}
