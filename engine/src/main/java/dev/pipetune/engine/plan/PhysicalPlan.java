package dev.pipetune.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.execution.PhysicalOperator;
import dev.pipetune.engine.execution.ResourceBudget;
import java.util.List;

/**
 * A pipeline turned into operators ready to execute: the operator chain (consecutive compatible map-like steps
 * fused), the resource budget and the errored-block allowance. Operators run once: plan again to rerun.
 *
 * @param operators the chain, source first
 * @param budget the global resource budget
 * @param maxErroredBlocks how many failed blocks may be dropped; -1 for no limit
 * @param showRows how many result rows to print (the {@code show} step), 0 if none
 * @param targetMaxBlockBytes blocks larger than this are split as they leave an operator
 */
public record PhysicalPlan(List<PhysicalOperator> operators, ResourceBudget budget, int maxErroredBlocks,
        int showRows, long targetMaxBlockBytes) {

    /** Copies the chain and rejects nulls. */
    public PhysicalPlan {
        operators = List.copyOf(operators);
        requireNonNull(budget, "budget");
    }

    /** Returns the operators' names, as the stats report and the GUI show them. */
    public List<String> operatorNames() {
        return operators.stream().map(PhysicalOperator::name).toList();
    }
}
