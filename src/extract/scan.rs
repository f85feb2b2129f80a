//! Searches in one sentence: substrings, and cue words in a sentence's words.
//!
//! `str::find` and `str::match_indices` set up a two-way searcher for every call, which cost
//! more than the search itself in a sentence of a few hundred bytes: 8% of extraction (#6
//! profile). These look for one byte of the needle with `memchr` and compare the rest. A
//! one-word Bloom filter ([`word_bits`]) tells that most cue words are absent from a sentence.

use memchr::{memchr, memrchr};

/// The first byte offset at or after `from` where `needle` starts in `hay`. An empty needle
/// is found nowhere.
pub(crate) fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    // Look for the needle's rarest byte in English text: the fewer candidates, the fewer
    // comparisons ("the same day" by its "y", not its "t").
    let anchor = (0..needle.len()).min_by_key(|&i| RANK[usize::from(needle[i])])?;
    let byte = needle[anchor];
    let mut at = from;
    while at + needle.len() <= hay.len() {
        let start = at + memchr(byte, &hay[at + anchor..=hay.len() - needle.len() + anchor])?;
        // The last byte first: most candidates fail there, before a call to compare the rest.
        if hay[start + needle.len() - 1] == needle[needle.len() - 1]
            && &hay[start..start + needle.len()] == needle
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// How common each byte is in English prose, lower for rarer: highest for the space, then the
/// lower-case letters by their frequency ("etaoin..."), full stop and comma, capitals, digits,
/// and lowest for every other byte.
static RANK: [u8; 256] = {
    let mut rank = [60u8; 256];
    let mut byte = 0;
    while byte < 128 {
        if (byte as u8).is_ascii_uppercase() {
            rank[byte] = 90;
        } else if (byte as u8).is_ascii_digit() {
            rank[byte] = 80;
        } else if byte == b',' as usize || byte == b'.' as usize {
            rank[byte] = 150;
        }
        byte += 1;
    }
    let letters = b"etaoinsrhldcumfpgwybvkxjqz";
    let mut i = 0;
    while i < letters.len() {
        rank[letters[i] as usize] = 250 - 7 * i as u8;
        i += 1;
    }
    rank[b' ' as usize] = 255;
    rank
};

/// The character that ends right before byte `at` of `text` (a character boundary), read from
/// its last byte when that is ASCII: the name and capital scans ask this at most bytes of a
/// sentence (#6 profile).
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at.checked_sub(1)?)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text[..at].chars().next_back()
    }
}

/// The words of a phrase or a lower-cased sentence as the cue look-ups compare them: its runs
/// of letters and digits, found by bytes where the text is ASCII instead of by a closure per
/// character (#6 profile).
pub(crate) fn alphanumeric_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (alphanumeric, len) = if bytes[at].is_ascii() {
                (bytes[at].is_ascii_alphanumeric(), 1)
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            match (alphanumeric, start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    at += len;
                    return Some(&text[from..at - len]);
                }
                _ => {}
            }
            at += len;
        }
        start.map(|from| &text[from..])
    })
}

/// The first byte offset where `needle` starts in `hay`.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    find_from(hay, needle, 0)
}

/// The last byte offset where `needle` starts in `hay`.
pub(crate) fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let (&first, rest) = needle.split_first()?;
    let mut end = (hay.len() + 1).checked_sub(needle.len())?;
    while end > 0 {
        let start = memrchr(first, &hay[..end])?;
        if &hay[start + 1..start + needle.len()] == rest {
            return Some(start);
        }
        end = start;
    }
    None
}

/// True when `needle` occurs in `hay`.
pub(crate) fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The byte offsets of the non-overlapping occurrences of `needle` in `hay`, left to right,
/// as `str::match_indices` gives them.
pub(crate) fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_from(hay, needle, from)?;
        from = at + needle.len();
        Some(at)
    })
}

/// The bit of `word` in a one-word Bloom filter of a sentence's words, from its length and its
/// first and last bytes: a word whose bit is not set is not among them. Most cue words are
/// absent from any one sentence, and the filter says so before any comparison (#6 profile).
pub(crate) fn word_bit(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let (first, last) = (bytes.first().copied(), bytes.last().copied());
    let mix =
        bytes.len() * 31 + usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0));
    1 << (mix % 64)
}

/// The filter of `words`: the union of their [`word_bit`]s.
pub(crate) fn word_bits(words: &[&str]) -> u64 {
    words.iter().fold(0, |bits, w| bits | word_bit(w))
}

/// True when `list` holds `word` lower-cased, without a lower-cased copy of an ASCII word: a
/// copy per word looked up cost more than the look-up (#6 profile).
pub(crate) fn holds_lowered(list: &[String], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|item| {
            item.len() == word.len()
                && item
                    .bytes()
                    .zip(word.bytes())
                    .all(|(a, b)| a == b.to_ascii_lowercase())
        })
    } else {
        list.contains(&word.to_lowercase())
    }
}

