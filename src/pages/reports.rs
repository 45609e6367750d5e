//! Reports: hours per person, function or month for a chosen period, as a
//! table and as a bar chart (inline SVG, coloured by the theme); the year's
//! thank-you list; and a CSV download, optionally for Danish spreadsheets.

use chrono::{Datelike, Days, NaiveDate};
use flok_core::attendance::{self, Attendance};
use flok_core::duty::KINDS_READ;
use flok_core::model::Person;
use flok_core::report::{self, CsvStyle, GroupBy, Row};
use leptos::prelude::*;

use crate::components::field::FormField;
use crate::components::history::WithHistory;
use crate::components::page_heading::PageHeading;
use crate::files;
use crate::i18n::AllTexts;
use crate::route::Page;
use crate::slices::{after_this_task, next_task};
use crate::state::{use_store, use_texts, wall_now, wall_today};

const GROUPS: [GroupBy; 3] = [GroupBy::Person, GroupBy::Function, GroupBy::Month];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let day = wall_today();
    let from = RwSignal::new(NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day).to_string());
    let to = RwSignal::new(day.to_string());
    let by = RwSignal::new("0".to_owned());
    let group = move || GROUPS[by.get().parse::<usize>().unwrap_or(0).min(2)];
    let danish = RwSignal::new(words.lang() == crate::i18n::Lang::Da);
    let period = move || -> Option<(NaiveDate, NaiveDate)> {
        let (from, to) = (from.get().parse::<NaiveDate>().ok()?, to.get().parse::<NaiveDate>().ok()?);
        (from <= to).then_some((from, to))
    };
    let rows = Memo::new(move |_| {
        // As of the moment the data or the period changed: reports of years
        // are not re-read every minute for a forgotten check-out's sake.
        let at = wall_now();
        period().map(|(from, to)| {
            crate::perf::measure("flok:report", || {
                store.with(&KINDS_READ, |r| report::report(r, from, to, group(), at))
            })
        })
    });
    let status = RwSignal::new(None::<&'static str>);
    // The table and chart are drawn a task after the page: with the page
    // left behind (two hundred people, say), one task would keep a phone
    // busy for too long.
    let drawn = after_this_task();
    let download = move |_| {
        if !store.history.get_untracked() {
            return;
        }
        let (Some((from, to)), Some(rows)) = (period(), rows.get_untracked()) else { return };
        let t = words.all();
        let first = match group() {
            GroupBy::Person => t.person,
            GroupBy::Function => t.function,
            GroupBy::Month => t.month,
        };
        let header = [first, t.agreed_hours, t.spontaneous_hours, t.cancellations, t.open_places_column];
        let labelled: Vec<Row> = rows.into_iter().map(|r| Row { label: label(t, &r.label), ..r }).collect();
        let style = if danish.get_untracked() { CsvStyle::Danish } else { CsvStyle::International };
        let csv = report::to_csv_headed(&labelled, header, style);
        let name = format!("flok-report-{from}-{to}.csv");
        status.set(
            files::Outgoing::text(name, &csv, "text/csv;charset=utf-8")
                .and_then(|file| file.download())
                .err()
                .map(|_| t.could_not_save_file),
        );
    };

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Reports)) />
            <div class="pause-fields">
                <FormField id="report-from" label=|w| w.all().from kind="date" min="1900-01-01" max="2200-12-31" value=from />
                <FormField id="report-to" label=|w| w.all().to kind="date" min="1900-01-01" max="2200-12-31" value=to
                    error=Signal::derive(move || period().is_none().then(|| words.all().period_backwards.to_owned())) />
                <FormField id="report-by" label=|w| w.all().rows value=by>
                    <option value="0">{move || words.all().per_person}</option>
                    <option value="1">{move || words.all().per_function}</option>
                    <option value="2">{move || words.all().per_month}</option>
                </FormField>
            </div>
            {move || match (drawn.get(), store.history.get()) {
                (true, true) => rows.get().map(|rows| view! {
                    <ReportTable rows=rows.clone() by=group() />
                    <HoursChart rows />
                    {period().map(|(from, to)| view! { <AttendanceTable from to /> })}
                }.into_any()),
                (_, false) => Some(view! { <p class="status" role="status">{move || words.all().reading_history}</p> }.into_any()),
                (false, true) => Some(view! { <p class="status" role="status">{move || words.all().loading}</p> }.into_any()),
            }}
            <div class="field check">
                <input id="report-danish" type="checkbox" prop:checked=move || danish.get()
                    on:change=move |ev| danish.set(event_target_checked(&ev)) />
                <label for="report-danish">{move || words.all().danish_spreadsheet}</label>
            </div>
            <div class="actions">
                <button type="button" class="primary" on:click=download>{move || words.all().download_csv}</button>
            </div>
            <p class="status" role="status">{move || status.get()}</p>
            <WithHistory>
                <ThankYouList year=Signal::derive(move || to.get().parse::<NaiveDate>().map_or(day.year(), |d| d.year())) />
            </WithHistory>
        </section>
    }
}

