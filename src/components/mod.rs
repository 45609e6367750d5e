//! Widgets shared by several pages.

pub mod adding;
pub mod nav;
pub mod notice;
pub mod page_heading;
