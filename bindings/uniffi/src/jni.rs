//! Hand-written JNI entry points for the calls a JVM client makes per keystroke or per row
//! (`fr.apart.ApartFast` in Kotlin): SIRET checks, one at a time and in batches, SIRET
//! normalisation, and the indemnity of one employee-month or of a whole claim as JSON.
//!
//! uniffi 0.32 reaches Rust through JNA structures that allocate native memory freed by the
//! garbage collector (~40 µs per call measured in `docs`/the audit); these functions are plain
//! JNI in the same library, so a call costs the JNI transition and the work itself. They are
//! loaded by `ApartFast`, which asks JNA where it found the library and `System.load`s the same
//! file. Everything else stays on uniffi.
//!
//! Each function answers a failure with a sentinel (`false`, `null`): the Kotlin wrapper then
//! calls the uniffi function of the same name, which throws the typed `ApartException` (errors
//! are the cold path). Nothing here panics on caller input (the core does not), and a panic
//! would be caught before it reaches the JVM.
//!
//! This is the only module of the binding with `unsafe` code: the JNI calls through the
//! environment's function table. Each block says why it is sound.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use jni_sys::{JNIEnv, jboolean, jbooleanArray, jclass, jint, jintArray, jsize, jstring};

/// Strings up to this many UTF-16 units are read into a stack buffer (a SIRET with its
/// separators is far below); longer ones go through the heap.
const STACK_UNITS: usize = 64;

/// The environment's function table.
///
/// # Safety
///
/// `env` is the `JNIEnv` the JVM passed to the native method being run, on this thread.
unsafe fn table(env: *mut JNIEnv) -> &'static jni_sys::JNINativeInterface_ {
    // SAFETY: the JVM passes a valid, non-null `JNIEnv*` whose function table lives as long as
    // the VM (JNI specification, "Interface Function Table").
    unsafe { &**env }
}

/// Reads the Java string `s` (UTF-16) and hands its text to `f`; `None` when `s` is null or not
/// Unicode text (a lone surrogate).
///
/// # Safety
///
/// `env` is the current thread's `JNIEnv`, and `s` a local or global reference to a
/// `java.lang.String` (or null).
unsafe fn with_text<T>(env: *mut JNIEnv, s: jstring, f: impl FnOnce(&str) -> T) -> Option<T> {
    if s.is_null() {
        return None;
    }
    // SAFETY: as the caller guarantees.
    let jni = unsafe { table(env) };
    // SAFETY: `s` is a valid string reference (checked non-null above).
    let len = unsafe { (jni.v1_1.GetStringLength)(env, s) };
    let len = usize::try_from(len).ok()?;
    let mut stack = [0u16; STACK_UNITS];
    let mut heap = Vec::new();
    let units: &mut [u16] = if len <= STACK_UNITS {
        stack.get_mut(..len)?
    } else {
        heap.resize(len, 0);
        &mut heap
    };
    // SAFETY: `units` has room for exactly `len` code units, the string's length, so the region
    // [0, len) is in bounds and the copy stays inside the buffer.
    unsafe { (jni.v1_2.GetStringRegion)(env, s, 0, len as jsize, units.as_mut_ptr()) };
    with_units(units, f)
}

/// Hands the text of the UTF-16 code units `units` to `f`; `None` when they are not Unicode text
/// (a lone surrogate).
fn with_units<T>(units: &[u16], f: impl FnOnce(&str) -> T) -> Option<T> {
    // Text of ASCII characters (the usual SIRET, JSON records) is read without decoding.
    if units.iter().all(|&u| u < 0x80) {
        let mut stack = [0u8; STACK_UNITS];
        let mut heap = Vec::new();
        let bytes: &mut [u8] = match stack.get_mut(..units.len()) {
            Some(bytes) => bytes,
            None => {
                heap.resize(units.len(), 0);
                &mut heap
            }
        };
        for (b, &u) in bytes.iter_mut().zip(units) {
            *b = u as u8;
        }
        return std::str::from_utf8(bytes).ok().map(f);
    }
    String::from_utf16(units).ok().map(|text| f(&text))
}

/// A new Java string holding `text` (from UTF-16, so every character survives: modified UTF-8
/// would not take a character outside the BMP); null for none, or if the JVM is out of memory.
///
/// # Safety
///
/// `env` is the current thread's `JNIEnv`.
unsafe fn new_string(env: *mut JNIEnv, text: Option<String>) -> jstring {
    let Some(units) = text.map(|text| utf16(&text)) else {
        return ptr::null_mut();
    };
    let Ok(len) = jsize::try_from(units.len()) else {
        return ptr::null_mut();
    };
    // SAFETY: `units` holds `len` code units; the JVM copies them into a new string.
    unsafe { (table(env).v1_1.NewString)(env, units.as_ptr(), len) }
}

