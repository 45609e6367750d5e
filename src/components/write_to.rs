//! Writing to a group of people at once: a `mailto:` link with their
//! addresses in BCC (nobody sees the others' addresses), and their phone
//! numbers as a list to copy into a messenger.

use flok_core::model::Person;
use flok_core::Id;
use leptos::prelude::*;

use crate::state::{use_store, use_texts};

/// "E-mail everyone on it" and "Phone numbers" for `people`, when any is known.
#[component]
pub fn WriteToEveryone(#[prop(into)] people: Signal<Vec<Id>>, label: String) -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let known = Memo::new(move |_| {
        let (mut addresses, mut numbers) = (Vec::new(), Vec::new());
        let mut ids = people.get();
        ids.sort_unstable();
        ids.dedup();
        for person in ids.into_iter().filter_map(|id| store.read::<Person>(id)) {
            addresses.extend(person.email_address().map(str::to_owned));
            numbers.extend(
                person
                    .phone
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| format!("{} {n}", person.name)),
            );
        }
        (addresses, numbers)
    });
    view! {
        <Show when=move || known.with(|(a, n)| !a.is_empty() || !n.is_empty())>
            <div class="write-to" role="group" aria-label=label.clone()>
                {move || known.with(|(addresses, _)| (!addresses.is_empty()).then(|| {
                    let href = format!("mailto:?bcc={}", addresses.join(","));
                    view! { <a class="button" href=href>{words.all().write_to_everyone}</a> }
                }))}
                {move || known.with(|(_, numbers)| (!numbers.is_empty()).then(|| view! {
                    <details>
                        <summary>{words.all().phone_numbers}</summary>
                        <p class="copyable">{numbers.join(", ")}</p>
                    </details>
                }))}
            </div>
        </Show>
    }
}
