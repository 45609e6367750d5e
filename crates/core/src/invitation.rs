//! An invitation to join a group, carried in a link's fragment (everything
//! after `#`, which a browser never sends to any server): the group's name,
//! its live-sync settings or which file to ask for, and whether the new
//! phone is for a volunteer. A checksum tells a link cut short or edited by
//! hand from a sound one, so a damaged link sets nothing up.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::couch::{database_url, SettingsError};

/// The address fragment an invitation sits behind.
pub const PREFIX: &str = "#/join/";
/// The invitation format this build writes and reads.
const VERSION: &str = "1";
/// Longer than any sound invitation: a pasted text this long is not one.
const MAX_LEN: usize = 4_000;

/// What a new phone needs to join a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub group: String,
    /// The group's live sync, if it has one: whoever holds the link can read the group's data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<LiveTarget>,
    /// For a group without a server: which file to ask for, and from whom.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ask_for: String,
    /// The phone joins in volunteer use (coordinator mode off).
    #[serde(default)]
    pub volunteer: bool,
}

/// A CouchDB database and who to sync as.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveTarget {
    pub server: String,
    pub database: String,
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub password: String,
}

/// Why a link cannot be used. Nothing has been set up when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InvitationError {
    #[error("This invitation link is incomplete or was changed; ask for a new one.")]
    Damaged,
    #[error("This invitation was made by a newer version of Flok; update Flok to use it.")]
    Newer,
    #[error("The invitation's live sync settings cannot be used: {0}.")]
    Settings(#[from] SettingsError),
}

impl Invitation {
    /// Checks what an invitation would set up.
    pub fn check(&self) -> Result<(), InvitationError> {
        match &self.live {
            Some(live) => database_url(&live.server, &live.database).map(drop).map_err(InvitationError::from),
            None => Ok(()),
        }
    }

    /// The fragment of the link, starting with [`PREFIX`].
    pub fn fragment(&self) -> String {
        let json = serde_json::to_vec(self).expect("an invitation always serializes");
        let body = format!("{VERSION}.{}", BASE64.encode(json));
        format!("{PREFIX}{body}.{}", checksum(&body))
    }

    /// Reads the part of a link after [`PREFIX`] (or a whole link pasted).
    pub fn read(text: &str) -> Result<Self, InvitationError> {
        let text = text.trim();
        let text = text.rsplit_once(PREFIX).map_or(text, |(_, after)| after);
        if text.len() > MAX_LEN {
            return Err(InvitationError::Damaged);
        }
        let (body, written) = text.rsplit_once('.').ok_or(InvitationError::Damaged)?;
        let (version, payload) = body.split_once('.').ok_or(InvitationError::Damaged)?;
        if checksum(body) != written {
            // A newer build may write a longer body; its version still shows.
            let newer = version.parse::<u32>().is_ok_and(|v| v > 1);
            return Err(if newer { InvitationError::Newer } else { InvitationError::Damaged });
        }
        if version != VERSION {
            return Err(InvitationError::Newer);
        }
        let json = BASE64.decode(payload).map_err(|_| InvitationError::Damaged)?;
        let invitation: Self = serde_json::from_slice(&json).map_err(|_| InvitationError::Damaged)?;
        invitation.check()?;
        Ok(invitation)
    }
}

/// Eight bytes of SHA-256, enough to notice an accident (not an attacker:
/// whoever can edit the link can make a new one).
fn checksum(body: &str) -> String {
    BASE64.encode(&Sha256::digest(body.as_bytes())[..8])
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn live() -> Invitation {
        Invitation {
            group: "Aktivitetscentret Kløveren".into(),
            live: Some(LiveTarget {
                server: "https://couch.example.org".into(),
                database: "kloeveren".into(),
                user: "frivillig".into(),
                password: "hemmelig æøå".into(),
            }),
            ask_for: String::new(),
            volunteer: true,
        }
    }

    #[test]
    fn a_link_reads_back_as_the_invitation() {
        let fragment = live().fragment();
        assert!(fragment.starts_with(PREFIX));
        assert_eq!(Invitation::read(&fragment), Ok(live()));
        let link = format!("https://flok.example.org/app/{fragment}");
        assert_eq!(Invitation::read(&link), Ok(live()), "a whole link pasted");
        let file = Invitation {
            group: "Klubben".into(),
            ask_for: "Ask Mette for the .flok file".into(),
            ..Default::default()
        };
        assert_eq!(Invitation::read(&file.fragment()), Ok(file));
    }

    #[test]
    fn a_link_cut_short_or_edited_is_damaged() {
        let fragment = live().fragment();
        for cut in [10, fragment.len() / 2, fragment.len() - 1] {
            assert_eq!(Invitation::read(&fragment[..cut]), Err(InvitationError::Damaged), "cut at {cut}");
        }
        let edited = fragment.replacen("eyJ", "eyK", 1);
        assert_ne!(edited, fragment);
        assert_eq!(Invitation::read(&edited), Err(InvitationError::Damaged));
        assert_eq!(Invitation::read(""), Err(InvitationError::Damaged));
        assert_eq!(Invitation::read("#/join/hello"), Err(InvitationError::Damaged));
    }

    #[test]
    fn a_newer_invitation_and_unusable_settings_are_named() {
        let body = format!("2.{}", BASE64.encode(b"{}"));
        assert_eq!(Invitation::read(&format!("{body}.{}", checksum(&body))), Err(InvitationError::Newer));
        let mut plain = live();
        plain.live.as_mut().unwrap().server = "http://couch.example.org".into();
        assert_eq!(Invitation::read(&plain.fragment()), Err(InvitationError::Settings(SettingsError::NotSecure)));
    }

    proptest! {
        #[test]
        fn any_invitation_reads_back_and_any_single_edit_is_caught(
            group in ".{0,40}", ask_for in ".{0,40}", volunteer in any::<bool>(), at in any::<prop::sample::Index>(),
        ) {
            let invitation = Invitation { group, ask_for, volunteer, live: None };
            let fragment = invitation.fragment();
            prop_assert_eq!(Invitation::read(&fragment), Ok(invitation));
            // Any one character of the body changed to another is noticed.
            let body = &fragment[PREFIX.len()..];
            let i = at.index(body.len());
            let c = body.as_bytes()[i];
            let other = if c == b'x' { 'y' } else { 'x' };
            let edited = format!("{}{}{}", &body[..i], other, &body[i + 1..]);
            prop_assert!(Invitation::read(&edited).is_err());
        }
    }
}