/// Attendance per person in the period: due, came, cancelled (short
/// notice), missing. For planning; no score.
#[component]
fn AttendanceTable(from: NaiveDate, to: NaiveDate) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    // Counted a month a task, after the hours table: a year of two hundred
    // people's shifts took 60-80 ms in one task here, 250 ms at 4x slower.
    let rows = RwSignal::new(Vec::<(String, Attendance)>::new());
    let counting = StoredValue::new(0_u32);
    Effect::new(move || {
        store.track(&KINDS_READ);
        let this = counting.with_value(|run| run + 1);
        counting.set_value(this);
        leptos::task::spawn_local(async move {
            let (now, mut all, mut start) = (wall_now(), Vec::new(), Some(from));
            while let Some(first) = start.filter(|day| *day <= to) {
                next_task().await;
                // A later count (the data changed) or the page left: this one is over.
                if counting.try_get_value() != Some(this) {
                    return;
                }
                let last = first.checked_add_days(Days::new(30)).map_or(to, |day| day.min(to));
                store.with_untracked(|r| attendance::add_attendance(&mut all, r, first, last, now));
                start = last.succ_opt();
            }
            let mut named: Vec<(String, Attendance)> = store.with_untracked(|r| {
                all.into_iter()
                    .map(|(id, a)| (r.read::<Person>(id).map(|p| p.name.to_string()).unwrap_or_default(), a))
                    .collect()
            });
            named.sort_by_cached_key(|(name, _)| name.to_lowercase());
            let _ = rows.try_set(named);
        });
    });
    view! {
        {move || {
            let t = words.all();
            let rows = rows.get();
            (!rows.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" aria-label=t.attendance tabindex="0">
                    <table>
                        <caption>{t.attendance}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.person}</th>
                                <th scope="col">{t.shifts_due}</th>
                                <th scope="col">{t.came_column}</th>
                                <th scope="col">{t.cancelled_column}</th>
                                <th scope="col">{t.missing}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|(name, a)| view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td>{a.expected}</td>
                                    <td>{a.came}</td>
                                    <td>{(t.cancelled_count)(a.cancelled, a.short_notice)}</td>
                                    <td>{a.missing}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="help">{t.attendance_help}</p>
                </div>
            })
        }}
    }
}

/// A row's label for people: placeholders translated, months named.
fn label(t: &AllTexts, raw: &str) -> String {
    let month = raw.split_once('-').and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)));
    match month {
        Some((year, m)) if (1..=12).contains(&m) && raw.len() == 7 => format!("{} {year}", t.months[m - 1]),
        _ => t.report_label(raw),
    }
}

