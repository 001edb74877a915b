//! The server function of the home page: what waits for the person signed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::review::Waiting;
#[cfg(feature = "ssr")]
use crate::{api::with_status, service};

/// What waits for the person signed in (`None` signed out): an advisor's portfolio narrowed to
/// names containing `buscar`, ordered by `orden` (`pendientes`, `nombre`, `puntaje`), its page
/// `pagina` (from 1); their own companies' requests and actions due.
#[server(prefix = "/api", endpoint = "home/waiting")]
pub async fn get_waiting(
    #[server(default)] orden: String,
    #[server(default)] buscar: String,
    #[server(default)] pagina: String,
) -> Result<Option<Waiting>, AppError> {
    use service::portfolio::{PortfolioOrder, Shown};
    use service::review::waiting;
    let result = async {
        let request = service::RequestContext::current()?;
        if request.viewer.is_none() {
            return Ok(None);
        }
        let cx = request.signed_in()?;
        let page = Shown::Page(pagina.parse().unwrap_or(1));
        Ok(Some(waiting(&cx, PortfolioOrder::parse(&orden), &buscar, page, "advisor's home").await?))
    };
    with_status(result.await)
}
