//! Events: one-off occasions (a summer party needing six helpers) and joint
//! meetings, each with a title, a date and times, a number of places and a
//! description. Their places show in Open slots; when all are taken, people
//! can join a waiting list.

use flok_core::model::{Event, EventError, Function, OccurrenceRef};
use flok_core::shifts::{shifts_between, KINDS_READ};
use flok_core::Id;
use leptos::prelude::*;

use crate::components::adding::{chosen, AddPanel, FunctionOptions, SaveOrCancel};
use crate::components::field::{EmptyList, FormField};
use crate::components::page_heading::PageHeading;
use crate::form_values::{parse_date, parse_time, time_value};
use crate::i18n::AllTexts;
use crate::route::Page;
use crate::state::{use_now, use_store, use_texts};

/// An event as listed: with its places taken and how many wait.
type Listed = (Id, Event, usize, usize);

#[component]
pub fn EventsPage() -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let events = Memo::new(move |_| {
        let today = now.today();
        store.with(&KINDS_READ, |r| {
            let mut events: Vec<Listed> = Vec::new();
            for (id, event) in r.all::<Event>().iter().filter(|(_, e)| e.date >= today) {
                let shift = shifts_between(r, event.date, event.date)
                    .into_iter()
                    .find(|s| s.occurrence == OccurrenceRef::Event { event: *id });
                let (taken, waiting) = shift.map_or((0, 0), |s| (s.expected.len(), s.waiting.len()));
                events.push((*id, event.clone(), taken, waiting));
            }
            events.sort_by_cached_key(|(id, e, ..)| (e.date, e.starts, *id));
            events
        })
    });
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Events)) />
            <AddPanel label=|t| t.add_event form=|on_added, on_cancel| view! { <EventForm editing=None on_added on_cancel /> } />
            <Show
                when=move || events.with(|e| !e.is_empty())
                fallback=|| view! { <EmptyList text=|w| w.all().no_events_coming /> }
            >
                <ul class="events" aria-label=move || words.all().coming_events>
                    <For each=move || events.get() key=|entry| entry.clone() let:entry>
                        <EventRow entry />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// One event: what, when, places taken, waiting; Edit and Delete.
#[component]
fn EventRow(entry: Listed) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let (id, event, taken, waiting) = entry;
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let t = words.all();
    let function =
        event.function.and_then(|f| store.read::<Function>(f)).map_or(t.joint_meeting.to_owned(), |f| f.name);
    let when = format!("{} · {}", t.long_day(event.date), t.times(event.starts, event.ends));
    let places = (t.places_taken)(taken, event.needed);
    let waiting = (waiting > 0).then(|| (t.waiting_count)(waiting));
    let title = event.title.clone();
    let (edit_label, delete_label) = ((t.edit_named)(&title), (t.delete_named)(&title));
    view! {
        <li class="event card">
            <p class="shift-function">{title}</p>
            <p class="shift-when">{when}</p>
            <p class="shift-detail">{format!("{function} · {places}")}</p>
            {waiting.map(|w| view! { <p class="shift-detail">{w}</p> })}
            {event.description.map(|d| view! { <p class="shift-description">{d}</p> })}
            <div class="actions">
                <button type="button" aria-label=edit_label aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>{move || words.all().edit}</button>
                <button type="button" class="danger" aria-label=delete_label.clone() aria-expanded=move || deleting.get().to_string()
                    on:click=move |_| deleting.update(|d| *d = !*d)>{move || words.all().delete}</button>
            </div>
            <Show when=move || deleting.get()>
                <div class="confirm" role="group" aria-label=delete_label.clone()>
                    <p>{move || words.all().delete_event_warning}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=move |_| store.delete_event(id)>{move || words.all().confirm_delete}</button>
                        <button type="button" on:click=move |_| deleting.set(false)>{move || words.all().keep}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || editing.get()>
                <EventForm editing=Some(id) on_added=Callback::new(move |_| editing.set(false))
                    on_cancel=Callback::new(move |()| editing.set(false)) />
            </Show>
        </li>
    }
}

/// What is wrong with an event as entered, beside its field.
#[derive(Clone, PartialEq)]
enum Problem {
    Date,
    Time,
    Event(EventError),
}

