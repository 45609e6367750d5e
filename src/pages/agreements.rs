//! Agreements (*faste aftaler*): who does which function, on which days, at
//! what time, from when, with which buddy. The editor shows the next five
//! dates before saving, and refuses a pattern that makes no sense beside the
//! field at fault. An agreement changes from a chosen date on (the shifts
//! before stay as they were), ends on a last day, or is deleted.

use chrono::{NaiveDate, NaiveTime, Weekday};
use flok_core::model::{Agreement, AgreementError, Function, Lines, Person};
use flok_core::recurrence::{Nth, Recurrence, Schedule, ScheduleError};
use flok_core::{Entity, Id, Replica};
use leptos::prelude::*;

use crate::components::adding::{chosen, AddPanel, FunctionOptions, PersonOptions, SaveOrCancel};
use crate::components::field::{EmptyList, FormField};
use crate::components::page_heading::PageHeading;
use crate::form_values::{parse_date, parse_time, time_value};
use crate::i18n::AllTexts;
use crate::route::Page;
use crate::slices::rows_in_parts;
use crate::state::{use_now, use_store, use_texts, wall_today, Store, Words};

const WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
const NTHS: [Nth; 5] = [Nth::First, Nth::Second, Nth::Third, Nth::Fourth, Nth::Last];

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    // Each agreement with its last day as its line decides (a change from a
    // date ends the one before).
    let agreements = Memo::new(move |_| {
        store.with(&[Agreement::KIND, Person::KIND], |r| {
            let name = |id| r.read::<Person>(id).map(|p| p.name.sort_key()).unwrap_or_default();
            let mut all = listed(r, |_| true);
            all.sort_by_cached_key(|(id, a, _)| (name(a.person), a.line(*id), a.schedule.first_day));
            all
        })
    });
    // Said on the page: a change re-draws the agreement's row.
    let status = RwSignal::new(None::<String>);
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Agreements)) />
            <AddPanel label=|t| t.add_agreement form=|on_added, on_cancel| view! { <AgreementForm editing=None on_added on_cancel /> } />
            <p class="status" role="status">{move || status.get()}</p>
            <AgreementList agreements label=|t| t.all_agreements status />
        </section>
    }
}

/// An agreement as listed, with its last day as its line decides.
pub type Listed = (Id, Agreement, Option<NaiveDate>);

/// The agreements `keep` picks, each with its last day as its line decides
/// (a change from a date ends the one before).
pub fn listed(replica: &Replica, keep: impl Fn(&Agreement) -> bool) -> Vec<Listed> {
    let all = replica.all::<Agreement>();
    let lines = Lines::of(&all);
    all.iter().filter(|(_, a)| keep(a)).map(|(id, a)| (*id, a.clone(), lines.last_day(*id, a))).collect()
}

/// Agreements, each with Change, End and Delete; what was done is said in `status`.
#[component]
pub fn AgreementList(
    agreements: Memo<Vec<Listed>>,
    label: fn(&AllTexts) -> &'static str,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let words = use_texts();
    let drawn = rows_in_parts(Signal::derive(move || agreements.with(Vec::len)));
    view! {
        <Show
            when=move || agreements.with(|a| !a.is_empty())
            fallback=|| view! { <EmptyList text=|w| w.all().no_agreements_yet /> }
        >
            <ul class="agreements" aria-label=move || label(words.all())>
                <For each=move || agreements.with(|a| a.iter().take(drawn.get()).cloned().collect::<Vec<_>>()) key=|entry| entry.clone() let:entry>
                    <AgreementRow id=entry.0 agreement=entry.1 last_day=entry.2 status />
                </For>
            </ul>
        </Show>
    }
}

/// What is open beside one agreement.
#[derive(Clone, Copy, PartialEq)]
enum Editing {
    None,
    Change,
    End,
    Delete,
}

