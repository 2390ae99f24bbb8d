_TAG = r"<[^>]*>"
_SPACES = r"[ \t\n\r\f\v]+"


def extract_text(table: pa.Table) -> pa.Table:
    """pipetune's extract_text (workload W3): decode `bytes` as UTF-8, replace every tag <...> with a space,
    collapse runs of ASCII whitespace to one space and strip spaces at both ends; word_count is 0 for an empty
    text, else 1 + the number of spaces; `path` becomes the file name. Output: path, size_bytes, text, word_count."""
    raw = table["bytes"]
    text = pc.cast(raw, pa.string())  # fails on invalid UTF-8, as pipetune does
    text = pc.replace_substring_regex(text, _TAG, " ")
    text = pc.replace_substring_regex(text, _SPACES, " ")
    text = pc.utf8_trim(text, " ")
    spaces = pc.cast(pc.count_substring(text, " "), pa.int64())
    word_count = pc.if_else(pc.equal(pc.binary_length(text), 0), pa.scalar(0, pa.int64()), pc.add(spaces, 1))
    if "path" in table.column_names:
        path = pc.replace_substring_regex(pc.cast(table["path"], pa.string()), r"^.*/", "")
    else:
        path = pa.nulls(table.num_rows, pa.string())
    return pa.table({"path": path, "size_bytes": pc.cast(pc.binary_length(raw), pa.int64()), "text": text,
                     "word_count": word_count})
