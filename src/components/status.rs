//! Stepping back and coming back: a pause from a day with an optional return
//! date, or leaving the group. Used by coordinators on People and by a
//! volunteer for themself on My shifts.

use chrono::NaiveDate;
use flok_core::model::{Person, Status, StatusError};
use flok_core::Id;
use leptos::prelude::*;

use crate::components::field::FormField;
use crate::state::{use_store, use_texts, wall_today};

/// Pause (from a day, maybe until a return date), mark as left (for
/// coordinators: `can_leave`), or take back.
#[component]
pub fn StatusControls(id: Id, can_leave: bool) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let today = wall_today();
    let from = RwSignal::new(today.to_string());
    let until = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let active = move || store.read::<Person>(id).is_some_and(|p| p.status == Status::Active);
    let field_id = move |field: &str| format!("person-{id}-{field}");
    let refusal = Signal::derive(move || error.get().map(str::to_owned));
    let clear = Callback::new(move |()| error.set(None));

    let pause = move |_| {
        let t = words.t();
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
                store.set_status(id, status);
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
                    <button type="button" on:click=move |_| store.set_status(id, Status::Active)>
                        {move || words.t().take_back}
                    </button>
                </div>
            }
        >
            <div class="pause-fields">
                <FormField id=field_id("from") label=|w| w.t().pause_from kind="date" min="1900-01-01" max="2200-12-31"
                    value=from on_edit=clear />
                <FormField id=field_id("until") label=|w| w.t().return_date kind="date" min="1900-01-01" max="2200-12-31"
                    value=until error=refusal on_edit=clear />
            </div>
            <div class="actions">
                <button type="button" on:click=pause>{move || words.t().pause}</button>
                {can_leave.then(|| view! {
                    <button type="button" on:click=move |_| store.set_status(id, Status::Left { on: today })>
                        {move || words.t().mark_as_left}
                    </button>
                })}
            </div>
        </Show>
    }
}
