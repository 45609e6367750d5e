//! Competences given by prior agreement (buys supplies, holds a key…): who
//! holds which, filtered by competence and by who is on duty now, so "who
//! has a key and is here?" is one tap; give and take back; add the group's own.

use flok_core::duty;
use flok_core::model::{CheckIn, Competence, Grant, Person};
use flok_core::{Entity, Id};
use leptos::prelude::*;

use crate::components::adding::{chosen, AddPanel, PersonOptions, SaveOrCancel};
use crate::components::field::FormField;
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::{use_device, use_now, use_store, use_texts};

#[component]
pub fn CompetencesPage() -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let filter = RwSignal::new(None::<Id>);
    let on_duty_only = RwSignal::new(false);
    let competences = Memo::new(move |_| store.with(&[Competence::KIND], Competence::all));
    let name_of = move |id: Id| {
        competences
            .with(|all| all.iter().find(|(c, _)| *c == id).map(|(c, comp)| words.all().competence_name(*c, comp)))
    };
    // Each person with the grants they hold, as the filters allow.
    let holders = Memo::new(move |_| {
        let wanted = filter.get();
        let only_here = on_duty_only.get();
        let at = now.at();
        store.with(&[CheckIn::KIND, Grant::KIND, Person::KIND], |r| {
            let here = duty::here(r, at);
            let grants = r.all::<Grant>();
            Person::by_name(r)
                .into_iter()
                .filter(|(id, _)| !only_here || here.contains(id))
                .filter_map(|(id, person)| {
                    let held: Vec<(Id, Id)> = grants
                        .iter()
                        .filter(|(_, g)| g.person == id && wanted.is_none_or(|w| g.competence == w))
                        .map(|(grant, g)| (*grant, g.competence))
                        .collect();
                    (!held.is_empty()).then(|| (id, person.name.to_string(), held))
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Competences)) />
            <GiveForm competences />
            <AddPanel label=|t| t.add_competence form=|on_added, on_cancel| view! { <AddCompetenceForm on_added on_cancel /> } />
            <h2>{move || words.all().who_holds_which}</h2>
            <div class="field">
                <label for="competence-filter">{move || words.all().show_who_holds}</label>
                <select id="competence-filter" on:change=move |ev| filter.set(event_target_value(&ev).parse().ok())>
                    <option value="">{move || words.all().all_competences}</option>
                    {move || competences.get().into_iter().map(|(id, c)| {
                        view! { <option value=id.to_string() selected=move || filter.get() == Some(id)>{move || words.all().competence_name(id, &c)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field check">
                <input id="on-duty-only" type="checkbox" prop:checked=move || on_duty_only.get()
                    on:change=move |ev| on_duty_only.set(event_target_checked(&ev)) />
                <label for="on-duty-only">{move || words.all().on_duty_now}</label>
            </div>
            <Show when=move || holders.with(|h| !h.is_empty()) fallback=move || view! { <p class="empty">{move || words.all().no_holders}</p> }>
                <ul class="people" aria-label=move || words.all().who_holds_which>
                    {move || holders.get().into_iter().map(|(_, person, held)| {
                        view! {
                            <li class="person">
                                <p class="agreement-who">{person.clone()}</p>
                                <ul class="held">
                                    {held.into_iter().map(|(grant, competence)| {
                                        let person = person.clone();
                                        let competence = move || name_of(competence).unwrap_or_default();
                                        view! {
                                            <li class="row">
                                                <span>{competence}</span>
                                                <button type="button" aria-label=move || (words.all().remove_from)(&competence(), &person)
                                                    on:click=move |_| store.revoke(grant)>
                                                    {move || words.all().remove}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// Give a competence to a person.
#[component]
fn GiveForm(competences: Memo<Vec<(Id, Competence)>>) -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let person = RwSignal::new(String::new());
    let competence = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = words.all();
        let (Ok(who), Ok(what)) = (person.get_untracked().parse::<Id>(), competence.get_untracked().parse::<Id>())
        else {
            return status.set(Some(
                if person.get_untracked().is_empty() { t.choose_person } else { t.competence_needs_name }.into(),
            ));
        };
        store.grant(who, what, device.me.get_untracked());
        let name = competences.with_untracked(|all| {
            all.iter().find(|(id, _)| *id == what).map(|(id, c)| t.competence_name(*id, c)).unwrap_or_default()
        });
        status.set(Some((t.given)(&name, &store.name_of(who))));
    };
    view! {
        <form class="card" aria-label=move || words.all().give_competence novalidate on:submit=submit>
            <div class="pause-fields">
                <FormField id="give-person" label=|w| w.all().person value=person>
                    <option value="">{move || words.all().choose}</option>
                    <PersonOptions selected=chosen(person) />
                </FormField>
                <FormField id="give-competence" label=|w| w.all().competence value=competence>
                    <option value="">{move || words.all().choose}</option>
                    <For each=move || competences.get() key=|(id, c)| (*id, c.name.clone()) let:entry>
                        <option value=entry.0.to_string() prop:selected=move || competence.get() == entry.0.to_string()>
                            {move || words.all().competence_name(entry.0, &entry.1)}
                        </option>
                    </For>
                </FormField>
            </div>
            <div class="actions">
                <button type="submit" class="primary">{move || words.all().give}</button>
            </div>
            <p class="status" role="status">{move || status.get()}</p>
        </form>
    }
}

#[component]
fn AddCompetenceForm(on_added: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let name = RwSignal::new(String::new());
    let refused = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if store.add_competence(&name.get_untracked()) {
            on_added.run(name.get_untracked().trim().to_owned());
        } else {
            refused.set(true);
        }
    };
    view! {
        <form class="card" aria-label=move || words.all().add_competence novalidate on:submit=submit>
            <FormField id="new-competence" label=|w| w.all().competence value=name
                error=Signal::derive(move || refused.get().then(|| words.all().competence_needs_name.to_owned()))
                on_edit=Callback::new(move |()| refused.set(false)) />
            <SaveOrCancel on_cancel />
        </form>
    }
}