/// All the UTF-16 code units of the Java string `s`; `None` when `s` is null.
///
/// # Safety
///
/// As [`with_text`].
unsafe fn units_of(env: *mut JNIEnv, s: jstring) -> Option<Vec<u16>> {
    if s.is_null() {
        return None;
    }
    // SAFETY: as the caller guarantees.
    let jni = unsafe { table(env) };
    // SAFETY: `s` is a valid string reference (checked non-null above).
    let len = unsafe { (jni.v1_1.GetStringLength)(env, s) };
    let mut units = vec![0u16; usize::try_from(len).ok()?];
    // SAFETY: `units` has room for exactly `len` code units, the string's length.
    unsafe { (jni.v1_2.GetStringRegion)(env, s, 0, len, units.as_mut_ptr()) };
    Some(units)
}

/// `text` in UTF-16, `encode_utf16` with runs of ASCII (nearly all of a JSON outcome: only its
/// messages have accents and `€`) widened a run at a time, a loop the compiler vectorises,
/// rather than decoded character by character.
fn utf16(text: &str) -> Vec<u16> {
    let mut units = Vec::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        units.extend(run.bytes().map(u16::from));
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            let mut pair = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut pair));
        }
        rest = chars.as_str();
    }
    units
}

/// Runs `f`, turning a panic (a bug, never caller input) into `fallback`.
fn guarded<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// `ApartFast.isValidSiret(input)`: the core's `is_valid_siret` (lenient parsing).
#[unsafe(no_mangle)]
pub extern "system" fn Java_fr_apart_ApartFast_isValidSiret(
    env: *mut JNIEnv,
    _class: jclass,
    input: jstring,
) -> jboolean {
    guarded(false, || {
        // SAFETY: the JVM calls this native method with its env and a String argument.
        unsafe { with_text(env, input, apart::siret::is_valid_siret) }.unwrap_or(false)
    })
}

/// `ApartFast.validSiretsJoined(text, lengths)`: `isValidSiret` of each element of a batch
/// joined into `text` by the Kotlin wrapper, element `i` being the next `lengths[i]` UTF-16
/// units (`-1`: a null element, `false`). One call reads the text and the lengths once: reading
/// the array's elements from native code costs four JNI calls each, more than the check.
#[unsafe(no_mangle)]
pub extern "system" fn Java_fr_apart_ApartFast_validSiretsJoined(
    env: *mut JNIEnv,
    _class: jclass,
    text: jstring,
    lengths: jintArray,
) -> jbooleanArray {
    guarded(ptr::null_mut(), || {
        if lengths.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: the JVM passes its env and a String, possibly null.
        let Some(units) = (unsafe { units_of(env, text) }) else {
            return ptr::null_mut();
        };
        // SAFETY: the JVM's env; `lengths` is a non-null `int[]`.
        let jni = unsafe { table(env) };
        // SAFETY: a valid array reference (checked non-null above).
        let count = unsafe { (jni.v1_1.GetArrayLength)(env, lengths) };
        let Ok(count_usize) = usize::try_from(count) else {
            return ptr::null_mut();
        };
        let mut sizes: Vec<jint> = vec![0; count_usize];
        // SAFETY: `sizes` has room for `count` ints, the array's length.
        unsafe { (jni.v1_1.GetIntArrayRegion)(env, lengths, 0, count, sizes.as_mut_ptr()) };
        // SAFETY: the JVM's env, on its thread.
        unsafe { boolean_array(env, &joined_answers(&units, &sizes)) }
    })
}

/// `isValidSiret` of each element of the UTF-16 `units`, cut by `lengths` (negative: null,
/// `false`; an element past the end of the text: `false`).
fn joined_answers(units: &[u16], lengths: &[jint]) -> Vec<jboolean> {
    // All ASCII (nearly always): one conversion, each element a slice of it. Otherwise each
    // element is converted alone, so that surrogates of two elements are never paired.
    let ascii = ascii_text(units);
    let mut at = 0usize;
    lengths
        .iter()
        .map(|&n| {
            let Ok(n) = usize::try_from(n) else {
                return false;
            };
            let range = at..at.saturating_add(n);
            at = range.end;
            match &ascii {
                Some(text) => text.get(range).is_some_and(apart::siret::is_valid_siret),
                None => units
                    .get(range)
                    .is_some_and(|u| apart::siret::is_valid_siret(&String::from_utf16_lossy(u))),
            }
        })
        .collect()
}

