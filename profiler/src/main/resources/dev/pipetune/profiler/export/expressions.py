# pipetune's expression language over pyarrow compute, with pipetune's semantics: integers compute as int64 with
# overflow errors, `/` divides as float64 (a zero divisor gives an infinity or NaN), an int64 zero divisor of `%`
# gives null (a float64 one NaN), a cast of a float to an integer rounds half to even, and/or/not are SQL's
# three-valued logic, a filter keeps only rows whose condition is true. Decimals: `+`, `-`, `*` (with integers as
# int64) and unary `-` are pyarrow's exact decimal arithmetic, as in the engine; everywhere else a decimal is the
# nearest float64, as the engine reads it (functions, comparisons, `/`, `%`, branches of case/if/coalesce, casts
# other than to string).
_TYPES = {"boolean": pa.bool_(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
          "string": pa.string(), "date": pa.date32(), "timestamp": pa.timestamp("us")}


def _arrow(value):
    if isinstance(value, (pa.Array, pa.ChunkedArray, pa.Scalar)):
        return value
    return pa.scalar(value)


def _to_float(value):
    """A number as float64 as the engine converts it: the nearest double, also for a decimal (pyarrow's own decimal
    cast can be one off; parsing the digits is exact) and for an int64 beyond 2^53 (which a safe cast refuses)."""
    value = _arrow(value)
    if pa.types.is_decimal(value.type):
        return pc.cast(pc.cast(value, pa.string()), pa.float64())
    if pa.types.is_integer(value.type):
        return pc.cast(value, pa.float64(), safe=False)
    return pc.cast(value, pa.float64())


def _widen(value):
    """Integers as int64, floats and decimals as float64 (how the engine reads a decimal outside exact arithmetic)."""
    value = _arrow(value)
    if pa.types.is_integer(value.type):
        return pc.cast(value, pa.int64())
    if pa.types.is_floating(value.type) or pa.types.is_decimal(value.type):
        return _to_float(value)
    return value


def _plain(value):
    """A decimal as float64, anything else as it is."""
    value = _arrow(value)
    return _to_float(value) if pa.types.is_decimal(value.type) else value


def _alike(values):
    """The values case/if/coalesce choose from, in one type as the engine unifies them: with a float among numbers,
    every integer becomes float64 as the engine converts it (pyarrow's own promotion refuses ints beyond 2^53)."""
    values = [_plain(value) for value in values]
    if any(pa.types.is_floating(value.type) for value in values):
        values = [_to_float(value) if pa.types.is_integer(value.type) else value for value in values]
    return values


def _numbers(left, right):
    return tuple(_alike([_widen(left), _widen(right)]))


def _exact_numbers(left, right):
    """The operands of + - *: 128-bit decimals stay exact where the other operand is a decimal or an integer."""
    left, right = _arrow(left), _arrow(right)
    exact = (pa.types.is_decimal128(left.type) or pa.types.is_decimal128(right.type)) and all(
        pa.types.is_decimal128(value.type) or pa.types.is_integer(value.type) for value in (left, right))
    if not exact:
        return _numbers(left, right)
    return tuple(pc.cast(value, pa.int64()) if pa.types.is_integer(value.type) else value for value in (left, right))


def _add(left, right):
    return pc.add_checked(*_exact_numbers(left, right))


def _subtract(left, right):
    return pc.subtract_checked(*_exact_numbers(left, right))


def _multiply(left, right):
    return pc.multiply_checked(*_exact_numbers(left, right))


def _divide(left, right):
    return pc.divide(_float(left), _float(right))


def _modulo(left, right):
    left, right = _numbers(left, right)
    if pa.types.is_floating(left.type):
        return _fmod(left, right)
    zero = pc.equal(right, pa.scalar(0, right.type))
    # x % -1 is 0 as x % 1 is; dividing int64's least value by -1 would overflow.
    divisor = pc.if_else(pc.or_(zero, pc.equal(right, pa.scalar(-1, right.type))), pa.scalar(1, right.type), right)
    if pa.types.is_integer(left.type):
        quotient = pc.divide(left, divisor)  # integer division truncates towards zero, as Java's
    else:
        quotient = pc.trunc(pc.divide(left, divisor))
    at_zero = pa.scalar(None if pa.types.is_integer(left.type) else float("nan"), left.type)
    return pc.if_else(zero, at_zero, pc.subtract(left, pc.multiply(quotient, divisor)))


def _fmod(left, right):
    """float64 `%` as the engine (Java) computes it: C's fmod, exact, with the sign of the dividend; by zero NaN."""
    import numpy as np

    def numbers(value):
        if isinstance(value, pa.Scalar):
            return np.float64(value.as_py() if value.is_valid else np.nan), np.bool_(not value.is_valid)
        if isinstance(value, pa.ChunkedArray):
            value = value.combine_chunks()
        return (np.asarray(pc.fill_null(value, np.nan).to_numpy(zero_copy_only=False), dtype=np.float64),
                np.asarray(pc.is_null(value).to_numpy(zero_copy_only=False), dtype=bool))

    (dividend, dividend_nulls), (divisor, divisor_nulls) = numbers(left), numbers(right)
    with np.errstate(all="ignore"):
        result = np.fmod(dividend, divisor)
    nulls = np.logical_or(dividend_nulls, divisor_nulls)
    if isinstance(left, pa.Scalar) and isinstance(right, pa.Scalar):
        return pa.scalar(None if nulls else float(result), pa.float64())
    shape = np.broadcast(dividend, divisor).shape
    return pa.array(np.broadcast_to(result, shape), pa.float64(), mask=np.broadcast_to(nulls, shape))


def _rounded(function, value, **options):
    """floor/ceil/round: an integer stays an int64, as in the engine (pyarrow would make it a float64)."""
    value = _widen(value)
    if pa.types.is_integer(value.type):
        if options.get("ndigits", 0) >= 0:
            return value
        return pc.cast(function(_to_float(value), **options), pa.int64())
    digits = options.get("ndigits", 0)
    if digits <= 0 or not pa.types.is_floating(value.type):
        return function(value, **options)
    # As the engine: a float of 2^52 or more times 10^digits has no digits left to round and stays as it is
    # (pyarrow would scale it, and overflow for the largest).
    small = pc.fill_null(pc.less(pc.abs(value), 2.0 ** 52 / 10.0 ** digits), False)
    rounded = function(pc.if_else(small, value, pa.scalar(0.0, value.type)), **options)
    return pc.if_else(small, rounded, value)


def _negate(value):
    value = _arrow(value)
    return pc.negate_checked(value if pa.types.is_decimal128(value.type) else _widen(value))


def _extreme(function, values):
    """least/greatest: numbers of one type (float64 if any is a float or decimal), skipping nulls."""
    values = _alike([_widen(value) if pa.types.is_integer(_arrow(value).type) else value for value in values])
    return getattr(pc, function)(*values, skip_nulls=True)


def _comparable(left, right):
    left, right = _plain(left), _plain(right)
    if pa.types.is_floating(left.type) and pa.types.is_integer(right.type):
        right = _to_float(right)
    elif pa.types.is_integer(left.type) and pa.types.is_floating(right.type):
        left = _to_float(left)
    temporal = pa.types.is_temporal
    if temporal(left.type) and pa.types.is_string(right.type):
        right = pc.cast(right, left.type)
    elif pa.types.is_string(left.type) and temporal(right.type):
        left = pc.cast(left, right.type)
    elif pa.types.is_dictionary(left.type):
        left = pc.cast(left, left.type.value_type)
    if pa.types.is_dictionary(right.type):
        right = pc.cast(right, right.type.value_type)
    return left, right


def _compare(operator, left, right):
    return getattr(pc, operator)(*_comparable(left, right))


def _and(left, right):
    return pc.and_kleene(_arrow(left), _arrow(right))


def _or(left, right):
    return pc.or_kleene(_arrow(left), _arrow(right))


def _logical(table, conjunction, left, right):
    """`and` (conjunction) or `or`, as SQL evaluates a guard such as `s != 'n/a' and cast(s as int) > 5`: the right
    operand (a function of a table) over the whole table, or, when that fails, over only the rows the left operand
    does not decide (not false for `and`, not true for `or`)."""
    combine = pc.and_kleene if conjunction else pc.or_kleene
    left = _arrow(left)
    try:
        return combine(left, _arrow(right(table)))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as failure:
        error = failure
    decisive = not conjunction
    if isinstance(left, pa.Scalar):
        if left.is_valid and left.as_py() == decisive:
            return left
        raise error
    import numpy as np
    decided = pc.fill_null(pc.equal(left, decisive), False).to_numpy(zero_copy_only=False)
    undecided = np.flatnonzero(~np.asarray(decided, dtype=bool))
    if len(undecided) == len(decided):
        raise error
    # Decided rows take a null, which does not change their result.
    return combine(left, _spread(pc.cast(_over(right, table, undecided), pa.bool_()), undecided, len(decided)))


def _coalesce(table, parts):
    """coalesce, as SQL evaluates it: each argument (a function of a table) over the whole table, or, when that fails,
    over only the rows the earlier arguments left null."""
    values = []
    for part in parts:
        try:
            values.append(_arrow(part(table)))
            continue
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as failure:
            if not values:
                raise
            error = failure
        import numpy as np
        merged = pc.coalesce(*_alike(values))
        if isinstance(merged, pa.Scalar):
            if merged.is_valid:
                break
            raise error
        open_rows = np.flatnonzero(np.asarray(pc.is_null(merged).to_numpy(zero_copy_only=False), dtype=bool))
        if len(open_rows) == table.num_rows:
            raise error
        if len(open_rows) == 0:
            break
        # The rows already completed take a null, which does not change their result.
        values.append(_spread(_over(part, table, open_rows), open_rows, table.num_rows))
    return pc.coalesce(*_alike(values))


def _over(part, table, rows):
    """A part (a function of a table) evaluated over some rows of the table, as a column of those rows."""
    return _column(_arrow(part(table.take(pa.array(rows)))), len(rows))


def _spread(values, rows, total):
    """A column of `total` rows holding `values` at `rows` (ascending) and nulls elsewhere."""
    import numpy as np
    chunks = list(values.chunks) if isinstance(values, pa.ChunkedArray) else [values]
    index = np.full(total, len(rows), dtype=np.int64)
    index[rows] = np.arange(len(rows))
    return pa.chunked_array(chunks + [pa.nulls(1, values.type)], values.type).take(pa.array(index))


def _not(value):
    return pc.invert(_arrow(value))


def _in(value, options):
    result = _compare("equal", value, options[0])
    for option in options[1:]:
        result = _or(result, _compare("equal", value, option))
    return result


def _is_null(value):
    return pc.is_null(_arrow(value))


def _case(table, branches, otherwise):
    """case when ... end, as SQL evaluates it: each condition only for the rows no earlier clause took, each result
    only for the rows that take it, so that a guarded cast does not fail on the rows its guard keeps out. The parts
    are functions of a table; they are evaluated over the whole table first, which is cheapest, and over the rows
    each applies to only when that fails."""
    try:
        return _case_whole([(condition(table), result(table)) for condition, result in branches],
                           None if otherwise is None else otherwise(table))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    import numpy as np
    choice = np.full(table.num_rows, -1, dtype=np.int64)
    for index, (condition, _) in enumerate(branches):
        undecided = np.flatnonzero(choice == -1)
        if len(undecided) == 0:
            break
        truth = _over(condition, table, undecided)
        truth = np.asarray(pc.fill_null(truth, False).to_numpy(zero_copy_only=False), dtype=bool)
        choice[undecided[truth]] = index
    parts = [result for _, result in branches]
    if otherwise is not None:
        choice[choice == -1] = len(parts)
        parts.append(otherwise)
    pieces, positions = [], []
    for index, part in enumerate(parts):
        chosen = np.flatnonzero(choice == index)
        if len(chosen):
            pieces.append(_over(part, table, chosen))
            positions.append(chosen)
    missing = np.flatnonzero(choice == -1)
    if len(missing):
        pieces.append(pa.nulls(len(missing)))
        positions.append(missing)
    if not pieces:
        return pa.nulls(0)
    combined = pa.concat_tables([pa.table({"value": piece}) for piece in _alike(pieces)],
                                promote_options="permissive")["value"]
    return combined.take(pa.array(np.argsort(np.concatenate(positions), kind="stable")))


def _case_whole(branches, otherwise):
    values = _alike([value for _, value in branches] + ([] if otherwise is None else [otherwise]))
    branches = [(condition, value) for (condition, _), value in zip(branches, values)]
    result = None if otherwise is None else values[-1]
    for condition, value in reversed(branches):
        value = _arrow(value)
        if result is None:
            result = pa.scalar(None, value.type)
        result = pc.if_else(pc.fill_null(_arrow(condition), False), value, result)
    return result


def _cast(value, type_name):
    value, target = _arrow(value), _TYPES[type_name]
    if target == pa.string():
        return _text(value)
    value = _plain(value)
    if target == pa.float64() and (pa.types.is_integer(value.type) or pa.types.is_floating(value.type)):
        return _to_float(value)
    if pa.types.is_floating(value.type) and pa.types.is_integer(target):
        value = pc.round(value, round_mode="half_to_even")
    return pc.cast(value, target)


def _text(value):
    value = _arrow(value)
    if pa.types.is_decimal(value.type):
        return _decimal_text(value)
    return value if pa.types.is_string(value.type) else pc.cast(value, pa.string())


def _decimal_text(value):
    """A decimal's digits in plain notation with all of its scale ("0.00000001"), as the engine writes them; pyarrow's
    cast writes small values in scientific notation ("1E-8")."""
    if isinstance(value, pa.Scalar):
        return pa.scalar(format(value.as_py(), "f") if value.is_valid else None, pa.string())
    return pa.array([None if item is None else format(item, "f") for item in value.to_pylist()], pa.string())


def _concat(parts, skip_nulls):
    handling = {"null_handling": "replace", "null_replacement": ""} if skip_nulls else {}
    return pc.binary_join_element_wise(*[_text(part) for part in parts], "", **handling)


def _float(value):
    return _to_float(_widen(value))


def _column(value, rows):
    """An expression's value as a column of `rows` rows (constants are repeated)."""
    if isinstance(value, pa.Scalar):
        return pa.repeat(value, rows)
    return value


def _with_columns(table, columns):
    """Adds or replaces columns in order; later expressions see earlier results."""
    for name, compute in columns:
        value = _column(_arrow(compute(table)), table.num_rows)
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, value)
        else:
            table = table.append_column(name, value)
    return table


def _keep(table, condition):
    return table.filter(pc.fill_null(_column(_arrow(condition), table.num_rows), False))
