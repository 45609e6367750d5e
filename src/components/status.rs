//! Stepping back and coming back: a pause from a day with an optional return
//! date, or leaving the group. Used by coordinators on People and by a
//! volunteer for themself on My shifts.

use chrono::NaiveDate;
use flok_core::model::{Status, StatusError};
use flok_core::Id;
use leptos::prelude::*;

use crate::state::{today, AppState};

/// Pause (from a day, maybe until a return date), mark as left (for
/// coordinators: `can_leave`), or take back.
#[component]
pub fn StatusControls(id: Id, can_leave: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = today();
    let from = RwSignal::new(today.to_string());
    let until = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let active = move || state.person(id).is_some_and(|p| p.status == Status::Active);
    let field_id = move |field: &str| format!("person-{id}-{field}");
    let error_id = field_id("pause-error");

    let pause = move |_| {
        let t = state.t();
        let Ok(from) = from.get_untracked().parse::<NaiveDate>() else {
            error.set(Some(t.date_out_of_range));
            return;
        };
        let until = until.get_untracked();
        let until = match until.trim() {
            "" => None,
            text => match text.parse::<NaiveDate>() {
                Ok(day) => Some(day),
                Err(_) => return error.set(Some(t.date_out_of_range)),
            },
        };
        match Status::pause(from, until) {
            Ok(status) => {
                error.set(None);
                state.set_status(id, status);
            }
            Err(StatusError::ReturnBeforePause) => error.set(Some(t.return_before_pause)),
            Err(StatusError::DateOutOfRange) => error.set(Some(t.date_out_of_range)),
        }
    };

    view! {
        <Show
            when=active
            fallback=move || view! {
                <div class="actions">
                    <button type="button" on:click=move |_| state.set_status(id, Status::Active)>
                        {move || state.t().take_back}
                    </button>
                </div>
            }
        >
            <div class="pause-fields">
                <div class="field">
                    <label for=field_id("from")>{move || state.t().pause_from}</label>
                    <input id=field_id("from") type="date" min="1900-01-01" max="2200-12-31"
                        prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))
                        aria-describedby=error_id.clone() />
                </div>
                <div class="field">
                    <label for=field_id("until")>{move || state.t().return_date}</label>
                    <input id=field_id("until") type="date" min="1900-01-01" max="2200-12-31"
                        prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby=error_id.clone() />
                </div>
            </div>
            <p id=error_id.clone() class="field-error">{move || error.get()}</p>
            <div class="actions">
                <button type="button" on:click=pause>{move || state.t().pause}</button>
                {can_leave.then(|| view! {
                    <button type="button" on:click=move |_| state.set_status(id, Status::Left { on: today })>
                        {move || state.t().mark_as_left}
                    </button>
                })}
            </div>
        </Show>
    }
}