/// `ApartFast.validSiretsInLines(text)`: `isValidSiret` of each line of `text`, lines as Java's
/// `String.lines()` cuts them (`\n`, `\r` or `\r\n` end a line; no empty line after a final
/// terminator), in one call that reads the text once: a column of SIRETs read from a file.
#[unsafe(no_mangle)]
pub extern "system" fn Java_fr_apart_ApartFast_validSiretsInLines(
    env: *mut JNIEnv,
    _class: jclass,
    text: jstring,
) -> jbooleanArray {
    guarded(ptr::null_mut(), || {
        // SAFETY: the JVM passes its env and a String, possibly null.
        match unsafe { units_of(env, text) } {
            // SAFETY: the JVM's env, on its thread.
            Some(units) => unsafe { boolean_array(env, &lines_answers(&units)) },
            None => ptr::null_mut(),
        }
    })
}

/// `isValidSiret` of each line of the text in UTF-16 `units`.
fn lines_answers(units: &[u16]) -> Vec<jboolean> {
    // The text is made UTF-8 once, then cut: no conversion per line. A lone surrogate becomes
    // U+FFFD, which changes no answer: its line is not a SIRET either way (not text, or a
    // character that is neither a digit nor a separator), and line breaks stay where they are.
    let text = ascii_text(units).unwrap_or_else(|| String::from_utf16_lossy(units));
    java_lines(&text)
        .map(apart::siret::is_valid_siret)
        .collect()
}

/// The text of the UTF-16 `units` when they are all ASCII, without decoding.
fn ascii_text(units: &[u16]) -> Option<String> {
    let ascii = units.iter().all(|&u| u < 0x80);
    ascii.then(|| units.iter().map(|&u| char::from(u as u8)).collect())
}

/// The lines of `text` as Java's `String.lines()` cuts them: `\n`, `\r` and `\r\n` end a line,
/// a final terminator does not start an empty line, and an empty text has no line.
fn java_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(end) = rest.find(['\n', '\r']) else {
            return Some(std::mem::take(&mut rest));
        };
        let (line, tail) = rest.split_at(end);
        let skip = if tail.starts_with("\r\n") { 2 } else { 1 };
        rest = tail.get(skip..).unwrap_or_default();
        Some(line)
    })
}

/// A new Java `boolean[]` holding `answers`, or null (an exception pending) if the JVM cannot
/// allocate it.
///
/// # Safety
///
/// `env` is the current thread's `JNIEnv`.
unsafe fn boolean_array(env: *mut JNIEnv, answers: &[jboolean]) -> jbooleanArray {
    let Ok(len) = jsize::try_from(answers.len()) else {
        return ptr::null_mut();
    };
    // SAFETY: a new boolean array of `len` elements, filled from `answers` (`len` long).
    unsafe {
        let jni = table(env);
        let out = (jni.v1_1.NewBooleanArray)(env, len);
        if !out.is_null() {
            (jni.v1_1.SetBooleanArrayRegion)(env, out, 0, len, answers.as_ptr());
        }
        out
    }
}

/// `ApartFast.siretOrNull(input)`: the SIRET's 14 digits, or null when the core refuses it.
#[unsafe(no_mangle)]
pub extern "system" fn Java_fr_apart_ApartFast_siretOrNull(
    env: *mut JNIEnv,
    _class: jclass,
    input: jstring,
) -> jstring {
    guarded(ptr::null_mut(), || {
        // SAFETY: the JVM calls this native method with its env and a String argument.
        let parsed = unsafe {
            with_text(env, input, |text| {
                text.parse::<apart::siret::Siret>()
                    .ok()
                    .map(|s| s.as_str().to_owned())
            })
        };
        // SAFETY: the JVM's env, on its thread.
        unsafe { new_string(env, parsed.flatten()) }
    })
}

/// `ApartFast.computeJsonOrNull(employee, options)`: the outcome of one employee-month with the
/// built-in law, as JSON; null when the core refuses the input.
#[unsafe(no_mangle)]
pub extern "system" fn Java_fr_apart_ApartFast_computeJsonOrNull(
    env: *mut JNIEnv,
    _class: jclass,
    employee: jstring,
    options: jstring,
) -> jstring {
    guarded(ptr::null_mut(), || {
        // SAFETY: the JVM calls this native method with its env and two String arguments.
        let out = unsafe {
            with_text(env, employee, |employee| {
                with_text(env, options, |options| {
                    crate::json::outcome_json(employee, options).ok()
                })
            })
        };
        // SAFETY: the JVM's env, on its thread.
        unsafe { new_string(env, out.flatten().flatten()) }
    })
}

