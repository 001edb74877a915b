//! Pieces shared by every page.

mod content_text;
mod dates;
mod error_notice;
mod form_problems;
mod invitation_link;
mod language_switch;
mod loaded;
mod member_card;
mod new_account_form;
mod not_found;
mod pager;
mod parameter_values;
mod progress_bar;
mod review_threads;
mod site_footer;
mod site_header;

pub use content_text::{ContentLanguage, ContentText};
pub use dates::{day, minute};
pub use error_notice::ErrorNotice;
pub use form_problems::{FieldProblems, use_form_problems, use_kept_value};
pub use invitation_link::InvitationLink;
pub use language_switch::LanguageSwitch;
pub use loaded::Loaded;
pub use member_card::MemberCard;
pub use new_account_form::NewAccountForm;
pub use not_found::NotFoundPage;
pub use pager::{PageOf, Pager};
pub use parameter_values::ParameterValues;
pub use progress_bar::{PlanProgressBar, ProgressBar};
pub use review_threads::{NewThreadForm, SubjectReview, ThreadList, WrittenText};
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
