//! Java has no unsigned integers: Kotlin's `UInt`, `ULong`… are unreadable from Java (mangled
//! getters such as `getEmailMax-pVg5ArA()`). Every integer of this binding's own records and
//! functions is therefore signed (`Int`, `Long`); these helpers convert at the boundary, a
//! negative input being the core's `VALUE_OUT_OF_RANGE` naming its field.

use apart::value::ValueError;

use crate::ApartError;

/// A count or length for Kotlin and Swift (`Int`), saturating (no count of the core reaches it).
pub(crate) fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// A count for Kotlin and Swift (`Long`), saturating.
pub(crate) fn long(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// A caller's count (`Int`, never negative) as the core's unsigned type.
pub(crate) fn count<T: TryFrom<i32>>(value: i32, field: &str) -> Result<T, ApartError> {
    T::try_from(value).map_err(|_| {
        ValueError::out_of_range(&value.to_string(), "0 ≤ n")
            .with_field(field)
            .into()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn negative_counts_are_refused_with_their_field() {
        assert_eq!(count::<u32>(3, "x").unwrap(), 3);
        let e = count::<u32>(-1, "per_hour").unwrap_err();
        assert_eq!(e.code(), "VALUE_OUT_OF_RANGE");
        assert_eq!(int(usize::MAX), i32::MAX);
        assert_eq!(long(u64::MAX), i64::MAX);
    }
}
