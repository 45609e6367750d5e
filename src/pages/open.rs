//! Open a file: where a file shared to Flok or opened with it lands, and
//! where a person who received one is told how to open it. It goes to the
//! import preview; on a new phone, "Who are you?" follows the merge.

use leptos::prelude::*;

use crate::arrivals::Arrivals;
use crate::components::importing::{FilePicker, ImportState, Importer};
use crate::components::joining::WhoAreYou;
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::{use_device, use_store, use_texts};

#[component]
pub fn OpenPage() -> impl IntoView {
    let (store, words, device) = (use_store(), use_texts(), use_device());
    let arrivals = expect_context::<Arrivals>();
    let importer = Importer::new();
    // A file that arrives (now, or while the page is open) is read once.
    Effect::new(move |_| {
        if let Some(file) = arrivals.file.get() {
            arrivals.file.set(None);
            importer.read(file);
        }
    });
    let new_phone = move || device.me.get().is_none() && store.has_people();
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Open)) />
            <p>{move || words.all().open_file_help}</p>
            <FilePicker importer id="open-file" label=|t| t.open_file_received />
            <ImportState importer finished=|| () />
            <Show when=move || importer.merged() && new_phone()>
                <WhoAreYou />
            </Show>
        </section>
    }
}
