//! Widgets shared by several pages.

pub mod acting;
pub mod adding;
pub mod duty;
pub mod exporting;
pub mod field;
pub mod history;
pub mod importing;
pub mod inviting;
pub mod joining;
pub mod merging;
pub mod nav;
pub mod notice;
pub mod page_heading;
pub mod shift;
pub mod status;
pub mod write_to;
