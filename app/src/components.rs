//! Pieces shared by every page.

mod language_switch;
mod site_footer;
mod site_header;

pub use language_switch::LanguageSwitch;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
