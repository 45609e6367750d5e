//! Counts how often chosen views render, in debug builds only (the release
//! build compiles the calls away): the browser test holds each view to the
//! data it shows, e.g. a check-in must not re-render the People list.

#[cfg(debug_assertions)]
thread_local! {
    static COUNTS: std::cell::RefCell<std::collections::BTreeMap<&'static str, u32>> = const {
        std::cell::RefCell::new(std::collections::BTreeMap::new())
    };
}

/// Notes one render of `view`.
#[inline]
pub fn rendered(view: &'static str) {
    #[cfg(debug_assertions)]
    COUNTS.with_borrow_mut(|counts| *counts.entry(view).or_default() += 1);
    #[cfg(not(debug_assertions))]
    let _ = view;
}

/// How often `view` rendered so far (0 in a release build).
pub fn renders(view: &str) -> u32 {
    #[cfg(debug_assertions)]
    return COUNTS.with_borrow(|counts| counts.get(view).copied().unwrap_or(0));
    #[cfg(not(debug_assertions))]
    {
        let _ = view;
        0
    }
}