/// True when `text` ends with `suffix`, an ASCII phrase, in any case: what
/// `text.to_lowercase().ends_with(suffix)` says of a lower-case ASCII suffix without the 'k'
/// that the Kelvin sign lower-cases to, since only ASCII capitals lower-case to its letters.
pub(crate) fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// True when `text` ends with the word `word`, an ASCII word, in any case: after a space or at
/// the start. What `text.to_lowercase()` ending with `" {word}"` or equal to `word` says, for a
/// lower-case word without a 'k' (see [`ends_with_ignore_ascii_case`]).
pub(crate) fn ends_with_word(text: &str, word: &str) -> bool {
    ends_with_ignore_ascii_case(text, word)
        && text.as_bytes()[..text.len() - word.len()]
            .last()
            .is_none_or(|&b| b == b' ')
}

/// Room for the words of `text` in one allocation, for lists of its words: prose averages
/// about six bytes a word, and a list that grows word by word is copied at 4, 8, 16 and 32
/// words (#6 profile). More words than this only cost one more copy.
pub(crate) fn most_words(text: &str) -> usize {
    text.len() / 4 + 1
}

/// The first word of `phrase`: up to its first character that is no letter or digit.
pub(crate) fn first_word(phrase: &str) -> &str {
    let bytes = phrase.as_bytes();
    match bytes.iter().position(|b| !b.is_ascii_alphanumeric()) {
        // An ASCII stop ends the word; a non-ASCII byte may be a letter, read as a character.
        Some(end) if bytes[end].is_ascii() => &phrase[..end],
        None => phrase,
        Some(_) => phrase
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_script() {
        let text = "the two-men, ÉTÉ1 —x  \u{a0}ü";
        let words: Vec<&str> = alphanumeric_words(text).collect();
        let by_characters: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words, ["the", "two", "men", "ÉTÉ1", "x", "ü"]);
        assert_eq!(words, by_characters);
        assert_eq!(alphanumeric_words("").count(), 0);
        assert_eq!(char_before(text, 0), None);
        assert_eq!(char_before(text, 3), Some('e'));
        let digit = text.find('1').unwrap_or(0);
        assert_eq!(char_before(text, digit), Some('É'));
    }

    /// Every search agrees with the standard library's.
    #[test]
    fn searches_agree_with_the_standard_library() {
        let hay = "a, which b, which, whichever ’s ’s aaa é, whom;  x it  it ";
        for needle in [
            ", which ", "which", "’s", "aa", "a", "é", ", whom", "whom", "x", "m",
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle}");
            assert_eq!(rfind(hay, needle), hay.rfind(needle), "{needle}");
            assert_eq!(contains(hay, needle), hay.contains(needle), "{needle}");
            let want: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            assert_eq!(
                occurrences(hay, needle).collect::<Vec<_>>(),
                want,
                "{needle}"
            );
        }
        // Every piece of the text as a needle, so that the rarest byte falls at every place of
        // a needle: first, last, inside, after spaces.
        let bounds: Vec<usize> = (0..=hay.len())
            .filter(|&i| hay.is_char_boundary(i))
            .collect();
        for (k, &start) in bounds.iter().enumerate() {
            for &end in bounds[k + 1..].iter().take(9) {
                let needle = &hay[start..end];
                assert_eq!(find(hay, needle), hay.find(needle), "{needle:?}");
                for from in [0, start, end.min(hay.len())] {
                    let want = hay
                        .get(from..)
                        .and_then(|rest| rest.find(needle))
                        .map(|i| from + i);
                    assert_eq!(find_from(hay, needle, from), want, "{needle:?} from {from}");
                }
            }
        }
        assert_eq!(find("ab", "abc"), None);
        assert_eq!(rfind("ab", "abc"), None);
        assert_eq!(find("", "a"), None);
        assert_eq!(find("abc", ""), None);
    }

    #[test]
    fn suffixes_without_case_agree_with_lower_casing_first() {
        for text in [
            "at the BEHEST OF",
            "at the Request of the",
            "requested by",
            "requestéd by",
            "İ of",
            "x of",
            "of",
            "",
            "Behalf Of the The",
        ] {
            for suffix in [
                "behest of",
                "request of",
                "requested by",
                " of",
                " the",
                "of",
            ] {
                assert_eq!(
                    ends_with_ignore_ascii_case(text, suffix),
                    text.to_lowercase().ends_with(suffix),
                    "{text:?} {suffix:?}"
                );
            }
        }
    }

    #[test]
    fn words_at_the_end_without_case_agree_with_lower_casing_first() {
        for text in [
            "by",
            "BY",
            "must remove it By",
            "standby",
            "x by",
            "x\u{a0}by",
            "İn",
            "",
            "in",
        ] {
            for word in ["by", "in", "and"] {
                let lower = text.to_lowercase();
                assert_eq!(
                    ends_with_word(text, word),
                    lower.ends_with(&format!(" {word}")) || lower == word,
                    "{text:?} {word:?}"
                );
            }
        }
    }

    #[test]
    fn lowered_words_and_first_words() {
        let list: Vec<String> = ["ministry", "état", "CFO"].map(String::from).to_vec();
        for word in [
            "Ministry", "MINISTRY", "ministry", "État", "CFO", "cfo", "min", "",
        ] {
            assert_eq!(
                holds_lowered(&list, word),
                list.contains(&word.to_lowercase()),
                "{word}"
            );
        }
        for phrase in ["the two firms", "neither", "é-x y", "aé b", "a-b", "", " x"] {
            assert_eq!(
                first_word(phrase),
                phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or(""),
                "{phrase}"
            );
        }
    }
}
