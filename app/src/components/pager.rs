use leptos::prelude::*;

use crate::i18n::use_texts;

/// Which page of a long list of companies is shown, of how many, and how many companies it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOf {
    /// Counted from 1.
    pub page: u32,
    pub pages: u32,
    pub total: u32,
}

/// Where the reader is in a long list of companies, and plain links to the pages before and
/// after (they work without WebAssembly): `link` makes a page's address. Nothing for one page.
#[component]
pub fn Pager(label: &'static str, at: PageOf, link: impl Fn(u32) -> String + 'static) -> impl IntoView {
    let t = use_texts();
    (at.pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=label>
                <p>{(t.page_of_companies)(at.page, at.pages, at.total)}</p>
                {(at.page > 1).then(|| view! { <a rel="prev" href=link(at.page - 1)>{t.previous_page}</a> })}
                {(at.page < at.pages).then(|| view! { <a rel="next" href=link(at.page + 1)>{t.next_page}</a> })}
            </nav>
        }
    })
}
