//! The coordinator's hands on the roster, for people without the app: one
//! action at a time opens beside the person it is for (record or take back
//! a cancellation, check in or out at a time, correct times), and a slot
//! with open places can be given to someone.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use flok_core::model::{CheckIn, OccurrenceRef};
use flok_core::roster::{Entry, Presence, Slot};
use flok_core::Id;
use leptos::prelude::*;

use crate::components::adding::{chosen, PersonOptions, SaveOrCancel};
use crate::components::field::FormField;
use crate::components::shift::dom_id;
use crate::form_values::{moment_value, parse_moment, parse_time, time_value};
use crate::state::{use_device, use_store, use_texts, wall_now};

/// Which action is open beside a person.
#[derive(Clone, Copy, PartialEq)]
enum Acting {
    None,
    Cancel,
    CheckIn,
    Times,
}

/// One person in a roster slot: where they stand, and what the coordinator can do for them.
#[component]
pub fn EntryActions(
    entry: Entry,
    date: NaiveDate,
    starts: NaiveTime,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let open = RwSignal::new(Acting::None);
    let name = store.name_of(entry.person);
    let (person, occurrence) = (entry.person, entry.occurrence);
    let by = move || device.me.get_untracked();
    let button = move |acting: Acting, text: fn(&crate::i18n::AllTexts) -> &'static str, label: String| {
        view! {
            <button type="button" aria-label=label aria-expanded=move || (open.get() == acting).to_string()
                on:click=move |_| open.update(|o| *o = if *o == acting { Acting::None } else { acting })>
                {move || text(words.all())}
            </button>
        }
    };
    let t = words.all();
    let buttons = match entry.presence {
        Presence::Expected | Presence::Missing => view! {
            {button(Acting::CheckIn, |t| t.check_in, (t.check_in_person)(&name))}
            {button(Acting::Cancel, |t| t.record_cancellation, (t.record_cancellation_for)(&name))}
        }
        .into_any(),
        Presence::CheckedIn { .. } => button(Acting::Times, |t| t.check_out, (t.check_out_person)(&name)).into_any(),
        Presence::CheckedOut { .. } | Presence::NotCheckedOut { .. } => {
            button(Acting::Times, |t| t.correct_times, (t.correct_times_of)(&name)).into_any()
        }
        Presence::Cancelled { .. } => {
            let cancellation = entry.cancellation;
            let take_back = move |_| {
                if let Some(id) = cancellation {
                    store.take_back_cancellation(id);
                }
            };
            view! {
                <button type="button" aria-label=(t.take_back_cancellation_of)(&name) on:click=take_back>
                    {move || words.all().undo_cancellation}
                </button>
            }
            .into_any()
        }
    };
    let recorded_by = entry.recorded_by.map(|id| (t.recorded_by)(&store.name_of(id)));
    let close = Callback::new(move |()| open.set(Acting::None));
    let done = Callback::new(move |message: String| {
        status.set(Some(message));
        open.set(Acting::None);
    });
    let stay = entry.stay;
    view! {
        {recorded_by.map(|line| view! { <span class="recorded-by">{format!(" ({line})")}</span> })}
        <div class="actions acting">{buttons}</div>
        {move || match open.get() {
            Acting::None => None,
            Acting::Cancel => Some(view! { <CancelFor person occurrence date done close by /> }.into_any()),
            Acting::CheckIn => Some(view! { <CheckInAt person occurrence date starts done close by /> }.into_any()),
            Acting::Times => stay.map(|id| view! { <StayTimes stay=id done close by /> }.into_any()),
        }}
    }
}

/// A phoned-in cancellation: the reason and when they gave notice.
#[component]
fn CancelFor(
    person: Id,
    occurrence: OccurrenceRef,
    date: NaiveDate,
    done: Callback<String>,
    close: Callback<()>,
    by: impl Fn() -> Option<Id> + Send + Sync + 'static,
) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let reason = RwSignal::new(String::new());
    let given_at = RwSignal::new(moment_value(wall_now()));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let Some(at) = parse_moment(&given_at.get_untracked()) else {
            return error.set(Some(t.enter_time_and_date.into()));
        };
        match store.record_cancellation((person, occurrence, date), &reason.get_untracked(), at, by()) {
            Ok(()) => done.run((t.cancellation_recorded_for)(&store.name_of(person))),
            Err(refused) => error.set(Some(t.duty_error(&refused).into())),
        }
    };
    view! {
        <form class="inline-form" aria-label=move || (words.all().record_cancellation_for)(&store.name_of(person)) novalidate on:submit=submit>
            <FormField id=dom_id(&format!("notice-{person}"), &occurrence) label=|w| w.all().notice_given_at kind="datetime-local"
                value=given_at error=error />
            <FormField id=dom_id(&format!("why-{person}"), &occurrence) label=|w| w.all().reason_optional value=reason />
            <SaveOrCancel on_cancel=close />
        </form>
    }
}

