//! A corpus: a folder of UTF-8 `.txt` files (subfolders included), each document named by its path
//! relative to the folder; or a CSV or JSON Lines table of articles, each row a document named by its id.

mod load;
mod metadata;
mod table;

pub use load::{
    Corpus, CorpusProblem, Document, LoadOptions, check_document_path, load_corpus,
    load_corpus_columns, load_corpus_reporting, load_corpus_with,
};
pub use metadata::{DocMetadata, METADATA_FILE_NAME, MetadataFile, load_metadata, parse_metadata};
pub use table::{TableColumns, TableShape, is_table, load_table, table_shape};
