"""Canonical text rendering of Arrow values, shared by pipetune's Parquet tests.

The Java side (dev.pipetune.engine.io.parquet.CanonicalValues) renders Arrow vectors the same way, so values
read by pipetune and by pyarrow can be compared as text or digests:

  null            -> null
  boolean         -> true / false
  integers        -> decimal digits (unsigned as unsigned)
  floating point  -> the value widened to float64, its 8 little-endian bytes in hex; any NaN -> nan
  decimal         -> plain decimal text with the column's scale (1.50)
  temporal        -> the stored integer in the column's unit (days, ms, us, ns)
  string, binary  -> the bytes in hex
  list            -> [a,b,...]     struct -> {name:value,...}     map -> <key=value,...>
"""
import hashlib
import struct

import pyarrow as pa
import pyarrow.compute as pc


def render(array):
    """Returns one canonical string per value of a pyarrow Array or ChunkedArray."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    t = array.type
    if pa.types.is_dictionary(t):
        return render(array.dictionary_decode())
    if isinstance(t, pa.ExtensionType):
        return render(array.storage)
    valid = array.is_valid().to_pylist() if len(array) else []
    if pa.types.is_null(t):
        return ["null"] * len(array)
    if pa.types.is_struct(t):
        children = [(t.field(i).name, render(array.field(i))) for i in range(t.num_fields)]
        offset = array.offset
        return [
            "{" + ",".join(name + ":" + values[offset + row] for name, values in children) + "}" if valid[row] else "null"
            for row in range(len(array))
        ]
    if pa.types.is_map(t):
        keys = render(array.keys)
        items = render(array.items)
        offsets = array.offsets.to_pylist()
        base = offsets[0] if offsets else 0
        return [
            "<" + ",".join(keys[i - base] + "=" + items[i - base] for i in range(offsets[r], offsets[r + 1])) + ">"
            if valid[r] else "null"
            for r in range(len(array))
        ]
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t) or pa.types.is_fixed_size_list(t):
        if pa.types.is_fixed_size_list(t):
            size = t.list_size
            offsets = [(array.offset + r) * size for r in range(len(array) + 1)]
        else:
            offsets = array.offsets.to_pylist()
        values = render(array.values)
        return ["[" + ",".join(values[offsets[r]:offsets[r + 1]]) + "]" if valid[r] else "null" for r in range(len(array))]
    if pa.types.is_floating(t):
        if pa.types.is_float16(t):
            array = pc.cast(array, pa.float32())
        return [_float(v) for v in array.to_pylist()]
    if pa.types.is_boolean(t):
        return ["null" if v is None else ("true" if v else "false") for v in array.to_pylist()]
    if pa.types.is_integer(t):
        return ["null" if v is None else str(v) for v in array.to_pylist()]
    if pa.types.is_decimal(t):
        return ["null" if v is None else format(v, "f") for v in array.to_pylist()]
    if pa.types.is_temporal(t):
        width = pa.int32() if pa.types.is_date32(t) or pa.types.is_time32(t) else pa.int64()
        return ["null" if v is None else str(v) for v in array.view(width).to_pylist()]
    if (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
            or pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t)
            or pa.types.is_fixed_size_binary(t)):
        out = []
        for v in array.to_pylist():
            if v is None:
                out.append("null")
            else:
                out.append((v.encode("utf-8") if isinstance(v, str) else v).hex())
        return out
    raise TypeError(f"no canonical rendering for {t}")


def _float(v):
    if v is None:
        return "null"
    if v != v:
        return "nan"
    return struct.pack("<d", float(v)).hex()


def digest(values):
    """SHA-256 of the values joined by newlines, as hex."""
    h = hashlib.sha256()
    for i, v in enumerate(values):
        if i:
            h.update(b"\n")
        h.update(v.encode("utf-8"))
    return h.hexdigest()
