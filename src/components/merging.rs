//! One person recorded twice ("Anna H." made on a phone, "Anna Hansen" by
//! the coordinator): the other record is merged into this one, after a
//! confirmation naming both.

use flok_core::duplicates::MergeError;
use flok_core::Id;
use leptos::prelude::*;

use crate::components::adding::PersonOptions;
use crate::components::field::FormField;
use crate::state::{use_store, use_texts};

/// On a person's page: choose their other record, and merge it into this one.
#[component]
pub fn SamePerson(id: Id) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let other = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let chosen = move || other.get().parse::<Id>().ok();
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen() {
            Some(duplicate) if duplicate == id => error.set(Some(words.all().merge_error(&MergeError::Same).into())),
            Some(_) => asking.set(true),
            None => error.set(Some(words.all().choose_other_record.into())),
        }
    };
    let merge = move |_| {
        let Some(duplicate) = chosen() else { return };
        let (theirs, mine) = (store.name_of(duplicate), store.name_of(id));
        asking.set(false);
        match store.merge_people(duplicate, id) {
            Ok(()) => {
                other.set(String::new());
                status.set(Some((words.all().merged_people)(&theirs, &mine)));
            }
            Err(refused) => error.set(Some(words.all().merge_error(&refused).into())),
        }
    };
    let warning = move || chosen().map(|d| (words.all().merge_warning)(&store.name_of(d), &store.name_of(id)));
    view! {
        <section class="card" aria-labelledby="same-person-heading">
            <h2 id="same-person-heading">{move || words.all().same_person_twice}</h2>
            <p>{move || (words.all().same_person_help)(&store.name_of(id))}</p>
            <form aria-label=move || words.all().same_person_twice novalidate on:submit=ask>
                <FormField id="other-record" label=|w| w.all().other_record value=other error
                    on_edit=Callback::new(move |()| { error.set(None); asking.set(false); })>
                    <option value="">{move || words.all().no_one_chosen}</option>
                    <PersonOptions selected=Signal::derive(chosen) />
                </FormField>
                <div class="actions">
                    <button type="submit">{move || (words.all().merge_into)(&store.name_of(id))}</button>
                </div>
            </form>
            <Show when=move || asking.get()>
                <div class="confirm" role="group" aria-label=move || words.all().confirm_merge>
                    <p>{warning}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=merge>{move || words.all().confirm_merge}</button>
                        <button type="button" on:click=move |_| asking.set(false)>{move || words.all().cancel}</button>
                    </div>
                </div>
            </Show>
            <p class="status" role="status">{move || status.get()}</p>
        </section>
    }
}
