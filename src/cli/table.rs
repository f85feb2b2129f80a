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

/// Rows a thread lays out at a time.
const CHUNK_ROWS: usize = 4096;

/// Appends to `lines` one line of `cells`, each padded or cut to its column's width (cells
/// beyond the columns are not shown), without trailing spaces; `text` is scratch space.
fn push_line<'a>(
    lines: &mut Vec<u8>,
    text: &mut String,
    cells: impl Iterator<Item = &'a str>,
    widths: &[usize],
) {
    text.clear();
    for (index, (cell, width)) in cells.zip(widths).enumerate() {
        if index > 0 {
            text.push_str("  ");
        }
        push_cell(text, cell, *width);
    }
    lines.extend_from_slice(text.trim_end().as_bytes());
    lines.push(b'\n');
}

/// Writes `rows` under `header`, columns padded to their widest cell (at most 48 characters).
/// A large table's lines are laid out on every core (see [`super::ordered::write_chunks`]).
///
/// # Errors
/// Any error of the writer.
pub fn write_table<C: AsRef<str> + Sync>(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<C>],
) -> anyhow::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width_of(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width_of(cell.as_ref())).min(MAX_WIDTH);
            }
        }
    }
    let (mut head, mut text) = (Vec::new(), String::new());
    push_line(&mut head, &mut text, header.iter().copied(), &widths);
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    push_line(
        &mut head,
        &mut text,
        rules.iter().map(String::as_str),
        &widths,
    );
    out.write_all(&head)?;
    super::ordered::write_chunks(out, rows, CHUNK_ROWS, &|chunk: &[Vec<C>], lines| {
        let mut text = String::new();
        for row in chunk {
            push_line(lines, &mut text, row.iter().map(AsRef::as_ref), &widths);
        }
        Ok(())
    })
}
