//! Large answers formatted on every core and written in order.

use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Most threads that format at once.
const MAX_WORKERS: usize = 8;

/// Writes `items` to `out` in their order, each chunk of `chunk_len` items formatted by
/// `format` into a buffer of its own. With more than one core and more than one chunk, the
/// chunks are formatted on as many threads as there are cores while this thread writes them
/// in order: formatting, not writing, is most of the cost of a large answer. Memory holds the
/// chunks formatted but not yet written.
///
/// # Errors
/// The first error of `format` or of the writer; nothing after the failed chunk is written.
pub fn write_chunks<T, F>(
    out: &mut dyn Write,
    items: &[T],
    chunk_len: usize,
    format: &F,
) -> Result<()>
where
    T: Sync,
    F: Fn(&[T], &mut Vec<u8>) -> Result<()> + Sync,
{
    let chunks: Vec<&[T]> = items.chunks(chunk_len.max(1)).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(MAX_WORKERS)
        .min(chunks.len());
    if workers < 2 {
        let mut buffer = Vec::new();
        for chunk in chunks {
            buffer.clear();
            format(chunk, &mut buffer)?;
            out.write_all(&buffer)?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let (chunks, next) = (&chunks, &next);
    std::thread::scope(|scope| {
        // Bounded, so that workers wait while the writer is behind.
        let (sender, formatted) = std::sync::mpsc::sync_channel(workers * 2);
        for _ in 0..workers {
            let sender = sender.clone();
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(chunk) = chunks.get(index) else {
                        break;
                    };
                    let mut buffer = Vec::new();
                    let result = format(chunk, &mut buffer).map(|()| buffer);
                    // The writer hangs up only after an error, which it returns.
                    if sender.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Chunks that arrived before the ones ahead of them.
        let mut waiting = BTreeMap::new();
        let mut written = 0;
        for (index, result) in formatted {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&written) {
                out.write_all(&result?)?;
                written += 1;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(items: &[u32], out: &mut Vec<u8>) -> Result<()> {
        for item in items {
            writeln!(out, "{item}")?;
        }
        Ok(())
    }

    #[test]
    fn chunks_are_written_in_the_order_of_the_items_whatever_the_chunk_length() -> Result<()> {
        let items: Vec<u32> = (0..10_000).collect();
        let mut expected = Vec::new();
        numbers(&items, &mut expected)?;
        for chunk_len in [0, 1, 7, 1000, 10_000, 20_000] {
            let mut out = Vec::new();
            write_chunks(&mut out, &items, chunk_len, &numbers)?;
            assert!(out == expected, "chunks of {chunk_len}");
        }
        let mut out = Vec::new();
        write_chunks(&mut out, &[] as &[u32], 10, &numbers)?;
        assert!(out.is_empty());
        Ok(())
    }

    #[test]
    fn the_first_failing_chunk_stops_the_output_after_the_chunks_before_it() {
        let items: Vec<u32> = (0..1000).collect();
        let failing = |chunk: &[u32], out: &mut Vec<u8>| -> Result<()> {
            if chunk.contains(&500) {
                anyhow::bail!("chunk with 500");
            }
            numbers(chunk, out)
        };
        let mut out = Vec::new();
        let error = write_chunks(&mut out, &items, 10, &failing).err();
        assert_eq!(error.map(|e| e.to_string()), Some("chunk with 500".into()));
        let mut expected = Vec::new();
        let _ = numbers(&items[..500], &mut expected);
        assert!(out == expected, "{} bytes written", out.len());
    }
}
