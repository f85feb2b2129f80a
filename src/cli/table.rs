//! Aligned text tables for terminals.

use std::io::Write;

/// Widest a column may be before its cells are cut with "…".
const MAX_WIDTH: usize = 48;

fn cut(cell: &str, width: usize) -> String {
    let count = cell.chars().count();
    if count <= width {
        cell.to_string()
    } else {
        let kept: String = cell.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// Writes `rows` under `header`, columns padded to their widest cell (at most 48 characters).
///
/// # Errors
/// Any error of the writer.
pub fn write_table(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count()).min(MAX_WIDTH);
            }
        }
    }
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{:<w$}", cut(c, *w), w = *w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(
        out,
        "{}",
        line(header.iter().map(|h| (*h).to_string()).collect())
    )?;
    writeln!(
        out,
        "{}",
        line(widths.iter().map(|w| "-".repeat(*w)).collect())
    )?;
    for row in rows {
        writeln!(out, "{}", line(row.clone()))?;
    }
    Ok(())
}