fn problem_field(problem: &Problem) -> &'static str {
    match problem {
        Problem::Event(EventError::NoTitle) => "title",
        Problem::Date | Problem::Event(EventError::DateOutOfRange) => "date",
        Problem::Time | Problem::Event(EventError::EndsBeforeStart) => "ends",
        Problem::Event(EventError::Places) => "places",
    }
}

fn problem_text(t: &AllTexts, problem: &Problem) -> String {
    match problem {
        Problem::Date => t.enter_date.into(),
        Problem::Time => t.enter_time.into(),
        Problem::Event(EventError::NoTitle) => t.event_needs_title.into(),
        Problem::Event(EventError::DateOutOfRange) => t.date_out_of_range.into(),
        Problem::Event(EventError::EndsBeforeStart) => t.ends_before_start.into(),
        Problem::Event(EventError::Places) => (t.places_range)(Event::MAX_PLACES),
    }
}

/// Adds an event, or with `editing` changes one.
#[component]
fn EventForm(editing: Option<Id>, on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let saved = editing.and_then(|id| store.read::<Event>(id));
    let text = |value: Option<String>, default: &str| RwSignal::new(value.unwrap_or_else(|| default.to_owned()));
    let title = text(saved.as_ref().map(|e| e.title.clone()), "");
    let function = text(saved.as_ref().and_then(|e| e.function).map(|f| f.to_string()), "");
    let date = text(saved.as_ref().map(|e| e.date.to_string()), &now.today().to_string());
    let starts = text(saved.as_ref().map(|e| time_value(e.starts)), "17:00");
    let ends = text(saved.as_ref().map(|e| time_value(e.ends)), "20:00");
    let places = text(saved.as_ref().map(|e| e.needed.to_string()), "1");
    let description = text(saved.as_ref().and_then(|e| e.description.clone()), "");
    let problem = RwSignal::new(None::<Problem>);

    let event = move || -> Result<Event, Problem> {
        let day = parse_date(&date.get_untracked()).ok_or(Problem::Date)?;
        let from = parse_time(&starts.get_untracked()).ok_or(Problem::Time)?;
        let to = parse_time(&ends.get_untracked()).ok_or(Problem::Time)?;
        let count = Event::parse_places(&places.get_untracked()).map_err(Problem::Event)?;
        let function = function.get_untracked().parse::<Id>().ok();
        Event::new(&title.get_untracked(), function, day, (from, to), count, &description.get_untracked())
            .map_err(Problem::Event)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match event() {
            Ok(event) => {
                store.save_event(editing, &event);
                on_added.run(event.title);
            }
            Err(refused) => problem.set(Some(refused)),
        }
    };
    let error = move |field: &'static str| {
        Signal::derive(move || {
            problem.get().filter(|p| problem_field(p) == field).map(|p| problem_text(words.all(), &p))
        })
    };
    let clear = Callback::new(move |()| problem.set(None));
    let id = move |field: &str| format!("event-{}-{field}", editing.map_or("new".to_owned(), |id| id.to_string()));
    let label = move || match &saved {
        Some(e) => (words.all().edit_named)(&e.title),
        None => words.all().new_event.to_owned(),
    };
    view! {
        <form class="card" aria-label=label novalidate on:submit=submit>
            <FormField id=id("title") label=|w| w.all().title value=title error=error("title") on_edit=clear />
            <FormField id=id("function") label=|w| w.all().function value=function>
                <option value="">{move || words.all().joint_meeting}</option>
                <FunctionOptions selected=chosen(function) />
            </FormField>
            <div class="pause-fields">
                <FormField id=id("date") label=|w| w.all().date kind="date" min="1900-01-01" max="2200-12-31" value=date
                    error=error("date") on_edit=clear />
                <FormField id=id("places") label=|w| w.all().places kind="number" inputmode="numeric" min="1"
                    max=Event::MAX_PLACES.to_string() value=places error=error("places") on_edit=clear />
                <FormField id=id("starts") label=|w| w.all().starts kind="time" value=starts on_edit=clear />
                <FormField id=id("ends") label=|w| w.all().ends kind="time" value=ends error=error("ends") on_edit=clear />
            </div>
            <FormField id=id("description") label=|w| w.all().description_optional value=description multiline=true />
            <SaveOrCancel on_cancel />
        </form>
    }
}