/// A check-in at the time the coordinator saw them come.
#[component]
fn CheckInAt(
    person: Id,
    occurrence: OccurrenceRef,
    date: NaiveDate,
    starts: NaiveTime,
    done: Callback<String>,
    close: Callback<()>,
    by: impl Fn() -> Option<Id> + Send + Sync + 'static,
) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let now = wall_now();
    // Today, the time it is now; another day, the shift's start.
    let time = RwSignal::new(time_value(if now.date() == date { now.time() } else { starts }));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let Some(at) = parse_time(&time.get_untracked()).map(|time| date.and_time(time)) else {
            return error.set(Some(t.enter_time.into()));
        };
        match store.check_in_at(person, occurrence, at, by()) {
            Ok(()) => done.run((t.checked_in_at)(&t.time(at.time()))),
            Err(refused) => error.set(Some(t.duty_error(&refused).into())),
        }
    };
    view! {
        <form class="inline-form" aria-label=move || (words.all().check_in_person)(&store.name_of(person)) novalidate on:submit=submit>
            <FormField id=dom_id(&format!("in-{person}"), &occurrence) label=|w| w.all().time_in kind="time" value=time error=error />
            <SaveOrCancel on_cancel=close />
        </form>
    }
}

/// A stay's times: its check-out at a time, or both corrected.
#[component]
pub fn StayTimes(
    stay: Id,
    done: Callback<String>,
    close: Callback<()>,
    by: impl Fn() -> Option<Id> + Send + Sync + 'static,
) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let current = store.read::<CheckIn>(stay);
    let day = current.as_ref().map_or(wall_now().date(), |s| s.checked_in.date());
    let shown = |at: Option<NaiveDateTime>| at.map(|at| time_value(at.time())).unwrap_or_default();
    let time_in = RwSignal::new(shown(current.as_ref().map(|s| s.checked_in)));
    let out_default = current.as_ref().and_then(|s| s.checked_out).or_else(|| {
        let now = wall_now();
        (now.date() == day).then_some(now)
    });
    let time_out = RwSignal::new(shown(out_default));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let (Some(from), Some(to)) = (parse_time(&time_in.get_untracked()), parse_time(&time_out.get_untracked()))
        else {
            return error.set(Some(t.enter_time.into()));
        };
        match store.correct_stay(stay, day.and_time(from), Some(day.and_time(to)), by()) {
            Ok(()) => done.run((t.came)(&t.time(from), &t.time(to))),
            Err(refused) => error.set(Some((t.hours_error)(&refused).into())),
        }
    };
    let person = current.map(|s| store.name_of(s.person)).unwrap_or_default();
    view! {
        <form class="inline-form" aria-label=move || (words.all().correct_times_of)(&person) novalidate on:submit=submit>
            <div class="pause-fields">
                <FormField id=format!("stay-in-{stay}") label=|w| w.all().time_in kind="time" value=time_in />
                <FormField id=format!("stay-out-{stay}") label=|w| w.all().time_out kind="time" value=time_out error=error />
            </div>
            <SaveOrCancel on_cancel=close />
        </form>
    }
}

/// "Put someone in": a person into one of the slot's open places, with a
/// warning when that person is on another shift at the same time.
#[component]
pub fn PutSomeoneIn(row: Slot, what: String, status: RwSignal<Option<String>>) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let open = RwSignal::new(false);
    let person = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (date, occurrence) = (row.date, row.open_shifts.first().copied());
    let label = (words.all().put_someone_into)(&what);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let (Ok(chosen), Some(occurrence)) = (person.get_untracked().parse::<Id>(), occurrence) else {
            return error.set(Some(t.choose_person.into()));
        };
        let name = store.name_of(chosen);
        match store.put_into(chosen, occurrence, date, device.me.get_untracked()) {
            Ok(clashes) => {
                let mut message = (t.put_in_done)(&name, &what);
                for other in clashes {
                    let other = crate::components::shift::shift_name(store, &other);
                    message = format!("{message} {}", (t.clashes_with)(&name, &other));
                }
                status.set(Some(message));
                open.set(false);
            }
            Err(refused) => error.set(Some(t.duty_error(&refused).into())),
        }
    };
    let field = occurrence.map(|o| dom_id("put-in", &o)).unwrap_or_default();
    view! {
        <button type="button" aria-label=label.clone() aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {move || words.all().put_someone_in}
        </button>
        <Show when=move || open.get()>
            <form class="inline-form" aria-label=label.clone() novalidate on:submit=submit.clone()>
                <FormField id=field.clone() label=|w| w.all().person value=person error=error>
                    <option value="">{move || words.all().choose}</option>
                    <PersonOptions selected=chosen(person) />
                </FormField>
                <SaveOrCancel on_cancel=Callback::new(move |()| open.set(false)) />
            </form>
        </Show>
    }
}
