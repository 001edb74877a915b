//! One module per page.

mod access;
mod answer_section;
mod assessment;
mod association;
mod audit_log;
mod companies;
mod gap_report;
mod home;
mod invitation;
mod legal_parameters;
mod organizations;
mod people;
mod plan;
mod questionnaires;
mod setup;
mod sign_in;

pub use access::AccessPage;
pub use answer_section::AnswerSectionPage;
pub use assessment::{AssessmentPage, CompanyAssessmentsBlock, CompanyPlansBlock};
pub use association::AssociationPage;
pub use audit_log::AuditLogPage;
pub use companies::{CompaniesPage, CompanyPage};
pub use gap_report::GapReportPage;
pub use home::HomePage;
pub use invitation::InvitationPage;
pub use legal_parameters::LegalParametersPage;
pub use organizations::OrganizationsPage;
pub use people::PeoplePage;
pub use plan::{ActionPageView, PlanPageView};
pub use questionnaires::QuestionnairesPage;
pub use setup::SetupPage;
pub use sign_in::SignInPage;
