def _with_column(table: pa.Table, name, column) -> pa.Table:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, column)
    return table.append_column(name, column)


def _float_lists(values, nulls=None):
    """The rows of a 2-D float32 array as list<element: float not null>, the type of the model columns in pipetune's
    Parquet files; null where nulls is true. (pyarrow cannot read a fixed-size list with nulls back from Parquet.)"""
    import numpy as np

    rows, width = values.shape
    offsets = pa.array(np.arange(0, (rows + 1) * width, width, dtype=np.int32))
    mask = pa.array(nulls, type=pa.bool_()) if nulls is not None and any(nulls) else None
    return pa.ListArray.from_arrays(offsets, pa.array(values.ravel(), type=pa.float32()),
                                    type=pa.list_(pa.field("element", pa.float32(), nullable=False)), mask=mask)
