package dev.pipetune.engine.expression;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A conditional: {@code case when c1 then r1 [when c2 then r2 ...] [else e] end}; the first clause whose condition
 * holds gives the value, else the {@code else} value, else null.
 *
 * <p>The simple form {@code case x when 1 then 'a' end} is parsed into this searched form, with conditions
 * {@code x = 1}.
 *
 * @param clauses the branches, at least one, in source order; an immutable copy
 * @param otherwise the {@code else} value, if any; never null itself
 */
public record CaseWhen(List<WhenClause> clauses, Optional<Expression> otherwise) implements Expression {

    /** Checks that nothing is null and that there is at least one clause, and copies the clauses. */
    public CaseWhen {
        clauses = List.copyOf(clauses);
        requireNonNull(otherwise, "otherwise");
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a case expression needs at least one when clause");
        }
    }

    @Override
    public List<Expression> children() {
        List<Expression> children = new ArrayList<>(clauses.size() * 2 + 1);
        for (WhenClause clause : clauses) {
            children.add(clause.condition());
            children.add(clause.result());
        }
        otherwise.ifPresent(children::add);
        return List.copyOf(children);
    }
}
