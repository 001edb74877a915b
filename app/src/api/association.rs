//! The server function of an association's dashboard.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::association::Dashboard;
#[cfg(feature = "ssr")]
use crate::{api::as_signed_in, service};

/// An association's dashboard, its figures across members narrowed to `sector` (a sector's
/// name, or empty for every sector), its members' page `pagina` (from 1). The association's
/// people only.
#[server(prefix = "/api", endpoint = "associations/dashboard")]
pub async fn get_dashboard(
    association_id: String,
    #[server(default)] sector: String,
    #[server(default)] pagina: String,
) -> Result<Dashboard, AppError> {
    as_signed_in(|cx| async move {
        let sector =
            if sector.is_empty() { None } else { Some(sector.parse().map_err(|_| AppError::NotFound)?) };
        let look = assessments::access::AuditAction::OutsiderViewed;
        let page = Some(pagina.parse().unwrap_or(1));
        service::association::dashboard(&cx, association_id.parse()?, sector, look, page).await
    })
    .await
}
