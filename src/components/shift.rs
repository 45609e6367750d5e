//! One shift as a volunteer reads it on a phone: when, what (an event's
//! title or the function), who to call (one tap: call, text or e-mail), and
//! who their buddy is; the page adds what can be done with it.

use chrono::Timelike;
use flok_core::model::{Function, OccurrenceRef, Person};
use flok_core::shifts::Shift;
use flok_core::Id;
use leptos::prelude::*;

use crate::state::{use_store, use_texts, Store};

/// The lines describing a shift, in the interface's language.
#[component]
pub fn ShiftSummary(shift: Shift) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let function = shift.function.and_then(|f| store.read::<Function>(f));
    let contact = function.as_ref().and_then(|f| f.contact);
    let function_line = shift.title.is_some().then(|| function.as_ref().map(|f| f.name.clone())).flatten();
    let name = shift_name(store, &shift);
    let description = match shift.occurrence {
        OccurrenceRef::Event { event } => store.read::<flok_core::model::Event>(event).and_then(|e| e.description),
        _ => function.and_then(|f| f.description),
    };
    let closed = shift.closed.clone();
    view! {
        <p class="shift-when">
            {move || {
                let t = words.t();
                format!("{} · {}", t.short_day(shift.date), t.times(shift.starts, shift.ends))
            }}
        </p>
        <p class="shift-function">{name}</p>
        {function_line.map(|f| view! { <p class="shift-detail">{f}</p> })}
        {description.map(|d| view! { <p class="shift-description">{d}</p> })}
        {closed.map(|reason| view! { <p class="closed">{move || (words.t().closed_because)(&reason)}</p> })}
        {contact.map(|id| view! { <PersonLine person=id line=|t, name| (t.contact_is)(name) /> })}
        {shift.buddy.map(|id| view! { <PersonLine person=id line=|t, name| (t.buddy_is)(name) /> })}
    }
}

/// "Contact: Bent Hansen" with one-tap links to call, text or e-mail them,
/// where a number or address is known.
#[component]
pub fn PersonLine(person: Id, line: fn(&crate::i18n::Texts, &str) -> String) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let someone = move || store.read::<Person>(person);
    view! {
        {move || someone().map(|p| {
            let t = words.t();
            let name = p.name.to_string();
            let phone = p.dialable_phone();
            let email = p.email_address().map(str::to_owned);
            view! {
                <p class="shift-detail person-line">
                    {line(t, &name)}
                    {phone.map(|number| view! {
                        " "
                        <a class="contact-link" href=format!("tel:{number}") aria-label=(t.call_person)(&name)>{t.call}</a>
                        " "
                        <a class="contact-link" href=format!("sms:{number}") aria-label=(t.text_person)(&name)>{t.text}</a>
                    })}
                    {email.map(|address| view! {
                        " "
                        <a class="contact-link" href=format!("mailto:{address}") aria-label=(t.email_person)(&name)>{t.email}</a>
                    })}
                </p>
            }
        })}
    }
}

/// A shift's name for sentences about it: an event's title, else its function's name.
pub fn shift_name(store: Store, shift: &Shift) -> String {
    shift.title.clone().unwrap_or_else(|| {
        let function = shift.function.and_then(|f| store.with_untracked(|r| r.read::<Function>(f)));
        function.map(|f| f.name).unwrap_or_default()
    })
}

/// An element id unique to one shift, for a form field beside it.
pub fn dom_id(prefix: &str, occurrence: &OccurrenceRef) -> String {
    match occurrence {
        OccurrenceRef::Agreement { agreement, date } => format!("{prefix}-{agreement}-{date}"),
        OccurrenceRef::Event { event } => format!("{prefix}-{event}"),
        OccurrenceRef::Needed { function, date, starts, .. } => {
            format!("{prefix}-{function}-{date}-{:02}{:02}", starts.hour(), starts.minute())
        }
    }
}
