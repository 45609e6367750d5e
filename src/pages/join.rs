//! Where an invitation link opens: what joining will set up, then (once
//! the group's data is here) "Who are you?". A damaged link sets up nothing.
//! Without an invitation (`#/join`, the first screen's "Join my group"):
//! open the file received, or paste the link.

use flok_core::invitation::Invitation;
use leptos::prelude::*;

use crate::components::field::FormField;
use crate::components::importing::{FilePicker, ImportState, Importer};
use crate::components::joining::WhoAreYou;
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::{use_device, use_store, use_sync, use_texts};
use crate::sync::SyncSettings;

#[component]
pub fn JoinPage(invitation: String) -> impl IntoView {
    let words = use_texts();
    // No invitation at all is the first screen's "Join my group".
    let read = (!invitation.is_empty()).then(|| Invitation::read(&invitation));
    view! {
        <section aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().join_a_group) />
            {match read {
                None => view! { <JoinGroup /> }.into_any(),
                Some(Ok(invitation)) => view! { <Joining invitation /> }.into_any(),
                Some(Err(refused)) => view! {
                    <p class="field-error" role="alert">{move || words.all().invitation_error(&refused)}</p>
                    <p><a class="button" href=Page::Today.href()>{move || words.all().go_to_today}</a></p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn Joining(invitation: Invitation) -> impl IntoView {
    let (store, words, device, sync) = (use_store(), use_texts(), use_device(), use_sync());
    let joined = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let Invitation { group, live, ask_for, volunteer } = invitation;
    let place =
        live.as_ref().map(|l| (format!("{}/{}", l.server.trim().trim_end_matches('/'), l.database), l.user.clone()));
    let join = move |_| {
        device.set_coordinator(!volunteer);
        if let Some(live) = live.clone() {
            let settings = SyncSettings {
                server: live.server,
                database: live.database,
                user: live.user,
                password: live.password,
                session: false,
            };
            if let Err(refused) = sync.set_settings(Some(settings)) {
                return error.set(Some(words.all().sync_settings_error(&refused).to_owned()));
            }
        }
        joined.set(true);
    };
    let by_sync = place.is_some();
    let synced = move || sync.status.with(|s| !s.running && s.error.is_none() && s.synced_at.is_some());
    let importer = Importer::new();
    view! {
        <h2>{(words.all().join_group_named)(&group)}</h2>
        {match place {
            Some((place, user)) => view! {
                <p>{move || (words.all().will_sync_with)(&place, &user)}</p>
                <p class="warning" role="note">{move || words.all().link_reads_everything}</p>
            }.into_any(),
            None => view! {
                <p>{move || words.all().file_invitation}</p>
                {(!ask_for.is_empty()).then(|| view! { <p class="note">{ask_for}</p> })}
            }.into_any(),
        }}
        <p>{move || if volunteer { words.all().phone_for_volunteer } else { words.all().phone_for_coordinator }}</p>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        <Show when=move || !joined.get()>
            <div class="actions">
                <button type="button" class="primary" on:click=join.clone()>{move || words.all().join_the_group}</button>
            </div>
        </Show>
        <Show when=move || joined.get() && by_sync>
            <p class="status" role="status">{move || {
                let t = words.all();
                sync.status.with(|s| match &s.error {
                    Some(e) => format!("{} {}", t.sync_error(e), t.sync_nothing_lost),
                    None if s.running || s.synced_at.is_none() => t.fetching_group_data.to_owned(),
                    None => t.group_data_here.to_owned(),
                })
            }}</p>
        </Show>
        <Show when=move || joined.get() && !by_sync>
            <FilePicker importer id="join-file" label=|t| t.open_file_received />
            <ImportState importer finished=|| () />
        </Show>
        <Show when=move || joined.get() && (synced() || !by_sync) && store.has_people()>
            <ThenWhoAreYou />
        </Show>
    }
}

/// Once the group's data is here: who you are, or on to your day.
#[component]
fn ThenWhoAreYou() -> impl IntoView {
    let (words, device) = (use_texts(), use_device());
    move || match device.me.get() {
        None => view! { <WhoAreYou /> }.into_any(),
        Some(_) => {
            view! { <p><a class="button" href=Page::Today.href()>{move || words.all().go_to_today}</a></p> }.into_any()
        }
    }
}

/// Joining: the file received, or the invitation link pasted.
#[component]
fn JoinGroup() -> impl IntoView {
    let (store, words) = (use_store(), use_texts());
    let importer = Importer::new();
    let link = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Invitation::read(&link.get_untracked()) {
            Ok(invitation) => {
                let _ = window().location().set_hash(&invitation.fragment()[1..]);
            }
            Err(refused) => error.set(Some(words.all().invitation_error(&refused))),
        }
    };
    view! {
        <section class="card" aria-labelledby="join-heading">
            <h2 id="join-heading">{move || words.all().join_my_group}</h2>
            <p>{move || words.all().join_help}</p>
            <FilePicker importer id="join-file" label=|t| t.open_file_received />
            <ImportState importer finished=|| () />
            <Show when=move || store.has_people()>
                <ThenWhoAreYou />
            </Show>
            <form aria-label=move || words.all().open_invitation novalidate on:submit=open>
                <FormField id="invitation-link" label=|w| w.all().invitation_link kind="url" value=link error
                    on_edit=Callback::new(move |()| error.set(None)) />
                <div class="actions">
                    <button type="submit">{move || words.all().open_invitation}</button>
                </div>
            </form>
        </section>
    }
}
