package dev.pipetune.engine.io.parquet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/** Renders Arrow values as canonical text, exactly as {@code src/test/python/canonical_values.py} does. */
final class CanonicalValues {

    private static final HexFormat HEX = HexFormat.of();

    private CanonicalValues() {
    }

    static List<String> render(ValueVector vector) {
        List<String> values = new ArrayList<>(vector.getValueCount());
        for (int i = 0; i < vector.getValueCount(); i++) {
            values.add(render(vector, i));
        }
        return values;
    }

    static String render(ValueVector vector, int index) {
        if (vector instanceof NullVector || vector.isNull(index)) {
            return "null";
        }
        return switch (vector) {
            case BitVector bits -> bits.get(index) != 0 ? "true" : "false";
            case UInt1Vector unsigned -> Integer.toString(Byte.toUnsignedInt(unsigned.get(index)));
            case UInt2Vector unsigned -> Integer.toString(unsigned.get(index));
            case UInt4Vector unsigned -> Integer.toUnsignedString(unsigned.get(index));
            case UInt8Vector unsigned -> Long.toUnsignedString(unsigned.get(index));
            case Float2Vector half -> floatText(half.getValueAsFloat(index));
            case Float4Vector single -> floatText(single.get(index));
            case Float8Vector dbl -> floatText(dbl.get(index));
            case DecimalVector decimal -> decimal.getObject(index).toPlainString();
            case DateDayVector days -> Integer.toString(days.get(index));
            case TimeMilliVector millis -> Integer.toString(millis.get(index));
            case FixedSizeBinaryVector fixed -> HEX.formatHex(fixed.get(index));
            case BaseVariableWidthVector variable -> HEX.formatHex(variable.get(index));
            case MapVector map -> renderMap(map, index);
            case ListVector list -> renderList(list, index);
            case StructVector struct -> renderStruct(struct, index);
            case BaseFixedWidthVector fixed -> integerText(fixed, index);
            default -> throw new IllegalArgumentException("no canonical rendering for " + vector.getField());
        };
    }

    private static String integerText(BaseFixedWidthVector vector, int index) {
        return switch (vector.getTypeWidth()) {
            case 1 -> Byte.toString(vector.getDataBuffer().getByte(index));
            case 2 -> Short.toString(vector.getDataBuffer().getShort(index * 2L));
            case 4 -> Integer.toString(vector.getDataBuffer().getInt(index * 4L));
            case 8 -> Long.toString(vector.getDataBuffer().getLong(index * 8L));
            default -> throw new IllegalArgumentException("no canonical rendering for " + vector.getField());
        };
    }

    private static String floatText(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        return String.format("%016x", Long.reverseBytes(Double.doubleToRawLongBits(value)));
    }

    private static String renderList(ListVector list, int index) {
        int start = list.getElementStartIndex(index);
        int end = list.getElementEndIndex(index);
        StringBuilder text = new StringBuilder("[");
        for (int i = start; i < end; i++) {
            if (i > start) {
                text.append(',');
            }
            text.append(render(list.getDataVector(), i));
        }
        return text.append(']').toString();
    }

    private static String renderMap(MapVector map, int index) {
        StructVector entries = (StructVector) map.getDataVector();
        ValueVector keys = entries.getChildByOrdinal(0);
        ValueVector values = entries.getChildByOrdinal(1);
        int start = map.getElementStartIndex(index);
        int end = map.getElementEndIndex(index);
        StringBuilder text = new StringBuilder("<");
        for (int i = start; i < end; i++) {
            if (i > start) {
                text.append(',');
            }
            text.append(render(keys, i)).append('=').append(render(values, i));
        }
        return text.append('>').toString();
    }

    private static String renderStruct(StructVector struct, int index) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < struct.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            ValueVector child = struct.getChildByOrdinal(i);
            text.append(child.getName()).append(':').append(render(child, index));
        }
        return text.append('}').toString();
    }

    static String digest(List<String> values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sha.update((byte) '\n');
                }
                sha.update(values.get(i).getBytes(StandardCharsets.UTF_8));
            }
            return HEX.formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
