//! Agreements (*faste aftaler*): who does which function, on which days, at
//! what time, from when, with which buddy. The editor shows the next five
//! dates before saving, and refuses a pattern that makes no sense beside the
//! field at fault.

use chrono::{NaiveDate, NaiveTime, Weekday};
use flok_core::model::{Agreement, Function, Person};
use flok_core::recurrence::{Nth, Recurrence, Schedule, ScheduleError};
use flok_core::{Entity, Id};
use leptos::prelude::*;

use crate::components::adding::{chosen, AddPanel, PersonOptions, SaveOrCancel};
use crate::components::field::{EmptyList, FormField};
use crate::components::page_heading::PageHeading;
use crate::i18n::Texts;
use crate::route::Page;
use crate::state::{use_now, use_store, use_texts, Store, Words};

const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
const NTHS: [Nth; 5] = [Nth::First, Nth::Second, Nth::Third, Nth::Fourth, Nth::Last];

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let agreements = Memo::new(move |_| {
        store.with(&[Agreement::KIND, Person::KIND], |r| {
            let mut all = r.all::<Agreement>().to_vec();
            let name = |id| r.read::<Person>(id).map(|p| p.name.sort_key()).unwrap_or_default();
            all.sort_by_cached_key(|(id, a)| (name(a.person), a.schedule.first_day, *id));
            all
        })
    });
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.t().page(Page::Agreements)) />
            <AddPanel label=|t| t.add_agreement form=|on_added, on_cancel| view! { <AgreementForm on_added on_cancel /> } />
            <Show
                when=move || agreements.with(|a| !a.is_empty())
                fallback=|| view! { <EmptyList text=|t| t.no_agreements_yet /> }
            >
                <ul class="agreements" aria-label=move || words.t().all_agreements>
                    <For each=move || agreements.get() key=|(id, a)| (*id, a.clone()) let:entry>
                        <li class="agreement">{move || agreement_lines(store, words, &entry.1)}</li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// An agreement as lines: who and what, the pattern, the times and dates, the buddy.
fn agreement_lines(store: Store, words: Words, a: &Agreement) -> impl IntoView {
    let t = words.t();
    let function = store.read::<Function>(a.function).map(|f| f.name).unwrap_or_default();
    let s = &a.schedule;
    let dates = match s.last_day {
        Some(last) => (t.from_to_day)(&t.short_day(s.first_day), &t.short_day(last)),
        None => (t.from_day)(&t.short_day(s.first_day)),
    };
    let buddy = a.buddy.map(|b| (t.buddy_is)(&store.name_of(b)));
    view! {
        <p class="agreement-who">{format!("{} · {function}", store.name_of(a.person))}</p>
        <p class="agreement-when">{format!("{}, {}, {dates}", t.recurrence(&s.recurrence), t.times(s.starts, s.ends))}</p>
        {buddy.map(|b| view! { <p class="shift-detail">{b}</p> })}
    }
}

/// What is wrong with the agreement as entered; each shows beside its field.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Person,
    Function,
    Starts,
    Ends,
    FirstDay,
    LastDay,
    Schedule(ScheduleError),
}

fn problem_text(t: &Texts, problem: &Problem) -> String {
    match problem {
        Problem::Person => t.choose_person.into(),
        Problem::Function => t.choose_function.into(),
        Problem::Starts | Problem::Ends => t.enter_time.into(),
        Problem::FirstDay | Problem::LastDay => t.enter_date.into(),
        Problem::Schedule(ScheduleError::NoWeekday) => t.no_weekday.into(),
        Problem::Schedule(ScheduleError::Interval) => (t.interval_range)(Schedule::MAX_INTERVAL),
        Problem::Schedule(ScheduleError::EndsBeforeStart) => t.ends_before_start.into(),
        Problem::Schedule(ScheduleError::LastDayBeforeFirst) => t.last_before_first.into(),
        Problem::Schedule(ScheduleError::DateOutOfRange) => t.date_out_of_range.into(),
    }
}

