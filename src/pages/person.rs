//! One person's page: how to reach them, their agreements, competences
//! (who gave each, and when), hours this year, the conversations held, and
//! their pause; and hours given without the app, added by hand.

use chrono::{Datelike, NaiveDate};
use flok_core::duty::{self, KINDS_READ};
use flok_core::model::{Agreement, CheckIn, Competence, FollowUp, Function, Grant, Person, Stage};
use flok_core::{duplicates, Entity, Id};
use leptos::prelude::*;

use crate::components::adding::{chosen, FunctionOptions, SaveOrCancel};
use crate::components::field::FormField;
use crate::components::history::WithHistory;
use crate::components::merging::SamePerson;
use crate::components::shift::PersonLine;
use crate::components::status::StatusControls;
use crate::form_values::parse_date;
use crate::pages::agreements::{listed, AgreementList};
use crate::route::{Page, Route};
use crate::state::{use_device, use_now, use_store, use_texts};

#[component]
pub fn PersonPage(id: Id) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let person = Memo::new(move |_| store.read::<Person>(id));
    // A record merged into another: its page leads to the one kept.
    let kept = Memo::new(move |_| store.with(&[Person::KIND], |r| duplicates::kept(&r.all::<Person>(), id)));
    view! {
        <section aria-labelledby="page-heading">
            <h1 id="page-heading" tabindex="-1">{move || person.get().map(|p| p.name.to_string()).unwrap_or_else(|| words.all().not_in_group.into())}</h1>
            <p><a class="button" href=Page::People.href()>{move || words.all().all_people}</a></p>
            <Show when=move || kept.get() != id>
                <p>
                    <a href=move || Route::person_href(kept.get())>{move || (words.all().merged_into_person)(&store.name_of(kept.get()))}</a>
                </p>
            </Show>
            <Show when=move || person.with(Option::is_some) && kept.get() == id>
                <PersonLine person=id line=|t, _| t.contact.into() />
                <Agreements id />
                <Competences id />
                <WithHistory>
                    <HoursThisYear id />
                    <Conversations id />
                </WithHistory>
                <section class="card" aria-labelledby="pause-heading">
                    <h2 id="pause-heading">{move || words.all().pause}</h2>
                    <StatusControls id can_leave=true />
                </section>
                <WithHistory>
                    <HoursByHand id />
                </WithHistory>
                <SamePerson id />
            </Show>
        </section>
    }
}

#[component]
fn Agreements(id: Id) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let status = RwSignal::new(None::<String>);
    let agreements = Memo::new(move |_| {
        store.with(&[Agreement::KIND], |r| {
            let mut hers = listed(r, |a| a.person == id);
            hers.sort_by_key(|(i, a, _)| (a.schedule.first_day, *i));
            hers
        })
    });
    view! {
        <section class="card" aria-labelledby="agreements-heading">
            <h2 id="agreements-heading">{move || words.all().page(Page::Agreements)}</h2>
            <p class="status" role="status">{move || status.get()}</p>
            <AgreementList agreements label=|t| t.agreements status />
        </section>
    }
}

#[component]
fn Competences(id: Id) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let held = move || {
        store.with(&[Grant::KIND, Competence::KIND, Person::KIND], |r| {
            let all = Competence::all(r);
            let t = words.all();
            let mut lines: Vec<String> = r
                .all::<Grant>()
                .iter()
                .filter(|(_, g)| g.person == id)
                .filter_map(|(_, g)| {
                    let (cid, competence) = all.iter().find(|(c, _)| *c == g.competence)?;
                    let name = t.competence_name(*cid, competence);
                    let by = g.granted_by.and_then(|b| r.read::<Person>(b)).map(|p| p.name.to_string());
                    Some((t.granted_line)(&name, by.as_deref(), &t.short_day(g.granted_on)))
                })
                .collect();
            lines.sort();
            lines
        })
    };
    view! {
        <section class="card" aria-labelledby="competences-heading">
            <h2 id="competences-heading">{move || words.all().page(Page::Competences)}</h2>
            <SectionLines lines=Signal::derive(held) empty=|t| t.no_competences_held />
        </section>
    }
}

#[component]
fn HoursThisYear(id: Id) -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let line = move || {
        let at = now.at();
        let first = NaiveDate::from_ymd_opt(at.year(), 1, 1).unwrap_or(at.date());
        let hours = store.with(&KINDS_READ, |r| duty::hours(r, id, first, at.date(), at));
        let t = words.all();
        (t.agreed_and_spontaneous)(&t.minutes(hours.agreed_minutes), &t.minutes(hours.spontaneous_minutes))
    };
    view! {
        <section class="card" aria-labelledby="hours-heading">
            <h2 id="hours-heading">{move || words.all().hours_this_year}</h2>
            <p>{line}</p>
        </section>
    }
}