/// `ApartFast.computeClaimJsonOrNull(month, employees, options)`: a whole claim with the
/// built-in law (`employees` a JSON array of employee-months), as JSON; refused lines are lines.
/// Null when the month, the array or the options cannot be read.
#[unsafe(no_mangle)]
pub extern "system" fn Java_fr_apart_ApartFast_computeClaimJsonOrNull(
    env: *mut JNIEnv,
    _class: jclass,
    month: jstring,
    employees: jstring,
    options: jstring,
) -> jstring {
    guarded(ptr::null_mut(), || {
        // SAFETY: the JVM calls this native method with its env and three String arguments.
        let out = unsafe {
            with_text(env, month, |month| {
                with_text(env, employees, |employees| {
                    with_text(env, options, |options| {
                        let book = apart::law::LawBook::shared().ok()?;
                        crate::json::claim_with(book, month, employees, options).ok()
                    })
                })
            })
        };
        // SAFETY: the JVM's env, on its thread.
        unsafe { new_string(env, out.flatten().flatten().flatten()) }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn panics_become_the_fallback() {
        assert!(guarded(true, || panic!("a bug")));
        assert_eq!(guarded(0, || 7), 7);
    }

    fn lines(text: &str) -> Vec<&str> {
        java_lines(text).collect()
    }

    /// A batch joined as `validSirets` joins it: each element answered alone, as
    /// `isValidSiret` answers it.
    #[test]
    fn joined_elements_are_answered_one_by_one() {
        let elements: [Option<&str>; 8] = [
            Some("73282932000074"),
            None,
            Some("732 829 320 00074\n"),
            Some("\u{a0}73282932000074"),
            Some(""),
            Some("73282932000075"),
            Some("7328293200007"),
            Some("4"),
        ];
        let mut units = Vec::new();
        let mut lengths = Vec::new();
        for element in elements {
            let n = element.map_or(-1, |e| {
                let before = units.len();
                units.extend(e.encode_utf16());
                jint::try_from(units.len() - before).unwrap_or(jint::MAX)
            });
            lengths.push(n);
        }
        let expected: Vec<bool> = elements
            .iter()
            .map(|e| e.is_some_and(apart::siret::is_valid_siret))
            .collect();
        assert!(expected.iter().filter(|v| **v).count() >= 3, "{expected:?}");
        assert_eq!(joined_answers(&units, &lengths), expected);
        // Not ASCII: the same answers; the halves of a surrogate pair in two elements are two
        // lone surrogates, not one character.
        let mut wide = units.clone();
        wide.extend([0xd83d, 0xde00]);
        let mut wide_lengths = lengths.clone();
        wide_lengths.extend([1, 1]);
        let mut wide_expected = expected.clone();
        wide_expected.extend([false, false]);
        assert_eq!(joined_answers(&wide, &wide_lengths), wide_expected);
        // Lengths past the text's end answer `false`, never read past it.
        assert_eq!(
            joined_answers(&units[..3], &[2, 14, -5]),
            [false, false, false]
        );
        assert!(joined_answers(&[], &[]).is_empty());
    }

    #[test]
    fn lines_are_cut_as_java_string_lines() {
        assert!(lines("").is_empty());
        assert_eq!(lines("a"), ["a"]);
        assert_eq!(lines("a\n"), ["a"]);
        assert_eq!(lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("\n\na\n\n"), ["", "", "a", ""]);
        assert_eq!(lines("a\n\r"), ["a", ""]);
        assert_eq!(lines("\r\n"), [""]);
    }

    #[test]
    fn utf16_is_encode_utf16() {
        for text in [
            "",
            "7328",
            "é",
            "a€b",
            "indemnité 7.91 € : 𝄞\u{0}x",
            &"ab é".repeat(300),
        ] {
            assert_eq!(
                utf16(text),
                text.encode_utf16().collect::<Vec<u16>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn each_line_is_checked() {
        let units: Vec<u16> = "73282932000074\r\n732\u{a0}829 320 00074\n\n73282932000075\n"
            .encode_utf16()
            .chain([0xD800, u16::from(b'\n')])
            .chain("73282932000074".encode_utf16())
            .collect();
        assert_eq!(
            lines_answers(&units),
            [true, true, false, false, false, true]
        );
        assert!(lines_answers(&[]).is_empty());
    }

    #[test]
    fn units_are_read_as_text() {
        let units = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        assert_eq!(
            with_units(&units("7328"), str::to_owned).as_deref(),
            Some("7328")
        );
        let long = "7".repeat(STACK_UNITS + 1);
        assert_eq!(with_units(&units(&long), str::len), Some(STACK_UNITS + 1));
        assert_eq!(
            with_units(&units("é €"), str::to_owned).as_deref(),
            Some("é €")
        );
        assert_eq!(with_units(&[0xD800], str::len), None);
    }
}