/// One agreement: who, what and when, and Change, End and Delete.
#[component]
fn AgreementRow(
    id: Id,
    agreement: Agreement,
    last_day: Option<NaiveDate>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let open = RwSignal::new(Editing::None);
    let who = store.name_of(agreement.person);
    let lines = agreement_lines(store, words, &agreement, last_day);
    let toggle = move |editing: Editing| open.update(|o| *o = if *o == editing { Editing::None } else { editing });
    let done = Callback::new(move |message: String| {
        status.set(Some(message));
        open.set(Editing::None);
    });
    let close = Callback::new(move |()| open.set(Editing::None));
    let labels = {
        let t = words.all();
        [(t.change_agreement_of)(&who), (t.end_agreement_of)(&who), (t.delete_agreement_of)(&who)]
    };
    let [change_label, end_label, delete_label] = labels.clone();
    // An agreement over (a later one of its line took over, or its last day
    // has passed) is history: it can be deleted, not changed or ended.
    let running = last_day.is_none_or(|last| last >= wall_today());
    view! {
        <li class="agreement">
            {lines}
            <div class="actions">
                <Show when=move || running>
                    <button type="button" aria-label=change_label.clone() aria-expanded=move || (open.get() == Editing::Change).to_string()
                        on:click=move |_| toggle(Editing::Change)>{move || words.all().change}</button>
                    <button type="button" aria-label=end_label.clone() aria-expanded=move || (open.get() == Editing::End).to_string()
                        on:click=move |_| toggle(Editing::End)>{move || words.all().end}</button>
                </Show>
                <button type="button" class="danger" aria-label=delete_label aria-expanded=move || (open.get() == Editing::Delete).to_string()
                    on:click=move |_| toggle(Editing::Delete)>{move || words.all().delete}</button>
            </div>
            {move || match open.get() {
                Editing::None => None,
                Editing::Change => Some(view! {
                    <AgreementForm editing=Some(id) on_added=Callback::new(move |_| done.run(words.all().agreement_changed.into())) on_cancel=close />
                }.into_any()),
                Editing::End => Some(view! { <EndAgreement id label=labels[1].clone() done close /> }.into_any()),
                Editing::Delete => Some(view! {
                    <div class="confirm" role="group" aria-label=labels[2].clone()>
                        <p>{move || words.all().delete_agreement_warning}</p>
                        <div class="actions">
                            <button type="button" class="danger" on:click=move |_| store.delete_agreement(id)>
                                {move || words.all().confirm_delete}
                            </button>
                            <button type="button" on:click=move |_| close.run(())>{move || words.all().keep}</button>
                        </div>
                    </div>
                }.into_any()),
            }}
        </li>
    }
}

/// End an agreement: its last day.
#[component]
pub fn EndAgreement(id: Id, label: String, done: Callback<String>, close: Callback<()>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let last = RwSignal::new(wall_today().to_string());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let Some(day) = parse_date(&last.get_untracked()) else {
            return error.set(Some(t.enter_date.into()));
        };
        match store.end_agreement(id, day) {
            Ok(()) => done.run((t.agreement_ends)(&t.long_day(day))),
            Err(refused) => error.set(Some(agreement_error(t, &refused).into())),
        }
    };
    view! {
        <form class="inline-form" aria-label=label novalidate on:submit=submit>
            <FormField id=format!("end-{id}") label=|w| w.all().last_day kind="date" min="1900-01-01" max="2200-12-31" value=last error=error />
            <SaveOrCancel on_cancel=close />
        </form>
    }
}

fn agreement_error(t: &AllTexts, error: &AgreementError) -> &'static str {
    match error {
        AgreementError::BeforeStart => t.before_agreement_started,
        AgreementError::AfterEnd => t.after_agreement_ended,
        AgreementError::Gone => t.agreement_gone,
    }
}

/// An agreement as lines: who and what, the pattern, the times and dates, the buddy.
fn agreement_lines(store: Store, words: Words, a: &Agreement, last_day: Option<NaiveDate>) -> impl IntoView {
    let t = words.all();
    let function = store.read::<Function>(a.function).map(|f| f.name).unwrap_or_default();
    let s = &a.schedule;
    let dates = match last_day {
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
    Change(AgreementError),
}

fn problem_text(t: &AllTexts, problem: &Problem) -> String {
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
        Problem::Change(refused) => agreement_error(t, refused).into(),
    }
}