#[component]
fn Conversations(id: Id) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let held = move || {
        store.with(&[FollowUp::KIND, Agreement::KIND, Function::KIND], |r| {
            let agreements = r.all::<Agreement>();
            let hers = |agreement: Id| agreements.iter().any(|(i, a)| *i == agreement && a.person == id);
            let mut held: Vec<FollowUp> =
                r.all::<FollowUp>().iter().filter(|(_, f)| hers(f.agreement)).map(|(_, f)| f.clone()).collect();
            held.sort_by_key(|f| f.held_on);
            let t = words.all();
            held.into_iter()
                .map(|f| {
                    let stage = match f.stage {
                        Stage::Trial => t.trial_conversation,
                        Stage::FollowUp => t.follow_up_conversation,
                    };
                    let outcome = f.outcome.map(|o| t.outcome_name(o));
                    (t.conversation_line)(stage, &t.short_day(f.held_on), outcome, f.note.as_deref())
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" aria-labelledby="conversations-heading">
            <h2 id="conversations-heading">{move || words.all().conversations}</h2>
            <SectionLines lines=Signal::derive(held) empty=|t| t.no_conversations_yet />
        </section>
    }
}

/// A section's lines as a list, or what it says when there are none.
#[component]
fn SectionLines(lines: Signal<Vec<String>>, empty: fn(&crate::i18n::AllTexts) -> &'static str) -> impl IntoView {
    let words = use_texts();
    move || {
        let lines = lines.get();
        if lines.is_empty() {
            view! { <p class="empty">{empty(words.all())}</p> }.into_any()
        } else {
            view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
        }
    }
}

/// "2 hours on 3 March, café": hours given without checking in.
#[component]
fn HoursByHand(id: Id) -> impl IntoView {
    let (store, words, device, now) = (use_store(), use_texts(), use_device(), use_now());
    let open = RwSignal::new(false);
    let date = RwSignal::new(now.today().to_string());
    let hours = RwSignal::new(String::new());
    let function = RwSignal::new(String::new());
    let (date_error, hours_error) = (RwSignal::new(None::<String>), RwSignal::new(None::<String>));
    let status = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let Some(day) = parse_date(&date.get_untracked()) else {
            return date_error.set(Some(t.enter_date.into()));
        };
        let function = function.get_untracked().parse::<Id>().ok();
        match store.add_hours(id, function, day, &hours.get_untracked(), device.me.get_untracked()) {
            Ok(minutes) => {
                status.set(Some((t.hours_added)(&t.minutes(minutes), &t.short_day(day))));
                hours.set(String::new());
                open.set(false);
            }
            Err(flok_core::stays::HoursError::InFuture) => {
                date_error.set(Some((t.hours_error)(&flok_core::stays::HoursError::InFuture).into()))
            }
            Err(refused) => hours_error.set(Some((t.hours_error)(&refused).into())),
        }
    };
    let clear = Callback::new(move |()| {
        date_error.set(None);
        hours_error.set(None);
    });
    view! {
        <section class="card" aria-labelledby="by-hand-heading">
            <h2 id="by-hand-heading">{move || words.all().hours_by_hand}</h2>
            <p class="help">{move || words.all().hours_by_hand_help}</p>
            <button type="button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || words.all().add_hours}
            </button>
            <Show when=move || open.get()>
                <form class="inline-form" aria-label=move || words.all().add_hours novalidate on:submit=submit>
                    <div class="pause-fields">
                        <FormField id="by-hand-date" label=|w| w.all().date kind="date" min="1900-01-01" max="2200-12-31" value=date
                            error=date_error on_edit=clear />
                        <FormField id="by-hand-hours" label=|w| w.all().hours kind="text" inputmode="decimal" value=hours
                            error=hours_error on_edit=clear />
                    </div>
                    <FormField id="by-hand-function" label=|w| w.all().function value=function>
                        <option value="">{move || words.all().no_function_spontaneous}</option>
                        <FunctionOptions selected=chosen(function) />
                    </FormField>
                    <SaveOrCancel on_cancel=Callback::new(move |()| open.set(false)) />
                </form>
            </Show>
            <p class="status" role="status">{move || status.get()}</p>
            <EnteredByHand id />
        </section>
    }
}

/// The hours entered by hand for the person, newest first, each with who
/// entered it and Remove (a typing mistake is taken out, not left to count).
#[component]
fn EnteredByHand(id: Id) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let entered = Memo::new(move |_| {
        store.with(&[CheckIn::KIND], |r| {
            let mut entered: Vec<(Id, CheckIn)> =
                r.all::<CheckIn>().iter().filter(|(_, s)| s.person == id && s.by_hand).cloned().collect();
            entered.sort_unstable_by_key(|(i, s)| (std::cmp::Reverse(s.checked_in), *i));
            entered
        })
    });
    view! {
        <Show when=move || entered.with(|e| !e.is_empty())>
            <ul class="by-hand" aria-label=move || words.all().hours_by_hand>
                {move || entered.get().into_iter().map(|(entry, stay)| {
                    let t = words.all();
                    let function = stay.function.and_then(|f| store.read::<Function>(f)).map(|f| f.name);
                    let what = (t.hours_entry)(
                        &t.minutes(stay.minutes().unwrap_or(0)),
                        &t.short_day(stay.checked_in.date()),
                        function.as_deref(),
                    );
                    let by = stay.recorded_by.map(|b| format!(" ({})", (t.recorded_by)(&store.name_of(b))));
                    let label = (t.remove_named)(&what);
                    view! {
                        <li>
                            {format!("{what}{}", by.unwrap_or_default())}
                            " "
                            <button type="button" aria-label=label on:click=move |_| store.remove_hours(entry)>
                                {t.remove}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
