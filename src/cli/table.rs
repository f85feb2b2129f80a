//! Aligned text tables for terminals.

use std::io::Write;

/// Widest a column may be before its cells are cut with "…".
const MAX_WIDTH: usize = 48;

/// Appends `cell` cut to `width` characters (the last one "…" when cut) and padded to it.
fn push_cell(line: &mut String, cell: &str, width: usize) {
    let count = cell.chars().count();
    if count <= width {
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', width - count));
    } else {
        line.extend(cell.chars().take(width.saturating_sub(1)));
        line.push('…');
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
    // One buffer for every line; cells beyond the header's columns are not shown.
    let mut line = String::new();
    let mut write_line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| {
        line.clear();
        for (index, (cell, width)) in cells.zip(&widths).enumerate() {
            if index > 0 {
                line.push_str("  ");
            }
            push_cell(&mut line, cell, *width);
        }
        writeln!(out, "{}", line.trim_end())
    };
    write_line(out, &mut header.iter().copied())?;
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    write_line(out, &mut rules.iter().map(String::as_str))?;
    for row in rows {
        write_line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}
