//! Widgets shared by several pages.

pub mod adding;
pub mod duty;
pub mod field;
pub mod nav;
pub mod notice;
pub mod page_heading;
pub mod shift;
pub mod status;
