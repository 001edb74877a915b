//! The addresses of the app's pages and files, built in one place so links and redirects agree;
//! a test (`tests/integration/addresses.rs`) requests each. Form actions next to their page build
//! their own (`{page}/enviar`), and fixed ones (`/entrar`) are written where used.

use assessments::ids::{ActionId, AssessmentId, OrganizationId, PlanId};

/// Percent-encodes everything but unreserved characters and `/`, enough for a query value.
pub fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The sign-in page, returning to `here` afterwards.
pub fn sign_in_href(here: &str) -> String {
    format!("/entrar?volver={}", percent_encode(here))
}

/// A page of an advisor's portfolio on the home, keeping its order and search.
pub fn home_page(order: &str, search: &str, page: u32) -> String {
    let mut query = vec![format!("pagina={page}")];
    if !order.is_empty() {
        query.push(format!("orden={}", percent_encode(order)));
    }
    if !search.is_empty() {
        query.push(format!("buscar={}", percent_encode(search)));
    }
    format!("/?{}", query.join("&"))
}

/// A page of an association's dashboard, keeping its sector.
pub fn association_page(
    id: OrganizationId,
    sector: Option<assessments::organization::Sector>,
    page: u32,
) -> String {
    match sector {
        Some(sector) => format!("{}?sector={}&pagina={page}", association(id), sector.as_str()),
        None => format!("{}?pagina={page}", association(id)),
    }
}

/// An assessment's overview page.
pub fn assessment(id: AssessmentId) -> String {
    format!("/evaluaciones/{id}")
}

/// One section of an assessment, to answer.
pub fn assessment_section(id: AssessmentId, section_id: &str) -> String {
    format!("/evaluaciones/{id}/secciones/{section_id}")
}

/// An improvement plan's page.
pub fn plan(id: PlanId) -> String {
    format!("/planes/{id}")
}

/// One action of a plan.
pub fn plan_action(plan_id: PlanId, action_id: ActionId) -> String {
    format!("/planes/{plan_id}/acciones/{action_id}")
}

/// A company's page.
pub fn company(id: OrganizationId) -> String {
    format!("/empresas/{id}")
}

/// A company's grants to advisors and associations.
pub fn company_access(id: OrganizationId) -> String {
    format!("/empresas/{id}/accesos")
}

/// A company's audit log.
pub fn company_audit_log(id: OrganizationId) -> String {
    format!("/empresas/{id}/bitacora")
}

/// A producer association's dashboard, and its exports (`/panel.csv`, `/panel.pdf`).
pub fn association(id: OrganizationId) -> String {
    format!("/asociaciones/{id}")
}

/// An organization's people.
pub fn people(organization_id: OrganizationId) -> String {
    format!("/organizaciones/{organization_id}/personas")
}

/// An assessment's gap report, and its exports.
pub fn gap_report(id: AssessmentId) -> String {
    format!("/evaluaciones/{id}/brechas")
}

pub fn gap_report_csv(id: AssessmentId) -> String {
    format!("/evaluaciones/{id}/brechas.csv")
}

pub fn gap_report_pdf(id: AssessmentId) -> String {
    format!("/evaluaciones/{id}/brechas.pdf")
}

/// The blank questionnaire of an assessment, to fill in on paper.
pub fn paper_questionnaire(id: AssessmentId) -> String {
    format!("/evaluaciones/{id}/cuestionario.pdf")
}

/// Every legal value by date, with its sources: public.
pub fn legal_parameters() -> String {
    "/parametros-legales".to_owned()
}

/// An improvement plan as a PDF.
pub fn plan_pdf(id: PlanId) -> String {
    format!("/planes/{id}/pdf")
}

/// A one-time invitation.
pub fn invitation(token: &str) -> String {
    format!("/invitacion/{token}")
}
