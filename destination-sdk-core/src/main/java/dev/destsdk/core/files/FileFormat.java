package dev.destsdk.core.files;


import java.nio.charset.Charset;

/**
 * The format of the data files the executor writes into a local data path: CSV ({@link dev.destsdk.core.csv.CsvFileFormat}, the canonical format) or
 * JSON Lines.
 */
public interface FileFormat {

    /** @return the suffix data files of this format end with, e.g. {@code .csv} or {@code .csv.gz} */
    String fileSuffix();

    /** @return the text encoding of the files */
    Charset encoding();

    /** @return whether files are gzip-compressed */
    boolean gzip();
}