/// Which field a problem belongs beside.
fn field_of(problem: &Problem) -> &'static str {
    match problem {
        Problem::Person => "person",
        Problem::Function => "function",
        Problem::Starts => "starts",
        Problem::Ends | Problem::Schedule(ScheduleError::EndsBeforeStart) => "ends",
        Problem::FirstDay | Problem::Schedule(ScheduleError::DateOutOfRange) | Problem::Change(_) => "first-day",
        Problem::LastDay | Problem::Schedule(ScheduleError::LastDayBeforeFirst) => "last-day",
        Problem::Schedule(ScheduleError::NoWeekday) => "weekdays",
        Problem::Schedule(ScheduleError::Interval) => "interval",
    }
}

/// Adds an agreement, or with `editing` changes one from a chosen date on.
#[component]
pub fn AgreementForm(editing: Option<Id>, on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let saved = editing.and_then(|id| store.read::<Agreement>(id));
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let person = text(saved.as_ref().map(|a| a.person.to_string()));
    let function = text(saved.as_ref().map(|a| a.function.to_string()));
    let buddy = text(saved.as_ref().and_then(|a| a.buddy).map(|b| b.to_string()));
    let (mut days, mut every, mut month_week, mut month_day) = ([false; 7], 1, 0, 0);
    match saved.as_ref().map(|a| &a.schedule.recurrence) {
        Some(Recurrence::Weekly { weekdays, interval }) => {
            weekdays.iter().for_each(|d| days[d.num_days_from_monday() as usize] = true);
            every = *interval;
        }
        Some(Recurrence::Monthly { nth, weekday }) => {
            month_week = NTHS.iter().position(|n| n == nth).unwrap_or(0);
            month_day = weekday.num_days_from_monday() as usize;
        }
        None => {}
    }
    let monthly =
        RwSignal::new(matches!(saved.as_ref().map(|a| &a.schedule.recurrence), Some(Recurrence::Monthly { .. })));
    let weekdays = RwSignal::new(days);
    let interval = RwSignal::new(every.to_string());
    let nth = RwSignal::new(month_week);
    let month_weekday = RwSignal::new(month_day);
    let time = |at: Option<NaiveTime>, default: &str| RwSignal::new(at.map_or(default.to_owned(), time_value));
    let starts = time(saved.as_ref().map(|a| a.schedule.starts), "10:00");
    let ends = time(saved.as_ref().map(|a| a.schedule.ends), "13:00");
    let now = use_now();
    // A change applies from today (or the agreement's start, if later).
    let from = saved.as_ref().map_or(now.today(), |a| a.schedule.first_day.max(now.today()));
    let first_day = RwSignal::new(from.to_string());
    let last_day = text(saved.as_ref().and_then(|a| a.schedule.last_day).map(|d| d.to_string()));
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
        Ok(Agreement { person, function, schedule: schedule()?, buddy, follows: None })
    };
    // Why the last save was refused by the agreement's line (a date before it started).
    let refusal = RwSignal::new(None::<AgreementError>);
    let problem = move || {
        let shown = tried.get().then(|| agreement().err()).flatten();
        shown.or_else(|| refusal.get().map(Problem::Change))
    };
    let message =
        move |field: &'static str| problem().filter(|p| field_of(p) == field).map(|p| problem_text(words.all(), &p));
    let error = move |field: &'static str| Signal::derive(move || message(field));
    let invalid = move |field: &'static str| message(field).is_some().to_string();
    let preview = move || {
        schedule().ok().map(|s| {
            let t = words.all();
            s.next_dates(now.today().max(s.first_day), 5).into_iter().map(|d| t.long_day(d)).collect::<Vec<_>>()
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let Ok(agreement) = agreement() else { return };
        let name = store.name_of(agreement.person);
        match editing {
            None => store.add_agreement(&agreement),
            Some(id) => {
                let from = agreement.schedule.first_day;
                if let Err(refused) = store.change_agreement(id, agreement, from) {
                    return refusal.set(Some(refused));
                }
            }
        }
        on_added.run(name);
    };
    // Ids unique to this form: an agreement's editor can be open beside the new one's.
    let field = move |name: &str| format!("agreement-{}-{name}", editing.map_or("new".to_owned(), |id| id.to_string()));
    let error_id = move |name: &str| format!("{}-error", field(name));
    let repeats = field("repeats");
    let preview_heading = field("preview-heading");
    let saved_name = saved.as_ref().map(|a| store.name_of(a.person)).unwrap_or_default();
    let first_label: fn(Words) -> &'static str =
        if editing.is_some() { |w| w.all().changes_from } else { |w| w.all().first_day };
    let form_label = move || match editing {
        Some(_) => (words.all().change_agreement_of)(&saved_name),
        None => words.all().new_agreement.to_owned(),
    };

    view! {
        <form class="card" aria-label=form_label novalidate on:submit=submit>
            <FormField id=field("person") label=|w| w.all().person value=person error=error("person")>
                <option value="">{move || words.all().choose}</option>
                <PersonOptions selected=chosen(person) />
            </FormField>
            <FormField id=field("function") label=|w| w.all().function value=function error=error("function")>
                <option value="">{move || words.all().choose}</option>
                <FunctionOptions selected=chosen(function) />
            </FormField>
            <fieldset class="field">
                <legend>{move || words.all().repeats}</legend>
                <div class="choices">
                    <label class="choice">
                        <input type="radio" name=repeats.clone() prop:checked=move || !monthly.get()
                            on:change=move |_| monthly.set(false) />
                        {move || words.all().weekly}
                    </label>
                    <label class="choice">
                        <input type="radio" name=repeats.clone() prop:checked=move || monthly.get()
                            on:change=move |_| monthly.set(true) />
                        {move || words.all().monthly}
                    </label>
                </div>
            </fieldset>
            <Show
                when=move || monthly.get()
                fallback=move || view! {
                    <fieldset class="field" aria-invalid=move || invalid("weekdays") aria-describedby=error_id("weekdays")>
                        <legend>{move || words.all().on_weekdays}</legend>
                        <div class="choices weekdays">
                            {(0..7).map(|i| view! {
                                <label class="choice">
                                    <input type="checkbox" prop:checked=move || weekdays.get()[i]
                                        on:change=move |ev| weekdays.update(|w| w[i] = event_target_checked(&ev)) />
                                    {move || words.all().weekdays[i]}
                                </label>
                            }).collect_view()}
                        </div>
                        <p id=error_id("weekdays") class="field-error">{move || message("weekdays")}</p>
                    </fieldset>
                    <FormField id=field("interval") label=|w| w.all().every_how_many_weeks kind="number" inputmode="numeric"
                        min="1" max=Schedule::MAX_INTERVAL.to_string() value=interval error=error("interval") />
                }
            >
                <div class="pause-fields">
                    <div class="field">
                        <label for=field("nth")>{move || words.all().which_week}</label>
                        <select id=field("nth") on:change=move |ev| nth.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {(0..5).map(|i| view! { <option value=i.to_string() selected=move || nth.get() == i>{move || words.all().nth[i]}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=field("weekday")>{move || words.all().weekday}</label>
                        <select id=field("weekday") on:change=move |ev| month_weekday.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {(0..7).map(|i| view! { <option value=i.to_string() selected=move || month_weekday.get() == i>{move || words.all().weekdays[i]}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
            </Show>
            <div class="pause-fields">
                <FormField id=field("starts") label=|w| w.all().starts kind="time" value=starts error=error("starts") />
                <FormField id=field("ends") label=|w| w.all().ends kind="time" value=ends error=error("ends") />
                <FormField id=field("first-day") label=first_label kind="date" min="1900-01-01" max="2200-12-31"
                    on_edit=Callback::new(move |()| refusal.set(None))
                    value=first_day error=error("first-day") />
                <FormField id=field("last-day") label=|w| w.all().last_day_optional kind="date" min="1900-01-01" max="2200-12-31"
                    value=last_day error=error("last-day") />
            </div>
            <FormField id=field("buddy") label=|w| w.all().buddy value=buddy>
                <option value="">{move || words.all().no_buddy}</option>
                <PersonOptions selected=chosen(buddy) />
            </FormField>
            <section class="preview" aria-labelledby=preview_heading.clone()>
                <h3 id=preview_heading.clone()>{move || words.all().next_five_dates}</h3>
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
