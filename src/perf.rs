//! Performance marks for the work a person waits on (loading, the roster, a
//! report, an import), read by the measurements in `tests/perf/`. A measure
//! costs two `performance.mark` calls; without a Performance object it is
//! skipped.

/// Runs `work` and records how long it took as the measure `name`.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let start = begin(name);
    let result = work();
    end(name, start);
    result
}

/// Starts a measure that ends with [`end`] (for work across `await`s).
pub fn begin(name: &str) -> Option<String> {
    let performance = web_sys::window()?.performance()?;
    let mark = format!("{name}:start");
    performance.mark(&mark).ok()?;
    Some(mark)
}

/// Ends a measure begun with [`begin`].
pub fn end(name: &str, start: Option<String>) {
    if let (Some(performance), Some(start)) = (web_sys::window().and_then(|w| w.performance()), start) {
        let _ = performance.measure_with_start_mark(name, &start);
    }
}

/// Marks a moment, such as the first rendered page.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
