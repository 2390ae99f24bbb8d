package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.IndexPageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

/**
 * The reader's own page header parser reads what parquet-java's Thrift writer writes, field for field and byte for
 * byte (statistics, checksums and the other kinds' headers skipped), and calls anything else corrupt data.
 */
class PageHeaderTest {

    @Test
    void aDataPageHeaderWithChecksumAndStatisticsReadsAsWritten() throws IOException {
        org.apache.parquet.format.PageHeader header = new org.apache.parquet.format.PageHeader(PageType.DATA_PAGE,
                4_000_000, 1_234_567);
        header.setCrc(-123_456);
        DataPageHeader data = new DataPageHeader(250_000, org.apache.parquet.format.Encoding.RLE_DICTIONARY,
                org.apache.parquet.format.Encoding.RLE, org.apache.parquet.format.Encoding.BIT_PACKED);
        data.setStatistics(new Statistics().setMin_value(new byte[300]).setMax_value(new byte[] {1, 2, 3})
                .setNull_count(17).setDistinct_count(4));
        header.setData_page_header(data);
        byte[] bytes = withTrailingPage(header);

        PageHeader parsed = PageHeader.parse(ByteBuffer.wrap(bytes), 5);

        assertThat(parsed).isEqualTo(new PageHeader(PageHeader.DATA_PAGE, 4_000_000, 1_234_567,
                bytes.length - 5 - 7, 250_000, Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED, 0, 0, 0,
                0, true));
    }

    @Test
    void aDictionaryPageHeaderReadsAsWritten() throws IOException {
        org.apache.parquet.format.PageHeader header = new org.apache.parquet.format.PageHeader(
                PageType.DICTIONARY_PAGE, 800, 640);
        header.setDictionary_page_header(new DictionaryPageHeader(100,
                org.apache.parquet.format.Encoding.PLAIN_DICTIONARY).setIs_sorted(true));
        byte[] bytes = withTrailingPage(header);

        PageHeader parsed = PageHeader.parse(ByteBuffer.wrap(bytes), 5);

        assertThat(parsed.type()).isEqualTo(PageHeader.DICTIONARY_PAGE);
        assertThat(parsed.valueCount()).isEqualTo(100);
        assertThat(parsed.encoding()).isEqualTo(Encoding.PLAIN_DICTIONARY);
        assertThat(parsed.uncompressedSize()).isEqualTo(800);
        assertThat(parsed.compressedSize()).isEqualTo(640);
        assertThat(parsed.headerSize()).isEqualTo(bytes.length - 5 - 7);
    }

    @Test
    void aVersion2DataPageHeaderKeepsItsLevelSizesAndWhetherItIsCompressed() throws IOException {
        for (boolean compressed : List.of(true, false)) {
            org.apache.parquet.format.PageHeader header = new org.apache.parquet.format.PageHeader(
                    PageType.DATA_PAGE_V2, 9000, 7000);
            DataPageHeaderV2 data = new DataPageHeaderV2(1000, 12, 990,
                    org.apache.parquet.format.Encoding.DELTA_BINARY_PACKED, 150, 60);
            data.setIs_compressed(compressed);
            data.setStatistics(new Statistics().setMin(new byte[8]).setMax(new byte[8]));
            header.setData_page_header_v2(data);
            byte[] bytes = withTrailingPage(header);

            PageHeader parsed = PageHeader.parse(ByteBuffer.wrap(bytes), 5);

            assertThat(parsed).isEqualTo(new PageHeader(PageHeader.DATA_PAGE_V2, 9000, 7000, bytes.length - 5 - 7,
                    1000, Encoding.DELTA_BINARY_PACKED, null, null, 12, 990, 150, 60, compressed));
        }
    }

    @Test
    void anIndexPageHeaderIsReadForItsSizesOnly() throws IOException {
        org.apache.parquet.format.PageHeader header = new org.apache.parquet.format.PageHeader(PageType.INDEX_PAGE,
                10, 10);
        header.setIndex_page_header(new IndexPageHeader());
        byte[] bytes = withTrailingPage(header);

        PageHeader parsed = PageHeader.parse(ByteBuffer.wrap(bytes), 5);

        assertThat(parsed.type()).isEqualTo(PageType.INDEX_PAGE.getValue());
        assertThat(parsed.compressedSize()).isEqualTo(10);
        assertThat(parsed.headerSize()).isEqualTo(bytes.length - 5 - 7);
    }

    @Test
    void aHeaderCutShortOrWithoutItsKindsHeaderIsCorrupt() throws IOException {
        org.apache.parquet.format.PageHeader header = new org.apache.parquet.format.PageHeader(PageType.DATA_PAGE,
                100, 100);
        header.setData_page_header(new DataPageHeader(10, org.apache.parquet.format.Encoding.PLAIN,
                org.apache.parquet.format.Encoding.RLE, org.apache.parquet.format.Encoding.RLE));
        byte[] whole = write(header);
        for (int length = 0; length < whole.length; length++) {
            ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> PageHeader.parse(cut, 0)).isInstanceOf(CorruptDataException.class)
                    .hasMessageStartingWith("at chunk offset 0, the header ");
        }
        header.unsetData_page_header();
        assertThatThrownBy(() -> PageHeader.parse(ByteBuffer.wrap(write(header)), 0))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("lacks its page kind's header");
    }

    @Test
    void randomBytesEitherParseOrAreCorruptDataButNeverAnotherFailure() {
        Random random = new Random(20_261_207);
        int parsed = 0;
        for (int attempt = 0; attempt < 20_000; attempt++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            random.nextBytes(bytes);
            try {
                PageHeader header = PageHeader.parse(ByteBuffer.wrap(bytes), 0);
                assertThat(header.headerSize()).isBetween(1, bytes.length);
                assertThat(header.compressedSize()).isNotNegative();
                parsed++;
            } catch (CorruptDataException expected) {
                assertThat(expected.getMessage()).startsWith("at chunk offset 0, the header ");
            }
        }
        assertThat(parsed).isLessThan(20_000);
    }

    /** Five bytes of something else, the header, then seven bytes of page. */
    private static byte[] withTrailingPage(org.apache.parquet.format.PageHeader header) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {9, 9, 9, 9, 9});
        out.write(write(header));
        out.write(new byte[7]);
        return out.toByteArray();
    }

    private static byte[] write(org.apache.parquet.format.PageHeader header) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writePageHeader(header, out);
        return out.toByteArray();
    }
}