#[component]
fn ReportTable(rows: Vec<Row>, by: GroupBy) -> impl IntoView {
    let words = use_texts();
    let t = words.all();
    if rows.is_empty() {
        return view! { <p class="empty">{t.nothing_in_period}</p> }.into_any();
    }
    let first = match by {
        GroupBy::Person => t.person,
        GroupBy::Function => t.function,
        GroupBy::Month => t.month,
    };
    view! {
        <div class="table-scroll" role="region" aria-label=t.hours_table tabindex="0">
            <table>
                <caption>{t.hours_table}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        <th scope="col">{t.agreed_hours}</th>
                        <th scope="col">{t.spontaneous_hours}</th>
                        <th scope="col">{t.cancellations}</th>
                        <th scope="col">{t.open_places_column}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{label(t, &r.label)}</th>
                            <td>{t.minutes(r.agreed_minutes)}</td>
                            <td>{t.minutes(r.spontaneous_minutes)}</td>
                            <td>{r.cancellations}</td>
                            <td>{r.open_places}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// At most this many bars: a phone shows about that many, and hundreds
/// would take long to draw. The table holds every row.
const MOST_BARS: usize = 20;

/// Horizontal bars, one per row (the rows with most hours, if many): agreed
/// hours, then spontaneous ones. Colours come from the theme's CSS variables,
/// so the chart reads in light and dark.
#[component]
fn HoursChart(rows: Vec<Row>) -> impl IntoView {
    let words = use_texts();
    let t = words.all();
    let hours = |r: &Row| r.agreed_minutes + r.spontaneous_minutes;
    let mut rows: Vec<Row> = rows.into_iter().filter(|r| hours(r) > 0).collect();
    if rows.is_empty() {
        return ().into_any();
    }
    let shortened = rows.len() > MOST_BARS;
    if shortened {
        // Among equal hours the table's order decides (the index breaks ties).
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_unstable_by_key(|&i| (std::cmp::Reverse(hours(&rows[i])), i));
        let mut keep = vec![false; rows.len()];
        order[..MOST_BARS].iter().for_each(|&i| keep[i] = true);
        let mut kept = keep.into_iter();
        rows.retain(|_| kept.next().unwrap_or(false));
    }
    let most = rows.iter().map(|r| r.agreed_minutes + r.spontaneous_minutes).max().unwrap_or(1).max(1) as f64;
    const BAR: f64 = 28.0;
    const WIDTH: f64 = 340.0;
    let height = rows.len() as f64 * (BAR * 2.0) + 8.0;
    let bars = rows.into_iter().enumerate().map(|(i, r)| {
        let y = i as f64 * BAR * 2.0;
        let agreed = r.agreed_minutes as f64 / most * WIDTH;
        let spontaneous = r.spontaneous_minutes as f64 / most * WIDTH;
        let text = format!("{}: {}", label(t, &r.label), t.minutes(r.agreed_minutes + r.spontaneous_minutes));
        view! {
            <g>
                <text x="0" y=y + 18.0 class="chart-label">{text}</text>
                <rect x="0" y=y + 24.0 width=agreed height=BAR - 6.0 class="bar-agreed" />
                <rect x=agreed y=y + 24.0 width=spontaneous height=BAR - 6.0 class="bar-spontaneous" />
            </g>
        }
    });
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") width="100%" role="img" aria-label=t.hours_chart>
                {bars.collect_view()}
            </svg>
            <figcaption>{t.hours_chart}{shortened.then(|| format!(" — {}", (t.chart_shows_most)(MOST_BARS)))}</figcaption>
        </figure>
    }
    .into_any()
}

/// Everyone still in the group at the end of the year, with their hours.
/// Drawn in a task after the table's: with it, a group of two hundred would
/// keep the phone busy for too long in one go.
#[component]
fn ThankYouList(year: Signal<i32>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let shown = after_this_task();
    let list = move || {
        if shown.get() {
            let at = wall_now();
            store.with(&KINDS_READ, |r| report::thank_you(r, year.get(), at))
        } else {
            Vec::new()
        }
    };
    view! {
        <section class="card" aria-labelledby="thank-you-heading">
            <h2 id="thank-you-heading">{move || (words.all().thank_you_list)(year.get())}</h2>
            <ul class="thank-you" aria-label=move || (words.all().thank_you_list)(year.get())>
                {move || list().into_iter().map(|(_, name, minutes)| {
                    view! { <li>{format!("{name} — {}", words.all().minutes(minutes))}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
