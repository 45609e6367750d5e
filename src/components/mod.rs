//! Widgets shared by several pages.

pub mod nav;
pub mod notice;
pub mod page_heading;
