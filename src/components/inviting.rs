//! Inviting a new phone: a link (and its QR code, drawn here) that carries
//! after its `#` what the phone needs — the group's live sync, or which
//! file to ask for — and whether it is for a volunteer.

use flok_core::invitation::{Invitation, LiveTarget};
use leptos::prelude::*;
use leptos::task::spawn_local;
use qrcode::render::svg;
use qrcode::QrCode;

use crate::components::field::FormField;
use crate::state::{use_store, use_sync, use_texts};

/// The coordinator's card in Settings that makes invitations.
#[component]
pub fn InviteCard() -> impl IntoView {
    let (store, sync, words) = (use_store(), use_sync(), use_texts());
    let has_sync = move || sync.settings.with(Option::is_some);
    // Through live sync where it is set up, unless the coordinator chose otherwise.
    let chosen_way = RwSignal::new(None::<bool>);
    let live = Signal::derive(move || chosen_way.get().unwrap_or_else(has_sync));
    let (user, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // Who the new phone syncs as: as this one, unless changed here.
    Effect::new(move |_| {
        if let Some(settings) = sync.settings.get() {
            user.set(settings.user);
            password.set(settings.password);
        }
    });
    let ask_for = RwSignal::new(String::new());
    let volunteer = RwSignal::new(true);
    let made = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = sync.settings.get_untracked().filter(|_| live.get_untracked()).map(|s| LiveTarget {
            server: s.server,
            database: s.database,
            user: user.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        });
        let invitation = Invitation {
            group: store.settings_untracked().group_name,
            live: target,
            ask_for: ask_for.get_untracked().trim().to_owned(),
            volunteer: volunteer.get_untracked(),
        };
        // Where this phone keeps a session cookie instead, the password must be typed.
        if invitation.live.as_ref().is_some_and(|live| !live.user.is_empty() && live.password.is_empty()) {
            return password_error.set(Some(words.all().invitation_needs_password.to_owned()));
        }
        match invitation.check() {
            Ok(()) => made.set(Some(link_to(&invitation))),
            Err(refused) => error.set(Some(words.all().invitation_error(&refused))),
        }
    };
    let edited = Callback::new(move |()| {
        made.set(None);
        error.set(None);
        password_error.set(None);
    });
    view! {
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || words.all().invite_someone}</h2>
            <p>{move || words.all().invite_help}</p>
            <form aria-label=move || words.all().invite_someone novalidate on:submit=make>
                <fieldset class="field">
                    <legend>{move || words.all().how_data_comes}</legend>
                    <div class="field check">
                        <input id="invite-live" type="radio" name="invite-way" disabled=move || !has_sync()
                            prop:checked=move || live.get() on:change=move |_| { chosen_way.set(Some(true)); edited.run(()); } />
                        <label for="invite-live">{move || words.all().through_live_sync}</label>
                    </div>
                    <div class="field check">
                        <input id="invite-file" type="radio" name="invite-way"
                            prop:checked=move || !live.get() on:change=move |_| { chosen_way.set(Some(false)); edited.run(()); } />
                        <label for="invite-file">{move || words.all().a_file_i_send}</label>
                    </div>
                </fieldset>
                <Show when=move || !has_sync()>
                    <p class="help">{move || words.all().live_sync_not_set_up}</p>
                </Show>
                <Show when=move || live.get()>
                    <FormField id="invite-user" label=|w| w.all().user_name autocomplete="off" value=user on_edit=edited />
                    <FormField id="invite-password" label=|w| w.all().password kind="password" autocomplete="off"
                        value=password error=password_error on_edit=edited />
                </Show>
                <Show when=move || !live.get()>
                    <FormField id="invite-ask-for" label=|w| w.all().which_file_to_ask_for value=ask_for on_edit=edited />
                </Show>
                <div class="field check">
                    <input id="invite-volunteer" type="checkbox" prop:checked=move || volunteer.get()
                        on:change=move |ev| { volunteer.set(event_target_checked(&ev)); edited.run(()); } />
                    <label for="invite-volunteer">{move || words.all().for_a_volunteer}</label>
                </div>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary">{move || words.all().make_invitation}</button>
                </div>
            </form>
            {move || made.get().map(|link| view! { <MadeInvitation link live=live.get_untracked() /> })}
        </section>
    }
}

/// The link with its QR code, and ways to pass it on.
#[component]
fn MadeInvitation(link: String, live: bool) -> impl IntoView {
    let words = use_texts();
    let copied = RwSignal::new(None::<&'static str>);
    let qr = QrCode::new(link.as_bytes())
        .map(|code| code.render::<svg::Color>().min_dimensions(240, 240).quiet_zone(true).build())
        .unwrap_or_default();
    let copy = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                let clipboard = window().navigator().clipboard();
                let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link)).await.is_ok();
                let t = words.all();
                let _ = copied.try_set(Some(if done { t.link_copied } else { t.copy_by_hand }));
            });
        }
    };
    let share = {
        let link = link.clone();
        move |_| {
            let data = web_sys::ShareData::new();
            data.set_url(&link);
            data.set_title(words.all().invitation_to_flok);
            let _ = window().navigator().share_with_data(&data);
        }
    };
    view! {
        {live.then(|| view! { <p class="warning" role="note">{move || words.all().link_reads_everything}</p> })}
        <div class="field">
            <label for="invitation-made">{move || words.all().invitation_link}</label>
            <input id="invitation-made" type="url" readonly prop:value=link.clone() />
        </div>
        <div class="actions">
            <button type="button" on:click=copy>{move || words.all().copy_link}</button>
            <button type="button" on:click=share>{move || words.all().share_link}</button>
        </div>
        <p class="status" role="status">{move || copied.get()}</p>
        <div class="qr" role="img" aria-label=move || words.all().qr_of_invitation inner_html=qr></div>
    }
}

/// The link to this very Flok, with the invitation after its `#`.
fn link_to(invitation: &Invitation) -> String {
    let here = window().location().href().unwrap_or_default();
    let base = here.split('#').next().unwrap_or_default();
    format!("{base}{}", invitation.fragment())
}
