use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::components::ErrorNotice;
use crate::error::AppError;
use crate::i18n::use_texts;

/// Waits for a page's data, then shows it with `view` — or the 404 page, the way to sign in, or
/// a calm notice to try again. Pages are rendered whole on the server (`SsrMode::Async`), so
/// without JavaScript the reader never sees the loading line.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, view: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => view(value).into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
