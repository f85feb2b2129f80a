//! Aligned text tables for terminals.

use std::io::Write;

/// Widest a column may be before its cells are cut with "…".
const MAX_WIDTH: usize = 48;

/// How many characters `cell` shows: its length in bytes when it is ASCII (most cells; the test
/// is vectorised), else its count of characters.
fn width_of(cell: &str) -> usize {
    if cell.is_ascii() {
        cell.len()
    } else {
        cell.chars().count()
    }
}

/// Appends `cell` cut to `width` characters (the last one "…" when cut) and padded to it.
fn push_cell(line: &mut String, cell: &str, width: usize) {
    let count = width_of(cell);
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
    rows: &[Vec<impl AsRef<str>>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width_of(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width_of(cell.as_ref())).min(MAX_WIDTH);
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
        let kept = line.trim_end().len();
        line.truncate(kept);
        line.push('\n');
        out.write_all(line.as_bytes())
    };
    write_line(out, &mut header.iter().copied())?;
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    write_line(out, &mut rules.iter().map(String::as_str))?;
    for row in rows {
        write_line(out, &mut row.iter().map(AsRef::as_ref))?;
    }
    Ok(())
}