/// Which field a problem belongs beside.
fn field_of(problem: &Problem) -> &'static str {
    match problem {
        Problem::Person => "person",
        Problem::Function => "function",
        Problem::Starts => "starts",
        Problem::Ends | Problem::Schedule(ScheduleError::EndsBeforeStart) => "ends",
        Problem::FirstDay | Problem::Schedule(ScheduleError::DateOutOfRange) => "first-day",
        Problem::LastDay | Problem::Schedule(ScheduleError::LastDayBeforeFirst) => "last-day",
        Problem::Schedule(ScheduleError::NoWeekday) => "weekdays",
        Problem::Schedule(ScheduleError::Interval) => "interval",
    }
}

/// Accepts "10:00" (what a time field gives) and "10.00" (as Danes write it).
fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H.%M")).ok()
}

#[component]
fn AgreementForm(on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let person = RwSignal::new(String::new());
    let function = RwSignal::new(String::new());
    let buddy = RwSignal::new(String::new());
    let monthly = RwSignal::new(false);
    let weekdays = RwSignal::new([false; 7]);
    let interval = RwSignal::new("1".to_owned());
    let nth = RwSignal::new(0usize);
    let month_weekday = RwSignal::new(0usize);
    let starts = RwSignal::new("10:00".to_owned());
    let ends = RwSignal::new("13:00".to_owned());
    let now = use_now();
    let first_day = RwSignal::new(now.today().to_string());
    let last_day = RwSignal::new(String::new());
    let tried = RwSignal::new(false);

    let schedule = move || -> Result<Schedule, Problem> {
        let recurrence = if monthly.get() {
            Recurrence::Monthly { nth: NTHS[nth.get()], weekday: WEEKDAYS[month_weekday.get()] }
        } else {
            let chosen = weekdays.get();
            let days = WEEKDAYS.into_iter().zip(chosen).filter(|(_, on)| *on).map(|(d, _)| d).collect();
            let interval = interval.get().trim().parse::<u8>().unwrap_or(0);
            Recurrence::Weekly { weekdays: days, interval }
        };
        let starts = parse_time(&starts.get()).ok_or(Problem::Starts)?;
        let ends = parse_time(&ends.get()).ok_or(Problem::Ends)?;
        let first = first_day.get().parse::<NaiveDate>().map_err(|_| Problem::FirstDay)?;
        let last = match last_day.get().trim() {
            "" => None,
            text => Some(text.parse::<NaiveDate>().map_err(|_| Problem::LastDay)?),
        };
        Schedule::new(recurrence, starts, ends, first, last).map_err(Problem::Schedule)
    };
    let agreement = move || -> Result<Agreement, Problem> {
        let person = person.get().parse::<Id>().map_err(|_| Problem::Person)?;
        let function = function.get().parse::<Id>().map_err(|_| Problem::Function)?;
        let buddy = buddy.get().parse::<Id>().ok().filter(|b| *b != person);
        Ok(Agreement { person, function, schedule: schedule()?, buddy })
    };
    let problem = move || if tried.get() { agreement().err() } else { None };
    let message =
        move |field: &'static str| problem().filter(|p| field_of(p) == field).map(|p| problem_text(words.t(), &p));
    let error = move |field: &'static str| Signal::derive(move || message(field));
    let invalid = move |field: &'static str| message(field).is_some().to_string();
    let preview = move || {
        schedule().ok().map(|s| {
            let t = words.t();
            s.next_dates(now.today().max(s.first_day), 5).into_iter().map(|d| t.long_day(d)).collect::<Vec<_>>()
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(agreement) = agreement() {
            store.add_agreement(&agreement);
            on_added.run(store.name_of(agreement.person));
        }
    };
    let field = |name: &str| format!("agreement-{name}");
    let error_id = |name: &str| format!("agreement-{name}-error");
    let functions = Memo::new(move |_| store.with(&[Function::KIND], Function::by_name));

    view! {
        <form class="card" aria-label=move || words.t().new_agreement novalidate on:submit=submit>
            <FormField id=field("person") label=|t| t.person value=person error=error("person")>
                <option value="">{move || words.t().choose}</option>
                <PersonOptions selected=chosen(person) />
            </FormField>
            <FormField id=field("function") label=|t| t.function value=function error=error("function")>
                <option value="">{move || words.t().choose}</option>
                <For each=move || functions.get() key=|(id, f)| (*id, f.name.clone()) let:entry>
                    <option value=entry.0.to_string() prop:selected=move || function.get() == entry.0.to_string()>{entry.1.name}</option>
                </For>
            </FormField>
            <fieldset class="field">
                <legend>{move || words.t().repeats}</legend>
                <div class="choices">
                    <label class="choice">
                        <input type="radio" name="agreement-repeats" prop:checked=move || !monthly.get()
                            on:change=move |_| monthly.set(false) />
                        {move || words.t().weekly}
                    </label>
                    <label class="choice">
                        <input type="radio" name="agreement-repeats" prop:checked=move || monthly.get()
                            on:change=move |_| monthly.set(true) />
                        {move || words.t().monthly}
                    </label>
                </div>
            </fieldset>
            <Show
                when=move || monthly.get()
                fallback=move || view! {
                    <fieldset class="field" aria-invalid=move || invalid("weekdays") aria-describedby=error_id("weekdays")>
                        <legend>{move || words.t().on_weekdays}</legend>
                        <div class="choices weekdays">
                            {(0..7).map(|i| view! {
                                <label class="choice">
                                    <input type="checkbox" prop:checked=move || weekdays.get()[i]
                                        on:change=move |ev| weekdays.update(|w| w[i] = event_target_checked(&ev)) />
                                    {move || words.t().weekdays[i]}
                                </label>
                            }).collect_view()}
                        </div>
                        <p id=error_id("weekdays") class="field-error">{move || message("weekdays")}</p>
                    </fieldset>
                    <FormField id=field("interval") label=|t| t.every_how_many_weeks kind="number" inputmode="numeric"
                        min="1" max=Schedule::MAX_INTERVAL.to_string() value=interval error=error("interval") />
                }
            >
                <div class="pause-fields">
                    <div class="field">
                        <label for=field("nth")>{move || words.t().which_week}</label>
                        <select id=field("nth") on:change=move |ev| nth.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {(0..5).map(|i| view! { <option value=i.to_string() selected=move || nth.get() == i>{move || words.t().nth[i]}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=field("weekday")>{move || words.t().weekday}</label>
                        <select id=field("weekday") on:change=move |ev| month_weekday.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {(0..7).map(|i| view! { <option value=i.to_string() selected=move || month_weekday.get() == i>{move || words.t().weekdays[i]}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
            </Show>
            <div class="pause-fields">
                <FormField id=field("starts") label=|t| t.starts kind="time" value=starts error=error("starts") />
                <FormField id=field("ends") label=|t| t.ends kind="time" value=ends error=error("ends") />
                <FormField id=field("first-day") label=|t| t.first_day kind="date" min="1900-01-01" max="2200-12-31"
                    value=first_day error=error("first-day") />
                <FormField id=field("last-day") label=|t| t.last_day_optional kind="date" min="1900-01-01" max="2200-12-31"
                    value=last_day error=error("last-day") />
            </div>
            <FormField id=field("buddy") label=|t| t.buddy value=buddy>
                <option value="">{move || words.t().no_buddy}</option>
                <PersonOptions selected=chosen(buddy) />
            </FormField>
            <section class="preview" aria-labelledby="agreement-preview-heading">
                <h3 id="agreement-preview-heading">{move || words.t().next_five_dates}</h3>
                {move || match preview() {
                    Some(dates) => view! {
                        <ol class="preview-dates">{dates.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ol>
                    }.into_any(),
                    None => view! { <p class="empty">"—"</p> }.into_any(),
                }}
            </section>
            <SaveOrCancel on_cancel />
        </form>
    }
}
