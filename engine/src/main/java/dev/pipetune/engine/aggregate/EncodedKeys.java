package dev.pipetune.engine.aggregate;

import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * The general keys: any number of key columns of any groupable type, each row's key encoded by a {@link KeyCodec}
 * into a byte string and looked up in a {@link GroupKeyTable}. Null columns are part of the encoding, so a key with
 * nulls is a group like any other.
 */
final class EncodedKeys implements GroupKeys {

    private final GroupKeyTable table = new GroupKeyTable();

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public void assign(List<FieldVector> keyVectors, int rows, int[] groups) {
        KeyCodec codec = new KeyCodec(keyVectors);
        for (int row = 0; row < rows; row++) {
            int length = codec.encode(row);
            groups[row] = table.groupOf(codec.buffer(), length);
        }
    }

    @Override
    public int[] absorb(GroupKeys other) {
        GroupKeyTable that = ((EncodedKeys) other).table;
        int[] mapping = new int[that.size()];
        for (int group = 0; group < mapping.length; group++) {
            byte[] key = that.key(group);
            mapping[group] = table.groupOf(key, key.length);
        }
        return mapping;
    }

    @Override
    public void write(List<FieldVector> outputs) {
        for (int group = 0; group < table.size(); group++) {
            KeyCodec.decode(table.key(group), outputs, group);
        }
    }
}
