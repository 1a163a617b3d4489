use super::record::ExportRecord;
use std::io::Write;

/// One JSON object per line.
pub fn write_jsonl(records: &[ExportRecord], out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    for r in records {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
