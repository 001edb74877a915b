//! The server function of the home page: what waits for the person signed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::review::Waiting;
#[cfg(feature = "ssr")]
use crate::{api::with_status, service};

/// What waits for the person signed in (`None` signed out): an advisor's portfolio narrowed to
/// names containing `buscar` and ordered by `orden` (`pendientes`, `nombre`, `puntaje`), their
/// own companies' requests and actions due.
#[server(prefix = "/api", endpoint = "home/waiting")]
pub async fn get_waiting(
    #[server(default)] orden: String,
    #[server(default)] buscar: String,
) -> Result<Option<Waiting>, AppError> {
    use service::review::{PortfolioOrder, waiting};
    let result = async {
        let request = service::RequestContext::current()?;
        if request.viewer.is_none() {
            return Ok(None);
        }
        let cx = request.signed_in()?;
        Ok(Some(waiting(&cx, PortfolioOrder::parse(&orden), &buscar, "advisor's home").await?))
    };
    with_status(result.await)
}
