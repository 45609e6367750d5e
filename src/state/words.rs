//! The interface's words, in the language chosen on this device or else the
//! browser's.

use leptos::prelude::*;

use super::Device;
use crate::i18n::{AllTexts, Lang, Texts};

#[derive(Clone, Copy)]
pub struct Words {
    lang: Memo<Lang>,
}

impl Words {
    pub fn new(device: Device) -> Self {
        Self { lang: Memo::new(move |_| device.language_choice.get().unwrap_or(device.browser_lang)) }
    }

    /// The words, in the interface's language (a view that reads them
    /// follows a change of language).
    #[inline(never)]
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// Every word, for the pages only the whole app holds (naming them from
    /// a page of the volunteer's build would put them all in its download).
    pub fn all(&self) -> &'static AllTexts {
        self.lang.get().all_texts()
    }

    /// The interface's language.
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }
}

/// The interface's words, for a component.
#[inline(never)]
pub fn use_texts() -> Words {
    use_context::<Words>().expect(super::PROVIDED)
}
