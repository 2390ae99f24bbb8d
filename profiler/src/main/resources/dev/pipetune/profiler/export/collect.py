def collect(ds):
    """The pipeline has no write step: its rows are collected to the driver as one pyarrow.Table."""
    tables = [table for table in ray.get(ds.to_arrow_refs()) if table.num_columns > 0]
    return pa.concat_tables(tables, promote_options="default") if tables else pa.table({})
