//! Today and now as the views see them: a signal that ticks each minute and
//! when the app comes back into view, so a kiosk left on past midnight shows
//! the new day's list, and "missing" appears as a shift's start passes.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;

/// How often the views' idea of now moves on.
const TICK: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Clone, Copy)]
pub struct Now {
    at: RwSignal<NaiveDateTime>,
    /// The date of `at`: changes once a day, not each tick.
    day: Memo<NaiveDate>,
}

impl Now {
    /// Starts ticking; lives as long as the app.
    pub fn start() -> Self {
        let at = RwSignal::new(wall_now());
        let now = Self { at, day: Memo::new(move |_| at.get().date()) };
        let tick = move || now.at.set(wall_now());
        let _ = set_interval_with_handle(tick, TICK);
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| tick());
        now
    }

    /// Now, to the last tick (a view that reads it re-runs each tick).
    #[inline(never)]
    pub fn at(&self) -> NaiveDateTime {
        self.at.get()
    }

    /// Today, to the last tick (a view that reads it re-runs when the day changes).
    #[inline(never)]
    pub fn today(&self) -> NaiveDate {
        self.day.get()
    }
}

/// Today on this device's calendar, read from the clock at once (for what a
/// tap records, not for what a view shows: that is [`Now`]).
pub fn wall_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now on this device's clock, in local time (shifts are in wall-clock time).
pub fn wall_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}
